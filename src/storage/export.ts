/**
 * Reads a deck back out of storage as the domain's DeckSource, for Markdown/JSON export, and as
 * CSV rows of its cards. Notes written in the native format keep their Markdown source; notes
 * imported as HTML are exported with their HTML as the field text.
 */
import type { DeckSource, NoteSource } from '../domain/deck-format/model';
import { State, Queue, HIGHEST_QUEUE } from '../domain/scheduling/scheduler';
import type { AppDatabase, NoteRow } from './db';

function text(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join('\n') : (value ?? '');
}

export function noteSourceOf(note: NoteRow): NoteSource {
  const f = note.fields;
  const base = { id: note.id, tags: note.tags, line: 0, ...(note.source ? { source: note.source } : {}) };
  const first = note.cards[0];
  switch (note.kind) {
    case 'basic':
    case 'typein':
    case 'reverse':
      return {
        ...base,
        kind: note.kind,
        fields: { front: text(f.front) || (first?.front ?? ''), back: text(f.back) || (first?.back ?? '') },
      };
    case 'cloze':
      return { ...base, kind: 'cloze', fields: { text: text(f.text), extra: text(f.extra) } };
    case 'explain':
      return {
        ...base,
        kind: 'explain',
        fields: {
          prompt: text(f.prompt),
          answer: text(f.answer),
          rubric: Array.isArray(f.rubric) ? f.rubric : [],
          ...(note.rubricKinds ? { rubricKinds: note.rubricKinds } : {}),
        },
      };
  }
}

export async function loadDeckSource(db: AppDatabase, deckId: string): Promise<DeckSource> {
  const deck = await db.decks.get(deckId);
  if (!deck) throw new Error(`deck ${deckId} does not exist`);
  const notes = (await db.notes.where('deckId').equals(deckId).toArray()).filter((n) => !n.retired);
  return { format: 1, id: deck.id, name: deck.name, description: deck.description, tags: [], notes: notes.map(noteSourceOf) };
}

const STATE_NAMES: Record<number, string> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

const stripHtml = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Header + one row per card: the card's two sides as plain text, tags and its schedule. */
export async function deckCsvRows(db: AppDatabase, deckId: string): Promise<string[][]> {
  const notes = new Map((await db.notes.where('deckId').equals(deckId).toArray()).map((n) => [n.id, n]));
  const cards = await db.cards
    .where('[deckId+queue+due]')
    .between([deckId, Queue.Buried, -Infinity], [deckId, HIGHEST_QUEUE, Infinity])
    .toArray();
  const rows = [['card id', 'front', 'back', 'tags', 'state', 'due', 'stability (days)', 'difficulty', 'reviews', 'lapses']];
  for (const card of cards) {
    const note = notes.get(card.noteId);
    const side = note?.cards.find((c) => c.ord === card.ord);
    if (!note || !side || note.retired) continue;
    rows.push([
      card.id,
      stripHtml(side.front),
      stripHtml(side.back),
      note.tags.join(' '),
      STATE_NAMES[card.state] ?? String(card.state),
      card.state === State.New ? '' : new Date(card.due).toISOString(),
      card.stability ? card.stability.toFixed(2) : '',
      card.difficulty ? card.difficulty.toFixed(2) : '',
      String(card.reps),
      String(card.lapses),
    ]);
  }
  return rows;
}
