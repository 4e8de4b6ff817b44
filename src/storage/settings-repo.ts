/**
 * Scheduling settings in the settings table. Stored rows go through the domain normaliser,
 * so an old or damaged row falls back to defaults field by field instead of breaking review.
 */
import { DEFAULT_SETTINGS, normaliseSettings, type SchedulingSettings, type SettingsResult } from '../domain/scheduling/settings';
import type { AppDatabase } from './db';

const KEY = 'scheduling';

export async function loadSettings(db: AppDatabase): Promise<SchedulingSettings> {
  const row = await db.settings.get(KEY);
  const stored = (row?.value ?? {}) as Partial<Record<keyof SchedulingSettings, unknown>>;
  const result = normaliseSettings(stored);
  if (result.ok) return result.settings;
  // Keep the valid fields, reset only the broken ones.
  const repaired: Partial<Record<keyof SchedulingSettings, unknown>> = { ...stored };
  for (const key of Object.keys(result.errors) as (keyof SchedulingSettings)[]) repaired[key] = DEFAULT_SETTINGS[key];
  const second = normaliseSettings(repaired);
  return second.ok ? second.settings : { ...DEFAULT_SETTINGS };
}

/** Validates first; writes nothing when any field is invalid. */
export async function saveSettings(
  db: AppDatabase,
  input: Partial<Record<keyof SchedulingSettings, unknown>>,
): Promise<SettingsResult> {
  const current = await loadSettings(db);
  const result = normaliseSettings({ ...current, ...input });
  if (result.ok) await db.settings.put({ key: KEY, value: result.settings });
  return result;
}
