import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER,
  estimateMinutes,
  formatTimeOfDay,
  normaliseReminder,
  parseTimeOfDay,
  type ReminderInput,
  reminderText,
  shouldRemind,
} from '../../src/domain/reminder/reminder';
import { type DayClock, DAY, fixedZone, ianaZone, studyDay } from '../../src/domain/scheduling/time';

/** An instant written as UTC wall time. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
/** The study-day number labelled by the calendar date y-mo-d. */
const dayOf = (y: number, mo: number, d: number) => Date.UTC(y, mo - 1, d) / DAY;

const tokyo: DayClock = { zone: ianaZone('Asia/Tokyo'), rolloverHour: 4 };
const newYork: DayClock = { zone: ianaZone('America/New_York'), rolloverHour: 4 };
const at8 = { enabled: true, minuteOfDay: 8 * 60 };

/** A reminder at 08:00 in Tokyo with cards waiting and none shown yet; each case changes a field. */
function input(overrides: Partial<ReminderInput>): ReminderInput {
  return {
    now: utc(2026, 5, 12, 3), // 12:00 in Tokyo
    clock: tokyo,
    reminder: at8,
    lastRemindedDay: undefined,
    waiting: 12,
    answeredToday: 0,
    ...overrides,
  };
}

describe('shouldRemind: the chosen time in the user’s zone', () => {
  it.each([
    ['Tokyo 07:59', utc(2026, 5, 11, 22, 59), tokyo, { remind: false, reason: 'before-time', day: dayOf(2026, 5, 12) }],
    ['Tokyo 08:00', utc(2026, 5, 11, 23, 0), tokyo, { remind: true, day: dayOf(2026, 5, 12) }],
    ['Tokyo 23:30', utc(2026, 5, 12, 14, 30), tokyo, { remind: true, day: dayOf(2026, 5, 12) }],
    // Just after the 04:00 rollover a new study day starts, and 08:00 is still to come.
    ['Tokyo 04:00 next day', utc(2026, 5, 12, 19, 0), tokyo, { remind: false, reason: 'before-time', day: dayOf(2026, 5, 13) }],
    // New York springs forward at 02:00 on 8 March 2026: 08:00 EDT is 12:00Z, not 13:00Z.
    [
      'New York 07:59 EDT, DST day',
      utc(2026, 3, 8, 11, 59),
      newYork,
      { remind: false, reason: 'before-time', day: dayOf(2026, 3, 8) },
    ],
    ['New York 08:00 EDT, DST day', utc(2026, 3, 8, 12, 0), newYork, { remind: true, day: dayOf(2026, 3, 8) }],
    // …and falls back on 1 November: 08:00 EST is 13:00Z.
    [
      'New York 07:30 EST, fall-back day',
      utc(2026, 11, 1, 12, 30),
      newYork,
      { remind: false, reason: 'before-time', day: dayOf(2026, 11, 1) },
    ],
    ['New York 08:00 EST, fall-back day', utc(2026, 11, 1, 13, 0), newYork, { remind: true, day: dayOf(2026, 11, 1) }],
  ])('%s', (_label, now, clock, expected) => {
    expect(shouldRemind(input({ now, clock }))).toEqual(expected);
  });

  it('the same instant is before the time in one zone and after it in another', () => {
    const now = utc(2026, 5, 12, 0, 30);
    // 09:30 in Tokyo on the 12th: its 08:00 has come.
    expect(shouldRemind(input({ now, clock: tokyo }))).toEqual({ remind: true, day: dayOf(2026, 5, 12) });
    // 05:30 at UTC+5: the 12th started at 04:00 and 08:00 is still to come.
    expect(shouldRemind(input({ now, clock: { zone: fixedZone(5 * 60), rolloverHour: 4 } }))).toEqual({
      remind: false,
      reason: 'before-time',
      day: dayOf(2026, 5, 12),
    });
    // 19:30 on the 11th at UTC−5: that day's 08:00 is long past.
    expect(shouldRemind(input({ now, clock: { zone: fixedZone(-5 * 60), rolloverHour: 4 } }))).toEqual({
      remind: true,
      day: dayOf(2026, 5, 11),
    });
  });
});

describe('shouldRemind: the rollover hour', () => {
  const utcClock = (rolloverHour: number): DayClock => ({ zone: fixedZone(0), rolloverHour });

  it('a time before the rollover belongs to the end of the study day (the night after)', () => {
    const at2 = { enabled: true, minuteOfDay: 2 * 60 };
    const clock = utcClock(4);
    // 23:00 on the 12th: study day 12, the 02:00 reminder is still three hours away.
    expect(shouldRemind(input({ now: utc(2026, 5, 12, 23), clock, reminder: at2 }))).toMatchObject({ reason: 'before-time' });
    // 02:30 on the 13th is still study day 12, and its reminder time has come.
    expect(shouldRemind(input({ now: utc(2026, 5, 13, 2, 30), clock, reminder: at2 }))).toEqual({
      remind: true,
      day: dayOf(2026, 5, 12),
    });
    // 04:00 on the 13th starts study day 13: its 02:00 is the next night.
    expect(shouldRemind(input({ now: utc(2026, 5, 13, 4), clock, reminder: at2 }))).toMatchObject({
      reason: 'before-time',
      day: dayOf(2026, 5, 13),
    });
  });

  it('moving the rollover moves which study day a check belongs to', () => {
    const now = utc(2026, 5, 13, 5); // 05:00 UTC
    const at5 = { enabled: true, minuteOfDay: 5 * 60 };
    // Day starts at 04:00: 05:00 is one hour into the 13th, the reminder time has come.
    expect(shouldRemind(input({ now, clock: utcClock(4), reminder: at5 }))).toEqual({ remind: true, day: dayOf(2026, 5, 13) });
    // Day starts at 06:00: 05:00 is the last hour of the 12th, whose reminder (at its end) was already shown.
    expect(shouldRemind(input({ now, clock: utcClock(6), reminder: at5, lastRemindedDay: dayOf(2026, 5, 12) }))).toEqual({
      remind: false,
      reason: 'already-reminded',
      day: dayOf(2026, 5, 12),
    });
    // Rollover at midnight: the calendar day is the study day.
    expect(shouldRemind(input({ now, clock: utcClock(0), reminder: at5 }))).toEqual({ remind: true, day: dayOf(2026, 5, 13) });
  });
});

describe('shouldRemind: once a day, only with work waiting', () => {
  const today = studyDay(utc(2026, 5, 12, 3), tokyo);

  it.each([
    ['reminder off', { reminder: { ...at8, enabled: false } }, { remind: false, reason: 'off' }],
    ['already reminded today', { lastRemindedDay: today }, { remind: false, reason: 'already-reminded' }],
    ['reminded yesterday', { lastRemindedDay: today - 1 }, { remind: true }],
    ['nothing due (no answers today)', { waiting: 0, answeredToday: 0 }, { remind: false, reason: 'nothing-due' }],
    ['day done (answered, nothing left)', { waiting: 0, answeredToday: 35 }, { remind: false, reason: 'day-done' }],
    ['some answered, some left', { waiting: 3, answeredToday: 35 }, { remind: true }],
    ['one card waiting', { waiting: 1 }, { remind: true }],
  ] as const)('%s', (_label, overrides, expected) => {
    expect(shouldRemind(input(overrides))).toEqual({ ...expected, day: today });
  });

  it('checks the time before anything else: off beats before-time, before-time beats nothing due', () => {
    const early = utc(2026, 5, 11, 20); // 05:00 in Tokyo
    expect(shouldRemind(input({ now: early, reminder: { ...at8, enabled: false } }))).toMatchObject({ reason: 'off' });
    expect(shouldRemind(input({ now: early, waiting: 0 }))).toMatchObject({ reason: 'before-time' });
  });
});

describe('estimateMinutes and the text', () => {
  it.each([
    ['no history: 10 s a card', 12, [], 2],
    ['6 s a card', 12, [6000, 6000, 6000], 1],
    ['mean of recent times', 20, [10_000, 20_000, 30_000], 7],
    ['a card left on screen for 10 minutes counts as one', 10, [600_000, 0], 10],
    ['zero-length times are ignored', 6, [0, 0, 30_000], 3],
    ['never less than a minute', 1, [2000], 1],
  ])('%s', (_label, count, times, minutes) => {
    expect(estimateMinutes(count, times)).toBe(minutes);
  });

  it('says how many and how long, singular when one', () => {
    expect(reminderText(12, 6)).toBe('12 cards waiting — about 6 minutes');
    expect(reminderText(1, 1)).toBe('1 card waiting — about 1 minute');
  });
});

describe('reminder settings', () => {
  it.each([
    [undefined, DEFAULT_REMINDER],
    ['08:00', DEFAULT_REMINDER],
    [
      { enabled: true, minuteOfDay: 450 },
      { enabled: true, minuteOfDay: 450 },
    ],
    [
      { enabled: 'yes', minuteOfDay: 1440 },
      { enabled: false, minuteOfDay: DEFAULT_REMINDER.minuteOfDay },
    ],
    [
      { enabled: true, minuteOfDay: 7.5 },
      { enabled: true, minuteOfDay: DEFAULT_REMINDER.minuteOfDay },
    ],
    [
      { enabled: true, minuteOfDay: -1 },
      { enabled: true, minuteOfDay: DEFAULT_REMINDER.minuteOfDay },
    ],
  ])('normalises %j', (raw, expected) => {
    expect(normaliseReminder(raw)).toEqual(expected);
  });

  it.each([
    ['08:30', 510],
    ['00:00', 0],
    ['23:59', 1439],
    ['7:05', 425],
    ['24:00', null],
    ['12:60', null],
    ['8:5', null],
    ['', null],
  ])('parses %j', (text, minutes) => {
    expect(parseTimeOfDay(text)).toBe(minutes);
  });

  it('formats what it parses', () => {
    for (const m of [0, 425, 510, 1439]) expect(parseTimeOfDay(formatTimeOfDay(m))).toBe(m);
  });
});
