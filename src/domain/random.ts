/**
 * Seeded pseudo-random numbers for the places that draw at random (a mock interview's questions,
 * the bench's synthetic collection): domain code takes the source as a parameter and never calls
 * Math.random, so a seed reproduces a draw.
 */

/** A source of numbers in [0, 1). */
export type RandomSource = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed. Not for anything secret. */
export function seededRandom(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
