/**
 * Writes of the Settings and Deck options screens: the global scheduling settings and named
 * presets. Each is validated by the domain normaliser first (nothing is written when a value is
 * invalid) and written in one transaction. Kept apart from the reads in presets.ts and
 * settings-repo.ts, which every study session needs, so this loads with those screens only.
 */
import { PRESET_KEYS, type PresetValues, presetValuesOf, type SchedulingSettings } from '../domain/scheduling/settings';
import { normaliseSettings, type SettingsResult } from '../domain/scheduling/settings-check';
import type { AppDatabase, PresetRow } from './db';
import { DEFAULT_PRESET_ID } from './presets';
import { loadSettings, SETTINGS_KEY } from './settings-repo';
import { Queue } from '../domain/scheduling/scheduler';

/** Validates first; writes nothing when any field is invalid. */
export async function saveSettings(
  db: AppDatabase,
  input: Partial<Record<keyof SchedulingSettings, unknown>>,
): Promise<SettingsResult> {
  const current = await loadSettings(db);
  const result = normaliseSettings({ ...current, ...input });
  if (result.ok) await db.settings.put({ key: SETTINGS_KEY, value: result.settings });
  return result;
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
      .between([deckId, Queue.Review, -Infinity], [deckId, Queue.Review, Infinity])
      .each((c) => {
        out.push(c.stability);
      });
  }
  return out;
}
