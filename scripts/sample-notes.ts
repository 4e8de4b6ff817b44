/**
 * `npx tsx scripts/sample-notes.ts [seed] [n]`: a seeded random sample of built-in notes, for the
 * content review (docs/content-review.md). The same seed always gives the same notes for the same
 * decks (mulberry32 from bench/seed.ts). Prints one line per note: deck file, kind and id, in the
 * order drawn.
 */
import { pathToFileURL } from 'node:url';
import { prng } from '../bench/seed';
import { loadDeckFiles } from './deck-files';

/** n distinct items drawn without replacement (a partial Fisher–Yates shuffle). */
export function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  const pool = [...items];
  const random = prng(seed);
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
