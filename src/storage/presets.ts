/**
 * Deck options presets. The default preset is the global scheduling settings; a named preset
 * stores its own values for the deck-level keys and can be shared by several decks.
 * Every save is validated by the domain normaliser first and written in one transaction.
 */
import {
  normaliseSettings,
  PRESET_KEYS,
  type PresetValues,
  presetValuesOf,
  type SchedulingSettings,
  type SettingsResult,
} from '../domain/scheduling/settings';
import type { AppDatabase, PresetRow } from './db';
import { loadSettings } from './settings-repo';

export const DEFAULT_PRESET_ID = 'default';

/** Settings for every deck of a scope, plus the top-level (default) settings. */
export interface StudyConfig {
  global: SchedulingSettings;
  forDeck(deckId: string): SchedulingSettings;
}

export async function loadStudyConfig(db: AppDatabase): Promise<StudyConfig> {
  const [global, presets, decks] = await Promise.all([loadSettings(db), db.presets.toArray(), db.decks.toArray()]);
  const byPreset = new Map<string, SchedulingSettings>();
  for (const p of presets) {
    const result = normaliseSettings({ ...global, ...p.values });
    byPreset.set(p.id, result.ok ? result.settings : global);
  }
  const deckPreset = new Map(decks.map((d) => [d.id, d.presetId]));
  return {
    global,
    forDeck: (deckId) => byPreset.get(deckPreset.get(deckId) ?? DEFAULT_PRESET_ID) ?? global,
  };
}

export type PresetSave =
  | { ok: true; preset: PresetRow }
  | { ok: false; errors: Extract<SettingsResult, { ok: false }>['errors'] };

function validate(global: SchedulingSettings, values: Partial<Record<keyof PresetValues, unknown>>) {
  const picked = Object.fromEntries(PRESET_KEYS.filter((k) => k in values).map((k) => [k, values[k]]));
  return normaliseSettings({ ...global, ...picked });
}

/** Creates or updates a named preset; refuses invalid values and writes nothing then. */
export async function savePreset(
  db: AppDatabase,
  preset: { id: string; name: string; values: Partial<Record<keyof PresetValues, unknown>> },
): Promise<PresetSave> {
  if (preset.id === DEFAULT_PRESET_ID) throw new Error('the default preset is edited through the global settings');
  const name = preset.name.trim();
  if (!name) return { ok: false, errors: {} };
  return db.transaction('rw', [db.presets, db.settings], async () => {
    const result = validate(await loadSettings(db), preset.values);
    if (!result.ok) return result;
    const row: PresetRow = { id: preset.id, name, values: presetValuesOf(result.settings) };
    await db.presets.put(row);
    return { ok: true, preset: row };
  });
}

export async function assignPreset(db: AppDatabase, deckId: string, presetId: string): Promise<void> {
  await db.transaction('rw', [db.decks, db.presets], async () => {
    if (presetId !== DEFAULT_PRESET_ID && !(await db.presets.get(presetId))) throw new Error(`preset ${presetId} does not exist`);
    const updated = await db.decks.update(deckId, { presetId: presetId === DEFAULT_PRESET_ID ? undefined : presetId });
    if (updated === 0) throw new Error(`deck ${deckId} does not exist`);
  });
}

/** Deletes a named preset; its decks go back to the default preset, in the same transaction. */
export async function deletePreset(db: AppDatabase, presetId: string): Promise<void> {
  await db.transaction('rw', [db.decks, db.presets], async () => {
    await db.decks
      .where('id')
      .anyOf((await db.decks.toArray()).filter((d) => d.presetId === presetId).map((d) => d.id))
      .modify((d) => {
        delete d.presetId;
      });
    await db.presets.delete(presetId);
  });
}

/** Stabilities of the review cards of some decks, for the workload estimate. */
export async function reviewStabilities(db: AppDatabase, deckIds: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  for (const deckId of deckIds) {
    await db.cards
      .where('[deckId+queue+due]')
      .between([deckId, 2, -Infinity], [deckId, 2, Infinity])
      .each((c) => {
        out.push(c.stability);
      });
  }
  return out;
}
