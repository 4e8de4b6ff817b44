/**
 * Review on a phone (390×844, touch): tap to reveal, swipe to grade with a hint and a cancel,
 * card actions (bury, suspend, flag, forget, edit) each taken back by Undo, keyboard shortcuts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DecksPage, type StudyPage } from './pages/app';
import { countStore, readRow } from '../harness/idb';
import { type AppSession, openApp } from './session';

let app: AppSession;
let page: Page;
let study: StudyPage;

/** The id of the card on screen, read from the DOM's data attribute. */
async function shownCardId(): Promise<string> {
  return (await page.locator('article.card').getAttribute('data-card-id')) ?? '';
}

/** A touch drag across the card body made of pointer events (what a finger produces). */
async function drag(dx: number, release = true): Promise<void> {
  const box = await page.locator('.card-body').boundingBox();
  if (!box) throw new Error('no card on screen');
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(120, box.height / 2);
  const body = page.locator('.card-body');
  const fire = (type: string, cx: number) =>
    body.dispatchEvent(type, { pointerId: 7, pointerType: 'touch', isPrimary: true, clientX: cx, clientY: y, bubbles: true });
  await fire('pointerdown', x);
  for (let k = 1; k <= 6; k++) await fire('pointermove', x + (dx * k) / 6);
  if (release) await fire('pointerup', x + dx);
}

beforeAll(async () => {
  app = await openApp();
  ({ page } = app);
});
afterAll(async () => {
  await app?.close();
});
beforeEach(async () => {
  await page.evaluate(() => {
    window.location.hash = '#/decks';
  });
  await page.reload();
  study = await new DecksPage(page).studyDeck('Research thinking');
});

describe('touch review', () => {
  it('reveals the answer with a tap on the card', async () => {
    await page.locator('.card-front').tap();
    await study.grade('Good').waitFor();
  });

  it('swipe right grades Good, swipe left grades Again, and dragging back cancels', async () => {
    await page.locator('.card-front').tap();
    const first = await shownCardId();
    const reviews = await countStore(page, 'reviews');

    await drag(140, false);
    await expect.poll(() => page.locator('.swipe-hint').innerText()).toContain('Good');
    await drag(-10); // back under the threshold: nothing happens
    expect(await countStore(page, 'reviews')).toBe(reviews);
    expect(await shownCardId()).toBe(first);

    await drag(160);
    await expect.poll(() => countStore(page, 'reviews')).toBe(reviews + 1);
    expect((await readRow(page, 'cards', first))?.queue).toBe(1); // Good on a new card: learning step
    await expect.poll(() => shownCardId()).not.toBe(first);

    await page.locator('.card-front').tap();
    const second = await shownCardId();
    await drag(-160);
    await expect.poll(() => countStore(page, 'reviews')).toBe(reviews + 2);
    const again = await readRow(page, 'cards', second);
    expect(again?.queue).toBe(1);
    expect(again?.learningSteps).toBe(0);
  });
});

describe('card actions, each undoable', () => {
  it.each([
    { action: 'Bury', check: (row: Record<string, unknown> | undefined) => typeof row?.buriedUntil === 'number' },
    { action: 'Suspend', check: (row: Record<string, unknown> | undefined) => row?.queue === -1 },
    // A forgotten card goes back to the front of the new cards.
    { action: 'Forget', check: (row: Record<string, unknown> | undefined) => row?.due === -1 && row?.reps === 0 },
  ])('$action removes the card from today and Undo brings it back unchanged', async ({ action, check }) => {
    const id = await shownCardId();
    const before = await readRow(page, 'cards', id);
    const front = await study.frontText();
    await page.getByText('Card actions').click();
    await page.getByRole('button', { name: action, exact: true }).click();
    await expect.poll(() => shownCardId()).not.toBe(id);
    expect(check(await readRow(page, 'cards', id))).toBe(true);
    await study.undo().click();
    await expect.poll(() => study.frontText()).toBe(front);
    expect(await readRow(page, 'cards', id)).toEqual(before);
  });

  it('flags the shown card and Undo removes the flag', async () => {
    const id = await shownCardId();
    await page.getByText('Card actions').click();
    await page.getByRole('button', { name: 'Blue flag' }).click();
    await page.getByText('Blue flag', { exact: true }).first().waitFor();
    expect((await readRow(page, 'cards', id))?.flag).toBe(4);
    await study.undo().click();
    await expect.poll(async () => (await readRow(page, 'cards', id))?.flag ?? 0).toBe(0);
  });

  it('edits the note with a live preview, refuses a broken edit, and Undo restores the text', async () => {
    const front = await study.frontText();
    await page.keyboard.press('e');
    const dialog = page.getByRole('dialog', { name: 'Edit note' });
    await dialog.waitFor();
    const field = dialog.getByLabel('Front');
    await field.fill('');
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('empty');
    expect(await dialog.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await field.fill(`${front} (edited)`);
    await expect.poll(() => dialog.getByLabel('Preview').innerText()).toContain('(edited)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => study.frontText()).toBe(`${front} (edited)`);
    await page.keyboard.press('z');
    await expect.poll(() => study.frontText()).toBe(front);
  });
});

describe('keyboard', () => {
  it('lists the shortcuts with ?, grades with Space after the answer, undoes with Z', async () => {
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
    const id = await shownCardId();
    const reviews = await countStore(page, 'reviews');
    await page.keyboard.press('Space');
    await study.grade('Good').waitFor();
    await page.keyboard.press('Space'); // Space again = Good
    await expect.poll(() => countStore(page, 'reviews')).toBe(reviews + 1);
    expect((await readRow(page, 'cards', id))?.reps).toBe(1);
    await page.keyboard.press('z');
    await expect.poll(() => countStore(page, 'reviews')).toBe(reviews);
    await expect.poll(() => shownCardId()).toBe(id);
  });
});

describe('type-in cards', () => {
  it('compares the typed answer character by character after the reveal', async () => {
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page
      .getByLabel('Paste a deck')
      .fill(
        '---\nformat: 1\nid: typing\nname: Typing drill\n---\n\n## typein ty-1\nFront: Name the test for two classifiers on one test set.\nBack: McNemar\n',
      );
    await page.getByRole('button', { name: 'Preview pasted text' }).click();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: /^Imported / }).waitFor();
    await page.getByRole('link', { name: 'Decks', exact: true }).click();
    const typing = await new DecksPage(page).studyDeck('Typing drill');
    await page.getByLabel('Type the answer').fill('McNemr');
    await page.getByLabel('Type the answer').press('Enter');
    const result = page.getByTestId('typein-result');
    await result.waitFor();
    expect(await result.locator('.typed-missing').allInnerTexts()).toEqual(['a']);
    expect(await result.locator('.typed-bad').count()).toBe(0);
    await typing.grade('Hard').click();
  });
});
