/**
 * The Dexie database. Every schema change is a new version() with its own upgrade, and a test
 * opens a database written by the version before it (tests/storage/schema.test.ts).
 *
 * Index plan (100,000 cards): today's cards are read with [deckId+queue+due] range scans and
 * limits; nothing ever loads every card to pick a day's work.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { NoteKind } from '../domain/deck-format/model';
import type { CardState, Queue, ReviewEntry } from '../domain/scheduling/scheduler';

export interface DeckRow {
  id: string;
  name: string;
  description: string;
  /** 'builtin' decks come with the app and are updated by app versions. */
  source: 'builtin' | 'user';
  /** Position in the deck list. */
  order: number;
  retired?: boolean;
  /** The deck's options preset; absent = the default preset (the global settings). */
  presetId?: string;
}

export interface PresetRow {
  id: string;
  name: string;
  values: import('../domain/scheduling/settings').PresetValues;
}

export interface RenderedSide {
  ord: number;
  front: string;
  back: string;
}

export interface NoteRow {
  id: string;
  deckId: string;
  kind: NoteKind;
  tags: string[];
  /** The source fields as written (Markdown), for editing and export. */
  fields: Record<string, string | string[]>;
  /** HTML per card, produced where the deck was read (build or import worker). */
  cards: RenderedSide[];
  rubric?: string[];
  /** Hash of the source, so an unchanged note is not rewritten on upgrade. */
  hash: string;
  retired?: boolean;
}

export interface CardRow extends CardState {
  id: string;
  noteId: string;
  deckId: string;
  ord: number;
  /** 0 = none, 1–7 = the flag colours. */
  flag?: number;
  /** Buried until this instant (the start of the next study day); no write is needed to unbury. */
  buriedUntil?: number;
}

export interface ReviewRow extends ReviewEntry {
  id?: number;
  cardId: string;
  noteId: string;
  deckId: string;
  /** Milliseconds from showing the card to answering it. */
  durationMs: number;
  /** The card exactly as it was before the answer; undo restores it. */
  before: CardState;
  /** The queue the card was in before the answer. */
  beforeQueue: Queue;
  /** This answer made the card a leech (undo takes the leech tag back off). */
  leech?: boolean;
  /** Came from an imported package's history, not answered in this app. */
  imported?: boolean;
}

export interface MediaRow {
  id: string;
  blob: Blob;
  mime: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export type AppDatabase = Dexie & {
  decks: EntityTable<DeckRow, 'id'>;
  notes: EntityTable<NoteRow, 'id'>;
  cards: EntityTable<CardRow, 'id'>;
  reviews: EntityTable<ReviewRow, 'id'>;
  media: EntityTable<MediaRow, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  presets: EntityTable<PresetRow, 'id'>;
};

export const DB_NAME = 'recall-re';

export const SCHEMA_V1 = {
  decks: 'id, order',
  notes: 'id, deckId, *tags',
  cards: 'id, noteId, [deckId+queue+due], [queue+due]',
  reviews: '++id, cardId, review, [deckId+review]',
  media: 'id',
  settings: 'key',
};

/** v2: deck options presets. Existing decks keep the default preset (no presetId). */
export const SCHEMA_V2 = { ...SCHEMA_V1, presets: 'id' };

/**
 * v3: cards indexed by `buriedUntil` (only buried cards carry it), so the queue learns which
 * cards are buried from one small index read and can keep its range reads as plain getAll.
 */
export const SCHEMA_V3 = { ...SCHEMA_V2, cards: `${SCHEMA_V1.cards}, buriedUntil` };

export function openDatabase(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]): AppDatabase {
  const db = new Dexie(name, options) as AppDatabase;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2);
  db.version(3).stores(SCHEMA_V3);
  // Dexie reopens a connection that was closed under it (a versionchange, a browser closing it).
  // If another tab meanwhile upgraded the database to a newer schema, this page's code is out of
  // date: refuse to open rather than write rows in the old format.
  db.on(
    'ready',
    (opened) => {
      const installed = (opened as AppDatabase).backendDB().version;
      if (installed > SCHEMA_VERSION * 10) {
        throw new NewerSchemaError(installed / 10);
      }
    },
    true,
  );
  return db;
}

/** The schema version this code writes (Dexie stores version × 10 in IndexedDB). */
export const SCHEMA_VERSION = 3;

export class NewerSchemaError extends Error {
  constructor(readonly installed: number) {
    super(`a newer version of the app has upgraded the database (schema ${installed}, this page knows ${SCHEMA_VERSION})`);
    this.name = 'NewerSchemaError';
  }
}
