/**
 * Scheduling settings in the settings table. Stored rows go through the domain normaliser,
 * so an old or damaged row falls back to defaults field by field instead of breaking review.
 */
import { DEFAULT_SETTINGS, normaliseSettings, type SchedulingSettings } from '../domain/scheduling/settings';
import type { AppDatabase } from './db';

/** The settings row that holds the scheduling settings. */
export const SETTINGS_KEY = 'scheduling';

export async function loadSettings(db: AppDatabase): Promise<SchedulingSettings> {
  const row = await db.settings.get(SETTINGS_KEY);
  const stored = (row?.value ?? {}) as Partial<Record<keyof SchedulingSettings, unknown>>;
  const result = normaliseSettings(stored);
  if (result.ok) return result.settings;
  // Keep the valid fields, reset only the broken ones.
  const repaired: Partial<Record<keyof SchedulingSettings, unknown>> = { ...stored };
  for (const key of Object.keys(result.errors) as (keyof SchedulingSettings)[]) repaired[key] = DEFAULT_SETTINGS[key];
  const second = normaliseSettings(repaired);
  return second.ok ? second.settings : { ...DEFAULT_SETTINGS };
}
