/**
 * Notes and decks created in the app. A new note is written with its cards (new, at the end of
 * its deck's new cards) in one transaction; a new deck gets a unique id from its name.
 */
import type { SafeNote } from '../domain/safe-html';
import { cardId } from '../domain/deck-format/model';
import { newCardState, Queue } from '../domain/scheduling/scheduler';
import type { AppDatabase, DeckRow } from './db';
import { noteRow } from './write-decks';

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'deck'
  );
}

export async function createDeck(db: AppDatabase, name: string, description = ''): Promise<DeckRow> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('a deck needs a name');
  return db.transaction('rw', db.decks, async () => {
    const decks = await db.decks.toArray();
    if (decks.some((d) => !d.retired && d.name.toLowerCase() === trimmed.toLowerCase())) {
      throw new Error(`a deck named "${trimmed}" already exists`);
    }
    const base = slug(trimmed);
    let id = base;
    for (let k = 2; decks.some((d) => d.id === id); k++) id = `${base}-${k}`;
    const row: DeckRow = {
      id,
      name: trimmed,
      description,
      source: 'user',
      order: decks.reduce((m, d) => Math.max(m, d.order + 1), 0),
    };
    await db.decks.add(row);
    return row;
  });
}

/** Adds a note (its id must be new) and its cards to a deck. */
export async function addNote(db: AppDatabase, deckId: string, note: SafeNote): Promise<void> {
  await db.transaction('rw', [db.decks, db.notes, db.cards], async () => {
    const deck = await db.decks.get(deckId);
    if (!deck) throw new Error(`deck ${deckId} does not exist`);
    if (await db.notes.get(note.id)) throw new Error(`note ${note.id} already exists`);
    const last = await db.cards
      .where('[deckId+queue+due]')
      .between([deckId, Queue.New, -Infinity], [deckId, Queue.New, Infinity])
      .last();
    const position = (last?.due ?? deck.order * 1_000_000) + 100;
    await db.notes.add(noteRow(note, deckId));
    await db.cards.bulkAdd(
      note.cards.map((c) => ({
        id: cardId(note.id, c.ord),
        noteId: note.id,
        deckId,
        ord: c.ord,
        ...newCardState(position + c.ord),
      })),
    );
  });
}

/** Renames a deck or changes its description; refuses an empty or taken name, writes nothing then. */
export async function updateDeck(db: AppDatabase, deckId: string, change: { name: string; description: string }): Promise<void> {
  const name = change.name.trim();
  if (!name) throw new Error('a deck needs a name');
  await db.transaction('rw', db.decks, async () => {
    const decks = await db.decks.toArray();
    if (!decks.some((d) => d.id === deckId)) throw new Error(`deck ${deckId} does not exist`);
    if (decks.some((d) => d.id !== deckId && !d.retired && d.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`a deck named "${name}" already exists`);
    }
    await db.decks.update(deckId, { name, description: change.description.trim() });
  });
}
