/**
 * The hostile-deck corpus (tests/e2e/hostile-corpus.ts, 76 payloads) imported in every format
 * (TSV with HTML, Markdown, JSON, Anki package fields and templates, backup file) and shown in the
 * import preview, review (front and back), Browse (list and card) and the note editor's preview:
 * the `window.__xss` sentinel never fires and not one request leaves the origin (the browser's
 * request events, the service worker's included; evil.example is refused so nothing is fetched).
 * `npm test` reviews 6 cards per format; `npm run test:reliability` reviews every card.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCardState } from '../../src/domain/scheduling/scheduler';
import { buildPackage } from '../import/anki-builder';
import { launch, newContext, PHONE } from '../harness/browser';
import { LONG, offOriginRequests, openControlled } from './faults';
import { CORPUS, marker } from './hostile-corpus';
import { DecksPage } from './pages/app';
import { startServer, type StaticServer } from '../harness/server';
import { goToHash } from './session';

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
let offOrigin: string[] = [];
const REVIEWS = LONG ? CORPUS.length : 6;

beforeAll(async () => {
  browser = await launch();
  server = await startServer();
  context = await newContext(browser, PHONE);
  offOrigin = offOriginRequests(context, server);
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  await openControlled(page, server);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const front = (i: number) => `${marker(i)} ${CORPUS[i]?.html}`;
const back = (i: number) => `${CORPUS[i]?.html} back ${marker(i)}`;

async function fileFor(format: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const deck = `Hostile-${format}`;
  if (format === 'tsv') {
    const rows = CORPUS.map((_, i) => `${front(i).replace(/[\t\n\r]/g, ' ')}\t${back(i).replace(/[\t\n\r]/g, ' ')}`);
    return {
      name: 'hostile.tsv',
      mimeType: 'text/tab-separated-values',
      buffer: Buffer.from(['#separator:Tab', '#html:true', `#deck:${deck}`, ...rows].join('\n')),
    };
  }
  if (format === 'md') {
    // One line per field: line and paragraph separators (U+2028/9) end a line in a Markdown deck,
    // and the reader refuses such a note naming its line, so they become spaces here.
    const line = (text: string) => text.replace(/[\n\r\u2028\u2029]/g, ' ');
    const notes = CORPUS.map(
      (_, i) =>
        `## basic h${i}\nFront: ${line(front(i))} ![p](https://evil.example/md.png)\nBack: ${line(back(i))} [x](javascript:window.__xss=1)\n`,
    );
    return {
      name: 'hostile.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(`---\nformat: 1\nid: hostile-md\nname: ${deck}\n---\n\n${notes.join('\n')}`),
    };
  }
  if (format === 'json') {
    const notes = CORPUS.map((_, i) => ({ kind: 'basic', id: `j${i}`, fields: { front: front(i), back: back(i) } }));
    return {
      name: 'hostile.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 1, id: 'hostile-json', name: deck, notes })),
    };
  }
  if (format === 'apkg') {
    const templates = CORPUS.filter((p) => p.kind === 'template');
    const bytes = await buildPackage({
      layout: 'anki2',
      crt: 1_700_000_000,
      notetypes: [
        {
          id: 1,
          name: 'Hostile',
          fields: ['Front', 'Back'],
          templates: [
            { name: 'Card 1', q: `{{Front}}${templates.map((t) => t.html).join('')}`, a: '{{FrontSide}}<hr id=answer>{{Back}}' },
          ],
        },
      ],
      decks: [{ id: 1, name: deck }],
      notes: CORPUS.map((_, i) => ({ id: 100 + i, guid: `hostile${i}`, mid: 1, fields: [front(i), back(i)] })),
      cards: CORPUS.map((_, i) => ({ id: 1000 + i, nid: 100 + i, did: 1, ord: 0 })),
    });
    return { name: 'hostile.apkg', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) };
  }
  // A backup file: rendered card HTML written as-is (restore sanitises before storing).
  const backup = {
    format: 'recall-re-backup',
    version: 1,
    createdAt: Date.now(),
    decks: [{ id: 'hostile-backup', name: deck, description: '', source: 'user', order: 99 }],
    notes: CORPUS.map((_, i) => ({
      id: `hb${i}`,
      deckId: 'hostile-backup',
      kind: 'basic',
      tags: [],
      fields: { front: front(i), back: back(i) },
      cards: [{ ord: 0, front: front(i), back: back(i) }],
      hash: `h${i}`,
    })),
    cards: CORPUS.map((_, i) => ({ id: `hb${i}#0`, noteId: `hb${i}`, deckId: 'hostile-backup', ord: 0, ...newCardState(i) })),
    reviews: [],
    settings: [],
    media: [],
  };
  return { name: 'hostile-backup.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) };
}

const fired = () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);

describe(`hostile decks (${CORPUS.length} payloads)`, () => {
  it.each(['tsv', 'md', 'json', 'apkg', 'backup'])(
    '%s: preview, review, browse and edit never run a payload or send a request',
    async (format) => {
      const file = await fileFor(format);
      if (format === 'backup') {
        await goToHash(page, '#/settings');
        await page.getByLabel('Choose backup file').setInputFiles(file);
        await page.getByRole('status').filter({ hasText: 'Restored hostile-backup.json' }).waitFor({ timeout: 60_000 });
      } else {
        await goToHash(page, '#/import');
        await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
        await page.getByLabel('Choose a file').setInputFiles(file);
        await page.getByRole('heading', { name: /^Preview of / }).waitFor({ timeout: 60_000 });
        expect(await fired()).toBeUndefined();
        await page.getByRole('button', { name: 'Import', exact: true }).click();
        await page.getByRole('heading', { name: /^Imported / }).waitFor({ timeout: 60_000 });
      }
      await goToHash(page, '#/decks');
      const study = await new DecksPage(page).studyDeck(`Hostile-${format}`);
      for (let i = 0; i < REVIEWS; i++) {
        if (!(await study.showAnswer().isVisible())) break;
        await study.showAnswer().click();
        const links = page.locator('.card a, .card button:not(.grade), .card area');
        if ((await links.count()) > 0)
          await links
            .first()
            .click({ timeout: 1000 })
            .catch(() => undefined);
        await page
          .locator('.card')
          .hover()
          .catch(() => undefined);
        await study.grade('Good').click();
        await study.waitForCardOrDone();
      }
      expect(await fired()).toBeUndefined();

      await goToHash(page, '#/browse');
      const box = page.getByRole('searchbox', { name: 'Search cards' });
      await box.fill(`deck:Hostile-${format}`);
      await box.press('Enter');
      await expect
        .poll(() => page.getByRole('status', { name: 'Result count' }).innerText(), { timeout: 20_000 })
        .toBe(`${CORPUS.length} cards`);
      const rows = page.getByRole('list', { name: 'Cards' }).getByRole('listitem');
      for (let k = 0; k < 3; k++) {
        await rows.nth(k).getByRole('button').first().click();
        const card = page.getByRole('dialog', { name: 'Card' });
        await card.waitFor();
        if (k === 0) {
          await card.getByRole('button', { name: 'Edit', exact: true }).click();
          const editor = page.getByRole('dialog', { name: 'Edit note' });
          await editor.waitFor();
          await editor.getByRole('button', { name: 'Cancel' }).click();
          await editor.waitFor({ state: 'detached' });
        }
        await card.getByRole('button', { name: 'Close' }).click();
        await card.waitFor({ state: 'detached' });
      }
      expect(await fired()).toBeUndefined();
      expect(offOrigin).toEqual([]);
    },
    240_000,
  );
});
