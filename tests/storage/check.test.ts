import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardId } from '../../src/domain/deck-format/model';
import { makeScheduler } from '../../src/domain/scheduling/engine';
import { type Grade, Queue, Rating, State } from '../../src/domain/scheduling/scheduler';
import { fixedZone } from '../../src/domain/scheduling/time';
import { applyBrowseAction } from '../../src/storage/browse-actions';
import { applyCardAction } from '../../src/storage/card-actions';
import { checkCollection, type DamageKind } from '../../src/storage/check';
import type { AppDatabase, CardRow } from '../../src/storage/db';
import { saveSettings } from '../../src/storage/options-edit';
import { saveAnswer } from '../../src/storage/study';
import { commitImport } from '../../src/storage/import-commit';
import { writeDecks } from '../../src/storage/write-decks';
import { basicDeck, CLOCK, freshDb, makeCtx, snapshot, utc } from './helpers';
import { DEFAULT_SETTINGS } from '../../src/domain/scheduling/settings';

const NOW = utc(2026, 3, 10, 12);
const MINUTE = 60_000;
const A = cardId('d-0', 0);
const B = cardId('d-1', 0);
const C = cardId('d-2', 0);
const options = (repair: boolean) => ({ zone: fixedZone(0), repair, schedulerFor: makeScheduler });

let db: AppDatabase;

beforeEach(async () => {
  db = freshDb('check');
  await writeDecks(db, [basicDeck('d', 3)], 'user');
});
afterEach(() => db.close());

async function answer(id: string, rating: Grade, at: number) {
  const card = await db.cards.get(id);
  return saveAnswer(db, { cardId: id, rating, now: at, durationMs: 1000, shownReps: card?.reps ?? 0 }, makeCtx());
}

/** A short history on every card: A and B answered twice, C once. */
async function history() {
  await answer(A, Rating.Good, NOW);
  await answer(B, Rating.Again, NOW + MINUTE);
  await answer(A, Rating.Good, NOW + 11 * MINUTE);
  await answer(B, Rating.Good, NOW + 12 * MINUTE);
  await answer(C, Rating.Easy, NOW + 13 * MINUTE);
}

const kinds = (report: { findings: { kind: DamageKind }[] }) => report.findings.map((f) => f.kind).sort();

describe('checkCollection', () => {
  it('finds nothing in a collection written by the app (answers, forget, suspend, flag, bury, leech)', async () => {
    await history();
    await applyCardAction(db, C, { kind: 'forget' }, NOW + 20 * MINUTE, CLOCK);
    await applyCardAction(db, A, { kind: 'suspend' }, NOW + 20 * MINUTE, CLOCK);
    await applyCardAction(db, B, { kind: 'flag', flag: 3 }, NOW + 20 * MINUTE, CLOCK);
    await applyCardAction(db, B, { kind: 'bury' }, NOW + 20 * MINUTE, CLOCK);
    // A leech: a review card with 7 lapses forgotten once more is suspended by its answer.
    await writeDecks(db, [basicDeck('l', 1)], 'user');
    const L = cardId('l-0', 0);
    const l = (await db.cards.get(L)) as CardRow;
    await db.cards.put({
      ...l,
      queue: Queue.Review,
      state: State.Review,
      due: utc(2026, 3, 10, 4),
      stability: 5,
      difficulty: 8,
      scheduledDays: 5,
      elapsedDays: 5,
      reps: 30,
      lapses: 7,
      lastReview: utc(2026, 3, 5, 9),
    });
    expect((await answer(L, Rating.Again, NOW)).leech).toBe(true);
    expect((await db.cards.get(L))?.queue).toBe(Queue.Suspended);
    const report = await checkCollection(db, options(true));
    expect(report.findings).toEqual([]);
    expect(report.repaired).toBe(false);
    expect(report.checked).toEqual({ cards: 4, notes: 4, reviews: 6 });
  });

  it('a half-applied answer (review without its card state) is repaired from the log, exactly as the save would have written it', async () => {
    await history();
    const before = await db.cards.get(A);
    const saved = await answer(A, Rating.Hard, utc(2026, 3, 11, 9));
    // Damage: the card's write is lost, the review stays.
    await db.cards.put(before as CardRow);
    const found = await checkCollection(db, options(false));
    expect(kinds(found)).toEqual(['card-state']);
    expect(found.findings[0]?.text).toContain(A);
    expect(await db.cards.get(A)).toEqual(before); // a check without repair writes nothing
    const repaired = await checkCollection(db, options(true));
    expect(repaired.repaired).toBe(true);
    expect(repaired.findings[0]?.repair).toContain(A);
    expect(await db.cards.get(A)).toEqual(saved.card);
    expect((await checkCollection(db, options(false))).findings).toEqual([]);
  });

  it('a card state written without its review is put back to what the log says', async () => {
    await history();
    const good = await db.cards.get(B);
    await db.cards.put({ ...(good as CardRow), reps: 9, stability: 40, due: utc(2026, 6, 1, 4) });
    const report = await checkCollection(db, options(true));
    expect(kinds(report)).toEqual(['card-state']);
    expect(await db.cards.get(B)).toEqual(good);
  });

  it('a repair keeps a suspension, flag and burial the user made', async () => {
    await history();
    await applyCardAction(db, A, { kind: 'suspend' }, NOW + 20 * MINUTE, CLOCK);
    await applyCardAction(db, A, { kind: 'flag', flag: 2 }, NOW + 20 * MINUTE, CLOCK);
    const good = (await db.cards.get(A)) as CardRow;
    await db.cards.put({ ...good, stability: 0.001 });
    await checkCollection(db, options(true));
    expect(await db.cards.get(A)).toEqual(good);
  });

  it('a missing card whose note exists is rebuilt from its note and log', async () => {
    await history();
    const good = await db.cards.get(A);
    await db.cards.delete(A);
    const report = await checkCollection(db, options(true));
    expect(kinds(report)).toEqual(['missing-card']);
    expect(await db.cards.get(A)).toEqual(good);
  });

  it('answers of a deleted note are reported and kept, not changed', async () => {
    await history();
    await applyBrowseAction(db, [C], { kind: 'delete' });
    const before = await snapshot(db);
    const report = await checkCollection(db, options(true));
    expect(kinds(report)).toEqual(['orphan-review']);
    expect(report.findings[0]?.repair).toBeUndefined();
    expect(report.repaired).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a card whose note is missing is deleted; its answers stay', async () => {
    await history();
    await db.notes.delete('d-1');
    const report = await checkCollection(db, options(true));
    expect(kinds(report)).toEqual(['card-without-note']);
    expect(await db.cards.get(B)).toBeUndefined();
    expect(await db.reviews.where('cardId').equals(B).count()).toBe(2);
    // Then it is a deleted note's history: reported, kept.
    expect(kinds(await checkCollection(db, options(true)))).toEqual(['orphan-review']);
  });

  it('a note without cards gets new cards after the last new card', async () => {
    await db.cards.delete(B);
    const report = await checkCollection(db, options(true));
    expect(kinds(report)).toEqual(['note-without-cards']);
    const made = await db.cards.get(B);
    expect(made).toMatchObject({ noteId: 'd-1', deckId: 'd', ord: 0, state: State.New, queue: Queue.New, reps: 0 });
    const others = await db.cards.bulkGet([A, C]);
    expect(made?.due).toBeGreaterThan(Math.max(...others.map((c) => c?.due ?? 0)));
  });

  it.each([
    ['stability NaN', { stability: Number.NaN }],
    ['difficulty 99', { difficulty: 99 }],
    ['negative interval', { scheduledDays: -3 }],
    ['unknown queue', { queue: 7 as Queue }],
    ['reps 1.5', { reps: 1.5 }],
    ['due in the year 3000', { state: State.Review, queue: Queue.Review, due: Date.UTC(3000, 0, 1), lastReview: NOW }],
  ])('a card without history and %s is reset to new', async (_name, damage) => {
    const good = (await db.cards.get(C)) as CardRow;
    await db.cards.put({ ...good, ...damage });
    const report = await checkCollection(db, options(true));
    expect(kinds(report)).toEqual(['out-of-range']);
    expect(await db.cards.get(C)).toMatchObject({ state: State.New, queue: Queue.New, reps: 0, stability: 0 });
    expect((await checkCollection(db, options(false))).findings).toEqual([]);
  });

  it('an out-of-range card with answers is rebuilt from its log', async () => {
    await history();
    const good = await db.cards.get(A);
    await db.cards.put({ ...(good as CardRow), due: Number.NaN });
    const report = await checkCollection(db, options(true));
    expect(kinds(report)).toEqual(['card-state']);
    expect(report.findings[0]?.text).toContain('due date NaN');
    expect(await db.cards.get(A)).toEqual(good);
  });

  it('settings changed after the answers (retention, steps) are not damage', async () => {
    await history();
    const result = await saveSettings(db, {
      ...DEFAULT_SETTINGS,
      desiredRetention: 0.8,
      learningSteps: ['5m'],
      maximumInterval: 100,
    });
    expect(result.ok).toBe(true);
    expect((await checkCollection(db, options(false))).findings).toEqual([]);
  });

  it('replays from the imported starting state: a package card answered here checks against its first answer here', async () => {
    const start = {
      queue: Queue.Review,
      due: utc(2026, 3, 9, 4),
      stability: 20,
      difficulty: 5,
      elapsedDays: 20,
      scheduledDays: 20,
      learningSteps: 0,
      reps: 6,
      lapses: 1,
      state: State.Review,
      lastReview: utc(2026, 3, 19 - 20, 9),
    } as const;
    await commitImport(db, {
      decks: [basicDeck('p', 1)],
      media: [],
      scheduling: [{ cardId: cardId('p-0', 0), state: start }],
      reviews: [
        {
          cardId: cardId('p-0', 0),
          durationMs: 3000,
          entry: {
            rating: Rating.Good,
            state: State.Review,
            due: start.due,
            stability: 20,
            difficulty: 5,
            elapsedDays: 9,
            lastElapsedDays: 3,
            scheduledDays: 20,
            learningSteps: 0,
            review: start.lastReview,
            studyDay: 0,
          },
        },
      ],
    });
    expect((await checkCollection(db, options(false))).findings).toEqual([]);
    const saved = await answer(cardId('p-0', 0), Rating.Good, NOW);
    expect((await db.reviews.where('cardId').equals(cardId('p-0', 0)).last())?.before).toMatchObject({ reps: 6, stability: 20 });
    await db.cards.put({ ...saved.card, reps: 6, stability: 20, due: start.due });
    const report = await checkCollection(db, options(true));
    expect(kinds(report)).toEqual(['card-state']);
    expect(await db.cards.get(cardId('p-0', 0))).toEqual(saved.card);
  });

  it('reports a database at another schema version', async () => {
    const { Dexie } = await import('dexie');
    const v2 = new Dexie('check-v2') as AppDatabase;
    v2.version(2).stores((await import('../../src/storage/db')).SCHEMA_V2);
    await v2.open();
    const report = await checkCollection(v2, options(false)).catch(() => undefined);
    // A v2 database lacks nothing the check reads but is not the expected version.
    expect(report && kinds(report)).toEqual(['schema']);
    v2.close();
  });

  it('repairs every kind at once in one transaction', async () => {
    await history();
    const a = (await db.cards.get(A)) as CardRow;
    await db.cards.put({ ...a, reps: 40 });
    await db.notes.delete('d-1');
    const spy = [] as string[];
    const tx = db.transaction.bind(db);
    (db as unknown as { transaction: typeof tx }).transaction = ((...args: Parameters<typeof tx>) => {
      spy.push(String(args[0]));
      return tx(...args);
    }) as typeof tx;
    const report = await checkCollection(db, options(true));
    expect(spy).toEqual(['rw']);
    expect(kinds(report)).toEqual(['card-state', 'card-without-note']);
  });
});
