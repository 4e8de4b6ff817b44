/** The shared deck-list reads (src/storage/decks.ts). */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue } from '../../src/domain/scheduling/scheduler';
import type { AppDatabase } from '../../src/storage/db';
import { activeDecks, findDeckName, liveCardCounts } from '../../src/storage/decks';
import { writeDecks } from '../../src/storage/write-decks';
import { basicDeck, freshDb } from './helpers';

let db: AppDatabase;
beforeEach(() => {
  db = freshDb('decks');
});
afterEach(() => db.close());

describe('deck-list reads', () => {
  it('lists the decks not retired, in the deck list order, and names a deck', async () => {
    await writeDecks(db, [basicDeck('b', 2), basicDeck('a', 2), basicDeck('c', 1)], 'user');
    await db.decks.update('c', { retired: true });
    await db.decks.update('b', { order: 0 });
    await db.decks.update('a', { order: 5 });
    expect((await activeDecks(db)).map((d) => d.id)).toEqual(['b', 'a']);
    expect(await findDeckName(db, 'a')).toBe((await db.decks.get('a'))?.name);
    expect(await findDeckName(db, 'nope')).toBeUndefined();
  });

  it('counts the cards of each deck in every queue but retired, from the index', async () => {
    await writeDecks(db, [basicDeck('a', 5), basicDeck('b', 3)], 'user');
    await db.cards.update('a-0#0', { queue: Queue.Suspended });
    await db.cards.update('a-1#0', { queue: Queue.Buried });
    await db.cards.update('a-2#0', { queue: Queue.Retired });
    await db.cards.update('a-3#0', { queue: Queue.DayLearning });
    expect(await liveCardCounts(db, ['a', 'b', 'none'])).toEqual([4, 3, 0]);
  });
});
