/** A preset's adopted FSRS parameters (if any) and whether its last adoption can be undone, live. */
import { useLiveQuery } from 'dexie-react-hooks';
import { loadAllParameters, type StoredParameters, undoableSince } from '../../storage/parameters-store';
import { useServices } from '../services';

export function useFittedParameters(presetId: string): { fitted?: StoredParameters; undoable?: number } | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const [all, undoable] = await Promise.all([loadAllParameters(db), undoableSince(db, presetId)]);
    return { fitted: all.get(presetId), undoable };
  }, [db, presetId]);
}
