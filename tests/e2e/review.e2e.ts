/**
 * The daily review end to end, in real Chromium, at phone size (touch) and desktop size:
 * first visit shows the built-in decks → review 10 cards with clicks and keys → reload keeps
 * counts and history → network gone (server stopped, context offline, worker requests aborted)
 * → reload → still reviews → Undo restores the previous card.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeckFiles } from '../../scripts/deck-files';
import { DESKTOP, launch, newContext, PHONE } from '../harness/browser';
import { DecksPage, StudyPage } from './pages/app';
import { countStore, patchRow, readRow, readStore } from '../harness/idb';
import { startServer, type StaticServer } from '../harness/server';

const builtinDeckNames = loadDeckFiles().map((d) => d.deck.name);

async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first visit is not controlled until a reload (no clientsClaim: updates wait for the user).
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  { label: 'phone', size: PHONE },
  { label: 'desktop', size: DESKTOP },
])('daily review at $label size', ({ size }) => {
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    context = await newContext(browser, size);
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  it('shows every built-in deck with its counts on the first visit, written by a worker', async () => {
    const workers: string[] = [];
    const onWorker = (w: { url(): string }) => workers.push(w.url());
    page.on('worker', onWorker);
    // Whether the deck list was on screen when the service worker was registered: its first
    // install (~4 MB, every script compiled) must not compete with the first screen.
    await page.addInitScript(() => {
      const register = ServiceWorkerContainer.prototype.register;
      ServiceWorkerContainer.prototype.register = function (this: ServiceWorkerContainer, ...args) {
        const w = window as unknown as { __registeredAfterDecks?: boolean };
        w.__registeredAfterDecks ??= document.querySelector('.deck-list li') !== null;
        return register.apply(this, args);
      };
    });
    await page.goto(server.url);
    const decks = new DecksPage(page);
    await decks.heading().waitFor();
    await page.getByRole('button', { name: 'Study all' }).waitFor();
    expect(await decks.deckNames()).toEqual(builtinDeckNames);
    const today = await decks.counts();
    expect(today.newCount).toBe(20);
    expect(today.due).toBe(0);
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decks', exact: true }).count(),
    ).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Settings' }).count()).resolves.toBe(1);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __registeredAfterDecks?: boolean }).__registeredAfterDecks))
      .toBe(true);
    // The decks were written off the main thread; once stored, a reload starts no such worker.
    expect(workers.filter((url) => url.includes('decks-worker'))).toHaveLength(1);
    await waitForServiceWorker(page);
    expect(workers.filter((url) => url.includes('decks-worker'))).toHaveLength(1);
    page.off('worker', onWorker);
  });

  it('reviews 10 cards with clicks and keys, and a reload keeps counts and history', async () => {
    const decks = new DecksPage(page);
    const before = await decks.counts();
    const study = await decks.studyAll();
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      seen.push(await study.frontText());
      if (i % 2 === 0) await study.answerWithClicks(i % 4 === 0 ? 'Good' : 'Easy');
      else await study.answerWithKeys(i % 3 === 0 ? '4' : '3', i % 3 === 0 ? 'Enter' : 'Space');
    }
    expect(new Set(seen).size).toBe(10);
    expect(await countStore(page, 'reviews')).toBe(10);

    await page.reload();
    await page.getByRole('link', { name: 'Decks', exact: true }).click();
    await decks.heading().waitFor();
    await page.getByRole('button', { name: 'Study all' }).waitFor();
    const after = await decks.counts();
    // Every answer above was Good or Easy on a new card: each left the new count.
    expect(after.newCount).toBe(before.newCount - 10);
    expect(after.learning + after.newCount).toBeGreaterThanOrEqual(before.newCount - 10);
    expect(await countStore(page, 'reviews')).toBe(10);
  });

  it('works with the network gone: reload, review, and Undo restores the previous card', async () => {
    await server.close();
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    await page.evaluate(() => {
      window.location.hash = '#/decks';
    });
    await page.reload();
    const decks = new DecksPage(page);
    await decks.heading().waitFor();
    expect(await decks.deckNames()).toEqual(builtinDeckNames);

    const study = await decks.studyAll();
    const first = await study.frontText();
    await study.answerWithClicks('Good');
    expect(await countStore(page, 'reviews')).toBe(11);
    const second = await study.frontText();
    expect(second).not.toBe(first);

    await study.undo().click();
    await expect.poll(() => study.frontText()).toBe(first);
    expect(await countStore(page, 'reviews')).toBe(10);

    await page.keyboard.press('Space');
    await page.keyboard.press('3');
    await study.grade('Good').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await expect.poll(() => study.frontText()).toBe(first);
    expect(await countStore(page, 'reviews')).toBe(10);

    // A formula card renders as math (KaTeX stylesheet and fonts from the precache).
    await page.evaluate(() => {
      window.location.hash = '#/study/statistics';
    });
    const stats = new StudyPage(page);
    let math = 0;
    for (let i = 0; i < 12 && math === 0; i++) {
      await stats.showAnswer().click();
      math = await page.locator('.card .katex').count();
      if (math === 0) {
        await stats.grade('Good').click();
        await stats.grade('Good').waitFor({ state: 'detached' });
        await stats.waitForCardOrDone();
      }
    }
    expect(math).toBeGreaterThan(0);
    await expect
      .poll(() =>
        page
          .locator('.card .katex')
          .first()
          .evaluate((el) => getComputedStyle(el).fontFamily),
      )
      .toContain('KaTeX_Main');
    await expect.poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);

    await context.unroute('**/*');
    await context.setOffline(false);
    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
  });
});

describe('answers are saved behind the screen', () => {
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;
  let study: StudyPage;
  const shownId = () => page.locator('article.card').getAttribute('data-card-id');

  beforeAll(async () => {
    server = await startServer();
    context = await newContext(browser, PHONE);
    page = await context.newPage();
    await page.goto(server.url);
    const decks = new DecksPage(page);
    await decks.heading().waitFor();
    await page.getByRole('button', { name: 'Study all' }).waitFor();
    study = await decks.studyAll();
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  it('shows the next card before the answer is written, then writes it', async () => {
    await study.showAnswer().click();
    await study.grade('Good').waitFor();
    // A person takes a moment to grade; meanwhile the app reads the card likely to come next.
    await page.waitForTimeout(300);
    const first = await shownId();
    const reviewsBefore = await countStore(page, 'reviews');
    const shownBeforeAnyStorageEvent = await page.evaluate(async () => {
      const good = [...document.querySelectorAll<HTMLButtonElement>('.grades button')].find((b) =>
        b.textContent?.endsWith('Good'),
      );
      good?.click();
      // Microtasks only: no IndexedDB request can have completed, let alone the transaction.
      for (let i = 0; i < 10; i++) await Promise.resolve();
      return document.querySelector('article.card')?.getAttribute('data-card-id') ?? null;
    });
    expect(shownBeforeAnyStorageEvent).not.toBeNull();
    expect(shownBeforeAnyStorageEvent).not.toBe(first);
    await expect.poll(() => countStore(page, 'reviews')).toBe(reviewsBefore + 1);
    const reviews = await readStore<{ cardId: string; rating: number }>(page, 'reviews');
    expect(reviews.at(-1)).toMatchObject({ cardId: first, rating: 3 });
  });

  it('Undo pressed while the answer is still being written takes that answer back', async () => {
    await study.showAnswer().click();
    await study.grade('Easy').waitFor();
    await page.waitForTimeout(300);
    const id = await shownId();
    if (!id) throw new Error('no card on screen');
    const before = await readRow(page, 'cards', id);
    const reviewsBefore = await countStore(page, 'reviews');
    await page.evaluate(async () => {
      const easy = [...document.querySelectorAll<HTMLButtonElement>('.grades button')].find((b) =>
        b.textContent?.endsWith('Easy'),
      );
      easy?.click();
      // The next task: the grade's transaction is still on its way to storage.
      await new Promise((resolve) => setTimeout(resolve, 0));
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', bubbles: true }));
    });
    await expect.poll(() => shownId()).toBe(id);
    await expect.poll(() => countStore(page, 'reviews')).toBe(reviewsBefore);
    expect(await readRow(page, 'cards', id)).toEqual(before);
  });

  it('when the write fails, shows the card again and says its grade was not saved', async () => {
    await study.showAnswer().click();
    await study.grade('Good').waitFor();
    const id = await shownId();
    if (!id) throw new Error('no card on screen');
    const reviewsBefore = await countStore(page, 'reviews');
    // Another tab answers this card meanwhile: the save refuses a card that changed since shown.
    const reps = ((await readRow<{ reps: number }>(page, 'cards', id))?.reps ?? 0) + 1;
    await patchRow(page, 'cards', id, { reps });
    await study.grade('Good').click();
    await page.getByRole('alert').filter({ hasText: '“Good” was not saved' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('The card is shown again');
    expect(await shownId()).toBe(id);
    expect(await countStore(page, 'reviews')).toBe(reviewsBefore);
    expect(await readRow<{ reps: number }>(page, 'cards', id)).toMatchObject({ reps });
    // The card shown again is the stored one: grading it now is saved.
    await study.showAnswer().click();
    await study.grade('Good').click();
    await expect.poll(() => countStore(page, 'reviews')).toBe(reviewsBefore + 1);
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
  });
});

describe('storage failures', () => {
  it('shows a clear message, not a blank page, when IndexedDB is unavailable', async () => {
    const server = await startServer();
    const context = await newContext(browser, PHONE);
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
      });
      await page.goto(server.url);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.innerText()).toContain('Storage is not available');
    } finally {
      await context.close();
      await server.close();
    }
  });
});

describe('built-in decks without Web Workers', () => {
  it('still loads every built-in deck, on the main thread', async () => {
    const server = await startServer();
    const context = await newContext(browser, PHONE);
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        Object.defineProperty(window, 'Worker', { value: undefined, configurable: true });
      });
      await page.goto(server.url);
      const decks = new DecksPage(page);
      await decks.heading().waitFor();
      await page.getByRole('button', { name: 'Study all' }).waitFor();
      expect(await decks.deckNames()).toEqual(builtinDeckNames);
      expect(await countStore(page, 'notes')).toBe(loadDeckFiles().reduce((n, d) => n + d.deck.notes.length, 0));
    } finally {
      await context.close();
      await server.close();
    }
  });
});
