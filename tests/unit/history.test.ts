import { createEmptyCard, fsrs, type Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { judgeAdoption, MIN_REVIEW_ANSWERS } from '../../src/domain/optimiser/adoption';
import {
  type CardHistory,
  countReviewAnswers,
  DEFAULT_PARAMETERS,
  predictAnswers,
  timeSplit,
  trainingItems,
} from '../../src/domain/optimiser/history';
import { syntheticHistory } from '../../src/domain/optimiser/synthetic';
import type { Prediction } from '../../src/domain/stats/calibration';
import { seededRandom } from '../../src/domain/random';

const DAY = 86_400_000;
/** Builder: a history from [rating, day, minute] triples. */
const history = (...answers: [1 | 2 | 3 | 4, number, number?][]): CardHistory => ({
  answers: answers.map(([rating, day, minute = 0]) => ({ rating, day, at: day * DAY + minute * 60_000 })),
});

describe('trainingItems', () => {
  it('makes one item per answer to a card in review, each the history up to it, same-day repeats kept with Δt 0', () => {
    const items = trainingItems([history([1, 0], [3, 0, 10], [3, 2], [1, 9], [3, 9, 10], [3, 10])]);
    expect(Array.from(items.lengths)).toEqual([3, 4, 6]);
    expect(Array.from(items.ratings)).toEqual([1, 3, 3, 1, 3, 3, 1, 1, 3, 3, 1, 3, 3]);
    expect(Array.from(items.deltaTs)).toEqual([0, 0, 2, 0, 0, 2, 7, 0, 0, 2, 7, 0, 1]);
  });

  it('leaves out answers given at or after the split', () => {
    const items = trainingItems([history([3, 0], [3, 3], [3, 10])], 10 * DAY);
    expect(Array.from(items.lengths)).toEqual([2]);
  });
});

describe('predictAnswers', () => {
  it('predicts what ts-fsrs itself gives when the card is replayed at noon of each study day', () => {
    const h = history([3, 0], [3, 3], [1, 12], [3, 12, 10], [4, 15]);
    const got = predictAnswers([h], DEFAULT_PARAMETERS);
    // Independent replay through ts-fsrs's scheduler with real dates (UTC days = study days here).
    const f = fsrs({ enable_fuzz: false, enable_short_term: true });
    let card = createEmptyCard(new Date(0));
    const want: number[] = [];
    for (const [k, a] of h.answers.entries()) {
      const when = new Date(a.at + 12 * 3_600_000);
      // get_retrievability counts whole 24-hour periods since the last answer, so ask it at 12:30,
      // after every earlier answer's time of day, where that count equals the study-day difference.
      const asked = new Date(a.day * DAY + 12.5 * 3_600_000);
      if (k > 0 && a.day > h.answers[k - 1]!.day) want.push(f.get_retrievability(card, asked, false));
      card = f.next(card, when, a.rating as unknown as typeof Rating.Good).card;
    }
    expect(got.map((p) => p.p)).toHaveLength(3);
    for (const [k, p] of got.entries()) expect(p.p).toBeCloseTo(want[k]!, 6);
    expect(got.map((p) => [p.y, p.deltaT, p.index, p.lapses])).toEqual([
      [1, 3, 2, 0],
      [0, 9, 3, 0],
      [1, 3, 5, 1],
    ]);
  });

  it('counts and splits the answers to cards in review in time', () => {
    const hs = [history([3, 0], [3, 1], [3, 5]), history([3, 2], [3, 2, 5], [3, 8])];
    expect(countReviewAnswers(hs)).toBe(3);
    // Times 1, 5, 8 (days): the newest third is held out.
    expect(timeSplit(hs, 1 / 3)).toBe(8 * DAY);
  });

  it('draws the same synthetic history from the same seed, and another from another', () => {
    const a = syntheticHistory({ parameters: DEFAULT_PARAMETERS, cards: 50, days: 100, random: seededRandom(1) });
    const b = syntheticHistory({ parameters: DEFAULT_PARAMETERS, cards: 50, days: 100, random: seededRandom(1) });
    const c = syntheticHistory({ parameters: DEFAULT_PARAMETERS, cards: 50, days: 100, random: seededRandom(2) });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe('judgeAdoption', () => {
  const set = (ps: [number, number, 0 | 1][]): Prediction[] =>
    ps.map(([card, p, y]) => ({ card, p, y, deltaT: 1, index: 2, lapses: 0 }));
  /** 200 cards × 3 answers, 90% remembered, predicted `p` by one set and `q` by the other. */
  const pair = (p: number, q: number) => {
    const rows: [number, 0 | 1][] = [];
    for (let c = 0; c < 200; c++) for (let k = 0; k < 3; k++) rows.push([c, (c * 3 + k) % 10 === 0 ? 0 : 1]);
    return [set(rows.map(([c, y]) => [c, p, y])), set(rows.map(([c, y]) => [c, q, y]))] as const;
  };

  it.each([
    ['better', 0.6, 0.9],
    ['worse', 0.9, 0.6],
    ['same', 0.9, 0.9],
  ] as const)('calls it %s (current p %s, new p %s)', (verdict, p, q) => {
    const [cur, next] = pair(p, q);
    const r = judgeAdoption(cur, next, seededRandom(5), 300);
    expect(r.verdict).toBe(verdict);
    expect(r.answers).toBe(600);
    expect(r.cards).toBe(200);
    // The point estimates are the plain held-out log losses.
    expect(r.current.estimate).toBeCloseTo(-(0.9 * Math.log(p) + 0.1 * Math.log(1 - p)), 10);
    expect(r.improvement.estimate).toBeCloseTo(r.current.estimate - r.candidate.estimate, 12);
  });

  it('calls a small gain whose interval reaches zero "same", not better', () => {
    // One card in two predicted slightly better, the other slightly worse: a tiny mean gain, all noise.
    const cur: [number, number, 0 | 1][] = [];
    const next: [number, number, 0 | 1][] = [];
    for (let c = 0; c < 100; c++) {
      cur.push([c, 0.85, 1]);
      next.push([c, c % 2 === 0 ? 0.9 : 0.81, 1]);
    }
    const r = judgeAdoption(set(cur), set(next), seededRandom(9), 500);
    expect(r.improvement.estimate).toBeGreaterThan(0);
    expect(r.improvement.low).toBeLessThan(0);
    expect(r.verdict).toBe('same');
  });

  it('refuses predictions that do not pair up', () => {
    expect(() => judgeAdoption(set([[0, 0.9, 1]]), set([[0, 0.9, 0]]), seededRandom(1))).toThrow(/answer 0 differs/);
    expect(MIN_REVIEW_ANSWERS).toBe(400);
  });
});
