/**
 * Settings → Check collection and the automatic backups, in real Chromium: a collection damaged
 * behind the app's back (a card state written without its review, a card whose note is gone) is
 * found and repaired from the review log; the repair keeps a snapshot first, and restoring that
 * snapshot from Settings brings the collection back exactly as it was.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRows, patchRow, readRow, readStore } from '../harness/idb';
import { DecksPage } from './pages/app';
import { type AppSession, goToHash, openApp } from './session';

let app: AppSession;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  ({ page } = app);
  page.on('dialog', (d) => void d.accept());
});
afterAll(async () => {
  await app?.close();
});

type Card = { id: string; reps: number; stability: number; due: number; deckId: string };

async function openSettings(): Promise<void> {
  await goToHash(page, '#/decks');
  await new DecksPage(page).heading().waitFor();
  await goToHash(page, '#/settings');
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
}

async function check(): Promise<string> {
  const report = page.getByTestId('check-report');
  const before = (await report.count()) > 0 ? await report.innerText() : '';
  await page.getByRole('button', { name: 'Check collection' }).click();
  await expect.poll(async () => ((await report.count()) > 0 ? await report.innerText() : before)).not.toBe(before);
  await page.getByRole('button', { name: 'Check collection' }).waitFor();
  return report.innerText();
}

describe('check collection', () => {
  let answered: Card;
  let good: Card;

  it('finds nothing wrong after real answers', async () => {
    const study = await new DecksPage(page).studyDeck('Research thinking');
    for (let i = 0; i < 3; i++) await study.answerWithKeys('3');
    await expect.poll(async () => (await readStore(page, 'reviews')).length).toBe(3);
    await openSettings();
    expect(await check()).toContain('No problems found.');
  });

  it('repairs a damaged collection from the review log, listing what it changed', async () => {
    const [first] = await readStore<{ cardId: string }>(page, 'reviews');
    good = (await readRow<Card>(page, 'cards', first?.cardId ?? '')) as Card;
    answered = good;
    await patchRow(page, 'cards', good.id, { reps: 41, stability: 999, due: good.due + 30 * 86_400_000 });
    await addRows(page, 'cards', [{ ...good, id: 'ghost#0', noteId: 'ghost' }]);
    await openSettings();
    const text = await check();
    expect(text).toContain('Found 2 problems; repaired 2');
    expect(text).toContain(`Card ${good.id}`);
    expect(text).toContain('Deleted card ghost#0');
    expect(await readRow(page, 'cards', good.id)).toEqual(good);
    expect(await readRow(page, 'cards', 'ghost#0')).toBeUndefined();
    expect(await check()).toContain('No problems found.');
  });

  it('kept a snapshot before repairing; restoring it from Settings brings the damage back, and a snapshot of the repaired state', async () => {
    const list = page.getByTestId('snapshots');
    await expect.poll(() => list.innerText()).toContain('before check repair');
    await list.getByRole('listitem').filter({ hasText: 'before check repair' }).getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Restored the snapshot of').waitFor();
    expect(await readRow<Card>(page, 'cards', answered.id)).toMatchObject({ reps: 41, stability: 999 });
    expect(await readRow(page, 'cards', 'ghost#0')).toBeDefined();
    expect(await list.innerText()).toContain('before restore');
    // Size and time are shown.
    expect(await list.innerText()).toMatch(/\d+(\.\d)? (B|kB|MB)/);
    expect(await check()).toContain('repaired 2');
    expect(await readRow(page, 'cards', answered.id)).toEqual(good);
  });
});
