/** Reads the app's IndexedDB straight from a page, independent of the app's own code. */
import type { Page } from 'playwright-core';

type Request = { store: string } & ({ op: 'getAll' } | { op: 'count' } | { op: 'get'; key: string });

/** One read-only request on one store of the app's database, run in the page. */
function request(page: Page, what: Request): Promise<unknown> {
  return page.evaluate(
    (r) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('recall-re');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result.transaction(r.store).objectStore(r.store);
          const req = r.op === 'get' ? store.get(r.key) : r.op === 'count' ? store.count() : store.getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    what,
  );
}

export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return (await request(page, { store, op: 'getAll' })) as T[];
}

export async function countStore(page: Page, store: string): Promise<number> {
  return (await request(page, { store, op: 'count' })) as number;
}

export async function readRow<T = Record<string, unknown>>(page: Page, store: string, key: string): Promise<T | undefined> {
  return (await request(page, { store, op: 'get', key })) as T | undefined;
}

/** Changes fields of one row behind the app's back, as another tab would. */
export async function patchRow(page: Page, store: string, key: string, patch: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ({ store, key, patch }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('recall-re');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          const objects = tx.objectStore(store);
          const get = objects.get(key);
          get.onsuccess = () => {
            if (get.result === undefined) reject(new Error(`${store} has no row ${key}`));
            else objects.put({ ...get.result, ...patch });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, key, patch },
  );
}

/** Adds rows to one store in one transaction, behind the app's back (the app's live queries do not see them). */
export async function addRows(page: Page, store: string, rows: Record<string, unknown>[]): Promise<void> {
  await page.evaluate(
    ({ store, rows }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('recall-re');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          for (const row of rows) tx.objectStore(store).add(row);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, rows },
  );
}
