/**
 * Browse on a phone (390×844, touch), against the production build: filters give the counts the
 * deck files imply, a bad query is refused with a message naming the term, the list keeps only
 * the visible rows in the DOM while paging through every result, a selection is suspended and
 * Undo takes it back, and an opened card's note is edited (and the edit undone).
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDeckFiles } from '../../scripts/deck-files';
import { cardsByTag, cardsOfNote, deckStats } from '../../src/domain/deck-format/stats';
import { launch, newContext, PHONE } from '../harness/browser';
import { DecksPage } from './pages/app';
import { startServer, type StaticServer } from '../harness/server';

const decks = loadDeckFiles().map((f) => f.deck);
const totalCards = decks.reduce((sum, d) => sum + deckStats(d).cards, 0);
const statistics = decks.find((d) => d.id === 'statistics');
const TAG = 'seed:mistake/one-run-as-evidence';
/** deck:statistics lists new cards by position, which follows the file: the first row is this note's. */
const firstStatisticsNote = statistics?.notes[0];

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;

/** The Browse screen through its roles and names. */
class BrowsePage {
  constructor(readonly page: Page) {}

  box(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search cards' });
  }

  async search(query: string): Promise<void> {
    await this.box().fill(query);
    await this.box().press('Enter');
  }

  countText(): Promise<string> {
    return this.page.getByRole('status', { name: 'Result count' }).innerText();
  }

  list(): Locator {
    return this.page.getByRole('list', { name: 'Cards' });
  }

  rows(): Locator {
    return this.list().getByRole('listitem');
  }

  toolbar(): Locator {
    return this.page.getByRole('group', { name: 'Selected cards' });
  }

  action(name: string): Locator {
    return this.toolbar().getByRole('button', { name, exact: true });
  }

  cardDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Card' });
  }

  /** Searches and waits until the counted total is shown. */
  async expectCount(query: string, n: number): Promise<void> {
    await this.search(query);
    await expect.poll(() => this.countText(), { timeout: 20_000 }).toBe(`${n} ${n === 1 ? 'card' : 'cards'}`);
  }
}

let browse: BrowsePage;

async function openBrowse(): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse', exact: true });
  expect(await link.count(), 'the main navigation has a "Browse" link').toBe(1);
  await link.click();
  await page.getByRole('heading', { level: 1, name: 'Browse' }).waitFor();
}

beforeAll(async () => {
  browser = await launch();
  server = await startServer();
  context = await newContext(browser, PHONE);
  page = await context.newPage();
  await page.goto(server.url);
  const decksPage = new DecksPage(page);
  await decksPage.heading().waitFor();
  // The built-in decks are in the database once the deck list shows them all.
  await decksPage.deck(decks[decks.length - 1]?.name ?? '').waitFor();
  browse = new BrowsePage(page);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  await page.evaluate(() => {
    window.location.hash = '#/decks';
  });
  await page.reload();
  await new DecksPage(page).heading().waitFor();
  await openBrowse();
});

describe('search', () => {
  it('counts what the deck files say: is:new, deck:statistics, a seed tag', async () => {
    expect(statistics).toBeDefined();
    const tagged = cardsByTag(decks).get(TAG) ?? 0;
    expect(tagged).toBeGreaterThan(0);
    await browse.expectCount('is:new', totalCards);
    await browse.expectCount('deck:statistics', deckStats(statistics!).cards);
    await browse.expectCount(`tag:${TAG}`, tagged);
    await browse.expectCount(`tag:${TAG} deck:statistics`, cardsByTag([statistics!]).get(TAG) ?? 0);
    await browse.expectCount('is:review', 0);
    await expect.poll(() => page.getByText('No cards match.').count()).toBe(1);
  });

  it('refuses a malformed query with a message naming the bad term', async () => {
    await browse.expectCount('deck:statistics', deckStats(statistics!).cards);
    await browse.search('deck:statistics is:nonsense');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('is:nonsense');
    expect(await browse.box().getAttribute('aria-invalid')).toBe('true');
    await browse.search('prop:lapses>many');
    await expect.poll(() => alert.innerText()).toContain('prop:lapses>many');
    await browse.expectCount('deck:statistics', deckStats(statistics!).cards);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('keeps only the visible rows in the DOM while paging through every result', async () => {
    await browse.expectCount('', totalCards);
    const inDom = await browse.rows().count();
    expect(inDom).toBeGreaterThan(3);
    expect(inDom).toBeLessThan(40);
    // Scroll to the end: later pages load, the DOM stays small, the last row is the last result.
    await expect
      .poll(
        async () => {
          await browse.list().evaluate((list) => {
            const scroller = list.parentElement;
            if (scroller) scroller.scrollTop = scroller.scrollHeight;
          });
          return browse.rows().last().getAttribute('aria-posinset');
        },
        { timeout: 20_000 },
      )
      .toBe(String(totalCards));
    expect(await browse.rows().count()).toBeLessThan(40);
    expect(await browse.rows().last().getAttribute('aria-setsize')).toBe(String(totalCards));
  });

  it('moves focus through the rows with the arrow keys, scrolling the focused row into view', async () => {
    const n = deckStats(statistics!).cards;
    await browse.expectCount('deck:statistics', n);
    await browse.rows().first().getByRole('button').focus();
    const focused = () =>
      page.evaluate(() => {
        const row = document.activeElement?.closest('[role="listitem"], li');
        const scroller = row?.closest('.vlist');
        if (!row || !scroller) return null;
        const r = row.getBoundingClientRect();
        const s = scroller.getBoundingClientRect();
        return {
          position: row.getAttribute('aria-posinset'),
          visible: r.top >= s.top - 1 && r.bottom <= s.bottom + 1,
          part: document.activeElement?.getAttribute('data-row-part'),
        };
      });
    for (let k = 0; k < 30; k++) await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toEqual({ position: '31', visible: true, part: 'open' });
    await page.keyboard.press('End');
    await expect.poll(focused).toEqual({ position: String(n), visible: true, part: 'open' });
    await page.keyboard.press('Shift+Tab'); // to the row's checkbox, then up: the checkbox above
    await page.keyboard.press('ArrowUp');
    await expect.poll(focused).toEqual({ position: String(n - 1), visible: true, part: 'check' });
    await page.keyboard.press('Home');
    await expect.poll(focused).toEqual({ position: '1', visible: true, part: 'check' });
    expect(await browse.rows().count()).toBeLessThan(40);
  });

  it('gives touch targets of at least 48 px on a phone', async () => {
    await browse.expectCount('deck:statistics', deckStats(statistics!).cards);
    const targets = [
      browse.box(),
      browse.action('Suspend'),
      browse.action('Undo'),
      browse.toolbar().getByRole('combobox', { name: 'Move to deck' }),
      browse.rows().first().getByRole('button'),
      browse.rows().first().locator('label'),
    ];
    for (const target of targets) {
      const box = await target.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
      expect(box?.width ?? 0).toBeGreaterThanOrEqual(48);
    }
  });
});

describe('actions', () => {
  it('suspends two selected cards, finds them with is:suspended, and Undo takes it back', async () => {
    await browse.expectCount('deck:statistics', deckStats(statistics!).cards);
    const boxes = browse.list().getByRole('checkbox');
    const names: string[] = [];
    for (const k of [0, 1]) {
      await boxes.nth(k).check();
      names.push(((await boxes.nth(k).getAttribute('aria-label')) ?? '').replace(/^Select: /, ''));
    }
    await expect.poll(() => browse.toolbar().getByText('2 selected').count()).toBe(1);
    await browse.action('Suspend').click();
    await expect.poll(() => page.getByRole('status', { name: 'Last action' }).innerText()).toContain('Suspend 2 cards');

    await browse.expectCount('is:suspended', 2);
    const shown = await browse.rows().allInnerTexts();
    for (const name of names) expect(shown.join('\n')).toContain(name);
    expect(shown.every((t) => t.includes('Suspended'))).toBe(true);

    await browse.action('Undo').click();
    await expect.poll(() => browse.countText()).toBe('0 cards');
    await expect.poll(() => page.getByText('No cards match.').count()).toBe(1);
    expect(await browse.action('Undo').isDisabled()).toBe(true);
  });

  it('opens a card, edits its note through the editor, and Undo restores the text', async () => {
    await browse.expectCount('deck:statistics', deckStats(statistics!).cards);
    await browse.rows().first().getByRole('button').click();
    const card = browse.cardDialog();
    await card.waitFor();
    const front = card.getByRole('region', { name: 'Front' });
    const before = (await front.innerText()).trim();
    expect(before.length).toBeGreaterThan(0);

    await card.getByRole('button', { name: 'Edit', exact: true }).click();
    const editor = page.getByRole('dialog', { name: 'Edit note' });
    await editor.waitFor();
    const field = editor.getByRole('textbox').first();
    await field.fill(`${await field.inputValue()} (edited)`);
    await expect.poll(() => editor.getByLabel('Preview').innerText()).toContain('(edited)');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'detached' });

    await expect.poll(() => front.innerText()).toContain('(edited)');
    await card.getByRole('button', { name: 'Close' }).click();
    await card.waitFor({ state: 'detached' });
    await expect.poll(() => browse.rows().first().innerText()).toContain('(edited)');
    await browse.expectCount('"(edited)"', cardsOfNote(firstStatisticsNote!));

    await browse.action('Undo').click();
    await expect.poll(() => browse.countText()).toBe('0 cards');
    await browse.expectCount('deck:statistics', deckStats(statistics!).cards);
    await browse.rows().first().getByRole('button').click();
    await expect
      .poll(async () => (await browse.cardDialog().getByRole('region', { name: 'Front' }).innerText()).trim())
      .toBe(before);
  });
});
