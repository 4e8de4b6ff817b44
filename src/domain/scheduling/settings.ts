/**
 * Scheduling settings with Anki's defaults, and one reader per setting that takes a valid value
 * out of loose input (a settings form, an old database row, an import). What is wrong, in words,
 * is in settings-check.ts: only the option forms need it, so it is not in the first load.
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

/** The settings the options forms set (the fitted parameters are not among them). */
export type SettingKey = Exclude<keyof SchedulingSettings, 'parameters'>;
export type LooseSettings = Partial<Record<keyof SchedulingSettings, unknown>>;

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

const whole =
  (min: number, max: number) =>
  (value: unknown): number | undefined => {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
const flag = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
const oneOf =
  <T extends string>(...allowed: T[]) =>
  (value: unknown) =>
    allowed.find((a) => a === value);

/** Each setting's reader: its valid value in loose input, or undefined. */
export const SETTING_READERS: { [K in SettingKey]: (value: unknown) => SchedulingSettings[K] | undefined } = {
  desiredRetention: (value) => {
    const n = Number(value);
    return n >= 0.7 && n <= 0.99 ? n : undefined;
  },
  learningSteps: parseSteps,
  relearningSteps: parseSteps,
  maximumInterval: whole(1, 36500),
  fuzz: flag,
  newPerDay: whole(0, 9999),
  reviewsPerDay: whole(0, 99999),
  rolloverHour: whole(0, 23),
  learnAheadMinutes: whole(0, 1440),
  leechThreshold: whole(1, 99),
  leechAction: oneOf<LeechAction>('suspend', 'tag'),
  burySiblings: flag,
  newOrder: oneOf<NewOrder>('ascending', 'descending'),
};

/**
 * Settings from loose input over the defaults: each field's valid value, or its default where the
 * input's is invalid (`invalid` names those fields, so callers can refuse or repair).
 */
export function readSettings(input: LooseSettings): { settings: SchedulingSettings; invalid: SettingKey[] } {
  const merged: LooseSettings = { ...DEFAULT_SETTINGS, ...input };
  const settings = { ...DEFAULT_SETTINGS } as Record<SettingKey, unknown>;
  const invalid: SettingKey[] = [];
  for (const key of Object.keys(SETTING_READERS) as SettingKey[]) {
    const value = SETTING_READERS[key](merged[key]);
    if (value === undefined) invalid.push(key);
    else settings[key] = value;
  }
  return { settings: settings as unknown as SchedulingSettings, invalid };
}
