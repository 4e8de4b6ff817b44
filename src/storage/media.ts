/** Media files stored with imported cards (Anki packages), looked up by the name a card uses. */
import type { AppDatabase } from './db';

/** The stored files among `names` (names as cards write them: NFC, or percent-encoded as Anki sometimes does). */
export async function mediaByName(db: AppDatabase, names: readonly string[]): Promise<Map<string, Blob>> {
  const wanted = [...new Set(names)];
  const keys = wanted.map(storedName);
  const rows = await db.media.bulkGet(keys);
  const found = new Map<string, Blob>();
  for (const [k, row] of rows.entries()) {
    const name = wanted[k];
    if (row && name !== undefined) found.set(name, row.blob);
  }
  return found;
}

/** The key a card's media reference is stored under. */
export function storedName(reference: string): string {
  let name = reference;
  try {
    name = decodeURIComponent(reference);
  } catch {
    // Not percent-encoded: the name as written.
  }
  return name.normalize('NFC');
}
