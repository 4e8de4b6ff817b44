/**
 * Accessibility: an axe-core scan of every screen, light and dark, phone and desktop, must
 * report no serious or critical violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launch, PHONE } from '../harness/browser';
import { startServer, type StaticServer } from '../harness/server';

let browser: Browser;
let server: StaticServer;

const SCREENS: { name: string; hash: string; ready: (page: Page) => Promise<unknown> }[] = [
  // The first screen of a fresh context also loads the built-in decks into IndexedDB.
  { name: 'decks', hash: '#/decks', ready: (p) => p.getByRole('button', { name: 'Study all' }).waitFor({ timeout: 90_000 }) },
  { name: 'study', hash: '#/study/research-thinking', ready: (p) => p.getByRole('button', { name: 'Show answer' }).waitFor() },
  {
    name: 'study, answer shown',
    hash: '#/study/research-thinking',
    ready: async (p) => {
      await p.getByRole('button', { name: 'Show answer' }).click();
      await p.getByRole('button', { name: 'Good', exact: true }).waitFor();
    },
  },
  {
    name: 'explain card',
    hash: '#/study/practice-explaining',
    ready: async (p) => {
      await p.getByRole('button', { name: 'Show answer' }).click();
      await p.getByRole('heading', { name: 'Model answer' }).waitFor();
      await p.getByRole('group', { name: /Rubric/ }).waitFor();
    },
  },
  { name: 'browse', hash: '#/browse', ready: (p) => p.getByLabel('Search cards').waitFor() },
  { name: 'import', hash: '#/import', ready: (p) => p.getByRole('heading', { level: 1, name: 'Import' }).waitFor() },
  { name: 'settings', hash: '#/settings', ready: (p) => p.getByRole('button', { name: 'Save settings' }).waitFor() },
  { name: 'statistics', hash: '#/stats', ready: (p) => p.getByTestId('retention-verdict').waitFor() },
  { name: 'deck options', hash: '#/options/statistics', ready: (p) => p.getByRole('button', { name: 'Save options' }).waitFor() },
  // The interview's setup, then a question of a run started there, then (after the reload the
  // next visit makes) the interrupted run resumed and its answer under review.
  { name: 'interview setup', hash: '#/interview', ready: (p) => p.getByRole('button', { name: 'Start interview' }).waitFor() },
  {
    name: 'interview question',
    hash: '#/interview',
    ready: async (p) => {
      await p.getByRole('button', { name: 'Start interview' }).click();
      await p.getByRole('timer').waitFor();
    },
  },
  {
    name: 'interview review',
    hash: '#/interview',
    ready: async (p) => {
      // The same hash is no navigation: reload, as a crash or a closed tab would.
      await p.reload();
      await p.getByRole('button', { name: 'Resume interview' }).click();
      await p.getByRole('button', { name: 'Finish answer' }).click();
      await p.getByRole('heading', { name: 'Review of question 1' }).waitFor();
    },
  },
  {
    // That run discarded, a one-question run to its summary, then finished: the figures.
    name: 'interview summary',
    hash: '#/interview',
    ready: async (p) => {
      await p.reload();
      await p.getByRole('button', { name: 'Discard it' }).click();
      await p.getByLabel('Questions', { exact: true }).fill('1');
      await p.getByRole('button', { name: 'Start interview' }).click();
      await p.getByRole('button', { name: 'Finish answer' }).click();
      await p.getByRole('button', { name: 'Good', exact: true }).click();
      await p.getByRole('heading', { name: 'Interview done' }).waitFor();
    },
  },
  {
    name: 'interview figures',
    hash: '#/interview',
    ready: async (p) => {
      await p.getByRole('button', { name: 'Finish', exact: true }).click();
      await p.getByRole('heading', { name: 'What your runs show' }).waitFor();
      await p.getByRole('heading', { name: 'Past runs' }).waitFor();
    },
  },
];

beforeAll(async () => {
  browser = await launch();
  server = await startServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([
  { size: 'phone', viewport: PHONE },
  { size: 'desktop', viewport: DESKTOP },
])('axe at $size size', ({ viewport }) => {
  it.each(['light', 'dark'] as const)('no serious or critical violations on any screen (%s)', async (scheme) => {
    const context = await browser.newContext({ ...viewport, colorScheme: scheme, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      const found: string[] = [];
      const timings: string[] = [];
      for (const screen of SCREENS) {
        await page.goto(`${server.url}/${screen.hash}`);
        await screen.ready(page);
        const started = Date.now();
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .analyze();
        timings.push(`${screen.name} ${Date.now() - started}ms`);
        for (const v of result.violations) {
          if (v.impact === 'serious' || v.impact === 'critical') {
            found.push(
              `${screen.name}: ${v.id} (${v.impact}) ${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(' | ')}`,
            );
          }
        }
      }
      console.log(timings.join(', '));
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
