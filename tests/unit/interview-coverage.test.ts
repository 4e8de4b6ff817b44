import { describe, expect, it } from 'vitest';
import type { RubricKind } from '../../src/domain/deck-format/model';
import {
  type AnsweredQuestion,
  coverageByKind,
  type RunRecord,
  timeFigures,
  weakestKind,
} from '../../src/domain/interview/coverage';

const KINDS: (RubricKind | null)[] = ['test', 'why', 'mind'];

/** An answer to a note with one point of each kind, these covered. */
function answer(covered: RubricKind[], usedMs = 60_000): AnsweredQuestion {
  return { rubricKinds: KINDS, ticks: KINDS.map((k) => k !== null && covered.includes(k)), usedMs };
}

function run(questions: AnsweredQuestion[], startedAt = 1, limitMs = 180_000): RunRecord {
  return { startedAt, limitMs, questions };
}

/** `n` answers, `mind` covered in the first `mind` of them, test and why in all. */
function answers(n: number, mind: number): AnsweredQuestion[] {
  return Array.from({ length: n }, (_, i) => answer(i < mind ? ['test', 'why', 'mind'] : ['test', 'why']));
}

describe('coverageByKind', () => {
  it('counts, per kind, the answers with such a point and those covering one, with a Wilson interval', () => {
    // The example: what would change your mind, named in 9 of 25 answers.
    const [test, why, mind] = coverageByKind([run(answers(15, 5)), run(answers(10, 4), 2)]);
    expect(mind?.covered).toEqual({ passed: 9, n: 25 });
    expect(mind?.interval?.estimate).toBeCloseTo(0.36, 6);
    expect(Math.round((mind?.interval?.low ?? 0) * 100)).toBe(20);
    expect(Math.round((mind?.interval?.high ?? 0) * 100)).toBe(55);
    expect(test?.covered).toEqual({ passed: 25, n: 25 });
    expect(why?.kind).toBe('why');
  });

  it('counts an answer once per kind however many points of that kind it has; one ticked is enough', () => {
    const q: AnsweredQuestion = { rubricKinds: ['test', 'test', 'why', null], ticks: [false, true, false, true], usedMs: 1 };
    const [test, why, mind] = coverageByKind([run([q])]);
    expect(test?.covered).toEqual({ passed: 1, n: 1 });
    expect(why?.covered).toEqual({ passed: 0, n: 1 });
    expect(mind?.covered).toEqual({ passed: 0, n: 0 });
    expect(mind?.interval).toBeUndefined();
  });

  it('leaves out answers not graded and notes without tagged points', () => {
    const ungraded: AnsweredQuestion = { rubricKinds: KINDS, usedMs: 1 };
    const untagged: AnsweredQuestion = { ticks: [true, true], usedMs: 1 };
    expect(coverageByKind([run([ungraded, untagged])]).map((c) => c.covered.n)).toEqual([0, 0, 0]);
  });
});

describe('weakestKind', () => {
  it('says nothing without answers', () => {
    expect(weakestKind(coverageByKind([]))).toEqual({ kind: 'none' });
  });

  it('gives no verdict on noise: 2 of 5 against the others is too few', () => {
    expect(weakestKind(coverageByKind([run(answers(5, 2))]))).toEqual({ kind: 'too-few' });
  });

  it('names the kind whose whole interval lies under the others’', () => {
    const verdict = weakestKind(coverageByKind([run(answers(25, 9))]));
    expect(verdict.kind).toBe('weakest');
    if (verdict.kind !== 'weakest') return;
    expect(verdict.weakest).toBe('mind');
    expect(verdict.interval.high).toBeLessThan(verdict.rest.low);
  });

  it('keeps quiet when the gap is real but the intervals still overlap', () => {
    // mind 7 of 10 against test and why 20 of 20: 70% (40–89%) vs 100% (84–100%) overlap.
    expect(weakestKind(coverageByKind([run(answers(10, 7))])).kind).toBe('too-few');
    // One fewer and they part: 60% (31–83%) is wholly under 84%.
    expect(weakestKind(coverageByKind([run(answers(10, 6))])).kind).toBe('weakest');
  });
});

describe('timeFigures', () => {
  it('gives each run’s average and longest answer against its limit, oldest first, and the share within the limit', () => {
    const late = run([answer([], 200_000), answer([], 100_000)], 20, 180_000);
    const early = run([answer([], 30_000), answer([], 90_000), { usedMs: 0 }], 10, 60_000);
    const figures = timeFigures([late, early]);
    expect(figures.runs).toEqual([
      { startedAt: 10, limitMs: 60_000, answers: 2, meanMs: 60_000, longestMs: 90_000, over: 1 },
      { startedAt: 20, limitMs: 180_000, answers: 2, meanMs: 150_000, longestMs: 200_000, over: 1 },
    ]);
    expect(figures.within).toEqual({ passed: 2, n: 4 });
    expect(figures.interval?.estimate).toBe(0.5);
  });

  it('is empty without answers', () => {
    expect(timeFigures([])).toEqual({ runs: [], within: { passed: 0, n: 0 }, interval: undefined });
  });
});
