/**
 * Runs one request in a fresh statistics worker and resolves with its final reply; progress
 * replies go to `onProgress`. Aborting the signal terminates the worker (Cancel): a fit in
 * progress cannot be interrupted any other way, and nothing has been written by then.
 */
import type { StatsReply, StatsRequest } from './protocol';

export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

type Final = Exclude<StatsReply, { kind: 'progress' } | { kind: 'error' }>;

export function runStatsWorker(
  request: StatsRequest,
  onProgress?: (p: Extract<StatsReply, { kind: 'progress' }>) => void,
  signal?: AbortSignal,
): Promise<Final> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Cancelled());
      return;
    }
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      reject(new Cancelled());
    };
    signal?.addEventListener('abort', stop, { once: true });
    // On a final reply the worker has closed itself; terminate() is kept for Cancel and failures.
    const done = (end: boolean) => {
      signal?.removeEventListener('abort', stop);
      if (end) worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<StatsReply>) => {
      const reply = event.data;
      if (reply.kind === 'progress') {
        onProgress?.(reply);
        return;
      }
      done(false);
      if (reply.kind === 'error') reject(new Error(reply.message));
      else resolve(reply);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      done(true);
      reject(new Error(event.message || 'the statistics worker could not start'));
    };
    worker.postMessage(request);
  });
}
