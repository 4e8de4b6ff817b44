/** Browse's logic outside React (src/ui/browse/*-session.ts) against a real (fake-indexeddb) database. */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Queue } from '../../src/domain/scheduling/scheduler';
import { parseQuery, type Query } from '../../src/domain/search/search';
import { PAGE_SIZE } from '../../src/storage/browse-search';
import type { AppDatabase } from '../../src/storage/db';
import { writeDecks } from '../../src/storage/write-decks';
import { BrowseActions } from '../../src/ui/browse/actions-session';
import { BrowseSearch } from '../../src/ui/browse/search-session';
import { basicDeck, CLOCK, freshDb, utc } from './helpers';

const NOW = utc(2026, 3, 10, 12);
const q = (text: string): Query => {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};

let db: AppDatabase;
let search: BrowseSearch;
let actions: BrowseActions;
beforeEach(async () => {
  db = freshDb('browse-session');
  await writeDecks(db, [basicDeck('big', PAGE_SIZE + 50), basicDeck('small', 5)], 'user');
  search = new BrowseSearch({ db, now: () => NOW, clock: CLOCK, onRows: (present) => actions.keepOnly(present) });
  actions = new BrowseActions({
    db,
    now: () => NOW,
    clock: CLOCK,
    refresh: () => search.refresh(),
    fail: (m) => search.fail(m),
  });
});
afterEach(() => {
  search.dispose();
  db.close();
});

describe('BrowseSearch', () => {
  it('shows the first page, counts the rest, and loads the next page on demand', async () => {
    const seen: number[] = [];
    search.subscribe(() => seen.push(search.getSnapshot().rows.length));
    await search.search(q('deck:big'));
    const first = search.getSnapshot();
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.loading).toBe(false);
    expect(first.cursor).not.toBeNull();
    await expect.poll(() => search.getSnapshot().total).toBe(PAGE_SIZE + 50);
    await search.loadMore();
    expect(search.getSnapshot().rows).toHaveLength(PAGE_SIZE + 50);
    expect(search.getSnapshot().cursor).toBeNull();
    expect(seen.length).toBeGreaterThan(2);
  });

  it('a newer search wins over an older one still running', async () => {
    const older = search.search(q('deck:big'));
    const newer = search.search(q('deck:small'));
    await Promise.all([older, newer]);
    const s = search.getSnapshot();
    expect(s.query?.source).toBe('deck:small');
    expect(s.rows.map((r) => r.card.deckId)).toEqual(Array(5).fill('small'));
    expect(s.total).toBe(5);
  });

  it('refresh keeps as many rows as were loaded, and a storage failure becomes words', async () => {
    await search.search(q('deck:big'));
    await search.loadMore();
    await search.refresh();
    expect(search.getSnapshot().rows).toHaveLength(PAGE_SIZE + 50);
    db.close();
    await search.search(q('deck:small'));
    expect(search.getSnapshot().failure).toMatch(/\S/);
    expect(search.getSnapshot().loading).toBe(false);
  });
});

describe('BrowseActions', () => {
  it('acts on the selection in one step, and Undo puts every card back', async () => {
    await search.search(q('deck:small'));
    const ids = search.getSnapshot().rows.map((r) => r.card.id);
    actions.select(ids.slice(0, 3));
    await actions.act([...actions.getSnapshot().selected], { kind: 'suspend' });
    expect((await db.cards.bulkGet(ids)).map((c) => c?.queue)).toEqual([
      Queue.Suspended,
      Queue.Suspended,
      Queue.Suspended,
      Queue.New,
      Queue.New,
    ]);
    expect(actions.getSnapshot().notice).toMatch(/Undo is available/);
    expect(actions.getSnapshot().undoStack).toHaveLength(1);
    await actions.undo();
    expect((await db.cards.bulkGet(ids)).every((c) => c?.queue === Queue.New)).toBe(true);
    expect(actions.getSnapshot().undoStack).toHaveLength(0);
    expect(actions.getSnapshot().notice).toMatch(/^Undone: /);
  });

  it('says when there is nothing to change, and a delete empties the selection and closes the deleted card', async () => {
    await search.search(q('deck:small'));
    const ids = search.getSnapshot().rows.map((r) => r.card.id);
    await actions.act(ids.slice(0, 1), { kind: 'unsuspend' });
    expect(actions.getSnapshot().notice).toBe('Nothing to change.');
    actions.select(ids.slice(0, 2));
    actions.open(ids[0] ?? null);
    await actions.act(ids.slice(0, 2), { kind: 'delete' });
    expect(actions.getSnapshot().selected.size).toBe(0);
    expect(actions.getSnapshot().openId).toBeNull();
    expect(search.getSnapshot().rows).toHaveLength(3);
  });

  it('a new search drops selected cards it no longer shows', async () => {
    await search.search(q('deck:small'));
    const ids = search.getSnapshot().rows.map((r) => r.card.id);
    actions.select(ids);
    actions.toggle(ids[0] ?? '', false);
    expect(actions.getSnapshot().selected.size).toBe(4);
    await search.search(q(`deck:small -"${'x'.repeat(3)}"`));
    expect(actions.getSnapshot().selected.size).toBe(4);
    await search.search(q('deck:big'));
    expect(actions.getSnapshot().selected.size).toBe(0);
  });
});
