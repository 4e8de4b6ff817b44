/**
 * One call into fsrs-browser (fsrs-rs compiled to WebAssembly) that fits FSRS parameters to
 * training items. Single-threaded: its rayon thread pool is never started, so it needs no
 * cross-origin isolation. The library reports each finished epoch through console.log; that is
 * the progress we can have while its synchronous training call holds the thread.
 */
import type { TrainingItems } from '../domain/optimiser/history';

export type FsrsBrowser = typeof import('fsrs-browser');

/** fsrs-rs trains for this many epochs by default. */
export const EPOCHS = 5;

export function fitParameters(lib: FsrsBrowser, items: TrainingItems, onEpoch?: (epoch: number) => void): number[] {
  if (items.lengths.length === 0) throw new Error('fitParameters: no training items (no answers to cards in review)');
  const fsrs = new lib.Fsrs();
  // The library logs at info level (and more at debug): read the epochs, keep the console quiet.
  const saved = { log: console.log, info: console.info, debug: console.debug };
  const listen = (...args: unknown[]) => {
    const m = /^epoch:\s*(\d+)/.exec(String(args[0]));
    if (m) onEpoch?.(Number(m[1]));
  };
  console.log = listen;
  console.info = listen;
  console.debug = listen;
  try {
    return Array.from(fsrs.computeParameters(items.ratings, items.deltaTs, items.lengths, undefined, true));
  } finally {
    // computeParameters takes the Fsrs object over (frees it): calling free() again would throw.
    Object.assign(console, saved);
  }
}
