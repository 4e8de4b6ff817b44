/**
 * Lost connection, in real Chromium: the database connection closed under the app (a
 * `versionchange` from another page closes it, as a newer tab or the browser does), and a newer
 * schema installed by another tab. In the first case the app reopens the database and the next
 * answer is saved once; in the second it says to reload and writes nothing.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStore, readStore } from '../harness/idb';
import { DecksPage, StudyPage } from './pages/app';
import { type AppSession, openApp } from './session';

let app: AppSession;
let page: Page;

beforeAll(async () => {
  app = await openApp({ context: { serviceWorkers: 'block' } });
  ({ page } = app);
});
afterAll(async () => {
  await app?.close();
});

/** From another page: asks for a higher version; `keep` decides whether the upgrade lands. */
async function newerTab(keep: boolean): Promise<void> {
  const other = await app.context.newPage();
  await other.goto(new URL('manifest.webmanifest', `${app.server.url}/`).href);
  await other.evaluate(
    (keep) =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('recall-re', 1000);
        open.onupgradeneeded = () => {
          if (keep) open.result.createObjectStore('future');
          else open.transaction?.abort();
        };
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => resolve();
        open.onblocked = () => undefined;
      }),
    keep,
  );
  await other.close();
}

type Review = { cardId: string; before: { reps: number } };

describe('lost connection', () => {
  it('the connection closed under the app: it reopens, the next answer is saved once', async () => {
    const study = await new DecksPage(page).studyDeck('Research thinking');
    await study.answerWithKeys('3');
    await expect.poll(() => countStore(page, 'reviews')).toBe(1);
    await newerTab(false);
    await new StudyPage(page).answerWithKeys('3');
    await expect.poll(() => countStore(page, 'reviews')).toBe(2);
    const reviews = await readStore<Review>(page, 'reviews');
    expect(new Set(reviews.map((r) => `${r.cardId}@${r.before.reps}`)).size).toBe(2);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('regression: after another tab upgraded the schema this tab reopened the database and kept writing in the old format; now it is told to reload and writes nothing', async () => {
    await newerTab(true);
    const before = await countStore(page, 'reviews');
    const study = new StudyPage(page);
    await study.showAnswer().waitFor();
    await page.keyboard.press('Space');
    await study.grade('Good').waitFor();
    await page.keyboard.press('3');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/reload/i);
    expect(await countStore(page, 'reviews')).toBe(before);
  });
});
