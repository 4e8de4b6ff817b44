/**
 * The backup file (backup.ts) written piece by piece, so a collection of 100,000 cards and a
 * million reviews never sits in memory at once: each table is read in pages by primary key, one
 * short read transaction per page (an answer is never held up behind the whole read), and each
 * page is handed on as JSON text. The text parses to exactly what makeBackup returns.
 *
 * Read order keeps a copy taken while the user answers repairable: cards before reviews, so an
 * answer given meanwhile can show up as a review whose card state is older (Check collection
 * replays it: the review log wins), never as a card state without its review.
 */
import type { IndexableType, Table } from 'dexie';
import { BACKUP_FORMAT, mediaEntry } from './backup';
import type { AppDatabase } from './db';

/** Rows per read; small enough that a page of notes or media stays a few MB. */
const PAGE = 2000;
const MEDIA_PAGE = 20;

export interface BackupCounts {
  cards: number;
  reviews: number;
}

async function* pages<T, K, I>(table: Table<T, K, I>, size: number): AsyncGenerator<T[]> {
  const keyPath = table.schema.primKey.keyPath as string;
  let after: K | undefined;
  for (;;) {
    const rows =
      after === undefined
        ? await table.orderBy(':id').limit(size).toArray()
        : await table
            .where(':id')
            .above(after as IndexableType)
            .limit(size)
            .toArray();
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    after = (rows[rows.length - 1] as Record<string, K>)[keyPath];
  }
}

/**
 * Calls `write` with consecutive pieces of the backup file's JSON text (each piece one page of
 * rows or less) and returns how many cards and reviews it holds. `page` is the rows per read.
 */
export async function writeBackupText(
  db: AppDatabase,
  now: number,
  write: (text: string) => void,
  page = PAGE,
): Promise<BackupCounts> {
  const counts: BackupCounts = { cards: 0, reviews: 0 };
  write(`{"format":${JSON.stringify(BACKUP_FORMAT)},"version":1,"createdAt":${JSON.stringify(now)}`);
  const list = async <T, K, I>(name: string, table: Table<T, K, I>, size = page, map: (row: T) => unknown = (r) => r) => {
    write(`,${JSON.stringify(name)}:[`);
    let n = 0;
    for await (const rows of pages(table, size)) {
      const items = await Promise.all(rows.map(async (row) => JSON.stringify(await map(row))));
      write((n > 0 ? ',' : '') + items.join(','));
      n += rows.length;
    }
    write(']');
    return n;
  };
  await list('decks', db.decks);
  await list('notes', db.notes);
  counts.cards = await list('cards', db.cards);
  await list('settings', db.settings);
  await list('presets', db.presets);
  await list('media', db.media, Math.min(page, MEDIA_PAGE), mediaEntry);
  counts.reviews = await list('reviews', db.reviews);
  write('}');
  return counts;
}

export interface BackupBlob extends BackupCounts {
  /** The backup file (JSON), built from one Blob per piece so no string of the whole file exists. */
  blob: Blob;
}

export async function backupBlob(db: AppDatabase, now: number): Promise<BackupBlob> {
  const parts: Blob[] = [];
  const counts = await writeBackupText(db, now, (text) => parts.push(new Blob([text])));
  return { blob: new Blob(parts, { type: 'application/json' }), ...counts };
}
