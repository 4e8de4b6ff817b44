import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cardId } from '../../src/domain/deck-format/model';
import { answerCard, type CardState, type Grade, Queue, Rating, State } from '../../src/domain/scheduling/scheduler';
import type { AppDatabase, CardRow } from '../../src/storage/db';
import { writeDecks } from '../../src/storage/write-decks';
import { undoAnswer } from '../../src/storage/card-actions';
import { saveAnswer, StaleCardError } from '../../src/storage/study';
import { SaveChain } from '../../src/ui/save-chain';
import { basicDeck, freshDb, makeCtx, snapshot, utc, html } from './helpers';

const NOW = utc(2026, 3, 10, 12);
const MINUTE = 60_000;
const A = cardId('d-0', 0);
const B = cardId('d-1', 0);

let db: AppDatabase;

beforeEach(async () => {
  db = freshDb('answer');
  await writeDecks(db, [basicDeck('d', 3)], 'user');
});
afterEach(() => {
  vi.restoreAllMocks();
  db.close();
});

const stateOf = ({ id: _id, noteId: _n, deckId: _d, ord: _o, ...state }: CardRow): CardState => state;

async function card(id: string): Promise<CardRow> {
  const row = await db.cards.get(id);
  if (!row) throw new Error(`no card ${id}`);
  return row;
}

/** Makes card `id` a review card with `lapses` lapses, due this morning. */
async function makeReviewCard(id: string, lapses: number): Promise<CardRow> {
  const row: CardRow = {
    ...(await card(id)),
    queue: Queue.Review,
    due: utc(2026, 3, 10, 4),
    stability: 12,
    difficulty: 6,
    elapsedDays: 10,
    scheduledDays: 12,
    learningSteps: 0,
    reps: 20,
    lapses,
    state: State.Review,
    lastReview: utc(2026, 2, 26, 9),
  };
  await db.cards.put(row);
  return row;
}

describe('saveAnswer', () => {
  it('is one transaction', async () => {
    const spy = vi.spyOn(db, 'transaction');
    await saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 0 }, makeCtx());
    expect(spy).toHaveBeenCalledTimes(1);
  });

  // The study screen shows the next card before the save lands, from answerCard on the card it
  // showed; what the save writes must be exactly that.
  it.each([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy])(
    'writes the state answerCard gives for the shown card (grade %i), new and review cards',
    async (rating) => {
      const ctx = makeCtx();
      for (const shown of [await card(B), await makeReviewCard(A, 7)]) {
        const { id, noteId, deckId, ord } = shown;
        const expected: CardRow = { id, noteId, deckId, ord, ...answerCard(shown, rating, NOW + 17, ctx).next };
        const saved = await saveAnswer(db, { cardId: id, rating, now: NOW + 17, durationMs: 1, shownReps: shown.reps }, ctx);
        expect(saved.card).toEqual(expected);
        expect(await card(id)).toEqual(expected);
      }
    },
  );

  // The study screen answers a card that came straight back (Again) from the state it computed,
  // before the first save has landed; the saves run in order through SaveChain.
  it('a card answered twice in a row from the computed state saves both, in order, behind the screen', async () => {
    const ctx = makeCtx();
    const chain = new SaveChain();
    const shown = await card(A);
    const { id, noteId, deckId, ord } = shown;
    const first = answerCard(shown, Rating.Again, NOW, ctx);
    const again: CardRow = { id, noteId, deckId, ord, ...first.next };
    const second = answerCard(again, Rating.Good, NOW + MINUTE, ctx);
    const saves = [
      chain.run(() => saveAnswer(db, { cardId: A, rating: Rating.Again, now: NOW, durationMs: 1, shownReps: shown.reps }, ctx)),
      chain.run(() =>
        saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW + MINUTE, durationMs: 1, shownReps: again.reps }, ctx),
      ),
    ];
    const [a, b] = await Promise.all(saves);
    expect(b?.reviewId).toBeGreaterThan(a?.reviewId ?? Infinity);
    expect(await card(A)).toEqual({ id, noteId, deckId, ord, ...second.next });
    expect((await db.reviews.where('cardId').equals(A).sortBy('id')).map((r) => r.rating)).toEqual([Rating.Again, Rating.Good]);
  });

  it('appends one review row and updates the card', async () => {
    const before = await card(A);
    const saved = await saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW, durationMs: 1234.4, shownReps: 0 }, makeCtx());

    const after = await card(A);
    expect(after).toEqual(saved.card);
    expect(after).toMatchObject({
      id: A,
      noteId: 'd-0',
      deckId: 'd',
      ord: 0,
      queue: Queue.Learning,
      reps: 1,
      due: NOW + 10 * MINUTE,
    });

    const reviews = await db.reviews.toArray();
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      id: saved.reviewId,
      cardId: A,
      noteId: 'd-0',
      deckId: 'd',
      rating: Rating.Good,
      state: State.New,
      review: NOW,
      durationMs: 1234,
      beforeQueue: Queue.New,
      before: stateOf(before),
    });
    expect(reviews[0]?.leech).toBeUndefined();
    expect(saved.leech).toBe(false);
    // The other cards are untouched.
    expect((await card(B)).reps).toBe(0);
  });

  it.each([
    ['negative duration', -50, 0],
    ['fractional duration', 999.6, 1000],
  ])('stores a %s as a whole non-negative number', async (_name, durationMs, stored) => {
    await saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW, durationMs, shownReps: 0 }, makeCtx());
    expect((await db.reviews.toArray())[0]?.durationMs).toBe(stored);
  });

  it('each answer is its own review row, in order', async () => {
    const ctx = makeCtx();
    const first = await saveAnswer(db, { cardId: A, rating: Rating.Again, now: NOW, durationMs: 1, shownReps: 0 }, ctx);
    const second = await saveAnswer(
      db,
      { cardId: A, rating: Rating.Good, now: first.card.due, durationMs: 1, shownReps: 1 },
      ctx,
    );
    expect(second.reviewId).toBeGreaterThan(first.reviewId);
    expect((await db.reviews.where('cardId').equals(A).toArray()).map((r) => r.rating)).toEqual([Rating.Again, Rating.Good]);
    expect((await card(A)).reps).toBe(2);
  });

  describe('writes nothing when the transaction fails', () => {
    it.each<[string, () => Promise<unknown>, RegExp | (new (...args: never[]) => Error)]>([
      [
        'stale shownReps (the card changed since it was shown)',
        () => saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 5 }, makeCtx()),
        StaleCardError,
      ],
      [
        'a card id that does not exist',
        () => saveAnswer(db, { cardId: 'nope#0', rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 0 }, makeCtx()),
        /does not exist/,
      ],
      [
        'the review row cannot be added',
        () => {
          vi.spyOn(db.reviews, 'add').mockRejectedValueOnce(new Error('QuotaExceededError'));
          return saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 0 }, makeCtx());
        },
        /QuotaExceeded/,
      ],
      [
        'the card cannot be written after the review row was added',
        () => {
          vi.spyOn(db.cards, 'put').mockRejectedValueOnce(new Error('disk full'));
          return saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 0 }, makeCtx());
        },
        /disk full/,
      ],
    ])('%s', async (_name, act, error) => {
      const before = await snapshot(db);
      await expect(act()).rejects.toThrow(error);
      vi.restoreAllMocks();
      expect(await snapshot(db)).toEqual(before);
      expect(await db.reviews.count()).toBe(0);
    });

    it('the leech tag cannot be written after the card was updated', async () => {
      await makeReviewCard(A, 7);
      const before = await snapshot(db);
      vi.spyOn(db.notes, 'where').mockImplementationOnce(() => {
        throw new Error('notes table broken');
      });
      await expect(
        saveAnswer(db, { cardId: A, rating: Rating.Again, now: NOW, durationMs: 1, shownReps: 20 }, makeCtx()),
      ).rejects.toThrow(/notes table broken/);
      vi.restoreAllMocks();
      expect(await snapshot(db)).toEqual(before);
    });

    it('a StaleCardError names the card', async () => {
      await expect(
        saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 3 }, makeCtx()),
      ).rejects.toMatchObject({ name: 'StaleCardError', cardId: A });
    });
  });
});

describe('undoAnswer', () => {
  it('restores the exact before-state and deletes the review', async () => {
    const original = await card(A);
    const saved = await saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 0 }, makeCtx());
    const restored = await undoAnswer(db, saved.reviewId);
    expect(restored).toEqual(original);
    expect(await card(A)).toEqual(original);
    expect(await db.reviews.count()).toBe(0);
  });

  it('repeated undo walks back three answers to the original state', async () => {
    const ctx = makeCtx();
    const states: CardRow[] = [await card(A)];
    const reviewIds: number[] = [];
    let now = NOW;
    const ratings: Grade[] = [Rating.Again, Rating.Good, Rating.Good];
    for (const rating of ratings) {
      const current = states[states.length - 1] as CardRow;
      const saved = await saveAnswer(db, { cardId: A, rating, now, durationMs: 1, shownReps: current.reps }, ctx);
      states.push(saved.card);
      reviewIds.push(saved.reviewId);
      now = Math.max(now + MINUTE, saved.card.due);
    }
    expect(await db.reviews.count()).toBe(3);

    for (let k = 2; k >= 0; k--) {
      const restored = await undoAnswer(db, reviewIds[k] as number);
      expect(restored).toEqual(states[k]);
      expect(await card(A)).toEqual(states[k]);
      expect(await db.reviews.count()).toBe(k);
    }
  });

  it('refuses to undo an answer that is not the card’s latest, and changes nothing', async () => {
    const ctx = makeCtx();
    const first = await saveAnswer(db, { cardId: A, rating: Rating.Again, now: NOW, durationMs: 1, shownReps: 0 }, ctx);
    await saveAnswer(db, { cardId: A, rating: Rating.Good, now: first.card.due, durationMs: 1, shownReps: 1 }, ctx);
    const before = await snapshot(db);
    await expect(undoAnswer(db, first.reviewId)).rejects.toThrow(/not the card's latest answer/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('undoes the latest answer of one card while another card has later answers', async () => {
    const ctx = makeCtx();
    const a = await saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 0 }, ctx);
    await saveAnswer(db, { cardId: B, rating: Rating.Good, now: NOW + MINUTE, durationMs: 1, shownReps: 0 }, ctx);
    await undoAnswer(db, a.reviewId);
    expect((await card(A)).reps).toBe(0);
    expect((await card(B)).reps).toBe(1);
    expect((await db.reviews.toArray()).map((r) => r.cardId)).toEqual([B]);
  });

  it('refuses an unknown (or already undone) review', async () => {
    const saved = await saveAnswer(db, { cardId: A, rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 0 }, makeCtx());
    await undoAnswer(db, saved.reviewId);
    await expect(undoAnswer(db, saved.reviewId)).rejects.toThrow(/does not exist/);
  });
});

describe('leeches', () => {
  it('the 8th lapse tags the note "leech" and suspends the card; undo takes both back', async () => {
    const before = await makeReviewCard(A, 7);
    const saved = await saveAnswer(db, { cardId: A, rating: Rating.Again, now: NOW, durationMs: 1, shownReps: 20 }, makeCtx());
    expect(saved.leech).toBe(true);
    expect(saved.card).toMatchObject({ lapses: 8, queue: Queue.Suspended });
    expect((await db.notes.get('d-0'))?.tags).toEqual(['d', 'leech']);
    expect((await db.reviews.get(saved.reviewId))?.leech).toBe(true);
    // Siblings' notes are not tagged.
    expect((await db.notes.get('d-1'))?.tags).toEqual(['d']);

    await undoAnswer(db, saved.reviewId);
    expect((await db.notes.get('d-0'))?.tags).toEqual(['d']);
    expect(await card(A)).toEqual(before);
  });

  it('with leech action "tag" the note is tagged but the card stays in relearning', async () => {
    await makeReviewCard(A, 7);
    const saved = await saveAnswer(
      db,
      { cardId: A, rating: Rating.Again, now: NOW, durationMs: 1, shownReps: 20 },
      makeCtx({ leechAction: 'tag' }),
    );
    expect(saved.leech).toBe(true);
    expect(saved.card.queue).toBe(Queue.Learning);
    expect((await db.notes.get('d-0'))?.tags).toContain('leech');
  });

  it('the 7th lapse is not a leech', async () => {
    await makeReviewCard(A, 6);
    const saved = await saveAnswer(db, { cardId: A, rating: Rating.Again, now: NOW, durationMs: 1, shownReps: 20 }, makeCtx());
    expect(saved.leech).toBe(false);
    expect((await db.notes.get('d-0'))?.tags).toEqual(['d']);
  });

  it('undo keeps the tag while a sibling card of the note is still a leech', async () => {
    // A reverse note: two cards, one note, one tag list.
    await writeDecks(
      db,
      [
        {
          id: 'r',
          name: 'Reverse',
          description: '',
          notes: [
            {
              id: 'rev',
              kind: 'reverse',
              tags: ['r'],
              fields: { front: 'F', back: 'B' },
              cards: [
                { ord: 0, front: html('<p>F</p>'), back: html('<p>B</p>') },
                { ord: 1, front: html('<p>B</p>'), back: html('<p>F</p>') },
              ],
              hash: 'h',
            },
          ],
        },
      ],
      'user',
    );
    await makeReviewCard('rev#0', 7);
    await makeReviewCard('rev#1', 7);
    const ctx = makeCtx({ leechAction: 'tag' });
    const first = await saveAnswer(db, { cardId: 'rev#0', rating: Rating.Again, now: NOW, durationMs: 1, shownReps: 20 }, ctx);
    const second = await saveAnswer(
      db,
      { cardId: 'rev#1', rating: Rating.Again, now: NOW + MINUTE, durationMs: 1, shownReps: 20 },
      ctx,
    );
    expect([first.leech, second.leech]).toEqual([true, true]);
    expect((await db.notes.get('rev'))?.tags).toEqual(['r', 'leech']);

    // Undoing card #1's leech answer leaves card #0 a leech: the note keeps its tag.
    await undoAnswer(db, second.reviewId);
    expect((await db.notes.get('rev'))?.tags).toEqual(['r', 'leech']);
    await undoAnswer(db, first.reviewId);
    expect((await db.notes.get('rev'))?.tags).toEqual(['r']);
  });

  it('undo keeps the tag while an earlier leech answer of the card remains', async () => {
    const ctx = makeCtx({ leechAction: 'tag', leechThreshold: 2 });
    await makeReviewCard(A, 1);
    // Lapse 2 (leech), back to review, lapse 3 (leech again: every lapse after threshold 2).
    const first = await saveAnswer(db, { cardId: A, rating: Rating.Again, now: NOW, durationMs: 1, shownReps: 20 }, ctx);
    expect(first.leech).toBe(true);
    const graduated = await saveAnswer(
      db,
      { cardId: A, rating: Rating.Good, now: first.card.due, durationMs: 1, shownReps: 21 },
      ctx,
    );
    const second = await saveAnswer(
      db,
      { cardId: A, rating: Rating.Again, now: graduated.card.due, durationMs: 1, shownReps: 22 },
      ctx,
    );
    expect(second.leech).toBe(true);
    await undoAnswer(db, second.reviewId);
    expect((await db.notes.get('d-0'))?.tags).toEqual(['d', 'leech']);
    await undoAnswer(db, graduated.reviewId);
    await undoAnswer(db, first.reviewId);
    expect((await db.notes.get('d-0'))?.tags).toEqual(['d']);
  });
});
