/**
 * The Dexie database. Every schema change is a new version() with its own upgrade, and a test
 * opens a database written by the version before it (tests/storage/schema.test.ts).
 *
 * Index plan (100,000 cards): today's cards are read with [deckId+queue+due] range scans and
 * limits; nothing ever loads every card to pick a day's work.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { NoteKind, RubricKind } from '../domain/deck-format/model';
import type { CardState, Queue, ReviewEntry } from '../domain/scheduling/scheduler';
import type { SafeHtml } from '../domain/safe-html';

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
  front: SafeHtml;
  back: SafeHtml;
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
  rubric?: SafeHtml[];
  /** Explain notes: each rubric point's kind (what to test, why, what would change your mind). */
  rubricKinds?: (RubricKind | null)[];
  /** Where the card comes from, as written (Markdown); its HTML is already under each card's back. */
  source?: string;
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

/** One question of a mock interview, as asked and answered. */
export interface InterviewQuestion {
  cardId: string;
  noteId: string;
  deckId: string;
  /** The card's reps when it was drawn: a grade is refused if the card was answered elsewhere since. */
  reps: number;
  /** Kinds of the rubric points when drawn (what to test / why / what would change your mind), if the note tags them. */
  rubricKinds?: (RubricKind | null)[];
  /** Time spent answering so far (ms); a reload does not count the time the page was gone. */
  usedMs: number;
  /** The written answer (also kept while typing, so a reload does not lose it). */
  text: string;
  /** The spoken answer, in table `recordings`. */
  recordingId?: string;
  /** Rubric points ticked, in the note's order (present once graded). */
  ticks?: boolean[];
  grade?: import('../domain/scheduling/scheduler').Grade;
  /** The review row the grade wrote (undo deletes it). */
  reviewId?: number;
}

export interface InterviewSetup {
  deckIds: string[];
  count: number;
  minutes: number;
  mode: 'written' | 'spoken';
  /** Review each answer right after it, or all of them at the end. */
  reviewAt: import('../domain/interview/run').ReviewAt;
}

/**
 * A mock interview run. `step` and `current` say where it stands, so a reload resumes it:
 * `ready` before question `current`, `answering` it, `review` of it, then `summary`.
 */
export interface InterviewRow {
  id: string;
  startedAt: number;
  status: 'running' | 'done';
  finishedAt?: number;
  setup: InterviewSetup;
  /** Why spoken answers fell back to writing (no microphone, permission refused…). */
  fallback?: string;
  current: number;
  step: import('../domain/interview/run').InterviewStep;
  questions: InterviewQuestion[];
}

/** A spoken answer, kept on the device only. */
export interface RecordingRow {
  id: string;
  runId: string;
  blob: Blob;
  mime: string;
  durationMs: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/**
 * What each row of the settings table holds, by key (read and written through settings-store.ts).
 * `unknown` marks a value its reader checks and repairs (an old or damaged row must not break the app).
 */
export interface SettingValues {
  /** The global scheduling settings (settings-repo.ts). */
  scheduling: unknown;
  /** Review-screen preferences and the theme: this device's. */
  ui: unknown;
  /** The daily reminder's settings, and the study day it was last shown. */
  reminder: unknown;
  'reminder-shown': number;
  /** When a backup file was last downloaded, and when the backup reminder was last shown. */
  lastBackupAt: number;
  backupNudgedAt: number;
  /** The version of the built-in decks in storage. */
  builtinDecksVersion: string;
  /** A preset's adopted FSRS parameters, and what its last adoption replaced (parameters-store.ts). */
  [fitted: `fsrs:${string}`]: unknown;
  [undo: `fsrs-undo:${string}`]: unknown;
}

export type AppDatabase = Dexie & {
  decks: EntityTable<DeckRow, 'id'>;
  notes: EntityTable<NoteRow, 'id'>;
  cards: EntityTable<CardRow, 'id'>;
  reviews: EntityTable<ReviewRow, 'id'>;
  media: EntityTable<MediaRow, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  presets: EntityTable<PresetRow, 'id'>;
  interviews: EntityTable<InterviewRow, 'id'>;
  recordings: EntityTable<RecordingRow, 'id'>;
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

/**
 * v4: mock interviews. Runs (`status` finds a run left running by a reload) and their recordings
 * (by run, so a run is deleted with them); explain notes found per deck by `[deckId+kind]`
 * without reading a deck's other notes.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  notes: `${SCHEMA_V1.notes}, [deckId+kind]`,
  interviews: 'id, startedAt, status',
  recordings: 'id, runId',
};

export function openDatabase(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]): AppDatabase {
  const db = new Dexie(name, options) as AppDatabase;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2);
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4);
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
export const SCHEMA_VERSION = 4;

export class NewerSchemaError extends Error {
  constructor(readonly installed: number) {
    super(`a newer version of the app has upgraded the database (schema ${installed}, this page knows ${SCHEMA_VERSION})`);
    this.name = 'NewerSchemaError';
  }
}
