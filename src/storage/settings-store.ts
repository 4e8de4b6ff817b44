/**
 * The settings table by typed key: each key's value type is declared once (SettingValues in
 * db.ts), so a misspelt key or a value of the wrong shape does not compile.
 */
import type { AppDatabase, SettingValues } from './db';

export type StoredSettingKey = keyof SettingValues & string;

export async function readSetting<K extends StoredSettingKey>(db: AppDatabase, key: K): Promise<SettingValues[K] | undefined> {
  return (await db.settings.get(key))?.value as SettingValues[K] | undefined;
}

export async function writeSetting<K extends StoredSettingKey>(db: AppDatabase, key: K, value: SettingValues[K]): Promise<void> {
  await db.settings.put({ key, value });
}

export async function deleteSetting(db: AppDatabase, key: StoredSettingKey): Promise<void> {
  await db.settings.delete(key);
}

/** Reads, changes and writes one setting in one transaction (two tabs changing it at once both count). */
export async function updateSetting<K extends StoredSettingKey>(
  db: AppDatabase,
  key: K,
  change: (old: SettingValues[K] | undefined) => SettingValues[K],
): Promise<void> {
  await db.transaction('rw', db.settings, async () => writeSetting(db, key, change(await readSetting(db, key))));
}

/** When the first answer in the collection was given (undefined: none yet). */
export async function firstAnswerAt(db: AppDatabase): Promise<number | undefined> {
  return (await db.reviews.orderBy('review').first())?.review;
}
