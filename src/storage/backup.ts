/**
 * Backup and restore of the whole collection as one JSON file: every deck, note, card state,
 * review, media file (base64) and setting. Restore either replaces the collection or merges
 * into it by id (the newer card state wins, reviews are a union). Each restore is one
 * transaction, checked before anything is written.
 */
import { isRubricKind } from '../domain/deck-format/model';
import type { AppDatabase, CardRow, DeckRow, MediaRow, NoteRow, PresetRow, ReviewRow, SettingRow } from './db';
import { errorMessage } from '../domain/errors';

export const BACKUP_FORMAT = 'recall-re-backup';
export const LAST_BACKUP_KEY = 'lastBackupAt';

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: number;
  decks: DeckRow[];
  notes: NoteRow[];
  cards: CardRow[];
  reviews: ReviewRow[];
  settings: SettingRow[];
  /** Deck options presets (absent in backups made before they were kept). */
  presets?: PresetRow[];
  media: { id: string; mime: string; base64: string }[];
}

export class BackupError extends Error {
  constructor(
    readonly where: string,
    problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = 'BackupError';
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** A media file as the backup file holds it. */
export async function mediaEntry(m: MediaRow): Promise<BackupFile['media'][number]> {
  return { id: m.id, mime: m.mime, base64: toBase64(new Uint8Array(await m.blob.arrayBuffer())) };
}

/** Checks the shape of a backup file before anything is written; names what is wrong. */
export function parseBackup(text: string, fileName: string): BackupFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BackupError(fileName, `not a JSON file (${errorMessage(error)})`);
  }
  const b = data as Partial<BackupFile> | null;
  if (!b || typeof b !== 'object' || b.format !== BACKUP_FORMAT) throw new BackupError(fileName, 'not a Recall RE backup');
  if (b.version !== 1) throw new BackupError(fileName, `backup version ${String(b.version)} is not supported`);
  for (const key of ['decks', 'notes', 'cards', 'reviews', 'settings', 'media'] as const) {
    if (!Array.isArray(b[key])) throw new BackupError(fileName, `"${key}" is missing or not a list`);
  }
  const check = (key: string, rows: unknown[], valid: (r: Record<string, unknown>) => boolean) => {
    const bad = rows.findIndex((r) => !r || typeof r !== 'object' || !valid(r as Record<string, unknown>));
    if (bad >= 0) throw new BackupError(fileName, `${key}[${bad}] is malformed`);
  };
  check('decks', b.decks ?? [], (r) => typeof r.id === 'string' && typeof r.name === 'string');
  check(
    'notes',
    b.notes ?? [],
    (r) =>
      typeof r.id === 'string' &&
      typeof r.deckId === 'string' &&
      Array.isArray(r.cards) &&
      r.cards.every(
        (c: { front?: unknown; back?: unknown } | null) => typeof c?.front === 'string' && typeof c.back === 'string',
      ) &&
      (r.rubric === undefined || (Array.isArray(r.rubric) && r.rubric.every((p) => typeof p === 'string'))) &&
      (r.rubricKinds === undefined ||
        (Array.isArray(r.rubricKinds) &&
          Array.isArray(r.rubric) &&
          r.rubricKinds.length === r.rubric.length &&
          r.rubricKinds.every((k) => k === null || isRubricKind(k)))) &&
      (r.source === undefined || typeof r.source === 'string'),
  );
  check('cards', b.cards ?? [], (r) => typeof r.id === 'string' && typeof r.noteId === 'string' && typeof r.due === 'number');
  check('reviews', b.reviews ?? [], (r) => typeof r.cardId === 'string' && typeof r.review === 'number');
  check('settings', b.settings ?? [], (r) => typeof r.key === 'string');
  check('media', b.media ?? [], (r) => typeof r.id === 'string' && typeof r.base64 === 'string');
  if (b.presets !== undefined && !Array.isArray(b.presets)) throw new BackupError(fileName, '"presets" is not a list');
  check(
    'presets',
    b.presets ?? [],
    (r) => typeof r.id === 'string' && typeof r.name === 'string' && !!r.values && typeof r.values === 'object',
  );
  return b as BackupFile;
}

export type RestoreMode = 'replace' | 'merge';

export async function restoreBackup(db: AppDatabase, backup: BackupFile, mode: RestoreMode): Promise<void> {
  const media: MediaRow[] = backup.media.map((m) => ({
    id: m.id,
    mime: m.mime,
    blob: new Blob([fromBase64(m.base64) as Uint8Array<ArrayBuffer>], { type: m.mime }),
  }));
  const presets = backup.presets ?? [];
  await db.transaction('rw', [db.decks, db.notes, db.cards, db.reviews, db.settings, db.presets, db.media], async () => {
    if (mode === 'replace') {
      await Promise.all([
        db.presets.clear(),
        db.decks.clear(),
        db.notes.clear(),
        db.cards.clear(),
        db.reviews.clear(),
        db.settings.clear(),
        db.media.clear(),
      ]);
      await db.decks.bulkAdd(backup.decks);
      await db.notes.bulkAdd(backup.notes);
      await db.cards.bulkAdd(backup.cards);
      await db.reviews.bulkAdd(backup.reviews);
      await db.settings.bulkAdd(backup.settings);
      await db.presets.bulkAdd(presets);
      await db.media.bulkAdd(media);
      return;
    }
    await db.decks.bulkPut(backup.decks);
    await db.notes.bulkPut(backup.notes);
    const current = await db.cards.bulkGet(backup.cards.map((c) => c.id));
    await db.cards.bulkPut(
      backup.cards.filter((c, i) => {
        const mine = current[i];
        return !mine || (c.lastReview ?? -1) > (mine.lastReview ?? -1);
      }),
    );
    const existing = new Set((await db.reviews.toArray()).map((r) => `${r.cardId}@${r.review}`));
    await db.reviews.bulkAdd(
      backup.reviews.filter((r) => !existing.has(`${r.cardId}@${r.review}`)).map(({ id: _drop, ...rest }) => rest as ReviewRow),
    );
    const settings = new Set((await db.settings.toArray()).map((s) => s.key));
    await db.settings.bulkAdd(backup.settings.filter((s) => !settings.has(s.key)));
    // A preset this device already has keeps its values here, as settings do.
    const known = new Set(await db.presets.toCollection().primaryKeys());
    await db.presets.bulkAdd(presets.filter((p) => !known.has(p.id)));
    await db.media.bulkPut(media);
  });
}
