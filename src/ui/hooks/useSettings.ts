import { useLiveQuery } from 'dexie-react-hooks';
import type { SchedulingSettings } from '../../domain/scheduling/settings';
import { loadStudyConfig, type StudyConfig } from '../../storage/presets';
import { loadSettings } from '../../storage/settings-repo';
import { useServices } from '../services';

/** Live scheduling settings: a change in Settings applies to the next answer without a reload. */
export function useSettings(): SchedulingSettings | undefined {
  const { db } = useServices();
  return useLiveQuery(() => loadSettings(db), [db]);
}

/** Live global settings plus each deck's preset: a change applies to the next answer. */
export function useStudyConfig(): StudyConfig | undefined {
  const { db } = useServices();
  return useLiveQuery(() => loadStudyConfig(db), [db]);
}
