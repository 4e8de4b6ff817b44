/**
 * Mock interviews in real Chromium with a fake microphone: a written run and a spoken run end to
 * end (grades written as reviews, undo, the clock's gentle end, recordings kept or deleted, the
 * figures across runs), a refused microphone falling back to writing with the reason, and a run
 * interrupted by a reload, resumed and discarded. Playwright's clock moves the countdown on.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStore, readStore } from '../harness/idb';
import { InterviewPage } from './pages/interview';
import { type AppSession, openApp } from './session';

let app: AppSession;
let page: Page;
let interview: InterviewPage;

/**
 * Gives the explain notes of Practice explaining rubric kinds (test, why, mind in turn), behind
 * the app's back, as a deck written with `- [test] …` points would store them.
 */
async function tagRubricKinds(p: Page): Promise<number> {
  return p.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('recall-re');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('notes', 'readwrite');
          const store = tx.objectStore('notes');
          const kinds = ['test', 'why', 'mind'];
          let tagged = 0;
          const cursor = store.index('deckId').openCursor(IDBKeyRange.only('practice-explaining'));
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            const note = c.value as { kind: string; rubric?: string[]; rubricKinds?: string[] };
            if (note.kind === 'explain' && note.rubric) {
              c.update({ ...note, rubricKinds: note.rubric.map((_, i) => kinds[i % 3]) });
              tagged++;
            }
            c.continue();
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve(tagged);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Recordings in storage with their sizes (Blobs do not cross into the test, their sizes do). */
async function recordingSizes(p: Page): Promise<number[]> {
  return p.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('recall-re');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('recordings').objectStore('recordings').getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve((req.result as { blob: Blob }[]).map((r) => r.blob.size));
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

type Run = {
  status: string;
  step: string;
  current: number;
  fallback?: string;
  questions: {
    text: string;
    usedMs: number;
    grade?: number;
    ticks?: boolean[];
    reviewId?: number;
    cardId: string;
    recordingId?: string;
  }[];
};

/** Stands in for the Screen Wake Lock API (headless Chromium has no screen to keep on): counts locks held. */
function stubWakeLock(): void {
  const w = window as unknown as { wakeLocks: { requested: number; held: number } };
  w.wakeLocks = { requested: 0, held: 0 };
  const request = async () => {
    w.wakeLocks.requested++;
    w.wakeLocks.held++;
    let released = false;
    return {
      get released() {
        return released;
      },
      release: async () => {
        if (!released) w.wakeLocks.held--;
        released = true;
      },
    };
  };
  Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: { request } });
}

const wakeLocksHeld = () => page.evaluate(() => (window as unknown as { wakeLocks: { held: number } }).wakeLocks.held);

beforeAll(async () => {
  app = await openApp({
    fakeMedia: 'granted',
    beforeGoto: async (p) => {
      await p.clock.install();
      await p.addInitScript(stubWakeLock);
    },
  });
  ({ page } = app);
  interview = new InterviewPage(page);
  expect(await tagRubricKinds(page)).toBeGreaterThan(10);
});
afterAll(async () => {
  await app?.close();
});

describe('mock interview', () => {
  it('a written run: the clock’s gentle end, a grade recorded as a review, undo, the summary and the figures', async () => {
    await interview.open();
    await interview.heading().waitFor();
    await interview.setUp({ decks: ['Practice explaining'], count: 2, minutes: 1, mode: 'Written', review: 'After each answer' });
    await interview.start().click();

    // Question 1: the answer box has the focus; the clock runs down from 1:00; the screen stays on.
    await interview.answerBox().waitFor();
    await expect.poll(wakeLocksHeld).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await interview.timer().innerText()).toMatch(/^(1:00|0:5\d)\s+left$/);
    await page.keyboard.type('I would test the gain over five seeds.');
    await page.clock.fastForward(31_000);
    await expect.poll(() => interview.announcement().innerText()).toMatch(/seconds left\.$/);
    await page.clock.fastForward(30_000);
    await expect
      .poll(() => interview.announcement().innerText())
      .toBe('Time is up. Finish your thought, then press Finish answer.');
    expect(await interview.timer().innerText()).toMatch(/^Time is up\s+\+0:0\d$/);
    // Never a hard cut: the answer can still be written after the time.
    await interview.answerBox().pressSequentially(' And why.');
    await interview.finishAnswer().click();

    // Review: the model answer, the rubric; the ticks suggest a grade.
    await interview.reviewHeading(1).waitFor();
    await page.getByRole('heading', { name: 'Model answer' }).waitFor();
    expect(await page.getByText('I would test the gain over five seeds. And why.').count()).toBe(1);
    const boxes = interview.rubricBoxes();
    await boxes.first().waitFor();
    const points = await boxes.count();
    expect(points).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < points; i++) await boxes.nth(i).check();
    await expect.poll(() => page.locator('.grade.suggested').innerText()).toContain('Good');
    await interview.grade('Good').click();

    await interview.startQuestion(2).waitFor();
    let [run] = await readStore<Run>(page, 'interviews');
    const first = run!.questions[0]!;
    expect(first).toMatchObject({ grade: 3, text: 'I would test the gain over five seeds. And why.' });
    expect(first.usedMs).toBeGreaterThan(60_000);
    const reviews = await readStore<{ id: number; cardId: string; rating: number; durationMs: number }>(page, 'reviews');
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({ cardId: first.cardId, rating: 3, durationMs: first.usedMs });
    const card = (await readStore<{ id: string; reps: number }>(page, 'cards')).find((c) => c.id === first.cardId);
    expect(card?.reps).toBe(1);

    // Undo takes the grade back (the review and the card state) and returns to the review.
    expect(await interview.undo().innerText()).toBe('Undo Good');
    await page.keyboard.press('z');
    await interview.reviewHeading(1).waitFor();
    expect(await countStore(page, 'reviews')).toBe(0);
    expect((await readStore<{ id: string; reps: number }>(page, 'cards')).find((c) => c.id === first.cardId)?.reps).toBe(0);
    // Grade again from the keyboard: 2 = Hard, with only the first point ticked.
    for (let i = 1; i < points; i++) await boxes.nth(i).uncheck();
    await page.keyboard.press('2');
    await interview.startQuestion(2).click();

    await interview.answerBox().fill('Short answer.');
    await page.keyboard.press('Control+Enter');
    await interview.reviewHeading(2).waitFor();
    await interview.grade('Again').click();

    await interview.summaryHeading().waitFor();
    await expect.poll(wakeLocksHeld).toBe(0);
    const rows = page.getByRole('table', { name: 'Your answers' }).getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).innerText()).toMatch(/1:0\d \(over\)\s+1 of \d+\s+Hard/);
    expect(await rows.nth(2).innerText()).toMatch(/0 of \d+\s+Again/);
    await interview.finish().click();

    // The figures: the first answer covered only its "test" point, the second nothing.
    await interview.heading().waitFor();
    await expect.poll(() => interview.coverage().count()).toBe(3);
    expect(await interview.coverage().nth(0).innerText()).toMatch(
      /^You said what you would test in 1 of 2 answers \(50%, \d+%–\d+%\)\.$/,
    );
    expect(await interview.coverage().nth(2).innerText()).toMatch(
      /^You named what would change your mind in 0 of 2 answers \(0%, 0%–\d+%\)\.$/,
    );
    expect(await page.getByTestId('coverage-verdict').getAttribute('data-verdict')).toBe('too-few');
    expect(await page.getByTestId('time-within').innerText()).toMatch(/^1 of 2 answers within their limit/);
    [run] = await readStore<Run>(page, 'interviews');
    expect(run?.status).toBe('done');
    expect(await countStore(page, 'reviews')).toBe(2);
  });

  it('a spoken run: the answer is recorded on the device, played back in the review, kept by choice, then deleted', async () => {
    await interview.setUp({ decks: ['Practice explaining'], count: 1, minutes: 2, mode: 'Spoken', review: 'All at the end' });
    await interview.start().click();
    await page.getByRole('status').filter({ hasText: 'Recording your answer on this device' }).waitFor();
    expect(await interview.answerBox().count()).toBe(0);
    await page.waitForFunction(() => document.querySelector('.rec-dot.on') !== null);
    await interview.finishAnswer().click();

    await interview.reviewHeading(1).waitFor();
    const player = page.getByLabel('Your spoken answer to question 1');
    await player.waitFor();
    await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThanOrEqual(1);
    const sizes = await recordingSizes(page);
    expect(sizes).toHaveLength(1);
    expect(sizes[0]).toBeGreaterThan(0);
    await interview.grade('Good').click();

    await interview.summaryHeading().waitFor();
    await page.getByLabel('Your spoken answer to question 1').waitFor();
    await page.getByRole('checkbox', { name: /Keep the recordings on this device/ }).check();
    await interview.finish().click();
    await interview.heading().waitFor();
    expect(await recordingSizes(page)).toHaveLength(1);

    // Kept recordings play from the past runs, and go when asked.
    await page.getByText('Play the recordings').click();
    await page.getByRole('button', { name: 'Delete 1 recording' }).click();
    await expect.poll(() => recordingSizes(page)).toEqual([]);
    const runs = await readStore<Run>(page, 'interviews');
    expect(runs.every((r) => r.questions.every((q) => q.recordingId === undefined))).toBe(true);
  });

  it('a run interrupted by a reload resumes where it stood, with its text and its clock, or is discarded cleanly', async () => {
    await interview.setUp({ decks: ['Practice explaining'], count: 2, minutes: 3, mode: 'Written', review: 'After each answer' });
    await interview.start().click();
    await interview.answerBox().fill('Half an answer');
    // The text and the time are kept every few seconds.
    await page.clock.fastForward(40_000);
    await expect
      .poll(async () => (await readStore<Run>(page, 'interviews')).find((r) => r.status === 'running')?.questions[0]?.text)
      .toBe('Half an answer');

    await page.reload();
    await page.getByRole('heading', { name: 'An interview was interrupted' }).waitFor();
    expect(await page.getByText('stopped at question 1 of 2').count()).toBe(1);
    await page.getByRole('button', { name: 'Resume interview' }).click();
    await interview.answerBox().waitFor();
    expect(await interview.answerBox().inputValue()).toBe('Half an answer');
    // The clock goes on from the time kept (about 40 s used of 3:00), not from the start.
    const left = await interview.timer().innerText();
    expect(left).toMatch(/^2:[0-2]\d\s+left$/);

    await page.reload();
    await page.getByRole('button', { name: 'Discard it' }).click();
    await interview.start().waitFor();
    expect((await readStore<Run>(page, 'interviews')).filter((r) => r.status === 'running')).toEqual([]);
    expect(await countStore(page, 'recordings')).toBe(0);
  });
});

describe('the microphone refused', () => {
  let refused: AppSession;
  beforeAll(async () => {
    refused = await openApp({ fakeMedia: 'prompt' });
  });
  afterAll(async () => {
    await refused?.close();
  });

  it('falls back to writing, with the reason shown', async () => {
    const p = refused.page;
    const screen = new InterviewPage(p);
    await screen.open();
    await screen.setUp({ decks: ['Practice explaining'], count: 1, minutes: 1, mode: 'Spoken', review: 'After each answer' });
    await screen.start().click();
    const note = p.getByRole('status').filter({ hasText: 'Answers are written in this run' });
    await note.waitFor();
    expect(await note.innerText()).toContain('Microphone permission was refused');
    await screen.answerBox().fill('Written instead.');
    await screen.finishAnswer().click();
    await screen.reviewHeading(1).waitFor();
    const [run] = await readStore<Run>(p, 'interviews');
    expect(run?.fallback).toContain('Microphone permission was refused');
    expect(run?.questions[0]?.text).toBe('Written instead.');
    expect(await countStore(p, 'recordings')).toBe(0);
  });
});
