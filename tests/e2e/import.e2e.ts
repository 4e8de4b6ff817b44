/**
 * Import through the file picker in real Chromium: a CSV and a real Anki package, each
 * previewed then committed; an imported card reviewed offline; the updated package re-imported
 * offline keeps the card's progress; hostile HTML never runs and nothing leaves the origin.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newContext, PHONE } from '../harness/browser';
import { DecksPage } from './pages/app';
import { newCardState } from '../../src/domain/scheduling/scheduler';
import { buildPackage } from '../import/anki-builder';
import { offOriginRequests, openControlled } from './faults';
import { readStore } from '../harness/idb';
import { startServer, type StaticServer } from '../harness/server';

const ANKI = resolve(import.meta.dirname, '..', 'fixtures', 'anki');
const tmp = mkdtempSync(join(tmpdir(), 'recall-import-'));

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
let serverUp = true;
let offOrigin: string[] = [];

async function pick(file: string): Promise<void> {
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
  await page.getByLabel('Choose a file').setInputFiles(file);
  await page.getByRole('heading', { name: /^Preview of / }).waitFor();
}

async function commit(): Promise<void> {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: /^Imported / }).waitFor();
}

beforeAll(async () => {
  browser = await launch();
  server = await startServer();
  context = await newContext(browser, PHONE);
  page = await context.newPage();
  offOrigin = offOriginRequests(context, server);
  await openControlled(page, server);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  if (serverUp) await server?.close();
});

describe('import', () => {
  it('previews a CSV (bad rows listed with their line), and Cancel leaves no trace', async () => {
    const csv = join(tmp, 'vocab.csv');
    writeFileSync(
      csv,
      '#separator:Comma\n#deck:Vocab\nablation,removing one part to measure its effect\nleakage\nseed,the number that fixes randomness\n',
    );
    const notesBefore = (await readStore(page, 'notes')).length;
    await pick(csv);
    expect(await page.getByTestId('preview-counts').innerText()).toContain('2 notes');
    await page
      .getByText(/vocab\.csv:4/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect((await readStore(page, 'notes')).length).toBe(notesBefore);
    await pick(csv);
    await commit();
    expect((await readStore(page, 'notes')).length).toBe(notesBefore + 2);
  });

  it('imports a real Anki package, reviews it offline, and a re-import keeps its progress', async () => {
    await pick(join(ANKI, 'update1.apkg'));
    await page.locator('.sample-card').filter({ hasText: 'hello' }).first().waitFor();
    await commit();
    const imported = (await readStore(page, 'notes')).filter((n) => String(n.id).startsWith('anki:'));
    expect(imported).toHaveLength(1);
    const deckId = String(imported[0]?.deckId);
    const deckName = String((await readStore(page, 'decks')).find((d) => d.id === deckId)?.name);

    await server.close();
    serverUp = false;
    await context.setOffline(true);
    await page.getByRole('link', { name: 'Decks', exact: true }).click();
    const study = await new DecksPage(page).studyDeck(deckName);
    expect(await study.frontText()).toContain('hello');
    await study.answerWithClicks('Good');
    const card = (await readStore(page, 'cards')).find((c) => c.deckId === deckId);
    expect(card?.reps).toBe(1);

    await pick(join(ANKI, 'update2.apkg'));
    await page.locator('.sample-card').filter({ hasText: 'goodbye' }).first().waitFor();
    await commit();
    const after = (await readStore(page, 'notes')).filter((n) => String(n.id).startsWith('anki:'));
    expect(after).toHaveLength(1);
    expect(JSON.stringify(after[0]?.cards)).toContain('goodbye');
    const kept = (await readStore(page, 'cards')).find((c) => c.id === card?.id);
    expect(kept).toEqual(card);
    await context.setOffline(false);
  });

  it('defect: a current Anki package (anki21b, schema 18) imports, and its zstd media show offline', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const file = join(tmp, 'current-anki.apkg');
    writeFileSync(
      file,
      await buildPackage({
        layout: 'anki21b',
        crt: 1_700_000_000,
        notetypes: [
          {
            id: 7,
            name: 'Basic',
            fields: ['Front', 'Back'],
            templates: [{ name: 'Card 1', q: '{{Front}}', a: '{{FrontSide}}<hr id=answer>{{Back}}' }],
          },
        ],
        decks: [
          { id: 1, name: 'Default' },
          { id: 50, name: 'Current Anki' },
        ],
        notes: [{ id: 70, guid: 'currentAnki', mid: 7, fields: ['dot <img src="dot.png">', 'one pixel'] }],
        cards: [{ id: 71, nid: 70, did: 50, ord: 0 }],
        media: [{ name: 'dot.png', data: png }],
      }),
    );
    if (!serverUp) server = await startServer(server.port);
    serverUp = true;
    await pick(file);
    await page.locator('.sample-card').filter({ hasText: 'dot' }).first().waitFor();
    await commit();
    expect((await readStore(page, 'media')).map((m) => m.id)).toContain('dot.png');

    await server.close();
    serverUp = false;
    await page.getByRole('link', { name: 'Decks', exact: true }).click();
    const study = await new DecksPage(page).studyDeck('Current Anki');
    expect(await study.frontText()).toContain('dot');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.card img');
      return img?.complete === true && img.naturalWidth === 1;
    });
    server = await startServer(server.port);
    serverUp = true;
  });

  const HOSTILE: [string, string][] = [
    ['<img src=x onerror="window.__xss=1">front one', '<script>window.__xss=2</script>back'],
    ['<a href="javascript:window.__xss=3">link</a> two', '<iframe src="https://example.com/"></iframe>x'],
    ['<img src="https://example.com/beacon.png">beacon three', '<form action="https://example.com/"><button>go</button></form>y'],
  ];

  async function hostileFile(format: string): Promise<string> {
    const file = join(tmp, `hostile.${format}`);
    if (format === 'txt') {
      const rows = HOSTILE.map(([f, b]) => `${f}\t${b}`);
      writeFileSync(file, ['#separator:Tab', '#html:true', '#deck:Hostile txt', ...rows].join('\n'));
    } else if (format === 'md') {
      const notes = HOSTILE.map(
        ([f, b], i) => `## basic h${i}\nFront: ${f} ![pixel](https://example.com/md.png)\nBack: ${b} [x](javascript:alert(1))\n`,
      );
      writeFileSync(file, `---\nformat: 1\nid: hostile-md\nname: Hostile md\n---\n\n${notes.join('\n')}`);
    } else if (format === 'json') {
      const notes = HOSTILE.map(([front, back], i) => ({ kind: 'basic', id: `j${i}`, fields: { front, back } }));
      writeFileSync(file, JSON.stringify({ format: 1, id: 'hostile-json', name: 'Hostile json', notes }));
    } else {
      const bytes = await buildPackage({
        layout: 'anki2',
        crt: 1_700_000_000,
        notetypes: [
          {
            id: 1,
            name: 'Basic',
            fields: ['Front', 'Back'],
            templates: [
              { name: 'Card 1', q: '{{Front}}<script>window.__xss=9</script>', a: '{{FrontSide}}<hr id=answer>{{Back}}' },
            ],
          },
        ],
        decks: [{ id: 1, name: 'Hostile apkg' }],
        notes: HOSTILE.map(([f, b], i) => ({ id: 100 + i, guid: `hostile${i}`, mid: 1, fields: [f, b] })),
        cards: HOSTILE.map((_, i) => ({ id: 200 + i, nid: 100 + i, did: 1, ord: 0 })),
      });
      writeFileSync(file, bytes);
    }
    return file;
  }

  it.each(['txt', 'md', 'json', 'apkg'])(
    'never runs hostile HTML imported as %s, and nothing is sent to another origin',
    async (format) => {
      if (!serverUp) server = await startServer(server.port);
      serverUp = true;
      await pick(await hostileFile(format));
      await commit();
      await page.getByRole('link', { name: 'Decks', exact: true }).click();
      const study = await new DecksPage(page).studyDeck(`Hostile ${format}`);
      for (let i = 0; i < 3; i++) {
        await study.showAnswer().click();
        const links = page.locator('.card a');
        if ((await links.count()) > 0)
          await links
            .first()
            .click({ timeout: 2000 })
            .catch(() => undefined);
        await study.grade('Good').click();
        await study.waitForCardOrDone();
      }
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      const cards = JSON.stringify(
        (await readStore(page, 'notes')).filter((n) => JSON.stringify(n).includes('front one')).map((n) => n.cards),
      );
      expect(cards).not.toMatch(/<script|<iframe|<form|<[^>]+\son\w+=|href=\\?"javascript:|src=\\?"https?:/i);
      expect(offOrigin).toEqual([]);
    },
  );

  it('never runs hostile HTML from a restored backup: every card side is sanitised before it is stored', async () => {
    if (!serverUp) server = await startServer(server.port);
    serverUp = true;
    const card = (i: number) => ({ id: `hb${i}#0`, noteId: `hb${i}`, deckId: 'hostile-backup', ord: 0, ...newCardState(i) });
    const backup = {
      format: 'recall-re-backup',
      version: 1,
      createdAt: Date.now(),
      decks: [{ id: 'hostile-backup', name: 'Hostile backup', description: '', source: 'user', order: 99 }],
      notes: HOSTILE.map(([front, back], i) => ({
        id: `hb${i}`,
        deckId: 'hostile-backup',
        kind: 'basic',
        tags: [],
        fields: { front, back },
        cards: [{ ord: 0, front, back }],
        hash: `h${i}`,
      })),
      cards: HOSTILE.map((_, i) => card(i)),
      reviews: [],
      settings: [],
      media: [],
    };
    const file = join(tmp, 'hostile-backup.json');
    writeFileSync(file, JSON.stringify(backup));
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Choose backup file').setInputFiles(file);
    await page.getByRole('status').filter({ hasText: 'Restored hostile-backup.json (merge)' }).waitFor();
    const stored = JSON.stringify(
      (await readStore(page, 'notes')).filter((n) => String(n.id).startsWith('hb')).map((n) => n.cards),
    );
    expect(stored).toContain('front one');
    expect(stored).not.toMatch(/<script|<iframe|<form|<[^>]+\son\w+=|href=\\?"javascript:|src=\\?"https?:/i);

    await page.getByRole('link', { name: 'Decks', exact: true }).click();
    const study = await new DecksPage(page).studyDeck('Hostile backup');
    for (let i = 0; i < 3; i++) {
      await study.showAnswer().click();
      await study.grade('Good').click();
      await study.waitForCardOrDone();
    }
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(offOrigin).toEqual([]);
  });

  it('takes a file shared to the installed app (share_target) to the import preview', async () => {
    await page.evaluate(async () => {
      const form = new FormData();
      form.append(
        'deck',
        new File(['term\tdefinition\nshared term\tshared meaning\n'], 'shared-deck.tsv', { type: 'text/tab-separated-values' }),
      );
      await fetch('/share-target', { method: 'POST', body: form });
    });
    // The worker answers the POST with a redirect to #/import/shared; opening that route picks the file up.
    await page.evaluate(() => {
      window.location.hash = '#/import/shared';
    });
    await page.getByRole('heading', { name: 'Preview of shared-deck.tsv' }).waitFor();
    expect(await page.getByTestId('preview-counts').innerText()).toContain('2 notes');
  });
});
