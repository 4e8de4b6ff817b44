/**
 * `npm run bench:optimizer`: FSRS optimisation on the device against the native optimiser.
 * For 10,000 and 100,000 answers of a seeded synthetic history (drawn from known parameters), the
 * history is written into the app's IndexedDB in headless Chromium and fitted through the
 * Statistics screen's Optimise button (fsrs-browser WASM in the statistics worker); in the same
 * run the same training items (the older 80% of the answers, as the app splits them) are fitted by
 * the native optimiser, @open-spaced-repetition/binding, on Node. Prints both times, their ratio,
 * the two fits' log loss on those items (replayed with ts-fsrs), and the longest main-thread task
 * during the browser run. Exits non-zero when a target is missed: ≤ 5× the native time, log loss
 * within 1% of the native fit's, no main-thread task over 50 ms.
 *
 *   BENCH_OPTIMIZER_SIZES=10000,100000
 */
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { type CardHistory, predictAnswers, timeSplit, type TrainingItems, trainingItems } from '../src/domain/optimiser/history';
import { CONTRASTING_PARAMETERS } from '../src/domain/optimiser/synthetic';
import { Scorer } from '../src/domain/stats/calibration';
import { launch, PHONE } from '../tests/harness/browser';
import { pageSyntheticHistory, reviewRowsOf } from '../tests/e2e/history-rows';
import { addRows, readStore } from '../tests/harness/idb';
import { startServer } from '../tests/harness/server';
import { longTaskRecorder } from './long-tasks';
import { printOutcome } from './stats';

const SIZES = (process.env.BENCH_OPTIMIZER_SIZES ?? '10000,100000').split(',').map(Number);

/**
 * The native optimiser is not a dependency of the project: one of its optional platform packages
 * is missing from the registry reachable here, which breaks `npm ci`. `npm run bench:optimizer`
 * installs it (--no-save) before this script runs; it is loaded by name, so the program type-checks
 * without it.
 */
interface Binding {
  computeParameters(items: unknown[], options: { enableShortTerm: boolean }): Promise<number[]>;
  FSRSBindingItem: new (reviews: unknown[]) => unknown;
  FSRSBindingReview: new (rating: number, deltaT: number) => unknown;
}
const BINDING = '@open-spaced-repetition/binding';
const binding = (await import(BINDING)) as Binding;
const { computeParameters, FSRSBindingItem, FSRSBindingReview } = binding;

function toBindingItems(items: TrainingItems): unknown[] {
  const out: unknown[] = [];
  let k = 0;
  for (const length of items.lengths) {
    const reviews: unknown[] = [];
    for (let i = 0; i < length; i++, k++) reviews.push(new FSRSBindingReview(items.ratings[k]!, items.deltaTs[k]!));
    out.push(new FSRSBindingItem(reviews));
  }
  return out;
}

async function seed(page: Page, histories: CardHistory[], deckId: string): Promise<void> {
  const cards = histories.map((_, c) => ({ id: `bench-${c}`, noteId: `bench-${c}`, deckId }));
  const rows = reviewRowsOf(histories, cards);
  for (let i = 0; i < rows.length; i += 10_000) await addRows(page, 'reviews', rows.slice(i, i + 10_000));
}

interface Row {
  answers: number;
  items: number;
  browserMs: number;
  clickToVerdictMs: number;
  nativeMs: number;
  browserLogLoss: number;
  nativeLogLoss: number;
  longest: number;
}

async function runSize(browser: Browser, url: string, size: number): Promise<Row> {
  const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(longTaskRecorder);
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Decks' }).waitFor({ timeout: 120_000 });
  const { histories } = await pageSyntheticHistory(page, {
    parameters: CONTRASTING_PARAMETERS,
    cards: Math.ceil(size / 3),
    days: 400,
    seed: size,
    maxAnswers: size,
  });
  const answers = histories.reduce((n, h) => n + h.answers.length, 0);
  const deckId = (await readStore<{ id: string }>(page, 'decks'))[0]!.id;
  await seed(page, histories, deckId);

  const cut = timeSplit(histories, 0.2);
  const items = trainingItems(histories, cut);
  const t0 = performance.now();
  const native = await computeParameters(toBindingItems(items), { enableShortTerm: true });
  const nativeMs = performance.now() - t0;

  await page.evaluate(() => {
    window.location.hash = '#/stats';
  });
  await page.getByRole('heading', { level: 1, name: 'Statistics' }).waitFor();
  await page.evaluate(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks = [];
  });
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Optimise' }).click();
  const verdict = page.getByTestId('optimise-verdict');
  await verdict.waitFor({ timeout: 1_800_000 });
  const clickToVerdictMs = Date.now() - clicked;
  if ((await verdict.getAttribute('data-verdict')) === 'too-few') throw new Error(await verdict.innerText());
  const browserMs = Number(await verdict.getAttribute('data-fit-ms'));
  const fitted = JSON.parse((await page.getByTestId('fitted-parameters').getAttribute('data-parameters')) ?? '[]') as number[];
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  await context.close();

  const logLoss = (p: readonly number[]) => new Scorer(predictAnswers(histories, p, { to: cut })).score().logLoss;
  return {
    answers,
    items: items.lengths.length,
    browserMs,
    clickToVerdictMs,
    nativeMs,
    browserLogLoss: logLoss(fitted),
    nativeLogLoss: logLoss(native),
    longest: Math.max(0, ...tasks),
  };
}

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await launch();
  const rows: Row[] = [];
  try {
    for (const size of SIZES) {
      const r = await runSize(browser, server.url, size);
      rows.push(r);
      console.log(
        `${r.answers} answers: browser fit ${r.browserMs} ms (click to verdict ${r.clickToVerdictMs} ms), native ${r.nativeMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const misses: string[] = [];
  const lines = [
    `FSRS optimisation, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)}`,
    '',
    '| answers | training items | fsrs-browser (Chromium worker) | click → verdict | native binding (Node) | ratio | log loss browser / native | longest main-thread task |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const ratio = r.browserMs / r.nativeMs;
    const gap = (r.browserLogLoss - r.nativeLogLoss) / r.nativeLogLoss;
    lines.push(
      `| ${r.answers.toLocaleString('en')} | ${r.items.toLocaleString('en')} | ${r.browserMs.toLocaleString('en')} ms | ${r.clickToVerdictMs.toLocaleString('en')} ms | ${r.nativeMs.toFixed(0)} ms | ${ratio.toFixed(2)}× | ${r.browserLogLoss.toFixed(4)} / ${r.nativeLogLoss.toFixed(4)} (${(gap * 100).toFixed(2)}%) | ${r.longest.toFixed(0)} ms |`,
    );
    if (ratio > 5) misses.push(`${r.answers} answers: ${ratio.toFixed(2)}× the native time (target ≤ 5×)`);
    if (gap > 0.01) misses.push(`${r.answers} answers: log loss ${(gap * 100).toFixed(2)}% above the native fit's (target ≤ 1%)`);
    if (r.longest > 50) misses.push(`${r.answers} answers: a ${r.longest.toFixed(0)} ms main-thread task (target ≤ 50 ms)`);
  }
  printOutcome(lines, misses, 'optimiser');
}

await main();
