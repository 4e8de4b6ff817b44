/**
 * The deck model shared by the native format, built-in decks and every importer.
 * Plain data only: what a deck says, before anything is rendered or scheduled.
 */

export const FORMAT_VERSION = 1;

export const NOTE_KINDS = ['basic', 'reverse', 'cloze', 'explain', 'typein'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface BasicFields {
  front: string;
  back: string;
}

export interface ClozeFields {
  text: string;
  extra: string;
}

export interface ExplainFields {
  prompt: string;
  answer: string;
  rubric: string[];
}

export type NoteSource =
  | { kind: 'basic' | 'reverse' | 'typein'; id: string; tags: string[]; line: number; fields: BasicFields }
  | { kind: 'cloze'; id: string; tags: string[]; line: number; fields: ClozeFields }
  | { kind: 'explain'; id: string; tags: string[]; line: number; fields: ExplainFields };

export interface DeckSource {
  format: number;
  id: string;
  name: string;
  description: string;
  /** Tags the front matter adds to every note (already merged into each note's tags). */
  tags: string[];
  notes: NoteSource[];
}

/** Where a problem was found, so messages read "decks/x.md:42: …". */
export class DeckFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'DeckFormatError';
  }
}

export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const TAG_PATTERN = /^[\p{L}\p{N}_\-:/.]+$/u;

/** Card id = note id + ordinal; see docs/deck-format.md "Card ids". */
export function cardId(noteId: string, ord: number): string {
  return `${noteId}#${ord}`;
}
