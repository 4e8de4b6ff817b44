/**
 * The adoption rule: new parameters are called better only when, on the newest answers (held out
 * from the fit), their log loss is lower than the current parameters' AND a paired bootstrap over
 * cards puts the whole 95% interval of the improvement above zero. A gain inside the noise is no gain.
 */
import type { Prediction } from '../stats/calibration';
import { quantile, type Random, resampleCounts } from '../stats/random';
import type { Interval } from '../stats/retention';

/** Below this many answers to cards in review, a fit cannot be judged: the app says so and offers none. */
export const MIN_REVIEW_ANSWERS = 400;

export type AdoptionVerdict = 'better' | 'same' | 'worse';

export interface AdoptionReport {
  /** Held-out log loss of the current and the new parameters, each with its bootstrap interval. */
  current: Interval;
  candidate: Interval;
  /** current − candidate: positive means the new parameters predict better. */
  improvement: Interval;
  answers: number;
  cards: number;
  verdict: AdoptionVerdict;
}

const logLossOf = (pr: Prediction) => {
  const p = Math.min(1 - 1e-7, Math.max(1e-7, pr.p));
  return pr.y === 1 ? -Math.log(p) : -Math.log(1 - p);
};

/**
 * `current` and `candidate` are predictions for the same held-out answers, in the same order
 * (predictAnswers over the same histories and window).
 */
export function judgeAdoption(
  current: readonly Prediction[],
  candidate: readonly Prediction[],
  random: Random,
  replicates = 1000,
): AdoptionReport {
  if (current.length !== candidate.length) throw new Error(`judgeAdoption: ${current.length} vs ${candidate.length} predictions`);
  const cards = current.reduce((m, pr) => Math.max(m, pr.card + 1), 0);
  const lossCur = new Float64Array(cards);
  const lossNew = new Float64Array(cards);
  const count = new Float64Array(cards);
  for (const [k, pr] of current.entries()) {
    const other = candidate[k]!;
    if (other.card !== pr.card || other.y !== pr.y) throw new Error(`judgeAdoption: answer ${k} differs between the two sets`);
    lossCur[pr.card]! += logLossOf(pr);
    lossNew[pr.card]! += logLossOf(other);
    count[pr.card]! += 1;
  }
  const weighted = (w: ArrayLike<number> | null) => {
    let c = 0;
    let n = 0;
    let total = 0;
    for (let i = 0; i < cards; i++) {
      const wi = w ? w[i]! : 1;
      c += wi * lossCur[i]!;
      n += wi * lossNew[i]!;
      total += wi * count[i]!;
    }
    return { cur: c / total, next: n / total };
  };
  const point = weighted(null);
  const draws = { cur: [] as number[], next: [] as number[], diff: [] as number[] };
  const counts = new Uint32Array(cards);
  for (let r = 0; r < replicates; r++) {
    const m = weighted(resampleCounts(cards, random, counts));
    if (!Number.isFinite(m.cur) || !Number.isFinite(m.next)) continue;
    draws.cur.push(m.cur);
    draws.next.push(m.next);
    draws.diff.push(m.cur - m.next);
  }
  const interval = (values: number[], estimate: number): Interval => {
    const sorted = values.sort((a, b) => a - b);
    return { estimate, low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
  };
  const improvement = interval(draws.diff, point.cur - point.next);
  const verdict: AdoptionVerdict =
    improvement.estimate > 0 && improvement.low > 0
      ? 'better'
      : improvement.estimate < 0 && improvement.high < 0
        ? 'worse'
        : 'same';
  return {
    current: interval(draws.cur, point.cur),
    candidate: interval(draws.next, point.next),
    improvement,
    answers: current.length,
    cards,
    verdict,
  };
}
