/**
 * `npm run screenshots`: builds nothing itself (run `npm run build` first); serves dist/, opens
 * each screen at phone and desktop size in light and dark, and writes PNGs to docs/screenshots/.
 * SHOTS=name,… limits it to those screens.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, launch, PHONE } from '../tests/harness/browser';
import { addRows } from '../tests/harness/idb';
import { startServer } from '../tests/harness/server';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });

type Shot = { name: string; go: (page: Page) => Promise<void> };

const shots: Shot[] = [
  {
    name: 'decks',
    go: async (page) => {
      await page.getByRole('button', { name: 'Study all' }).waitFor();
    },
  },
  {
    name: 'review-front',
    go: async (page) => {
      await page.getByRole('button', { name: 'Study all' }).click();
      await page.getByRole('button', { name: 'Show answer' }).waitFor();
    },
  },
  {
    name: 'review-answer',
    go: async (page) => {
      await page.getByRole('button', { name: 'Study all' }).click();
      await page.getByRole('button', { name: 'Show answer' }).click();
      await page.getByRole('button', { name: 'Good', exact: true }).waitFor();
    },
  },
  {
    name: 'explain-card',
    go: async (page) => {
      await page.evaluate(() => {
        window.location.hash = '#/study/practice-explaining';
      });
      await page.getByRole('button', { name: 'Show answer' }).click();
      await page
        .getByRole('group', { name: /Rubric/ })
        .or(page.locator('.rubric'))
        .first()
        .waitFor();
      await page.locator('.rubric input[type=checkbox]').first().check();
    },
  },
  {
    name: 'browse',
    go: async (page) => {
      await page.getByRole('link', { name: 'Browse', exact: true }).click();
      await page.getByLabel('Search cards').fill('is:new deck:statistics');
      await page.getByLabel('Search cards').press('Enter');
      await page.getByRole('listitem').first().waitFor();
    },
  },
  {
    name: 'import',
    go: async (page) => {
      await page.getByRole('link', { name: 'Import', exact: true }).click();
      await page
        .getByLabel('Paste a deck')
        .fill('ablation\tremoving one component to measure its effect\nleakage\ttest information reaching training');
      await page.getByRole('button', { name: 'Preview pasted text' }).click();
      await page.getByRole('heading', { name: /^Preview of / }).waitFor();
    },
  },
  {
    name: 'deck-options',
    go: async (page) => {
      await page.getByRole('link', { name: 'Options for Statistics for experiments' }).click();
      await page.getByRole('button', { name: 'Save options' }).waitFor();
    },
  },
  {
    name: 'done',
    go: async (page) => {
      await page.evaluate(() => {
        window.location.hash = '#/study/common-mistakes';
      });
      for (let i = 0; i < 40; i++) {
        const show = page.getByRole('button', { name: 'Show answer' });
        const done = page.getByRole('heading', { name: 'All done for now' });
        await show.or(done).first().waitFor();
        if (await done.isVisible()) break;
        await show.click();
        await page.getByRole('button', { name: 'Easy', exact: true }).click();
      }
      await page.getByTestId('day-summary').waitFor();
    },
  },
  {
    name: 'stats',
    go: async (page) => {
      // A month of reviews, as a regular user's would look: 20–60 answers on most days, about 9
      // in 10 remembered. A fixed pseudo-random sequence (Park–Miller) keeps the picture stable.
      await page.getByRole('button', { name: 'Study all' }).waitFor();
      let seed = 7;
      const rand = () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      const rows: Record<string, unknown>[] = [];
      const now = Date.now();
      for (let day = 29; day >= 0; day--) {
        if (rand() < 0.15) continue;
        const count = 20 + Math.floor(rand() * 40);
        for (let i = 0; i < count; i++) {
          rows.push({
            cardId: `demo-${day}-${i}`,
            noteId: `demo-${day}-${i}`,
            deckId: rand() < 0.6 ? 'statistics' : 'research-thinking',
            rating: rand() < 0.9 ? 3 : 1,
            state: 2,
            review: now - day * 86_400_000 - 60_000,
            durationMs: 6000,
            before: { state: 2 },
            beforeQueue: 2,
          });
        }
      }
      await addRows(page, 'reviews', rows);
      await page.getByRole('link', { name: 'Stats', exact: true }).click();
      await page.getByTestId('retention-verdict').waitFor();
    },
  },
  {
    name: 'interview-setup',
    go: async (page) => {
      await page.getByRole('link', { name: 'Interview', exact: true }).click();
      await page.getByRole('button', { name: 'Start interview' }).waitFor();
    },
  },
  {
    name: 'interview-question',
    go: async (page) => {
      await startInterview(page, 3);
      await page
        .getByRole('textbox', { name: 'Your answer' })
        .fill('Rerun both on the same seeds and hardware, five seeds each, and compare the paired differences.');
    },
  },
  {
    name: 'interview-review',
    go: async (page) => {
      await startInterview(page, 3);
      await answerAndReview(page, 'Same seeds, same hardware, then a paired comparison.');
      await page
        .getByRole('group', { name: /Rubric/ })
        .getByRole('checkbox')
        .first()
        .check();
    },
  },
  {
    name: 'interview-summary',
    go: async (page) => {
      await startInterview(page, 3);
      const grades = ['Good', 'Hard', 'Again'] as const;
      for (const [i, grade] of grades.entries()) {
        if (i > 0) await page.getByRole('button', { name: `Start question ${i + 1}` }).click();
        await answerAndReview(page, 'A first answer, for the picture.');
        const boxes = page.getByRole('group', { name: /Rubric/ }).getByRole('checkbox');
        for (let k = 0; k < 3 - i; k++) await boxes.nth(k).check();
        await page.getByRole('button', { name: grade, exact: true }).click();
      }
      await page.getByRole('heading', { name: 'Interview done' }).waitFor();
    },
  },
  {
    name: 'interview-figures',
    go: async (page) => {
      // Twelve past runs of five answers: "what would change your mind" covered about a third of
      // the time, the other kinds most of the time (a fixed Park–Miller sequence).
      await page.getByRole('button', { name: 'Study all' }).waitFor();
      let seed = 11;
      const rand = () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      const now = Date.now();
      const runs = Array.from({ length: 12 }, (_, r) => ({
        id: `demo-run-${r}`,
        startedAt: now - (12 - r) * 86_400_000,
        finishedAt: now - (12 - r) * 86_400_000 + 900_000,
        status: 'done',
        setup: { deckIds: ['practice-explaining'], count: 5, minutes: 3, mode: 'written', reviewAt: 'each' },
        current: 5,
        step: 'summary',
        questions: Array.from({ length: 5 }, (_, q) => ({
          cardId: `demo-${r}-${q}#0`,
          noteId: `demo-${r}-${q}`,
          deckId: 'practice-explaining',
          reps: 0,
          rubricKinds: ['test', 'why', 'mind'],
          usedMs: Math.round(90_000 + rand() * (150_000 - r * 6_000)),
          text: '',
          ticks: [rand() < 0.85, rand() < 0.7, rand() < 0.35],
          grade: 3,
        })),
      }));
      await addRows(page, 'interviews', runs);
      await page.getByRole('link', { name: 'Interview', exact: true }).click();
      await page.getByRole('heading', { name: 'What your runs show' }).scrollIntoViewIfNeeded();
      await page.getByTestId('coverage-verdict').waitFor();
    },
  },
  {
    name: 'settings',
    go: async (page) => {
      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('button', { name: 'Save settings' }).waitFor();
    },
  },
];

/** Opens the Interview screen and starts a written run of `count` questions from Practice explaining. */
async function startInterview(page: Page, count: number): Promise<void> {
  await page.getByRole('link', { name: 'Interview', exact: true }).click();
  const boxes = page.getByRole('group', { name: 'Decks' }).getByRole('checkbox');
  await boxes.first().waitFor();
  for (const box of await boxes.all()) {
    await box.setChecked(((await box.locator('xpath=..').textContent()) ?? '').trim().startsWith('Practice explaining'));
  }
  await page.getByLabel('Questions', { exact: true }).fill(String(count));
  await page.getByRole('button', { name: 'Start interview' }).click();
  await page.getByRole('timer').waitFor();
}

async function answerAndReview(page: Page, answer: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Your answer' }).fill(answer);
  await page.getByRole('button', { name: 'Finish answer' }).click();
  await page.getByRole('heading', { name: /^Review of question/ }).waitFor();
}

/** SHOTS=stats,settings takes only those. */
const only = process.env.SHOTS?.split(',');
const server = await startServer();
const browser = await launch();
try {
  for (const [sizeName, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      for (const shot of shots.filter((s) => !only || only.includes(s.name))) {
        const context = await browser.newContext({ ...size, colorScheme: scheme, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.goto(`${server.url}/#/decks`);
        await shot.go(page);
        await page.evaluate(() => document.fonts.ready);
        const file = join(OUT, `${shot.name}-${sizeName}-${scheme}.png`);
        await page.screenshot({ path: file });
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
