import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { makeBundle } from '../../src/domain/deck-format/bundle';
import { parseDeck } from '../../src/domain/deck-format/parse';
import { Rating } from '../../src/domain/scheduling/scheduler';
import { makeScheduler } from '../../src/domain/scheduling/engine';
import { DEFAULT_SETTINGS } from '../../src/domain/scheduling/settings';
import { fixedZone } from '../../src/domain/scheduling/time';
import { BackupError, parseBackup, restoreBackup } from '../../src/storage/backup';
import { type AppDatabase, openDatabase } from '../../src/storage/db';
import { saveAnswer } from '../../src/storage/study';
import { writeDecks } from '../../src/storage/write-decks';
import { everyTable, makeBackup, trustedDecks } from './helpers';

const NOW = Date.UTC(2026, 5, 1, 9, 0);
const settings = { ...DEFAULT_SETTINGS };
const ctx = { scheduler: makeScheduler(settings), settings, clock: { zone: fixedZone(120), rolloverHour: 4 } };
let dbCount = 0;

const DECK = `---
format: 1
id: backup-deck
name: Backup deck
tags: backup-deck
---

## basic b-one
Front: One?
Back: 1

## reverse b-two
Front: Two
Back: 2

## cloze b-three
Text: {{c1::Three}} and {{c2::four}}

## explain b-four
Prompt: Why seeds?
Answer: Run-to-run spread.
Rubric:
- [test] Several seeds
- A point without a kind
- [mind] An interval that excludes the margin
Source: Zech et al., PLOS Medicine, 2018. <https://doi.org/10.1371/journal.pmed.1002683>
`;

async function seeded(): Promise<AppDatabase> {
  const db = openDatabase(`backup-${++dbCount}-${Math.random()}`);
  await writeDecks(db, trustedDecks(makeBundle([parseDeck(DECK, 'backup.md')]).decks), 'user');
  await db.settings.put({ key: 'scheduling', value: { ...settings, newPerDay: 7 } });
  await db.media.put({
    id: 'pic.png',
    mime: 'image/png',
    blob: new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], { type: 'image/png' }),
  });
  const cards = await db.cards.toArray();
  let t = NOW;
  for (const card of cards.slice(0, 3)) {
    await saveAnswer(db, { cardId: card.id, rating: Rating.Good, now: t, durationMs: 4000, shownReps: 0 }, ctx);
    t += 60_000;
  }
  return db;
}

const dump = everyTable;

describe('backup and restore', () => {
  it('backup → wipe → restore gives an identical collection, table by table', async () => {
    const db = await seeded();
    const before = await dump(db);
    const file = JSON.stringify(await makeBackup(db, NOW));
    await Promise.all(db.tables.map((t) => t.clear()));
    expect((await dump(db)).cards).toEqual([]);
    await restoreBackup(db, parseBackup(file, 'backup.json'), 'replace');
    const after = await dump(db);
    for (const table of Object.keys(before) as (keyof typeof before)[]) expect(after[table], table).toEqual(before[table]);
    expect(before.reviews).toHaveLength(3);
    expect(before.media).toHaveLength(1);
    expect(after.notes.find((n) => n.id === 'b-four')).toMatchObject({
      source: 'Zech et al., PLOS Medicine, 2018. <https://doi.org/10.1371/journal.pmed.1002683>',
      rubric: ['Several seeds', 'A point without a kind', 'An interval that excludes the margin'],
      rubricKinds: ['test', null, 'mind'],
    });
  });

  it('the file is read in pages that meet without losing or repeating a row, whatever the page size', async () => {
    const db = await seeded();
    const whole = await makeBackup(db, NOW);
    expect(whole.cards.length).toBeGreaterThan(3);
    for (const page of [1, 2, 3]) expect(await makeBackup(db, NOW, page), `page ${page}`).toEqual(whole);
    const tables = await dump(db);
    expect(whole.cards).toEqual(tables.cards);
    expect(whole.reviews).toEqual(tables.reviews);
    expect(whole.notes).toEqual(tables.notes);
  });

  it('merge keeps the newer card state and makes reviews a union', async () => {
    const db = await seeded();
    const backup = await makeBackup(db, NOW);
    const card = (await db.cards.toArray()).find((c) => c.reps > 0);
    if (!card) throw new Error('seed has no answered card');
    // Progress made after the backup must survive a merge of the older backup.
    await saveAnswer(
      db,
      { cardId: card.id, rating: Rating.Good, now: NOW + 86_400_000, durationMs: 3000, shownReps: card.reps },
      ctx,
    );
    const newer = await db.cards.get(card.id);
    await restoreBackup(db, backup, 'merge');
    expect(await db.cards.get(card.id)).toEqual(newer);
    expect(await db.reviews.count()).toBe(4);
    await restoreBackup(db, backup, 'merge');
    expect(await db.reviews.count()).toBe(4);
  });

  it.each([
    ['not json', '{', 'not a JSON file'],
    ['another format', '{"format":"anki"}', 'not a Recall RE backup'],
    ['a future version', '{"format":"recall-re-backup","version":9}', 'version 9'],
    ['a missing table', '{"format":"recall-re-backup","version":1,"decks":[],"notes":[]}', '"cards" is missing'],
    [
      'a malformed row',
      '{"format":"recall-re-backup","version":1,"decks":[{"id":1}],"notes":[],"cards":[],"reviews":[],"settings":[],"media":[]}',
      'decks[0] is malformed',
    ],
    [
      'a note side that is not text',
      '{"format":"recall-re-backup","version":1,"decks":[],"notes":[{"id":"n","deckId":"d","cards":[{"ord":0,"front":1,"back":""}]}],"cards":[],"reviews":[],"settings":[],"media":[]}',
      'notes[0] is malformed',
    ],
    [
      'a rubric that is not a list of text',
      '{"format":"recall-re-backup","version":1,"decks":[],"notes":[{"id":"n","deckId":"d","cards":[],"rubric":"x"}],"cards":[],"reviews":[],"settings":[],"media":[]}',
      'notes[0] is malformed',
    ],
    [
      'an unknown rubric kind',
      '{"format":"recall-re-backup","version":1,"decks":[],"notes":[{"id":"n","deckId":"d","cards":[],"rubric":["a","b","c"],"rubricKinds":["test","how",null]}],"cards":[],"reviews":[],"settings":[],"media":[]}',
      'notes[0] is malformed',
    ],
    [
      'rubric kinds that do not match the rubric',
      '{"format":"recall-re-backup","version":1,"decks":[],"notes":[{"id":"n","deckId":"d","cards":[],"rubric":["a","b","c"],"rubricKinds":["test"]}],"cards":[],"reviews":[],"settings":[],"media":[]}',
      'notes[0] is malformed',
    ],
    [
      'a source that is not text',
      '{"format":"recall-re-backup","version":1,"decks":[],"notes":[{"id":"n","deckId":"d","cards":[],"source":7}],"cards":[],"reviews":[],"settings":[],"media":[]}',
      'notes[0] is malformed',
    ],
  ])('refuses %s with a message naming the file, and writes nothing', async (_label, text, message) => {
    const db = await seeded();
    const before = await dump(db);
    let error: unknown;
    try {
      await restoreBackup(db, parseBackup(text, 'my-backup.json'), 'replace');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BackupError);
    expect(String((error as Error).message)).toContain('my-backup.json');
    expect(String((error as Error).message)).toContain(message);
    expect(await dump(db)).toEqual(before);
  });
});
