/**
 * Card actions during review (suspend, bury until tomorrow, flag, forget, edit the note), each
 * one transaction that returns what undo needs: the card and note exactly as they were; and the
 * undo of an answer. Undo is not needed to show the first card, so this module loads on first use.
 */
import { activeQueue, newCardState, Queue } from '../domain/scheduling/scheduler';
import { type DayClock, startOfNextStudyDay } from '../domain/scheduling/time';
import type { AppDatabase, CardRow, NoteRow } from './db';
import { isFlag } from '../domain/vocabulary';

export type CardAction =
  | { kind: 'suspend' }
  | { kind: 'bury' }
  | { kind: 'flag'; flag: number }
  | { kind: 'forget' }
  | { kind: 'edit'; note: NoteRow };

export interface ActionUndo {
  card: CardRow;
  /** Present when the action changed the note (edit). */
  note?: NoteRow;
  /** Other cards the action changed (an edit that retires or adds cloze cards is not undone here). */
  label: string;
}

const LABELS: Record<CardAction['kind'], string> = {
  suspend: 'Suspend',
  bury: 'Bury',
  flag: 'Flag',
  forget: 'Forget',
  edit: 'Edit',
};

export async function applyCardAction(
  db: AppDatabase,
  cardId: string,
  action: CardAction,
  now: number,
  clock: DayClock,
): Promise<ActionUndo> {
  return db.transaction('rw', [db.cards, db.notes], async () => {
    const card = await db.cards.get(cardId);
    if (!card) throw new Error(`card ${cardId} does not exist`);
    const undo: ActionUndo = { card, label: LABELS[action.kind] };
    switch (action.kind) {
      case 'suspend':
        await db.cards.put({ ...card, queue: card.queue === Queue.Suspended ? activeQueue(card) : Queue.Suspended });
        break;
      case 'bury':
        await db.cards.put({ ...card, buriedUntil: startOfNextStudyDay(now, clock) });
        break;
      case 'flag':
        if (!isFlag(action.flag)) throw new Error(`flag must be 0–7, got ${action.flag}`);
        await db.cards.put({ ...card, flag: action.flag === card.flag ? 0 : action.flag });
        break;
      case 'forget': {
        // Back to new, at the front of its deck's new cards; the review history stays.
        const { queue, due, ...rest } = newCardState(-1);
        await db.cards.put({ ...card, ...rest, queue, due, reps: 0, lapses: 0 });
        break;
      }
      case 'edit': {
        const note = await db.notes.get(card.noteId);
        if (!note) throw new Error(`note ${card.noteId} does not exist`);
        undo.note = note;
        await db.notes.put({ ...action.note, id: note.id, deckId: note.deckId });
        break;
      }
    }
    return undo;
  });
}

export async function undoCardAction(db: AppDatabase, undo: ActionUndo): Promise<CardRow> {
  return db.transaction('rw', [db.cards, db.notes], async () => {
    await db.cards.put(undo.card);
    if (undo.note) await db.notes.put(undo.note);
    return undo.card;
  });
}

/**
 * Takes back one answer: the review row is deleted and the card gets back exactly its state
 * before that answer. Refuses when the card was answered again since (undo goes newest first).
 */
export async function undoAnswer(db: AppDatabase, reviewId: number): Promise<CardRow> {
  return db.transaction('rw', [db.cards, db.reviews, db.notes], async () => {
    const review = await db.reviews.get(reviewId);
    if (!review) throw new Error(`review ${reviewId} does not exist (already undone?)`);
    const later = await db.reviews
      .where('cardId')
      .equals(review.cardId)
      .filter((r) => (r.id ?? 0) > reviewId)
      .count();
    if (later > 0) throw new Error(`review ${reviewId} is not the card's latest answer; undo the later ones first`);
    const card = await db.cards.get(review.cardId);
    if (!card) throw new Error(`card ${review.cardId} does not exist`);
    const restored: CardRow = { id: card.id, noteId: card.noteId, deckId: card.deckId, ord: card.ord, ...review.before };
    await db.cards.put(restored);
    await db.reviews.delete(reviewId);
    if (review.leech) {
      const stillLeech = await db.reviews
        .where('cardId')
        .anyOf(await db.cards.where('noteId').equals(review.noteId).primaryKeys())
        .filter((r) => r.leech === true)
        .count();
      if (stillLeech === 0) {
        await db.notes
          .where('id')
          .equals(review.noteId)
          .modify((note) => {
            note.tags = note.tags.filter((t) => t !== 'leech');
          });
      }
    }
    return restored;
  });
}
