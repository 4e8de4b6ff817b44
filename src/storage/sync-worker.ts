/**
 * The built-in decks' Web Worker: reads the bundle (a large module) and writes it into IndexedDB
 * off the main thread, so a first visit or an update never blocks the page. Posts
 * { ok: true } when the decks are in, or { ok: false, name, message } with the storage error.
 */
import bundle from 'virtual:builtin-decks';
import { openDatabase } from './db';
import { syncBuiltinDecks } from './sync-decks';

export type SyncResponse = { ok: true } | { ok: false; name: string; message: string };

const scope = self as unknown as {
  onmessage: (() => void) | null;
  postMessage(message: SyncResponse): void;
};

scope.onmessage = () => {
  const db = openDatabase();
  syncBuiltinDecks(db, bundle)
    .then(() => scope.postMessage({ ok: true }))
    .catch((error: unknown) =>
      scope.postMessage({
        ok: false,
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
      }),
    )
    .finally(() => db.close());
};
