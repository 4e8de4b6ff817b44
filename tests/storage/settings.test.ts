import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SchedulingSettings } from '../../src/domain/scheduling/settings';
import type { AppDatabase } from '../../src/storage/db';
import { saveSettings } from '../../src/storage/options-edit';
import { loadSettings } from '../../src/storage/settings-repo';
import { freshDb } from './helpers';

let db: AppDatabase;
beforeEach(() => {
  db = freshDb('settings');
});
afterEach(() => db.close());

const storedRow = async () => (await db.settings.get('scheduling'))?.value;

describe('saveSettings', () => {
  it('writes valid input merged over the current settings', async () => {
    const result = await saveSettings(db, { newPerDay: '35', learningSteps: '2m 20m' });
    expect(result.ok).toBe(true);
    const expected: SchedulingSettings = { ...DEFAULT_SETTINGS, newPerDay: 35, learningSteps: ['2m', '20m'] };
    expect(await storedRow()).toEqual(expected);
    expect(await loadSettings(db)).toEqual(expected);

    await saveSettings(db, { desiredRetention: 0.85 });
    expect(await loadSettings(db)).toEqual({ ...expected, desiredRetention: 0.85 });
  });

  it.each<[string, Partial<Record<keyof SchedulingSettings, unknown>>, keyof SchedulingSettings]>([
    ['steps "10x"', { learningSteps: '10x' }, 'learningSteps'],
    ['retention 1.5', { desiredRetention: 1.5 }, 'desiredRetention'],
    ['negative new limit', { newPerDay: -1 }, 'newPerDay'],
    ['negative review limit', { reviewsPerDay: -5 }, 'reviewsPerDay'],
    ['rollover 24', { rolloverHour: 24 }, 'rolloverHour'],
    ['leech action "x"', { leechAction: 'x' }, 'leechAction'],
    ['one valid and one invalid field', { newPerDay: 50, rolloverHour: 99 }, 'rolloverHour'],
  ])('rejects %s and writes nothing', async (_name, input, field) => {
    await saveSettings(db, { newPerDay: 10 });
    const before = await db.settings.toArray();
    const result = await saveSettings(db, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toEqual(expect.any(String));
    expect(await db.settings.toArray()).toEqual(before);
    expect((await loadSettings(db)).newPerDay).toBe(10);
  });

  it('rejects invalid input on an empty database without creating a row', async () => {
    const result = await saveSettings(db, { desiredRetention: 2 });
    expect(result.ok).toBe(false);
    expect(await db.settings.count()).toBe(0);
  });
});

describe('loadSettings', () => {
  it('returns the defaults when nothing is stored', async () => {
    expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS);
  });

  it('repairs a damaged row field by field, keeping the valid fields', async () => {
    await db.settings.put({
      key: 'scheduling',
      value: {
        desiredRetention: 5, // broken
        learningSteps: 'abc', // broken
        relearningSteps: ['5m'], // fine
        newPerDay: 30, // fine
        reviewsPerDay: -1, // broken
        rolloverHour: 2, // fine
        leechAction: 'zap', // broken
        fuzz: false, // fine
        leechThreshold: '12', // fine (a number as text)
        unknownField: 'ignored',
      },
    });
    expect(await loadSettings(db)).toEqual({
      ...DEFAULT_SETTINGS,
      relearningSteps: ['5m'],
      newPerDay: 30,
      rolloverHour: 2,
      fuzz: false,
      leechThreshold: 12,
    });
  });

  it.each([
    ['null', null],
    ['a string', 'garbage'],
    ['a number', 42],
    ['an empty object', {}],
  ])('falls back to the defaults when the stored value is %s', async (_name, value) => {
    await db.settings.put({ key: 'scheduling', value });
    expect(await loadSettings(db)).toEqual(DEFAULT_SETTINGS);
  });

  it('a repaired row is not written back until the user saves', async () => {
    await db.settings.put({ key: 'scheduling', value: { desiredRetention: 5 } });
    await loadSettings(db);
    expect(await storedRow()).toEqual({ desiredRetention: 5 });
    await saveSettings(db, { newPerDay: 15 });
    expect(await storedRow()).toEqual({ ...DEFAULT_SETTINGS, newPerDay: 15 });
  });
});
