/**
 * The automatic daily snapshot and the gentle backup reminder, in real Chromium: once there is
 * something to keep, opening the deck list takes the day's snapshot (in a worker, off the page),
 * and after 14 days without a downloaded backup the reminder says so once, with a button that
 * downloads the backup; it does not come back after that.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStore, readStore } from '../harness/idb';
import { DecksPage } from './pages/app';
import { type AppSession, goToHash, openApp } from './session';

let app: AppSession;
let page: Page;
/** Scripts the page loaded: the backup worker's among them shows the work left the page. */
const scripts: string[] = [];

beforeAll(async () => {
  app = await openApp({ beforeGoto: async (p) => void p.on('request', (r) => void scripts.push(r.url())) });
  ({ page } = app);
});
afterAll(async () => {
  await app?.close();
});

const DAY = 86_400_000;

/** The automatic snapshots' metadata, read from their own database behind the app's back. */
function snapshots(): Promise<{ reason: string; cards: number; reviews: number; size: number }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('recall-re-snapshots');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('meta')) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction('meta').objectStore('meta').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Dates every review `days` earlier, as if they had been given then. */
function ageReviews(days: number): Promise<void> {
  return page.evaluate(
    ({ ms }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('recall-re');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('reviews', 'readwrite');
          const store = tx.objectStore('reviews');
          const all = store.getAll();
          all.onsuccess = () => {
            for (const row of all.result as { review: number }[]) store.put({ ...row, review: row.review - ms });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { ms: days * DAY },
  );
}

async function toDecks(): Promise<void> {
  await goToHash(page, '#/settings');
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await goToHash(page, '#/decks');
  await new DecksPage(page).heading().waitFor();
}

describe('automatic backups and the backup reminder', () => {
  it('takes no snapshot of an untouched collection, then the daily one once there are answers', async () => {
    expect(await snapshots()).toEqual([]);
    const study = await new DecksPage(page).studyDeck('Research thinking');
    await study.answerWithKeys('3');
    await study.answerWithKeys('3');
    await expect.poll(() => countStore(page, 'reviews')).toBe(2);
    await toDecks();
    await expect.poll(async () => (await snapshots()).length).toBe(1);
    const [daily] = await snapshots();
    expect(daily).toMatchObject({ reason: 'daily', reviews: 2, cards: await countStore(page, 'cards') });
    expect(daily?.size).toBeGreaterThan(1000);
    expect(scripts.filter((url) => /backup-worker-[\w-]+\.js$/.test(url))).toHaveLength(1);
    // Not a second one the same day.
    await toDecks();
    await page.getByRole('button', { name: 'Study all' }).waitFor();
    expect(await snapshots()).toHaveLength(1);
    expect(await page.getByRole('status', { name: 'Backup reminder' }).count()).toBe(0);
  });

  it('after 14 days without a backup, says so once; its button downloads the backup', async () => {
    await ageReviews(15);
    await toDecks();
    const nudge = page.getByRole('status', { name: 'Backup reminder' });
    await nudge.waitFor();
    expect(await nudge.innerText()).toContain('no backup for two weeks');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      nudge.getByRole('button', { name: 'Download backup' }).click(),
    ]);
    const backup = JSON.parse(readFileSync(await file.path(), 'utf8')) as {
      format: string;
      cards: unknown[];
      reviews: unknown[];
    };
    expect(backup.format).toBe('recall-re-backup');
    expect(backup.cards).toHaveLength(await countStore(page, 'cards'));
    expect(backup.reviews).toEqual(await readStore(page, 'reviews'));
    await expect.poll(() => nudge.innerText()).toContain(`Backup saved: ${backup.cards.length} cards, 2 reviews.`);

    await page.reload();
    await new DecksPage(page).heading().waitFor();
    await page.getByRole('button', { name: 'Study all' }).waitFor();
    await toDecks();
    expect(await page.getByRole('status', { name: 'Backup reminder' }).count()).toBe(0);
  });
});
