/**
 * What the Node runner (bench/run.ts) and the in-page bundle (bench/browser.ts) say to each
 * other. Types only: both sides import it, nothing here runs.
 */

export interface SeedOptions {
  /** Total cards to create (notes hold one or two cards each). */
  cards: number;
  /** PRNG seed: the same seed and `now` give the same collection. */
  seed: number;
  /** The run's fixed "now" (ms): due dates and history are placed relative to it. */
  now: number;
  /** Review cards due today (overdue included); the rest are spread so each later day has about as many. */
  dueToday: number;
  /** Mean number of review rows per card that has been studied. */
  reviewsPerCard: number;
}

export interface SeedReport {
  decks: number;
  notes: number;
  cards: number;
  reviews: number;
  byQueue: { new: number; learning: number; dayLearning: number; review: number; suspended: number };
  /** Review cards with due < start of the next study day. */
  reviewDueToday: number;
  ms: number;
  /** Of which inside IndexedDB write transactions. */
  writeMs: number;
}

export interface LongTask {
  start: number;
  duration: number;
}

export interface AnswerSessionResult {
  /** ms from the grade click to the first animation frame after the next card is in the DOM. */
  times: number[];
  /** When each grade was clicked (performance.now()), to tell which long tasks an answer was in. */
  clicks: number[];
  longTasks: LongTask[];
  /** Why the session stopped: all answers given, or the queue ran out first. */
  ended: 'complete' | 'done';
  start: number;
  end: number;
}

export interface QueueTiming {
  ms: number;
  learning: number;
  main: number;
}

export interface HeapSample {
  usedMB: number;
  totalMB: number;
}

/** Marks the init script records on every document (ms since navigation start). */
export interface InitMarks {
  /** The first animation frame after a clickable "Show answer" button is in the DOM. */
  card?: number;
  /** The first animation frame after the deck list's counts are in the DOM. */
  decks?: number;
  /** The first animation frame after the load event. */
  loadFrame?: number;
  /** The page's first indexedDB.open() call: the app's module has been evaluated and main.tsx runs. */
  idbOpenCall?: number;
  /** That open request succeeded. */
  idbOpened?: number;
  /** React replaced the static shell (the app's header link is in its root). */
  appRendered?: number;
  /** The boot script painted the card kept from the last session (src/resume/boot.ts). */
  resumePainted?: number;
  /** The first frame with the app's own card interactive in its visible root: React has taken over. */
  appCard?: number;
}

/** One Browse search as the screen runs it, or its countMatches. */
export interface BrowseTiming {
  ms: number;
  /** Rows of the first page (or, for a count, the number of matches). */
  rows: number;
  /** Cards the search examined (a first page through storage only). */
  scanned?: number;
  /** A cursor was left: more matches may follow the first page. */
  more: boolean;
}

/** The least raw IndexedDB work for each Browse measurement. */
export type BrowseFloor =
  /** cards `[deckId+queue+due]`, the deck's whole range, getAll(range, 200). */
  | { kind: 'deck'; deck: string }
  /** cards `[queue+due]`, the learning, day-learning and review ranges below tomorrow, until 200 rows. */
  | { kind: 'due' }
  /** notes store, getAll(null, 200). */
  | { kind: 'notes' }
  /** The whole notes store in getAll(range, `chunk`) reads. */
  | { kind: 'notesScan'; chunk: number };

export type Screen = 'card' | 'decks' | 'settings' | 'browse' | 'stats';

export interface BenchApi {
  seed(options: SeedOptions): Promise<SeedReport>;
  /** Takes back every answer given since `since` (bulk undo), so the next session starts from the same state. */
  resetSince(since: number): Promise<number>;
  answerSession(options: { answers: number; seed: number }): Promise<AnswerSessionResult>;
  answerFloor(options: { iterations: number }): Promise<number[]>;
  loadQueueTimed(): Promise<QueueTiming>;
  rawDueScan(options: { paint: boolean }): Promise<number>;
  deckListFloor(): Promise<number>;
  /** The Statistics screen's reads in raw IndexedDB (counts per deck and day, the newest 2,000 answers to cards in review, due counts), a DOM update, a frame. */
  statsFloor(): Promise<number>;
  /** Sets location.hash and times until the screen `until` is painted. */
  navigateTimed(hash: string, until: Screen): Promise<number>;
  navigate(hash: string, until: Screen): Promise<void>;
  /** The first page of a Browse search through src/storage/browse.ts, as BrowseScreen runs it (or countMatches). */
  browseSearchTimed(options: { query: string; count: boolean }): Promise<BrowseTiming>;
  /** Floor for a Browse measurement, optionally followed by a one-line DOM update and the next frame. */
  browseFloor(options: { floor: BrowseFloor; paint: boolean }): Promise<BrowseTiming>;
  /**
   * On #/browse: types `query` into the search box and presses Enter, timed until the first page is
   * painted; before and after, the screen is brought to rest on `rest` (its background count stopped).
   */
  browseScreenTimed(options: { query: string; rest: string }): Promise<BrowseTiming>;
}

declare global {
  interface Window {
    __bench?: BenchApi;
    __benchLongTasks?: LongTask[];
    __benchMarks?: InitMarks;
  }
}
