/**
 * How well you actually remember, with its uncertainty, and what may (and may not) be concluded
 * from it. The same rules the statistics deck teaches: an estimate comes with its interval, and a
 * verdict is given only when the interval allows it.
 */

export interface Proportion {
  /** Answers that were remembered (Hard, Good or Easy). */
  passed: number;
  /** All answers counted. */
  n: number;
}

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.959964;

/**
 * The Wilson score interval of a proportion: unlike estimate ± z·SE it stays inside [0, 1] and
 * keeps close to its nominal coverage for small n and for proportions near 0 or 1, where
 * retention usually is. Undefined when nothing was counted.
 */
export function wilsonInterval({ passed, n }: Proportion, z = Z95): Interval | undefined {
  if (!(n > 0) || passed < 0 || passed > n) return undefined;
  const p = passed / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Answers needed for a 95% interval of ±margin around a retention near `target`. */
export function answersNeeded(target: number, margin: number, z = Z95): number {
  return Math.ceil((z * z * target * (1 - target)) / (margin * margin));
}

export type RetentionVerdict =
  /** Nothing to judge yet. */
  | { kind: 'none' }
  /** The whole interval is below the target: you forget more than the schedule plans for. */
  | { kind: 'below'; interval: Interval }
  /** The whole interval is above the target: you remember more than it plans for. */
  | { kind: 'above'; interval: Interval }
  /** The interval holds the target and is narrow enough (±margin) to call it on target. */
  | { kind: 'on-target'; interval: Interval }
  /** The interval holds the target but is too wide to say more: `needed` answers would narrow it. */
  | { kind: 'too-few'; interval: Interval; needed: number };

/**
 * Compares actual retention with the desired retention the schedule aims for. "On target" needs
 * the interval to lie within ±margin of it, not just to include it: a wide interval that includes
 * the target says nothing.
 */
export function judgeRetention(p: Proportion, target: number, margin = 0.05): RetentionVerdict {
  const interval = wilsonInterval(p);
  if (!interval) return { kind: 'none' };
  if (interval.high < target) return { kind: 'below', interval };
  if (interval.low > target) return { kind: 'above', interval };
  if (interval.low >= target - margin && interval.high <= target + margin) return { kind: 'on-target', interval };
  return { kind: 'too-few', interval, needed: Math.max(answersNeeded(target, margin), p.n + 1) };
}
