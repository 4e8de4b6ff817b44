/**
 * The daily reminder's storage: its settings (written by Settings), the study day of the last
 * reminder shown (written by the service worker; a separate row, so the two never overwrite each
 * other), and the check the service worker runs on each periodic sync. The count of cards waiting
 * is the deck list's own: the same `loadStudyConfig` and `deckListCounts`, so the badge the service
 * worker sets while the app is closed is the number the app would show.
 */
import {
  normaliseReminder,
  type ReminderDecision,
  type ReminderSettings,
  reminderText,
  estimateMinutes,
  shouldRemind,
} from '../domain/reminder/reminder';
import { type DayClock, type TimeZone, startOfStudyDay, studyDay } from '../domain/scheduling/time';
import type { AppDatabase } from './db';
import { loadStudyConfig } from './presets';
import { deckListCounts } from './study';

export const REMINDER_KEY = 'reminder';
export const REMINDED_KEY = 'reminder-shown';
/** How many of the newest answers give the time per card. */
export const RECENT_ANSWERS = 100;

export async function loadReminder(db: AppDatabase): Promise<ReminderSettings> {
  return normaliseReminder((await db.settings.get(REMINDER_KEY))?.value);
}

export async function saveReminder(db: AppDatabase, settings: ReminderSettings): Promise<void> {
  await db.settings.put({ key: REMINDER_KEY, value: normaliseReminder(settings) });
}

export async function markReminded(db: AppDatabase, day: number): Promise<void> {
  await db.settings.put({ key: REMINDED_KEY, value: day });
}

export interface ReminderCheck {
  /** Cards waiting today under the limits: what the badge shows. */
  waiting: number;
  decision: ReminderDecision;
  /** The notification's text, when the decision is to remind. */
  text?: string;
}

/** Reads what the reminder rule needs (index reads only) and applies it. */
export async function checkReminder(db: AppDatabase, now: number, zone: TimeZone): Promise<ReminderCheck> {
  const config = await loadStudyConfig(db);
  const clock: DayClock = { zone, rolloverHour: config.global.rolloverHour };
  const deckIds = (await db.decks.toArray()).filter((d) => !d.retired).map((d) => d.id);
  const dayStart = startOfStudyDay(studyDay(now, clock), clock);
  const [counts, answeredToday, reminder, reminded] = await Promise.all([
    deckListCounts(db, deckIds, config, now, clock),
    db.reviews.where('review').aboveOrEqual(dayStart).count(),
    loadReminder(db),
    db.settings.get(REMINDED_KEY),
  ]);
  const waiting = counts.all.newCount + counts.all.learningCount + counts.all.reviewCount;
  const lastRemindedDay = typeof reminded?.value === 'number' ? reminded.value : undefined;
  const decision = shouldRemind({ now, clock, reminder, lastRemindedDay, waiting, answeredToday });
  if (!decision.remind) return { waiting, decision };
  const recent = await db.reviews.orderBy('review').reverse().limit(RECENT_ANSWERS).toArray();
  const minutes = estimateMinutes(
    waiting,
    recent.filter((r) => !r.imported).map((r) => r.durationMs),
  );
  return { waiting, decision, text: reminderText(waiting, minutes) };
}
