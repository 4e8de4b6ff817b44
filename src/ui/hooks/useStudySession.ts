/**
 * One study session: the queue is read from storage once, then updated in memory after each
 * answer (no rebuild per answer). Each answer and each undo is one storage transaction; the
 * undo stack walks back to the start of the session.
 *
 * An answer does not wait for storage to show the next card. The card's new state is computed
 * in memory by the same pure step the save runs in its transaction, the next card was read while
 * the previous one was on screen, and the save runs behind the screen, one after another
 * (`SaveChain`). Undo and card actions first wait for the saves. When a save fails, the queue
 * is read again from storage and the card whose answer was lost is shown again, with the reason.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { afterAnswer, nextCard, pinCard, type QueueCard, queueKind, type StudyQueue } from '../../domain/queue/queue';
import type { FSRS } from 'ts-fsrs';
import { answerCard, type Grade, Queue } from '../../domain/scheduling/scheduler';
import type { SchedulingSettings } from '../../domain/scheduling/settings';
import type { StudyConfig } from '../../storage/presets';
import { type DayClock, MINUTE, startOfNextStudyDay } from '../../domain/scheduling/time';
import type { AppDatabase, CardRow, NoteRow } from '../../storage/db';
import { describeStorageError } from '../../storage/errors';
import type { ActionUndo, CardAction } from '../../storage/card-actions';
import { type AnswerSaved, loadQueue, StaleCardError, saveAnswer } from '../../storage/study';
import { announceCardChange, onCardChangedElsewhere } from '../other-tabs';
import { bootCard } from '../resume';
import { SaveChain, SkippedSave } from '../save-chain';
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

type AnswerEntry = { kind: 'answer'; saved: Promise<AnswerSaved>; label: string };
type UndoEntry = AnswerEntry | { kind: 'action'; undo: ActionUndo };

type Loaded = { card: CardRow; note: NoteRow };

function queueCardOf({ id, noteId, deckId, due, queue }: CardRow): QueueCard {
  return { id, noteId, deckId, due, kind: queueKind(queue) };
}

/** The card with this id if it is in the queue (learning or main line). */
function inQueue(q: StudyQueue, id: string): QueueCard | undefined {
  return [...q.learning, ...q.main].find((c) => c.id === id);
}

/** A card and its note, both read in one go; undefined when either is gone. */
async function readCard(db: AppDatabase, id: string, noteId: string): Promise<Loaded | undefined> {
  const [card, note] = await Promise.all([db.cards.get(id), db.notes.get(noteId)]);
  return card && note ? { card, note } : undefined;
}

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
  const [schedulerFor, setSchedulerFor] = useState<{ get: SchedulerFor }>();
  // The undo stack lives in a ref (undo reads it after waiting for the saves); the counter re-renders.
  const undoStack = useRef<UndoEntry[]>([]);
  const [, setUndoVersion] = useState(0);
  // What the next grade applies to. Cleared by the grade itself, so a second key press before the
  // next card renders does nothing.
  const live = useRef<{ queue?: StudyQueue; shown?: ShownCard }>({});
  // The card most likely to come next and its note, read while the current card is on screen.
  const prefetched = useRef<{ id: string; loaded?: Loaded } | undefined>(undefined);
  const chain = useMemo(() => new SaveChain(), []);
  // Bumped when the queue is read again from storage: screens computed before that are dropped.
  const epoch = useRef(0);
  const busy = useRef(false);
  const recovering = useRef(false);
  const persisted = useRef(false);
  const learnAheadMs = settings.learnAheadMinutes * MINUTE;

  /** Storage changed other than by an answer (undo, a card action, a reload): drop what was read ahead. */
  const forget = useCallback(() => {
    epoch.current++;
    prefetched.current = undefined;
  }, []);

  const setUndo = useCallback((entries: UndoEntry[]) => {
    undoStack.current = entries;
    setUndoVersion((v) => v + 1);
  }, []);

  const present = useCallback(
    (q: StudyQueue, { card, note }: Loaded) => {
      const boot = bootCard();
      const resumed = boot?.cardId === card.id && boot.reps === card.reps;
      const at = now();
      const shown: ShownCard = { card, note, shownAt: resumed ? boot.shownAt : at, ...(resumed ? { resumed } : {}) };
      live.current = { queue: q, shown };
      setQueue(q);
      setState({ status: 'card', shown });
      // Read the likely next card now, after the saves asked for so far, so it reflects them.
      const likely = nextCard(afterAnswer(q, card.id, undefined), at, learnAheadMs);
      if (!likely) return;
      const entry: { id: string; loaded?: Loaded } = { id: likely.id };
      prefetched.current = entry;
      chain
        .idle()
        .then(() => readCard(db, likely.id, likely.noteId))
        .then(
          (loaded) => {
            entry.loaded = loaded;
          },
          () => {
            // Not fatal: the card is read when it is needed, and a failure is reported then.
          },
        );
    },
    [db, now, learnAheadMs, chain],
  );

  /** Shows the queue's next card: `known` when it is that card, else the prefetched one, else read. */
  const show = useCallback(
    async (q: StudyQueue, known?: Loaded, at = now()): Promise<void> => {
      const mine = epoch.current;
      const next = nextCard(q, at, learnAheadMs);
      if (next) {
        const ready =
          known?.card.id === next.id ? known : prefetched.current?.id === next.id ? prefetched.current.loaded : undefined;
        if (ready) {
          present(q, ready);
          return;
        }
        live.current = {};
        await chain.idle();
        const loaded = await readCard(db, next.id, next.noteId);
        if (epoch.current !== mine) return;
        if (loaded) {
          present(q, loaded);
          return;
        }
        // The card vanished (deleted in another tab): drop it and go on.
        await show(afterAnswer(q, next.id, undefined));
        return;
      }
      live.current = { queue: q };
      setQueue(q);
      const firstLearning = q.learning[0];
      if (firstLearning) {
        setState({ status: 'waiting', until: firstLearning.due - learnAheadMs });
        return;
      }
      await chain.idle();
      const { nextDueAfter } = await import('../../storage/summary');
      const nextDue = scope ? await nextDueAfter(db, scope, at) : null;
      if (epoch.current === mine) setState({ status: 'done', nextDue });
    },
    [db, now, learnAheadMs, scope, chain, present],
  );

  /**
   * Reads the queue again from storage and shows a card first: `pin` if it is still in the queue
   * (a card whose grade was lost), or `restored` in any case (the card an undo gave back).
   */
  const reload = useCallback(
    async (first?: { pin: string } | { restored: CardRow }) => {
      if (!scope) return false;
      forget();
      const rebuilt = await loadQueue(db, scope, config, now(), clock);
      const card = first === undefined ? undefined : 'pin' in first ? inQueue(rebuilt, first.pin) : queueCardOf(first.restored);
      await show(card ? pinCard(rebuilt, card) : rebuilt);
      return card !== undefined;
    },
    [scope, db, config, now, clock, show, forget],
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
        const painted = boot && inQueue(q, boot.cardId);
        await show(painted ? pinCard(q, painted) : q);
      })
      .catch((e: unknown) => setError(describeStorageError(e).detail));
    return () => {
      cancelled = true;
    };
  }, [db, scope]);

  // A card changed in another tab leaves this queue: read it again, keeping the card on screen.
  useEffect(
    () =>
      onCardChangedElsewhere((cardId) => {
        const { queue: q, shown } = live.current;
        if (!scope || busy.current || recovering.current) return;
        if (shown?.card.id !== cardId && !(q && inQueue(q, cardId))) return;
        const keep = shown && shown.card.id !== cardId ? { pin: shown.card.id } : undefined;
        void reload(keep).catch(() => undefined);
      }),
    [scope, reload],
  );

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

  /** A save failed: take its answer (and any queued behind it) off the undo stack, show the card again. */
  const recover = useCallback(
    async (entry: AnswerEntry, cardId: string, failure: unknown) => {
      if (failure instanceof SkippedSave) return; // the failed save before it does this
      recovering.current = true;
      const at = undoStack.current.indexOf(entry);
      if (at >= 0) setUndo(undoStack.current.slice(0, at));
      const { label } = entry;
      const reason =
        failure instanceof StaleCardError
          ? 'the card had changed elsewhere (another tab?) after it was shown'
          : (({ title, detail }) => `${title}. ${detail}`)(describeStorageError(failure));
      try {
        const back = await reload({ pin: cardId });
        setError(`Your “${label}” was not saved: ${reason}. ${back ? 'The card is shown again.' : 'The queue was read again.'}`);
      } catch (e) {
        const problem = describeStorageError(e);
        setError(`Your “${label}” was not saved: ${reason}. Reading the queue again failed too: ${problem.detail}`);
      } finally {
        recovering.current = false;
      }
    },
    [reload, setUndo],
  );

  const answer = useCallback(
    async (rating: Grade, givenAt?: number) => {
      const { queue: q, shown } = live.current;
      if (!q || !shown || busy.current || recovering.current) return;
      busy.current = true;
      live.current = { queue: q };
      const { card, note, shownAt } = shown;
      const at = givenAt ?? now();
      let queued = false;
      try {
        const deckSettings = config.forDeck(card.deckId);
        const scheduler = (schedulerFor?.get ?? (await loadSchedulers()))(deckSettings);
        const ctx = { scheduler, settings: deckSettings, clock };
        // The step `saveAnswer` repeats in its transaction, from the same stored card: the
        // screen moves on with this result while the save runs.
        const result = answerCard(card, rating, at, ctx);
        const input = { cardId: card.id, rating, now: at, durationMs: at - shownAt, shownReps: card.reps };
        const saved = chain.run(() => saveAnswer(db, input, ctx));
        queued = true;
        const entry: AnswerEntry = { kind: 'answer', saved, label: GRADE_NAMES[rating] ?? '' };
        setUndo([...undoStack.current, entry]);
        saved.then(
          () => {
            announceCardChange(card.id);
            setError(null);
            if (!persisted.current) {
              persisted.current = true;
              void requestPersistence();
            }
          },
          (e: unknown) => void recover(entry, card.id, e),
        );
        const { id, noteId, deckId, ord } = card;
        const after: CardRow = { id, noteId, deckId, ord, ...result.next };
        const tagged = result.leech && !note.tags.includes('leech') ? { ...note, tags: [...note.tags, 'leech'] } : note;
        const tomorrow = startOfNextStudyDay(at, clock);
        const again = after.queue === Queue.Learning && after.due < tomorrow ? after.due : undefined;
        await show(afterAnswer(q, card.id, again), { card: after, note: tagged }, at);
      } catch (e) {
        const problem = describeStorageError(e);
        setError(`${problem.title}: ${problem.detail}`);
        // Not yet answered: the card on screen takes the next grade again. Answered (the next
        // card could not be read): start again from what storage holds.
        if (!queued) live.current = { queue: q, shown };
        else void reload().catch(() => undefined);
      } finally {
        busy.current = false;
      }
    },
    [now, db, config, clock, show, schedulerFor, setUndo, recover, chain, reload],
  );

  const act = useCallback(
    async (action: CardAction) => {
      const { queue: q, shown } = live.current;
      if (!q || !shown || busy.current || recovering.current) return;
      busy.current = true;
      const mine = epoch.current;
      const { card } = shown;
      try {
        await chain.idle();
        if (epoch.current !== mine || live.current.shown !== shown) return;
        const { applyCardAction } = await import('../../storage/card-actions');
        // An edit changes the note, which the card read ahead may share (a sibling).
        prefetched.current = undefined;
        const undo = await applyCardAction(db, card.id, action, now(), clock);
        announceCardChange(card.id);
        setUndo([...undoStack.current, { kind: 'action', undo }]);
        setError(null);
        if (action.kind === 'flag' || action.kind === 'edit') {
          const fresh = await readCard(db, card.id, card.noteId);
          if (fresh) {
            const updated = { ...shown, ...fresh };
            live.current = { queue: q, shown: updated };
            setState({ status: 'card', shown: updated });
          }
        } else {
          await show(afterAnswer(q, card.id, undefined));
        }
      } catch (e) {
        const problem = describeStorageError(e);
        setError(`${problem.title}: ${problem.detail}`);
      } finally {
        busy.current = false;
      }
    },
    [db, now, clock, show, chain, setUndo],
  );

  const undo = useCallback(async () => {
    if (!scope || busy.current || recovering.current) return;
    busy.current = true;
    try {
      // An answer given a moment ago may still be saving: undo takes back what was saved.
      await chain.idle();
      const entry = undoStack.current[undoStack.current.length - 1];
      if (entry === undefined || recovering.current) return;
      const { undoAnswer, undoCardAction } = await import('../../storage/card-actions');
      let restored: CardRow;
      if (entry.kind === 'answer') {
        const saved = await entry.saved.catch(() => undefined);
        if (!saved) return; // its failure is reported, and the card already shown again
        restored = await undoAnswer(db, saved.reviewId);
      } else {
        restored = await undoCardAction(db, entry.undo);
      }
      announceCardChange(restored.id);
      setUndo(undoStack.current.slice(0, -1));
      await reload({ restored });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      busy.current = false;
    }
  }, [scope, db, chain, setUndo, reload]);

  const last = undoStack.current[undoStack.current.length - 1];
  const undoLabel = last ? (last.kind === 'answer' ? last.label : last.undo.label) : null;
  return {
    state,
    queue,
    config,
    clock,
    canUndo: last !== undefined,
    undoLabel,
    error,
    schedulerFor: schedulerFor?.get,
    answer,
    act,
    undo,
  };
}
