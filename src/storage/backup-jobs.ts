/**
 * Whole-collection backups (a file to download, an automatic snapshot) run in a Web Worker that
 * opens the database itself (backup-worker.ts), so neither the page's memory nor its main thread
 * carries a collection of 100,000 cards; on this thread only where no worker can start.
 */
import { type BackupBlob, backupBlob } from './backup-stream';
import type { AppDatabase } from './db';
import { runInWorker, WorkerUnavailable } from './run-worker';

export type BackupJob =
  | { kind: 'snapshot'; database: string; now: number; reason: string }
  | { kind: 'file'; database: string; now: number };

/** Runs `job` in the backup worker, or `here` when no worker can start. */
export async function runBackupJob<T>(job: BackupJob, here: () => Promise<T>): Promise<T> {
  try {
    return await runInWorker<T>(() => new Worker(new URL('./backup-worker.ts', import.meta.url), { type: 'module' }), job);
  } catch (error) {
    if (!(error instanceof WorkerUnavailable)) throw error;
    return here();
  }
}

/** The backup file of the whole collection now. */
export function backupFile(db: AppDatabase, now: number): Promise<BackupBlob> {
  return runBackupJob({ kind: 'file', database: db.name, now }, () => backupBlob(db, now));
}
