/**
 * Browse's actions on a selection of cards (or one opened card): every action is one transaction
 * and returns the rows it changed exactly as they were before; `undoBrowseAction` puts them back
 * in one transaction. Reviews are never touched. The search itself: browse-search.ts.
 */
import { activeQueue, Queue } from '../domain/scheduling/scheduler';
import type { ActionUndo } from './card-actions';
import type { AppDatabase, CardRow, DeckRow, NoteRow } from './db';
import { countOf, isFlag, MAX_FLAG } from '../domain/vocabulary';

export interface OpenedCard {
  card: CardRow;
  note: NoteRow;
  deck: DeckRow | undefined;
}

/** A card with its note and deck, for the card view; undefined when gone or retired. */
export async function loadBrowseCard(db: AppDatabase, cardId: string): Promise<OpenedCard | undefined> {
  return db.transaction('r', [db.cards, db.notes, db.decks], async () => {
    const card = await db.cards.get(cardId);
    if (!card || card.queue === Queue.Retired) return undefined;
    const note = await db.notes.get(card.noteId);
    if (!note || note.retired) return undefined;
    return { card, note, deck: await db.decks.get(card.deckId) };
  });
}

// ---------------------------------------------------------------------------------------------
// Actions

export type BrowseAction =
  | { kind: 'suspend' }
  | { kind: 'unsuspend' }
  | { kind: 'flag'; flag: number }
  | { kind: 'move'; deckId: string }
  | { kind: 'delete' };

export interface BrowseUndo {
  /** What was done, for the Undo button's title ("Suspend 2 cards"). */
  label: string;
  /** Every changed card and note exactly as it was before. */
  cards: CardRow[];
  notes: NoteRow[];
  /** Cards the action changed (a delete counts every card of the deleted notes). */
  changed: number;
}

async function selectedCards(db: AppDatabase, cardIds: readonly string[]): Promise<CardRow[]> {
  const rows = await db.cards.bulkGet([...new Set(cardIds)]);
  return rows.filter((c): c is CardRow => c !== undefined && c.queue !== Queue.Retired);
}

async function wholeNotes(db: AppDatabase, cards: CardRow[]): Promise<{ notes: NoteRow[]; cards: CardRow[] }> {
  const noteIds = [...new Set(cards.map((c) => c.noteId))];
  const notes = (await db.notes.bulkGet(noteIds)).filter((n): n is NoteRow => n !== undefined);
  const all = noteIds.length ? await db.cards.where('noteId').anyOf(noteIds).toArray() : [];
  return { notes, cards: all };
}

/** Applies one action to the selected cards in one transaction; returns the before-rows. */
export async function applyBrowseAction(db: AppDatabase, cardIds: readonly string[], action: BrowseAction): Promise<BrowseUndo> {
  return db.transaction('rw', [db.cards, db.notes, db.decks], async () => {
    const selected = await selectedCards(db, cardIds);
    switch (action.kind) {
      case 'suspend': {
        const before = selected.filter((c) => c.queue !== Queue.Suspended);
        await db.cards.bulkPut(before.map((c) => ({ ...c, queue: Queue.Suspended })));
        return { label: `Suspend ${countOf(before.length, 'card')}`, cards: before, notes: [], changed: before.length };
      }
      case 'unsuspend': {
        const before = selected.filter((c) => c.queue === Queue.Suspended);
        await db.cards.bulkPut(before.map((c) => ({ ...c, queue: activeQueue(c) })));
        return { label: `Unsuspend ${countOf(before.length, 'card')}`, cards: before, notes: [], changed: before.length };
      }
      case 'flag': {
        const flag = action.flag;
        if (!isFlag(flag)) throw new Error(`flag must be 0–${MAX_FLAG}, got ${flag}`);
        const before = selected.filter((c) => (c.flag ?? 0) !== flag);
        await db.cards.bulkPut(
          before.map((c) => {
            const { flag: _old, ...rest } = c;
            return flag === 0 ? rest : { ...rest, flag };
          }),
        );
        const what = flag === 0 ? 'Remove flag from' : 'Flag';
        return { label: `${what} ${countOf(before.length, 'card')}`, cards: before, notes: [], changed: before.length };
      }
      case 'move': {
        const target = await db.decks.get(action.deckId);
        if (!target || target.retired) throw new Error(`deck ${action.deckId} does not exist`);
        // A note and all its cards live in one deck, so the whole note moves.
        const { notes, cards } = await wholeNotes(db, selected);
        const movingNotes = notes.filter((n) => n.deckId !== target.id);
        const movingCards = cards.filter((c) => c.deckId !== target.id);
        await db.notes.bulkPut(movingNotes.map((n) => ({ ...n, deckId: target.id })));
        await db.cards.bulkPut(movingCards.map((c) => ({ ...c, deckId: target.id })));
        const moved = movingCards.filter((c) => c.queue !== Queue.Retired).length;
        return {
          label: `Move ${countOf(moved, 'card')} to ${target.name}`,
          cards: movingCards,
          notes: movingNotes,
          changed: moved,
        };
      }
      case 'delete': {
        // Deleting a card deletes its note and the note's other cards; the review log stays.
        const { notes, cards } = await wholeNotes(db, selected);
        await db.cards.bulkDelete(cards.map((c) => c.id));
        await db.notes.bulkDelete(notes.map((n) => n.id));
        const deleted = cards.filter((c) => c.queue !== Queue.Retired).length;
        return { label: `Delete ${countOf(notes.length, 'note')}`, cards, notes, changed: deleted };
      }
    }
  });
}

/** Puts back every row an action changed (or deleted), in one transaction. */
export async function undoBrowseAction(db: AppDatabase, undo: BrowseUndo): Promise<void> {
  await db.transaction('rw', [db.cards, db.notes], async () => {
    await db.notes.bulkPut(undo.notes);
    await db.cards.bulkPut(undo.cards);
  });
}

/** An edit made through `applyCardAction` as an entry of the Browse undo stack. */
export function editUndo(undo: ActionUndo): BrowseUndo {
  return { label: 'Edit note', cards: [undo.card], notes: undo.note ? [undo.note] : [], changed: 1 };
}
