import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue } from '../../src/domain/scheduling/scheduler';
import { type AppDatabase, openDatabase } from '../../src/storage/db';
import { freshDb } from './helpers';

let db: AppDatabase;
beforeEach(async () => {
  db = freshDb('schema');
  await db.open();
});
afterEach(() => db.close());

describe('current schema', () => {
  it('has the nine tables', () => {
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'cards',
      'decks',
      'interviews',
      'media',
      'notes',
      'presets',
      'recordings',
      'reviews',
      'settings',
    ]);
    expect(db.verno).toBe(4);
  });

  it.each([
    ['decks', 'id', false, ['order']],
    ['notes', 'id', false, ['deckId', 'tags', '[deckId+kind]']],
    ['cards', 'id', false, ['noteId', '[deckId+queue+due]', '[queue+due]', 'buriedUntil']],
    ['reviews', 'id', true, ['cardId', 'review', '[deckId+review]']],
    ['media', 'id', false, []],
    ['settings', 'key', false, []],
    ['interviews', 'id', false, ['startedAt', 'status']],
    ['recordings', 'id', false, ['runId']],
  ])('%s: primary key %s (auto %s), indexes %j', (table, key, auto, indexes) => {
    const schema = db.table(table).schema;
    expect(schema.primKey.name).toBe(key);
    expect(schema.primKey.auto).toBe(auto);
    expect(schema.indexes.map((i) => i.name).sort()).toEqual([...indexes].sort());
  });

  it.each([
    ['cards', '[deckId+queue+due]', ['deckId', 'queue', 'due'], false],
    ['cards', '[queue+due]', ['queue', 'due'], false],
    ['cards', 'noteId', 'noteId', false],
    ['reviews', 'review', 'review', false],
    ['reviews', 'cardId', 'cardId', false],
    ['notes', 'tags', 'tags', true],
  ])('the IndexedDB store %s has index %s on %j', (table, index, keyPath, multiEntry) => {
    const store = db.backendDB().transaction(table, 'readonly').objectStore(table);
    expect(store.indexNames.contains(index)).toBe(true);
    expect(store.index(index).keyPath).toEqual(keyPath);
    expect(store.index(index).multiEntry).toBe(multiEntry);
  });

  it('the compound index answers a range scan in due order', async () => {
    const base = {
      noteId: 'n',
      ord: 0,
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 0,
      lapses: 0,
      state: 2,
      lastReview: null,
    } as const;
    await db.cards.bulkPut([
      { ...base, id: 'a', deckId: 'd', queue: Queue.Review, due: 30 },
      { ...base, id: 'b', deckId: 'd', queue: Queue.Review, due: 10 },
      { ...base, id: 'c', deckId: 'd', queue: Queue.New, due: 5 },
      { ...base, id: 'e', deckId: 'other', queue: Queue.Review, due: 1 },
      { ...base, id: 'f', deckId: 'd', queue: Queue.Review, due: 50 },
    ]);
    const rows = await db.cards
      .where('[deckId+queue+due]')
      .between(['d', Queue.Review, -Infinity], ['d', Queue.Review, 40])
      .toArray();
    expect(rows.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('data survives closing and reopening the database', async () => {
    await db.settings.put({ key: 'k', value: 1 });
    const name = db.name;
    db.close();
    db = openDatabase(name);
    expect(await db.settings.get('k')).toEqual({ key: 'k', value: 1 });
  });
});
