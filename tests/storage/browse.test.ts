import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBundle } from '../../src/domain/deck-format/bundle';
import { parseDeck } from '../../src/domain/deck-format/parse';
import { Queue, Rating, State } from '../../src/domain/scheduling/scheduler';
import { startOfStudyDay, studyDay } from '../../src/domain/scheduling/time';
import { matchCard, parseQuery, type Query, searchContext } from '../../src/domain/search/search';
import { applyBrowseAction, editUndo, loadBrowseCard, undoBrowseAction } from '../../src/storage/browse-actions';
import { type BrowseCursor, type BrowsePage, type BrowseRow, countMatches, searchCards } from '../../src/storage/browse-search';
import { applyCardAction } from '../../src/storage/card-actions';
import type { AppDatabase, CardRow, DeckRow, NoteRow } from '../../src/storage/db';
import { saveAnswer } from '../../src/storage/study';
import { writeDecks } from '../../src/storage/write-decks';
import { CLOCK, freshDb, makeCtx, snapshot, utc, trustedDecks, html } from './helpers';

const NOW = utc(2026, 4, 2, 8);
const ctx = searchContext(NOW, CLOCK);
const TODAY = studyDay(NOW, CLOCK);

let db: AppDatabase;
beforeEach(() => {
  db = freshDb('browse');
});
afterEach(() => db.close());

function q(text: string): Query {
  const r = parseQuery(text);
  if (!r.ok) throw new Error(r.message);
  return r.query;
}

const DECK_A = `---
format: 1
id: alpha
name: Alpha deck
tags: alpha
---

## basic a-one
tags: seed:mistake/one-run-as-evidence

Front: Why is one run not evidence?
Back: Seeds vary.

## reverse a-two
tags: shared

Front: Bootstrap
Back: Resampling with replacement

## cloze a-three

Text: The {{c1::median}} is robust; the {{c2::mean}} is not.
`;

const DECK_B = `---
format: 1
id: beta
name: Beta deck
---

## basic b-one
tags: shared seed:mistake/ignoring-variance

Front: What is variance?
Back: Spread around the mean.

## basic b-two

Front: Paired test?
Back: Same seeds, both methods.
`;

/** Two small decks: alpha (a-one, a-two ×2 cards, a-three ×2 cards), beta (b-one, b-two). */
async function seed(): Promise<void> {
  const decks = [parseDeck(DECK_A, 'alpha.md'), parseDeck(DECK_B, 'beta.md')];
  await writeDecks(db, trustedDecks(makeBundle(decks).decks), 'user');
}

async function allRows(query: Query, pageSize: number): Promise<BrowseRow[]> {
  const rows: BrowseRow[] = [];
  let cursor: BrowseCursor | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await searchCards(db, query, ctx, { cursor, limit: pageSize });
    rows.push(...page.rows);
    cursor = page.cursor;
    if (!cursor) return rows;
  }
  throw new Error('the pager did not end');
}

const ids = (rows: BrowseRow[]) => rows.map((r) => r.card.id).sort();

describe('searchCards on a small collection', () => {
  beforeEach(seed);

  it.each<[string, string[]]>([
    ['', ['a-one#0', 'a-three#1', 'a-three#2', 'a-two#0', 'a-two#1', 'b-one#0', 'b-two#0']],
    ['deck:alpha', ['a-one#0', 'a-three#1', 'a-three#2', 'a-two#0', 'a-two#1']],
    ['deck:"Beta deck"', ['b-one#0', 'b-two#0']],
    ['deck:*', ['a-one#0', 'a-three#1', 'a-three#2', 'a-two#0', 'a-two#1', 'b-one#0', 'b-two#0']],
    ['deck:gamma', []],
    ['tag:shared', ['a-two#0', 'a-two#1', 'b-one#0']],
    ['tag:seed:mistake', ['a-one#0', 'b-one#0']],
    ['tag:seed:mistake/one-run-as-evidence', ['a-one#0']],
    ['tag:seed:* tag:shared', ['b-one#0']],
    ['-tag:shared deck:alpha', ['a-one#0', 'a-three#1', 'a-three#2']],
    ['is:new', ['a-one#0', 'a-three#1', 'a-three#2', 'a-two#0', 'a-two#1', 'b-one#0', 'b-two#0']],
    ['is:review', []],
    ['mean', ['a-three#1', 'a-three#2', 'b-one#0']],
    ['"with replacement"', ['a-two#0', 'a-two#1']],
    ['-mean deck:beta', ['b-two#0']],
    ['"the […] is robust"', ['a-three#1']], // each card's own rendered side
    ['"the […] is not"', ['a-three#2']],
  ])('%j', async (text, expected) => {
    expect(ids(await allRows(q(text), 200))).toEqual(expected);
  });

  it('rows carry the plain-text front, the deck name and the tags', async () => {
    const { rows } = await searchCards(db, q('deck:alpha'), ctx);
    const cloze = rows.find((r) => r.card.id === 'a-three#1');
    expect(cloze).toMatchObject({ front: 'The […] is robust; the mean is not.', deckName: 'Alpha deck' });
    expect(rows.find((r) => r.card.id === 'a-one#0')?.tags).toEqual(['alpha', 'seed:mistake/one-run-as-evidence']);
  });

  it('pages with a cursor: same rows, no repeats, cursor null at the end', async () => {
    for (const text of ['', 'deck:*', 'tag:seed:* ', 'tag:shared', 'is:new', 'mean']) {
      const whole = await allRows(q(text), 200);
      for (const size of [1, 2, 3]) {
        const paged = await allRows(q(text), size);
        expect(paged.map((r) => r.card.id)).toEqual(whole.map((r) => r.card.id));
      }
    }
    const first = await searchCards(db, q(''), ctx, { limit: 7 });
    expect(first.rows).toHaveLength(7);
    const next = await searchCards(db, q(''), ctx, { limit: 7, cursor: first.cursor });
    expect(next.rows).toHaveLength(0);
    expect(next.cursor).toBeNull();
  });

  it('a note with two matching tags is listed once', async () => {
    expect(ids(await allRows(q('tag:s*'), 1))).toEqual(['a-one#0', 'a-two#0', 'a-two#1', 'b-one#0']);
  });

  it('finds learning, due and buried cards from their state', async () => {
    const answer = (cardId: string, rating: typeof Rating.Good | typeof Rating.Again, at: number, reps: number) =>
      saveAnswer(db, { cardId, rating, now: at, durationMs: 1, shownReps: reps }, makeCtx());
    const earlier = NOW - 10 * 86_400_000;
    await answer('a-one#0', Rating.Good, earlier, 0);
    await answer('a-one#0', Rating.Good, earlier + 600_000, 1); // review, due days later (before NOW)
    await answer('b-two#0', Rating.Again, NOW - 60_000, 0); // learning, due in a minute
    await db.cards.update('b-one#0', { buriedUntil: startOfStudyDay(TODAY + 1, CLOCK) });
    expect(ids(await allRows(q('is:review'), 200))).toEqual(['a-one#0']);
    expect(ids(await allRows(q('is:due'), 200))).toEqual(['a-one#0', 'b-two#0']);
    expect(ids(await allRows(q('is:learn'), 200))).toEqual(['b-two#0']);
    expect(ids(await allRows(q('is:buried'), 200))).toEqual(['b-one#0']);
    expect(ids(await allRows(q('prop:due<0'), 200))).toEqual(['a-one#0']);
    expect(ids(await allRows(q('prop:reps>=2'), 200))).toEqual(['a-one#0']);
    expect(ids(await allRows(q('is:new -is:buried'), 200))).toEqual(['a-three#1', 'a-three#2', 'a-two#0', 'a-two#1']);
  });

  it('retired notes and cards never appear', async () => {
    // Version 2 of alpha drops a-two and the c2 deletion of a-three.
    const v2 = DECK_A.replace(/## reverse a-two[\s\S]*?## cloze/, '## cloze').replace(
      ' the {{c2::mean}} is not.',
      ' the mean is not.',
    );
    await writeDecks(db, trustedDecks(makeBundle([parseDeck(v2, 'alpha.md')]).decks), 'user', { retireMissingNotes: true });
    expect((await db.cards.get('a-two#0'))?.queue).toBe(Queue.Retired);
    expect((await db.notes.get('a-two'))?.retired).toBe(true);
    for (const text of ['', 'deck:alpha', 'tag:shared', 'bootstrap', 'is:new']) {
      const found = ids(await allRows(q(text), 2));
      expect(found).not.toContain('a-two#0');
      expect(found).not.toContain('a-three#2');
    }
    expect(await loadBrowseCard(db, 'a-two#0')).toBeUndefined();
    expect(await countMatches(db, q(''), ctx)).toBe(4);
  });

  it('counts matches across pages', async () => {
    expect(await countMatches(db, q(''), ctx)).toBe(7);
    expect(await countMatches(db, q('deck:alpha -tag:shared'), ctx)).toBe(3);
    const stopped = new AbortController();
    stopped.abort();
    expect(await countMatches(db, q(''), ctx, stopped.signal)).toBeNull();
  });

  it('loads one card with its note and deck', async () => {
    const opened = await loadBrowseCard(db, 'a-two#1');
    expect(opened?.note.id).toBe('a-two');
    expect(opened?.deck?.name).toBe('Alpha deck');
    expect(await loadBrowseCard(db, 'nope#0')).toBeUndefined();
  });
});

// -----------------------------------------------------------------------------------------------
// A generated collection: every plan gives what a brute-force match over all rows gives.

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(notes: number, seedValue = 7): Promise<void> {
  const rand = rng(seedValue);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const decks: DeckRow[] = ['d0', 'd1', 'd2', 'stats'].map((id, order) => ({
    id,
    name: `Deck ${id}`,
    description: '',
    source: 'user',
    order,
  }));
  const noteRows: NoteRow[] = [];
  const cardRows: CardRow[] = [];
  const words = ['variance', 'seed', 'baseline', 'ablation', 'bootstrap', 'mean', 'median', 'leak'];
  const tagPool = ['a', 'a/b', 'a/c', 'b', 'seed:x', 'leech', 'Mixed'];
  for (let i = 0; i < notes; i++) {
    const id = `n${String(i).padStart(5, '0')}`;
    const deckId = pick(decks).id;
    const tags = [...new Set(Array.from({ length: Math.floor(rand() * 3) }, () => pick(tagPool)))];
    const text = `${pick(words)} ${pick(words)}`;
    const sides = 1 + Math.floor(rand() * 2);
    const retired = rand() < 0.05;
    noteRows.push({
      id,
      deckId,
      kind: sides === 2 ? 'reverse' : 'basic',
      tags,
      fields: { front: text, back: pick(words) },
      cards: Array.from({ length: sides }, (_, ord) => ({ ord, front: html(`<p>${text}</p>`), back: html('<p>back</p>') })),
      hash: id,
      ...(retired ? { retired: true } : {}),
    });
    for (let ord = 0; ord < sides; ord++) {
      const r = rand();
      // As sync leaves them: a retired note's cards are retired too.
      const queue = retired
        ? Queue.Retired
        : r < 0.4
          ? Queue.New
          : r < 0.55
            ? Queue.Learning
            : r < 0.85
              ? Queue.Review
              : r < 0.95
                ? Queue.Suspended
                : Queue.Retired;
      const state = queue === Queue.New ? State.New : queue === Queue.Learning ? State.Learning : State.Review;
      const due =
        queue === Queue.New
          ? i * 10 + ord
          : queue === Queue.Learning
            ? NOW + Math.floor((rand() - 0.5) * 86_400_000)
            : startOfStudyDay(TODAY + Math.floor(rand() * 20) - 5, CLOCK);
      cardRows.push({
        id: `${id}#${ord}`,
        noteId: id,
        deckId,
        ord,
        queue,
        due,
        stability: 1,
        difficulty: 5,
        elapsedDays: 0,
        scheduledDays: Math.floor(rand() * 30),
        learningSteps: 0,
        reps: Math.floor(rand() * 10),
        lapses: Math.floor(rand() * 4),
        state,
        lastReview: null,
        ...(rand() < 0.2 ? { flag: Math.floor(rand() * 4) } : {}),
        ...(rand() < 0.05 ? { buriedUntil: startOfStudyDay(TODAY + 1, CLOCK) } : {}),
      });
    }
  }
  await db.decks.bulkPut(decks);
  await db.notes.bulkPut(noteRows);
  await db.cards.bulkPut(cardRows);
}

async function bruteForce(query: Query): Promise<string[]> {
  const notes = new Map((await db.notes.toArray()).map((n) => [n.id, n]));
  const decks = new Map((await db.decks.toArray()).map((d) => [d.id, d]));
  return (await db.cards.toArray())
    .filter((card) => {
      const note = notes.get(card.noteId);
      return note !== undefined && matchCard(query, { card, note, deck: decks.get(card.deckId) }, ctx);
    })
    .map((c) => c.id)
    .sort();
}

describe('searchCards on a generated collection', () => {
  beforeEach(() => generate(500));

  it.each([
    '',
    'deck:stats',
    'deck:d*',
    'deck:d* -deck:d1',
    'tag:a',
    'tag:a/b',
    'tag:*',
    'tag:mixed',
    'tag:a deck:d0',
    'is:new',
    'is:learn',
    'is:review',
    'is:due',
    'is:suspended',
    'is:buried',
    'is:leech',
    '-is:new -is:review',
    'flag:2',
    'flag:0 is:review',
    'prop:lapses>2',
    'prop:due<0 deck:d2',
    'prop:ivl>=20 tag:b',
    'variance',
    '"seed baseline"',
    'mean -median',
    'is:due tag:a variance',
  ])('%j gives the brute-force result, a page of 45 at a time', async (text) => {
    const expected = await bruteForce(q(text));
    const found = await allRows(q(text), 45);
    expect(found.map((r) => r.card.id).sort()).toEqual(expected);
    expect(new Set(found.map((r) => r.card.id)).size).toBe(found.length);
    expect(await countMatches(db, q(text), ctx)).toBe(expected.length);
  });

  it('a page reads a bounded number of rows, whatever the collection size', async () => {
    let cardReads = 0;
    let noteReads = 0;
    db.cards.hook('reading', (row) => {
      cardReads++;
      return row;
    });
    db.notes.hook('reading', (row) => {
      noteReads++;
      return row;
    });
    const total = await db.cards.count();
    for (const text of ['deck:stats', 'tag:a/b', 'is:new', 'is:due', '']) {
      // The sixth page costs what the first does: the cursor is a key, not an offset.
      let cursor: BrowseCursor | null = null;
      for (let k = 0; k < 6; k++) {
        cardReads = 0;
        noteReads = 0;
        const page: BrowsePage = await searchCards(db, q(text), ctx, { limit: 10, cursor });
        // A tag range keeps a note's cards together, so a page can run one card over.
        expect(page.rows.length, text).toBeGreaterThanOrEqual(10);
        expect(page.rows.length, text).toBeLessThanOrEqual(11);
        expect(cardReads, text).toBeGreaterThan(0);
        expect(cardReads + noteReads, `${text} page ${k + 1}`).toBeLessThan(total / 8);
        cursor = page.cursor;
      }
    }
  });

  it('resumes inside a run of cards with the same index key (one due day) without repeats or gaps', async () => {
    const sameDay = startOfStudyDay(TODAY - 1, CLOCK);
    await db.cards
      .filter((c) => c.deckId === 'stats' && c.queue !== Queue.Retired)
      .modify({ queue: Queue.Review, state: State.Review, due: sameDay });
    for (const text of ['deck:stats', 'is:review', 'is:due deck:stats']) {
      const expected = await bruteForce(q(text));
      expect(expected.length).toBeGreaterThan(50);
      for (const size of [7, 50]) {
        const found = (await allRows(q(text), size)).map((r) => r.card.id);
        expect(new Set(found).size).toBe(found.length);
        expect(found.sort()).toEqual(expected);
      }
    }
  });

  it('a rare text match stops at the scan limit and resumes from the cursor', async () => {
    await db.notes.update('n00499', { fields: { front: 'needle', back: '' }, retired: undefined });
    await db.cards.where('noteId').equals('n00499').modify({ queue: Queue.New });
    const first = await searchCards(db, q('needle'), ctx, { limit: 5, scanLimit: 300 });
    expect(first.rows).toHaveLength(0);
    expect(first.scanned).toBeLessThan(700);
    expect(first.cursor).not.toBeNull();
    const rest = await allRows(q('needle'), 5);
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((r) => r.card.noteId === 'n00499')).toBe(true);
    expect(rest.length).toBe(await bruteForce(q('needle')).then((x) => x.length));
  });
});

// -----------------------------------------------------------------------------------------------
// Actions: one transaction each, undone exactly.

describe('actions on the selection', () => {
  beforeEach(async () => {
    await seed();
    // History that must survive every action: two answers on a-one, one on b-one.
    const ctxA = makeCtx();
    await saveAnswer(db, { cardId: 'a-one#0', rating: Rating.Good, now: NOW, durationMs: 1, shownReps: 0 }, ctxA);
    await saveAnswer(db, { cardId: 'a-one#0', rating: Rating.Good, now: NOW + 600_000, durationMs: 1, shownReps: 1 }, ctxA);
    await saveAnswer(db, { cardId: 'b-one#0', rating: Rating.Again, now: NOW, durationMs: 1, shownReps: 0 }, ctxA);
  });

  it('suspend suspends the selection; undo restores every row exactly', async () => {
    const before = await snapshot(db);
    const undo = await applyBrowseAction(db, ['a-one#0', 'b-two#0'], { kind: 'suspend' });
    expect(undo.changed).toBe(2);
    expect(undo.label).toBe('Suspend 2 cards');
    expect((await db.cards.get('a-one#0'))?.queue).toBe(Queue.Suspended);
    expect((await db.cards.get('b-two#0'))?.queue).toBe(Queue.Suspended);
    expect(ids(await allRows(q('is:suspended'), 200))).toEqual(['a-one#0', 'b-two#0']);
    await undoBrowseAction(db, undo);
    expect(await snapshot(db)).toEqual(before);
    expect(ids(await allRows(q('is:suspended'), 200))).toEqual([]);
  });

  it('suspend leaves already-suspended cards out of the undo', async () => {
    await applyBrowseAction(db, ['a-one#0'], { kind: 'suspend' });
    const undo = await applyBrowseAction(db, ['a-one#0', 'b-two#0'], { kind: 'suspend' });
    expect(undo.cards.map((c) => c.id)).toEqual(['b-two#0']);
  });

  it('unsuspend returns each card to the queue its state implies; undo re-suspends', async () => {
    const learning = (await db.cards.get('b-one#0'))?.queue;
    const review = (await db.cards.get('a-one#0'))?.queue;
    await applyBrowseAction(db, ['a-one#0', 'b-one#0', 'b-two#0'], { kind: 'suspend' });
    const suspended = await snapshot(db);
    const undo = await applyBrowseAction(db, ['a-one#0', 'b-one#0', 'b-two#0', 'a-two#0'], { kind: 'unsuspend' });
    expect(undo.changed).toBe(3); // a-two#0 was not suspended
    expect((await db.cards.get('a-one#0'))?.queue).toBe(review);
    expect((await db.cards.get('b-one#0'))?.queue).toBe(learning);
    expect((await db.cards.get('b-two#0'))?.queue).toBe(Queue.New);
    await undoBrowseAction(db, undo);
    expect(await snapshot(db)).toEqual(suspended);
  });

  it('flag sets one colour on every selected card, flag 0 removes it; undo restores', async () => {
    const before = await snapshot(db);
    const undo = await applyBrowseAction(db, ['a-one#0', 'a-two#1'], { kind: 'flag', flag: 3 });
    expect((await db.cards.get('a-one#0'))?.flag).toBe(3);
    expect(ids(await allRows(q('flag:3'), 200))).toEqual(['a-one#0', 'a-two#1']);
    const cleared = await applyBrowseAction(db, ['a-one#0'], { kind: 'flag', flag: 0 });
    expect((await db.cards.get('a-one#0'))?.flag).toBeUndefined();
    await undoBrowseAction(db, cleared);
    await undoBrowseAction(db, undo);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses a flag outside 0–7 and writes nothing', async () => {
    const before = await snapshot(db);
    await expect(applyBrowseAction(db, ['a-one#0'], { kind: 'flag', flag: 8 })).rejects.toThrow('flag must be 0–7');
    expect(await snapshot(db)).toEqual(before);
  });

  it('move takes whole notes (every card) to the deck; undo moves them back', async () => {
    const before = await snapshot(db);
    const undo = await applyBrowseAction(db, ['a-two#0', 'a-one#0'], { kind: 'move', deckId: 'beta' });
    expect(undo.changed).toBe(3); // a-two has two cards
    expect(undo.label).toBe('Move 3 cards to Beta deck');
    expect((await db.notes.get('a-two'))?.deckId).toBe('beta');
    expect((await db.cards.get('a-two#1'))?.deckId).toBe('beta');
    expect(ids(await allRows(q('deck:beta'), 200))).toEqual(['a-one#0', 'a-two#0', 'a-two#1', 'b-one#0', 'b-two#0']);
    expect(await db.reviews.count()).toBe(3);
    await undoBrowseAction(db, undo);
    expect(await snapshot(db)).toEqual(before);
  });

  it('move to a deck that does not exist throws and writes nothing', async () => {
    const before = await snapshot(db);
    await expect(applyBrowseAction(db, ['a-one#0'], { kind: 'move', deckId: 'nowhere' })).rejects.toThrow('does not exist');
    expect(await snapshot(db)).toEqual(before);
  });

  it('delete removes the notes and all their cards, keeps the reviews; undo restores both', async () => {
    const before = await snapshot(db);
    const undo = await applyBrowseAction(db, ['a-two#1', 'a-one#0'], { kind: 'delete' });
    expect(undo.label).toBe('Delete 2 notes');
    expect(undo.changed).toBe(3);
    expect(await db.notes.get('a-two')).toBeUndefined();
    expect(await db.cards.get('a-two#0')).toBeUndefined(); // the sibling goes too
    expect(await db.cards.get('a-one#0')).toBeUndefined();
    expect(await db.reviews.count()).toBe(3); // history is kept
    expect(ids(await allRows(q(''), 200))).toEqual(['a-three#1', 'a-three#2', 'b-one#0', 'b-two#0']);
    await undoBrowseAction(db, undo);
    expect(await snapshot(db)).toEqual(before);
  });

  it('an edit through applyCardAction joins the same undo stack', async () => {
    const before = await snapshot(db);
    const note = await db.notes.get('b-two');
    if (!note) throw new Error('no note');
    const edited: NoteRow = {
      ...note,
      fields: { front: 'Edited?', back: 'Yes.' },
      cards: [{ ord: 0, front: html('<p>Edited?</p>'), back: html('<p>Yes.</p>') }],
    };
    const undo = editUndo(await applyCardAction(db, 'b-two#0', { kind: 'edit', note: edited }, NOW, CLOCK));
    expect(ids(await allRows(q('edited'), 200))).toEqual(['b-two#0']);
    await undoBrowseAction(db, undo);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a stack of actions undone newest first gives back the starting collection', async () => {
    const before = await snapshot(db);
    const stack = [
      await applyBrowseAction(db, ['a-one#0', 'b-one#0'], { kind: 'suspend' }),
      await applyBrowseAction(db, ['a-one#0'], { kind: 'flag', flag: 1 }),
      await applyBrowseAction(db, ['a-one#0', 'a-three#1'], { kind: 'move', deckId: 'beta' }),
      await applyBrowseAction(db, ['a-three#2', 'b-two#0'], { kind: 'delete' }),
    ];
    expect(await db.cards.count()).toBe(4);
    for (const undo of stack.reverse()) await undoBrowseAction(db, undo);
    expect(await snapshot(db)).toEqual(before);
  });

  it('ignores ids that are gone or retired', async () => {
    await db.cards.update('b-two#0', { queue: Queue.Retired });
    const undo = await applyBrowseAction(db, ['nope#0', 'b-two#0'], { kind: 'suspend' });
    expect(undo.changed).toBe(0);
    expect((await db.cards.get('b-two#0'))?.queue).toBe(Queue.Retired);
  });
});
