/**
 * What every import reader returns (the contract shared with the Import screen and the storage
 * commit). Readers run in a Web Worker: the HTML they produce is rendered, not sanitised — the
 * main thread runs DOMPurify before anything is stored or shown.
 */
import type { BundleDeck } from '../domain/deck-format/bundle';
import type { CardState, ReviewEntry } from '../domain/scheduling/scheduler';

export type ImportFormat = 'markdown' | 'json' | 'csv' | 'apkg' | 'colpkg';

/** where: "file.csv:12", "deck.apkg:collection.anki2" or "note 1234". */
export interface ImportWarning {
  where: string;
  message: string;
}

export interface ImportedMedia {
  name: string;
  mime: string;
  data: Uint8Array;
}

/** Only for cards the package had reviewed; new cards get no entry. */
export interface ImportedScheduling {
  cardId: string;
  state: CardState;
}

export interface ImportedReview {
  cardId: string;
  entry: ReviewEntry;
  durationMs: number;
}

export interface ImportResult {
  format: ImportFormat;
  fileName: string;
  /** Notes already rendered to HTML (not yet sanitised: the main thread runs DOMPurify before storing). */
  decks: BundleDeck[];
  media: ImportedMedia[];
  scheduling: ImportedScheduling[];
  reviews: ImportedReview[];
  /** Skipped rows with line number and reason, unsupported features, ... */
  warnings: ImportWarning[];
}

export class ImportError extends Error {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = 'ImportError';
  }
}

export type Progress = (done: number, total: number, stage: string) => void;
