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
