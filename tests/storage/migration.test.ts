import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { DB_NAME, openDatabase, SCHEMA_V1 } from '../../src/storage/db';

describe('schema upgrades', () => {
  it('v1 → v2: a database written by version 1 opens with its rows intact and gains presets', async () => {
    const name = `${DB_NAME}-migration-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('decks').put({ id: 'd', name: 'Deck', description: '', source: 'user', order: 0 });
    await v1.table('cards').put({ id: 'n#0', noteId: 'n', deckId: 'd', ord: 0, queue: 0, due: 0, state: 0, reps: 0 });
    await v1.table('reviews').add({ cardId: 'n#0', noteId: 'n', deckId: 'd', review: 1, rating: 3 });
    v1.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.decks.get('d')).toMatchObject({ name: 'Deck' });
    expect((await db.decks.get('d'))?.presetId).toBeUndefined();
    expect(await db.cards.get('n#0')).toMatchObject({ deckId: 'd', queue: 0 });
    expect(await db.reviews.count()).toBe(1);
    expect(await db.presets.count()).toBe(0);
    db.close();
  });
});
