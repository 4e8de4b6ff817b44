import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { DB_NAME, openDatabase, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from '../../src/storage/db';

describe('schema upgrades', () => {
  it('v1 → v4: a database written by version 1 opens with its rows intact and gains presets', async () => {
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
    expect(db.verno).toBe(4);
    expect(await db.decks.get('d')).toMatchObject({ name: 'Deck' });
    expect((await db.decks.get('d'))?.presetId).toBeUndefined();
    expect(await db.cards.get('n#0')).toMatchObject({ deckId: 'd', queue: 0 });
    expect(await db.reviews.count()).toBe(1);
    expect(await db.presets.count()).toBe(0);
    db.close();
  });

  it('v2 → v3: buried cards written by version 2 become findable through the new index', async () => {
    const name = `${DB_NAME}-migration-v2-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    await v2.table('cards').bulkPut([
      { id: 'a#0', noteId: 'a', deckId: 'd', ord: 0, queue: 2, due: 5, buriedUntil: 2_000 },
      { id: 'b#0', noteId: 'b', deckId: 'd', ord: 0, queue: 2, due: 6 },
    ]);
    v2.close();

    const db = openDatabase(name);
    await db.open();
    expect(await db.cards.where('buriedUntil').above(1_000).primaryKeys()).toEqual(['a#0']);
    expect(await db.cards.count()).toBe(2);
    db.close();
  });

  it('v3 → v4: notes written by version 3 are found by deck and kind, and the interview tables start empty', async () => {
    const name = `${DB_NAME}-migration-v3-${Math.random()}`;
    const v3 = new Dexie(name);
    v3.version(1).stores(SCHEMA_V1);
    v3.version(2).stores(SCHEMA_V2);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    await v3.table('notes').bulkPut([
      { id: 'x', deckId: 'd', kind: 'explain', tags: [], fields: {}, cards: [], hash: 'h' },
      { id: 'y', deckId: 'd', kind: 'basic', tags: [], fields: {}, cards: [], hash: 'h' },
      { id: 'z', deckId: 'e', kind: 'explain', tags: [], fields: {}, cards: [], hash: 'h' },
    ]);
    v3.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.notes.where('[deckId+kind]').equals(['d', 'explain']).primaryKeys()).toEqual(['x']);
    expect(await db.notes.count()).toBe(3);
    expect(await db.interviews.count()).toBe(0);
    expect(await db.recordings.count()).toBe(0);
    db.close();
  });
});
