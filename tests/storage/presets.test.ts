import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeBundle } from '../../src/domain/deck-format/bundle';
import { parseDeck } from '../../src/domain/deck-format/parse';
import { estimateReviewsPerDay } from '../../src/domain/scheduling/engine';
import { fixedZone } from '../../src/domain/scheduling/time';
import { type AppDatabase, openDatabase } from '../../src/storage/db';
import { assignPreset, deletePreset, savePreset, saveSettings } from '../../src/storage/options-edit';
import { loadStudyConfig } from '../../src/storage/presets';
import { loadQueue } from '../../src/storage/study';
import { writeDecks } from '../../src/storage/write-decks';
import { trustedDecks } from './helpers';

const NOW = Date.UTC(2026, 6, 1, 12, 0);
const clock = { zone: fixedZone(0), rolloverHour: 4 };
let db: AppDatabase;

function deck(id: string, notes: number): string {
  const body = Array.from({ length: notes }, (_, k) => `## basic ${id}-${k}\nFront: ${id} question ${k}?\nBack: ${k}\n`).join(
    '\n',
  );
  return `---\nformat: 1\nid: ${id}\nname: ${id.toUpperCase()}\n---\n\n${body}`;
}

beforeEach(async () => {
  db = openDatabase(`presets-${Math.random()}`);
  await writeDecks(
    db,
    trustedDecks(makeBundle([parseDeck(deck('a', 30), 'a.md'), parseDeck(deck('b', 30), 'b.md')]).decks),
    'user',
  );
});

describe('deck presets', () => {
  it('a preset limits its own deck; Study all is capped by the default preset', async () => {
    const saved = await savePreset(db, { id: 'light', name: 'Light', values: { newPerDay: 3 } });
    expect(saved.ok).toBe(true);
    await assignPreset(db, 'a', 'light');
    await saveSettings(db, { newPerDay: 10 });
    const config = await loadStudyConfig(db);
    expect(config.forDeck('a').newPerDay).toBe(3);
    expect(config.forDeck('b').newPerDay).toBe(10);

    const onlyA = await loadQueue(db, ['a'], config, NOW, clock);
    expect(onlyA.main).toHaveLength(3);
    const both = await loadQueue(db, ['a', 'b'], config, NOW, clock);
    expect(both.main).toHaveLength(10);
    expect(both.main.filter((c) => c.deckId === 'a')).toHaveLength(3);
  });

  it('is shared by several decks and deleting it returns them to the default', async () => {
    await savePreset(db, { id: 'p', name: 'Shared', values: { newPerDay: 2 } });
    await assignPreset(db, 'a', 'p');
    await assignPreset(db, 'b', 'p');
    let config = await loadStudyConfig(db);
    expect([config.forDeck('a').newPerDay, config.forDeck('b').newPerDay]).toEqual([2, 2]);
    await deletePreset(db, 'p');
    config = await loadStudyConfig(db);
    expect([config.forDeck('a').newPerDay, config.forDeck('b').newPerDay]).toEqual([20, 20]);
    expect((await db.decks.get('a'))?.presetId).toBeUndefined();
  });

  it.each([
    ['learningSteps', '10x'],
    ['desiredRetention', 1.5],
    ['newPerDay', -1],
    ['reviewsPerDay', 'many'],
    ['leechAction', 'explode'],
  ])('refuses %s = %s with a message for that field and writes nothing', async (key, value) => {
    await savePreset(db, { id: 'p', name: 'Before', values: { newPerDay: 5 } });
    const before = await db.presets.toArray();
    const result = await savePreset(db, { id: 'p', name: 'After', values: { [key]: value } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([key]);
    expect(await db.presets.toArray()).toEqual(before);
  });

  it('new cards newest first when the preset says so', async () => {
    await savePreset(db, { id: 'rev', name: 'Reverse', values: { newOrder: 'descending', newPerDay: 2 } });
    await assignPreset(db, 'a', 'rev');
    const queue = await loadQueue(db, ['a'], await loadStudyConfig(db), NOW, clock);
    expect(queue.main.map((c) => c.id)).toEqual(['a-29#0', 'a-28#0']);
  });

  it('refuses to assign a preset that does not exist', async () => {
    await expect(assignPreset(db, 'a', 'nope')).rejects.toThrow('preset nope does not exist');
  });
});

describe('workload estimate', () => {
  it('grows as desired retention rises, and is zero with no review cards', () => {
    const stabilities = [5, 20, 60, 200];
    const low = estimateReviewsPerDay(stabilities, 0.8, 36500);
    const mid = estimateReviewsPerDay(stabilities, 0.9, 36500);
    const high = estimateReviewsPerDay(stabilities, 0.97, 36500);
    expect(low).toBeLessThan(mid);
    expect(mid).toBeLessThan(high);
    expect(estimateReviewsPerDay([], 0.9, 36500)).toBe(0);
    // At 0.90 the interval roughly equals the stability (FSRS defines S that way).
    expect(estimateReviewsPerDay([100], 0.9, 36500)).toBeCloseTo(0.01, 3);
  });
});

describe('deck list counts', () => {
  it('give each deck what studying it alone gives, and Study all what the merged queue gives', async () => {
    await savePreset(db, { id: 'light', name: 'Light', values: { newPerDay: 4 } });
    await assignPreset(db, 'a', 'light');
    await saveSettings(db, { newPerDay: 6 });
    const config = await loadStudyConfig(db);
    const { deckListCounts, deckCounts } = await import('../../src/storage/study');
    const list = await deckListCounts(db, ['a', 'b'], config, NOW, clock);
    expect(list.byDeck.get('a')).toEqual(await deckCounts(db, ['a'], config, NOW, clock));
    expect(list.byDeck.get('b')).toEqual(await deckCounts(db, ['b'], config, NOW, clock));
    expect(list.all).toEqual(await deckCounts(db, ['a', 'b'], config, NOW, clock));
    expect([list.byDeck.get('a')?.newCount, list.byDeck.get('b')?.newCount, list.all.newCount]).toEqual([4, 6, 6]);
  });
});
