/** Review-screen preferences (gestures, vibration, theme): a settings row, live. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import type { AppDatabase } from '../../storage/db';
import { useServices } from '../services';

export interface UiPrefs {
  tapToReveal: boolean;
  swipeToGrade: boolean;
  vibrate: boolean;
  theme: 'system' | 'light' | 'dark';
}

export const DEFAULT_UI_PREFS: UiPrefs = { tapToReveal: true, swipeToGrade: true, vibrate: true, theme: 'system' };
const KEY = 'ui';

export async function loadUiPrefs(db: AppDatabase): Promise<UiPrefs> {
  const stored = (await db.settings.get(KEY))?.value as Partial<UiPrefs> | undefined;
  const prefs = { ...DEFAULT_UI_PREFS, ...stored };
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
      await db.transaction('rw', db.settings, async () => {
        await db.settings.put({ key: KEY, value: { ...(await loadUiPrefs(db)), ...change } });
      });
    },
    [db],
  );
  return [prefs, update, stored !== undefined];
}
