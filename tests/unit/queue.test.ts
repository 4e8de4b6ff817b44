import { describe, expect, it } from 'vitest';
import {
  afterAnswer,
  buildQueue,
  candidateBudget,
  nextCard,
  pinCard,
  type QueueCandidates,
  type QueueCard,
  queueCounts,
  queueKind,
  type QueueLimits,
  remainingLimits,
  type StudyQueue,
  spread,
  suggestGrade,
  type TodayLog,
} from '../../src/domain/queue/queue';
import { Queue } from '../../src/domain/scheduling/scheduler';

const MIN = 60_000;
const DAY_MS = 24 * 60 * MIN;
const NOW = Date.UTC(2026, 2, 10, 12);

/** A queue card; by default its own note, in deck "d". */
function makeCard(id: string, overrides: Partial<QueueCard> = {}): QueueCard {
  return { id, noteId: `note-${id}`, deckId: 'd', due: NOW, kind: 'review', ...overrides };
}
const learningCard = (id: string, due: number, o: Partial<QueueCard> = {}) => makeCard(id, { kind: 'learning', due, ...o });
const reviewCard = (id: string, o: Partial<QueueCard> = {}) => makeCard(id, { kind: 'review', ...o });
const newCard = (id: string, position: number, o: Partial<QueueCard> = {}) => makeCard(id, { kind: 'new', due: position, ...o });

const many = <T>(n: number, make: (k: number) => T): T[] => Array.from({ length: n }, (_, k) => make(k));

function candidates(c: Partial<QueueCandidates> = {}): QueueCandidates {
  return { learning: [], dayLearning: [], reviews: [], newCards: [], ...c };
}
function todayLog(t: Partial<Omit<TodayLog, 'notesSeen'>> & { notesSeen?: string[] } = {}): TodayLog {
  return { newDone: t.newDone ?? 0, reviewsDone: t.reviewsDone ?? 0, notesSeen: new Set(t.notesSeen ?? []) };
}
const LIMITS: QueueLimits = { newPerDay: 20, reviewsPerDay: 200 };
const ids = (cards: readonly QueueCard[]) => cards.map((c) => c.id);

describe('buildQueue: order', () => {
  it('intraday learning → interday learning → reviews, with new cards spread among them', () => {
    const queue = buildQueue(
      candidates({
        learning: [learningCard('l1', NOW - MIN), learningCard('l2', NOW + 5 * MIN)],
        dayLearning: [learningCard('dl1', NOW - 60 * MIN)],
        reviews: [reviewCard('r1'), reviewCard('r2'), reviewCard('r3')],
        newCards: [newCard('n1', 1), newCard('n2', 2)],
      }),
      LIMITS,
      todayLog(),
    );
    expect(ids(queue.learning)).toEqual(['l1', 'l2']);
    // 4 old cards + 2 new: new after item 2 and item 5 (see spread below).
    expect(ids(queue.main)).toEqual(['dl1', 'n1', 'r1', 'r2', 'n2', 'r3']);
    expect(queue.pinned).toBeUndefined();
  });

  it('with no reviews the main line is the new cards in position order', () => {
    const queue = buildQueue(
      candidates({ newCards: [newCard('n1', 1), newCard('n2', 2), newCard('n3', 3)] }),
      LIMITS,
      todayLog(),
    );
    expect(ids(queue.main)).toEqual(['n1', 'n2', 'n3']);
  });
});

describe('buildQueue: limits', () => {
  it.each<[string, QueueLimits, Partial<TodayLog> & { notesSeen?: string[] }, number, number, number, number]>([
    // name, limits, today, reviews due, new available, → reviews queued, new queued
    ['all fits', { newPerDay: 20, reviewsPerDay: 200 }, {}, 50, 30, 50, 20],
    [
      'new counts against the review limit: 190 reviews + 20 new → 10 new',
      { newPerDay: 20, reviewsPerDay: 200 },
      {},
      190,
      20,
      190,
      10,
    ],
    ['reviews fill the whole limit → no new', { newPerDay: 20, reviewsPerDay: 200 }, {}, 250, 20, 200, 0],
    ['new limit 0', { newPerDay: 0, reviewsPerDay: 200 }, {}, 10, 20, 10, 0],
    ['review limit 0 stops new cards too', { newPerDay: 20, reviewsPerDay: 0 }, {}, 10, 20, 0, 0],
    ['today: 5 new and 10 reviews done', { newPerDay: 20, reviewsPerDay: 200 }, { newDone: 5, reviewsDone: 10 }, 300, 30, 185, 0],
    ['today: 5 new done, few reviews', { newPerDay: 20, reviewsPerDay: 200 }, { newDone: 5, reviewsDone: 10 }, 20, 30, 20, 15],
    ['today: new limit already used up', { newPerDay: 20, reviewsPerDay: 200 }, { newDone: 25 }, 5, 30, 5, 0],
    ['today: review limit used up', { newPerDay: 20, reviewsPerDay: 100 }, { newDone: 10, reviewsDone: 90 }, 5, 30, 0, 0],
    [
      'today: 195 reviews done leaves 5, shared with new',
      { newPerDay: 20, reviewsPerDay: 200 },
      { reviewsDone: 195 },
      2,
      30,
      2,
      3,
    ],
  ])('%s', (_name, limits, today, reviewsDue, newAvailable, reviewsQueued, newQueued) => {
    const queue = buildQueue(
      candidates({
        reviews: many(reviewsDue, (k) => reviewCard(`r${k}`)),
        newCards: many(newAvailable, (k) => newCard(`n${k}`, k)),
      }),
      limits,
      todayLog(today),
    );
    const counts = queueCounts(queue);
    expect(counts.reviewCount).toBe(reviewsQueued);
    expect(counts.newCount).toBe(newQueued);
    // New cards are taken in position order.
    expect(ids(queue.main.filter((c) => c.kind === 'new'))).toEqual(many(newQueued, (k) => newCard(`n${k}`, k)).map((c) => c.id));
  });

  it('interday learning comes out of the review limit before reviews', () => {
    const queue = buildQueue(
      candidates({
        dayLearning: many(3, (k) => learningCard(`dl${k}`, NOW - k)),
        reviews: many(10, (k) => reviewCard(`r${k}`)),
        newCards: many(5, (k) => newCard(`n${k}`, k)),
      }),
      { newPerDay: 20, reviewsPerDay: 8 },
      todayLog(),
    );
    expect(queueCounts(queue)).toEqual({ learningCount: 3, reviewCount: 5, newCount: 0 });
  });

  it('learning cards are never limited', () => {
    const queue = buildQueue(
      candidates({ learning: many(300, (k) => learningCard(`l${k}`, NOW + k)), reviews: [reviewCard('r1')] }),
      { newPerDay: 0, reviewsPerDay: 0 },
      todayLog({ reviewsDone: 500 }),
    );
    expect(queue.learning).toHaveLength(300);
    expect(queue.main).toEqual([]);
  });

  it.each([
    ['nothing done', { newPerDay: 20, reviewsPerDay: 200 }, {}, { reviews: 200, newCards: 20 }],
    ['new capped by reviews left', { newPerDay: 20, reviewsPerDay: 200 }, { reviewsDone: 190 }, { reviews: 10, newCards: 10 }],
    [
      'new done counts twice: against new and review',
      { newPerDay: 20, reviewsPerDay: 200 },
      { newDone: 15 },
      { reviews: 185, newCards: 5 },
    ],
    ['never negative', { newPerDay: 20, reviewsPerDay: 200 }, { newDone: 50, reviewsDone: 300 }, { reviews: 0, newCards: 0 }],
  ])('remainingLimits: %s', (_name, limits, today, expected) => {
    expect(remainingLimits(limits, todayLog(today))).toEqual(expected);
  });

  it('candidateBudget reads past the limits by the notes seen plus slack', () => {
    expect(candidateBudget({ newPerDay: 20, reviewsPerDay: 200 }, todayLog({ notesSeen: ['a', 'b', 'c'] }))).toEqual({
      reviews: 253,
      newCards: 73,
    });
  });
});

describe('buildQueue: siblings', () => {
  it('never queues two cards of the same note', () => {
    const queue = buildQueue(
      candidates({
        dayLearning: [learningCard('a#0', NOW, { noteId: 'a' })],
        reviews: [reviewCard('a#1', { noteId: 'a' }), reviewCard('b#0', { noteId: 'b' }), reviewCard('b#1', { noteId: 'b' })],
        newCards: [newCard('b#2', 1, { noteId: 'b' }), newCard('c#0', 2, { noteId: 'c' }), newCard('c#1', 3, { noteId: 'c' })],
      }),
      LIMITS,
      todayLog(),
    );
    expect(ids(queue.main).sort()).toEqual(['a#0', 'b#0', 'c#0']);
  });

  it('skips every card of a note already answered today', () => {
    const queue = buildQueue(
      candidates({
        dayLearning: [learningCard('a#0', NOW, { noteId: 'a' })],
        reviews: [reviewCard('b#0', { noteId: 'b' }), reviewCard('x#0', { noteId: 'x' })],
        newCards: [newCard('c#1', 1, { noteId: 'c' }), newCard('y#0', 2, { noteId: 'y' })],
      }),
      LIMITS,
      todayLog({ notesSeen: ['a', 'b', 'c'] }),
    );
    expect(ids(queue.main).sort()).toEqual(['x#0', 'y#0']);
  });

  it('a skipped sibling does not use up the limit', () => {
    const queue = buildQueue(
      candidates({
        reviews: [reviewCard('a#0', { noteId: 'a' }), reviewCard('a#1', { noteId: 'a' }), reviewCard('b#0', { noteId: 'b' })],
      }),
      { newPerDay: 0, reviewsPerDay: 2 },
      todayLog(),
    );
    expect(ids(queue.main)).toEqual(['a#0', 'b#0']);
  });

  it('a learning card goes on even if its note was seen today, and holds back its siblings', () => {
    const queue = buildQueue(
      candidates({
        learning: [learningCard('a#0', NOW, { noteId: 'a' }), learningCard('a#1', NOW + MIN, { noteId: 'a' })],
        reviews: [reviewCard('a#2', { noteId: 'a' }), reviewCard('b#0', { noteId: 'b' })],
      }),
      LIMITS,
      todayLog({ notesSeen: ['a'] }),
    );
    expect(ids(queue.learning)).toEqual(['a#0']);
    expect(ids(queue.main)).toEqual(['b#0']);
  });
});

describe('queueKind', () => {
  it.each([
    [Queue.New, 'new'],
    [Queue.Learning, 'learning'],
    [Queue.DayLearning, 'learning'],
    [Queue.Review, 'review'],
  ] as const)('counts queue %i as %s', (queue, kind) => {
    expect(queueKind(queue)).toBe(kind);
  });
});

describe('queueCounts', () => {
  it('counts learning, interday learning as learning, the pinned card by its kind', () => {
    const queue: StudyQueue = {
      learning: [learningCard('l1', NOW)],
      main: [learningCard('dl1', NOW), reviewCard('r1'), reviewCard('r2'), newCard('n1', 1)],
      pinned: newCard('n0', 0),
    };
    expect(queueCounts(queue)).toEqual({ learningCount: 2, reviewCount: 2, newCount: 2 });
  });
});

describe('nextCard', () => {
  const learnAhead = 20 * MIN;
  const base = (o: Partial<StudyQueue> = {}): StudyQueue => ({ learning: [], main: [], ...o });

  it.each<[string, StudyQueue, string | undefined]>([
    ['learning card due now comes first', base({ learning: [learningCard('l', NOW)], main: [reviewCard('r')] }), 'l'],
    ['learning card overdue comes first', base({ learning: [learningCard('l', NOW - 5 * MIN)], main: [reviewCard('r')] }), 'l'],
    [
      'learning card not yet due waits behind the main line',
      base({ learning: [learningCard('l', NOW + MIN)], main: [reviewCard('r')] }),
      'r',
    ],
    ['learn-ahead only when the main line is empty', base({ learning: [learningCard('l', NOW + 15 * MIN)] }), 'l'],
    ['not beyond the learn-ahead limit', base({ learning: [learningCard('l', NOW + 25 * MIN)] }), undefined],
    [
      'the pinned card beats everything',
      base({ learning: [learningCard('l', NOW - MIN)], main: [reviewCard('r')], pinned: reviewCard('p') }),
      'p',
    ],
    ['empty queue', base(), undefined],
  ])('%s', (_name, queue, expected) => {
    expect(nextCard(queue, NOW, learnAhead)?.id).toBe(expected);
  });
});

describe('afterAnswer', () => {
  const queue: StudyQueue = {
    learning: [learningCard('l1', NOW + 1 * MIN), learningCard('l2', NOW + 5 * MIN), learningCard('l3', NOW + 30 * MIN)],
    main: [reviewCard('r1'), newCard('n1', 1), reviewCard('r2')],
  };

  it('removes a card that left learning for the day', () => {
    const after = afterAnswer(queue, 'r1', undefined);
    expect(ids(after.learning)).toEqual(['l1', 'l2', 'l3']);
    expect(ids(after.main)).toEqual(['n1', 'r2']);
  });

  it.each([
    ['before all', NOW, ['n1', 'l1', 'l2', 'l3']],
    ['between', NOW + 10 * MIN, ['l1', 'l2', 'n1', 'l3']],
    ['after an equal due', NOW + 5 * MIN, ['l1', 'l2', 'n1', 'l3']],
    ['at the end', NOW + 60 * MIN, ['l1', 'l2', 'l3', 'n1']],
  ])('puts a still-learning card back in the learning line sorted by due (%s)', (_name, due, order) => {
    const after = afterAnswer(queue, 'n1', due);
    expect(ids(after.learning)).toEqual(order);
    expect(after.learning.find((c) => c.id === 'n1')).toMatchObject({ kind: 'learning', due });
    expect(ids(after.main)).toEqual(['r1', 'r2']);
  });

  it('re-sorts a learning card answered again', () => {
    const after = afterAnswer(queue, 'l1', NOW + 10 * MIN);
    expect(ids(after.learning)).toEqual(['l2', 'l1', 'l3']);
  });

  it('clears the pin when the pinned card is answered, and does not touch the input', () => {
    const pinnedQueue: StudyQueue = { ...queue, pinned: reviewCard('p') };
    const after = afterAnswer(pinnedQueue, 'p', NOW + MIN);
    expect(after.pinned).toBeUndefined();
    expect(ids(after.learning)).toEqual(['l1', 'p', 'l2', 'l3']);
    expect(pinnedQueue.pinned?.id).toBe('p');
    expect(ids(queue.learning)).toEqual(['l1', 'l2', 'l3']);
  });

  it('keeps the pin when another card is answered', () => {
    const after = afterAnswer({ ...queue, pinned: reviewCard('p') }, 'r1', undefined);
    expect(after.pinned?.id).toBe('p');
  });
});

describe('pinCard', () => {
  it('makes the restored card first and removes its other copies', () => {
    const queue: StudyQueue = {
      learning: [learningCard('x', NOW + MIN), learningCard('l1', NOW + 2 * MIN)],
      main: [reviewCard('r1'), reviewCard('x'), reviewCard('r2')],
    };
    const restored = reviewCard('x', { due: NOW - DAY_MS });
    const pinned = pinCard(queue, restored);
    expect(pinned.pinned).toBe(restored);
    expect(ids(pinned.learning)).toEqual(['l1']);
    expect(ids(pinned.main)).toEqual(['r1', 'r2']);
    expect(nextCard(pinned, NOW, 0)).toBe(restored);
    expect(queueCounts(pinned)).toEqual({ learningCount: 1, reviewCount: 3, newCount: 0 });
  });
});

describe('spread', () => {
  it.each([
    [4, 2, 'r n r r n r'],
    [1, 3, 'n n r n'],
    [3, 0, 'r r r'],
    [0, 3, 'n n n'],
    [0, 0, ''],
    [2, 2, 'n r n r'],
    [9, 1, 'r r r r n r r r r r'],
  ])('%i reviews and %i new → %s', (reviews, fresh, pattern) => {
    const out = spread(
      many(reviews, (k) => `r${k}`),
      many(fresh, (k) => `n${k}`),
    );
    expect(out.map((x) => x[0]).join(' ')).toBe(pattern);
  });

  it.each([
    [190, 10],
    [50, 20],
    [7, 13],
    [100, 1],
  ])('keeps both orders and places %i reviews and %i new evenly', (reviews, fresh) => {
    const r = many(reviews, (k) => `r${k}`);
    const n = many(fresh, (k) => `n${k}`);
    const out = spread(r, n);
    expect(out.filter((x) => x.startsWith('r'))).toEqual(r);
    expect(out.filter((x) => x.startsWith('n'))).toEqual(n);
    const total = reviews + fresh;
    let newSoFar = 0;
    for (const [k, x] of out.entries()) {
      if (x.startsWith('n')) newSoFar++;
      // After k+1 items, within one card of the even share.
      expect(Math.abs(newSoFar - ((k + 1) * fresh) / total)).toBeLessThanOrEqual(1);
    }
  });
});

describe('suggestGrade', () => {
  it.each([
    [0, 4, 1],
    [1, 3, 1],
    [1, 4, 1],
    [2, 5, 2],
    [2, 4, 2],
    [2, 3, 2],
    [3, 4, 3],
    [4, 5, 3],
    [5, 5, 3],
    [0, 0, 3],
  ])('%i of %i points ticked → grade %i', (ticked, total, grade) => {
    expect(suggestGrade(ticked, total)).toBe(grade);
  });
});
