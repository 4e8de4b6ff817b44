/**
 * Full disk, in real Chromium. CDP `Storage.overrideQuotaForOrigin` has no effect in the Chromium
 * here (156: the estimate and writes are unchanged, in an incognito and in a persistent context;
 * see docs/reliability.md), so the disk is filled at the IndexedDB API instead: while it is
 * "full", every write request (put, add, delete, clear) throws the DOMException a full disk gives,
 * `QuotaExceededError`, and the transaction it belongs to aborts, as a real one does. During
 * an answer, an import, a restore and a note edit: a clear message, the answer kept on screen to
 * retry, existing data intact; once space is back, everything works.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStore, readStore } from '../harness/idb';
import { DecksPage, StudyPage } from './pages/app';
import { type AppSession, goToHash, openApp } from './session';

let app: AppSession;
let page: Page;

beforeAll(async () => {
  app = await openApp({
    context: { serviceWorkers: 'block' },
    beforeGoto: async (p) => {
      await p.addInitScript(diskThatFills);
    },
  });
  ({ page } = app);
  page.on('dialog', (d) => void d.accept());
});
afterAll(async () => {
  await app?.close();
});

/** The disk is "full": every IndexedDB write request throws QuotaExceededError. */
async function fillDisk(): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __diskFull: boolean }).__diskFull = true;
  });
}
/** Space is back. */
async function freeDisk(): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __diskFull: boolean }).__diskFull = false;
  });
}

/** Installed before the app runs: write requests fail as on a full disk while `__diskFull` is set. */
function diskThatFills(): void {
  const proto = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['put', 'add', 'delete', 'clear']) {
    const original = proto[name] as (...args: unknown[]) => unknown;
    proto[name] = function (this: IDBObjectStore, ...args: unknown[]) {
      if ((window as unknown as { __diskFull?: boolean }).__diskFull && this.transaction.db.name === 'recall-re') {
        try {
          this.transaction.abort();
        } catch {
          // already finishing
        }
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return original.apply(this, args);
    };
  }
}

/** Every row of the tables that matter, to prove a refused write changed nothing. */
async function everything(): Promise<unknown[]> {
  return Promise.all(['decks', 'notes', 'cards', 'reviews', 'settings'].map((s) => readStore(page, s)));
}

const alert = () => page.getByRole('alert').first();
const shownId = () => page.locator('article.card').getAttribute('data-card-id');

describe('full disk', () => {
  it('an answer: "Storage is full", nothing half-saved, the same card shown again, and saved once space is back', async () => {
    const study = await new DecksPage(page).studyDeck('Research thinking');
    await study.answerWithKeys('3');
    await expect.poll(() => countStore(page, 'reviews')).toBe(1);
    const card = await shownId();
    const before = await everything();
    await fillDisk();
    await page.keyboard.press('Space');
    await study.grade('Good').waitFor();
    await page.keyboard.press('3');
    await expect.poll(() => alert().innerText()).toContain('Storage is full');
    expect(await alert().innerText()).toContain('was not saved');
    await expect.poll(() => shownId()).toBe(card); // kept on screen to retry
    expect(await everything()).toEqual(before);
    await freeDisk();
    await study.answerWithKeys('3');
    await expect.poll(() => countStore(page, 'reviews')).toBe(2);
    expect((await readStore<{ cardId: string }>(page, 'reviews')).map((r) => r.cardId)).toContain(card);
  });

  it('a note edit: a clear message and the note unchanged; the edit saves once space is back', async () => {
    const study = new StudyPage(page);
    await study.showAnswer().waitFor();
    const id = (await shownId()) ?? '';
    const noteId = id.replace(/#\d+$/, '');
    const note = async () =>
      (await readStore<{ id: string; fields: { front?: string } }>(page, 'notes')).find((n) => n.id === noteId);
    const original = await note();
    const edit = async () => {
      await page.keyboard.press('e');
      const dialog = page.getByRole('dialog', { name: 'Edit note' });
      await dialog.waitFor();
      const field = dialog.getByLabel('Front');
      await field.fill(`${await field.inputValue()} (edited)`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
    };
    await fillDisk();
    await edit();
    await expect.poll(() => alert().innerText()).toContain('Storage is full');
    expect(await note()).toEqual(original);
    await freeDisk();
    await edit();
    await expect.poll(async () => (await note())?.fields.front ?? '').toContain('(edited)');
  });

  it('an import: "Nothing was imported", and it imports once space is back', async () => {
    await goToHash(page, '#/import');
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    const file = { name: 'full.csv', mimeType: 'text/csv', buffer: Buffer.from('#deck:Full disk\nq1,a1\nq2,a2\nq3,a3\n') };
    const before = await everything();
    await fillDisk();
    await page.getByLabel('Choose a file').setInputFiles(file);
    await page.getByRole('heading', { name: /^Preview of / }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByText(/Storage is full.*Nothing was imported/).count()).toBe(1);
    expect(await everything()).toEqual(before);
    await freeDisk();
    await page.getByLabel('Choose a file').setInputFiles(file);
    await page.getByRole('heading', { name: /^Preview of / }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: /^Imported / }).waitFor();
    expect((await readStore<{ name: string }>(page, 'decks')).map((d) => d.name)).toContain('Full disk');
  });

  it('a restore: a clear message and the collection intact; it restores once space is back', async () => {
    await goToHash(page, '#/settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    // A backup made by the app itself, downloaded, then restored (replace) while the disk is full.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download backup' }).click();
    const chunks: Buffer[] = [];
    for await (const chunk of await (await download).createReadStream()) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const before = await everything();
    await fillDisk();
    await page.getByLabel('Replace everything on this device').check();
    await page
      .getByLabel('Choose backup file')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect.poll(() => alert().innerText()).toContain('out of storage space');
    expect(await everything()).toEqual(before);
    await freeDisk();
    await page
      .getByLabel('Choose backup file')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.getByText('Restored backup.json (replace)').waitFor();
    expect(await countStore(page, 'reviews')).toBe((before[3] as unknown[]).length);
  });
});
