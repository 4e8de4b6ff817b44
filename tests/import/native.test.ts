/** Native decks: Markdown (the one parser) and JSON (same model, strict validation, schema). */
import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { makeBundle } from '../../src/domain/deck-format/bundle';
import type { DeckSource } from '../../src/domain/deck-format/model';
import { parseDeck } from '../../src/domain/deck-format/parse';
import { validateDeckJson } from '../../src/import/json';
import { toJson as deckToJson, toMarkdown as deckToMarkdown } from '../../src/domain/deck-format/serialise';
import { importError, read } from './helpers';

const DECKS = new URL('../../decks/', import.meta.url);
const builtinFiles = readdirSync(DECKS).filter((f) => f.endsWith('.md'));
const text = (name: string) => readFileSync(new URL(name, DECKS), 'utf8');

const withoutLines = (deck: DeckSource) => ({ ...deck, notes: deck.notes.map(({ line: _line, ...rest }) => rest) });

const schema = JSON.parse(readFileSync(new URL('../../docs/deck-schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

const SMALL = {
  format: 1,
  id: 'small',
  name: 'Small deck',
  tags: ['demo'],
  notes: [
    {
      kind: 'basic',
      id: 'b1',
      fields: { front: 'What is *SE*?', back: '$s/\\sqrt{n}$' },
      source: 'Zech et al., PLOS Medicine, 2018. <https://doi.org/10.1371/journal.pmed.1002683>',
    },
    { kind: 'reverse', id: 'r1', tags: ['pairs'], fields: { front: 'MDE', back: 'Minimum detectable effect' } },
    { kind: 'cloze', id: 'c1', fields: { text: '{{c1::Paris}} is in {{c2::France::country}}', extra: 'Europe' } },
    {
      kind: 'explain',
      id: 'e1',
      fields: { prompt: 'Why seeds?', answer: 'Variance.', rubric: ['one', 'two', 'three'], rubricKinds: ['test', null, 'mind'] },
    },
  ],
};

describe('Markdown decks', { timeout: 60_000 }, () => {
  it('imports a built-in deck exactly as the build renders it', async () => {
    const file = builtinFiles[0]!;
    const result = await read(file, text(file));
    expect(result.format).toBe('markdown');
    expect(result.decks).toEqual(makeBundle([parseDeck(text(file), file)]).decks);
    expect(result.media).toEqual([]);
    expect(result.scheduling).toEqual([]);
    expect(result.reviews).toEqual([]);
  });

  it('reports parse problems with file and line', async () => {
    const error = await importError('mine.md', '---\nformat: 1\nid: x\nname: X\n---\n\n## basic a\nFront: only a front\n');
    expect(error.message).toBe('mine.md:7: basic note "a" has no "Back:" field');
  });

  it('reports a formula that does not render with the note line', async () => {
    const error = await importError('math.md', '---\nformat: 1\nid: x\nname: X\n---\n\n## basic a\nFront: $\\frac{1$\nBack: b\n');
    expect(error.where).toBe('math.md:7');
    expect(error.problem).toMatch(/note "a": formula .* does not render/);
  });

  it('a .md file without front matter gets the parser message', async () => {
    const error = await importError('notes.md', 'just some notes\n');
    expect(error.message).toBe('notes.md:1: deck must start with front matter between --- lines');
  });
});

describe('JSON decks', { timeout: 60_000 }, () => {
  it('renders like the same deck in Markdown', async () => {
    const fromJson = await read('small.json', JSON.stringify(SMALL));
    expect(fromJson.format).toBe('json');
    const source = parseDeck(deckToMarkdown(validateDeckJson('small.json', SMALL)), 'small.md');
    expect(fromJson.decks).toEqual(makeBundle([source]).decks);
    const cloze = fromJson.decks[0]?.notes.find((n) => n.id === 'c1');
    expect(cloze?.cards.map((c) => c.ord)).toEqual([1, 2]);
    expect(cloze?.cards[1]?.front).toContain('[country]');
  });

  it('imports the source under the answer and the rubric kinds beside the rubric', async () => {
    const [deck] = (await read('small.json', JSON.stringify(SMALL))).decks;
    const b1 = deck?.notes.find((n) => n.id === 'b1');
    expect(b1?.source).toBe(SMALL.notes[0]?.source);
    expect(b1?.cards[0]?.back).toContain('<div class="source">');
    expect(b1?.cards[0]?.back).toContain('href="https://doi.org/10.1371/journal.pmed.1002683"');
    const e1 = deck?.notes.find((n) => n.id === 'e1');
    expect(e1?.rubric).toEqual(['one', 'two', 'three']);
    expect(e1?.rubricKinds).toEqual(['test', null, 'mind']);
    expect(e1?.fields).not.toHaveProperty('rubricKinds');
  });

  it.each(builtinFiles)('round-trips %s: Markdown → JSON → Markdown', async (file) => {
    const original = parseDeck(text(file), file);
    const json = deckToJson(original);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // The JSON imports to the same rendered deck as the Markdown file…
    const fromJson = await read(`${original.id}.json`, JSON.stringify(json, null, 2));
    const fromMarkdown = await read(file, text(file));
    expect(fromJson.decks).toEqual(fromMarkdown.decks);
    // …and written back as Markdown it parses to the same deck.
    const again = parseDeck(deckToMarkdown(validateDeckJson('x.json', json)), 'again.md');
    expect(withoutLines(again)).toEqual(withoutLines(original));
  });

  it('the schema accepts the sample and the importer agrees', async () => {
    expect(validate(SMALL), JSON.stringify(validate.errors)).toBe(true);
    await expect(read('small.json', JSON.stringify(SMALL))).resolves.toBeDefined();
  });

  const bad: Array<[string, (deck: typeof SMALL) => unknown, string]> = [
    ['top level', () => [1, 2], 'deck.json: the top level must be a JSON object, not an array'],
    ['format', (d) => ({ ...d, format: 2 }), 'deck.json: format must be 1, not 2'],
    ['format missing', ({ format: _f, ...d }) => d, 'deck.json: format is missing (it must be 1)'],
    [
      'unknown key',
      (d) => ({ ...d, tag: 'x' }),
      'deck.json: has an unknown key "tag" (allowed: format, id, name, description, tags, notes)',
    ],
    ['bad id', (d) => ({ ...d, id: 'Not OK' }), 'deck.json: id "Not OK" must match ^[a-z0-9][a-z0-9._-]{0,63}$'],
    ['name', (d) => ({ ...d, name: 7 }), 'deck.json: name must be a string, not a number'],
    ['notes empty', (d) => ({ ...d, notes: [] }), 'deck.json: notes is empty (a deck needs at least one note)'],
    [
      'front missing',
      (d) => ({ ...d, notes: [...d.notes, { kind: 'basic', id: 'x', fields: { back: 'b' } }] }),
      'deck.json: notes[4].fields.front is missing',
    ],
    [
      'front empty',
      (d) => ({ ...d, notes: [{ kind: 'basic', id: 'x', fields: { front: ' ', back: 'b' } }] }),
      'deck.json: notes[0].fields.front is empty',
    ],
    [
      'kind',
      (d) => ({ ...d, notes: [{ kind: 'qa', id: 'x', fields: {} }] }),
      'deck.json: notes[0].kind "qa" is not one of basic, reverse, cloze, explain, typein',
    ],
    ['dup id', (d) => ({ ...d, notes: [d.notes[0], d.notes[0]] }), 'deck.json: notes[1].id "b1" is already used by notes[0]'],
    [
      'wrong field',
      (d) => ({ ...d, notes: [{ kind: 'basic', id: 'x', fields: { front: 'a', back: 'b', extra: 'c' } }] }),
      'deck.json: notes[0].fields has an unknown key "extra" (allowed: front, back)',
    ],
    [
      'tag',
      (d) => ({ ...d, notes: [{ ...d.notes[0], tags: ['ok', 'not ok'] }] }),
      'deck.json: notes[0].tags[1] "not ok" may hold only letters, digits and _ - : / .',
    ],
    [
      'cloze none',
      (d) => ({ ...d, notes: [{ kind: 'cloze', id: 'x', fields: { text: 'no deletions' } }] }),
      'deck.json: notes[0].fields.text has no {{c1::…}} deletion',
    ],
    [
      'cloze open',
      (d) => ({ ...d, notes: [{ kind: 'cloze', id: 'x', fields: { text: 'a {{c1::b' } }] }),
      'deck.json: notes[0].fields.text: cloze deletion c1 is not closed with }}',
    ],
    [
      'rubric',
      (d) => ({ ...d, notes: [{ kind: 'explain', id: 'x', fields: { prompt: 'p', answer: 'a', rubric: ['1'] } }] }),
      'deck.json: notes[0].fields.rubric has 1 points; it needs 3 to 5',
    ],
    [
      'rubric type',
      (d) => ({ ...d, notes: [{ kind: 'explain', id: 'x', fields: { prompt: 'p', answer: 'a', rubric: 'x' } }] }),
      'deck.json: notes[0].fields.rubric must be an array of strings, not a string',
    ],
    [
      'source type',
      (d) => ({ ...d, notes: [{ ...d.notes[0], source: 2018 }] }),
      'deck.json: notes[0].source must be a string, not a number',
    ],
    ['source empty', (d) => ({ ...d, notes: [{ ...d.notes[0], source: '  ' }] }), 'deck.json: notes[0].source is empty'],
    [
      'rubric kind',
      (d) => ({
        ...d,
        notes: [
          {
            kind: 'explain',
            id: 'x',
            fields: { prompt: 'p', answer: 'a', rubric: ['1', '2', '3'], rubricKinds: ['test', 'how', null] },
          },
        ],
      }),
      'deck.json: notes[0].fields.rubricKinds[1] must be one of test, why, mind or null, not "how"',
    ],
    [
      'rubric kinds length',
      (d) => ({
        ...d,
        notes: [
          { kind: 'explain', id: 'x', fields: { prompt: 'p', answer: 'a', rubric: ['1', '2', '3'], rubricKinds: ['test'] } },
        ],
      }),
      'deck.json: notes[0].fields.rubricKinds has 1 entries; it needs one per rubric point (3)',
    ],
    [
      'rubric kind in the text',
      (d) => ({
        ...d,
        notes: [{ kind: 'explain', id: 'x', fields: { prompt: 'p', answer: 'a', rubric: ['[test] 1', '2', '3'] } }],
      }),
      'deck.json: notes[0].fields.rubric[0] starts with a "[kind]"; put the kind in notes[0].fields.rubricKinds[0]',
    ],
  ];

  it.each(bad)('rejects %s with a message naming the JSON path', async (_name, make, message) => {
    const value = make(structuredClone(SMALL));
    const error = await importError('deck.json', JSON.stringify(value));
    expect(error.message).toBe(message);
  });

  it('the schema rejects the same shapes it can express', () => {
    for (const [, make] of bad.filter(
      ([name]) => !['dup id', 'cloze none', 'cloze open', 'source empty', 'rubric kinds length'].includes(name),
    )) {
      expect(validate(make(structuredClone(SMALL)))).toBe(false);
    }
  });

  it('reports a JSON syntax error with its line', async () => {
    const error = await importError('deck.json', '{\n  "format": 1,\n  "id": "x",,\n}');
    expect(error.where).toBe('deck.json:3');
    expect(error.problem).toMatch(/^not valid JSON/);
  });

  it('reports a math error with the note path', async () => {
    const deck = { ...SMALL, notes: [{ kind: 'basic', id: 'm', fields: { front: '$\\frac{1$', back: 'b' } }] };
    const error = await importError('deck.json', JSON.stringify(deck));
    expect(error.where).toBe('deck.json:notes[0]');
  });
});
