/**
 * The React side of a study session (`src/ui/study/session.ts`): creates the session for a deck
 * scope and renders its snapshot through `useSyncExternalStore` (whose subscription starts the
 * session on mount and stops it on unmount).
 */
import { useLayoutEffect, useMemo, useSyncExternalStore } from 'react';
import type { DayClock } from '../../domain/scheduling/time';
import type { StudyConfig } from '../../storage/presets';
import type { CardAction } from '../../storage/card-actions';
import type { Grade } from '../../domain/scheduling/scheduler';
import { bootCard } from '../resume';
import { useServices } from '../services';
import { createStudySession, type SessionSnapshot } from '../study/session';

export type { SessionState, ShownCard } from '../study/session';

export interface StudySession extends SessionSnapshot {
  canUndo: boolean;
  /** Settings of the deck a card belongs to (its preset), and the global ones. */
  config: StudyConfig;
  clock: DayClock;
  /** Grades the card on screen; `at` is when the grade was given (now unless it came from the boot card). */
  answer: (rating: Grade, at?: number) => Promise<void>;
  act: (action: CardAction) => Promise<void>;
  undo: () => Promise<void>;
}

async function requestPersistence(): Promise<void> {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted())) await navigator.storage.persist();
  } catch {
    // Persistence is a request the browser may ignore; the Settings screen shows the outcome.
  }
}

export function useStudySession(scope: readonly string[], config: StudyConfig): StudySession {
  const { db, now, zone } = useServices();
  const rolloverHour = config.global.rolloverHour;
  const clock = useMemo<DayClock>(() => ({ zone, rolloverHour }), [zone, rolloverHour]);
  // One session per deck scope. Settings changes apply to the next answer; they do not rebuild it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: config and clock reach it through configure
  const session = useMemo(
    () => createStudySession({ db, now, scope, config, clock, boot: bootCard, onFirstSave: requestPersistence }),
    [db, now, scope],
  );
  useLayoutEffect(() => session.configure(config, clock), [session, config, clock]);
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  return { ...session, ...snapshot, canUndo: snapshot.undoLabel !== null, config, clock };
}
