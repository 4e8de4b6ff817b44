/**
 * The built-in decks' Web Worker: reads the bundle (a large module) and writes it into IndexedDB
 * off the main thread, so a first visit or an update never blocks the page. Posts
 * { ok: true } when the decks are in, or { ok: false, name, message } with the storage error.
 */
import bundle from 'virtual:builtin-decks';
import { openDatabase } from '../db';
import type { BuiltinDecksReply } from './protocol';
import { upgradeBuiltinDecks } from './upgrade';
import { errorMessage } from '../../domain/errors';

const scope = self as unknown as {
  onmessage: (() => void) | null;
  postMessage(message: BuiltinDecksReply): void;
};

scope.onmessage = () => {
  const db = openDatabase();
  upgradeBuiltinDecks(db, bundle)
    .then(() => scope.postMessage({ ok: true }))
    .catch((error: unknown) =>
      scope.postMessage({
        ok: false,
        name: error instanceof Error ? error.name : 'Error',
        message: errorMessage(error),
      }),
    )
    .finally(() => db.close());
};
