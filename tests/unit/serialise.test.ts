import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/domain/deck-format/parse';
import { csvCell, toCsv, toJson, toMarkdown } from '../../src/domain/deck-format/serialise';
import { loadDeckFiles } from '../../scripts/deck-files';

const strip = (deck: ReturnType<typeof parseDeck>) => ({ ...deck, notes: deck.notes.map(({ line: _line, ...n }) => n) });

describe('toMarkdown', () => {
  it.each(loadDeckFiles().map((d) => [d.file, d.deck] as const))('%s parses back to the same deck', (_file, deck) => {
    expect(strip(parseDeck(toMarkdown(deck), 'again.md'))).toEqual(strip(deck));
  });

  it('keeps a field line that looks like a marker or a heading as text', () => {
    const deck = parseDeck(
      '---\nformat: 1\nid: d\nname: D\n---\n\n## basic a\nFront: Q\nBack: line one\n\n    Front: not a marker\n',
      'd.md',
    );
    const tricky = {
      ...deck,
      notes: deck.notes.map((n) =>
        n.kind === 'basic' ? { ...n, fields: { front: 'Q', back: 'Back: two\n## basic b\nok' } } : n,
      ),
    };
    const again = parseDeck(toMarkdown(tricky), 'again.md');
    expect(again.notes).toHaveLength(1);
    expect(again.notes[0]?.kind === 'basic' && again.notes[0].fields.back).toContain('Back: two');
  });
});

describe('sources and rubric kinds', () => {
  const text = [
    '---',
    'format: 1',
    'id: d',
    'name: D',
    '---',
    '## explain e',
    'Prompt: P',
    'Answer: A',
    'Rubric:',
    '- [test] What to test',
    '- A point without a kind',
    '- [why] Why it matters',
    '- [mind] What would change my mind',
    'Source: Hastie et al., "ESL",',
    'Springer, 2009. <https://doi.org/10.1007/978-0-387-84858-7>',
    '## reverse r',
    'Front: F',
    'Back: B',
    'Source: Zech et al., 2018. <https://doi.org/10.1371/journal.pmed.1002683>',
  ].join('\n');

  it('Markdown → model → Markdown keeps both', () => {
    const deck = parseDeck(text, 'd.md');
    const written = toMarkdown(deck);
    expect(written).toContain('- [test] What to test\n- A point without a kind\n');
    expect(written).toContain('Source: Zech et al., 2018.');
    expect(strip(parseDeck(written, 'again.md'))).toEqual(strip(deck));
    const [e, r] = deck.notes;
    expect(e?.kind === 'explain' && e.fields.rubricKinds).toEqual(['test', null, 'why', 'mind']);
    expect(r?.source).toBe('Zech et al., 2018. <https://doi.org/10.1371/journal.pmed.1002683>');
  });

  it('toJson carries the source on the note and the kinds in the fields', () => {
    const json = toJson(parseDeck(text, 'd.md'));
    expect(json.notes[0]).toMatchObject({
      source: 'Hastie et al., "ESL",\nSpringer, 2009. <https://doi.org/10.1007/978-0-387-84858-7>',
      fields: { rubricKinds: ['test', null, 'why', 'mind'] },
    });
    expect(json.notes[1]?.source).toContain('Zech');
  });
});

describe('toJson', () => {
  it('holds the same notes as the deck', () => {
    const [first] = loadDeckFiles();
    if (!first) throw new Error('no decks');
    const json = toJson(first.deck);
    expect(json.format).toBe(1);
    expect(json.notes.map((n) => n.id)).toEqual(first.deck.notes.map((n) => n.id));
  });
});

describe('CSV export', () => {
  it.each([
    ['=1+2', `"'=1+2"`],
    ['+SUM(A1)', `"'+SUM(A1)"`],
    ['-2', `"'-2"`],
    ['@cmd', `"'@cmd"`],
    ['\tTab', `"'\tTab"`],
    ['\rCR', `"'\rCR"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
  ])('escapes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('joins rows with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['=x', 'y'],
      ]),
    ).toBe(`a,b\r\n"'=x",y\r\n`);
  });
});
