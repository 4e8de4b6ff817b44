import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BundleDeck, BundleNote } from '../../src/domain/deck-format/bundle';
import { cardId } from '../../src/domain/deck-format/model';
import { seededRandom } from '../../src/domain/random';
import { Queue, Rating } from '../../src/domain/scheduling/scheduler';
import type { AppDatabase, CardRow, InterviewSetup } from '../../src/storage/db';
import {
  deleteInterview,
  finishAnswer,
  finishInterview,
  gradeQuestion,
  interviewDecks,
  interviewHistory,
  keepProgress,
  runningInterview,
  skipReview,
  startInterview,
  undoableGrade,
  undoGrade,
} from '../../src/storage/interview';
import { StaleCardError } from '../../src/storage/study';
import { writeDecks } from '../../src/storage/write-decks';
import { basicDeck, freshDb, makeCtx, snapshot, utc, trustedDecks } from './helpers';

const NOW = utc(2026, 3, 10, 12);

function explainNote(id: string): BundleNote {
  return {
    id,
    kind: 'explain',
    tags: [],
    fields: { prompt: `Prompt ${id}`, answer: `Answer ${id}`, rubric: ['a test', 'why', 'a result'] },
    cards: [{ ord: 0, front: `<p>Prompt ${id}</p>`, back: `<p>Answer ${id}</p>` }],
    rubric: ['a test', 'why', 'a result'],
    hash: `hash-${id}`,
  };
}

function explainDeck(id: string, count: number): BundleDeck {
  return { id, name: `Deck ${id}`, description: '', notes: Array.from({ length: count }, (_, k) => explainNote(`${id}-x${k}`)) };
}

const setup = (overrides: Partial<InterviewSetup> = {}): InterviewSetup => ({
  deckIds: ['e'],
  count: 3,
  minutes: 3,
  mode: 'written',
  reviewAt: 'each',
  ...overrides,
});

let db: AppDatabase;
beforeEach(async () => {
  db = freshDb('interview');
  await writeDecks(db, trustedDecks([explainDeck('e', 5), basicDeck('b', 4), explainDeck('other', 2)]), 'user');
});
afterEach(() => {
  vi.restoreAllMocks();
  db.close();
});

const start = (s = setup(), id = 'run1') => startInterview(db, { id, setup: s, now: NOW, random: seededRandom(7) });

async function card(id: string): Promise<CardRow> {
  const row = await db.cards.get(id);
  if (!row) throw new Error(`no card ${id}`);
  return row;
}

describe('setting up', () => {
  it('lists the decks that hold explain notes, with the count from the index', async () => {
    expect(await interviewDecks(db)).toEqual([
      { id: 'e', name: 'Deck e', explain: 5 },
      { id: 'other', name: 'Deck other', explain: 2 },
    ]);
  });

  it('draws distinct explain notes of the chosen decks only, and writes the run', async () => {
    const run = await start(setup({ deckIds: ['e', 'b'], count: 4 }));
    expect(run.questions).toHaveLength(4);
    expect(run.questions.every((q) => q.noteId.startsWith('e-x') && q.deckId === 'e')).toBe(true);
    expect(new Set(run.questions.map((q) => q.noteId)).size).toBe(4);
    expect(run).toMatchObject({ status: 'running', current: 0, step: 'answering', startedAt: NOW });
    expect(await runningInterview(db)).toEqual(run);
  });

  it('takes the kinds of the rubric points from the note when it tags them', async () => {
    const tagged: BundleDeck = {
      id: 'k',
      name: 'Deck k',
      description: '',
      notes: [{ ...explainNote('k-x0'), rubricKinds: ['test', null, 'mind'] }],
    };
    await writeDecks(db, trustedDecks([tagged]), 'user');
    const run = await start(setup({ deckIds: ['k'], count: 1 }));
    expect(run.questions[0]?.rubricKinds).toEqual(['test', null, 'mind']);
  });

  it('asks fewer questions than chosen when the decks hold fewer, and says so in the run', async () => {
    const run = await start(setup({ deckIds: ['other'], count: 5 }));
    expect(run.questions).toHaveLength(2);
    expect(run.setup.count).toBe(2);
  });

  it.each([
    [setup({ deckIds: [] }), 'Choose at least one deck.'],
    [setup({ count: 0 }), 'Questions must be a whole number from 1 to 20 (got 0).'],
    [setup({ minutes: 2.5 }), 'Minutes per question must be a whole number from 1 to 15 (got 2.5).'],
    [setup({ deckIds: ['b'] }), 'The chosen decks have no explain cards to ask (suspended cards are left out).'],
  ])('refuses a bad setup with a clear message and writes nothing (%#)', async (s, message) => {
    const before = await snapshot(db);
    await expect(start(s)).rejects.toThrow(message);
    expect(await snapshot(db)).toEqual(before);
    expect(await db.interviews.count()).toBe(0);
  });

  it('refuses a second run while one is running', async () => {
    await start();
    await expect(start(setup(), 'run2')).rejects.toThrow('Another interview is still running');
    expect(await db.interviews.count()).toBe(1);
  });
});

describe('answering and grading', () => {
  it('keeps the text and time while answering, so a reload finds them', async () => {
    await start();
    await keepProgress(db, 'run1', 0, { text: 'I would test', usedMs: 12_000 });
    const found = await runningInterview(db);
    expect(found?.questions[0]).toMatchObject({ text: 'I would test', usedMs: 12_000 });
    expect(found?.step).toBe('answering');
  });

  it('records a grade as a normal review of the card, with the time used, and moves on', async () => {
    const run = await start();
    const q = run.questions[0]!;
    await finishAnswer(db, 'run1', 0, { text: 'answer', usedMs: 95_400 });
    const { run: after, saved } = await gradeQuestion(
      db,
      'run1',
      0,
      { ticks: [true, false, true], rating: Rating.Hard, now: NOW + 1000 },
      makeCtx(),
    );
    const review = await db.reviews.get(saved.reviewId);
    expect(review).toMatchObject({ cardId: q.cardId, rating: Rating.Hard, durationMs: 95_400, beforeQueue: Queue.New });
    expect((await card(q.cardId)).reps).toBe(1);
    expect(after.questions[0]).toMatchObject({ ticks: [true, false, true], grade: Rating.Hard, reviewId: saved.reviewId });
    expect(after).toMatchObject({ current: 1, step: 'ready' });
  });

  it('keeps the ticks with the kinds of the rubric they were given against', async () => {
    const run = await start(setup({ count: 1 }));
    expect(run.questions[0]?.rubricKinds).toBeUndefined();
    await finishAnswer(db, 'run1', 0, { text: '', usedMs: 1000 });
    const kinds = ['test', 'why', 'mind'] as const;
    const { run: after } = await gradeQuestion(
      db,
      'run1',
      0,
      { ticks: [false, false, true], rating: Rating.Hard, now: NOW, rubricKinds: kinds },
      makeCtx(),
    );
    expect(after.questions[0]).toMatchObject({ rubricKinds: ['test', 'why', 'mind'], ticks: [false, false, true] });
  });

  it('writes the review and the run together: if the run cannot be written, no review is left', async () => {
    await start();
    await finishAnswer(db, 'run1', 0, { text: '', usedMs: 1000 });
    const before = await snapshot(db);
    vi.spyOn(db.interviews, 'put').mockRejectedValueOnce(new Error('disk full'));
    await expect(
      gradeQuestion(db, 'run1', 0, { ticks: [true, true, true], rating: Rating.Good, now: NOW }, makeCtx()),
    ).rejects.toThrow('disk full');
    expect(await snapshot(db)).toEqual(before);
    expect((await runningInterview(db))?.step).toBe('review');
  });

  it('undo deletes the review, restores the card and returns to that review', async () => {
    const run = await start();
    const q = run.questions[0]!;
    const before = await card(q.cardId);
    await finishAnswer(db, 'run1', 0, { text: '', usedMs: 1000 });
    const { run: graded } = await gradeQuestion(
      db,
      'run1',
      0,
      { ticks: [true, true, true], rating: Rating.Good, now: NOW },
      makeCtx(),
    );
    expect(undoableGrade(graded)).toBe(0);
    const undone = await undoGrade(db, 'run1');
    expect(await db.reviews.count()).toBe(0);
    expect(await card(q.cardId)).toEqual(before);
    expect(undone).toMatchObject({ current: 0, step: 'review' });
    expect(undone.questions[0]?.grade).toBeUndefined();
    expect(undoableGrade(undone)).toBeUndefined();
  });

  it('refuses the grade of a card answered elsewhere since it was drawn; the review can be skipped', async () => {
    const run = await start();
    const q = run.questions[0]!;
    await db.cards.update(q.cardId, { reps: 5 });
    await finishAnswer(db, 'run1', 0, { text: '', usedMs: 1000 });
    await expect(gradeQuestion(db, 'run1', 0, { ticks: [], rating: Rating.Good, now: NOW }, makeCtx())).rejects.toBeInstanceOf(
      StaleCardError,
    );
    expect(await db.reviews.count()).toBe(0);
    expect(await skipReview(db, 'run1', 0)).toMatchObject({ current: 1, step: 'ready' });
  });

  it('refuses a step the run is not at (a double tap, another tab)', async () => {
    await start();
    await finishAnswer(db, 'run1', 0, { text: '', usedMs: 1000 });
    await expect(finishAnswer(db, 'run1', 0, { text: '', usedMs: 1000 })).rejects.toThrow('not at question 1 (answering)');
  });

  it('reviews at the end: all answers first, then the reviews in order', async () => {
    await start(setup({ count: 2, reviewAt: 'end' }));
    expect(await finishAnswer(db, 'run1', 0, { text: 'one', usedMs: 1000 })).toMatchObject({ current: 1, step: 'ready' });
    const { beginQuestion } = await import('../../src/storage/interview');
    await beginQuestion(db, 'run1', 1);
    expect(await finishAnswer(db, 'run1', 1, { text: 'two', usedMs: 1000 })).toMatchObject({ current: 0, step: 'review' });
    const ctx = makeCtx();
    await gradeQuestion(db, 'run1', 0, { ticks: [true, true, true], rating: Rating.Good, now: NOW }, ctx);
    const { run } = await gradeQuestion(db, 'run1', 1, { ticks: [false, false, false], rating: Rating.Again, now: NOW }, ctx);
    expect(run).toMatchObject({ step: 'summary', current: 2 });
    expect(await db.reviews.count()).toBe(2);
  });
});

describe('recordings and the end of a run', () => {
  const audio = (id: string) => ({
    id,
    blob: new Blob(['fake opus'], { type: 'audio/webm' }),
    mime: 'audio/webm',
    durationMs: 4000,
  });

  async function spokenRun(): Promise<void> {
    await start(setup({ count: 1, mode: 'spoken' }));
    await finishAnswer(db, 'run1', 0, { text: '', usedMs: 4000, recording: audio('rec1') });
    await skipReview(db, 'run1', 0);
  }

  it('keeps a recording with its answer, in one step', async () => {
    await spokenRun();
    const rec = await db.recordings.get('rec1');
    expect(rec).toMatchObject({ runId: 'run1', mime: 'audio/webm', durationMs: 4000 });
    expect((await runningInterview(db))?.questions[0]?.recordingId).toBe('rec1');
  });

  it('finishing deletes the recordings unless kept, and the run then counts in the history', async () => {
    await spokenRun();
    await finishInterview(db, 'run1', false, NOW + 5000);
    expect(await db.recordings.count()).toBe(0);
    const [done] = await interviewHistory(db);
    expect(done).toMatchObject({ id: 'run1', status: 'done', finishedAt: NOW + 5000 });
    expect(done?.questions[0]?.recordingId).toBeUndefined();
    expect(await runningInterview(db)).toBeUndefined();
  });

  it('finishing with "keep" keeps them', async () => {
    await spokenRun();
    await finishInterview(db, 'run1', true, NOW + 5000);
    expect(await db.recordings.count()).toBe(1);
  });

  it('discarding a run deletes it with its recordings; the grades given stay as reviews', async () => {
    await start(setup({ count: 2, mode: 'spoken' }));
    await finishAnswer(db, 'run1', 0, { text: '', usedMs: 4000, recording: audio('rec1') });
    await gradeQuestion(db, 'run1', 0, { ticks: [true, true, true], rating: Rating.Good, now: NOW }, makeCtx());
    await deleteInterview(db, 'run1');
    expect(await db.interviews.count()).toBe(0);
    expect(await db.recordings.count()).toBe(0);
    expect(await db.reviews.count()).toBe(1);
    expect(await card(cardId('e-x0', 0))).toBeDefined();
  });
});
