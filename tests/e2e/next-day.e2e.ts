/**
 * The next day, offline: after a session, move the page's clock forward (Playwright's clock)
 * and check that the deck list and the queue show exactly the cards FSRS scheduled for that
 * day — read independently from the stored card rows.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecksPage } from './pages/app';
import { readStore } from '../harness/idb';
import type { StaticServer } from '../harness/server';
import { type AppSession, openApp } from './session';

const DAY = 86_400_000;
// 10:00 UTC on a fixed date; the browser's zone is UTC here, so the study day starts at 04:00.
const START = Date.UTC(2026, 9, 5, 10, 0);

let app: AppSession;
let server: StaticServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  app = await openApp({ context: { timezoneId: 'UTC' }, beforeGoto: (p) => p.clock.install({ time: START }) });
  ({ server, context, page } = app);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
});
afterAll(async () => {
  await app?.close();
});

describe('the next day', () => {
  it('shows, offline, exactly the reviews FSRS scheduled for each following day', async () => {
    const decks = new DecksPage(page);
    const study = await decks.studyDeck('Statistics for experiments');
    for (let i = 0; i < 8; i++) await study.answerWithClicks('Easy');

    await server.close();
    await context.setOffline(true);
    for (const days of [1, 3, 8, 20]) {
      await page.clock.setSystemTime(START + days * DAY);
      await page.evaluate(() => {
        window.location.hash = '#/decks';
      });
      await page.reload();
      await page.getByRole('button', { name: 'Study all' }).waitFor();
      // Start of the following study day (04:00 UTC) after the simulated "now".
      const now = START + days * DAY;
      const nextDayStart = Math.floor((now - 4 * 3_600_000) / DAY) * DAY + DAY + 4 * 3_600_000;
      const expected = (await readStore<{ id: string; queue: number; due: number; deckId: string }>(page, 'cards')).filter(
        (c) => c.deckId === 'statistics' && c.queue === 2 && c.due < nextDayStart,
      ).length;
      const shown = await decks.counts('Statistics for experiments');
      expect(shown.due, `day +${days}`).toBe(expected);
    }
    const all = (await readStore<{ id: string; queue: number; due: number; deckId: string }>(page, 'cards')).filter(
      (c) => c.deckId === 'statistics' && c.queue === 2,
    );
    expect(all.length).toBe(8);
    // By day +20 at least one of the eight Easy cards has come due.
    expect(all.some((c) => c.due < START + 20 * DAY)).toBe(true);
  });
});
