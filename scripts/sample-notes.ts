/**
 * `npx tsx scripts/sample-notes.ts [seed] [n]`: a seeded random sample of built-in notes, for the
 * content review (docs/content-review.md). The same seed always gives the same notes for the same
 * decks. Prints one line per note: deck file, kind and id, in the order drawn.
 */
import { pathToFileURL } from 'node:url';
import { loadDeckFiles } from './deck-files';

/** mulberry32: a small seeded generator, enough to draw a reproducible sample. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n distinct items drawn without replacement (a partial Fisher–Yates shuffle). */
export function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  const pool = [...items];
  const random = seededRandom(seed);
  const count = Math.min(n, pool.length);
  for (let k = 0; k < count; k++) {
    const j = k + Math.floor(random() * (pool.length - k));
    [pool[k], pool[j]] = [pool[j] as T, pool[k] as T];
  }
  return pool.slice(0, count);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seed = Number(process.argv[2] ?? 17);
  const n = Number(process.argv[3] ?? 40);
  const notes = loadDeckFiles().flatMap(({ file, deck }) => deck.notes.map((note) => ({ file, note })));
  console.log(`seed ${seed}: ${n} of ${notes.length} notes`);
  for (const { file, note } of sample(notes, n, seed)) console.log(`${file}\t${note.kind}\t${note.id}`);
}
