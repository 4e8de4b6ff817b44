/**
 * Card state and one pure function per answer, around a ts-fsrs scheduler built by engine.ts.
 * This module only uses ts-fsrs's types, so the study screen can paint its first card before the
 * scheduler's code has loaded.
 * Card state is kept in real time (ms since epoch); instants are shifted into study-day time
 * (see time.ts) only while ts-fsrs looks at them, and day-scale due dates come back as the
 * first instant of their study day, so "due today" is one index range: due < start of tomorrow.
 */
import type { Card as FsrsCard, FSRS, Grade as FsrsGrade, State as FsrsState } from 'ts-fsrs';
import type { SchedulingSettings } from './settings';
import { type DayClock, DAY, shift, startOfStudyDay, studyDay } from './time';

/** ts-fsrs's card states, same numbers (a unit test compares them with the library's enum). */
export const State = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type State = (typeof State)[keyof typeof State];

/** ts-fsrs's ratings, same numbers; Manual is never given by a person. */
export const Rating = { Manual: 0, Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type Rating = (typeof Rating)[keyof typeof Rating];
export type Grade = Exclude<Rating, 0>;

/** Where a card sits for the queue; suspended/buried/retired keep their FSRS state. */
export const Queue = {
  New: 0,
  Learning: 1,
  Review: 2,
  DayLearning: 3,
  Suspended: -1,
  Buried: -2,
  Retired: -3,
} as const;
export type Queue = (typeof Queue)[keyof typeof Queue];
/** The highest queue number: index ranges over every live queue end here. */
export const HIGHEST_QUEUE: Queue = Math.max(...Object.values(Queue)) as Queue;

/** The scheduling part of a card, all instants in real ms. */
export interface CardState {
  queue: Queue;
  /** Due instant (ms) for learning/review cards; for new cards the position in the new queue. */
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: State;
  lastReview: number | null;
}

/** What the review log stores for one answer (ts-fsrs log fields, real-time instants). */
export interface ReviewEntry {
  rating: Grade;
  state: State;
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  /** When the answer was given (ms). */
  review: number;
  studyDay: number;
}

export interface AnswerResult {
  next: CardState;
  entry: ReviewEntry;
  /** The answer made the card a leech (threshold reached, or every half-threshold after). */
  leech: boolean;
}

export function newCardState(position: number): CardState {
  return {
    queue: Queue.New,
    due: position,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: State.New,
    lastReview: null,
  };
}

function toFsrs(card: CardState, now: number, clock: DayClock): FsrsCard {
  const shiftedNow = shift(now, clock);
  return {
    due: new Date(card.queue === Queue.New ? shiftedNow : shift(card.due, clock)),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as number as FsrsState,
    ...(card.lastReview === null ? {} : { last_review: new Date(shift(card.lastReview, clock)) }),
  };
}

function fromFsrs(card: FsrsCard, now: number, clock: DayClock): CardState {
  const shiftedNow = shift(now, clock);
  const ahead = card.due.getTime() - shiftedNow;
  const learning = card.state === State.Learning || card.state === State.Relearning;
  let queue: Queue;
  let due: number;
  if (learning && ahead < DAY) {
    queue = Queue.Learning;
    due = now + ahead;
  } else {
    queue = learning ? Queue.DayLearning : Queue.Review;
    due = startOfStudyDay(Math.floor(card.due.getTime() / DAY), clock);
  }
  return {
    queue,
    due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as State,
    lastReview: now,
  };
}

export interface AnswerContext {
  scheduler: FSRS;
  settings: SchedulingSettings;
  clock: DayClock;
}

export function answerCard(card: CardState, rating: Grade, givenAt: number, ctx: AnswerContext): AnswerResult {
  // A device clock set back (by hand, a time-zone change, a bad sync) must not date an answer
  // before the card's previous one: ts-fsrs refuses a negative interval, and the log would run
  // backwards. Such an answer is dated at the previous answer's instant.
  const now = card.lastReview !== null && givenAt < card.lastReview ? card.lastReview : givenAt;
  const { card: nextFsrs, log } = ctx.scheduler.next(
    toFsrs(card, now, ctx.clock),
    new Date(shift(now, ctx.clock)),
    rating as number as FsrsGrade,
  );
  const next = fromFsrs(nextFsrs, now, ctx.clock);
  const threshold = ctx.settings.leechThreshold;
  const lapsed = next.lapses > card.lapses;
  const half = Math.max(1, Math.ceil(threshold / 2));
  const leech = lapsed && next.lapses >= threshold && (next.lapses - threshold) % half === 0;
  if (leech && ctx.settings.leechAction === 'suspend') next.queue = Queue.Suspended;
  const entry: ReviewEntry = {
    rating,
    state: log.state as State,
    due: next.due,
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
    review: now,
    studyDay: studyDay(now, ctx.clock),
  };
  return { next, entry, leech };
}

/** The four outcomes of answering now, for the interval labels on the grade buttons. */
export function previewAnswers(card: CardState, now: number, ctx: AnswerContext): Record<Grade, CardState> {
  const grades = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const;
  const out = {} as Record<Grade, CardState>;
  for (const g of grades) out[g] = answerCard(card, g, now, ctx).next;
  return out;
}

/** "1m", "10m", "3h", "4d", "2.5mo", "1.2y": the wait until the card is due again. */
export function formatInterval(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = Math.round(hours / 24);
  if (days < 31) return `${days}d`;
  if (days < 365) return `${(days / 30.4).toFixed(days < 304 ? 1 : 0).replace(/\.0$/, '')}mo`;
  return `${(days / 365.25).toFixed(1).replace(/\.0$/, '')}y`;
}

/** The wait shown on a grade button: review cards count from now to their day's start. */
export function intervalLabel(next: CardState, now: number, clock: DayClock): string {
  if (next.queue === Queue.Learning) return formatInterval(next.due - now);
  const days = studyDay(next.due, clock) - studyDay(now, clock);
  return formatInterval(Math.max(1, days) * DAY);
}

/** The queue a card returns to when it is unsuspended, unburied or un-retired. */
export function activeQueue(card: Pick<CardState, 'state' | 'scheduledDays'>): Queue {
  switch (card.state) {
    case State.New:
      return Queue.New;
    case State.Review:
      return Queue.Review;
    default:
      return card.scheduledDays >= 1 ? Queue.DayLearning : Queue.Learning;
  }
}
