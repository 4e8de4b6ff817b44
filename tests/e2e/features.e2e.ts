/**
 * Foundation features beyond the daily loop, in real Chromium: installability (manifest),
 * built-in deck card counts, settings that apply without a reload, explain cards with a
 * rubric, and a new version that waits for the person instead of reloading a review.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckStats } from '../../src/domain/deck-format/stats';
import { loadDeckFiles } from '../../scripts/deck-files';
import { PHONE } from '../harness/browser';
import { DeckOptionsPage, DecksPage, StudyPage } from './pages/app';
import type { StaticServer } from '../harness/server';
import { type AppSession, goToHash, openApp } from './session';
import { countStore, readStore } from '../harness/idb';
import { parseDeck } from '../../src/domain/deck-format/parse';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let app: AppSession;
let browser: Browser;
let server: StaticServer;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  ({ browser, server, page } = app);
});
afterAll(async () => {
  await app?.close();
});

describe('install and content', () => {
  it('links a web app manifest with the fields Chromium needs to install the app', async () => {
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const manifest = await page.evaluate(async (url) => (await fetch(url as string)).json(), href);
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/', scope: '/', short_name: 'Recall RE' });
    expect(manifest.name).toBeTruthy();
    expect(manifest.description).toBeTruthy();
    expect(manifest.theme_color).toMatch(/^#/);
    expect(manifest.background_color).toMatch(/^#/);
    const sizes = (manifest.icons as { sizes: string; purpose?: string; src: string }[]).map(
      (i) => `${i.sizes}:${i.purpose ?? 'any'}`,
    );
    expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));
    // Home-screen shortcuts open routes the app knows.
    const shortcuts = (manifest.shortcuts as { name: string; url: string }[]).map((s) => s.url);
    expect(shortcuts).toEqual(['/#/study/all', '/#/import']);
    for (const icon of manifest.icons as { src: string }[]) {
      const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
      expect(status, icon.src).toBe(200);
    }
  });

  it('shows each built-in deck with its number of cards', async () => {
    const decks = new DecksPage(page);
    for (const { deck } of loadDeckFiles()) {
      const text = await decks.deck(deck.name).innerText();
      expect(text, deck.name).toContain(`${deckStats(deck).cards} cards`);
    }
  });
});

describe('settings', () => {
  it('refuses invalid values with a message next to the field and saves nothing', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const steps = page.getByLabel('Learning steps', { exact: true });
    await steps.fill('10x');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('learning steps');
    await page.reload();
    await expect.poll(() => page.getByLabel('Learning steps', { exact: true }).inputValue()).toBe('1m 10m');
  });

  it('applies new learning steps to the next answer without a reload', async () => {
    await page.getByLabel('Learning steps', { exact: true }).fill('2m 15m');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByRole('link', { name: 'Decks', exact: true }).click();
    const study = await new DecksPage(page).studyDeck('Research thinking');
    await study.showAnswer().click();
    await expect.poll(() => page.locator('#interval-1').innerText()).toBe('2m');
    expect(await page.locator('#interval-3').innerText()).toBe('15m');
  });
});

describe('explain cards', () => {
  it('takes a draft, shows the model answer and a rubric whose ticks suggest a grade', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/study/practice-explaining';
    });
    const study = new StudyPage(page);
    await study.showAnswer().waitFor();
    await page.getByLabel('Your answer (optional)').fill('Rerun on five seeds and compare paired differences.');
    await study.showAnswer().click();
    await page.getByRole('heading', { name: 'Model answer' }).waitFor();
    await page.getByRole('group', { name: /Rubric/ }).waitFor();
    const boxes = page.getByRole('group', { name: /Rubric/ }).getByRole('checkbox');
    const total = await boxes.count();
    expect(total).toBeGreaterThanOrEqual(3);
    expect(total).toBeLessThanOrEqual(5);
    await expect.poll(() => page.locator('.grade.suggested .grade-label').innerText()).toBe('Again');
    for (let i = 0; i < total; i++) await boxes.nth(i).check();
    await expect.poll(() => page.locator('.grade.suggested .grade-label').innerText()).toBe('Good');
    expect(await page.getByText('Rerun on five seeds').count()).toBe(1);
  });
});

describe('updates', () => {
  it('announces a new version during a review and reloads only when asked', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.evaluate(() => {
      window.location.hash = '#/study/research-thinking';
    });
    const study = new StudyPage(page);
    await study.showAnswer().waitFor();
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });

    server.setServiceWorkerSuffix('next version');
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await page.getByRole('status').filter({ hasText: 'Update available' }).waitFor();
    // Still the same document and the same card: nothing reloaded the review.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await study.showAnswer().waitFor();

    await page.getByRole('button', { name: 'Update', exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === undefined);
    await new StudyPage(page).waitForCardOrDone();
    expect(await page.getByText('Update available').count()).toBe(0);
  });
});

describe('deck options', () => {
  it('refuses invalid values next to the field, and a new preset limits only its deck', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/decks';
    });
    const decks = new DecksPage(page);
    await decks.heading().waitFor();
    await page.getByRole('link', { name: 'Options for Statistics for experiments' }).click();
    await page.getByRole('heading', { level: 1, name: /Options: Statistics/ }).waitFor();

    const retention = page.getByLabel('Desired retention', { exact: true });
    await retention.fill('1.5');
    await page.getByRole('button', { name: 'Save options' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('desired retention');
    await retention.fill('0.9');

    const options = new DeckOptionsPage(page);
    await options.newPreset('Light');
    await page.getByLabel('New cards per day', { exact: true }).fill('3');
    await options.save();

    await page.getByRole('link', { name: '‹ Decks' }).click();
    await decks.heading().waitFor();
    await expect.poll(async () => (await decks.counts('Statistics for experiments')).newCount).toBe(3);
    expect((await decks.counts('Evaluation design')).newCount).toBeGreaterThan(3);
  });
});

describe('icon badge', () => {
  it('shows the number of cards waiting where the Badging API exists, and nothing breaks without it', async () => {
    const withBadge = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    const withoutBadge = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    try {
      const a = await withBadge.newPage();
      await a.addInitScript(() => {
        const calls: number[] = [];
        (window as unknown as { __badges: number[] }).__badges = calls;
        Object.defineProperty(Navigator.prototype, 'setAppBadge', {
          configurable: true,
          value: (n: number) => {
            calls.push(n);
            return Promise.resolve();
          },
        });
      });
      await a.goto(server.url);
      await a.getByRole('button', { name: 'Study all' }).waitFor();
      await expect.poll(() => a.evaluate(() => (window as unknown as { __badges: number[] }).__badges.at(-1))).toBe(20);

      const b = await withoutBadge.newPage();
      const errors: string[] = [];
      b.on('pageerror', (e) => errors.push(e.message));
      await b.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, 'setAppBadge', { configurable: true, value: undefined });
        Object.defineProperty(Navigator.prototype, 'clearAppBadge', { configurable: true, value: undefined });
      });
      await b.goto(server.url);
      await b.getByRole('button', { name: 'Study all' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await withBadge.close();
      await withoutBadge.close();
    }
  });
});

describe('adding notes', () => {
  it('creates a deck and a cloze note with a live preview of each card', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/decks';
    });
    await page.getByRole('link', { name: 'Add a note or deck' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a note' }).waitFor();
    await page.getByLabel('Deck', { exact: true }).selectOption({ label: 'New deck…' });
    await page.getByLabel('New deck name').fill('My own notes');
    await page.getByLabel('Kind').selectOption({ label: 'Cloze' });
    await page.getByLabel('Text', { exact: true }).fill('Holm is {{c1::step-down}}; Bonferroni divides alpha by {{c2::m}}.');
    await expect.poll(() => page.getByLabel('Preview').locator('.sample-card').count()).toBe(2);
    await page.getByLabel('Text', { exact: true }).fill('no deletion here');
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('{{c1::');
    await page.getByLabel('Text', { exact: true }).fill('Holm is {{c1::step-down}}; Bonferroni divides alpha by {{c2::m}}.');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Added 2 cards' }).waitFor();
    await page.getByRole('link', { name: 'Decks', exact: true }).click();
    const decks = new DecksPage(page);
    await expect.poll(() => decks.deck('My own notes').innerText()).toContain('2 cards');
    // Two cloze cards of one note are siblings: one today, the other tomorrow.
    expect((await decks.counts('My own notes')).newCount).toBe(1);

    await page.getByRole('link', { name: 'Options for My own notes' }).click();
    await page.getByLabel('Deck name').fill('');
    await page.getByRole('button', { name: 'Save deck' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('needs a name');
    await page.getByLabel('Deck name').fill('Statistics drills');
    await page.getByRole('button', { name: 'Save deck' }).click();
    await page.getByRole('status').filter({ hasText: 'Deck saved' }).waitFor();
    await page.getByRole('link', { name: '‹ Decks' }).click();
    await decks.deck('Statistics drills').waitFor();
  });
});

/** Opens "Add a note", makes a new deck and types a basic note into it (not yet added). */
async function newBasicNote(deck: string, front: string, back: string): Promise<void> {
  await goToHash(page, '#/add');
  await page.getByRole('heading', { level: 1, name: 'Add a note' }).waitFor();
  await page.getByLabel('Deck', { exact: true }).selectOption({ label: 'New deck…' });
  await page.getByLabel('New deck name').fill(deck);
  await page.getByLabel('Kind').selectOption({ label: 'Basic' });
  await page.getByLabel('Front', { exact: true }).fill(front);
  await page.getByLabel('Back', { exact: true }).fill(back);
}

describe('sources', () => {
  it('shows a note’s source under the answer, in the preview and on the study screen', async () => {
    await newBasicNote('Cited notes', 'Which shortcut did the pneumonia model take?', 'It recognised the hospital.');
    await page.getByLabel(/^Source/).fill('Zech et al., PLOS Medicine, 2018. <https://doi.org/10.1371/journal.pmed.1002683>');
    await expect.poll(() => page.getByLabel('Preview').locator('.source').innerText()).toContain('Source: Zech et al.');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Added 1 card' }).waitFor();
    await page.getByRole('link', { name: 'Decks', exact: true }).click();
    const study = await new DecksPage(page).studyDeck('Cited notes');
    expect(await study.frontText()).toContain('Which shortcut');
    expect(await page.locator('.source').count()).toBe(0);
    await study.showAnswer().click();
    const source = page.locator('.card-back .source');
    await source.waitFor();
    expect(await source.innerText()).toBe(
      'Source: Zech et al., PLOS Medicine, 2018. https://doi.org/10.1371/journal.pmed.1002683',
    );
    // Under the answer: the source comes after the answer's text in the same block.
    expect(await page.locator('.card-back').innerText()).toMatch(/^It recognised the hospital\.\s+Source: Zech/);
    expect(await source.getByRole('link').getAttribute('href')).toBe('https://doi.org/10.1371/journal.pmed.1002683');
  });
});

describe('notes written in the app are sanitised before they are stored', () => {
  it('keeps raw HTML as text and drops a remote image source', async () => {
    await newBasicNote(
      'Typed HTML',
      '<img src=x onerror="window.__xss=1"> typed front',
      '![pixel](https://example.com/p.png) [x](javascript:alert(1))',
    );
    await expect.poll(() => page.getByLabel('Preview').locator('.sample-card').count()).toBe(1);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Added 1 card' }).waitFor();
    const notes = await readStore<{ fields: unknown; cards: unknown }>(page, 'notes');
    const note = notes.find((n) => JSON.stringify(n.fields).includes('typed front'));
    const html = JSON.stringify(note?.cards);
    expect(html).toContain('typed front');
    expect(html).not.toMatch(/<script|<iframe|<form|<[^>]+\son\w+=|href=\\?"javascript:|src=\\?"https?:/i);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });
});

describe('export and backup', () => {
  async function download(click: () => Promise<void>): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }

  it('exports a deck as Markdown that parses back, and as CSV with a header row', async () => {
    await goToHash(page, '#/import');
    await page.getByLabel('Deck', { exact: true }).selectOption({ label: 'Statistics for experiments' });
    const md = await download(() => page.getByRole('button', { name: 'Export Markdown' }).click());
    expect(md.name).toBe('statistics.md');
    const statistics = loadDeckFiles().find((d) => d.deck.id === 'statistics')?.deck;
    // Notes come out in id order (storage keeps no note order); the set is the deck's.
    expect(
      parseDeck(md.text, md.name)
        .notes.map((n) => n.id)
        .sort(),
    ).toEqual(statistics?.notes.map((n) => n.id).sort());
    const csv = await download(() => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.text.split('\r\n')[0]).toBe('card id,front,back,tags,state,due,stability (days),difficulty,reviews,lapses');
  });

  it('downloads a backup, refuses a wrong file with its name, and restores the backup', async () => {
    await goToHash(page, '#/settings');
    const backup = await download(() => page.getByRole('button', { name: 'Download backup' }).click());
    const parsed = JSON.parse(backup.text) as { format: string; cards: unknown[] };
    expect(parsed.format).toBe('recall-re-backup');
    expect(parsed.cards.length).toBe(await countStore(page, 'cards'));
    await expect.poll(() => page.getByTestId('last-backup').innerText()).toContain('Last backup');

    const dir = mkdtempSync(join(tmpdir(), 'recall-backup-'));
    const wrong = join(dir, 'not-a-backup.json');
    writeFileSync(wrong, '{"hello": 1}');
    const cardsBefore = await countStore(page, 'cards');
    await page.getByLabel('Choose backup file').setInputFiles(wrong);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('not-a-backup.json: not a Recall RE backup');
    expect(await countStore(page, 'cards')).toBe(cardsBefore);

    const good = join(dir, backup.name);
    writeFileSync(good, backup.text);
    page.once('dialog', (d) => void d.accept());
    await page.getByLabel('Replace everything on this device').check();
    await page.getByLabel('Choose backup file').setInputFiles(good);
    await page
      .getByRole('status')
      .filter({ hasText: `Restored ${backup.name} (replace)` })
      .waitFor();
    expect(await countStore(page, 'cards')).toBe(parsed.cards.length);
  });
});
