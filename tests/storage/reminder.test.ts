import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rating } from '../../src/domain/scheduling/scheduler';
import { studyDay } from '../../src/domain/scheduling/time';
import type { AppDatabase } from '../../src/storage/db';
import { saveSettings } from '../../src/storage/options-edit';
import { loadStudyConfig } from '../../src/storage/presets';
import { checkReminder, loadReminder, markReminded, saveReminder } from '../../src/storage/reminder';
import { deckListCounts, saveAnswer } from '../../src/storage/study';
import { writeDecks } from '../../src/storage/write-decks';
import { basicDeck, CLOCK, freshDb, makeCtx, utc } from './helpers';

/** 12:00Z; CLOCK is UTC with the day starting at 04:00, and the reminder is at 08:00. */
const NOW = utc(2026, 3, 10, 12);
const TODAY = studyDay(NOW, CLOCK);

let db: AppDatabase;
beforeEach(async () => {
  db = freshDb('reminder');
  await writeDecks(db, [basicDeck('a', 4), basicDeck('b', 3)], 'user');
  await saveReminder(db, { enabled: true, minuteOfDay: 8 * 60 });
});
afterEach(() => db.close());

const answer = (cardId: string, durationMs: number, at = NOW - 60_000) =>
  saveAnswer(db, { cardId, rating: Rating.Easy, now: at, durationMs, shownReps: 0 }, makeCtx());

describe('checkReminder', () => {
  it('counts what the deck list counts for "Study all", and reminds with that number', async () => {
    const check = await checkReminder(db, NOW, CLOCK.zone);
    const config = await loadStudyConfig(db);
    const { all } = await deckListCounts(db, ['a', 'b'], config, NOW, CLOCK);
    expect(check.waiting).toBe(all.newCount + all.learningCount + all.reviewCount);
    expect(check.waiting).toBe(7);
    expect(check.decision).toEqual({ remind: true, day: TODAY });
    // No answers yet: 10 s a card.
    expect(check.text).toBe('7 cards waiting — about 1 minute');
  });

  it('estimates the time from the recent answers, a long one capped at a minute', async () => {
    await answer('a-0#0', 30_000);
    await answer('a-1#0', 10 * 60_000);
    const check = await checkReminder(db, NOW, CLOCK.zone);
    // Easy sends both away for days: 5 left, at (30 + 60) / 2 = 45 s each.
    expect(check.waiting).toBe(5);
    expect(check.text).toBe('5 cards waiting — about 4 minutes');
  });

  it('leaves retired decks and the day’s limit out, as the deck list does', async () => {
    await db.decks.update('b', { retired: true });
    await saveSettings(db, { newPerDay: 2 });
    const check = await checkReminder(db, NOW, CLOCK.zone);
    expect(check.waiting).toBe(2);
    expect(check.text).toBe('2 cards waiting — about 1 minute');
  });

  it('reminds once a study day', async () => {
    await markReminded(db, TODAY);
    const again = await checkReminder(db, NOW + 3_600_000, CLOCK.zone);
    expect(again.decision).toEqual({ remind: false, reason: 'already-reminded', day: TODAY });
    expect(again.waiting).toBe(7); // the badge still gets the count
    expect(again.text).toBeUndefined();
    const tomorrow = await checkReminder(db, NOW + 86_400_000, CLOCK.zone);
    expect(tomorrow.decision).toEqual({ remind: true, day: TODAY + 1 });
  });

  it('says nothing when nothing is due', async () => {
    await saveSettings(db, { newPerDay: 0 });
    const check = await checkReminder(db, NOW, CLOCK.zone);
    expect(check).toEqual({ waiting: 0, decision: { remind: false, reason: 'nothing-due', day: TODAY } });
  });

  it('says nothing when the day’s work is done', async () => {
    for (const id of ['a-0#0', 'a-1#0', 'a-2#0', 'a-3#0', 'b-0#0', 'b-1#0', 'b-2#0']) await answer(id, 5000);
    const check = await checkReminder(db, NOW, CLOCK.zone);
    expect(check).toEqual({ waiting: 0, decision: { remind: false, reason: 'day-done', day: TODAY } });
  });

  it('is off until turned on, and keeps counting for the badge', async () => {
    await saveReminder(db, { enabled: false, minuteOfDay: 8 * 60 });
    const check = await checkReminder(db, NOW, CLOCK.zone);
    expect(check).toEqual({ waiting: 7, decision: { remind: false, reason: 'off', day: TODAY } });
  });

  it('stores the settings normalised', async () => {
    await saveReminder(db, { enabled: true, minuteOfDay: 99_999 });
    expect(await loadReminder(db)).toEqual({ enabled: true, minuteOfDay: 8 * 60 });
  });
});
