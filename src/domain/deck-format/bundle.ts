/**
 * A parsed deck turned into what storage keeps: rendered cards plus a content hash per note.
 * The same shape comes from the build (built-in decks) and from importers.
 */
import type { DeckSource, NoteKind, NoteSource, RubricKind } from './model';
import { renderNote, type RenderedCard } from './render';

export interface BundleNote {
  id: string;
  kind: NoteKind;
  tags: string[];
  fields: Record<string, string | string[]>;
  cards: RenderedCard[];
  rubric?: string[];
  /** Explain notes: each rubric point's kind, when any point has one. */
  rubricKinds?: (RubricKind | null)[];
  /** The note's source as written (Markdown); its HTML is already under each card's back. */
  source?: string;
  hash: string;
}

export interface BundleDeck {
  id: string;
  name: string;
  description: string;
  notes: BundleNote[];
}

export interface DeckBundle {
  /** Hash of everything below; storage re-syncs built-in decks when it changes. */
  version: string;
  decks: BundleDeck[];
}

/** cyrb53: a fast 53-bit string hash, enough to notice changed content (not for security). */
export function hashString(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The text fields; rubric kinds are kept beside them (NoteRow.rubricKinds), not among them. */
function fieldsOf(note: NoteSource): Record<string, string | string[]> {
  if (note.kind !== 'explain') return { ...note.fields };
  const { rubricKinds: _, ...fields } = note.fields;
  return fields;
}

/** Hashed only when present, so a note without them keeps the hash it had before they existed. */
function extrasOf(note: NoteSource): unknown[] {
  const kinds = note.kind === 'explain' ? note.fields.rubricKinds : undefined;
  return kinds || note.source ? [kinds ?? null, note.source ?? null] : [];
}

export function toBundleNote(note: NoteSource): BundleNote {
  const rendered = renderNote(note);
  const fields = fieldsOf(note);
  const out: BundleNote = {
    id: note.id,
    kind: note.kind,
    tags: note.tags,
    fields,
    cards: rendered.cards,
    hash: hashString(JSON.stringify([note.kind, note.tags, fields, ...extrasOf(note)])),
  };
  if (rendered.rubric) out.rubric = rendered.rubric;
  if (note.kind === 'explain' && note.fields.rubricKinds) out.rubricKinds = note.fields.rubricKinds;
  if (note.source) out.source = note.source;
  return out;
}

export function toBundleDeck(deck: DeckSource): BundleDeck {
  return { id: deck.id, name: deck.name, description: deck.description, notes: deck.notes.map(toBundleNote) };
}

export function makeBundle(decks: readonly DeckSource[]): DeckBundle {
  const bundled = decks.map(toBundleDeck);
  return { version: hashString(JSON.stringify(bundled)), decks: bundled };
}
