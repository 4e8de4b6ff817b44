import { describe, expect, it } from 'vitest';
import { type Grade, newCardState, Queue, State } from '../../src/domain/scheduling/scheduler';
import { startOfStudyDay, studyDay } from '../../src/domain/scheduling/time';
import type { CardRow, ReviewRow } from '../../src/storage/db';
import { loadStats } from '../../src/storage/stats';
import { CLOCK, freshDb, utc } from './helpers';

const NOW = utc(2026, 3, 10, 12);
const TODAY = studyDay(NOW, CLOCK);
const HOUR = 3_600_000;

function review(deckId: string, at: number, rating: Grade, beforeState: number): ReviewRow {
  const before = { ...newCardState(0), state: beforeState as CardRow['state'] };
  return {
    cardId: `${deckId}-card`,
    noteId: `${deckId}-note`,
    deckId,
    rating,
    state: before.state,
    due: at,
    stability: 1,
    difficulty: 5,
    elapsedDays: 0,
    lastElapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    review: at,
    studyDay: studyDay(at, CLOCK),
    durationMs: 1000,
    before,
    beforeQueue: Queue.Review,
  };
}

function card(id: string, deckId: string, queue: Queue, due: number): CardRow {
  return { ...newCardState(0), id, noteId: id, deckId, ord: 0, queue, due, state: State.Review };
}

describe('loadStats', () => {
  it('counts answers per study day and retention of review cards only, per deck, inside the window', async () => {
    const db = freshDb('stats');
    const todayStart = startOfStudyDay(TODAY, CLOCK);
    await db.reviews.bulkAdd([
      review('a', todayStart + HOUR, 3, State.Review),
      review('a', todayStart + 2 * HOUR, 1, State.Review),
      review('a', todayStart + 3 * HOUR, 1, State.Learning), // a learning step: not retention
      review('a', todayStart - HOUR, 2, State.Review), // before 04:00 today: yesterday
      review('b', startOfStudyDay(TODAY - 29, CLOCK), 4, State.Relearning),
      review('b', startOfStudyDay(TODAY - 29, CLOCK) + HOUR, 3, State.Review),
      review('b', startOfStudyDay(TODAY - 30, CLOCK) + HOUR, 1, State.Review), // outside 30 days
      review('c', todayStart + HOUR, 1, State.Review), // not in scope
    ]);
    const stats = await loadStats(db, ['a', 'b'], NOW, CLOCK);

    expect(stats.days).toHaveLength(30);
    expect(stats.days[0]?.day).toBe(TODAY - 29);
    expect(stats.days.at(-1)).toEqual({ day: TODAY, answers: 3 });
    expect(stats.days.at(-2)).toEqual({ day: TODAY - 1, answers: 1 });
    expect(stats.days[0]).toEqual({ day: TODAY - 29, answers: 2 });
    expect(stats.days.reduce((n, d) => n + d.answers, 0)).toBe(6);
    expect(stats.retention.get('a')).toEqual({ passed: 2, n: 3 });
    expect(stats.retention.get('b')).toEqual({ passed: 1, n: 1 });
    expect(stats.retention.has('c')).toBe(false);
    expect(stats.retentionFrom).toBe(TODAY - 29);
  });

  it('reads retention from the newest answers backwards and stops once the sample is full', async () => {
    const db = freshDb('stats');
    const start = (d: number) => startOfStudyDay(TODAY + d, CLOCK);
    await db.reviews.bulkAdd([
      review('a', start(0) + HOUR, 3, State.Review),
      review('a', start(0) + 2 * HOUR, 3, State.Review),
      review('b', start(-1) + HOUR, 1, State.Review),
      review('a', start(-2) + HOUR, 1, State.Review), // beyond the sample: not read
      review('a', start(-2) + 2 * HOUR, 1, State.Review),
    ]);
    const stats = await loadStats(db, ['a', 'b'], NOW, CLOCK, { sample: 3 });
    expect(stats.retention.get('a')).toEqual({ passed: 2, n: 2 });
    expect(stats.retention.get('b')).toEqual({ passed: 0, n: 1 });
    expect(stats.retentionFrom).toBe(TODAY - 1);
    // Activity still counts every day of the window.
    expect(stats.days.slice(-3).map((d) => d.answers)).toEqual([2, 1, 2]);
  });

  it('forecasts due cards per study day, today including overdue and learning cards, without suspended ones', async () => {
    const db = freshDb('stats');
    const start = (d: number) => startOfStudyDay(TODAY + d, CLOCK);
    await db.cards.bulkAdd([
      card('overdue', 'a', Queue.Review, start(-5)),
      card('later-today', 'a', Queue.Review, start(0) + 20 * HOUR),
      card('learning', 'a', Queue.Learning, NOW + 10 * 60_000),
      card('tomorrow', 'a', Queue.DayLearning, start(1) + HOUR),
      card('in-six-days', 'b', Queue.Review, start(6) + HOUR),
      card('in-seven-days', 'b', Queue.Review, start(7) + HOUR),
      card('suspended', 'a', Queue.Suspended, start(0)),
      card('new', 'a', Queue.New, 0),
    ]);
    const stats = await loadStats(db, ['a', 'b'], NOW, CLOCK);
    expect(stats.forecast).toEqual([3, 1, 0, 0, 0, 0, 1]);
  });
});
