import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeckBundle, makeBundle } from '../../src/domain/deck-format/bundle';
import type { DeckSource } from '../../src/domain/deck-format/model';
import { type Grade, Queue, Rating, State } from '../../src/domain/scheduling/scheduler';
import type { AppDatabase, CardRow, ReviewRow } from '../../src/storage/db';
import { BUILTIN_VERSION_KEY } from '../../src/storage/builtin-decks';
import { upgradeBuiltinDecks } from '../../src/storage/builtin-decks/upgrade';
import { writeDecks } from '../../src/storage/write-decks';
import { saveAnswer } from '../../src/storage/study';
import { fixtureDeck, freshDb, makeCtx, snapshot, utc, trustedDecks } from './helpers';

const v1 = fixtureDeck('deck-v1.md');
const v2 = fixtureDeck('deck-v2.md');
const bundle1 = makeBundle([v1]);
const bundle2 = makeBundle([v2]);

const NOW = utc(2026, 3, 10, 12);
const MINUTE = 60_000;

let db: AppDatabase;
beforeEach(() => {
  db = freshDb('upgrade');
});
afterEach(() => db.close());

const byId = <T extends { id?: string | number }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

async function answer(cardId: string, rating: Grade, now: number) {
  const card = await db.cards.get(cardId);
  if (!card) throw new Error(`no card ${cardId}`);
  return saveAnswer(db, { cardId, rating, now, durationMs: 1000, shownReps: card.reps }, makeCtx());
}

/** v1 synced and studied: several cards answered, one of them twice. */
async function studyV1(): Promise<{ cards: CardRow[]; reviews: ReviewRow[] }> {
  await upgradeBuiltinDecks(db, bundle1);
  await answer('fx-edited#0', Rating.Good, NOW);
  await answer('fx-removed#0', Rating.Good, NOW + MINUTE);
  await answer('fx-cloze#1', Rating.Again, NOW + 2 * MINUTE);
  await answer('fx-stable#1', Rating.Easy, NOW + 3 * MINUTE);
  await answer('fx-edited#0', Rating.Good, NOW + 20 * MINUTE);
  return { cards: await db.cards.toArray(), reviews: await db.reviews.toArray() };
}

describe('the fixture decks', () => {
  it('v2 differs from v1 as the test needs', () => {
    expect(v1.notes.map((n) => n.id)).toEqual(['fx-edited', 'fx-removed', 'fx-cloze', 'fx-stable', 'fx-explain']);
    expect(v2.notes.map((n) => n.id)).toEqual(['fx-edited', 'fx-cloze', 'fx-stable', 'fx-explain', 'fx-added']);
    const cardsOf = (bundle: DeckBundle) => bundle.decks[0]?.notes.flatMap((n) => n.cards.map((c) => `${n.id}#${c.ord}`));
    expect(cardsOf(bundle1)).toEqual([
      'fx-edited#0',
      'fx-removed#0',
      'fx-cloze#1',
      'fx-cloze#2',
      'fx-stable#0',
      'fx-stable#1',
      'fx-explain#0',
    ]);
    expect(cardsOf(bundle2)).toEqual([
      'fx-edited#0',
      'fx-cloze#1',
      'fx-cloze#2',
      'fx-cloze#3',
      'fx-stable#0',
      'fx-stable#1',
      'fx-explain#0',
      'fx-added#0',
    ]);
    expect(bundle2.version).not.toBe(bundle1.version);
  });
});

describe('first sync', () => {
  it('adds the deck, its notes and new cards, and records the bundle version', async () => {
    const report = await upgradeBuiltinDecks(db, bundle1);
    expect(report).toEqual({ decksAdded: 1, notesAdded: 5, notesUpdated: 0, notesRetired: 0, cardsAdded: 7, cardsRetired: 0 });
    expect(await db.decks.get('fixture')).toMatchObject({ id: 'fixture', name: 'Fixture deck', source: 'builtin', order: 0 });
    const cards = await db.cards.toArray();
    expect(cards).toHaveLength(7);
    for (const c of cards) expect(c).toMatchObject({ queue: Queue.New, state: State.New, reps: 0, deckId: 'fixture' });
    // New-card positions follow the file order.
    const positions = cards.sort((a, b) => a.due - b.due).map((c) => c.id);
    expect(positions).toEqual([
      'fx-edited#0',
      'fx-removed#0',
      'fx-cloze#1',
      'fx-cloze#2',
      'fx-stable#0',
      'fx-stable#1',
      'fx-explain#0',
    ]);
    expect((await db.settings.get(BUILTIN_VERSION_KEY))?.value).toBe(bundle1.version);
    expect((await db.notes.get('fx-edited'))?.tags).toEqual(['fixture', 'variance']);
  });
});

describe('upgrading v1 → v2 after studying', () => {
  it('reports what changed', async () => {
    await studyV1();
    expect(await upgradeBuiltinDecks(db, bundle2)).toEqual({
      decksAdded: 0,
      notesAdded: 1, // fx-added
      notesUpdated: 2, // fx-edited, fx-cloze
      notesRetired: 1, // fx-removed
      cardsAdded: 2, // fx-added#0, fx-cloze#3
      cardsRetired: 1, // fx-removed#0
    });
    expect((await db.settings.get(BUILTIN_VERSION_KEY))?.value).toBe(bundle2.version);
  });

  it('keeps every surviving card’s scheduling fields and every review row', async () => {
    const before = await studyV1();
    await upgradeBuiltinDecks(db, bundle2);
    const after = byId(await db.cards.toArray());
    for (const card of before.cards) {
      if (card.noteId === 'fx-removed') continue;
      expect(after.get(card.id), card.id).toEqual(card);
    }
    expect(await db.reviews.toArray()).toEqual(before.reviews);
    expect(before.reviews).toHaveLength(5);
  });

  it('retires the removed note and its cards (queue −3) and keeps their history', async () => {
    const before = await studyV1();
    await upgradeBuiltinDecks(db, bundle2);
    expect((await db.notes.get('fx-removed'))?.retired).toBe(true);
    const oldCard = before.cards.find((c) => c.id === 'fx-removed#0');
    expect(await db.cards.get('fx-removed#0')).toEqual({ ...oldCard, queue: Queue.Retired });
    expect(await db.reviews.where('cardId').equals('fx-removed#0').count()).toBe(1);
  });

  it.each(['fx-added#0', 'fx-cloze#3'])('the new card %s is new', async (id) => {
    await studyV1();
    await upgradeBuiltinDecks(db, bundle2);
    expect(await db.cards.get(id)).toMatchObject({ queue: Queue.New, state: State.New, reps: 0, lapses: 0, lastReview: null });
  });

  it('updates the edited notes’ fields and HTML', async () => {
    await studyV1();
    const oldHash = (await db.notes.get('fx-edited'))?.hash;
    await upgradeBuiltinDecks(db, bundle2);
    const edited = await db.notes.get('fx-edited');
    expect(edited?.fields.back).toBe('How precisely the mean itself is estimated, not the spread of single runs.');
    expect(edited?.cards[0]?.back).toBe('<p>How precisely the mean itself is estimated, not the spread of single runs.</p>');
    expect(edited?.hash).not.toBe(oldHash);
    const cloze = await db.notes.get('fx-cloze');
    expect(cloze?.cards.map((c) => c.ord)).toEqual([1, 2, 3]);
    expect(cloze?.cards[2]?.front).toContain('the precision of <span class="cloze">[…]</span>');
  });

  it('keeps app tags (leech, marked) through an edit of the note', async () => {
    await studyV1();
    await db.notes.update('fx-edited', { tags: ['fixture', 'variance', 'leech', 'marked', 'stale-user-tag'] });
    await upgradeBuiltinDecks(db, bundle2);
    expect((await db.notes.get('fx-edited'))?.tags).toEqual(['fixture', 'variance', 'leech', 'marked']);
  });

  it('re-syncing the same bundle writes nothing and returns undefined', async () => {
    await studyV1();
    await upgradeBuiltinDecks(db, bundle2);
    const before = await snapshot(db);
    expect(await upgradeBuiltinDecks(db, bundle2)).toBeUndefined();
    expect(await snapshot(db)).toEqual(before);
  });

  it('writeDecks with unchanged decks changes no note or card', async () => {
    await studyV1();
    await upgradeBuiltinDecks(db, bundle2);
    const before = await snapshot(db);
    expect(await writeDecks(db, trustedDecks(bundle2.decks), 'builtin', { retireMissingDecks: true })).toEqual({
      decksAdded: 0,
      notesAdded: 0,
      notesUpdated: 0,
      notesRetired: 0,
      cardsAdded: 0,
      cardsRetired: 0,
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it('bringing a removed note back un-retires it with its old state', async () => {
    const before = await studyV1();
    await upgradeBuiltinDecks(db, bundle2);
    const removed = v1.notes.find((n) => n.id === 'fx-removed');
    if (!removed) throw new Error('fixture lost fx-removed');
    const v3: DeckSource = { ...v2, notes: [...v2.notes, removed] };
    const report = await upgradeBuiltinDecks(db, makeBundle([v3]));
    expect(report).toMatchObject({ notesAdded: 0, notesUpdated: 1, notesRetired: 0, cardsAdded: 0, cardsRetired: 0 });
    expect((await db.notes.get('fx-removed'))?.retired).toBeUndefined();
    expect(await db.cards.get('fx-removed#0')).toEqual(before.cards.find((c) => c.id === 'fx-removed#0'));
    expect(await db.reviews.count()).toBe(5);
  });

  it('going back to v1 retires what v2 added and restores the rest', async () => {
    const before = await studyV1();
    await upgradeBuiltinDecks(db, bundle2);
    await upgradeBuiltinDecks(db, bundle1);
    const after = byId(await db.cards.toArray());
    for (const card of before.cards) expect(after.get(card.id), card.id).toEqual(card);
    expect(after.get('fx-added#0')?.queue).toBe(Queue.Retired);
    expect(after.get('fx-cloze#3')?.queue).toBe(Queue.Retired);
    expect((await db.notes.get('fx-added'))?.retired).toBe(true);
    expect((await db.notes.get('fx-edited'))?.fields.back).toBe('The spread of individual runs around the mean.');
  });

  it('a deck missing from a later bundle is retired with its cards', async () => {
    await studyV1();
    const other = makeBundle([{ ...v2, id: 'other', notes: [] }]);
    await upgradeBuiltinDecks(db, other);
    expect((await db.decks.get('fixture'))?.retired).toBe(true);
    const queues = new Set((await db.cards.toArray()).filter((c) => c.deckId === 'fixture').map((c) => c.queue));
    expect([...queues]).toEqual([Queue.Retired]);
    expect(await db.reviews.count()).toBe(5);
  });
});
