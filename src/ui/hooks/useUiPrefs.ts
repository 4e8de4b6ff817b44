/** Review-screen preferences (gestures, vibration, theme): a settings row, live. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { AppDatabase } from '../../storage/db';
import { readSetting, updateSetting } from '../../storage/settings-store';
import { useServices } from '../services';

export interface UiPrefs {
  tapToReveal: boolean;
  swipeToGrade: boolean;
  vibrate: boolean;
  theme: 'system' | 'light' | 'dark';
}

export const DEFAULT_UI_PREFS: UiPrefs = { tapToReveal: true, swipeToGrade: true, vibrate: true, theme: 'system' };

export async function loadUiPrefs(db: AppDatabase): Promise<UiPrefs> {
  return readUiPrefs(await readSetting(db, 'ui'));
}

function readUiPrefs(stored: unknown): UiPrefs {
  const prefs = { ...DEFAULT_UI_PREFS, ...(stored as Partial<UiPrefs> | undefined) };
  if (!['system', 'light', 'dark'].includes(prefs.theme)) prefs.theme = 'system';
  return prefs;
}

/** The preferences (defaults until the stored ones are read), a setter, and whether they were read. */
export function useUiPrefs(): [UiPrefs, (change: Partial<UiPrefs>) => Promise<void>, boolean] {
  const { db } = useServices();
  const stored = useLiveQuery(() => loadUiPrefs(db), [db]);
  const prefs = stored ?? DEFAULT_UI_PREFS;
  const update = useCallback(
    async (change: Partial<UiPrefs>) => {
      await updateSetting(db, 'ui', (old) => ({ ...readUiPrefs(old), ...change }));
    },
    [db],
  );
  return [prefs, update, stored !== undefined];
}
