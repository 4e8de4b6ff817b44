/**
 * One study session, without React: the queue is read from storage once, then updated in memory
 * after each answer (no rebuild per answer). Each answer and each undo is one storage
 * transaction; the undo stack walks back to the start of the session.
 *
 * An answer does not wait for storage to show the next card. The card's new state is computed
 * in memory by the same pure step the save runs in its transaction, the next card was read while
 * the previous one was on screen, and the save runs behind the screen, one after another
 * (`SaveChain`). Undo and card actions first wait for the saves. When a save fails, the queue
 * is read again from storage and the card whose answer was lost is shown again, with the reason.
 *
 * The screen reads it as an external store (`subscribe`, `getSnapshot`); the snapshot is a new
 * object only when something it shows has changed. `src/ui/hooks/useStudySession.ts` is the
 * React side.
 */
import type { FSRS } from 'ts-fsrs';
import { afterAnswer, nextCard, pinCard, type QueueCard, queueKind, type StudyQueue } from '../../domain/queue/queue';
import { answerCard, type Grade, Queue } from '../../domain/scheduling/scheduler';
import type { SchedulingSettings } from '../../domain/scheduling/settings';
import { type DayClock, MINUTE, startOfNextStudyDay } from '../../domain/scheduling/time';
import { errorMessage } from '../../domain/errors';
import { GRADE_NAMES } from '../../domain/vocabulary';
import type { ActionUndo, CardAction } from '../../storage/card-actions';
import type { AppDatabase, CardRow, NoteRow } from '../../storage/db';
import type { StudyConfig } from '../../storage/presets';
import { type AnswerSaved, loadQueue, StaleCardError, saveAnswer } from '../../storage/study';
import { SaveChain, SkippedSave } from '../save-chain';
import { announceCardChange, onCardChangedElsewhere } from '../other-tabs';

/** A storage failure in words; the wording loads only once something has failed (first-load bytes). */
const describe = (e: unknown) => import('../../storage/errors').then((m) => m.describeStorageError(e));

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

export type SchedulerFor = (settings: SchedulingSettings) => FSRS;

/** What the screen shows of a session. A new object only when one of these has changed. */
export interface SessionSnapshot {
  readonly state: SessionState;
  readonly queue?: StudyQueue;
  /** What Undo would take back, for its label ("Undo Good", "Undo Suspend"); null when nothing. */
  readonly undoLabel: string | null;
  readonly error: string | null;
  /** The ts-fsrs scheduler for a deck's settings, once its code has loaded (right after the first card). */
  readonly schedulerFor?: SchedulerFor;
}

/** The card the boot script painted, as `src/ui/resume.ts` hands it over. */
export interface BootCard {
  cardId: string;
  reps: number;
  shownAt: number;
}

export interface SessionDeps {
  db: AppDatabase;
  /** The clock; every time the session records comes from it. */
  now: () => number;
  /** The decks studied. */
  scope: readonly string[];
  config: StudyConfig;
  clock: DayClock;
  /** The card painted before the app loaded, if any: it comes first and keeps its time shown. */
  boot: () => BootCard | undefined;
  /** Called once, after the first answer is stored. */
  onFirstSave: () => unknown;
}

export interface StudySessionStore {
  /**
   * The session runs while someone listens: the first listener starts it (the queue is read and
   * the first card shown), and when the last one leaves it stops (no more wake-ups).
   */
  subscribe(listener: () => void): () => void;
  getSnapshot(): SessionSnapshot;
  /** Settings changed: they apply to the next answer; the running queue is not rebuilt. */
  configure(config: StudyConfig, clock: DayClock): void;
  /** Grades the card on screen; `at` is when the grade was given (now unless it came from the boot card). */
  answer(rating: Grade, at?: number): Promise<void>;
  /** Bury, suspend, flag, forget or edit the card on screen. */
  act(action: CardAction): Promise<void>;
  /** Takes back the newest answer or card action. */
  undo(): Promise<void>;
  /**
   * Reads the queue again from storage and shows a card first: `pin` if it is still in the queue
   * (a card whose grade was lost), or `restored` in any case (the card an undo gave back).
   * Resolves to whether that card is shown.
   */
  reload(first?: { pin: string } | { restored: CardRow }): Promise<boolean>;
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

/** Card actions and undo load with their module on first use; so does the end of the session. */
const cardActions = () => import('../../storage/card-actions');
const summary = () => import('../../storage/summary');

let engine: Promise<SchedulerFor> | undefined;
/**
 * ts-fsrs is not needed to show a card, only to answer it or label the grade buttons: its code
 * loads once, after the first card is up. One scheduler per distinct settings object (presets are
 * shared by decks).
 */
export function loadSchedulers(): Promise<SchedulerFor> {
  engine ??= import('../../domain/scheduling/engine').then(
    (engineModule) => {
      const schedulers = new WeakMap<SchedulingSettings, FSRS>();
      return (settings: SchedulingSettings) => {
        let scheduler = schedulers.get(settings);
        if (!scheduler) {
          scheduler = engineModule.makeScheduler(settings);
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

export function createStudySession(deps: SessionDeps): StudySessionStore {
  const { db, now, scope, boot, onFirstSave } = deps;
  let { config, clock } = deps;
  let snapshot: SessionSnapshot = { state: { status: 'loading' }, undoLabel: null, error: null };
  const listeners = new Set<() => void>();
  let undoStack: UndoEntry[] = [];
  // What the next grade applies to. Cleared by the grade itself, so a second key press before the
  // next card renders does nothing.
  let live: { queue?: StudyQueue; shown?: ShownCard } = {};
  // The card most likely to come next and its note, read while the current card is on screen.
  let prefetched: { id: string; loaded?: Loaded } | undefined;
  const chain = new SaveChain();
  // Bumped when the queue is read again from storage: screens computed before that are dropped.
  let epoch = 0;
  let busy = false;
  let recovering = false;
  let persisted = false;
  // While only future learning cards remain: the wake-up when the next one comes due.
  let wake: ReturnType<typeof setTimeout> | undefined;
  let stop: (() => void) | undefined;

  const learnAheadMs = () => config.global.learnAheadMinutes * MINUTE;

  function set(patch: Partial<SessionSnapshot>): void {
    const before = snapshot;
    if ((Object.keys(patch) as (keyof SessionSnapshot)[]).every((key) => patch[key] === before[key])) return;
    // Whatever the screen shows next, it is not the pause the wake-up was for.
    if (patch.state) clearTimeout(wake);
    snapshot = { ...before, ...patch };
    for (const listener of listeners) listener();
  }

  async function fail(e: unknown): Promise<void> {
    const { title, detail } = await describe(e);
    set({ error: `${title}: ${detail}` });
  }

  /** Storage changed other than by an answer (undo, a card action, a reload): drop what was read ahead. */
  function forget(): void {
    epoch++;
    prefetched = undefined;
  }

  function setUndo(entries: UndoEntry[]): void {
    undoStack = entries;
    const last = entries[entries.length - 1];
    set({ undoLabel: last ? (last.kind === 'answer' ? last.label : last.undo.label) : null });
  }

  function present(q: StudyQueue, { card, note }: Loaded): void {
    const painted = boot();
    const resumed = painted?.cardId === card.id && painted.reps === card.reps;
    const at = now();
    const shown: ShownCard = { card, note, shownAt: resumed ? painted.shownAt : at, ...(resumed ? { resumed } : {}) };
    live = { queue: q, shown };
    set({ queue: q, state: { status: 'card', shown } });
    // ts-fsrs is not needed to show a card: its code loads once one is up.
    if (!snapshot.schedulerFor) loadScheduler();
    // Read the likely next card now, after the saves asked for so far, so it reflects them.
    const likely = nextCard(afterAnswer(q, card.id, undefined), at, learnAheadMs());
    if (!likely) return;
    const entry: { id: string; loaded?: Loaded } = { id: likely.id };
    prefetched = entry;
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
  }

  /** Shows the queue's next card: `known` when it is that card, else the prefetched one, else read. */
  async function show(q: StudyQueue, known?: Loaded, at = now()): Promise<void> {
    const mine = epoch;
    const next = nextCard(q, at, learnAheadMs());
    if (next) {
      const ready = known?.card.id === next.id ? known : prefetched?.id === next.id ? prefetched.loaded : undefined;
      if (ready) {
        present(q, ready);
        return;
      }
      live = {};
      await chain.idle();
      const loaded = await readCard(db, next.id, next.noteId);
      if (epoch !== mine) return;
      if (loaded) {
        present(q, loaded);
        return;
      }
      // The card vanished (deleted in another tab): drop it and go on.
      await show(afterAnswer(q, next.id, undefined));
      return;
    }
    live = { queue: q };
    const firstLearning = q.learning[0];
    if (firstLearning) {
      const until = firstLearning.due - learnAheadMs();
      set({ queue: q, state: { status: 'waiting', until } });
      // Wake up when it comes due (unless the session has stopped).
      if (stop) wake = setTimeout(() => void show(q), Math.max(0, until - now()) + 50);
      return;
    }
    set({ queue: q });
    await chain.idle();
    const nextDue = await (await summary()).nextDueAfter(db, scope, at);
    if (epoch === mine) set({ state: { status: 'done', nextDue } });
  }

  async function reload(first?: { pin: string } | { restored: CardRow }): Promise<boolean> {
    forget();
    const rebuilt = await loadQueue(db, scope, config, now(), clock);
    const card = first === undefined ? undefined : 'pin' in first ? inQueue(rebuilt, first.pin) : queueCardOf(first.restored);
    await show(card ? pinCard(rebuilt, card) : rebuilt);
    return card !== undefined;
  }

  /** A save failed: take its answer (and any queued behind it) off the undo stack, show the card again. */
  async function recover(entry: AnswerEntry, cardId: string, failure: unknown): Promise<void> {
    if (failure instanceof SkippedSave) return; // the failed save before it does this
    recovering = true;
    const at = undoStack.indexOf(entry);
    if (at >= 0) setUndo(undoStack.slice(0, at));
    const { label } = entry;
    const reason =
      failure instanceof StaleCardError
        ? 'the card had changed elsewhere (another tab?) after it was shown'
        : (({ title, detail }) => `${title}. ${detail}`)(await describe(failure));
    const lost = `Your “${label}” was not saved: ${reason}.`;
    try {
      const back = await reload({ pin: cardId });
      set({ error: `${lost} ${back ? 'The card is shown again.' : 'The queue was read again.'}` });
    } catch (e) {
      set({ error: `${lost} Reading the queue again failed too: ${(await describe(e)).detail}` });
    } finally {
      recovering = false;
    }
  }

  async function answer(rating: Grade, givenAt?: number): Promise<void> {
    const { queue: q, shown } = live;
    if (!q || !shown || busy || recovering) return;
    busy = true;
    live = { queue: q };
    const { card, note, shownAt } = shown;
    const at = givenAt ?? now();
    let queued = false;
    try {
      const deckSettings = config.forDeck(card.deckId);
      const scheduler = (snapshot.schedulerFor ?? (await loadSchedulers()))(deckSettings);
      const ctx = { scheduler, settings: deckSettings, clock };
      // The step `saveAnswer` repeats in its transaction, from the same stored card: the
      // screen moves on with this result while the save runs.
      const result = answerCard(card, rating, at, ctx);
      const input = { cardId: card.id, rating, now: at, durationMs: at - shownAt, shownReps: card.reps };
      const saved = chain.run(() => saveAnswer(db, input, ctx));
      queued = true;
      const entry: AnswerEntry = { kind: 'answer', saved, label: GRADE_NAMES[rating] ?? '' };
      setUndo([...undoStack, entry]);
      saved.then(
        () => {
          announceCardChange(card.id);
          set({ error: null });
          if (!persisted) {
            persisted = true;
            onFirstSave();
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
      await fail(e);
      // Not yet answered: the card on screen takes the next grade again. Answered (the next
      // card could not be read): start again from what storage holds.
      if (!queued) live = { queue: q, shown };
      else void reload().catch(() => undefined);
    } finally {
      busy = false;
    }
  }

  async function act(action: CardAction): Promise<void> {
    const { queue: q, shown } = live;
    if (!q || !shown || busy || recovering) return;
    busy = true;
    const mine = epoch;
    const { card } = shown;
    try {
      await chain.idle();
      if (epoch !== mine || live.shown !== shown) return;
      const actions = await cardActions();
      // An edit changes the note, which the card read ahead may share (a sibling).
      prefetched = undefined;
      const undo = await actions.applyCardAction(db, card.id, action, now(), clock);
      announceCardChange(card.id);
      setUndo([...undoStack, { kind: 'action', undo }]);
      set({ error: null });
      if (action.kind === 'flag' || action.kind === 'edit') {
        const fresh = await readCard(db, card.id, card.noteId);
        if (fresh) {
          const updated = { ...shown, ...fresh };
          live = { queue: q, shown: updated };
          set({ state: { status: 'card', shown: updated } });
        }
      } else {
        await show(afterAnswer(q, card.id, undefined));
      }
    } catch (e) {
      await fail(e);
    } finally {
      busy = false;
    }
  }

  async function undo(): Promise<void> {
    if (busy || recovering) return;
    busy = true;
    try {
      // An answer given a moment ago may still be saving: undo takes back what was saved.
      await chain.idle();
      const entry = undoStack[undoStack.length - 1];
      if (entry === undefined || recovering) return;
      const actions = await cardActions();
      let restored: CardRow;
      if (entry.kind === 'answer') {
        const saved = await entry.saved.catch(() => undefined);
        if (!saved) return; // its failure is reported, and the card already shown again
        restored = await actions.undoAnswer(db, saved.reviewId);
      } else {
        restored = await actions.undoCardAction(db, entry.undo);
      }
      announceCardChange(restored.id);
      setUndo(undoStack.slice(0, -1));
      await reload({ restored });
      set({ error: null });
    } catch (e) {
      set({ error: errorMessage(e) });
    } finally {
      busy = false;
    }
  }

  function start(): () => void {
    let cancelled = false;
    loadQueue(db, scope, config, now(), clock)
      .then(async (q) => {
        if (cancelled) return;
        // The card painted at start comes first, if it is still in today's queue.
        const painted = boot();
        const first = painted && inQueue(q, painted.cardId);
        await show(first ? pinCard(q, first) : q);
      })
      .catch(async (e: unknown) => set({ error: (await describe(e)).detail }));
    // A card changed in another tab leaves this queue: read it again, keeping the card on screen.
    const unlisten = onCardChangedElsewhere((cardId) => {
      const { queue: q, shown } = live;
      if (busy || recovering) return;
      if (shown?.card.id !== cardId && !(q && inQueue(q, cardId))) return;
      const keep = shown && shown.card.id !== cardId ? { pin: shown.card.id } : undefined;
      reload(keep).catch(() => undefined);
    });
    return () => {
      cancelled = true;
      clearTimeout(wake);
      unlisten();
    };
  }

  function loadScheduler(): void {
    loadSchedulers().then(
      (schedulerFor) => set({ schedulerFor }),
      (e: unknown) => set({ error: `The scheduler did not load: ${errorMessage(e)}` }),
    );
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      stop ??= start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stop?.();
          stop = undefined;
        }
      };
    },
    getSnapshot: () => snapshot,
    configure(nextConfig, nextClock) {
      config = nextConfig;
      clock = nextClock;
    },
    answer,
    act,
    undo,
    reload,
  };
}
