import { useLiveQuery } from 'dexie-react-hooks';
import type { SchedulingSettings } from '../../domain/scheduling/settings';
import { loadSettings } from '../../storage/settings-repo';
import { useServices } from '../services';

/** Live scheduling settings: a change in Settings applies to the next answer without a reload. */
export function useSettings(): SchedulingSettings | undefined {
  const { db } = useServices();
  return useLiveQuery(() => loadSettings(db), [db]);
}
