/**
 * A synthetic review history drawn from known FSRS parameters, for tests, the benchmark and the
 * end-to-end seed. Each card is first seen on a random day, comes back after about its scheduled
 * interval (stretched or shortened at random, so the data tell apart short and long waits), is
 * remembered with the probability the true parameters give, and is graded as a person might:
 * Again when forgotten (then relearned the same day), otherwise Hard, Good or Easy.
 */
import type { Grade } from '../scheduling/scheduler';
import type { Random } from '../stats/random';
import { type CardHistory, DEFAULT_PARAMETERS, type HistoryAnswer, memoryModel } from './history';

export interface SyntheticOptions {
  parameters: readonly number[];
  cards: number;
  /** Study days simulated; cards start on days spread evenly over them, as new cards keep coming. */
  days: number;
  random: Random;
  /** Study day number of day 0 (answers get `at` = day·DAY + noon). */
  firstDay?: number;
  /** Stop once this many answers were drawn in all. */
  maxAnswers?: number;
}

const DAY = 86_400_000;

function firstGrade(u: number): Grade {
  return u < 0.2 ? 1 : u < 0.3 ? 2 : u < 0.9 ? 3 : 4;
}

function passGrade(u: number): Grade {
  return u < 0.15 ? 2 : u < 0.9 ? 3 : 4;
}

export function syntheticHistory({
  parameters,
  cards,
  days,
  random,
  firstDay = 0,
  maxAnswers = Infinity,
}: SyntheticOptions): CardHistory[] {
  const model = memoryModel(parameters);
  const out: CardHistory[] = [];
  let total = 0;
  for (let c = 0; c < cards && total < maxAnswers; c++) {
    const answers: HistoryAnswer[] = [];
    let day = Math.floor(random() * days);
    const push = (rating: Grade, d: number, minute: number) => {
      answers.push({ rating, day: firstDay + d, at: (firstDay + d) * DAY + 12 * 3_600_000 + minute * 60_000 + c });
    };
    let g = firstGrade(random());
    push(g, day, 0);
    let state = model.next_state(null, 0, g);
    if (g === 1) {
      push(3, day, 10);
      state = model.next_state(state, 0, 3);
    }
    for (;;) {
      const wait = Math.max(1, Math.round(state.stability * Math.exp(Math.log(0.3) + random() * Math.log(4 / 0.3))));
      day += wait;
      if (day >= days || total + answers.length >= maxAnswers) break;
      const r = model.forgetting_curve(wait, state.stability);
      const remembered = random() < r;
      g = remembered ? passGrade(random()) : 1;
      push(g, day, 0);
      state = model.next_state(state, wait, g);
      if (!remembered) {
        push(3, day, 10);
        state = model.next_state(state, 0, 3);
      }
    }
    total += answers.length;
    out.push({ answers });
  }
  return out;
}

/**
 * Parameters clearly unlike the defaults, for tests and the benchmark: first stabilities a third,
 * stronger growth of stability on recall, a steeper forgetting curve.
 */
export const CONTRASTING_PARAMETERS: readonly number[] = Object.freeze(
  DEFAULT_PARAMETERS.map((w, i) => (i < 4 ? w / 3 : i === 8 ? w * 1.3 : i === 20 ? 0.5 : w)),
);
