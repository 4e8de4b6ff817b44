/**
 * Where adopted FSRS parameters live: settings rows `fsrs:<presetId>` = { parameters, adoptedAt }.
 * Small on purpose: the study session reads it at start, so it must not pull in ts-fsrs.
 */
import { isParameters } from '../domain/optimiser/parameters';
import type { AppDatabase } from './db';

export const parametersKey = (presetId: string) => `fsrs:${presetId}`;
/** The row that keeps what an adoption replaced, until it is undone or the next adoption. */
export const undoKey = (presetId: string) => `fsrs-undo:${presetId}`;

export interface StoredParameters {
  parameters: number[];
  adoptedAt: number;
}

/** Adopted parameters of every preset (a damaged row counts as none). */
export async function loadAllParameters(db: AppDatabase): Promise<Map<string, StoredParameters>> {
  const rows = await db.settings.where('key').startsWith('fsrs:').toArray();
  const out = new Map<string, StoredParameters>();
  for (const row of rows) {
    const v = row.value as Partial<StoredParameters> | undefined;
    if (v && isParameters(v.parameters)) {
      out.set(row.key.slice('fsrs:'.length), { parameters: v.parameters, adoptedAt: Number(v.adoptedAt) || 0 });
    }
  }
  return out;
}

/** When the preset's last adoption can still be undone: its time. */
export async function undoableSince(db: AppDatabase, presetId: string): Promise<number | undefined> {
  const row = await db.settings.get(undoKey(presetId));
  return row ? Number((row.value as { adoptedAt?: number }).adoptedAt) || 0 : undefined;
}
