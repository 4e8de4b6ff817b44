import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { makeBundle, toBundleNote } from '../../src/domain/deck-format/bundle';
import { parseDeck } from '../../src/domain/deck-format/parse';
import { State } from '../../src/domain/scheduling/scheduler';
import { openDatabase } from '../../src/storage/db';
import { toMarkdown } from '../../src/domain/deck-format/serialise';
import { loadDeckSource } from '../../src/storage/export';
import { addNote, createDeck } from '../../src/storage/notes';
import { writeDecks } from '../../src/storage/write-decks';
import { trustedDecks, trusted } from './helpers';

const NOTE = parseDeck(
  '---\nformat: 1\nid: x\nname: X\n---\n\n## cloze u-1\nText: {{c1::Holm}} beats {{c2::Bonferroni}}\n',
  'x.md',
).notes[0];

describe('notes created in the app', () => {
  it('adds a note with one new card per cloze number, after the deck’s other new cards', async () => {
    const db = openDatabase(`notes-${Math.random()}`);
    await writeDecks(
      db,
      trustedDecks(
        makeBundle([parseDeck('---\nformat: 1\nid: d\nname: D\n---\n\n## basic a\nFront: A\nBack: a\n', 'd.md')]).decks,
      ),
      'user',
    );
    if (!NOTE) throw new Error('fixture');
    await addNote(db, 'd', trusted(toBundleNote(NOTE)));
    const cards = await db.cards.where('noteId').equals('u-1').toArray();
    expect(cards.map((c) => c.id).sort()).toEqual(['u-1#1', 'u-1#2']);
    expect(cards.every((c) => c.state === State.New && c.deckId === 'd')).toBe(true);
    const first = await db.cards.get('a#0');
    expect(cards.every((c) => c.due > (first?.due ?? Infinity))).toBe(true);
    await expect(addNote(db, 'd', trusted(toBundleNote(NOTE)))).rejects.toThrow('already exists');
    await expect(addNote(db, 'nope', trusted(toBundleNote(NOTE)))).rejects.toThrow('deck nope does not exist');
  });

  it('creates decks with unique ids and refuses a duplicate or empty name', async () => {
    const db = openDatabase(`decks-${Math.random()}`);
    const a = await createDeck(db, 'My ML notes');
    expect(a.id).toBe('my-ml-notes');
    await expect(createDeck(db, 'my ml notes')).rejects.toThrow('already exists');
    await expect(createDeck(db, '   ')).rejects.toThrow('needs a name');
    const b = await createDeck(db, 'My ML notes!');
    expect(b.id).toBe('my-ml-notes-2');
  });
});

describe('sources and rubric kinds in storage', () => {
  const SOURCED = parseDeck(
    [
      '---\nformat: 1\nid: s\nname: S\n---',
      '## explain s-e\nPrompt: P\nAnswer: A\nRubric:\n- [test] T\n- [why] W\n- Plain',
      'Source: Zech et al., 2018. <https://doi.org/10.1371/journal.pmed.1002683>',
      '## cloze s-c\nText: {{c1::Holm}} step-down',
      '## basic s-b\nFront: Q\nBack: A\nSource: A book, 2009. <https://doi.org/10.1007/978-0-387-84858-7>',
    ].join('\n'),
    's.md',
  );

  it('are kept on the stored note, added by a sync and by addNote, and come back out in the Markdown export', async () => {
    const db = openDatabase(`notes-${Math.random()}`);
    const [first, ...rest] = SOURCED.notes;
    if (!first) throw new Error('fixture');
    await writeDecks(db, trustedDecks(makeBundle([{ ...SOURCED, notes: rest }]).decks), 'user');
    await addNote(db, 's', trusted(toBundleNote(first)));
    expect(await db.notes.get('s-e')).toMatchObject({
      source: 'Zech et al., 2018. <https://doi.org/10.1371/journal.pmed.1002683>',
      rubric: ['T', 'W', 'Plain'],
      rubricKinds: ['test', 'why', null],
    });
    expect((await db.notes.get('s-b'))?.source).toContain('A book, 2009.');
    expect(await db.notes.get('s-c')).not.toHaveProperty('source');
    const exported = parseDeck(toMarkdown(await loadDeckSource(db, 's')), 'export.md');
    const byId = (d: typeof SOURCED) => Object.fromEntries(d.notes.map(({ line: _l, tags: _t, ...n }) => [n.id, n]));
    expect(byId(exported)).toEqual(byId(SOURCED));
  });

  it('a sync that drops a source or the kinds removes them from the stored note', async () => {
    const db = openDatabase(`notes-${Math.random()}`);
    await writeDecks(db, trustedDecks(makeBundle([SOURCED]).decks), 'user');
    const plain = parseDeck(
      '---\nformat: 1\nid: s\nname: S\n---\n## explain s-e\nPrompt: P\nAnswer: A\nRubric:\n- T\n- W\n- Plain\n',
      's.md',
    );
    await writeDecks(db, trustedDecks(makeBundle([plain]).decks), 'user');
    const note = await db.notes.get('s-e');
    expect(note).not.toHaveProperty('source');
    expect(note).not.toHaveProperty('rubricKinds');
  });
});

describe('deck details', () => {
  it('renames a deck, refusing an empty or taken name without writing', async () => {
    const { updateDeck } = await import('../../src/storage/notes');
    const db = openDatabase(`rename-${Math.random()}`);
    await createDeck(db, 'First');
    await createDeck(db, 'Second');
    await updateDeck(db, 'first', { name: 'Renamed', description: 'about seeds' });
    expect(await db.decks.get('first')).toMatchObject({ name: 'Renamed', description: 'about seeds' });
    await expect(updateDeck(db, 'first', { name: 'second', description: '' })).rejects.toThrow('already exists');
    await expect(updateDeck(db, 'first', { name: ' ', description: '' })).rejects.toThrow('needs a name');
    expect(await db.decks.get('first')).toMatchObject({ name: 'Renamed', description: 'about seeds' });
  });
});
