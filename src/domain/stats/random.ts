/**
 * Resampling helpers for bootstrap intervals; the seeded generator itself is src/domain/random.ts,
 * passed in, so a bootstrap is the same every time it is given the same seed.
 */
import type { RandomSource } from '../random';

export type Random = RandomSource;

/** Multiplicities of a resample with replacement of `n` groups: counts[i] = times group i was drawn. */
export function resampleCounts(n: number, random: Random, into = new Uint32Array(n)): Uint32Array {
  into.fill(0);
  for (let k = 0; k < n; k++) into[Math.floor(random() * n)]! += 1;
  return into;
}

/** The q-quantile (0..1) of values, by linear interpolation between order statistics. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}
