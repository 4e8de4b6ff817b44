/**
 * The option forms' check: loose input to valid settings, or one message per invalid field saying
 * what is allowed (and what was given, where that helps). The readers are in settings.ts.
 */
import { type LooseSettings, readSettings, type SchedulingSettings, type SettingKey } from './settings';

export type SettingsErrors = Partial<Record<keyof SchedulingSettings, string>>;

export type SettingsResult = { ok: true; settings: SchedulingSettings } | { ok: false; errors: SettingsErrors };

const MESSAGES: Record<SettingKey, (given: unknown) => string> = {
  desiredRetention: (v) => `desired retention must be between 0.70 and 0.99 (got ${String(v)})`,
  learningSteps: (v) => `learning steps must be durations like "1m 10m" (got ${JSON.stringify(v)})`,
  relearningSteps: (v) => `relearning steps must be durations like "10m" (got ${JSON.stringify(v)})`,
  maximumInterval: () => 'maximum interval must be a whole number of days from 1 to 36500',
  fuzz: () => 'fuzz must be on or off',
  newPerDay: () => 'new cards per day must be a whole number from 0 to 9999',
  reviewsPerDay: () => 'maximum reviews per day must be a whole number from 0 to 99999',
  rolloverHour: () => 'the next day starts at a whole hour from 0 to 23',
  learnAheadMinutes: () => 'learn-ahead limit must be 0 to 1440 minutes',
  leechThreshold: () => 'leech threshold must be a whole number of lapses from 1 to 99',
  leechAction: () => 'leech action must be "suspend" or "tag"',
  burySiblings: () => 'bury siblings must be on or off',
  newOrder: () => 'new card order must be "ascending" or "descending"',
};

export function normaliseSettings(input: LooseSettings): SettingsResult {
  const { settings, invalid } = readSettings(input);
  if (invalid.length === 0) return { ok: true, settings };
  const merged: LooseSettings = { ...settings, ...input };
  return { ok: false, errors: Object.fromEntries(invalid.map((k) => [k, MESSAGES[k](merged[k])])) };
}
