/**
 * The parts that run ts-fsrs's own code: building a scheduler from settings, and the review-load
 * estimate. Kept apart from scheduler.ts so the first screen does not wait for the library; the
 * study screen loads this module right after its first card is up.
 */
import { type FSRS, fsrs } from 'ts-fsrs';
import type { SchedulingSettings } from './settings';

export function makeScheduler(settings: SchedulingSettings): FSRS {
  return fsrs({
    request_retention: settings.desiredRetention,
    maximum_interval: settings.maximumInterval,
    enable_fuzz: settings.fuzz,
    enable_short_term: true,
    learning_steps: settings.learningSteps as `${number}m`[],
    relearning_steps: settings.relearningSteps as `${number}m`[],
    ...(settings.parameters ? { w: [...settings.parameters] } : {}),
  });
}

/**
 * Rough steady-state review load at a desired retention: each review card comes back about once
 * per interval, and the interval is stability × the scheduler's interval modifier for that
 * retention. Ignores new cards, lapses and fuzz: a guide for comparing retentions, not a forecast.
 */
export function estimateReviewsPerDay(stabilities: Iterable<number>, desiredRetention: number, maximumInterval: number): number {
  const modifier = fsrs({ request_retention: desiredRetention }).calculate_interval_modifier(desiredRetention);
  let perDay = 0;
  for (const s of stabilities) perDay += 1 / Math.min(maximumInterval, Math.max(1, s * modifier));
  return perDay;
}
