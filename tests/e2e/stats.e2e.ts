/**
 * The Statistics screen in real Chromium: answers per day from real answers, and retention with
 * its interval and a verdict only where the interval allows one, from review rows written
 * straight into IndexedDB (as weeks of reviews would leave them).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRows } from '../harness/idb';
import { DeckOptionsPage, DecksPage } from './pages/app';
import { type AppSession, goToHash, openApp } from './session';

let app: AppSession;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  ({ page } = app);
});
afterAll(async () => {
  await app?.close();
});

/** Adds answers to cards in review for `deckId`, `passed` of them remembered, a minute ago. */
async function addReviewAnswers(deckId: string, passed: number, failed: number): Promise<void> {
  const at = await page.evaluate(() => Date.now() - 60_000);
  const rows = Array.from({ length: passed + failed }, (_, i) => ({
    cardId: `${deckId}-stats-${i}`,
    noteId: `${deckId}-stats-${i}`,
    deckId,
    rating: i < passed ? 3 : 1,
    state: 2,
    review: at,
    durationMs: 5000,
    before: { state: 2 },
    beforeQueue: 2,
  }));
  await addRows(page, 'reviews', rows);
}

const verdict = () => page.getByTestId('retention-verdict');

/** Opens the screen again: rows written behind Dexie's back are not seen by its live queries. */
async function reopenStats(): Promise<void> {
  await goToHash(page, '#/settings');
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await goToHash(page, '#/stats');
  await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
}

describe('statistics', () => {
  it('starts empty and says there is nothing to judge', async () => {
    await page.getByRole('link', { name: 'Stats' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
    await expect.poll(() => verdict().getAttribute('data-verdict')).toBe('none');
    expect(await page.getByTestId('activity-summary').innerText()).toContain('0 answers in the last 30 days');
  });

  it("counts today's answers; answers in learning steps do not count towards retention", async () => {
    await goToHash(page, '#/decks');
    const study = await new DecksPage(page).studyDeck('Research thinking');
    for (let i = 0; i < 3; i++) await study.answerWithClicks('Good');
    await goToHash(page, '#/stats');
    await expect.poll(() => page.getByTestId('activity-summary').innerText()).toContain('3 answers in the last 30 days');
    expect(await page.getByTestId('activity-summary').innerText()).toContain('today 3');
    const bars = await page.getByRole('img', { name: /Answers per day/ }).getAttribute('aria-label');
    expect(bars).toMatch(/, 3\.$/);
    expect(await verdict().getAttribute('data-verdict')).toBe('none');
  });

  it('gives retention with its interval, and no verdict while the interval is too wide', async () => {
    await addReviewAnswers('research-thinking', 36, 4);
    await reopenStats();
    // 36 of 40: 90%, Wilson 95% interval 77–96%, wider than ±5 points around the 90% target.
    await expect.poll(() => verdict().getAttribute('data-verdict')).toBe('too-few');
    const figure = await page.locator('.stats-figure').innerText();
    expect(figure).toContain('90% remembered');
    expect(figure).toContain('95% interval 77%–96%, 40 answers');
    expect(await verdict().innerText()).toContain('About 139 answers would tell');
  });

  it('calls it on target once the interval is narrow, and each deck is its own scope', async () => {
    await addReviewAnswers('research-thinking', 1800, 200);
    await reopenStats();
    // 1,836 of 2,040: 90%, interval 88.6–91.2%, inside ±5 points.
    await expect.poll(() => verdict().getAttribute('data-verdict')).toBe('on-target');
    expect(await page.locator('.stats-figure').innerText()).toContain('2,040 answers');

    await page.getByLabel('Decks').selectOption({ label: 'Statistics for experiments' });
    await expect.poll(() => verdict().getAttribute('data-verdict')).toBe('none');
    expect(await page.getByTestId('activity-summary').innerText()).toContain('0 answers in the last 30 days');
    await page.getByLabel('Decks').selectOption({ label: 'Research thinking' });
    await expect.poll(() => verdict().getAttribute('data-verdict')).toBe('on-target');
  });

  it('lists each deck with its own interval, and judges decks with different targets apart', async () => {
    await addReviewAnswers('statistics', 30, 10);
    await reopenStats();
    const decks = page.getByRole('list', { name: 'Retention by deck' }).getByRole('listitem');
    await expect.poll(() => decks.count()).toBe(2);
    expect(await decks.nth(0).innerText()).toMatch(/Research thinking[\s\S]*on target \(90%\)/);
    // 30 of 40: 75%, interval 60–86%, wholly below 90%.
    expect(await decks.nth(1).innerText()).toMatch(
      /Statistics for experiments[\s\S]*75% \(60%–86%\) of 40[\s\S]*below target \(90%\)/,
    );

    // A preset of its own for one deck, through Deck options.
    await goToHash(page, '#/options/statistics');
    await page.getByRole('heading', { level: 1, name: /Options: Statistics/ }).waitFor();
    const options = new DeckOptionsPage(page);
    await options.newPreset('Lenient');
    await page.getByLabel('Desired retention', { exact: true }).fill('0.8');
    await options.save();
    await reopenStats();
    await expect.poll(() => page.getByText('These decks use different desired retentions').count()).toBe(1);
    // Against 80% the same 60–86% interval decides nothing.
    expect(await decks.nth(1).innerText()).toContain('too few to judge');
  });

  it('forecasts the cards due in the coming 30 days, as a chart with a summary and a table', async () => {
    await page.getByText('Cards due per day as a table').click();
    const rows = page.locator('.stats-table').last().locator('tr');
    await expect.poll(() => rows.count()).toBe(30);
    expect(await page.getByTestId('forecast-summary').innerText()).toMatch(/cards due in the next 30 days/);
    expect(await page.getByRole('img', { name: /Cards due per day for the next 30 days/ }).count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(/Today \(with overdue\)\s+\d+/);
    expect(await rows.nth(1).innerText()).toMatch(/Tomorrow\s+\d+/);
  });
});
