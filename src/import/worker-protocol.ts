/**
 * Messages between the import worker and the page, and the worker's handler (kept apart from
 * worker.ts so it can be tested without a Worker).
 */
import type { SqlJsStatic } from 'sql.js';
import { ImportError, type ImportResult } from './model';
import { readImport } from './read';
import { errorMessage } from '../domain/errors';

export interface ImportRequest {
  fileName: string;
  bytes: Uint8Array;
}

export type ImportResponse =
  | { type: 'progress'; done: number; total: number; stage: string }
  | { type: 'done'; result: ImportResult }
  /** `where`/`problem` are set when the failure was an ImportError. */
  | { type: 'error'; message: string; where?: string; problem?: string };

/** Buffers of the imported media, so the result moves to the page without a copy. */
export function transferables(result: ImportResult): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const m of result.media) {
    const buffer = m.data.buffer;
    if (buffer instanceof ArrayBuffer && m.data.byteOffset === 0 && m.data.byteLength === buffer.byteLength) seen.add(buffer);
  }
  return [...seen];
}

const PROGRESS_INTERVAL_MS = 100;

export async function handleImportRequest(
  request: ImportRequest,
  sql: () => Promise<SqlJsStatic>,
  post: (message: ImportResponse, transfer?: ArrayBuffer[]) => void,
  now: () => number = Date.now,
): Promise<void> {
  let last = Number.NEGATIVE_INFINITY;
  try {
    const result = await readImport(request.fileName, request.bytes, { sql }, (done, total, stage) => {
      const t = now();
      if (t - last < PROGRESS_INTERVAL_MS && done < total) return;
      last = t;
      post({ type: 'progress', done, total, stage });
    });
    post({ type: 'done', result }, transferables(result));
  } catch (error) {
    if (error instanceof ImportError) {
      post({ type: 'error', message: error.message, where: error.where, problem: error.problem });
    } else {
      post({ type: 'error', message: errorMessage(error) });
    }
  }
}
