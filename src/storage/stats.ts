/**
 * The numbers behind the Statistics screen, read with index ranges only, so the cost does not
 * grow with the collection or its history:
 * - answers per study day: index counts, no rows read;
 * - retention: the newest answers to cards in review, read day by day from today backwards until
 *   `sample` of them are in (2,000 give an interval of about ±1.3 points) or the window ends;
 * - the week's forecast: index counts.
 */
import { State } from '../domain/scheduling/scheduler';
import { type DayClock, startOfStudyDay, studyDay } from '../domain/scheduling/time';
import type { Proportion } from '../domain/stats/retention';
import type { AppDatabase } from './db';
import { countDue } from './summary';

export interface DayActivity {
  /** Study day number (see studyDay). */
  day: number;
  answers: number;
}

export interface StatsReport {
  /** Oldest first; the last entry is today. */
  days: DayActivity[];
  /**
   * Per deck: answers to cards that were in review (not in learning or relearning steps), and how
   * many of them were remembered. This is the retention the schedule's desired retention aims at.
   */
  retention: Map<string, Proportion>;
  /** The first study day whose answers count in `retention` (today − days + 1 unless the sample filled earlier). */
  retentionFrom: number;
  /** Cards due per study day from today (today includes overdue and learning cards). */
  forecast: number[];
}

/** Study days of answers counted (today included). */
export const STATS_DAYS = 30;
/** Newest answers to cards in review read for retention: ±1.3 points at 90%, a bounded read at any size. */
export const RETENTION_SAMPLE = 2000;

export async function loadStats(
  db: AppDatabase,
  scope: readonly string[],
  now: number,
  clock: DayClock,
  { days = STATS_DAYS, forecastDays = 7, sample = RETENTION_SAMPLE } = {},
): Promise<StatsReport> {
  const today = studyDay(now, clock);
  const first = today - days + 1;
  const activity: DayActivity[] = Array.from({ length: days }, (_, i) => ({ day: first + i, answers: 0 }));
  const retention = new Map<string, Proportion>(scope.map((deckId) => [deckId, { passed: 0, n: 0 }]));
  const forecast = new Array<number>(forecastDays).fill(0);
  let retentionFrom = first;
  const range = (deckId: string, day: number) =>
    db.reviews
      .where('[deckId+review]')
      .between([deckId, startOfStudyDay(day, clock)], [deckId, startOfStudyDay(day + 1, clock)], true, false);

  await db.transaction('r', [db.reviews, db.cards], async () => {
    // Counts: asked for at once, so the storage engine pipelines them.
    const counts = Promise.all(activity.map((slot) => Promise.all(scope.map((deckId) => range(deckId, slot.day).count()))));
    const due = Promise.all(
      forecast.map((_, d) =>
        countDue(db, scope, d === 0 ? -Infinity : startOfStudyDay(today + d, clock), startOfStudyDay(today + d + 1, clock)),
      ),
    );

    let counted = 0;
    for (let day = today; day >= first && counted < sample; day--) {
      const perDeck = await Promise.all(scope.map((deckId) => range(deckId, day).toArray()));
      for (const [i, rows] of perDeck.entries()) {
        const kept = retention.get(scope[i] ?? '');
        if (!kept) continue;
        for (const r of rows) {
          if (r.before.state !== State.Review) continue;
          kept.n++;
          counted++;
          if (r.rating > 1) kept.passed++;
        }
      }
      retentionFrom = day;
    }

    for (const [i, perDeck] of (await counts).entries()) {
      const slot = activity[i];
      if (slot) slot.answers = perDeck.reduce((n, c) => n + c, 0);
    }
    for (const [d, count] of (await due).entries()) forecast[d] = count;
  });
  return { days: activity, retention, retentionFrom, forecast };
}
