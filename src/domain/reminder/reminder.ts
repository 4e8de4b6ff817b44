/**
 * The daily reminder: when to show it, and what it says. Pure: `now` and the day clock are
 * parameters. The service worker runs this on each periodic background sync; the browser decides
 * how often that is, so "remind at 08:00" means "at the first check on or after 08:00".
 */
import { type DayClock, DAY, MINUTE, shift, studyDay } from '../scheduling/time';
import { countOf } from '../vocabulary';

/** The periodic background sync tag the app registers and the service worker answers. */
export const REMINDER_SYNC_TAG = 'daily-reminder';

/** Where a tap on the reminder leads: the study screen of all decks. */
export const REMINDER_ROUTE = '#/study/all';

export interface ReminderSettings {
  enabled: boolean;
  /** Local wall-clock time, minutes after midnight (08:30 → 510). */
  minuteOfDay: number;
}

export const DEFAULT_REMINDER: ReminderSettings = { enabled: false, minuteOfDay: 8 * 60 };

/** A stored row (old, damaged or absent) as settings: each bad field falls back to its default. */
export function normaliseReminder(raw: unknown): ReminderSettings {
  const row = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const minute = row.minuteOfDay;
  return {
    enabled: row.enabled === true,
    minuteOfDay:
      typeof minute === 'number' && Number.isInteger(minute) && minute >= 0 && minute < 24 * 60
        ? minute
        : DEFAULT_REMINDER.minuteOfDay,
  };
}

/** "HH:MM" (what `<input type="time">` gives) → minutes after midnight, or null. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

export function formatTimeOfDay(minuteOfDay: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

export interface ReminderInput {
  now: number;
  clock: DayClock;
  reminder: ReminderSettings;
  /** The study day of the last reminder shown, if any. */
  lastRemindedDay: number | undefined;
  /** Cards waiting today under the day's limits: the deck list's "Study all" number (and the badge's). */
  waiting: number;
  /** Answers given today, to tell "nothing was due" from "the day's work is done". */
  answeredToday: number;
}

export type ReminderDecision =
  | { remind: true; day: number }
  | { remind: false; day: number; reason: 'off' | 'before-time' | 'already-reminded' | 'nothing-due' | 'day-done' };

/**
 * Remind when the reminder is on, the chosen time has come in today's study day, no reminder was
 * shown this study day, and cards are waiting. The chosen time is placed within the study day:
 * with the day starting at 04:00, a 02:00 reminder belongs to the end of the day (the night after).
 */
export function shouldRemind(input: ReminderInput): ReminderDecision {
  const { now, clock, reminder } = input;
  const day = studyDay(now, clock);
  if (!reminder.enabled) return { remind: false, day, reason: 'off' };
  const sinceDayStart = shift(now, clock) - day * DAY;
  const dueAt = (((reminder.minuteOfDay - clock.rolloverHour * 60) % (24 * 60)) + 24 * 60) % (24 * 60);
  if (sinceDayStart < dueAt * MINUTE) return { remind: false, day, reason: 'before-time' };
  if (input.lastRemindedDay === day) return { remind: false, day, reason: 'already-reminded' };
  if (input.waiting <= 0) return { remind: false, day, reason: input.answeredToday > 0 ? 'day-done' : 'nothing-due' };
  return { remind: true, day };
}

/** Seconds a card takes when there is no history to go by. */
export const DEFAULT_SECONDS_PER_CARD = 10;
/** A card left on screen for a long time (the phone put down) counts as this long at most, as in Anki. */
export const ANSWER_TIME_CAP_MS = 60_000;

/** Minutes for `count` cards at the mean of the recent answer times (each capped), at least 1. */
export function estimateMinutes(count: number, recentDurationsMs: readonly number[]): number {
  const times = recentDurationsMs.filter((ms) => ms > 0).map((ms) => Math.min(ms, ANSWER_TIME_CAP_MS));
  const perCardMs = times.length > 0 ? times.reduce((s, ms) => s + ms, 0) / times.length : DEFAULT_SECONDS_PER_CARD * 1000;
  return Math.max(1, Math.round((count * perCardMs) / MINUTE));
}

/** The notification's text: "12 cards waiting — about 6 minutes". */
export function reminderText(count: number, minutes: number): string {
  return `${countOf(count, 'card')} waiting — about ${countOf(minutes, 'minute')}`;
}
