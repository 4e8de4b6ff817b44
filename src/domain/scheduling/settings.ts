/**
 * Scheduling settings with Anki's defaults, and the one normaliser that turns loose input
 * (a settings form, an old database row, an import) into valid settings or a list of errors.
 */

export type LeechAction = 'suspend' | 'tag';
export type NewOrder = 'ascending' | 'descending';

export interface SchedulingSettings {
  desiredRetention: number;
  learningSteps: string[];
  relearningSteps: string[];
  maximumInterval: number;
  fuzz: boolean;
  newPerDay: number;
  reviewsPerDay: number;
  rolloverHour: number;
  learnAheadMinutes: number;
  leechThreshold: number;
  leechAction: LeechAction;
  /** Hold back a note's other cards until tomorrow once one of them was answered today. */
  burySiblings: boolean;
  /** New cards in deck order, or newest first. */
  newOrder: NewOrder;
  /**
   * FSRS parameters fitted to this preset's history and adopted (storage/fsrs-parameters.ts);
   * absent = ts-fsrs's defaults. Not part of the options form, so the normaliser leaves it out.
   */
  parameters?: readonly number[];
}

export const DEFAULT_SETTINGS: Readonly<SchedulingSettings> = Object.freeze({
  desiredRetention: 0.9,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumInterval: 36500,
  fuzz: true,
  newPerDay: 20,
  reviewsPerDay: 200,
  rolloverHour: 4,
  learnAheadMinutes: 20,
  leechThreshold: 8,
  leechAction: 'suspend',
  burySiblings: true,
  newOrder: 'ascending',
});

/** The settings a deck preset may set; the rest (day rollover, learn-ahead, fuzz) are global. */
export const PRESET_KEYS = [
  'newPerDay',
  'reviewsPerDay',
  'learningSteps',
  'relearningSteps',
  'desiredRetention',
  'maximumInterval',
  'leechThreshold',
  'leechAction',
  'burySiblings',
  'newOrder',
] as const satisfies readonly (keyof SchedulingSettings)[];
export type PresetKey = (typeof PRESET_KEYS)[number];
export type PresetValues = Pick<SchedulingSettings, PresetKey>;

export function presetValuesOf(settings: SchedulingSettings): PresetValues {
  return Object.fromEntries(PRESET_KEYS.map((k) => [k, settings[k]])) as PresetValues;
}

export type SettingsErrors = Partial<Record<keyof SchedulingSettings, string>>;

export type SettingsResult = { ok: true; settings: SchedulingSettings } | { ok: false; errors: SettingsErrors };

const STEP = /^(\d+(?:\.\d+)?)(m|h|d)$/;

/** "1m 10m" or ["1m","10m"] → ["1m","10m"]; undefined when a step is not a positive duration. */
export function parseSteps(input: unknown): string[] | undefined {
  const parts = Array.isArray(input)
    ? input.map(String)
    : String(input ?? '')
        .split(/[\s,]+/)
        .filter((s) => s !== '');
  const steps: string[] = [];
  for (const part of parts) {
    const m = STEP.exec(part.trim());
    if (!m || Number(m[1]) <= 0) return undefined;
    // ts-fsrs reads steps with parseInt; keep whole numbers in minutes for fractional input.
    const value = Number(m[1]);
    if (Number.isInteger(value)) steps.push(`${value}${m[2]}`);
    else steps.push(`${Math.round(value * (m[2] === 'd' ? 1440 : m[2] === 'h' ? 60 : 1))}m`);
  }
  return steps;
}

function wholeNumber(value: unknown, min: number, max: number): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export function normaliseSettings(input: Partial<Record<keyof SchedulingSettings, unknown>>): SettingsResult {
  const merged = { ...DEFAULT_SETTINGS, ...input };
  const errors: SettingsErrors = {};

  const retention = Number(merged.desiredRetention);
  if (!(retention >= 0.7 && retention <= 0.99)) {
    errors.desiredRetention = `desired retention must be between 0.70 and 0.99 (got ${String(merged.desiredRetention)})`;
  }
  const learningSteps = parseSteps(merged.learningSteps);
  if (!learningSteps)
    errors.learningSteps = `learning steps must be durations like "1m 10m" (got ${JSON.stringify(merged.learningSteps)})`;
  const relearningSteps = parseSteps(merged.relearningSteps);
  if (!relearningSteps) {
    errors.relearningSteps = `relearning steps must be durations like "10m" (got ${JSON.stringify(merged.relearningSteps)})`;
  }
  const maximumInterval = wholeNumber(merged.maximumInterval, 1, 36500);
  if (maximumInterval === undefined) errors.maximumInterval = 'maximum interval must be a whole number of days from 1 to 36500';
  const newPerDay = wholeNumber(merged.newPerDay, 0, 9999);
  if (newPerDay === undefined) errors.newPerDay = 'new cards per day must be a whole number from 0 to 9999';
  const reviewsPerDay = wholeNumber(merged.reviewsPerDay, 0, 99999);
  if (reviewsPerDay === undefined) errors.reviewsPerDay = 'maximum reviews per day must be a whole number from 0 to 99999';
  const rolloverHour = wholeNumber(merged.rolloverHour, 0, 23);
  if (rolloverHour === undefined) errors.rolloverHour = 'the next day starts at a whole hour from 0 to 23';
  const learnAheadMinutes = wholeNumber(merged.learnAheadMinutes, 0, 1440);
  if (learnAheadMinutes === undefined) errors.learnAheadMinutes = 'learn-ahead limit must be 0 to 1440 minutes';
  const leechThreshold = wholeNumber(merged.leechThreshold, 1, 99);
  if (leechThreshold === undefined) errors.leechThreshold = 'leech threshold must be a whole number of lapses from 1 to 99';
  const leechAction = merged.leechAction;
  if (leechAction !== 'suspend' && leechAction !== 'tag') errors.leechAction = 'leech action must be "suspend" or "tag"';
  const fuzz = merged.fuzz;
  if (typeof fuzz !== 'boolean') errors.fuzz = 'fuzz must be on or off';
  const burySiblings = merged.burySiblings;
  if (typeof burySiblings !== 'boolean') errors.burySiblings = 'bury siblings must be on or off';
  const newOrder = merged.newOrder;
  if (newOrder !== 'ascending' && newOrder !== 'descending')
    errors.newOrder = 'new card order must be "ascending" or "descending"';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      desiredRetention: retention,
      learningSteps: learningSteps ?? [],
      relearningSteps: relearningSteps ?? [],
      maximumInterval: maximumInterval ?? DEFAULT_SETTINGS.maximumInterval,
      fuzz: fuzz as boolean,
      newPerDay: newPerDay ?? 0,
      reviewsPerDay: reviewsPerDay ?? 0,
      rolloverHour: rolloverHour ?? DEFAULT_SETTINGS.rolloverHour,
      learnAheadMinutes: learnAheadMinutes ?? 0,
      leechThreshold: leechThreshold ?? DEFAULT_SETTINGS.leechThreshold,
      leechAction: leechAction as LeechAction,
      burySiblings: burySiblings as boolean,
      newOrder: newOrder as NewOrder,
    },
  };
}
