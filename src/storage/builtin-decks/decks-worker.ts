/**
 * The built-in decks' Web Worker: reads the bundle (a large module) and writes it into IndexedDB
 * off the main thread, so a first visit or an update never blocks the page. Answers null when the
 * decks are in, or the storage error it met (run-worker.ts).
 */
import bundle from 'virtual:builtin-decks';
import { openDatabase } from '../db';
import { serveJob } from '../run-worker';
import { upgradeBuiltinDecks } from './upgrade';

serveJob(async () => {
  const db = openDatabase();
  try {
    await upgradeBuiltinDecks(db, bundle);
    return null;
  } finally {
    db.close();
  }
});
