/**
 * Drawing the questions of a mock interview from explain cards. Pure: `now` and the random
 * source are parameters, so a seed gives the same draw every time.
 *
 * Cards due soon or weak (low stability, lapses) are preferred, not forced: each card gets a
 * weight and the draw is a weighted sample without replacement, so a run still mixes in other
 * cards and two runs on the same day differ. One question per note.
 */
import type { RandomSource } from '../random';
import { Queue, State } from '../scheduling/scheduler';
import { DAY } from '../scheduling/time';

export interface DrawCandidate {
  cardId: string;
  noteId: string;
  queue: Queue;
  state: State;
  due: number;
  /** FSRS stability in days (0 for new cards). */
  stability: number;
  lapses: number;
}

/** Cards an interview may ask: suspended and retired cards are left out, as in review. */
export function drawable(c: DrawCandidate): boolean {
  return c.queue !== Queue.Suspended && c.queue !== Queue.Retired;
}

/**
 * How strongly a card is preferred (at least 1). Due within a day (or overdue) adds 4, within a
 * week 2; each lapse adds 1 (up to 4); a stability under a week adds 2, under three weeks 1.
 * A new card adds 1: never seen, so worth asking, but behind cards that are due or weak.
 */
export function questionWeight(c: DrawCandidate, now: number): number {
  if (c.state === State.New) return 2;
  let weight = 1;
  const daysLeft = (c.due - now) / DAY;
  if (daysLeft <= 1) weight += 4;
  else if (daysLeft <= 7) weight += 2;
  weight += Math.min(Math.max(0, c.lapses), 4);
  if (c.stability < 7) weight += 2;
  else if (c.stability < 21) weight += 1;
  return weight;
}

/**
 * Up to `count` cards, never two of one note, drawn with probability growing with their weight
 * (Efraimidis–Spirakis: each card's key is u^(1/w) for a uniform u; the largest keys win).
 * Ties in key keep the candidates' order, so the result depends only on the inputs.
 */
export function drawQuestions(
  candidates: readonly DrawCandidate[],
  options: { count: number; now: number; random: RandomSource },
): DrawCandidate[] {
  const { count, now, random } = options;
  if (!(count > 0)) return [];
  const keyed = candidates.filter(drawable).map((c, i) => ({ c, i, key: random() ** (1 / questionWeight(c, now)) }));
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  const notes = new Set<string>();
  const drawn: DrawCandidate[] = [];
  for (const { c } of keyed) {
    if (drawn.length >= count) break;
    if (notes.has(c.noteId)) continue;
    notes.add(c.noteId);
    drawn.push(c);
  }
  return drawn;
}
