/**
 * Loads the built-in decks when the stored ones are missing or older than this build (see
 * builtin-sync-run.ts for how).
 */
import type { AppDatabase } from './db';

/** The settings row holding the version of the built-in decks in storage. */
export const BUILTIN_VERSION_KEY = 'builtinDecksVersion';

export async function ensureBuiltinDecks(db: AppDatabase, version: string): Promise<void> {
  const stored = await db.settings.get(BUILTIN_VERSION_KEY);
  if (stored?.value === version) return;
  // Only on a first visit or after an update: the code that writes the decks loads then.
  const { syncBuiltinDecksNow } = await import('./builtin-sync-run');
  await syncBuiltinDecksNow(db);
}
