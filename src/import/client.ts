/**
 * Runs an import in a module Web Worker, off the main thread. The file's bytes are transferred
 * (not copied) to the worker; cancel() stops the worker at once and rejects the promise with an
 * AbortError. The HTML in the result is not sanitised yet: run it through DOMPurify before
 * storing it.
 */
import { ImportError, type ImportResult, type Progress } from './model';
import type { ImportRequest, ImportResponse } from './worker-protocol';
import { errorMessage } from '../domain/errors';

export interface RunningImport {
  promise: Promise<ImportResult>;
  cancel: () => void;
}

/** What the client needs from a Worker (tests pass a fake). */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<ImportResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: ImportRequest, transfer: Transferable[]): void;
  terminate(): void;
}

export class ImportCancelledError extends Error {
  constructor() {
    super('Import cancelled');
    this.name = 'AbortError';
  }
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

export function runImportInWorker(
  file: File,
  onProgress?: Progress,
  createWorker: () => WorkerLike = defaultWorker,
): RunningImport {
  let worker: WorkerLike | undefined;
  let settled = false;
  let rejectFn: ((reason: unknown) => void) | undefined;
  const finish = () => {
    settled = true;
    worker?.terminate();
    worker = undefined;
  };

  const promise = new Promise<ImportResult>((resolve, reject) => {
    rejectFn = reject;
    file.arrayBuffer().then(
      (buffer) => {
        if (settled) return;
        const w = createWorker();
        worker = w;
        w.onmessage = (event) => {
          const message = event.data;
          if (settled) return;
          if (message.type === 'progress') {
            onProgress?.(message.done, message.total, message.stage);
          } else if (message.type === 'done') {
            finish();
            resolve(message.result);
          } else {
            finish();
            reject(
              message.where !== undefined && message.problem !== undefined
                ? new ImportError(message.where, message.problem)
                : new ImportError(file.name, message.message),
            );
          }
        };
        w.onerror = (event) => {
          if (settled) return;
          finish();
          reject(new ImportError(file.name, `the import worker failed (${event.message || 'unknown error'})`));
        };
        const bytes = new Uint8Array(buffer);
        w.postMessage({ fileName: file.name, bytes }, [buffer]);
      },
      (error: unknown) => {
        if (settled) return;
        finish();
        reject(new ImportError(file.name, `the file could not be read (${errorMessage(error)})`));
      },
    );
  });

  const cancel = () => {
    if (settled) return;
    finish();
    rejectFn?.(new ImportCancelledError());
  };
  return { promise, cancel };
}
