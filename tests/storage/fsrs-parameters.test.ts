import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cardId } from '../../src/domain/deck-format/model';
import { DEFAULT_PARAMETERS } from '../../src/domain/optimiser/history';
import { answerCard, type CardState, newCardState, Queue, Rating } from '../../src/domain/scheduling/scheduler';
import type { AppDatabase, CardRow } from '../../src/storage/db';
import { adoptParameters, readHistories, undoAdoption } from '../../src/storage/fsrs-parameters';
import { undoableSince } from '../../src/storage/parameters-store';
import { loadStudyConfig } from '../../src/storage/presets';
import { saveAnswer } from '../../src/storage/study';
import { writeDecks } from '../../src/storage/write-decks';
import { basicDeck, CLOCK, freshDb, makeCtx, utc } from './helpers';

const DAY = 86_400_000;
const T0 = utc(2026, 3, 1, 12);
const A = cardId('d-0', 0);
const B = cardId('d-1', 0);
const C = cardId('d-2', 0);
/** Fitted parameters unlike the defaults. */
const FIT = DEFAULT_PARAMETERS.map((w, i) => (i < 4 ? w * 2 : w));

let db: AppDatabase;
beforeEach(async () => {
  db = freshDb('fsrs-params');
  await writeDecks(db, [basicDeck('d', 3)], 'user');
});
afterEach(() => {
  vi.restoreAllMocks();
  db.close();
});

const card = async (id: string) => (await db.cards.get(id)) as CardRow;
async function answer(id: string, rating: 1 | 2 | 3 | 4, at: number) {
  await saveAnswer(db, { cardId: id, rating, now: at, durationMs: 5000, shownReps: (await card(id)).reps }, makeCtx());
}
const stateOf = ({ id: _i, noteId: _n, deckId: _d, ord: _o, flag: _f, ...s }: CardRow): CardState => s;

async function seed() {
  await answer(A, Rating.Good, T0);
  await answer(A, Rating.Good, T0 + 3 * DAY);
  await answer(A, Rating.Again, T0 + 10 * DAY);
  await answer(B, Rating.Good, T0);
  await answer(B, Rating.Good, T0 + 2 * DAY);
  await db.cards.update(B, { queue: Queue.Suspended });
}

describe('readHistories', () => {
  it('groups every answer by card, oldest first, the same with any page size', async () => {
    await seed();
    const full = await readHistories(db, ['d']);
    const paged = await readHistories(db, ['d'], 2);
    expect(paged.cardIds).toEqual(full.cardIds);
    expect(paged.histories).toEqual(full.histories);
    const a = full.histories[full.cardIds.indexOf(A)];
    expect(a?.answers.map((x) => [x.rating, x.day - (a.answers[0]?.day ?? 0)])).toEqual([
      [3, 0],
      [3, 3],
      [1, 10],
    ]);
    expect([...full.perDay.values()].reduce((n, d) => n + d.answers, 0)).toBe(5);
    expect([...full.perDay.values()].reduce((n, d) => n + d.ms, 0)).toBe(25_000);
  });
});

describe('adoptParameters and undoAdoption', () => {
  it('reschedules answered cards by replay with the new parameters in one transaction; the study config uses them', async () => {
    await seed();
    const beforeA = await card(A);
    const beforeC = await card(C);
    const spy = vi.spyOn(db, 'transaction');
    const progress: number[] = [];
    const result = await adoptParameters(db, 'default', FIT, CLOCK, T0 + 11 * DAY, (p) => progress.push(p.done));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(result.cards).toBe(2);
    expect(progress.at(-1)).toBe(2);

    // Independent replay with a scheduler built from the fitted parameters.
    const ctx = makeCtx({ parameters: FIT });
    let want: CardState = newCardState(0);
    for (const [rating, at] of [
      [Rating.Good, T0],
      [Rating.Good, T0 + 3 * DAY],
      [Rating.Again, T0 + 10 * DAY],
    ] as const)
      want = answerCard(want, rating, at, ctx).next;
    const afterA = await card(A);
    expect(stateOf(afterA)).toEqual(want);
    expect(afterA.stability).not.toBeCloseTo(beforeA.stability, 3);
    // A suspended card is rescheduled but stays suspended; an unanswered card is untouched.
    expect((await card(B)).queue).toBe(Queue.Suspended);
    expect(await card(C)).toEqual(beforeC);
    expect((await loadStudyConfig(db)).forDeck('d').parameters).toEqual(FIT);
    expect(await undoableSince(db, 'default')).toBe(T0 + 11 * DAY);
  });

  it('undo brings back the old parameters and the states of cards not answered since', async () => {
    await seed();
    const beforeB = await card(B);
    await adoptParameters(db, 'default', FIT, CLOCK, T0 + 11 * DAY);
    expect(stateOf(await card(B))).not.toEqual(stateOf(beforeB));
    await db.cards.update(B, { flag: 3 });
    await answer(A, Rating.Good, T0 + 12 * DAY);
    const answeredSince = await card(A);

    expect(await undoAdoption(db, 'default')).toEqual({ restored: 1 });
    expect(stateOf(await card(B))).toEqual(stateOf(beforeB));
    expect((await card(B)).flag).toBe(3);
    expect(stateOf(await card(A))).toEqual(stateOf(answeredSince));
    expect((await loadStudyConfig(db)).forDeck('d').parameters).toBeUndefined();
    expect(await undoableSince(db, 'default')).toBeUndefined();
    expect(await undoAdoption(db, 'default')).toBeUndefined();
  });

  it('refuses parameters of the wrong shape and writes nothing', async () => {
    await seed();
    const before = await db.cards.toArray();
    await expect(adoptParameters(db, 'default', [1, 2, 3], CLOCK, T0)).rejects.toThrow(/21 finite numbers, got \[1,2,3\]/);
    expect(await db.cards.toArray()).toEqual(before);
    expect(await db.settings.get('fsrs:default')).toBeUndefined();
  });
});
