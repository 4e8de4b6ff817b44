/** Shared builders for the storage tests (not a test file itself). */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleDeck, BundleNote } from '../../src/domain/deck-format/bundle';
import type { DeckSource } from '../../src/domain/deck-format/model';
import { parseDeck } from '../../src/domain/deck-format/parse';
import type { AnswerContext } from '../../src/domain/scheduling/scheduler';
import { makeScheduler } from '../../src/domain/scheduling/engine';
import { DEFAULT_SETTINGS, type SchedulingSettings } from '../../src/domain/scheduling/settings';
import { type DayClock, fixedZone } from '../../src/domain/scheduling/time';
import { type AppDatabase, openDatabase } from '../../src/storage/db';
import type { SafeDeck, SafeHtml, SafeNote } from '../../src/domain/safe-html';
import { builtinHtml } from '../../src/storage/builtin-decks/upgrade';
import type { BackupFile } from '../../src/storage/backup';
import { writeBackupText } from '../../src/storage/backup-stream';

let counter = 0;

/** A database no other test has used. */
export function freshDb(label = 'test'): AppDatabase {
  counter++;
  return openDatabase(`${label}-${counter}`);
}

export const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

/** UTC, study day from 04:00. */
export const CLOCK: DayClock = { zone: fixedZone(0), rolloverHour: 4 };

export function makeCtx(overrides: Partial<SchedulingSettings> = {}, clock: DayClock = CLOCK): AnswerContext {
  const settings = { ...DEFAULT_SETTINGS, ...overrides };
  return { scheduler: makeScheduler(settings), settings, clock };
}

export function fixtureDeck(name: string): DeckSource {
  const file = join(import.meta.dirname, '..', 'fixtures', name);
  return parseDeck(readFileSync(file, 'utf8'), `tests/fixtures/${name}`);
}

/** A basic note as a bundle would hold it, without going through Markdown. */
export function bundleNote(id: string, tags: string[] = []): SafeNote {
  return trusted({
    id,
    kind: 'basic',
    tags,
    fields: { front: `Front of ${id}`, back: `Back of ${id}` },
    cards: [{ ord: 0, front: `<p>Front of ${id}</p>`, back: `<p>Back of ${id}</p>` }],
    hash: `hash-${id}`,
  });
}

/** A deck of `count` basic notes `${prefix}-0` … (one card each: `${prefix}-k#0`). */
export function basicDeck(id: string, count: number, prefix = id): SafeDeck {
  return {
    id,
    name: `Deck ${id}`,
    description: '',
    notes: Array.from({ length: count }, (_, k) => bundleNote(`${prefix}-${k}`, [id])),
  };
}

/**
 * Test content is our own (fixture Markdown through the renderer, or HTML written here), the same
 * trust as the built-in decks: it may be stored without the sanitiser, which has its own tests.
 */
export function trusted<T extends BundleNote>(note: T): SafeNote {
  return note as unknown as SafeNote;
}
export const trustedDecks = (decks: readonly BundleDeck[]): SafeDeck[] => builtinHtml(decks as BundleDeck[]);
export const html = (text: string) => text as SafeHtml;

/** Every row of every table, for "nothing was written" checks. */
export async function snapshot(db: AppDatabase) {
  const [decks, notes, cards, reviews, settings] = await Promise.all([
    db.decks.toArray(),
    db.notes.toArray(),
    db.cards.toArray(),
    db.reviews.toArray(),
    db.settings.toArray(),
  ]);
  return { decks, notes, cards, reviews, settings };
}

/** Every table including presets and media (their bytes), for round-trip comparisons. */
export async function everyTable(db: AppDatabase) {
  const media = await Promise.all(
    (await db.media.toArray()).map(async (m) => ({
      id: m.id,
      mime: m.mime,
      bytes: [...new Uint8Array(await m.blob.arrayBuffer())],
    })),
  );
  return { ...(await snapshot(db)), presets: await db.presets.toArray(), media };
}

/** The backup file as the app writes it (streamed in pieces), parsed back. `page` shrinks the read pages. */
export async function makeBackup(db: AppDatabase, now: number, page?: number): Promise<BackupFile> {
  let text = '';
  await writeBackupText(
    db,
    now,
    (piece) => {
      text += piece;
    },
    page,
  );
  return JSON.parse(text) as BackupFile;
}
