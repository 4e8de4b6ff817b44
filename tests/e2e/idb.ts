/** Reads the app's IndexedDB straight from a page, independent of the app's own code. */
import type { Page } from 'playwright-core';

export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('recall-re');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as T[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

export async function countStore(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('recall-re');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).count();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    store,
  );
}

export async function readRow<T = Record<string, unknown>>(page: Page, store: string, key: string): Promise<T | undefined> {
  return page.evaluate(
    ([name, id]) =>
      new Promise<T | undefined>((resolve, reject) => {
        const open = indexedDB.open('recall-re');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).get(id);
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result as T | undefined);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    [store, key] as const,
  );
}
