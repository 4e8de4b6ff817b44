/**
 * Writes the built-in decks: in a Web Worker (decks-worker.ts), or on this thread where workers cannot
 * start. Loaded only when the stored decks are missing or older than this build.
 */
import type { AppDatabase } from '../db';
import { runInWorker, WorkerUnavailable } from '../run-worker';

async function upgradeHere(db: AppDatabase): Promise<void> {
  const [{ default: bundle }, { upgradeBuiltinDecks }] = await Promise.all([
    import('virtual:builtin-decks'),
    import('./upgrade'),
  ]);
  await upgradeBuiltinDecks(db, bundle);
}

export async function loadBuiltinDecks(db: AppDatabase): Promise<void> {
  try {
    await runInWorker<null>(() => new Worker(new URL('./decks-worker.ts', import.meta.url), { type: 'module' }), 'upgrade');
  } catch (error) {
    if (!(error instanceof WorkerUnavailable)) throw error;
    await upgradeHere(db);
  }
}
