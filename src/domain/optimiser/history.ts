/**
 * A card's answers, oldest first, as FSRS sees them: a grade and the study day it was given on.
 * From them come (a) what the parameters predicted before each answer to a card in review, by
 * replaying the card's memory state with ts-fsrs (the scheduler the app uses, with the same study
 * days), and (b) the training items the FSRS optimiser expects.
 *
 * Same-day repeats are kept in the history with Δt = 0, as Anki does: they move FSRS's short-term
 * stability; but only an answer at least one study day after the previous one is a prediction to
 * judge or a training target (Anki's rule that an item's last review is a long-term one).
 */
import { default_w, FSRSAlgorithm, type FSRSState, generatorParameters } from 'ts-fsrs';
import type { Grade } from '../scheduling/scheduler';
import type { Prediction } from '../stats/calibration';

export interface HistoryAnswer {
  rating: Grade;
  /** Study day number of the answer (see scheduling/time.ts). */
  day: number;
  /** When it was given (ms); orders answers and splits the history in time. */
  at: number;
}

export interface CardHistory {
  answers: HistoryAnswer[];
}

/** ts-fsrs's default parameters (FSRS-6), the ones a preset uses until it adopts a fit. */
export const DEFAULT_PARAMETERS: readonly number[] = Object.freeze([...default_w]);

export function memoryModel(parameters: readonly number[]): FSRSAlgorithm {
  return new FSRSAlgorithm(generatorParameters({ w: [...parameters], enable_short_term: true }));
}

export interface PredictOptions {
  /** Only answers given at or after this instant are returned (the whole history is still replayed). */
  from?: number;
  /** …and before this one. */
  to?: number;
}

/**
 * Predicted recall before every answer to a card in review. `card` in each prediction is the
 * history's position in `histories`, so predictions of two parameter sets line up one to one.
 */
export function predictAnswers(
  histories: readonly CardHistory[],
  parameters: readonly number[],
  { from = -Infinity, to = Infinity }: PredictOptions = {},
): Prediction[] {
  const model = memoryModel(parameters);
  const out: Prediction[] = [];
  for (const [card, h] of histories.entries()) {
    let state: FSRSState | null = null;
    let lapses = 0;
    for (const [k, a] of h.answers.entries()) {
      const t = k === 0 ? 0 : Math.max(0, a.day - (h.answers[k - 1]?.day ?? a.day));
      if (state && t > 0 && a.at >= from && a.at < to) {
        out.push({
          card,
          p: model.forgetting_curve(t, state.stability),
          y: a.rating > 1 ? 1 : 0,
          deltaT: t,
          index: k + 1,
          lapses,
        });
      }
      state = model.next_state(state, t, a.rating);
      if (a.rating === 1 && k > 0) lapses++;
    }
  }
  return out;
}

/** Answers to cards in review (Δt ≥ 1 study day), the ones calibration and the adoption rule judge. */
export function countReviewAnswers(histories: readonly CardHistory[]): number {
  let n = 0;
  for (const h of histories) for (let k = 1; k < h.answers.length; k++) if (h.answers[k]!.day > h.answers[k - 1]!.day) n++;
  return n;
}

/**
 * Training items in fsrs-browser's flat layout: item j is `lengths[j]` consecutive (rating, Δt)
 * pairs, a card's history up to and including one answer to the card in review; Δt of the first
 * answer is 0. Only answers given before `before` make items.
 */
export interface TrainingItems {
  ratings: Uint32Array;
  deltaTs: Uint32Array;
  lengths: Uint32Array;
}

export function trainingItems(histories: readonly CardHistory[], before = Infinity): TrainingItems {
  const ratings: number[] = [];
  const deltaTs: number[] = [];
  const lengths: number[] = [];
  for (const h of histories) {
    const dt = h.answers.map((a, k) => (k === 0 ? 0 : Math.max(0, a.day - (h.answers[k - 1]?.day ?? a.day))));
    for (let k = 1; k < h.answers.length; k++) {
      if (dt[k] === 0 || h.answers[k]!.at >= before) continue;
      for (let i = 0; i <= k; i++) {
        ratings.push(h.answers[i]!.rating);
        deltaTs.push(dt[i]!);
      }
      lengths.push(k + 1);
    }
  }
  return { ratings: Uint32Array.from(ratings), deltaTs: Uint32Array.from(deltaTs), lengths: Uint32Array.from(lengths) };
}

/**
 * The instant that splits the history in time: answers to cards in review given at or after it
 * (the newest `heldOut` fraction of them) judge a fit made on the ones before.
 */
export function timeSplit(histories: readonly CardHistory[], heldOut = 0.2): number {
  const times: number[] = [];
  for (const h of histories)
    for (let k = 1; k < h.answers.length; k++) if (h.answers[k]!.day > h.answers[k - 1]!.day) times.push(h.answers[k]!.at);
  if (times.length === 0) return Infinity;
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.floor(times.length * (1 - heldOut)))]!;
}
