/**
 * The "done for today" numbers: answers today, tomorrow's forecast and the streak of study days.
 * Each is a count over an index range; nothing reads the whole log.
 */
import { Queue } from '../domain/scheduling/scheduler';
import { type DayClock, startOfStudyDay, studyDay } from '../domain/scheduling/time';
import type { AppDatabase } from './db';

export interface DaySummary {
  answeredToday: number;
  secondsToday: number;
  againToday: number;
  dueTomorrow: number;
  /** Consecutive study days up to today (or yesterday, if today has no answer yet) with answers. */
  streak: number;
}

export async function daySummary(db: AppDatabase, scope: readonly string[], now: number, clock: DayClock): Promise<DaySummary> {
  const today = studyDay(now, clock);
  const todayStart = startOfStudyDay(today, clock);
  const tomorrowStart = startOfStudyDay(today + 1, clock);
  const dayAfter = startOfStudyDay(today + 2, clock);
  const inScope = new Set(scope);
  const rows = (await db.reviews.where('review').aboveOrEqual(todayStart).toArray()).filter((r) => inScope.has(r.deckId));

  const dueTomorrow = await countDue(db, scope, tomorrowStart, dayAfter);

  let streak = 0;
  for (let day = rows.length > 0 ? today : today - 1; streak < 3650; day--) {
    const any = await db.reviews
      .where('review')
      .between(startOfStudyDay(day, clock), startOfStudyDay(day + 1, clock), true, false)
      .count();
    if (any === 0) break;
    streak++;
  }

  return {
    answeredToday: rows.length,
    secondsToday: Math.round(rows.reduce((s, r) => s + r.durationMs, 0) / 1000),
    againToday: rows.filter((r) => r.rating === 1).length,
    dueTomorrow,
    streak,
  };
}

/** Cards of the scope in learning, day learning or review due in [from, to): index counts, no rows read. */
export async function countDue(db: AppDatabase, scope: readonly string[], from: number, to: number): Promise<number> {
  const counts = await Promise.all(
    scope.flatMap((deckId) =>
      [Queue.Learning, Queue.DayLearning, Queue.Review].map((queue) =>
        db.cards.where('[deckId+queue+due]').between([deckId, queue, from], [deckId, queue, to], true, false).count(),
      ),
    ),
  );
  return counts.reduce((n, c) => n + c, 0);
}

/** When the next card of the scope is due (for the "done for today" screen), or null. */
export async function nextDueAfter(db: AppDatabase, scope: readonly string[], now: number): Promise<number | null> {
  let best: number | null = null;
  for (const deckId of scope) {
    for (const queue of [Queue.Learning, Queue.DayLearning, Queue.Review]) {
      const first = await db.cards
        .where('[deckId+queue+due]')
        .between([deckId, queue, now], [deckId, queue, Infinity], true, true)
        .first();
      if (first && (best === null || first.due < best)) best = first.due;
    }
  }
  return best;
}
