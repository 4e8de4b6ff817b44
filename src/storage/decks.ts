/** Reads of the deck list that screens share: one home each, indexed. */
import { Queue, HIGHEST_QUEUE } from '../domain/scheduling/scheduler';
import type { AppDatabase, DeckRow } from './db';

/** The decks a person sees (not retired), in the deck list's order. */
export async function activeDecks(db: AppDatabase): Promise<DeckRow[]> {
  return (await db.decks.orderBy('order').toArray()).filter((d) => !d.retired);
}

/** A deck's name, or undefined when there is no such deck. */
export async function findDeckName(db: AppDatabase, deckId: string): Promise<string | undefined> {
  return (await db.decks.get(deckId))?.name;
}

/** Cards of each deck that are not retired (buried, suspended and every live queue): index counts, no rows read. */
export function liveCardCounts(db: AppDatabase, deckIds: readonly string[]): Promise<number[]> {
  return Promise.all(
    deckIds.map((id) =>
      db.cards.where('[deckId+queue+due]').between([id, Queue.Buried, -Infinity], [id, HIGHEST_QUEUE, Infinity]).count(),
    ),
  );
}
