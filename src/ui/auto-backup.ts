/**
 * Hooks for the automatic backups (storage/snapshots.ts, loaded on first use): a snapshot before
 * an import, a restore or a bulk delete. A snapshot that cannot be written (storage full) does not
 * stop the action: it is a safety net, and the action's own failure, if any, is reported by it.
 */
import type { AppDatabase } from '../storage/db';

export async function snapshotBefore(db: AppDatabase, what: string): Promise<void> {
  try {
    const { takeSnapshot } = await import('../storage/snapshots');
    await takeSnapshot(db, Date.now(), `before ${what}`);
  } catch (error) {
    console.warn(`no automatic backup before ${what}:`, error);
  }
}

/** A delete in Browse of at least this many cards is a bulk delete. */
export const BULK_DELETE = 2;
