/**
 * Scheduling settings in the settings table. Stored rows go through the domain's readers,
 * so an old or damaged row falls back to defaults field by field instead of breaking review.
 */
import { type LooseSettings, readSettings, type SchedulingSettings } from '../domain/scheduling/settings';
import type { AppDatabase } from './db';

/** The settings row that holds the scheduling settings. */
export const SETTINGS_KEY = 'scheduling';

export async function loadSettings(db: AppDatabase): Promise<SchedulingSettings> {
  const row = await db.settings.get(SETTINGS_KEY);
  // Keeps the valid fields and resets only the broken ones.
  return readSettings((row?.value ?? {}) as LooseSettings).settings;
}
