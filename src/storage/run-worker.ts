/**
 * Runs one job in a module Web Worker and returns its answer; where no worker can start (an old
 * browser, a test in Node), says so with WorkerUnavailable so the caller can run the job here.
 */
import { errorMessage } from '../domain/errors';

/** A worker's one answer: its value, or the error it met (name kept: QuotaExceededError…). */
export type WorkerReply<T> = { ok: true; value: T } | { ok: false; name: string; message: string };

export class WorkerUnavailable extends Error {
  constructor(reason: string) {
    super(`no worker: ${reason}`);
    this.name = 'WorkerUnavailable';
  }
}

/** `start` is `() => new Worker(new URL('./x.ts', import.meta.url), { type: 'module' })`, written where the bundler sees it. */
export function runInWorker<T>(start: () => Worker, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      if (typeof Worker === 'undefined') throw new Error('Worker is not defined');
      worker = start();
    } catch (error) {
      reject(new WorkerUnavailable(String(error)));
      return;
    }
    worker.onmessage = (event: MessageEvent<WorkerReply<T>>) => {
      worker.terminate();
      const reply = event.data;
      if (reply.ok) resolve(reply.value);
      else reject(Object.assign(new Error(reply.message), { name: reply.name }));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new WorkerUnavailable(event.message));
    };
    worker.postMessage(message);
  });
}

/** The worker side: answers each message with `job`'s value or its error. */
export function serveJob<M, T>(job: (message: M) => Promise<T>): void {
  const scope = self as unknown as {
    onmessage: ((event: MessageEvent<M>) => void) | null;
    postMessage(reply: WorkerReply<T>): void;
  };
  scope.onmessage = (event) => {
    job(event.data).then(
      (value) => scope.postMessage({ ok: true, value }),
      (error: unknown) =>
        scope.postMessage({
          ok: false,
          name: error instanceof Error ? error.name : 'Error',
          message: errorMessage(error),
        }),
    );
  };
}
