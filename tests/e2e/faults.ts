/**
 * Shared pieces of the fault suite (not a test file): a seeded random source, the run counts
 * (short in `npm test`, long behind `npm run test:reliability`), a tap on the app's IndexedDB
 * commits, a renderer crash, and an independent check that no answer is half-applied.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from '../harness/browser';
import { type StaticServer, startServer } from '../harness/server';

/** `RELIABILITY=long` (npm run test:reliability) runs the long counts. */
export const LONG = process.env.RELIABILITY === 'long';
export const runs = (short: number, long: number) => Number(process.env.RELIABILITY_RUNS ?? (LONG ? long : short));
/** The base seed: every run's choices follow from it (print it with a failure to reproduce). */
export const SEED = Number(process.env.RELIABILITY_SEED ?? 15);

/** A seeded random source in [0, 1) (mulberry32, shared with the benchmark's data seeding). */
export { prng as random } from '../../bench/seed';

/** Starts one browser and one server for a test file, closed after it. */
export function browserAndServer(): { browser(): Browser; server(): StaticServer } {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    browser = await launch();
    server = await startServer();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const need = <T>(x: T | undefined, what: string): T => {
    if (x === undefined) throw new Error(`${what} has not started`);
    return x;
  };
  return { browser: () => need(browser, 'the browser'), server: () => need(server, 'the server') };
}

/** Opens the app and reloads it once its service worker is ready, so the worker controls the page. */
export async function openControlled(page: Page, server: StaticServer): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: 'Decks' }).waitFor();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Collects every request of the context (its service worker's included) to another origin. */
export function offOriginRequests(context: BrowserContext, server: StaticServer): string[] {
  const seen: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) seen.push(url);
  });
  return seen;
}

export interface Committed {
  cardId: string;
  review: number;
}

/**
 * Reports every read-write transaction on the app's `reviews` store that COMPLETED (IndexedDB
 * says it is committed), with the answers it added. Installed before the app's scripts run.
 * Reports travel to the test asynchronously, so the list is a lower bound at a crash.
 */
export async function tapCommits(context: BrowserContext, onCommit: (rows: Committed[]) => void): Promise<void> {
  await context.exposeBinding('__answerCommitted', (_source, rows: Committed[]) => onCommit(rows));
  await context.addInitScript(() => {
    const transaction = IDBDatabase.prototype.transaction;
    const add = IDBObjectStore.prototype.add;
    const pending = new WeakMap<IDBTransaction, { cardId: string; review: number }[]>();
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      const rows = pending.get(this.transaction);
      const v = value as { cardId?: unknown; review?: unknown };
      if (rows && this.name === 'reviews' && typeof v.cardId === 'string' && typeof v.review === 'number')
        rows.push({ cardId: v.cardId, review: v.review });
      return add.call(this, value, key);
    };
    IDBDatabase.prototype.transaction = function (
      this: IDBDatabase,
      stores: string | string[],
      mode?: IDBTransactionMode,
      options?: IDBTransactionOptions,
    ) {
      const tx = transaction.call(this, stores, mode, options);
      const names = typeof stores === 'string' ? [stores] : [...stores];
      if (this.name === 'recall-re' && mode === 'readwrite' && names.includes('reviews')) {
        const rows: { cardId: string; review: number }[] = [];
        pending.set(tx, rows);
        tx.addEventListener('complete', () => {
          if (rows.length > 0) (window as unknown as { __answerCommitted(r: unknown): void }).__answerCommitted(rows);
        });
      }
      return tx;
    };
  });
}

/** Kills the page's renderer process, as a phone killing a tab does. */
export async function crash(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
  // The command never answers (the renderer is gone before it can); the page's crash event is the signal.
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
}

export interface Consistency {
  reviews: { cardId: string; review: number }[];
  /** Answers or cards that disagree: a review whose card did not take its state, or the reverse. */
  halfApplied: string[];
}

/**
 * Reads cards and reviews straight from IndexedDB (not through the app) and checks that every
 * answer made in the app is matched by its card's state: the card's repetition count and last
 * answer time are those its latest review produced, and every earlier review is behind it.
 */
export async function readConsistency(page: Page): Promise<Consistency> {
  return page.evaluate(
    () =>
      new Promise<Consistency>((resolve, reject) => {
        const open = indexedDB.open('recall-re');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['cards', 'reviews']);
          const cardsReq = tx.objectStore('cards').getAll();
          const reviewsReq = tx.objectStore('reviews').getAll();
          tx.oncomplete = () => {
            open.result.close();
            type Card = { id: string; reps: number; lastReview: number | null };
            type Review = { id: number; cardId: string; review: number; before: { reps: number }; imported?: boolean };
            const cards = new Map((cardsReq.result as Card[]).map((c) => [c.id, c]));
            const reviews = (reviewsReq.result as Review[]).filter((r) => !r.imported);
            const latest = new Map<string, Review>();
            const halfApplied: string[] = [];
            for (const r of reviews) {
              const card = cards.get(r.cardId);
              if (!card || card.reps < r.before.reps + 1)
                halfApplied.push(`review ${r.id} of ${r.cardId} without its card state`);
              const l = latest.get(r.cardId);
              if (!l || r.review > l.review || (r.review === l.review && r.id > l.id)) latest.set(r.cardId, r);
            }
            for (const card of cards.values()) {
              const l = latest.get(card.id);
              if (card.reps === 0 && card.lastReview === null) continue;
              if (!l || l.review !== card.lastReview || l.before.reps + 1 !== card.reps)
                halfApplied.push(`card ${card.id} (reps ${card.reps}) without its review`);
            }
            resolve({ reviews: reviews.map((r) => ({ cardId: r.cardId, review: r.review })), halfApplied });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}
