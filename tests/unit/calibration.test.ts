import { describe, expect, it } from 'vitest';
import { calibrationBins, metricsWithIntervals, type Prediction, rmseBinKey, Scorer } from '../../src/domain/stats/calibration';
import { seededRandom } from '../../src/domain/random';

/** Builder: one answer with defaults. */
const answer = (over: Partial<Prediction>): Prediction => ({ card: 0, p: 0.9, y: 1, deltaT: 1, index: 2, lapses: 0, ...over });

/** A seeded random set of predictions over `cards` cards, outcomes drawn from p. */
function randomPredictions(n: number, cards: number, seed: number): Prediction[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const p = Math.round((0.5 + 0.49 * rnd()) * 100) / 100; // ties on purpose
    return answer({
      card: Math.floor(rnd() * cards),
      p,
      y: rnd() < p ? 1 : 0,
      deltaT: 1 + Math.floor(rnd() * 200),
      index: 2 + Math.floor(rnd() * 15),
      lapses: Math.floor(rnd() * 5),
    });
  });
}

// Reference implementations written independently of the module: direct formulas, O(n²) AUC.
const refLogLoss = (ps: Prediction[]) => ps.reduce((s, a) => s - (a.y ? Math.log(a.p) : Math.log(1 - a.p)), 0) / ps.length;

function refAuc(ps: Prediction[]): number {
  let num = 0;
  let den = 0;
  for (const a of ps)
    for (const b of ps) {
      if (a.y !== 1 || b.y !== 0) continue;
      den++;
      num += a.p > b.p ? 1 : a.p === b.p ? 0.5 : 0;
    }
  return num / den;
}

/** srs-benchmark's RMSE(bins), written out step by step from its published definition. */
function refRmseBins(ps: Prediction[]): number {
  const bin = (x: number, a: number, b: number) => a * b ** Math.floor(Math.log(x) / Math.log(b));
  const groups = new Map<string, { n: number; y: number; p: number }>();
  for (const a of ps) {
    const key = JSON.stringify([
      Number(bin(a.deltaT, 2.48, 3.62).toFixed(2)),
      Math.round(bin(a.index, 1.99, 1.89)),
      a.lapses === 0 ? 0 : Math.round(bin(a.lapses, 1.65, 1.73)),
    ]);
    const g = groups.get(key) ?? { n: 0, y: 0, p: 0 };
    g.n++;
    g.y += a.y;
    g.p += a.p;
    groups.set(key, g);
  }
  let sum = 0;
  for (const g of groups.values()) sum += g.n * (g.y / g.n - g.p / g.n) ** 2;
  return Math.sqrt(sum / ps.length);
}

describe('srs-benchmark bins', () => {
  it.each([
    // By hand: Δt 1 → ⌊0⌋ → 2.48; review 2 → ⌊ln2/ln1.89 = 1.09⌋ = 1 → 1.99·1.89 = 3.76 → 4.
    [{ deltaT: 1, index: 2, lapses: 0 }, '2.48|4|0'],
    // Δt 3 → ⌊0.85⌋ = 0; review 3 → ⌊1.73⌋ = 1 → 4; 1 lapse → 1.65 → 2.
    [{ deltaT: 3, index: 3, lapses: 1 }, '2.48|4|2'],
    // Δt 4 → ⌊1.08⌋ = 1 → 8.98; review 4 → ⌊2.18⌋ = 2 → 7.11 → 7; 2 lapses → ⌊1.27⌋ = 1 → 2.85 → 3.
    [{ deltaT: 4, index: 4, lapses: 2 }, '8.98|7|3'],
    // Δt 40 → ⌊2.87⌋ = 2 → 32.50; review 10 → ⌊3.62⌋ = 3 → 13.4 → 13; 3 lapses → ⌊2.004⌋ = 2 → 4.94 → 5.
    [{ deltaT: 40, index: 10, lapses: 3 }, '32.5|13|5'],
  ])('%o falls in bin %s', (a, key) => {
    expect(rmseBinKey(a)).toBe(key);
  });
});

describe('Scorer', () => {
  it('gives log loss, AUC and RMSE(bins) equal to direct computations on a small hand-made set', () => {
    const ps = [
      answer({ p: 0.9, y: 1 }),
      answer({ p: 0.8, y: 0 }),
      answer({ p: 0.6, y: 1, deltaT: 10 }),
      answer({ p: 0.6, y: 0, deltaT: 10 }),
    ];
    const m = new Scorer(ps).score();
    // By hand: losses ln(1/0.9), ln(1/0.2), ln(1/0.6), ln(1/0.4).
    expect(m.logLoss).toBeCloseTo((-Math.log(0.9) - Math.log(0.2) - Math.log(0.6) - Math.log(0.4)) / 4, 12);
    // Pairs (pos, neg): (0.9,0.8) win, (0.9,0.6) win, (0.6,0.8) loss, (0.6,0.6) tie → 2.5/4.
    expect(m.auc).toBeCloseTo(0.625, 12);
    // Two bins: Δt 1 → mean p 0.85 vs 0.5; Δt 10 → 0.6 vs 0.5; weights 2 and 2.
    expect(m.rmseBins).toBeCloseTo(Math.sqrt((2 * 0.35 ** 2 + 2 * 0.1 ** 2) / 4), 12);
  });

  it('matches the independent reference on 2,000 seeded answers', () => {
    const ps = randomPredictions(2000, 150, 7);
    const m = new Scorer(ps).score();
    expect(m.logLoss).toBeCloseTo(refLogLoss(ps), 10);
    expect(m.auc).toBeCloseTo(refAuc(ps), 10);
    expect(m.rmseBins).toBeCloseTo(refRmseBins(ps), 10);
  });

  it('weights cards: a card counted twice equals its answers written twice', () => {
    const ps = randomPredictions(300, 20, 3);
    const weights = Array.from({ length: 20 }, (_, c) => (c % 3 === 0 ? 2 : c % 3 === 1 ? 1 : 0));
    const expanded = ps.flatMap((a) => Array.from({ length: weights[a.card] ?? 0 }, () => a));
    const got = new Scorer(ps).score(weights);
    const want = new Scorer(expanded).score();
    expect(got.logLoss).toBeCloseTo(want.logLoss, 10);
    expect(got.auc).toBeCloseTo(want.auc, 10);
    expect(got.rmseBins).toBeCloseTo(want.rmseBins, 10);
  });
});

describe('metricsWithIntervals', () => {
  it('gives intervals around the estimate that narrow with more cards, the same for the same seed', () => {
    const small = metricsWithIntervals(randomPredictions(400, 40, 11), seededRandom(1), 300);
    const large = metricsWithIntervals(randomPredictions(8000, 800, 11), seededRandom(1), 300);
    for (const m of [small, large]) {
      // RMSE(bins) is biased upwards under resampling, so only these two must bracket their estimate.
      for (const key of ['logLoss', 'auc'] as const) {
        expect(m[key].low).toBeLessThanOrEqual(m[key].estimate);
        expect(m[key].high).toBeGreaterThanOrEqual(m[key].estimate);
      }
    }
    expect(large.logLoss.high - large.logLoss.low).toBeLessThan((small.logLoss.high - small.logLoss.low) / 2);
    expect(metricsWithIntervals(randomPredictions(400, 40, 11), seededRandom(1), 300)).toEqual(small);
  });
});

describe('calibrationBins', () => {
  it('puts answers in bins of predicted recall with the observed rate and its Wilson interval', () => {
    const ps = [answer({ p: 0.95, y: 1 }), answer({ p: 0.91, y: 0 }), answer({ p: 0.55, y: 1 }), answer({ p: 1, y: 1 })];
    const bins = calibrationBins(ps);
    expect(bins.map((b) => [b.from, b.answers])).toEqual([
      [0.5, 1],
      [0.9, 3],
    ]);
    expect(bins[1]?.meanPredicted).toBeCloseTo((0.95 + 0.91 + 1) / 3, 12);
    expect(bins[1]?.observed.estimate).toBeCloseTo(2 / 3, 12);
    expect(bins[1]?.observed.low).toBeGreaterThan(0);
  });
});
