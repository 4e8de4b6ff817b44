/**
 * One study session: the queue is read from storage once, then updated in memory after each
 * answer (no rebuild per answer). Each answer and each undo is one storage transaction; the
 * undo stack walks back to the start of the session.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { afterAnswer, nextCard, pinCard, queueKind, type StudyQueue } from '../../domain/queue/queue';
import type { FSRS } from 'ts-fsrs';
import { type Grade, Queue } from '../../domain/scheduling/scheduler';
import type { SchedulingSettings } from '../../domain/scheduling/settings';
import type { StudyConfig } from '../../storage/presets';
import { type DayClock, MINUTE, startOfNextStudyDay } from '../../domain/scheduling/time';
import type { CardRow, NoteRow } from '../../storage/db';
import { describeStorageError } from '../../storage/errors';
import type { ActionUndo, CardAction } from '../../storage/card-actions';
import { loadQueue, nextDueAfter, saveAnswer, undoAnswer } from '../../storage/study';
import { bootCard } from '../resume';
import { useServices } from '../services';

export interface ShownCard {
  card: CardRow;
  note: NoteRow;
  shownAt: number;
  /** The card the boot script painted before the app loaded (src/ui/resume.ts). */
  resumed?: boolean;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'card'; shown: ShownCard }
  | { status: 'waiting'; until: number }
  | { status: 'done'; nextDue: number | null };

export interface StudySession {
  state: SessionState;
  queue: StudyQueue | undefined;
  /** Settings of the deck a card belongs to (its preset), and the global ones. */
  config: StudyConfig;
  clock: DayClock;
  canUndo: boolean;
  /** What Undo would take back, for its label ("Undo Good", "Undo Suspend"). */
  undoLabel: string | null;
  error: string | null;
  /** The ts-fsrs scheduler for a deck's settings, once its code has loaded (right after the first card). */
  schedulerFor: ((settings: SchedulingSettings) => FSRS) | undefined;
  /** Grades the card on screen; `at` is when the grade was given (now unless it came from the boot card). */
  answer: (rating: Grade, at?: number) => Promise<void>;
  act: (action: CardAction) => Promise<void>;
  undo: () => Promise<void>;
}

type UndoEntry = { kind: 'answer'; reviewId: number; label: string } | { kind: 'action'; undo: ActionUndo };

const GRADE_NAMES = ['', 'Again', 'Hard', 'Good', 'Easy'];

async function requestPersistence(): Promise<void> {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted())) await navigator.storage.persist();
  } catch {
    // Persistence is a request the browser may ignore; the Settings screen shows the outcome.
  }
}

type SchedulerFor = (settings: SchedulingSettings) => FSRS;
let engine: Promise<SchedulerFor> | undefined;
/**
 * ts-fsrs is not needed to show a card, only to answer it or label the grade buttons: its code
 * loads once, after the first card is up. One scheduler per distinct settings object (presets are
 * shared by decks).
 */
function loadSchedulers(): Promise<SchedulerFor> {
  engine ??= import('../../domain/scheduling/engine').then(
    ({ makeScheduler }) => {
      const schedulers = new WeakMap<SchedulingSettings, FSRS>();
      return (settings: SchedulingSettings) => {
        let scheduler = schedulers.get(settings);
        if (!scheduler) {
          scheduler = makeScheduler(settings);
          schedulers.set(settings, scheduler);
        }
        return scheduler;
      };
    },
    (error: unknown) => {
      // The next answer tries again (a failed load is not kept).
      engine = undefined;
      throw error;
    },
  );
  return engine;
}

export function useStudySession(scope: readonly string[] | undefined, config: StudyConfig): StudySession {
  const settings = config.global;
  const { db, now, zone } = useServices();
  const clock = useMemo<DayClock>(() => ({ zone, rolloverHour: settings.rolloverHour }), [zone, settings.rolloverHour]);
  const [queue, setQueue] = useState<StudyQueue>();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [undoStack, setUndoStack] = useState<UndoEntry[]>([]);
  const [schedulerFor, setSchedulerFor] = useState<{ get: SchedulerFor }>();
  const busy = useRef(false);
  const persisted = useRef(false);
  const learnAheadMs = settings.learnAheadMinutes * MINUTE;

  const show = useCallback(
    async (q: StudyQueue, peeked?: { card: CardRow; note: NoteRow }) => {
      setQueue(q);
      const at = now();
      const next = nextCard(q, at, learnAheadMs);
      if (next) {
        const [card, note] =
          peeked?.card.id === next.id
            ? [peeked.card, peeked.note]
            : await Promise.all([db.cards.get(next.id), db.notes.get(next.noteId)]);
        if (card && note) {
          const boot = bootCard();
          const resumed = boot?.cardId === card.id && boot.reps === card.reps;
          setState({
            status: 'card',
            shown: { card, note, shownAt: resumed ? boot.shownAt : now(), ...(resumed ? { resumed } : {}) },
          });
          return;
        }
        // The card vanished (deleted in another tab): drop it and go on.
        await show(afterAnswer(q, next.id, undefined));
        return;
      }
      const firstLearning = q.learning[0];
      if (firstLearning) {
        setState({ status: 'waiting', until: firstLearning.due - learnAheadMs });
        return;
      }
      setState({ status: 'done', nextDue: scope ? await nextDueAfter(db, scope, at) : null });
    },
    [db, now, learnAheadMs, scope],
  );

  // Build the queue once per session (and again if the deck scope changes). Settings changes
  // apply to the next answer; they do not rebuild the running session.
  // biome-ignore lint/correctness/useExhaustiveDependencies: deliberately built once per scope
  useEffect(() => {
    if (!scope) return;
    let cancelled = false;
    loadQueue(db, scope, config, now(), clock)
      .then(async (q) => {
        if (cancelled) return;
        // The card painted at start comes first, if it is still in today's queue.
        const boot = bootCard();
        const painted = boot && [...q.learning, ...q.main].find((c) => c.id === boot.cardId);
        await show(painted ? pinCard(q, painted) : q);
      })
      .catch((e: unknown) => setError(describeStorageError(e).detail));
    return () => {
      cancelled = true;
    };
  }, [db, scope]);

  const cardUp = state.status === 'card';
  useEffect(() => {
    if (!cardUp || schedulerFor) return;
    let cancelled = false;
    loadSchedulers()
      .then((get) => {
        if (!cancelled) setSchedulerFor({ get });
      })
      .catch((e: unknown) => setError(`The scheduler did not load: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      cancelled = true;
    };
  }, [cardUp, schedulerFor]);

  // While only future learning cards remain, wake up when the next one comes due.
  useEffect(() => {
    if (state.status !== 'waiting' || !queue) return;
    const id = window.setTimeout(() => void show(queue), Math.max(0, state.until - now()) + 50);
    return () => window.clearTimeout(id);
  }, [state, queue, show, now]);

  const answer = useCallback(
    async (rating: Grade, givenAt?: number) => {
      if (state.status !== 'card' || !queue || busy.current) return;
      busy.current = true;
      const { card, shownAt } = state.shown;
      const at = givenAt ?? now();
      // Unless the answered card comes back sooner than everything else, this is the next one.
      const likely = nextCard(afterAnswer(queue, card.id, undefined), at, learnAheadMs);
      try {
        const scheduler = (schedulerFor?.get ?? (await loadSchedulers()))(config.forDeck(card.deckId));
        const saved = await saveAnswer(
          db,
          {
            cardId: card.id,
            rating,
            now: at,
            durationMs: at - shownAt,
            shownReps: card.reps,
            ...(likely ? { peek: { cardId: likely.id, noteId: likely.noteId } } : {}),
          },
          { scheduler, settings: config.forDeck(card.deckId), clock },
        );
        setError(null);
        setUndoStack((s) => [...s, { kind: 'answer', reviewId: saved.reviewId, label: GRADE_NAMES[rating] ?? '' }]);
        const tomorrow = startOfNextStudyDay(at, clock);
        const again = saved.card.queue === Queue.Learning && saved.card.due < tomorrow ? saved.card.due : undefined;
        await show(afterAnswer(queue, card.id, again), saved.peeked);
        if (!persisted.current) {
          persisted.current = true;
          void requestPersistence();
        }
      } catch (e) {
        const problem = describeStorageError(e);
        setError(`${problem.title}: ${problem.detail}`);
      } finally {
        busy.current = false;
      }
    },
    [state, queue, now, db, config, clock, show, learnAheadMs, schedulerFor],
  );

  const act = useCallback(
    async (action: CardAction) => {
      if (state.status !== 'card' || !queue || busy.current) return;
      busy.current = true;
      const { card } = state.shown;
      try {
        const { applyCardAction } = await import('../../storage/card-actions');
        const undo = await applyCardAction(db, card.id, action, now(), clock);
        setUndoStack((s) => [...s, { kind: 'action', undo }]);
        setError(null);
        if (action.kind === 'flag' || action.kind === 'edit') {
          const [fresh, note] = await Promise.all([db.cards.get(card.id), db.notes.get(card.noteId)]);
          if (fresh && note) setState({ status: 'card', shown: { ...state.shown, card: fresh, note } });
        } else {
          await show(afterAnswer(queue, card.id, undefined));
        }
      } catch (e) {
        const problem = describeStorageError(e);
        setError(`${problem.title}: ${problem.detail}`);
      } finally {
        busy.current = false;
      }
    },
    [state, queue, db, now, clock, show],
  );

  const undo = useCallback(async () => {
    const entry = undoStack[undoStack.length - 1];
    if (entry === undefined || !scope || busy.current) return;
    busy.current = true;
    try {
      const restored =
        entry.kind === 'answer'
          ? await undoAnswer(db, entry.reviewId)
          : await (await import('../../storage/card-actions')).undoCardAction(db, entry.undo);
      setUndoStack((s) => s.slice(0, -1));
      const rebuilt = await loadQueue(db, scope, config, now(), clock);
      await show(
        pinCard(rebuilt, {
          id: restored.id,
          noteId: restored.noteId,
          deckId: restored.deckId,
          due: restored.due,
          kind: queueKind(restored.queue),
        }),
      );
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      busy.current = false;
    }
  }, [undoStack, scope, db, config, now, clock, show]);

  const last = undoStack[undoStack.length - 1];
  const undoLabel = last ? (last.kind === 'answer' ? last.label : last.undo.label) : null;
  return {
    state,
    queue,
    config,
    clock,
    canUndo: undoStack.length > 0,
    undoLabel,
    error,
    schedulerFor: schedulerFor?.get,
    answer,
    act,
    undo,
  };
}
