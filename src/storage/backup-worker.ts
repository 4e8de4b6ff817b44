/** Whole-collection backups off the main thread (backup-jobs.ts): opens the collection itself and streams it. */
import type { BackupJob } from './backup-jobs';
import { backupBlob } from './backup-stream';
import { openDatabase } from './db';
import { serveJob } from './run-worker';
import { snapshotStore, takeSnapshotHere } from './snapshots';

serveJob(async (job: BackupJob) => {
  const db = openDatabase(job.database);
  try {
    if (job.kind === 'file') return await backupBlob(db, job.now);
    try {
      return await takeSnapshotHere(db, job.now, job.reason);
    } finally {
      snapshotStore(db).close();
    }
  } finally {
    db.close();
  }
});
