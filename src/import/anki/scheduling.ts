/**
 * Anki scheduling → the app's CardState and ReviewEntry.
 *
 * - Only cards that have been studied (type > 0) get a state; new cards arrive as new.
 * - FSRS memory state comes from cards.data ({"s": stability, "d": difficulty, "lrt": last review
 *   in seconds}). Cards scheduled with SM-2 have none: stability is then estimated from the
 *   interval (at 90% retention an interval of n days ≈ a stability of n days) and difficulty from
 *   the ease factor; learning cards get FSRS's first-answer values for "Good".
 * - Due dates: review and day-learning cards count days from col.crt (the collection's creation
 *   day), converted to the first instant of that study day; intraday learning cards hold epoch
 *   seconds. Cards in a filtered deck use their original due (odue).
 * - revlog rows become ReviewEntry values: rating = ease (1–4; the v1 scheduler's 3-button
 *   learning answers are mapped), review time = revlog id (ms), durationMs = time (ms). The
 *   memory state at each answer is not in the revlog, so stability/difficulty are 0 there.
 */
import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import { type CardState, type Grade, Queue, type ReviewEntry, State } from '../../domain/scheduling/scheduler';
import { type DayClock, DAY, startOfStudyDay, studyDay } from '../../domain/scheduling/time';

export interface AnkiCardRow {
  id: number;
  nid: number;
  did: number;
  ord: number;
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  odue: number;
  odid: number;
  data: string;
}

export interface AnkiRevlogRow {
  id: number;
  cid: number;
  ease: number;
  ivl: number;
  time: number;
  type: number;
}

export interface SchedulingContext {
  /** col.crt in seconds. */
  crt: number;
  clock: DayClock;
  /** 1 for the legacy v1 scheduler (3-button learning). */
  schedVer: number;
}

interface MemoryData {
  s?: number;
  d?: number;
  lrt?: number;
}

function parseData(data: string): MemoryData {
  if (!data.startsWith('{')) return {};
  try {
    const parsed = JSON.parse(data) as unknown;
    if (parsed && typeof parsed === 'object') return parsed as MemoryData;
  } catch {
    // Anki treats unreadable card data as empty; so do we.
  }
  return {};
}

let firstGood: { stability: number; difficulty: number } | undefined;
function initialGood(): { stability: number; difficulty: number } {
  if (!firstGood) {
    const now = new Date(0);
    const { card } = fsrs({ enable_fuzz: false }).next(createEmptyCard(now), now, Rating.Good);
    firstGood = { stability: card.stability, difficulty: card.difficulty };
  }
  return firstGood;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Day numbers are small; learning due values are epoch seconds. */
const looksLikeSeconds = (due: number) => due > 1_000_000_000;

function dueInstant(due: number, ctx: SchedulingContext): number {
  if (looksLikeSeconds(due)) return due * 1000;
  const crtDay = studyDay(ctx.crt * 1000 + 12 * 3600_000, ctx.clock);
  return startOfStudyDay(crtDay + due, ctx.clock);
}

export interface ConvertedCard {
  state: CardState;
  /** True when stability/difficulty were estimated (no FSRS data on the card). */
  estimated: boolean;
}

/**
 * The card's state, or undefined for a card that has never been studied. `lastReviewMs` is the
 * newest revlog answer for the card, when there is one.
 */
export function convertCard(
  card: AnkiCardRow,
  ctx: SchedulingContext,
  lastReviewMs: number | undefined,
): ConvertedCard | undefined {
  if (card.type <= 0 || card.type > 3) return undefined;
  const state = card.type as State;
  const data = parseData(card.data);
  const rawDue = card.odid !== 0 && card.odue !== 0 ? card.odue : card.due;
  const due = dueInstant(rawDue, ctx);
  const intraday = state !== State.Review && looksLikeSeconds(rawDue);

  let queue: Queue;
  if (card.queue === -1) queue = Queue.Suspended;
  else if (state === State.Review) queue = Queue.Review;
  else queue = intraday ? Queue.Learning : Queue.DayLearning;

  let stability = typeof data.s === 'number' && data.s > 0 ? data.s : 0;
  let difficulty = typeof data.d === 'number' && data.d > 0 ? clamp(data.d, 1, 10) : 0;
  const estimated = stability === 0 || difficulty === 0;
  if (estimated) {
    if (state === State.Learning || card.ivl <= 0) {
      stability ||= initialGood().stability;
      difficulty ||= initialGood().difficulty;
    } else {
      stability ||= Math.max(card.ivl, 0.1);
      difficulty ||= card.factor > 0 ? clamp(11 - (card.factor / 1000 - 1) / 0.2, 1, 10) : 5;
    }
  }
  const scheduledDays = state === State.Review || state === State.Relearning ? Math.max(0, card.ivl) : 0;
  let lastReview: number | null = null;
  if (typeof data.lrt === 'number' && data.lrt > 0) lastReview = data.lrt * 1000;
  else if (lastReviewMs !== undefined) lastReview = lastReviewMs;
  else if (state === State.Review && card.ivl > 0) lastReview = due - card.ivl * DAY;
  const elapsedDays = lastReview !== null && state === State.Review ? Math.max(0, card.ivl) : 0;

  return {
    estimated,
    state: {
      queue,
      due,
      stability,
      difficulty,
      elapsedDays,
      scheduledDays,
      learningSteps: 0,
      reps: Math.max(0, card.reps),
      lapses: Math.max(0, card.lapses),
      state,
      lastReview,
    },
  };
}

/**
 * Review entries of one card, oldest first. Rows that are not answers (manual reschedules,
 * resets: ease 0 or type 4/5) are left out.
 */
export function convertRevlog(
  rows: readonly AnkiRevlogRow[],
  ctx: SchedulingContext,
): Array<{ entry: ReviewEntry; durationMs: number }> {
  const out: Array<{ entry: ReviewEntry; durationMs: number }> = [];
  let previous: ReviewEntry | undefined;
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    if (row.ease < 1 || row.ease > 4 || row.type > 3 || row.type < 0) continue;
    let rating = row.ease;
    if (ctx.schedVer === 1 && (row.type === 0 || row.type === 2) && rating >= 2) rating = Math.min(4, rating + 1);
    let state: State;
    if (row.type === 0) state = previous ? State.Learning : State.New;
    else if (row.type === 2) state = State.Relearning;
    else state = State.Review;
    const day = studyDay(row.id, ctx.clock);
    const due = row.ivl > 0 ? startOfStudyDay(day + row.ivl, ctx.clock) : row.ivl < 0 ? row.id + -row.ivl * 1000 : row.id;
    const elapsedDays = previous ? Math.max(0, day - previous.studyDay) : 0;
    const entry: ReviewEntry = {
      rating: rating as Grade,
      state,
      due,
      stability: 0,
      difficulty: 0,
      elapsedDays,
      lastElapsedDays: previous?.elapsedDays ?? 0,
      scheduledDays: Math.max(0, row.ivl),
      learningSteps: 0,
      review: row.id,
      studyDay: day,
    };
    out.push({ entry, durationMs: Math.max(0, Math.round(row.time)) });
    previous = entry;
  }
  return out;
}
