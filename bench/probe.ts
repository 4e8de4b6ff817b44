/**
 * In-page measurements. Everything that is timed runs inside the page (performance.now(),
 * MutationObserver, requestAnimationFrame), so the CDP round trips of the runner never land in a
 * figure. The runner calls these through `window.__bench` (bench/browser.ts).
 *
 * Each measurement has a floor taken the same way in the same page: the least work that could
 * produce the same result (raw IndexedDB reads, one bare Dexie transaction, a one-line DOM update).
 */
import { candidateBudget } from '../src/domain/queue/queue';
import { Queue, State } from '../src/domain/scheduling/scheduler';
import {
  type DayClock,
  MINUTE,
  runtimeZone,
  startOfNextStudyDay,
  startOfStudyDay,
  studyDay,
} from '../src/domain/scheduling/time';
import { parseQuery, type Query, searchContext } from '../src/domain/search/search';
import { type BrowseCursor, type BrowseRow, countMatches, PAGE_SIZE, searchCards } from '../src/storage/browse-search';
import { type AppDatabase, DB_NAME, openDatabase, type ReviewRow } from '../src/storage/db';
import { loadSettings } from '../src/storage/settings-repo';
import { RETENTION_SAMPLE, STATS_DAYS } from '../src/storage/stats';
import { loadQueue } from '../src/storage/study';
import {
  browseIdle,
  browseParts,
  browseSearching,
  deckListRendered,
  frame,
  gradeButton,
  sessionOver,
  settingsRendered,
  statsRendered,
  showAnswerButton,
  whenDom,
} from './dom';
import type { AnswerSessionResult, BenchApi, BrowseFloor, BrowseTiming, QueueTiming, Screen } from './protocol';
import { prng, resetSince, seedCollection } from './seed';

let dexie: AppDatabase | undefined;
async function db(): Promise<AppDatabase> {
  if (!dexie) {
    dexie = openDatabase();
    await dexie.open();
  }
  return dexie;
}

let raw: Promise<IDBDatabase> | undefined;
/** A plain IndexedDB connection to the app's database, for the floors. */
function rawDb(): Promise<IDBDatabase> {
  raw ??= new Promise((resolve, reject) => {
    const open = indexedDB.open('recall-re');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  return raw;
}

/** Two frames and an idle period: whatever the last step started has finished. */
async function settle(): Promise<void> {
  await frame();
  await new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 100 }));
}

type GradeLabel = 'Again' | 'Hard' | 'Good' | 'Easy';
function pickGrade(rng: () => number): GradeLabel {
  const u = rng();
  if (u < 0.08) return 'Again';
  if (u < 0.15) return 'Hard';
  if (u < 0.95) return 'Good';
  return 'Easy';
}

async function answerSession({ answers, seed }: { answers: number; seed: number }): Promise<AnswerSessionResult> {
  const rng = prng(seed);
  await whenDom(() => showAnswerButton() ?? sessionOver(), 'the first card', 60_000);
  await settle();
  const times: number[] = [];
  const clicks: number[] = [];
  let ended: AnswerSessionResult['ended'] = 'complete';
  const start = performance.now();
  for (let i = 0; i < answers; i++) {
    const show = showAnswerButton();
    if (!show) {
      ended = 'done';
      break;
    }
    show.click();
    const label = pickGrade(rng);
    const grade = await whenDom(() => gradeButton(label), `the ${label} button`);
    await settle();
    const t0 = performance.now();
    clicks.push(t0);
    grade.click();
    const next = await whenDom(() => showAnswerButton() ?? (sessionOver() ? 'over' : null), 'the next card');
    const t1 = await frame();
    if (next === 'over') {
      ended = 'done';
      break;
    }
    times.push(t1 - t0);
  }
  const end = performance.now();
  const longTasks = (window.__benchLongTasks ?? []).filter((t) => t.start >= start && t.start < end);
  return { times, clicks, longTasks, ended, start, end };
}

const FLOOR_CARD = '__bench_floor__';

/** One bare read-write transaction of an answer's size (one put, one add), a one-line DOM update, the next frame. */
async function answerFloor({ iterations }: { iterations: number }): Promise<number[]> {
  const d = await db();
  const card = await d.cards.toCollection().first();
  const sample = await d.reviews.toCollection().first();
  if (!card || !sample) throw new Error('answerFloor needs a seeded collection');
  const { id: _id, ...shape } = sample;
  const line = document.body.appendChild(document.createElement('div'));
  line.setAttribute('aria-hidden', 'true');
  const times: number[] = [];
  try {
    for (let i = 0; i < iterations; i++) {
      await settle();
      const t0 = performance.now();
      await d.transaction('rw', [d.cards, d.reviews], async () => {
        await d.cards.put(card);
        await d.reviews.add({ ...shape, cardId: FLOOR_CARD, review: 1 } satisfies ReviewRow);
      });
      line.textContent = `floor ${i}`;
      times.push((await frame()) - t0);
    }
  } finally {
    line.remove();
    await d.reviews.where('cardId').equals(FLOOR_CARD).delete();
  }
  return times;
}

async function studyContext(): Promise<{
  decks: string[];
  budget: { reviews: number; newCards: number };
  clock: DayClock;
  learnAhead: number;
}> {
  const d = await db();
  const settings = await loadSettings(d);
  const decks = (await d.decks.toArray()).filter((x) => !x.retired).map((x) => x.id);
  const budget = candidateBudget(settings, { newDone: 0, reviewsDone: 0, notesSeen: new Set() });
  return {
    decks,
    budget,
    clock: { zone: runtimeZone, rolloverHour: settings.rolloverHour },
    learnAhead: settings.learnAheadMinutes,
  };
}

/** The app's own loadQueue (src/storage/study.ts) over every deck, as #/study/all calls it. */
async function loadQueueTimed(): Promise<QueueTiming> {
  const d = await db();
  const settings = await loadSettings(d);
  const scope = (await d.decks.toArray()).filter((x) => !x.retired).map((x) => x.id);
  const clock: DayClock = { zone: runtimeZone, rolloverHour: settings.rolloverHour };
  const t0 = performance.now();
  const queue = await loadQueue(d, scope, settings, Date.now(), clock);
  const ms = performance.now() - t0;
  return { ms, learning: queue.learning.length, main: queue.main.length };
}

type Range = { deck: string; queue: number; before: number; limit: number };

function dueRanges(ctx: Awaited<ReturnType<typeof studyContext>>): Range[] {
  const now = Date.now();
  const tomorrow = startOfNextStudyDay(now, ctx.clock);
  const out: Range[] = [];
  for (const deck of ctx.decks) {
    out.push({ deck, queue: Queue.Learning, before: Math.max(now + ctx.learnAhead * MINUTE, tomorrow), limit: 10_000 });
    out.push({ deck, queue: Queue.DayLearning, before: tomorrow, limit: ctx.budget.reviews });
    out.push({ deck, queue: Queue.Review, before: tomorrow, limit: ctx.budget.reviews });
    out.push({ deck, queue: Queue.New, before: Number.MAX_SAFE_INTEGER, limit: ctx.budget.newCards });
  }
  return out;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Floor for the queue build: one read-only transaction of raw index range scans for the due
 * cards (the same ranges and limits loadQueue reads), optionally followed by a DOM update and
 * the next frame (the floor for the on-screen timing).
 */
async function rawDueScan({ paint }: { paint: boolean }): Promise<number> {
  const ctx = await studyContext();
  const idb = await rawDb();
  const ranges = dueRanges(ctx);
  const line = paint ? document.body.appendChild(document.createElement('div')) : undefined;
  const t0 = performance.now();
  const index = idb.transaction('cards', 'readonly').objectStore('cards').index('[deckId+queue+due]');
  const found = await Promise.all(
    ranges.map((r) =>
      request(index.getAll(IDBKeyRange.bound([r.deck, r.queue, -Infinity], [r.deck, r.queue, r.before], false, true), r.limit)),
    ),
  );
  let ms = performance.now() - t0;
  if (line) {
    line.textContent = `${found.reduce((n, rows) => n + rows.length, 0)} due`;
    ms = (await frame()) - t0;
    line.remove();
  }
  return ms;
}

/** Floor for the deck list: per deck, a raw count of its cards and the due-card scans; a DOM update; the next frame. */
async function deckListFloor(): Promise<number> {
  const ctx = await studyContext();
  const idb = await rawDb();
  const ranges = dueRanges(ctx);
  const line = document.body.appendChild(document.createElement('div'));
  const t0 = performance.now();
  const index = idb.transaction('cards', 'readonly').objectStore('cards').index('[deckId+queue+due]');
  const [counts, found] = await Promise.all([
    Promise.all(ctx.decks.map((deck) => request(index.count(IDBKeyRange.bound([deck, -2, -Infinity], [deck, 99, Infinity]))))),
    Promise.all(
      ranges.map((r) =>
        request(index.getAll(IDBKeyRange.bound([r.deck, r.queue, -Infinity], [r.deck, r.queue, r.before], false, true), r.limit)),
      ),
    ),
  ]);
  line.textContent = `${counts.join(' ')} / ${found.length}`;
  const ms = (await frame()) - t0;
  line.remove();
  return ms;
}

/**
 * The Statistics screen's reads in raw IndexedDB: a count per deck and day over 30 days, the
 * newest answers day by day until RETENTION_SAMPLE of cards in review are in, and the
 * week's due counts; then a DOM update and a frame.
 */
async function statsFloor(): Promise<number> {
  const ctx = await studyContext();
  const idb = await rawDb();
  const now = Date.now();
  const today = studyDay(now, ctx.clock);
  const day = (d: number) => startOfStudyDay(d, ctx.clock);
  const line = document.body.appendChild(document.createElement('div'));
  const t0 = performance.now();
  const tx = idb.transaction(['reviews', 'cards'], 'readonly');
  const byDeck = tx.objectStore('reviews').index('[deckId+review]');
  const due = tx.objectStore('cards').index('[deckId+queue+due]');
  const window = (deck: string, d: number) => IDBKeyRange.bound([deck, day(d)], [deck, day(d + 1)], false, true);
  const counts = Promise.all(
    Array.from({ length: STATS_DAYS }, (_, i) =>
      Promise.all(ctx.decks.map((deck) => request(byDeck.count(window(deck, today - i))))),
    ),
  );
  const forecast = Promise.all(
    ctx.decks.flatMap((deck) =>
      [Queue.Learning, Queue.DayLearning, Queue.Review].map((queue) =>
        request(due.count(IDBKeyRange.bound([deck, queue, -Infinity], [deck, queue, day(today + 7)], false, true))),
      ),
    ),
  );
  let kept = 0;
  for (let d = today; d > today - STATS_DAYS && kept < RETENTION_SAMPLE; d--) {
    const rows = (await Promise.all(ctx.decks.map((deck) => request(byDeck.getAll(window(deck, d)))))) as ReviewRow[][];
    for (const list of rows) kept += list.filter((r) => r.before.state === State.Review).length;
  }
  line.textContent = `${(await counts).length} / ${(await forecast).length} / ${kept}`;
  const ms = (await frame()) - t0;
  line.remove();
  return ms;
}

const SCREENS: Record<Screen, () => HTMLElement | 'over' | boolean | null> = {
  card: () => showAnswerButton() ?? (sessionOver() ? 'over' : null),
  decks: deckListRendered,
  settings: settingsRendered,
  // The search box is up and the screen's own first search (empty query: all cards) is counted.
  browse: browseIdle,
  stats: statsRendered,
};

async function navigateTimed(hash: string, until: Screen): Promise<number> {
  await settle();
  const t0 = performance.now();
  location.hash = hash;
  const shown = await whenDom(SCREENS[until], `${until} after going to ${hash}`, 60_000, until === 'browse');
  if (shown === 'over') throw new Error(`${hash} shows no card: the queue is empty`);
  return (await frame()) - t0;
}

async function navigate(hash: string, until: Screen): Promise<void> {
  if (location.hash !== hash) location.hash = hash;
  // #/browse first searches and counts every card: a few seconds at 100,000.
  const timeout = until === 'browse' ? 120_000 : 60_000;
  await whenDom(SCREENS[until], `${until} after going to ${hash}`, timeout, until === 'browse');
  await settle();
}

// ---------------------------------------------------------------------------------------------
// Browse (figure 5)

/** BrowseScreen's SCAN_STEP (private to src/ui/screens/BrowseScreen.tsx): cards examined per storage call. */
const SCAN_STEP = 5000;

function parsed(source: string): Query {
  const result = parseQuery(source);
  if (!result.ok) throw new Error(`bench query "${source}" does not parse: ${result.message}`);
  return result.query;
}

async function browseClock(): Promise<DayClock> {
  const settings = await loadSettings(await db());
  return { zone: runtimeZone, rolloverHour: settings.rolloverHour };
}

/**
 * What BrowseScreen's search() does for a fresh query, minus React: parse, a search context for
 * now, then searchCards in steps of SCAN_STEP examined cards until the first page (PAGE_SIZE rows)
 * is full or the collection is exhausted. With `count`, countMatches for the query instead (the
 * screen runs it in the background once the first page leaves a cursor).
 */
async function browseSearchTimed({ query, count }: { query: string; count: boolean }): Promise<BrowseTiming> {
  const d = await db();
  const clock = await browseClock();
  await settle();
  const t0 = performance.now();
  const q = parsed(query);
  const ctx = searchContext(Date.now(), clock);
  if (count) {
    const n = await countMatches(d, q, ctx);
    return { ms: performance.now() - t0, rows: n ?? Number.NaN, more: false };
  }
  let rows: BrowseRow[] = [];
  let cursor: BrowseCursor | null = null;
  let scanned = 0;
  do {
    const page = await searchCards(d, q, ctx, { cursor, limit: PAGE_SIZE - rows.length, scanLimit: SCAN_STEP });
    rows = rows.concat(page.rows);
    cursor = page.cursor;
    scanned += page.scanned;
  } while (cursor && rows.length < PAGE_SIZE);
  return { ms: performance.now() - t0, rows: rows.length, scanned, more: cursor !== null };
}

/** getAll(range, count) over an index or a store, as a promise. */
function getAll<T>(source: IDBIndex | IDBObjectStore, range: IDBKeyRange | null, count: number): Promise<T[]> {
  return request(source.getAll(range, count) as IDBRequest<T[]>);
}

/** The least raw IndexedDB work that yields what each Browse measurement yields (see BrowseFloor). */
async function browseFloor({ floor, paint }: { floor: BrowseFloor; paint: boolean }): Promise<BrowseTiming> {
  const idb = await rawDb();
  const nextDayStart = searchContext(Date.now(), await browseClock()).nextDayStart;
  const line = paint ? document.body.appendChild(document.createElement('div')) : undefined;
  await settle();
  const t0 = performance.now();
  let rows = 0;
  if (floor.kind === 'deck') {
    const index = idb.transaction('cards', 'readonly').objectStore('cards').index('[deckId+queue+due]');
    const range = IDBKeyRange.bound([floor.deck, Queue.Buried, -Infinity], [floor.deck, 99, Infinity]);
    rows = (await getAll(index, range, PAGE_SIZE)).length;
  } else if (floor.kind === 'due') {
    const index = idb.transaction('cards', 'readonly').objectStore('cards').index('[queue+due]');
    for (const queue of [Queue.Learning, Queue.DayLearning, Queue.Review]) {
      if (rows >= PAGE_SIZE) break;
      const range = IDBKeyRange.bound([queue, -Infinity], [queue, nextDayStart], false, true);
      rows += (await getAll(index, range, PAGE_SIZE - rows)).length;
    }
  } else if (floor.kind === 'notes') {
    rows = (await getAll(idb.transaction('notes', 'readonly').objectStore('notes'), null, PAGE_SIZE)).length;
  } else {
    const store = idb.transaction('notes', 'readonly').objectStore('notes');
    let after: IDBValidKey | undefined;
    for (;;) {
      const chunk = await getAll<{ id: string }>(
        store,
        after === undefined ? null : IDBKeyRange.lowerBound(after, true),
        floor.chunk,
      );
      rows += chunk.length;
      const last = chunk[chunk.length - 1];
      if (!last || chunk.length < floor.chunk) break;
      after = last.id;
    }
  }
  let ms = performance.now() - t0;
  if (line) {
    line.textContent = `${rows} rows`;
    ms = (await frame()) - t0;
    line.remove();
  }
  return { ms, rows, more: false };
}

/** Resolves when every read transaction on the browse stores begun before it has finished. */
async function drainReads(): Promise<void> {
  const idb = await rawDb();
  // A read-write transaction starts only after the overlapping ones created before it end; it
  // makes no request, so it writes nothing.
  const tx = idb.transaction(['cards', 'notes', 'decks'], 'readwrite');
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * Puts `query` in the Browse search box the way typing does (React sees an input event), then
 * presses Enter (submits the form). Resolves, with the time from Enter, at the first frame after
 * the count line has left "Searching…": the first page is in the list (or "No cards match.").
 */
async function submitBrowseQuery(query: string): Promise<{ ms: number; shown: string }> {
  const { input, form, status } = await whenDom(browseParts, 'the Browse search box', 60_000);
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  if (!setValue) throw new Error('no HTMLInputElement value setter');
  if (input.value !== query) {
    setValue.call(input, query);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  // The screen re-renders with the new input; Enter comes well inside its 250 ms typing pause.
  await frame();
  await frame();
  const text = () => status.textContent?.trim() ?? '';
  const before = text();
  let sawSearching = false;
  const t0 = performance.now();
  form.requestSubmit();
  // The count line as the first page came in (an index count may replace it before the frame).
  const shown = await whenDom(
    () => {
      const now = text();
      if (browseSearching(now)) {
        sawSearching = true;
        return null;
      }
      return sawSearching || now !== before ? now : null;
    },
    `Browse results for "${query}"`,
    120_000,
    true,
  );
  const ms = (await frame()) - t0;
  return { ms, shown };
}

/**
 * Browse to rest: `rest` (a query counted from an index alone) searched and counted, which also
 * stops the background count of the query before it, and that count's last read finished.
 */
async function browseRest(rest: string): Promise<void> {
  await submitBrowseQuery(rest);
  await whenDom(browseIdle, `the count of "${rest}"`, 120_000, true);
  await drainReads();
  await settle();
}

/**
 * On #/browse: from rest, types `query` and presses Enter, timed until the first page is painted
 * (BrowseScreen's search from the Enter key to the rows on screen). The screen then counts the
 * matches in the background; going back to rest stops that count before the next measurement.
 */
async function browseScreenTimed({ query, rest }: { query: string; rest: string }): Promise<BrowseTiming> {
  await browseRest(rest);
  const { ms, shown } = await submitBrowseQuery(query);
  await browseRest(rest);
  // "200+ cards, counting…", "12 cards": the rows loaded (the list renders only the visible ones).
  return { ms, rows: Number(/^\d+/.exec(shown)?.[0] ?? Number.NaN), more: shown.includes('+') };
}

export const api: BenchApi = {
  // Seeding writes through its own connection with relaxed durability (no flush per commit):
  // Chromium's IndexedDB takes ~0.25 ms per put on this class of machine, and the test data does
  // not need to survive a power cut.
  seed: (options) => seedCollection(options, openDatabase(DB_NAME, { chromeTransactionDurability: 'relaxed' })),
  resetSince: async (since) => resetSince(since, await db()),
  answerSession,
  answerFloor,
  loadQueueTimed,
  rawDueScan,
  deckListFloor,
  statsFloor,
  navigateTimed,
  navigate,
  browseSearchTimed,
  browseFloor,
  browseScreenTimed,
};
