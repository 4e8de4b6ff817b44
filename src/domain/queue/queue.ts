/**
 * Today's study queue, built from small, already-filtered candidate lists (the storage layer
 * reads them with index range scans and limits; no function here sees the whole collection).
 *
 * Order: intraday learning due now (with learn-ahead) → interday learning → reviews due today,
 * with new cards spread evenly among the reviews. New cards count against the review limit.
 * Only one card per note a day: a note answered today, or already queued, is skipped.
 */
import { Queue } from '../scheduling/scheduler';
import type { SchedulingSettings } from '../scheduling/settings';

export interface QueueCard {
  id: string;
  noteId: string;
  deckId: string;
  /** ms for learning/review cards; position for new ones. */
  due: number;
  /** Which count the card belongs to (interday learning counts as learning, as in Anki). */
  kind: QueueKind;
}

export type QueueKind = 'new' | 'learning' | 'review';

/** The count a card in this queue belongs to (interday learning counts as learning). */
export function queueKind(queue: Queue): QueueKind {
  if (queue === Queue.New) return 'new';
  if (queue === Queue.Review) return 'review';
  return 'learning';
}

export interface TodayLog {
  /** Answers today to cards that were new before the answer. */
  newDone: number;
  /** Other answers today of review and interday-learning cards. */
  reviewsDone: number;
  /** Notes that had any answer today (siblings are held back until tomorrow). */
  notesSeen: ReadonlySet<string>;
}

export interface QueueCandidates {
  /** Intraday learning cards due before now + learn-ahead, ascending by due. */
  learning: readonly QueueCard[];
  /** Interday learning cards due today, ascending by due. */
  dayLearning: readonly QueueCard[];
  /** Review cards due today, ascending by due. */
  reviews: readonly QueueCard[];
  /** New cards in position order. */
  newCards: readonly QueueCard[];
}

export interface StudyQueue {
  learning: QueueCard[];
  /** Interday learning and reviews, then new cards mixed in: the main line after learning. */
  main: QueueCard[];
  /** A card put back by undo: shown before anything else. */
  pinned?: QueueCard;
}

export interface QueueCounts {
  newCount: number;
  learningCount: number;
  reviewCount: number;
}

export type QueueLimits = Pick<SchedulingSettings, 'newPerDay' | 'reviewsPerDay'> &
  Partial<Pick<SchedulingSettings, 'burySiblings'>>;

/** How many candidates the storage layer should read so that sibling skips cannot starve a limit. */
export function candidateBudget(limits: QueueLimits, today: TodayLog): { reviews: number; newCards: number } {
  const slack = today.notesSeen.size + 50;
  return { reviews: limits.reviewsPerDay + slack, newCards: limits.newPerDay + slack };
}

export function remainingLimits(limits: QueueLimits, today: TodayLog): { reviews: number; newCards: number } {
  const reviews = Math.max(0, limits.reviewsPerDay - today.reviewsDone - today.newDone);
  return { reviews, newCards: Math.max(0, Math.min(limits.newPerDay - today.newDone, reviews)) };
}

/**
 * The candidates a set of limits lets through, still split by kind. Used once per deck with the
 * deck's own preset, then again over the merged lists with the top-level limits ("Study all").
 */
export function selectCandidates(candidates: QueueCandidates, limits: QueueLimits, today: TodayLog): QueueCandidates {
  const bury = limits.burySiblings ?? true;
  const taken = new Set<string>(bury ? today.notesSeen : []);
  const take = (list: readonly QueueCard[], max: number): QueueCard[] => {
    const out: QueueCard[] = [];
    for (const card of list) {
      if (out.length >= max) break;
      if (taken.has(card.noteId)) continue;
      if (bury) taken.add(card.noteId);
      out.push(card);
    }
    return out;
  };

  // Learning cards are never limited: leaving them would break their short steps.
  const learning = takeLearning(candidates.learning);
  for (const c of learning) taken.add(c.noteId);
  const remaining = remainingLimits(limits, today);
  const dayLearning = take(candidates.dayLearning, remaining.reviews);
  const reviews = take(candidates.reviews, remaining.reviews - dayLearning.length);
  const newRoom = Math.min(remaining.newCards, remaining.reviews - dayLearning.length - reviews.length);
  const newCards = take(candidates.newCards, Math.max(0, newRoom));
  return { learning, dayLearning, reviews, newCards };
}

export function buildQueue(candidates: QueueCandidates, limits: QueueLimits, today: TodayLog): StudyQueue {
  const s = selectCandidates(candidates, limits, today);
  return { learning: [...s.learning], main: spread([...s.dayLearning, ...s.reviews], s.newCards) };
}

/** Several decks' selections as one candidate set: due-ordered lines, new cards deck by deck in the order given. */
export function mergeCandidates(parts: readonly QueueCandidates[]): QueueCandidates {
  const byDue = (a: QueueCard, b: QueueCard) => a.due - b.due;
  return {
    learning: parts.flatMap((p) => p.learning).sort(byDue),
    dayLearning: parts.flatMap((p) => p.dayLearning).sort(byDue),
    reviews: parts.flatMap((p) => p.reviews).sort(byDue),
    newCards: parts.flatMap((p) => p.newCards),
  };
}

/** The three numbers shown above the card, derived from the queue itself. */
export function queueCounts(queue: StudyQueue): QueueCounts {
  const counts: QueueCounts = { newCount: 0, learningCount: queue.learning.length, reviewCount: 0 };
  for (const card of queue.pinned ? [queue.pinned, ...queue.main] : queue.main) {
    if (card.kind === 'new') counts.newCount++;
    else if (card.kind === 'learning') counts.learningCount++;
    else counts.reviewCount++;
  }
  return counts;
}

/** A learning card's siblings may have been answered today, but the card itself goes on. */
function takeLearning(list: readonly QueueCard[]): QueueCard[] {
  const seen = new Set<string>();
  const out: QueueCard[] = [];
  for (const card of list) {
    if (seen.has(card.noteId)) continue;
    seen.add(card.noteId);
    out.push(card);
  }
  return out;
}

/** New cards placed evenly among reviews: after k of n items, about k·new/n are new. */
export function spread<T>(reviews: readonly T[], newCards: readonly T[]): T[] {
  const total = reviews.length + newCards.length;
  const out: T[] = [];
  let r = 0;
  let n = 0;
  for (let k = 0; k < total; k++) {
    const wantNew = Math.round(((k + 1) * newCards.length) / total) > n;
    if ((wantNew && n < newCards.length) || r >= reviews.length) out.push(newCards[n++] as T);
    else out.push(reviews[r++] as T);
  }
  return out;
}

/**
 * The card to show next: a learning card once it is due (learn-ahead applies only when nothing
 * else is left), otherwise the head of the main line.
 */
export function nextCard(queue: StudyQueue, now: number, learnAheadMs: number): QueueCard | undefined {
  if (queue.pinned) return queue.pinned;
  const firstLearning = queue.learning[0];
  if (firstLearning && firstLearning.due <= now) return firstLearning;
  const head = queue.main[0];
  if (head) return head;
  if (firstLearning && firstLearning.due <= now + learnAheadMs) return firstLearning;
  return undefined;
}

/**
 * The queue after a card was answered: the card leaves its line, and comes back into the
 * learning line (sorted by due) when its next step is still today. No rebuild from storage.
 */
export function afterAnswer(queue: StudyQueue, cardId: string, learningDue: number | undefined): StudyQueue {
  const answered =
    (queue.pinned?.id === cardId ? queue.pinned : undefined) ??
    queue.learning.find((c) => c.id === cardId) ??
    queue.main.find((c) => c.id === cardId);
  const learning = queue.learning.filter((c) => c.id !== cardId);
  const main = queue.main.filter((c) => c.id !== cardId);
  if (answered && learningDue !== undefined) {
    const moved: QueueCard = { ...answered, due: learningDue, kind: 'learning' };
    const at = learning.findIndex((c) => c.due > moved.due);
    if (at < 0) learning.push(moved);
    else learning.splice(at, 0, moved);
  }
  const pinned = queue.pinned && queue.pinned.id !== cardId ? queue.pinned : undefined;
  return pinned ? { learning, main, pinned } : { learning, main };
}

/** The queue after an undo: the restored card comes first, and is nowhere else in the queue. */
export function pinCard(queue: StudyQueue, card: QueueCard): StudyQueue {
  return {
    learning: queue.learning.filter((c) => c.id !== card.id),
    main: queue.main.filter((c) => c.id !== card.id),
    pinned: card,
  };
}

/**
 * Explain cards: the share of rubric points ticked suggests a grade; the user still chooses.
 * A full rubric suggests Good, not Easy: covering every point is what a correct answer means.
 */
export function suggestGrade(ticked: number, total: number): 1 | 2 | 3 {
  if (total <= 0) return 3;
  const share = ticked / total;
  if (share < 0.4) return 1;
  if (share < 0.75) return 2;
  return 3;
}
