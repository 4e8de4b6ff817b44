/**
 * `npm run bench:import`: imports a generated 20,000-row CSV and a generated 20,000-note Anki
 * package through the app's Import screen in headless Chromium, and in the same page times the
 * floor: a raw Dexie bulkAdd of the same rows (20,000 notes + 20,000 cards) into a fresh
 * database. Prints each import's time, its ratio to the floor, and the longest main-thread task
 * during the import. Exits non-zero when an import takes more than 3× the floor or a task runs
 * over 200 ms.
 *
 *   BENCH_IMPORT_ROWS=20000  BENCH_IMPORT_RUNS=3
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, PHONE } from '../tests/harness/browser';
import { startServer } from '../tests/harness/server';
import { longTaskRecorder } from './long-tasks';
import { buildPackage } from '../tests/import/anki-builder';
import { printOutcome, summarize } from './stats';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const ROOT = resolve(import.meta.dirname, '..');
const TMP = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'bench-import-'));

/** A term and a definition of realistic length, deterministic per row. */
function row(i: number): [string, string] {
  return [
    `term ${i}: bootstrap interval of metric ${i % 97}`,
    `Resample the ${100 + (i % 900)} test examples with replacement, recompute the difference, and read the 2.5th and 97.5th percentiles (row ${i}).`,
  ];
}

function makeCsv(path: string): void {
  const lines = ['#separator:Tab', '#html:false', '#deck:Bench CSV'];
  for (let i = 0; i < ROWS; i++) lines.push(row(i).join('\t'));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function makeApkg(path: string): Promise<void> {
  const crt = 1_700_000_000;
  const notes = [];
  const cards = [];
  for (let i = 0; i < ROWS; i++) {
    const [front, back] = row(i);
    notes.push({ id: 1_600_000_000_000 + i, guid: `g${i.toString(36)}`, mid: 1, tags: 'bench', fields: [front, back] });
    cards.push({ id: 1_650_000_000_000 + i, nid: 1_600_000_000_000 + i, did: 1, ord: 0 });
  }
  const bytes = await buildPackage({
    layout: 'anki2',
    crt,
    notetypes: [
      {
        id: 1,
        name: 'Basic',
        fields: ['Front', 'Back'],
        templates: [{ name: 'Card 1', q: '{{Front}}', a: '{{FrontSide}}<hr id=answer>{{Back}}' }],
      },
    ],
    decks: [{ id: 1, name: 'Bench APKG' }],
    notes,
    cards,
  });
  writeFileSync(path, bytes);
}

async function importOnce(page: Page, file: string): Promise<{ ms: number; longest: number }> {
  await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
  await page.evaluate(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks = [];
  });
  const started = Date.now();
  await page.getByLabel('Choose a file').setInputFiles(file);
  await page.getByRole('heading', { name: /^Preview of / }).waitFor({ timeout: 600_000 });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 600_000 });
  const ms = Date.now() - started;
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  return { ms, longest: Math.max(0, ...tasks) };
}

/** The floor: Dexie bulkAdd of the same number of note and card rows, in the same page. */
async function rawBulkAdd(page: Page, run: number): Promise<number> {
  return page.evaluate(
    async ({ rows, run }) => {
      type Table = { bulkAdd(rows: unknown[]): Promise<unknown> };
      type Db = {
        version(n: number): { stores(s: Record<string, string>): void };
        open(): Promise<unknown>;
        close(): void;
        transaction(mode: string, a: Table, b: Table, fn: () => Promise<void>): Promise<void>;
        notes: Table;
        cards: Table;
      };
      const DexieCtor = (window as unknown as { Dexie: new (name: string) => Db }).Dexie;
      const db = new DexieCtor(`bench-floor-${run}`);
      db.version(1).stores({ notes: 'id, deckId, *tags', cards: 'id, noteId, [deckId+queue+due], [queue+due], buriedUntil' });
      await db.open();
      const notes: unknown[] = [];
      const cards: unknown[] = [];
      for (let i = 0; i < rows; i++) {
        const front = `term ${i}: bootstrap interval of metric ${i % 97}`;
        const back = `Resample the ${100 + (i % 900)} test examples with replacement, recompute the difference, and read the 2.5th and 97.5th percentiles (row ${i}).`;
        notes.push({
          id: `n${i}`,
          deckId: 'floor',
          kind: 'basic',
          tags: ['bench'],
          fields: { front, back },
          cards: [{ ord: 0, front: `<p>${front}</p>`, back: `<p>${back}</p>` }],
          hash: `h${i}`,
        });
        cards.push({
          id: `n${i}#0`,
          noteId: `n${i}`,
          deckId: 'floor',
          ord: 0,
          queue: 0,
          due: i,
          stability: 0,
          difficulty: 0,
          elapsedDays: 0,
          scheduledDays: 0,
          learningSteps: 0,
          reps: 0,
          lapses: 0,
          state: 0,
          lastReview: null,
        });
      }
      const t0 = performance.now();
      await db.transaction('rw', db.notes, db.cards, async () => {
        await db.notes.bulkAdd(notes);
        await db.cards.bulkAdd(cards);
      });
      const ms = performance.now() - t0;
      db.close();
      return ms;
    },
    { rows: ROWS, run },
  );
}

async function main(): Promise<void> {
  const csv = join(TMP, `bench-${ROWS}.csv`);
  const apkg = join(TMP, `bench-${ROWS}.apkg`);
  makeCsv(csv);
  await makeApkg(apkg);

  const server = await startServer();
  const browser: Browser = await launch();
  const results: Record<string, { import: number[]; floor: number[]; longest: number[] }> = {
    csv: { import: [], floor: [], longest: [] },
    apkg: { import: [], floor: [], longest: [] },
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const [kind, file] of [
        ['csv', csv],
        ['apkg', apkg],
      ] as const) {
        // A fresh origin state per import: a new context (its own IndexedDB).
        const context = await browser.newContext({ ...PHONE, bypassCSP: true, serviceWorkers: 'block' });
        const page = await context.newPage();
        await page.addInitScript(longTaskRecorder);
        await page.goto(`${server.url}/#/import`);
        await page.addScriptTag({ path: join(ROOT, 'node_modules', 'dexie', 'dist', 'dexie.min.js') });
        const floor = await rawBulkAdd(page, run);
        const { ms, longest } = await importOnce(page, file);
        const r = results[kind];
        r?.import.push(ms);
        r?.floor.push(floor);
        r?.longest.push(longest);
        console.log(
          `run ${run + 1} ${kind}: import ${ms.toFixed(0)} ms, raw bulkAdd ${floor.toFixed(0)} ms, longest task ${longest.toFixed(0)} ms`,
        );
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const misses: string[] = [];
  const lines = [
    `Import of ${ROWS.toLocaleString('en')} rows, ${RUNS} runs, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)}`,
    '',
    '| import | median (min–max) | raw bulkAdd median (min–max) | ratio | longest main-thread task |',
    '|---|---|---|---:|---:|',
  ];
  for (const [kind, r] of Object.entries(results)) {
    const imp = summarize(r.import);
    const floor = summarize(r.floor);
    const ratio = imp.median / floor.median;
    const longest = Math.max(...r.longest);
    lines.push(
      `| ${kind} | ${imp.median.toFixed(0)} ms (${imp.min.toFixed(0)}–${imp.max.toFixed(0)}) | ${floor.median.toFixed(0)} ms (${floor.min.toFixed(0)}–${floor.max.toFixed(0)}) | ${ratio.toFixed(2)}× | ${longest.toFixed(0)} ms |`,
    );
    if (ratio > 3) misses.push(`${kind} import is ${ratio.toFixed(2)}× the raw write (target ≤ 3×)`);
    if (longest > 200) misses.push(`${kind} import ran a ${longest.toFixed(0)} ms main-thread task (target ≤ 200 ms)`);
  }
  printOutcome(lines, misses, 'import');
}

await main();
