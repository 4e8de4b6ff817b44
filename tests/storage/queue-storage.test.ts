import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type QueueCard, queueCounts } from '../../src/domain/queue/queue';
import { Queue, Rating, State } from '../../src/domain/scheduling/scheduler';
import { DEFAULT_SETTINGS, type SchedulingSettings } from '../../src/domain/scheduling/settings';
import type { AppDatabase, CardRow } from '../../src/storage/db';
import { writeDecks } from '../../src/storage/write-decks';
import { deckCounts, loadQueue, saveAnswer, todayLog } from '../../src/storage/study';
import { nextDueAfter } from '../../src/storage/summary';
import { basicDeck, CLOCK, freshDb, makeCtx, utc } from './helpers';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 12:00Z on 10 March; with CLOCK (UTC, rollover 04:00) today runs 10 March 04:00Z – 11 March 04:00Z. */
const NOW = utc(2026, 3, 10, 12);
const TODAY = utc(2026, 3, 10, 4);
const TOMORROW = utc(2026, 3, 11, 4);

const settings = (o: Partial<SchedulingSettings> = {}): SchedulingSettings => ({ ...DEFAULT_SETTINGS, ...o });

let db: AppDatabase;
beforeEach(() => {
  db = freshDb('queue');
});
afterEach(() => db.close());

/** Sets queue/due (and a matching FSRS state) of cards `${deck}-k#0` for the given k. */
async function place(deck: string, ks: number[], queue: Queue, due: (k: number) => number): Promise<void> {
  const rows = await db.cards.bulkGet(ks.map((k) => `${deck}-${k}#0`));
  const state =
    queue === Queue.New ? State.New : queue === Queue.Learning || queue === Queue.DayLearning ? State.Learning : State.Review;
  await db.cards.bulkPut(
    rows.map((row, i): CardRow => {
      if (!row) throw new Error(`no card ${deck}-${ks[i]}#0`);
      const k = ks[i] as number;
      return {
        ...row,
        queue,
        due: due(k),
        state,
        reps: state === State.New ? 0 : 3,
        lastReview: state === State.New ? null : TODAY - 2 * 86_400_000,
      };
    }),
  );
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const ids = (cards: readonly QueueCard[]) => cards.map((c) => c.id);

/**
 * Deck "q", 30 basic notes (one card each):
 *   0–2   intraday learning due now−1m, now+5m, now+2h      → learning
 *   3     intraday learning due tomorrow 05:00              → not today
 *   4–5   interday learning due this morning                → learning
 *   6–10  reviews due today or overdue                      → review
 *   11–12 reviews due at the start of tomorrow              → not today
 *   13    suspended (overdue), 14 retired (overdue), 15 buried → never
 *   16–29 new
 */
async function seed(): Promise<void> {
  await writeDecks(db, [basicDeck('q', 30)], 'user');
  const learningDue = [NOW - MINUTE, NOW + 5 * MINUTE, NOW + 2 * HOUR];
  await place('q', [0, 1, 2], Queue.Learning, (k) => learningDue[k] as number);
  await place('q', [3], Queue.Learning, () => utc(2026, 3, 11, 5));
  await place('q', [4, 5], Queue.DayLearning, () => TODAY);
  await place('q', range(6, 11), Queue.Review, (k) => TODAY - (k - 6) * 86_400_000);
  await place('q', [11, 12], Queue.Review, () => TOMORROW);
  await place('q', [13], Queue.Suspended, () => TODAY - 86_400_000);
  await place('q', [14], Queue.Retired, () => TODAY - 86_400_000);
  await place('q', [15], Queue.Buried, () => TODAY - 86_400_000);
}

describe('loadQueue / deckCounts over a seeded deck', () => {
  beforeEach(seed);

  it('counts learning (intraday + interday), reviews due today and new up to the limit', async () => {
    expect(await deckCounts(db, ['q'], settings({ newPerDay: 4 }), NOW, CLOCK)).toEqual({
      learningCount: 5,
      reviewCount: 5,
      newCount: 4,
    });
  });

  it('builds the lines in buildQueue order', async () => {
    const queue = await loadQueue(db, ['q'], settings({ newPerDay: 4 }), NOW, CLOCK);
    expect(ids(queue.learning)).toEqual(['q-0#0', 'q-1#0', 'q-2#0']);
    const old = queue.main.filter((c) => c.kind !== 'new');
    // Interday learning first, then reviews by due (most overdue first).
    expect(ids(old)).toEqual(['q-4#0', 'q-5#0', 'q-10#0', 'q-9#0', 'q-8#0', 'q-7#0', 'q-6#0']);
    expect(ids(queue.main.filter((c) => c.kind === 'new'))).toEqual(['q-16#0', 'q-17#0', 'q-18#0', 'q-19#0']);
    expect(queue.main).toHaveLength(11);
  });

  it('never queues suspended, retired or buried cards, nor cards due tomorrow', async () => {
    const queue = await loadQueue(db, ['q'], settings({ newPerDay: 100 }), NOW, CLOCK);
    const all = new Set(ids([...queue.learning, ...queue.main]));
    for (const k of [3, 11, 12, 13, 14, 15]) expect(all.has(`q-${k}#0`), `q-${k}#0`).toBe(false);
    expect(all.size).toBe(5 + 5 + 14);
  });

  it('cards due tomorrow count tomorrow', async () => {
    const tomorrowNoon = NOW + 24 * HOUR;
    const counts = await deckCounts(db, ['q'], settings({ newPerDay: 0 }), tomorrowNoon, CLOCK);
    // Reviews 6–10 (still due) + 11–12; learning 0–3 and 4–5 (all overdue by now).
    expect(counts).toEqual({ learningCount: 6, reviewCount: 7, newCount: 0 });
  });

  it('the review limit caps reviews and then new cards', async () => {
    expect(await deckCounts(db, ['q'], settings({ newPerDay: 20, reviewsPerDay: 6 }), NOW, CLOCK)).toEqual({
      learningCount: 5, // 3 intraday (unlimited) + 2 interday (out of the 6)
      reviewCount: 4,
      newCount: 0,
    });
  });

  it('today’s answers reduce the limits and hold back the answered notes', async () => {
    const ctx = makeCtx({ newPerDay: 4 });
    // A new card answered Good stays in intraday learning; a review answered Good leaves for days.
    await saveAnswer(db, { cardId: 'q-16#0', rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 0 }, ctx);
    await saveAnswer(db, { cardId: 'q-6#0', rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 3 }, ctx);
    expect(await todayLog(db, ['q'], NOW + MINUTE, CLOCK)).toEqual({
      newDone: 1,
      reviewsDone: 1,
      notesSeen: new Set(['q-16', 'q-6']),
    });
    const queue = await loadQueue(db, ['q'], settings({ newPerDay: 4 }), NOW + MINUTE, CLOCK);
    expect(queueCounts(queue)).toEqual({ learningCount: 6, reviewCount: 4, newCount: 3 });
    expect(ids(queue.main.filter((c) => c.kind === 'new'))).toEqual(['q-17#0', 'q-18#0', 'q-19#0']);
    expect(ids(queue.learning)).toContain('q-16#0');
  });

  it('yesterday’s answers do not count today', async () => {
    const ctx = makeCtx();
    // 03:00Z on 10 March is still study day 9 March.
    await saveAnswer(db, { cardId: 'q-16#0', rating: Rating.Easy, now: utc(2026, 3, 10, 3), durationMs: 1, shownReps: 0 }, ctx);
    expect(await todayLog(db, ['q'], NOW, CLOCK)).toEqual({ newDone: 0, reviewsDone: 0, notesSeen: new Set() });
  });

  it('nextDueAfter finds the next learning or review card', async () => {
    expect(await nextDueAfter(db, ['q'], NOW)).toBe(NOW + 5 * MINUTE);
    expect(await nextDueAfter(db, ['q'], NOW + 3 * HOUR)).toBe(utc(2026, 3, 11, 4));
    expect(await nextDueAfter(db, ['q'], utc(2026, 4, 1))).toBeNull();
  });
});

describe('loadQueue over several decks', () => {
  beforeEach(async () => {
    await writeDecks(db, [basicDeck('a', 10), basicDeck('b', 10)], 'user');
    await place('a', [0, 1, 2], Queue.Review, (k) => TODAY - (3 - k) * HOUR);
    await place('b', [0, 1], Queue.Review, (k) => TODAY - (k * 2 + 1) * HOUR - 30 * MINUTE);
  });

  it('a scope sees only its decks', async () => {
    expect(await deckCounts(db, ['a'], settings({ newPerDay: 5 }), NOW, CLOCK)).toEqual({
      learningCount: 0,
      reviewCount: 3,
      newCount: 5,
    });
    expect(await deckCounts(db, ['b'], settings({ newPerDay: 5 }), NOW, CLOCK)).toEqual({
      learningCount: 0,
      reviewCount: 2,
      newCount: 5,
    });
  });

  it('several decks share one set of limits and merge reviews by due', async () => {
    const queue = await loadQueue(db, ['a', 'b'], settings({ newPerDay: 5, reviewsPerDay: 4 }), NOW, CLOCK);
    // Dues: a-0 −3h, b-1 −3h30, a-1 −2h, b-0 −1h30, a-2 −1h (relative to 04:00).
    expect(ids(queue.main)).toEqual(['b-1#0', 'a-0#0', 'a-1#0', 'b-0#0']);
  });

  it('new cards come deck by deck in deck order', async () => {
    const queue = await loadQueue(db, ['b', 'a'], settings({ newPerDay: 12 }), NOW, CLOCK);
    const fresh = ids(queue.main.filter((c) => c.kind === 'new'));
    expect(fresh).toEqual([...range(3, 10).map((k) => `a-${k}#0`), ...range(2, 7).map((k) => `b-${k}#0`)]);
  });
});

describe('a 5,000-card deck', () => {
  beforeEach(async () => {
    await writeDecks(db, [basicDeck('big', 5000)], 'user');
  });

  it('all new: returns only newPerDay cards', async () => {
    const queue = await loadQueue(db, ['big'], settings({ newPerDay: 20, reviewsPerDay: 200 }), NOW, CLOCK);
    expect(queue.learning).toHaveLength(0);
    expect(queue.main).toHaveLength(20);
    expect(ids(queue.main)).toEqual(range(0, 20).map((k) => `big-${k}#0`));
  });

  it('3,000 reviews due: returns only reviewsPerDay cards, and no new ones', async () => {
    await place('big', range(0, 3000), Queue.Review, (k) => TODAY - (k % 30) * 86_400_000);
    await place('big', range(3000, 3300), Queue.Review, () => TOMORROW + 86_400_000);
    const queue = await loadQueue(db, ['big'], settings({ newPerDay: 20, reviewsPerDay: 200 }), NOW, CLOCK);
    expect(queueCounts(queue)).toEqual({ learningCount: 0, reviewCount: 200, newCount: 0 });
    expect(queue.main).toHaveLength(200);
    // The most overdue come first: the 100 cards 29 days overdue, then the 100 at 28 days.
    const dues = (await db.cards.bulkGet(ids(queue.main))).map((c) => c?.due ?? 0);
    expect(Math.max(...dues)).toBe(TODAY - 28 * 86_400_000);
    expect(Math.min(...dues)).toBe(TODAY - 29 * 86_400_000);
  });

  it('1,000 learning cards are all kept, reviews and new stay within their limits', async () => {
    await place('big', range(0, 1000), Queue.Learning, (k) => NOW - k * MINUTE);
    await place('big', range(1000, 1150), Queue.Review, () => TODAY);
    const queue = await loadQueue(db, ['big'], settings({ newPerDay: 20, reviewsPerDay: 160 }), NOW, CLOCK);
    expect(queueCounts(queue)).toEqual({ learningCount: 1000, reviewCount: 150, newCount: 10 });
  });
});
