/**
 * The built-in decks in storage: loaded on a first visit, and brought up to date when an app
 * update ships changed decks (by note id, history kept). Not to be confused with syncing devices.
 *
 * index.ts   on every start: is the stored version this build's? (first-load code: small)
 * load.ts    if not: run the upgrade in a worker, or here where workers cannot start
 * decks-worker.ts  the worker (storage/run-worker.ts carries its answer)
 * upgrade.ts the upgrade itself, one transaction (src/storage/write-decks.ts writes the notes)
 */
import type { AppDatabase } from '../db';

/** The settings row holding the version of the built-in decks in storage. */
export const BUILTIN_VERSION_KEY = 'builtinDecksVersion';

export async function ensureBuiltinDecks(db: AppDatabase, version: string): Promise<void> {
  const stored = await db.settings.get(BUILTIN_VERSION_KEY);
  if (stored?.value === version) return;
  // Only on a first visit or after an update: the code that writes the decks loads then.
  const { loadBuiltinDecks } = await import('./load');
  await loadBuiltinDecks(db);
}
