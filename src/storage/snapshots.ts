/**
 * Automatic backups: compressed snapshots of the whole collection kept on the device, so a bad
 * import, a restore or a bulk delete is one tap from undone.
 *
 * Snapshots live in their own IndexedDB database (`recall-re-snapshots`), so restoring the
 * collection (which clears its tables) never touches them and the collection's schema is not
 * changed. Each is a backup file (backup.ts) as gzip-compressed JSON in a Blob.
 *
 * Taken before every import, restore, bulk delete and Check collection repair, and at most once a
 * day otherwise (on an idle moment after start, never on the answer path). Kept: the newest
 * `KEEP` whose total size stays within `QUOTA_SHARE` of the origin's quota (the newest is always
 * kept). This module loads only when one of those happens; the snapshot itself is written in a
 * worker (backup-jobs.ts).
 */
import { Dexie, type EntityTable } from 'dexie';
import { Gzip, gunzipSync, strFromU8, strToU8 } from 'fflate';
import { parseBackup, restoreBackup } from './backup';
import { writeBackupText } from './backup-stream';
import type { AppDatabase } from './db';
import { runBackupJob } from './backup-jobs';

export const SNAPSHOT_DB = 'recall-re-snapshots';
/** How many snapshots are kept at most. */
export const KEEP = 5;
/** The share of the origin's storage quota the snapshots may use together. */
export const QUOTA_SHARE = 0.1;
export const DAILY = 24 * 60 * 60 * 1000;

export interface SnapshotMeta {
  id?: number;
  at: number;
  /** Why it was taken: "daily", "before import", "before restore", … */
  reason: string;
  /** Compressed size in bytes. */
  size: number;
  cards: number;
  reviews: number;
}

type SnapshotDb = Dexie & {
  meta: EntityTable<SnapshotMeta, 'id'>;
  data: EntityTable<{ id: number; blob: Blob }, 'id'>;
};

const open = new Map<string, SnapshotDb>();

/** The snapshot store next to a collection (named after it, so tests get their own). */
export function snapshotStore(db: AppDatabase): SnapshotDb {
  const name = db.name === 'recall-re' ? SNAPSHOT_DB : `${db.name}-snapshots`;
  let store = open.get(name);
  if (!store) {
    store = new Dexie(name) as SnapshotDb;
    // Metadata and data apart: listing snapshots never reads their blobs.
    store.version(1).stores({ meta: '++id, at', data: 'id' });
    open.set(name, store);
  }
  return store;
}

async function quotaBudget(): Promise<number> {
  try {
    const estimate = await globalThis.navigator?.storage?.estimate?.();
    if (estimate?.quota) return estimate.quota * QUOTA_SHARE;
  } catch {
    // No estimate (old browser, test): no size limit beyond the count.
  }
  return Number.POSITIVE_INFINITY;
}

/** Ids to delete: beyond the newest `keep`, or once the running total passes `budget`. */
export function toPrune(metas: readonly SnapshotMeta[], keep: number, budget: number): number[] {
  const newestFirst = [...metas].sort((a, b) => b.at - a.at || (b.id ?? 0) - (a.id ?? 0));
  const drop: number[] = [];
  let total = 0;
  newestFirst.forEach((m, i) => {
    total += m.size;
    if (i > 0 && (i >= keep || total > budget)) drop.push(m.id as number);
  });
  return drop;
}

/**
 * Takes a snapshot of the whole collection now, then prunes old ones. The work (reading every
 * table, JSON, gzip) runs in a Web Worker that opens the database itself, so the page's memory and
 * main thread stay free at 100,000 cards; here only where no worker can start.
 */
export function takeSnapshot(db: AppDatabase, now: number, reason: string): Promise<SnapshotMeta> {
  return runBackupJob({ kind: 'snapshot', database: db.name, now, reason }, () => takeSnapshotHere(db, now, reason));
}

/** The snapshot itself: the backup text streamed through gzip, one page of rows in memory at a time. */
export async function takeSnapshotHere(db: AppDatabase, now: number, reason: string): Promise<SnapshotMeta> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const gzip = new Gzip({ level: 6 }, (chunk) => parts.push(chunk as Uint8Array<ArrayBuffer>));
  const counts = await writeBackupText(db, now, (text) => gzip.push(strToU8(text)));
  gzip.push(new Uint8Array(0), true);
  const blob = new Blob(parts, { type: 'application/gzip' });
  const meta: SnapshotMeta = { at: now, reason, size: blob.size, ...counts };
  const store = snapshotStore(db);
  const budget = await quotaBudget();
  await store.transaction('rw', [store.meta, store.data], async () => {
    const id = (await store.meta.add(meta)) as number;
    meta.id = id;
    await store.data.add({ id, blob });
    const drop = toPrune(await store.meta.toArray(), KEEP, budget);
    await store.meta.bulkDelete(drop);
    await store.data.bulkDelete(drop);
  });
  return meta;
}

export async function listSnapshots(db: AppDatabase): Promise<SnapshotMeta[]> {
  return (await snapshotStore(db).meta.orderBy('at').reverse().toArray()) as SnapshotMeta[];
}

/** The snapshot's backup file, checked like any backup file. */
export async function readSnapshot(db: AppDatabase, id: number) {
  const row = await snapshotStore(db).data.get(id);
  if (!row) throw new Error(`snapshot ${id} does not exist`);
  const text = strFromU8(gunzipSync(new Uint8Array(await row.blob.arrayBuffer())));
  return parseBackup(text, `snapshot ${id}`);
}

/**
 * Replaces the collection with a snapshot. The current state is snapshotted first (and that
 * snapshot is never the one pruned, being the newest), so a restore can itself be undone.
 */
export async function restoreSnapshot(db: AppDatabase, id: number, now: number): Promise<SnapshotMeta> {
  const backup = await readSnapshot(db, id);
  const before = await takeSnapshot(db, now, 'before restore');
  await restoreBackup(db, backup, 'replace');
  return before;
}

/** Takes the daily snapshot when the newest is a day old (or none exists) and there is something to keep. */
export async function dailySnapshot(db: AppDatabase, now: number): Promise<SnapshotMeta | undefined> {
  const newest = await snapshotStore(db).meta.orderBy('at').last();
  if (newest && now - newest.at < DAILY && now >= newest.at) return undefined;
  if (
    (await db.reviews.count()) === 0 &&
    (await db.decks
      .where('id')
      .notEqual('')
      .filter((d) => d.source === 'user')
      .count()) === 0
  )
    return undefined;
  return takeSnapshot(db, now, 'daily');
}
