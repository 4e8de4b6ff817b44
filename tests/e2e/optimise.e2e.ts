/**
 * Calibration and on-device optimisation in real Chromium: a seeded synthetic history drawn from
 * known FSRS parameters is written into IndexedDB for the built-in decks' cards; the Statistics
 * screen's figures are checked against the same computation done here in Node; then Optimise →
 * verdict → Adopt → Undo, with the database read directly after each step.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS, predictAnswers } from '../../src/domain/optimiser/history';
import { CONTRASTING_PARAMETERS } from '../../src/domain/optimiser/synthetic';
import { newCardState } from '../../src/domain/scheduling/scheduler';
import { startOfStudyDay } from '../../src/domain/scheduling/time';
import { metricsWithIntervals } from '../../src/domain/stats/calibration';
import { seededRandom } from '../../src/domain/random';
import { pageSyntheticHistory, reviewRowsOf } from './history-rows';
import { addRows, readRow, readStore } from '../harness/idb';
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

interface CardRowLite {
  id: string;
  noteId: string;
  deckId: string;
  stability: number;
  reps: number;
  lastReview: number | null;
}

const verdict = () => page.getByTestId('optimise-verdict');

async function openStats(): Promise<void> {
  await goToHash(page, '#/settings');
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await goToHash(page, '#/stats');
  await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
}

let seeded: CardRowLite[] = [];
let expected: ReturnType<typeof metricsWithIntervals>;

describe('calibration and optimisation', () => {
  it('says there is too little history to judge a fit, and why, before there is any', async () => {
    await openStats();
    await page.getByRole('button', { name: 'Optimise' }).click();
    await expect.poll(() => verdict().getAttribute('data-verdict'), { timeout: 30_000 }).toBe('too-few');
    expect(await verdict().innerText()).toContain('Too little history to judge a fit: 0 answers to cards in review');
    expect(await verdict().innerText()).toContain('About 400 more answers would be enough');
    expect(await page.getByTestId('calibration-summary').innerText()).toContain('No answers to cards in review');
  });

  it('shows log loss, RMSE(bins) and AUC as computed from the seeded history, and the activity charts', async () => {
    // 3,000 cards in a built-in deck (as an import of a large deck would leave them), so the
    // held-out comparison has enough cards to narrow its interval, as in the unit test.
    const deckId = (await readStore<CardRowLite>(page, 'cards'))[0]!.deckId;
    const cards = Array.from({ length: 3000 }, (_, k) => {
      const id = `syn-${String(k).padStart(4, '0')}`;
      return { id, noteId: id, deckId, ord: 0, ...newCardState(k) };
    });
    await addRows(page, 'cards', cards as unknown as Record<string, unknown>[]);
    const { histories, clock, today } = await pageSyntheticHistory(page, {
      parameters: CONTRASTING_PARAMETERS,
      cards: cards.length,
      days: 730,
      seed: 16,
    });
    const rows = reviewRowsOf(histories, cards) as { studyDay: number }[];
    for (let i = 0; i < rows.length; i += 5000)
      await addRows(page, 'reviews', rows.slice(i, i + 5000) as Record<string, unknown>[]);
    seeded = cards.slice(0, histories.length) as unknown as CardRowLite[];

    // The screen's default period is the last 90 days.
    const from = startOfStudyDay(today - 89, clock);
    const predictions = predictAnswers(histories, DEFAULT_PARAMETERS, { from });
    const dense = new Map<number, number>();
    for (const p of predictions) if (!dense.has(p.card)) dense.set(p.card, dense.size);
    expected = metricsWithIntervals(
      predictions.map((p) => ({ ...p, card: dense.get(p.card)! })),
      seededRandom(1),
      50,
    );

    await openStats();
    const summary = page.getByTestId('calibration-summary');
    await expect.poll(() => summary.innerText(), { timeout: 60_000 }).toContain('log loss');
    const text = await summary.innerText();
    expect(text).toContain(
      `Over ${expected.answers.toLocaleString('en-US')} answers to ${expected.cards.toLocaleString('en-US')} cards`,
    );
    expect(text).toContain(`log loss ${expected.logLoss.estimate.toFixed(3)} (95% interval`);
    expect(text).toContain(`RMSE(bins) ${(expected.rmseBins.estimate * 100).toFixed(1)}% (95% interval`);
    expect(text).toContain(`AUC ${expected.auc.estimate.toFixed(2)} (95% interval`);
    expect(await page.getByRole('img', { name: /Predicted against actual recall/ }).count()).toBe(1);
    const inYear = rows.filter((r) => r.studyDay > today - 365).length;
    expect(await page.getByTestId('heatmap-summary').innerText()).toContain(`${inYear.toLocaleString('en-US')} answers on`);
    const inMonth = rows.filter((r) => r.studyDay > today - 30).length;
    expect(await page.getByTestId('time-summary').innerText()).toContain(
      `${Math.round((inMonth * 6000) / 60_000).toLocaleString('en-US')} minutes in the last 30 days`,
    );
    expect(await page.getByTestId('forecast-summary').innerText()).toMatch(/cards due in the next 30 days/);
  });

  it('can cancel a fit', async () => {
    await page.getByRole('button', { name: 'Optimise' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Optimise' }).waitFor();
    expect(await verdict().count()).toBe(0);
  });

  it('fits, calls the fit better beyond noise, adopts it (rescheduling the cards), and undo brings everything back', async () => {
    const before = new Map((await readStore<CardRowLite>(page, 'cards')).map((c) => [c.id, c]));
    await page.getByRole('button', { name: 'Optimise' }).click();
    await expect.poll(() => verdict().getAttribute('data-verdict'), { timeout: 110_000, interval: 500 }).not.toBeNull();
    expect(await verdict().getAttribute('data-verdict')).toBe('better');
    expect(await verdict().innerText()).toContain('Better, beyond noise');
    const figures = await page.getByTestId('optimise-figures').innerText();
    expect(figures).toMatch(/current parameters: 0\.\d{3} \(95% interval 0\.\d{3} to 0\.\d{3}\)/);
    expect(figures).toMatch(/Improvement \(current − new\): 0\.\d{3} \(95% interval 0\.\d{3} to/);

    await page.getByRole('button', { name: 'Adopt the new parameters' }).click();
    await expect
      .poll(() => page.getByTestId('optimise-done').innerText(), { timeout: 60_000 })
      .toContain(`Adopted: ${seeded.length.toLocaleString('en-US')} cards rescheduled`);
    const stored = await readRow<{ value: { parameters: number[] } }>(page, 'settings', 'fsrs:default');
    expect(stored?.value.parameters).toHaveLength(21);
    const adopted = new Map((await readStore<CardRowLite>(page, 'cards')).map((c) => [c.id, c]));
    const sample = seeded[0]!.id;
    expect(adopted.get(sample)?.reps).toBeGreaterThan(0);
    expect(adopted.get(sample)?.stability).not.toBe(before.get(sample)?.stability);
    expect(await page.getByTestId('parameters-source').innerText()).toContain('Using parameters fitted to your history');

    await page.getByRole('button', { name: 'Undo adoption' }).click();
    await expect.poll(() => page.getByTestId('optimise-done').innerText(), { timeout: 60_000 }).toContain('Undone');
    expect(await readRow(page, 'settings', 'fsrs:default')).toBeUndefined();
    const after = new Map((await readStore<CardRowLite>(page, 'cards')).map((c) => [c.id, c]));
    for (const c of seeded) expect(after.get(c.id)).toEqual(before.get(c.id));
    expect(await page.getByTestId('parameters-source').innerText()).toBe('Using the FSRS default parameters.');
  });
});
