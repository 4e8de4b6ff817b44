/**
 * Crash mid-review, in real Chromium: answer cards with keys, taps and swipes at random speeds
 * and kill the renderer (CDP Page.crash) at a random moment. After reopening: every answer whose
 * transaction committed is in the log, nothing is half-applied, at most the answers in flight are
 * missing, and the app starts normally. 20 runs in `npm test`, 200 in `npm run test:reliability`;
 * each run's choices follow from RELIABILITY_SEED + the run's number.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE } from '../harness/browser';
import { browserAndServer, type Committed, crash, random, readConsistency, runs, SEED, tapCommits } from './faults';
import { DecksPage } from './pages/app';

const RUNS = runs(20, 200);

const started = browserAndServer();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A touch drag across the card body (pointer events, as a finger makes them). */
async function swipe(page: Page, dx: number): Promise<void> {
  const body = page.locator('.card-body');
  const box = await body.boundingBox();
  if (!box) throw new Error('no card on screen');
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(120, box.height / 2);
  const fire = (type: string, cx: number) =>
    body.dispatchEvent(type, { pointerId: 7, pointerType: 'touch', isPrimary: true, clientX: cx, clientY: y, bubbles: true });
  await fire('pointerdown', x);
  for (let k = 1; k <= 4; k++) await fire('pointermove', x + (dx * k) / 4);
  await fire('pointerup', x + dx);
}

interface RunResult {
  given: number;
  committed: number;
  found: number;
  lost: number;
  halfApplied: string[];
  missingCommitted: Committed[];
  startedAgain: boolean;
}

async function oneRun(run: number): Promise<RunResult> {
  const rand = random(SEED * 1000 + run);
  const context = await started.browser().newContext({ ...PHONE, serviceWorkers: 'block' });
  const committed: Committed[] = [];
  await tapCommits(context, (rows) => committed.push(...rows));
  try {
    const page = await context.newPage();
    await page.goto(started.server().url);
    const study = await new DecksPage(page).studyDeck('Research thinking');
    // The crash comes at a random moment after the first card is up, whatever the loop is doing.
    const crashAfter = 150 + Math.floor(rand() * 1600);
    let given = 0;
    let crashed = false;
    const answering = (async () => {
      while (!crashed) {
        await study.showAnswer().waitFor({ timeout: 10_000 });
        if (rand() < 0.5) await page.keyboard.press('Space');
        else await page.locator('.card-front').tap();
        await study.grade('Good').waitFor({ timeout: 10_000 });
        const how = rand();
        given++; // counted when the grade starts: at a crash it may or may not have landed
        if (how < 0.25) await swipe(page, 160);
        else if (how < 0.4) await swipe(page, -160);
        else await page.keyboard.press(String(1 + Math.floor(rand() * 4)));
        await sleep(Math.floor(rand() * 120));
      }
    })().catch(() => undefined); // the crash interrupts whatever step is running
    await sleep(crashAfter);
    crashed = true;
    await crash(context, page);
    await answering;

    // Reopen: a new renderer, the same storage.
    const again = await context.newPage();
    await again.goto(started.server().url);
    await new DecksPage(again).heading().waitFor();
    const state = await readConsistency(again);
    const stored = new Set(state.reviews.map((r) => `${r.cardId}@${r.review}`));
    const missingCommitted = committed.filter((c) => !stored.has(`${c.cardId}@${c.review}`));
    // The study screen opens and shows a card (the ones whose answers were lost are still due).
    const reopened = await new DecksPage(again).studyDeck('Research thinking');
    const startedAgain = await reopened.showAnswer().isVisible();
    const found = state.reviews.length;
    return {
      given,
      committed: committed.length,
      found,
      lost: given - found,
      halfApplied: state.halfApplied,
      missingCommitted,
      startedAgain,
    };
  } finally {
    await context.close();
  }
}

describe(`crash mid-review (${RUNS} runs, seed ${SEED})`, () => {
  it(
    'every committed answer survives, none is half-applied, at most the ones in flight are lost, and the app starts again',
    async () => {
      const totals = { given: 0, committed: 0, found: 0, lost: 0, halfApplied: 0 };
      for (let run = 0; run < RUNS; run++) {
        const r = await oneRun(run);
        const where = `run ${run} (seed ${SEED})`;
        expect(r.halfApplied, where).toEqual([]);
        expect(r.missingCommitted, where).toEqual([]);
        expect(r.found, where).toBeGreaterThanOrEqual(r.committed);
        expect(r.found, where).toBeLessThanOrEqual(r.given);
        expect(r.startedAgain, where).toBe(true);
        totals.given += r.given;
        totals.committed += r.committed;
        totals.found += r.found;
        totals.lost += r.lost;
        totals.halfApplied += r.halfApplied.length;
      }
      console.log(
        `crash mid-review: ${RUNS} runs, seed ${SEED}: answers given ${totals.given}, committed ${totals.committed}, found ${totals.found}, lost in flight ${totals.lost}, half-applied ${totals.halfApplied}`,
      );
      expect(totals.given).toBeGreaterThan(RUNS); // the runs did answer cards
    },
    RUNS * 30_000,
  );
});
