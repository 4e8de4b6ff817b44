/**
 * Writes the built-in decks: in a Web Worker (decks-worker.ts), or on this thread where workers cannot
 * start. Loaded only when the stored decks are missing or older than this build.
 */
import type { AppDatabase } from '../db';
import type { BuiltinDecksReply } from './protocol';

class WorkerUnavailable extends Error {}

function upgradeInWorker(): Promise<void> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./decks-worker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      reject(new WorkerUnavailable(String(error)));
      return;
    }
    worker.onmessage = (event: MessageEvent<BuiltinDecksReply>) => {
      worker.terminate();
      const reply = event.data;
      if (reply.ok) resolve();
      else reject(Object.assign(new Error(reply.message), { name: reply.name }));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new WorkerUnavailable(event.message));
    };
    worker.postMessage('upgrade');
  });
}

async function upgradeHere(db: AppDatabase): Promise<void> {
  const [{ default: bundle }, { upgradeBuiltinDecks }] = await Promise.all([
    import('virtual:builtin-decks'),
    import('./upgrade'),
  ]);
  await upgradeBuiltinDecks(db, bundle);
}

export async function loadBuiltinDecks(db: AppDatabase): Promise<void> {
  try {
    if (typeof Worker === 'undefined') throw new WorkerUnavailable('no Worker');
    await upgradeInWorker();
  } catch (error) {
    if (!(error instanceof WorkerUnavailable)) throw error;
    await upgradeHere(db);
  }
}
