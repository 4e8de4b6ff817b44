/**
 * In-page measurements. Everything that is timed runs inside the page (performance.now(),
 * MutationObserver, requestAnimationFrame), so the CDP round trips of the runner never land in a
 * figure. The runner calls these through `window.__bench` (bench/browser.ts).
 *
 * Each measurement has a floor taken the same way in the same page: the least work that could
 * produce the same result (raw IndexedDB reads, one bare Dexie transaction, a one-line DOM update).
 */
import { candidateBudget } from '../src/domain/queue/queue';
import { Queue } from '../src/domain/scheduling/scheduler';
import { type DayClock, MINUTE, runtimeZone, startOfNextStudyDay } from '../src/domain/scheduling/time';
import { type AppDatabase, DB_NAME, openDatabase, type ReviewRow } from '../src/storage/db';
import { loadSettings } from '../src/storage/settings-repo';
import { loadQueue } from '../src/storage/study';
import { deckListRendered, frame, gradeButton, sessionOver, settingsRendered, showAnswerButton, whenDom } from './dom';
import type { AnswerSessionResult, BenchApi, QueueTiming } from './protocol';
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
  return { times, longTasks, ended, start, end };
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

type Screen = 'card' | 'decks' | 'settings';
const SCREENS: Record<Screen, () => HTMLElement | 'over' | boolean | null> = {
  card: () => showAnswerButton() ?? (sessionOver() ? 'over' : null),
  decks: deckListRendered,
  settings: settingsRendered,
};

async function navigateTimed(hash: string, until: Screen): Promise<number> {
  await settle();
  const t0 = performance.now();
  location.hash = hash;
  const shown = await whenDom(SCREENS[until], `${until} after going to ${hash}`, 60_000);
  if (shown === 'over') throw new Error(`${hash} shows no card: the queue is empty`);
  return (await frame()) - t0;
}

async function navigate(hash: string, until: Screen): Promise<void> {
  if (location.hash !== hash) location.hash = hash;
  await whenDom(SCREENS[until], `${until} after going to ${hash}`, 60_000);
  await settle();
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
  navigateTimed,
  navigate,
};
