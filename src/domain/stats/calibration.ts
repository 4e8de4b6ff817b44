/**
 * How well the scheduler's predictions match what happened: for each answer to a card in review,
 * the retrievability p the parameters predicted at that moment and the outcome y (1 = remembered).
 *
 * - log loss: mean of −[y·ln p + (1−y)·ln(1−p)]; lower is better.
 * - RMSE(bins), as the open-spaced-repetition srs-benchmark defines it: answers are grouped by
 *   interval length, review number and lapse count, each on a log scale (bin(x) = a·b^⌊ln x / ln b⌋,
 *   rounded: interval a=2.48 b=3.62 to 2 decimals; review number a=1.99 b=1.89 and lapses a=1.65
 *   b=1.73 to whole numbers, 0 lapses its own bin); in each group the mean predicted p is compared
 *   with the observed pass rate, and the root of the squared differences is averaged with the
 *   groups' answer counts as weights.
 * - AUC: the chance that a remembered answer got a higher prediction than a forgotten one (ties
 *   count half); 0.5 is no discrimination.
 * Intervals come from a bootstrap over cards (a card's answers are not independent of each other,
 * so cards, not answers, are resampled), with a seeded generator passed in.
 */
import { quantile, type Random, resampleCounts } from './random';
import { type Interval, wilsonInterval } from './retention';

export interface Prediction {
  /** Dense card number (0…cards−1) for the bootstrap. */
  card: number;
  /** Predicted probability of recall. */
  p: number;
  /** 1 = remembered (Hard, Good, Easy), 0 = forgotten (Again). */
  y: 0 | 1;
  /** Whole study days since the previous answer (≥ 1 for an answer to a card in review). */
  deltaT: number;
  /** Position of this answer in the card's history, the first answer being 1. */
  index: number;
  /** Again answers before this one. */
  lapses: number;
}

const EPS = 1e-7;

const logBin = (x: number, a: number, b: number, digits: number) => {
  const v = a * b ** Math.floor(Math.log(x) / Math.log(b));
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** The srs-benchmark bin of one answer, as a string key. */
export function rmseBinKey(pr: Pick<Prediction, 'deltaT' | 'index' | 'lapses'>): string {
  const dt = logBin(Math.max(pr.deltaT, EPS), 2.48, 3.62, 2);
  const i = logBin(Math.max(pr.index, 1), 1.99, 1.89, 0);
  const lapse = pr.lapses === 0 ? 0 : logBin(pr.lapses, 1.65, 1.73, 0);
  return `${dt}|${i}|${lapse}`;
}

export interface Metrics {
  logLoss: number;
  rmseBins: number;
  auc: number;
}

/**
 * Prepared once for a set of predictions (bins numbered, answers ordered by p), so each bootstrap
 * replicate costs a few linear passes.
 */
export class Scorer {
  readonly cards: number;
  private readonly bin: Uint32Array;
  private readonly bins: number;
  private readonly order: Uint32Array;

  constructor(readonly predictions: readonly Prediction[]) {
    let cards = 0;
    const keys = new Map<string, number>();
    this.bin = new Uint32Array(predictions.length);
    for (const [k, pr] of predictions.entries()) {
      cards = Math.max(cards, pr.card + 1);
      const key = rmseBinKey(pr);
      let b = keys.get(key);
      if (b === undefined) {
        b = keys.size;
        keys.set(key, b);
      }
      this.bin[k] = b;
    }
    this.cards = cards;
    this.bins = keys.size;
    this.order = Uint32Array.from(predictions.keys()).sort((a, b) => predictions[a]!.p - predictions[b]!.p);
  }

  /** Metrics with each card weighted (1 everywhere = the plain estimate; bootstrap counts otherwise). */
  score(cardWeight?: ArrayLike<number>): Metrics {
    const preds = this.predictions;
    const w = (pr: Prediction) => (cardWeight ? (cardWeight[pr.card] ?? 0) : 1);
    let loss = 0;
    let total = 0;
    const binW = new Float64Array(this.bins);
    const binP = new Float64Array(this.bins);
    const binY = new Float64Array(this.bins);
    for (const [k, pr] of preds.entries()) {
      const wk = w(pr);
      if (wk === 0) continue;
      const p = Math.min(1 - EPS, Math.max(EPS, pr.p));
      loss -= wk * (pr.y === 1 ? Math.log(p) : Math.log(1 - p));
      total += wk;
      const b = this.bin[k]!;
      binW[b]! += wk;
      binP[b]! += wk * pr.p;
      binY[b]! += wk * pr.y;
    }
    let sq = 0;
    for (let b = 0; b < this.bins; b++) {
      const n = binW[b]!;
      if (n > 0) sq += n * (binY[b]! / n - binP[b]! / n) ** 2;
    }
    // AUC by ranks: walk the answers in order of p; a tie group counts half against itself.
    let pos = 0;
    let neg = 0;
    let wins = 0;
    const order = this.order;
    for (let s = 0; s < order.length; ) {
      const p = preds[order[s]!]!.p;
      let gp = 0;
      let gn = 0;
      let e = s;
      while (e < order.length && preds[order[e]!]!.p === p) {
        const pr = preds[order[e]!]!;
        const wk = w(pr);
        if (pr.y === 1) gp += wk;
        else gn += wk;
        e++;
      }
      wins += gp * neg + 0.5 * gp * gn;
      pos += gp;
      neg += gn;
      s = e;
    }
    return {
      logLoss: total > 0 ? loss / total : Number.NaN,
      rmseBins: total > 0 ? Math.sqrt(sq / total) : Number.NaN,
      auc: pos > 0 && neg > 0 ? wins / (pos * neg) : Number.NaN,
    };
  }
}

export interface MetricIntervals {
  logLoss: Interval;
  rmseBins: Interval;
  auc: Interval;
  answers: number;
  cards: number;
}

/** Percentile bootstrap over cards: `replicates` resamples, 95% intervals. */
export function metricsWithIntervals(predictions: readonly Prediction[], random: Random, replicates = 200): MetricIntervals {
  const scorer = new Scorer(predictions);
  const point = scorer.score();
  const draws: Record<keyof Metrics, number[]> = { logLoss: [], rmseBins: [], auc: [] };
  const counts = new Uint32Array(scorer.cards);
  for (let r = 0; r < replicates; r++) {
    const m = scorer.score(resampleCounts(scorer.cards, random, counts));
    for (const key of ['logLoss', 'rmseBins', 'auc'] as const) if (Number.isFinite(m[key])) draws[key].push(m[key]);
  }
  const interval = (key: keyof Metrics): Interval => {
    const sorted = draws[key].sort((a, b) => a - b);
    return { estimate: point[key], low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
  };
  return {
    logLoss: interval('logLoss'),
    rmseBins: interval('rmseBins'),
    auc: interval('auc'),
    answers: predictions.length,
    cards: scorer.cards,
  };
}

export interface CalibrationBin {
  /** Predicted-recall range [from, to). */
  from: number;
  to: number;
  answers: number;
  meanPredicted: number;
  /** Observed pass rate with its Wilson 95% interval. */
  observed: Interval;
}

/** Predicted vs observed in `count` equal-width bins of p; empty bins are left out. */
export function calibrationBins(predictions: readonly Prediction[], count = 10): CalibrationBin[] {
  const n = new Array<number>(count).fill(0);
  const passed = new Array<number>(count).fill(0);
  const sumP = new Array<number>(count).fill(0);
  for (const pr of predictions) {
    const b = Math.min(count - 1, Math.max(0, Math.floor(pr.p * count)));
    n[b]! += 1;
    passed[b]! += pr.y;
    sumP[b]! += pr.p;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < count; b++) {
    const observed = wilsonInterval({ passed: passed[b]!, n: n[b]! });
    if (observed) out.push({ from: b / count, to: (b + 1) / count, answers: n[b]!, meanPredicted: sumP[b]! / n[b]!, observed });
  }
  return out;
}
