/**
 * Resume: the card on screen is painted by the boot script on the next start, before the app's
 * main bundle has run, and works at once (reveal, grade). The main bundle is held back on purpose
 * here (service worker blocked, the request delayed), so the test can act in that window; the
 * app then takes over, saves the early grade with the time it was given, and shows the next card.
 */
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launch, PHONE } from '../harness/browser';
import { DecksPage, StudyPage } from './pages/app';
import { readStore } from '../harness/idb';
import { startServer, type StaticServer } from '../harness/server';

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
/** Releases the held-back main bundle. */
let releaseMain: () => void = () => undefined;

interface Snapshot {
  cardId: string;
  reps: number;
  front: string;
  labels: string[];
}

beforeAll(async () => {
  browser = await launch();
  server = await startServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  await context?.close();
  context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
  page = await context.newPage();
  await page.goto(server.url);
  await new DecksPage(page).heading().waitFor();
  await page.getByRole('button', { name: 'Study all' }).waitFor();
});

async function snapshot(): Promise<Snapshot> {
  const raw = await page.evaluate(() => localStorage.getItem('recall-re:resume'));
  expect(raw).not.toBeNull();
  return JSON.parse(raw ?? '{}') as Snapshot;
}

/** Holds the app's main bundle until releaseMain() (the boot script is not held). */
async function holdMain(): Promise<void> {
  const held = new Promise<void>((resolve) => {
    releaseMain = resolve;
  });
  await page.route(/\/assets\/index-[^/]*\.js$/, async (route: Route) => {
    await held;
    await route.continue();
  });
}

async function reloadWithMainHeld(): Promise<void> {
  await holdMain();
  await page.reload({ waitUntil: 'commit' });
}

async function studyFirstCard(): Promise<Snapshot> {
  await page.getByRole('button', { name: 'Study all' }).click();
  const study = new StudyPage(page);
  await study.showAnswer().waitFor();
  // The snapshot is written once the grade labels are known.
  await expect.poll(async () => (await page.evaluate(() => localStorage.getItem('recall-re:resume'))) !== null).toBe(true);
  const snap = await snapshot();
  expect(await page.locator('article.card').getAttribute('data-card-id')).toBe(snap.cardId);
  return snap;
}

describe('resume on the next start', () => {
  it('paints the card before the app loads; reveal and an early grade work, and the app saves that grade', async () => {
    const snap = await studyFirstCard();
    await reloadWithMainHeld();
    const study = new StudyPage(page);
    await study.showAnswer().waitFor();
    // Painted by the boot script: the app's code has not run (its root is still hidden).
    expect(await page.locator('#resume').count()).toBe(1);
    expect(await page.locator('#root').isHidden()).toBe(true);
    expect(await page.locator('#resume article.card').getAttribute('data-card-id')).toBe(snap.cardId);
    await study.showAnswer().click();
    await page.locator('#resume .card-back').waitFor();
    expect(await page.locator('#resume .grade-interval').allInnerTexts()).toEqual(snap.labels);
    const clickedAt = await page.evaluate(() => Date.now());
    await study.grade('Good').click();
    expect(await study.grade('Good').isDisabled()).toBe(true);
    expect(await readStore(page, 'reviews')).toEqual([]);

    releaseMain();
    await expect.poll(() => page.locator('#resume').count()).toBe(0);
    await study.showAnswer().waitFor();
    expect(await page.locator('article.card').getAttribute('data-card-id')).not.toBe(snap.cardId);
    const reviews = await readStore<{ cardId: string; rating: number; review: number; durationMs: number }>(page, 'reviews');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ cardId: snap.cardId, rating: 3 });
    // Saved with the time of the click, not the time the app got round to it.
    expect(Math.abs((reviews[0]?.review ?? 0) - clickedAt)).toBeLessThan(1000);
    expect(reviews[0]?.durationMs).toBeGreaterThan(0);
  });

  it('keeps the revealed answer when the app takes over before a grade', async () => {
    const snap = await studyFirstCard();
    await reloadWithMainHeld();
    const study = new StudyPage(page);
    await study.showAnswer().click();
    releaseMain();
    await expect.poll(() => page.locator('#resume').count()).toBe(0);
    expect(await page.locator('article.card').getAttribute('data-card-id')).toBe(snap.cardId);
    await page.locator('.card-back').waitFor();
    await study.grade('Easy').click();
    await study.waitForCardOrDone();
    const reviews = await readStore<{ cardId: string; rating: number }>(page, 'reviews');
    expect(reviews.map((r) => [r.cardId, r.rating])).toEqual([[snap.cardId, 4]]);
  });

  it('does not save an early grade for a card that changed meanwhile, and says so', async () => {
    const snap = await studyFirstCard();
    // As if the card had been answered in another tab since the snapshot was written.
    await page.evaluate(
      (s) => localStorage.setItem('recall-re:resume', JSON.stringify({ ...s, reps: s.reps + 5 })),
      await page.evaluate(() => JSON.parse(localStorage.getItem('recall-re:resume') ?? '{}') as Snapshot),
    );
    await reloadWithMainHeld();
    const study = new StudyPage(page);
    await study.showAnswer().click();
    await study.grade('Again').click();
    releaseMain();
    await page.getByRole('alert').filter({ hasText: 'was not saved' }).waitFor();
    expect(await readStore(page, 'reviews')).toEqual([]);
    expect(snap.cardId).toBeTruthy();
  });

  it('hands the page to the app when the header is used before the app has loaded', async () => {
    await studyFirstCard();
    await reloadWithMainHeld();
    await page.locator('#resume').waitFor();
    await page.locator('#resume').getByRole('link', { name: 'Decks', exact: true }).click();
    await expect.poll(() => page.locator('#resume').count()).toBe(0);
    expect(await page.locator('#root').isVisible()).toBe(true);
    releaseMain();
    await new DecksPage(page).heading().waitFor();
  });

  it('gives the page back to the app when the app never takes over', async () => {
    await studyFirstCard();
    await page.clock.install();
    await reloadWithMainHeld();
    await page.locator('#resume').waitFor();
    await page.clock.runFor(19_000);
    expect(await page.locator('#resume').count()).toBe(1);
    await page.clock.runFor(1_500);
    await expect.poll(() => page.locator('#resume').count()).toBe(0);
    // The app's own page (still its static shell: its code never arrived) is what shows now.
    expect(await page.locator('#root').isVisible()).toBe(true);
    expect(await page.locator('#root main').innerText()).toContain('Loading your decks');
  });

  it('paints nothing early on another route or on another study day', async () => {
    await studyFirstCard();
    await page.goto(`${server.url}#/decks`);
    await new DecksPage(page).heading().waitFor();
    expect(await page.locator('#resume').count()).toBe(0);

    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('recall-re:resume') ?? '{}') as { validUntil: number };
      localStorage.setItem('recall-re:resume', JSON.stringify({ ...s, validUntil: Date.now() - 1 }));
    });
    await holdMain();
    await page.goto(`${server.url}?again#/study/all`, { waitUntil: 'commit' });
    await page.locator('#root main').waitFor();
    expect(await page.evaluate(() => document.readyState)).not.toBe('loading');
    expect(await page.locator('#resume').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Show answer' }).count()).toBe(0);
    releaseMain();
    await new StudyPage(page).showAnswer().waitFor();
  });

  it('applies the chosen theme before the app loads', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await reloadWithMainHeld();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.evaluate(() => document.querySelector('header.topbar a.brand') === null)).toBe(true);
    releaseMain();
  });
});

describe('resume on the next study day', () => {
  it('keeps the first card of the next day when a session ends, and paints it only from that day on', async () => {
    const start = Date.UTC(2026, 10, 27, 10);
    await context?.close();
    context = await browser.newContext({ ...PHONE, serviceWorkers: 'block', timezoneId: 'UTC' });
    page = await context.newPage();
    await page.clock.install({ time: start });
    await page.goto(`${server.url}#/study/all`);
    const study = new StudyPage(page);
    // Today's new cards, each answered Easy: they leave for days, and the session ends.
    for (let i = 0; i < 20; i++) await study.answerWithKeys('4');
    await page.getByRole('heading', { name: 'All done for now' }).waitFor();
    await expect
      .poll(
        async () =>
          (JSON.parse((await page.evaluate(() => localStorage.getItem('recall-re:resume'))) ?? '{}') as { validFrom?: number })
            .validFrom,
      )
      .toBe(Date.UTC(2026, 10, 28, 4));
    const snap = await snapshot();
    const answered = (await readStore<{ cardId: string }>(page, 'reviews')).map((r) => r.cardId);
    expect(answered).not.toContain(snap.cardId);

    // Still today: nothing is painted early.
    await reloadWithMainHeld();
    await page.locator('#root main').waitFor();
    expect(await page.locator('#resume').count()).toBe(0);
    releaseMain();
    await page.getByRole('heading', { name: 'All done for now' }).waitFor();

    // Tomorrow morning: that card is on screen before the app loads, and the app keeps it.
    await page.clock.setSystemTime(Date.UTC(2026, 10, 28, 7));
    await page.unrouteAll();
    await reloadWithMainHeld();
    await study.showAnswer().waitFor();
    expect(await page.locator('#resume article.card').getAttribute('data-card-id')).toBe(snap.cardId);
    releaseMain();
    await expect.poll(() => page.locator('#resume').count()).toBe(0);
    expect(await page.locator('article.card').getAttribute('data-card-id')).toBe(snap.cardId);
  });
});
