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

/** What a rubric point checks: what to test, why it matters, what result would change your mind. */
export const RUBRIC_KINDS = ['test', 'why', 'mind'] as const;
export type RubricKind = (typeof RUBRIC_KINDS)[number];

export interface ExplainFields {
  prompt: string;
  answer: string;
  /** The point texts, without the `[kind]` bracket. */
  rubric: string[];
  /** Same length as `rubric`; present only when at least one point has a kind. */
  rubricKinds?: (RubricKind | null)[];
}

/** What every note has, whatever its kind. */
interface NoteBase {
  id: string;
  tags: string[];
  /** Where the card's scenario or finding comes from (Markdown: authors, title, venue, year, link). */
  source?: string;
  line: number;
}

export type NoteSource =
  | (NoteBase & { kind: 'basic' | 'reverse' | 'typein'; fields: BasicFields })
  | (NoteBase & { kind: 'cloze'; fields: ClozeFields })
  | (NoteBase & { kind: 'explain'; fields: ExplainFields });

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

export function isRubricKind(value: unknown): value is RubricKind {
  return (RUBRIC_KINDS as readonly unknown[]).includes(value);
}

/** A rubric point as written in a deck file, after the "- ": `[kind] text` or just `text`. */
export function rubricLine(text: string, kind: RubricKind | null | undefined): string {
  return kind ? `[${kind}] ${text}` : text;
}

/** A `[word] ` at the start of a rubric line reads as a kind; see docs/deck-format.md "Explain". */
export const RUBRIC_KIND_PREFIX = /^\[([a-z]+)\]\s+/;

/** Card id = note id + ordinal; see docs/deck-format.md "Card ids". */
export function cardId(noteId: string, ord: number): string {
  return `${noteId}#${ord}`;
}
