import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { makeBundle } from '../../src/domain/deck-format/bundle';
import { parseDeck } from '../../src/domain/deck-format/parse';
import { Queue, Rating, State } from '../../src/domain/scheduling/scheduler';
import { makeScheduler } from '../../src/domain/scheduling/engine';
import { DEFAULT_SETTINGS } from '../../src/domain/scheduling/settings';
import { fixedZone, startOfNextStudyDay } from '../../src/domain/scheduling/time';
import { applyCardAction, type CardAction, undoCardAction } from '../../src/storage/card-actions';
import { type AppDatabase, openDatabase } from '../../src/storage/db';
import { loadQueue, saveAnswer } from '../../src/storage/study';
import { writeDecks } from '../../src/storage/write-decks';
import { trustedDecks } from './helpers';

const NOW = Date.UTC(2026, 3, 2, 8, 0);
const clock = { zone: fixedZone(60), rolloverHour: 4 };
const settings = { ...DEFAULT_SETTINGS };
const ctx = { scheduler: makeScheduler(settings), settings, clock };
let n = 0;

async function setup(): Promise<{ db: AppDatabase; id: string }> {
  const db = openDatabase(`actions-${++n}-${Math.random()}`);
  const deck = parseDeck(
    '---\nformat: 1\nid: d\nname: D\n---\n\n## basic a\nFront: A?\nBack: a\n\n## basic b\nFront: B?\nBack: b\n',
    'd.md',
  );
  await writeDecks(db, trustedDecks(makeBundle([deck]).decks), 'user');
  // Give card a#0 a review schedule: Good twice takes it to the review state.
  await saveAnswer(db, { cardId: 'a#0', rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 0 }, ctx);
  await saveAnswer(db, { cardId: 'a#0', rating: Rating.Good, now: NOW + 600_000, durationMs: 1, shownReps: 1 }, ctx);
  return { db, id: 'a#0' };
}

describe('card actions', () => {
  it.each<[string, CardAction, (row: Record<string, unknown>) => boolean]>([
    ['suspend', { kind: 'suspend' }, (r) => r.queue === Queue.Suspended],
    ['bury', { kind: 'bury' }, (r) => r.buriedUntil === startOfNextStudyDay(NOW, clock)],
    ['flag', { kind: 'flag', flag: 3 }, (r) => r.flag === 3],
    ['forget', { kind: 'forget' }, (r) => r.state === State.New && r.queue === Queue.New && r.reps === 0 && r.stability === 0],
  ])('%s changes the card and undo restores it exactly', async (_name, action, changed) => {
    const { db, id } = await setup();
    const before = await db.cards.get(id);
    expect(before?.state).toBe(State.Review);
    const undo = await applyCardAction(db, id, action, NOW, clock);
    const after = await db.cards.get(id);
    expect(changed(after as unknown as Record<string, unknown>)).toBe(true);
    expect(await db.reviews.count()).toBe(2); // history is never touched by an action
    await undoCardAction(db, undo);
    expect(await db.cards.get(id)).toEqual(before);
  });

  it('unsuspends to the queue the card had', async () => {
    const { db, id } = await setup();
    await applyCardAction(db, id, { kind: 'suspend' }, NOW, clock);
    await applyCardAction(db, id, { kind: 'suspend' }, NOW, clock);
    expect((await db.cards.get(id))?.queue).toBe(Queue.Review);
  });

  it('a buried card is out of today and back tomorrow without any write', async () => {
    const { db } = await setup();
    await applyCardAction(db, 'b#0', { kind: 'bury' }, NOW, clock);
    const today = await loadQueue(db, ['d'], settings, NOW + 1000, clock);
    expect(today.main.map((c) => c.id)).not.toContain('b#0');
    const tomorrow = await loadQueue(db, ['d'], settings, startOfNextStudyDay(NOW, clock) + 1000, clock);
    expect(tomorrow.main.map((c) => c.id)).toContain('b#0');
  });

  it('refuses a flag outside 0–7 and writes nothing', async () => {
    const { db, id } = await setup();
    const before = await db.cards.get(id);
    await expect(applyCardAction(db, id, { kind: 'flag', flag: 9 }, NOW, clock)).rejects.toThrow('flag must be 0–7');
    expect(await db.cards.get(id)).toEqual(before);
  });
});
