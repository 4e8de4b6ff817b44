/**
 * A small seeded pseudo-random generator (mulberry32): the domain never calls Math.random, so a
 * bootstrap or a synthetic history is the same every time it is given the same seed.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
