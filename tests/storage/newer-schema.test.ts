import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { NewerSchemaError, openDatabase, SCHEMA_VERSION } from '../../src/storage/db';
import { describeStorageError } from '../../src/storage/errors';

function upgradeRaw(name: string, version: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, version);
    open.onupgradeneeded = () => open.result.createObjectStore('future');
    open.onsuccess = () => {
      open.result.close();
      resolve();
    };
    open.onerror = () => reject(open.error);
  });
}

describe('a database upgraded by a newer version of the app', () => {
  it('knows its own schema: SCHEMA_VERSION is the highest version openDatabase declares', () => {
    const db = openDatabase('schema-version');
    expect(db.verno).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('is not opened by this code: a NewerSchemaError that says to reload, and nothing written', async () => {
    const db = openDatabase('newer-schema');
    await db.open();
    await db.settings.put({ key: 'k', value: 1 });
    db.close();
    await upgradeRaw('newer-schema', (SCHEMA_VERSION + 1) * 10);
    const again = openDatabase('newer-schema');
    const error = await again.settings.put({ key: 'k', value: 2 }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain('newer version of the app');
    expect(describeStorageError(error).title).toBe('This page is out of date');
    expect(describeStorageError(new NewerSchemaError(4)).detail).toMatch(/Reload this page/);
    again.close();
  });

  it('the current schema opens as before', async () => {
    const db = openDatabase('same-schema');
    await db.settings.put({ key: 'k', value: 1 });
    expect((await db.settings.get('k'))?.value).toBe(1);
    db.close();
  });
});
