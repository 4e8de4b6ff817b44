/**
 * What mock interviews teach across runs: how often each kind of rubric point was covered (what
 * to test, why it matters, what would change your mind), with a 95% Wilson interval and the
 * number of answers behind it; and the time per answer against the limit. The interval is the
 * one the retention figure uses (stats/retention.ts), and so is the rule: no verdict on noise.
 */
import { RUBRIC_KINDS, type RubricKind } from '../deck-format/model';
import { type Interval, type Proportion, wilsonInterval } from '../stats/retention';

export interface AnsweredQuestion {
  rubricKinds?: readonly (RubricKind | null)[];
  /** Present once graded. */
  ticks?: readonly boolean[];
  usedMs: number;
}

export interface RunRecord {
  startedAt: number;
  limitMs: number;
  questions: readonly AnsweredQuestion[];
}

export interface KindCoverage {
  kind: RubricKind;
  /** passed = answers that covered at least one point of this kind; n = answers whose rubric had one. */
  covered: Proportion;
  interval: Interval | undefined;
}

/**
 * Per kind, over every graded answer whose rubric has a point of that kind: in how many at least
 * one such point was ticked. An answer counts once per kind, however many points of it there are.
 */
export function coverageByKind(runs: readonly RunRecord[]): KindCoverage[] {
  const counts = new Map<RubricKind, Proportion>(RUBRIC_KINDS.map((k) => [k, { passed: 0, n: 0 }]));
  for (const run of runs) {
    for (const q of run.questions) {
      const { rubricKinds: kinds, ticks } = q;
      if (!kinds || !ticks) continue;
      for (const kind of RUBRIC_KINDS) {
        const points = kinds.flatMap((k, i) => (k === kind ? [i] : []));
        if (points.length === 0) continue;
        const c = counts.get(kind)!;
        c.n++;
        if (points.some((i) => ticks[i] === true)) c.passed++;
      }
    }
  }
  return RUBRIC_KINDS.map((kind) => {
    const covered = counts.get(kind)!;
    return { kind, covered, interval: wilsonInterval(covered) };
  });
}

export type CoverageVerdict =
  /** No graded answer with tagged points yet. */
  | { kind: 'none' }
  /** This kind's whole interval lies below the interval of the other kinds taken together. */
  | { kind: 'weakest'; weakest: RubricKind; interval: Interval; rest: Interval }
  /** The intervals overlap: the answers so far cannot say which part you leave out most. */
  | { kind: 'too-few' };

/**
 * Names the part you leave out most only when the figures allow it: a kind whose interval lies
 * wholly below the interval of the other two kinds pooled. (With two intervals that do not
 * overlap the difference is not noise; when several qualify, the lowest estimate is named.)
 */
export function weakestKind(coverage: readonly KindCoverage[]): CoverageVerdict {
  if (coverage.every((c) => c.covered.n === 0)) return { kind: 'none' };
  let found: Extract<CoverageVerdict, { kind: 'weakest' }> | undefined;
  for (const c of coverage) {
    if (!c.interval) continue;
    const rest = coverage
      .filter((o) => o.kind !== c.kind)
      .reduce<Proportion>((sum, o) => ({ passed: sum.passed + o.covered.passed, n: sum.n + o.covered.n }), { passed: 0, n: 0 });
    const restInterval = wilsonInterval(rest);
    if (!restInterval || c.interval.high >= restInterval.low) continue;
    if (!found || c.interval.estimate < found.interval.estimate)
      found = { kind: 'weakest', weakest: c.kind, interval: c.interval, rest: restInterval };
  }
  return found ?? { kind: 'too-few' };
}

export interface RunTime {
  startedAt: number;
  limitMs: number;
  answers: number;
  meanMs: number;
  longestMs: number;
  /** Answers that went over the limit. */
  over: number;
}

/** Time per answer in each run (answered questions only), oldest first, and how many answers kept to their limit overall. */
export function timeFigures(runs: readonly RunRecord[]): { runs: RunTime[]; within: Proportion; interval: Interval | undefined } {
  const perRun: RunTime[] = [];
  const within: Proportion = { passed: 0, n: 0 };
  for (const run of [...runs].sort((a, b) => a.startedAt - b.startedAt)) {
    const times = run.questions.map((q) => q.usedMs).filter((t) => t > 0);
    if (times.length === 0) continue;
    const over = times.filter((t) => t > run.limitMs).length;
    perRun.push({
      startedAt: run.startedAt,
      limitMs: run.limitMs,
      answers: times.length,
      meanMs: times.reduce((a, b) => a + b, 0) / times.length,
      longestMs: Math.max(...times),
      over,
    });
    within.n += times.length;
    within.passed += times.length - over;
  }
  return { runs: perRun, within, interval: wilsonInterval(within) };
}
