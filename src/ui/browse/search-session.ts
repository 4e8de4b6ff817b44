/**
 * Browse's search, outside React: results a page at a time (storage never loads the collection),
 * the next page on demand, the total counted in the background, and a newer search stopping an
 * older one between storage steps. useBrowseSearch puts it on screen.
 */
import type { DayClock } from '../../domain/scheduling/time';
import type { Query, SearchContext } from '../../domain/search/search';
import { searchContext } from '../../domain/search/search';
import { type BrowseCursor, type BrowseRow, countMatches, PAGE_SIZE, searchCards } from '../../storage/browse-search';
import type { AppDatabase } from '../../storage/db';
import { describeStorageError } from '../../storage/errors';
import { Store } from '../store';

/** After an action the loaded rows are read again, up to this many. */
const MAX_RELOAD = 5000;
/** Cards examined per storage call while searching. */
export const SCAN_STEP = 5000;

export interface SearchSnapshot {
  /** The query these rows answer (null before the first search). */
  query: Query | null;
  rows: BrowseRow[];
  cursor: BrowseCursor | null;
  /** All matches, once counted. */
  total: number | undefined;
  loading: boolean;
  /** Cards examined so far by the running search. */
  checked: number;
  /** The moment and study day the rows were judged against (due, buried). */
  context: SearchContext | null;
  failure: string | null;
}

const EMPTY: SearchSnapshot = {
  query: null,
  rows: [],
  cursor: null,
  total: undefined,
  loading: false,
  checked: 0,
  context: null,
  failure: null,
};

/** A storage failure in one line: what happened and what to do. */
export function errorText(error: unknown): string {
  const problem = describeStorageError(error);
  return `${problem.title}. ${problem.detail}`;
}

export interface SearchDeps {
  db: AppDatabase;
  now: () => number;
  clock: DayClock;
  /** Told the card ids a finished search shows (so a selection can drop the others). */
  onRows?: (present: ReadonlySet<string>) => void;
}

export class BrowseSearch extends Store<SearchSnapshot> {
  private run = 0;
  private busy = 0;
  private counting: AbortController | null = null;

  constructor(private readonly deps: SearchDeps) {
    super(EMPTY);
  }

  /** Searches from the start; `keep` rows at least (a refresh keeps what was loaded). */
  async search(query: Query, keep = 0): Promise<void> {
    const { db, now, clock, onRows } = this.deps;
    const id = ++this.run;
    this.busy = id;
    this.counting?.abort();
    const ctx = searchContext(now(), clock);
    const want = Math.min(MAX_RELOAD, Math.max(PAGE_SIZE, keep));
    this.update({ loading: true, checked: 0, context: ctx });
    try {
      // A few thousand cards per step: a sparse query shows its progress and its first rows
      // as they are found, and a newer search stops this one between steps.
      let rows: BrowseRow[] = [];
      let cursor: BrowseCursor | null = null;
      let checked = 0;
      do {
        const page = await searchCards(db, query, ctx, { cursor, limit: want - rows.length, scanLimit: SCAN_STEP });
        if (id !== this.run) return;
        rows = rows.concat(page.rows);
        cursor = page.cursor;
        checked += page.scanned;
        // A fresh search shows what it has so far; a refresh keeps the old rows until done.
        if (cursor && rows.length < want && keep === 0) this.update({ query, rows, cursor, total: undefined, checked });
      } while (cursor && rows.length < want);
      this.update({ query, rows, cursor, total: cursor ? undefined : rows.length, loading: false, checked, failure: null });
      onRows?.(new Set(rows.map((r) => r.card.id)));
      if (cursor) {
        const abort = new AbortController();
        this.counting = abort;
        countMatches(db, query, ctx, abort.signal).then(
          (n) => n !== null && id === this.run && this.update({ total: n }),
          () => undefined,
        );
      }
    } catch (error) {
      if (id === this.run) this.update({ failure: errorText(error), loading: false });
    } finally {
      if (this.busy === id) this.busy = 0;
    }
  }

  /** The next page of the current search, unless one is loading already. */
  async loadMore(): Promise<void> {
    const { cursor, query, context } = this.getSnapshot();
    if (!cursor || !query || !context || this.busy !== 0) return;
    const id = this.run;
    this.busy = id;
    try {
      const page = await searchCards(this.deps.db, query, context, { cursor, scanLimit: SCAN_STEP });
      if (id !== this.run) return;
      this.update((s) => ({ rows: [...s.rows, ...page.rows], cursor: page.cursor }));
    } catch (error) {
      if (id === this.run) this.update({ failure: errorText(error) });
    } finally {
      if (this.busy === id) this.busy = 0;
    }
  }

  /** Reads the loaded rows again (after an action changed them). */
  async refresh(): Promise<void> {
    const { query, rows } = this.getSnapshot();
    if (query) await this.search(query, rows.length);
  }

  fail(message: string | null): void {
    this.update({ failure: message });
  }

  /** Stops the background count (the screen is gone). */
  dispose(): void {
    this.counting?.abort();
    this.run++;
  }
}
