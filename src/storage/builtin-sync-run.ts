/**
 * Writes the built-in decks: in a Web Worker (src/storage/sync-worker.ts), or on this thread where
 * workers cannot start. Loaded only when the stored decks are missing or older than this build.
 */
import type { AppDatabase } from './db';
import type { SyncResponse } from './sync-worker';

class WorkerUnavailable extends Error {}

function syncInWorker(): Promise<void> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./sync-worker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      reject(new WorkerUnavailable(String(error)));
      return;
    }
    worker.onmessage = (event: MessageEvent<SyncResponse>) => {
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
    worker.postMessage('sync');
  });
}

async function syncHere(db: AppDatabase): Promise<void> {
  const [{ default: bundle }, { syncBuiltinDecks }] = await Promise.all([
    import('virtual:builtin-decks'),
    import('./sync-decks'),
  ]);
  await syncBuiltinDecks(db, bundle);
}

export async function syncBuiltinDecksNow(db: AppDatabase): Promise<void> {
  try {
    if (typeof Worker === 'undefined') throw new WorkerUnavailable('no Worker');
    await syncInWorker();
  } catch (error) {
    if (!(error instanceof WorkerUnavailable)) throw error;
    await syncHere(db);
  }
}
