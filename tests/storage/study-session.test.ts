/**
 * The study session (src/ui/study/session.ts) against a real Dexie database on fake-indexeddb:
 * what it shows, what it stores, and in which order, without React.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cardId } from '../../src/domain/deck-format/model';
import { Queue, Rating } from '../../src/domain/scheduling/scheduler';
import type { AppDatabase, CardRow } from '../../src/storage/db';
import { loadStudyConfig } from '../../src/storage/presets';
import { writeDecks } from '../../src/storage/write-decks';
import { type BootCard, createStudySession, type SessionSnapshot, type StudySessionStore } from '../../src/ui/study/session';
import { basicDeck, CLOCK, freshDb, utc } from './helpers';

const NOW = utc(2026, 3, 10, 12);
const card = (k: number) => cardId(`d-${k}`, 0);

let db: AppDatabase;
let time: number;
let stops: (() => void)[];
let reads: { mock: { results: { value: unknown }[] } }[];

beforeEach(() => {
  db = freshDb('session');
  time = NOW;
  stops = [];
});
afterEach(() => {
  for (const stop of stops) stop();
  vi.restoreAllMocks();
  db.close();
});

/** A running session over deck `d` of `count` new cards (shown in order d-0, d-1, …). */
async function startSession(count: number, boot?: BootCard): Promise<StudySessionStore> {
  await writeDecks(db, [basicDeck('d', count)], 'user');
  reads = [vi.spyOn(db.cards, 'get'), vi.spyOn(db.notes, 'get')];
  const session = createStudySession({
    db,
    now: () => time,
    scope: ['d'],
    config: await loadStudyConfig(db),
    clock: CLOCK,
    boot: () => boot,
    onFirstSave: () => undefined,
  });
  // Listening starts the session.
  stops.push(session.subscribe(() => undefined));
  await until(session, (s) => s.state.status !== 'loading' && s.schedulerFor !== undefined);
  return session;
}

/** Waits for every card and note read so far (the card read ahead included), then one task more. */
async function readsDone(): Promise<void> {
  await Promise.all(reads.flatMap((spy) => spy.mock.results.map((r) => r.value)));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves with the first snapshot that passes `test`. */
function until(session: StudySessionStore, test: (s: SessionSnapshot) => boolean): Promise<SessionSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const snapshot = session.getSnapshot();
      if (!test(snapshot)) return;
      stop();
      resolve(snapshot);
    };
    const stop = session.subscribe(check);
    check();
  });
}

function shownCard(session: StudySessionStore): CardRow {
  const { state } = session.getSnapshot();
  if (state.status !== 'card') throw new Error(`no card on screen (${state.status})`);
  return state.shown.card;
}

async function stored(id: string): Promise<CardRow | undefined> {
  return db.cards.get(id);
}

/** Waits until `count` answers are stored. */
async function reviewsStored(count: number): Promise<void> {
  await vi.waitFor(async () => expect(await db.reviews.count()).toBe(count));
}

describe('study session', () => {
  it('shows the first card of the queue and its note', async () => {
    const session = await startSession(3);
    const { state, queue, undoLabel, error } = session.getSnapshot();
    expect(state.status === 'card' && state.shown.note.id).toBe('d-0');
    expect(shownCard(session).id).toBe(card(0));
    expect(queue?.main.map((c) => c.id)).toEqual([card(0), card(1), card(2)]);
    expect(undoLabel).toBeNull();
    expect(error).toBeNull();
  });

  it('pins the card the boot script painted and keeps the time it was shown', async () => {
    const session = await startSession(3, { cardId: card(2), reps: 0, shownAt: NOW - 5000 });
    const { state } = session.getSnapshot();
    expect(
      state.status === 'card' && { id: state.shown.card.id, resumed: state.shown.resumed, shownAt: state.shown.shownAt },
    ).toEqual({ id: card(2), resumed: true, shownAt: NOW - 5000 });
  });

  it('shows the next card at once and stores the answer in one transaction, as computed on screen', async () => {
    const session = await startSession(3);
    const spy = vi.spyOn(db, 'transaction');
    time = NOW + 4000;
    await readsDone();
    const answered = session.answer(Rating.Good);
    // The next card (read while this one was up) is on screen before anything is awaited; the
    // save runs behind it.
    expect(shownCard(session).id).toBe(card(1));
    expect(await db.reviews.count()).toBe(0);
    await answered;
    expect(session.getSnapshot().undoLabel).toBe('Good');
    await reviewsStored(1);
    expect(spy.mock.calls.filter(([mode]) => mode === 'rw')).toHaveLength(1);
    const [review] = await db.reviews.toArray();
    expect(review).toMatchObject({ cardId: card(0), rating: Rating.Good, review: NOW + 4000, durationMs: 4000 });
    expect((await stored(card(0)))?.reps).toBe(1);
  });

  it('keeps the same snapshot when nothing on screen changes (a save landing)', async () => {
    const session = await startSession(3);
    await readsDone();
    await session.answer(Rating.Good);
    const before = session.getSnapshot();
    expect(shownCard(session).id).toBe(card(1));
    await reviewsStored(1);
    await readsDone();
    expect(session.getSnapshot()).toBe(before);
  });

  it('saves two answers to the same card in the order given, the stored state being the one shown', async () => {
    const session = await startSession(1);
    await session.answer(Rating.Again);
    // Again: the card comes back within the learn-ahead window, from the state computed on screen.
    const again = shownCard(session);
    expect(again.id).toBe(card(0));
    expect(again.reps).toBe(1);
    expect(again.queue).toBe(Queue.Learning);
    time += 1000;
    await session.answer(Rating.Good);
    await reviewsStored(2);
    const reviews = await db.reviews.orderBy('id').toArray();
    expect(reviews.map((r) => r.rating)).toEqual([Rating.Again, Rating.Good]);
    expect(reviews[1]?.before).toMatchObject({ reps: 1, queue: Queue.Learning });
    expect((await stored(card(0)))?.reps).toBe(2);
    expect(session.getSnapshot().error).toBeNull();
  });

  it('undo takes the answer back: the card is shown again and its stored state restored', async () => {
    const session = await startSession(3);
    const original = await stored(card(0));
    await session.answer(Rating.Easy);
    await session.undo();
    expect(shownCard(session).id).toBe(card(0));
    expect(await stored(card(0))).toEqual(original);
    expect(await db.reviews.count()).toBe(0);
    expect(session.getSnapshot()).toMatchObject({ undoLabel: null, error: null });
  });

  it('undo shows the restored card first, wherever it stands in the queue', async () => {
    // The boot card comes first, out of queue order: after its answer is undone it is first again.
    const session = await startSession(3, { cardId: card(2), reps: 0, shownAt: NOW });
    expect(shownCard(session).id).toBe(card(2));
    await session.answer(Rating.Easy);
    expect(shownCard(session).id).toBe(card(0));
    await session.undo();
    expect(shownCard(session).id).toBe(card(2));
  });

  it('undo walks back through several answers, newest first', async () => {
    const session = await startSession(3);
    await session.answer(Rating.Good);
    await session.answer(Rating.Hard);
    expect(session.getSnapshot().undoLabel).toBe('Hard');
    await session.undo();
    expect(shownCard(session).id).toBe(card(1));
    expect(session.getSnapshot().undoLabel).toBe('Good');
    await session.undo();
    expect(shownCard(session).id).toBe(card(0));
    expect(await db.reviews.count()).toBe(0);
  });

  it('a save that fails puts its card back on screen with the grade and the reason', async () => {
    const session = await startSession(3);
    // Another tab answers the card after it was shown here: this save is refused.
    await db.cards.update(card(0), { reps: 7 });
    await session.answer(Rating.Good);
    const { error, undoLabel } = await until(session, (s) => s.error !== null);
    expect(error).toBe(
      'Your “Good” was not saved: the card had changed elsewhere (another tab?) after it was shown. The card is shown again.',
    );
    expect(undoLabel).toBeNull();
    expect(shownCard(session)).toMatchObject({ id: card(0), reps: 7 });
    expect(await db.reviews.count()).toBe(0);
  });

  it('bury, suspend and flag, each undone', async () => {
    const session = await startSession(3);
    const original = await stored(card(0));

    await session.act({ kind: 'bury' });
    expect(shownCard(session).id).toBe(card(1));
    expect((await stored(card(0)))?.buriedUntil).toBe(utc(2026, 3, 11, 4));
    expect(session.getSnapshot().undoLabel).toBe('Bury');
    await session.undo();
    expect(shownCard(session).id).toBe(card(0));
    expect(await stored(card(0))).toEqual(original);

    await session.act({ kind: 'suspend' });
    expect(shownCard(session).id).toBe(card(1));
    expect((await stored(card(0)))?.queue).toBe(Queue.Suspended);
    await session.undo();
    expect(shownCard(session).id).toBe(card(0));
    expect(await stored(card(0))).toEqual(original);

    // A flag keeps the card on screen, with its flag.
    await session.act({ kind: 'flag', flag: 3 });
    expect(shownCard(session)).toMatchObject({ id: card(0), flag: 3 });
    await session.undo();
    expect(shownCard(session).id).toBe(card(0));
    expect(await stored(card(0))).toEqual(original);
    expect(session.getSnapshot().undoLabel).toBeNull();
  });

  it('ends in the done state, with the next due time, when the queue is empty', async () => {
    const session = await startSession(1);
    await session.answer(Rating.Easy);
    const { state, queue } = await until(session, (s) => s.state.status === 'done');
    const due = (await stored(card(0)))?.due;
    expect(due).toBeGreaterThan(NOW);
    expect(state).toEqual({ status: 'done', nextDue: due });
    expect(queue).toEqual({ learning: [], main: [] });
  });

  it('waits, rather than ending, while a learning card is not yet due', async () => {
    await writeDecks(db, [basicDeck('d', 1)], 'user');
    const config = await loadStudyConfig(db);
    const global = { ...config.global, learnAheadMinutes: 0 };
    const session = createStudySession({
      db,
      now: () => time,
      scope: ['d'],
      config: { global, forDeck: () => global },
      clock: CLOCK,
      boot: () => undefined,
      onFirstSave: () => undefined,
    });
    stops.push(session.subscribe(() => undefined));
    await until(session, (s) => s.state.status === 'card');
    await session.answer(Rating.Again);
    expect(session.getSnapshot().state).toEqual({ status: 'waiting', until: NOW + 60_000 });
  });

  it('survives a reload of the queue: the answered card stays answered and undo still works', async () => {
    const session = await startSession(3);
    await session.answer(Rating.Easy);
    await reviewsStored(1);
    expect(await session.reload()).toBe(false);
    expect(shownCard(session).id).toBe(card(1));
    expect(session.getSnapshot().queue?.main.map((c) => c.id)).toEqual([card(1), card(2)]);
    await session.undo();
    expect(shownCard(session).id).toBe(card(0));
    expect(await db.reviews.count()).toBe(0);
  });

  it('ignores a second grade given before the next card is shown', async () => {
    const session = await startSession(3);
    await Promise.all([session.answer(Rating.Good), session.answer(Rating.Good)]);
    await reviewsStored(1);
    expect(shownCard(session).id).toBe(card(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await db.reviews.count()).toBe(1);
  });
});
