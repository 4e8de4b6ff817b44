/**
 * Clocks: the same review history in Tokyo, New York, Lord Howe (a 30-minute DST change) and
 * Kiritimati (UTC+14), across DST changes and with a device clock that jumps backwards.
 * Study days are sensible (each instant lies in its day, a day is 23–25 hours long, give or take
 * Lord Howe's half hour), no answer is dated before the one it follows, and no card is due before
 * its last answer.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardId } from '../../src/domain/deck-format/model';
import { type Grade, Queue, Rating } from '../../src/domain/scheduling/scheduler';
import {
  type DayClock,
  HOUR,
  ianaZone,
  MINUTE,
  startOfNextStudyDay,
  startOfStudyDay,
  studyDay,
} from '../../src/domain/scheduling/time';
import type { AppDatabase, CardRow, ReviewRow } from '../../src/storage/db';
import { saveAnswer } from '../../src/storage/study';
import { writeDecks } from '../../src/storage/write-decks';
import { basicDeck, freshDb, makeCtx, utc } from './helpers';

const ZONES = ['Asia/Tokyo', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Kiritimati'] as const;
const SEED = Number(process.env.RELIABILITY_SEED ?? 15);

/** Instants around each zone's DST changes in 2026 (and ordinary days for the zones without). */
const MOMENTS = [
  utc(2026, 3, 7, 12), // New York: DST starts 8 March 07:00 UTC
  utc(2026, 3, 8, 6, 30),
  utc(2026, 3, 8, 7, 30),
  utc(2026, 4, 4, 14, 30), // Lord Howe: DST ends 5 April 02:00 local (15:00 UTC on the 4th)
  utc(2026, 4, 4, 15, 10),
  utc(2026, 4, 5, 2),
  utc(2026, 10, 3, 15, 10), // Lord Howe: DST starts 4 October 02:00 local
  utc(2026, 10, 4, 6),
  utc(2026, 11, 1, 5, 30), // New York: DST ends 1 November 06:00 UTC
  utc(2026, 11, 1, 6, 30),
  utc(2026, 11, 3, 12),
];

describe.each(ZONES)('%s', (zoneName) => {
  const clock: DayClock = { zone: ianaZone(zoneName), rolloverHour: 4 };
  let db: AppDatabase;
  beforeEach(async () => {
    db = freshDb('clocks');
    await writeDecks(db, [basicDeck('z', 3)], 'user');
  });
  afterEach(() => db.close());

  it('every instant lies in its study day, and days are 23 to 25 hours long (24 ± ½ at Lord Howe)', () => {
    fc.assert(
      fc.property(fc.integer({ min: utc(2026, 1, 1), max: utc(2027, 1, 1) }), (t) => {
        const day = studyDay(t, clock);
        const start = startOfStudyDay(day, clock);
        const next = startOfNextStudyDay(t, clock);
        expect(start).toBeLessThanOrEqual(t);
        expect(next).toBeGreaterThan(t);
        expect(studyDay(start, clock)).toBe(day);
        expect(studyDay(next, clock)).toBe(day + 1);
        expect(next - start).toBeGreaterThanOrEqual(23 * HOUR);
        expect(next - start).toBeLessThanOrEqual(25 * HOUR);
      }),
      { seed: SEED, numRuns: 300 },
    );
    for (const t of MOMENTS)
      expect(startOfNextStudyDay(t, clock) - startOfStudyDay(studyDay(t, clock), clock)).toBeGreaterThanOrEqual(23 * HOUR);
  });

  it('regression: after the device clock jumped back an answer was dated before the previous one (ts-fsrs threw "Invalid delta_t" at UTC+14); across DST changes too: answers in order, nothing due before its last answer', async () => {
    const ctx = makeCtx({}, clock);
    const ids = [0, 1, 2].map((k) => cardId(`z-${k}`, 0));
    const grades: Grade[] = [Rating.Good, Rating.Again, Rating.Hard, Rating.Easy, Rating.Good];
    let step = 0;
    for (const [m, moment] of MOMENTS.entries()) {
      // The same card answered, then answered again after the device clock jumped back 90 minutes.
      const id = ids[m % ids.length] as string;
      for (const at of [moment, moment - 90 * MINUTE, moment + 5 * MINUTE]) {
        const card = (await db.cards.get(id)) as CardRow;
        await saveAnswer(
          db,
          { cardId: id, rating: grades[step % grades.length] as Grade, now: at, durationMs: 1000, shownReps: card.reps },
          ctx,
        );
        step++;
      }
    }
    const reviews = (await db.reviews.toArray()) as ReviewRow[];
    for (const id of ids) {
      const mine = reviews.filter((r) => r.cardId === id).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
      for (let k = 1; k < mine.length; k++) {
        expect(mine[k]?.review, `${zoneName} ${id} answer ${k}`).toBeGreaterThanOrEqual(mine[k - 1]?.review ?? 0);
      }
      for (const r of mine) {
        expect(r.due, `${zoneName} ${id}`).toBeGreaterThanOrEqual(r.review - (r.state === 0 ? Number.POSITIVE_INFINITY : 0));
        expect(r.studyDay).toBe(studyDay(r.review, clock));
      }
      const card = (await db.cards.get(id)) as CardRow;
      expect(card.lastReview).not.toBeNull();
      if (card.queue !== Queue.New)
        expect(card.due, `${zoneName} ${id} due`).toBeGreaterThanOrEqual(
          startOfStudyDay(studyDay(card.lastReview ?? 0, clock), clock),
        );
      if (card.queue === Queue.Learning) expect(card.due).toBeGreaterThan(card.lastReview ?? 0);
    }
  });
});
