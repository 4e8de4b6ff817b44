/**
 * Deck options presets, as a study session reads them. The default preset is the global
 * scheduling settings; a named preset stores its own values for the deck-level keys and can be
 * shared by several decks. Saving and assigning presets is in options-edit.ts.
 */
import { readSettings, type SchedulingSettings } from '../domain/scheduling/settings';
import type { AppDatabase } from './db';
import { loadAllParameters } from './parameters-store';
import { loadSettings } from './settings-repo';

export const DEFAULT_PRESET_ID = 'default';

/** Settings for every deck of a scope, plus the top-level (default) settings. */
export interface StudyConfig {
  global: SchedulingSettings;
  forDeck(deckId: string): SchedulingSettings;
}

export async function loadStudyConfig(db: AppDatabase): Promise<StudyConfig> {
  const [stored, presets, decks, fitted] = await Promise.all([
    loadSettings(db),
    db.presets.toArray(),
    db.decks.toArray(),
    loadAllParameters(db),
  ]);
  // Adopted FSRS parameters ride along with each preset's settings (absent = ts-fsrs's defaults).
  const withParameters = (presetId: string, s: SchedulingSettings): SchedulingSettings => {
    const p = fitted.get(presetId);
    return p ? { ...s, parameters: p.parameters } : s;
  };
  const global = withParameters(DEFAULT_PRESET_ID, stored);
  const byPreset = new Map<string, SchedulingSettings>();
  for (const p of presets) {
    const { settings, invalid } = readSettings({ ...stored, ...p.values });
    byPreset.set(p.id, invalid.length === 0 ? withParameters(p.id, settings) : global);
  }
  const deckPreset = new Map(decks.map((d) => [d.id, d.presetId]));
  return {
    global,
    forDeck: (deckId) => byPreset.get(deckPreset.get(deckId) ?? DEFAULT_PRESET_ID) ?? global,
  };
}
