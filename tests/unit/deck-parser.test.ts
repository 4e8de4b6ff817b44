import { describe, expect, it } from 'vitest';
import { clozeOrds, scanCloze } from '../../src/domain/deck-format/cloze';
import { DeckFormatError, type DeckSource, type NoteSource } from '../../src/domain/deck-format/model';
import { parseDeck } from '../../src/domain/deck-format/parse';

const FILE = 'decks/test.md';

/** Joins lines with "\n" so each case reads line by line and line numbers are easy to count. */
const lines = (...ls: string[]): string => ls.join('\n');

const FRONT_MATTER = ['---', 'format: 1', 'id: test-deck', 'name: Test deck', 'tags: topic', '---'];

/** A deck: the standard front matter (lines 1–6) followed by the given body lines (line 7 on). */
const deck = (...body: string[]): string => lines(...FRONT_MATTER, ...body);

function note(parsed: DeckSource, id: string): NoteSource {
  const found = parsed.notes.find((n) => n.id === id);
  if (!found) throw new Error(`no note ${id} in ${parsed.notes.map((n) => n.id).join(', ')}`);
  return found;
}

function parseError(text: string): DeckFormatError {
  try {
    parseDeck(text, FILE);
  } catch (error) {
    if (error instanceof DeckFormatError) return error;
    throw error;
  }
  throw new Error('parseDeck accepted the deck');
}

const VALID = lines(
  '---', //                                                1
  'format: 1', //                                          2
  'id: stats', //                                          3
  'name: Statistics', //                                   4
  'description: Noise and signal.', //                     5
  'tags: statistics shared', //                            6
  '---', //                                                7
  '', //                                                   8
  '## basic st-se', //                                     9
  'tags: variance shared', //                              10
  '', //                                                   11
  'Front: What does the SE estimate?', //                  12
  '', //                                                   13
  'Back: How much the mean moves', //                      14
  'between repeats: $s/\\sqrt{n}$.', //                    15
  '', //                                                   16
  '## reverse st-mde', //                                  17
  'Front: Minimum detectable effect', //                   18
  'Back: The smallest true difference detected.', //       19
  '', //                                                   20
  '## cloze st-ci', //                                     21
  'Text: Mean ± {{c1::1.96::a number}} × {{c2::SE}}, and {{c1::two-sided}}; {{c3::$\\frac{1}{\\sqrt{n}}$}}.', // 22
  'Extra: Large n only.', //                               23
  '', //                                                   24
  '## explain st-one-seed', //                             25
  'Prompt: One seed beats the baseline.', //               26
  'What now?', //                                          27
  '', //                                                   28
  'Answer: Run more seeds.', //                            29
  '', //                                                   30
  'Rubric:', //                                            31
  '- Several seeds for both', //                           32
  '- Paired differences', //                               33
  '  with an interval', //                                 34
  '* A result that kills the claim', //                    35
  '', //                                                   36
);

describe('parseDeck: a valid deck', () => {
  const parsed = parseDeck(VALID, FILE);

  it('reads the front matter', () => {
    expect(parsed).toMatchObject({
      format: 1,
      id: 'stats',
      name: 'Statistics',
      description: 'Noise and signal.',
      tags: ['statistics', 'shared'],
    });
  });

  it('reads the notes in file order with their heading lines', () => {
    expect(parsed.notes.map((n) => [n.kind, n.id, n.line])).toEqual([
      ['basic', 'st-se', 9],
      ['reverse', 'st-mde', 17],
      ['cloze', 'st-ci', 21],
      ['explain', 'st-one-seed', 25],
    ]);
  });

  it.each([
    ['st-se', { front: 'What does the SE estimate?', back: 'How much the mean moves\nbetween repeats: $s/\\sqrt{n}$.' }],
    ['st-mde', { front: 'Minimum detectable effect', back: 'The smallest true difference detected.' }],
    [
      'st-ci',
      {
        text: 'Mean ± {{c1::1.96::a number}} × {{c2::SE}}, and {{c1::two-sided}}; {{c3::$\\frac{1}{\\sqrt{n}}$}}.',
        extra: 'Large n only.',
      },
    ],
    [
      'st-one-seed',
      {
        prompt: 'One seed beats the baseline.\nWhat now?',
        answer: 'Run more seeds.',
        rubric: ['Several seeds for both', 'Paired differences with an interval', 'A result that kills the claim'],
      },
    ],
  ])('note %s has its fields, trimmed, multi-line kept', (id, fields) => {
    expect(note(parsed, id).fields).toEqual(fields);
  });

  it.each([
    ['st-se', ['statistics', 'shared', 'variance']],
    ['st-mde', ['statistics', 'shared']],
    ['st-ci', ['statistics', 'shared']],
  ])('merges the front-matter tags into note %s without duplicates', (id, tags) => {
    expect(note(parsed, id).tags).toEqual(tags);
  });

  it('cloze text with a hint and several numbers yields one card number each', () => {
    const ci = note(parsed, 'st-ci');
    if (ci.kind !== 'cloze') throw new Error('not a cloze note');
    const scan = scanCloze(ci.fields.text);
    if (!scan.ok) throw new Error(scan.problem);
    expect(clozeOrds(scan.deletions)).toEqual([1, 2, 3]);
    expect(scan.deletions.map((d) => [d.ord, d.answer, d.hint])).toEqual([
      [1, '1.96', 'a number'],
      [2, 'SE', undefined],
      [1, 'two-sided', undefined],
      [3, '$\\frac{1}{\\sqrt{n}}$', undefined],
    ]);
  });

  it('reads a Source (one or more lines) on any kind, and none when absent', () => {
    const parsed2 = parseDeck(
      deck(
        '## basic b',
        'Front: Q',
        'Back: A',
        '',
        'Source: Zech et al., "A title", PLOS Medicine,',
        '2018. <https://doi.org/10.1371/journal.pmed.1002683>',
        '',
        '## cloze c',
        'Text: a {{c1::b}}',
        'Source: Book, 2009. <https://example.org>',
        '## basic d',
        'Front: Q2',
        'Back: A2',
      ),
      FILE,
    );
    expect(note(parsed2, 'b').source).toBe(
      'Zech et al., "A title", PLOS Medicine,\n2018. <https://doi.org/10.1371/journal.pmed.1002683>',
    );
    expect(note(parsed2, 'b').fields).toEqual({ front: 'Q', back: 'A' });
    expect(note(parsed2, 'c').source).toBe('Book, 2009. <https://example.org>');
    expect('source' in note(parsed2, 'd')).toBe(false);
  });

  it('reads rubric kinds: texts without the bracket, kinds beside them, null where a point has none', () => {
    const parsed2 = parseDeck(
      deck(
        '## explain e',
        'Prompt: P',
        'Answer: A',
        'Rubric:',
        '- [test] Seeds',
        '- [why]   Noise',
        '- Plain point',
        '- [mind] Interval',
        '- [1] a numbered point',
      ),
      FILE,
    );
    expect(note(parsed2, 'e').fields).toEqual({
      prompt: 'P',
      answer: 'A',
      rubric: ['Seeds', 'Noise', 'Plain point', 'Interval', '[1] a numbered point'],
      rubricKinds: ['test', 'why', null, 'mind', null],
    });
  });

  it('leaves rubricKinds out when no point has a kind', () => {
    expect(note(parsed, 'st-one-seed').fields).not.toHaveProperty('rubricKinds');
  });

  it('accepts a cloze note without Extra (Extra is optional)', () => {
    const parsed2 = parseDeck(deck('## cloze c', 'Text: a {{c1::b}}'), FILE);
    expect(note(parsed2, 'c').fields).toEqual({ text: 'a {{c1::b}}', extra: '' });
  });
});

describe('parseDeck: fenced code blocks', () => {
  const text = deck(
    '## basic code-note', //        7
    'Front: What does this print?', // 8
    '```markdown', //               9
    '## basic x', //                10
    'Front: not a field', //        11
    '```', //                       12
    'Back: A heading and a line.', // 13
    '~~~', //                       14
    'Rubric:', //                   15
    '~~~', //                       16
  );

  it('keeps "## basic x" and "Front:" lines inside a fence as field text', () => {
    const parsed = parseDeck(text, FILE);
    expect(parsed.notes).toHaveLength(1);
    expect(note(parsed, 'code-note').fields).toEqual({
      front: 'What does this print?\n```markdown\n## basic x\nFront: not a field\n```',
      back: 'A heading and a line.\n~~~\nRubric:\n~~~',
    });
  });

  it('a ~~~ line inside a ``` block does not close it (CommonMark: same fence character)', () => {
    const parsed = parseDeck(
      deck(
        '## basic tilde',
        'Front: Which fence?',
        '```',
        '~~~',
        '## basic inner',
        'Back: not a field',
        '```',
        'Back: Backticks.',
      ),
      FILE,
    );
    expect(parsed.notes.map((n) => n.id)).toEqual(['tilde']);
    expect(note(parsed, 'tilde').fields).toEqual({
      front: 'Which fence?\n```\n~~~\n## basic inner\nBack: not a field\n```',
      back: 'Backticks.',
    });
  });
});

describe('parseDeck: line endings and byte-order mark', () => {
  const plain = deck('## basic n1', 'Front: Q', 'line two', 'Back: A');

  it.each([
    ['LF', plain],
    ['CRLF', plain.replace(/\n/g, '\r\n')],
    ['BOM + LF', `\uFEFF${plain}`],
    ['BOM + CRLF', `\uFEFF${plain.replace(/\n/g, '\r\n')}`],
    ['CR only', plain.replace(/\n/g, '\r')],
  ])('%s parses to the same deck, with no \\r left in fields', (_name, text) => {
    const parsed = parseDeck(text, FILE);
    expect(parsed.id).toBe('test-deck');
    expect(parsed.notes).toHaveLength(1);
    expect(note(parsed, 'n1')).toMatchObject({ line: 7, fields: { front: 'Q\nline two', back: 'A' } });
  });

  it('reports CRLF error lines like LF ones', () => {
    const bad = deck('## basic n1', 'Front: Q', 'Back: A', 'Side: x').replace(/\n/g, '\r\n');
    expect(parseError(bad)).toMatchObject({ file: FILE, line: 10 });
  });
});

describe('parseDeck: bad input names file, line and problem', () => {
  const basic = (id: string) => [`## basic ${id}`, 'Front: Q', 'Back: A'];
  const explain = (...rubric: string[]) => ['## explain e1', 'Prompt: P', 'Answer: A', 'Rubric:', ...rubric];

  it.each<[string, string, number, string[]]>([
    ['missing front matter', lines('## basic a', 'Front: Q', 'Back: A'), 1, ['front matter']],
    ['unclosed front matter', lines('---', 'format: 1', 'id: x', 'name: X', '', '## basic a'), 1, ['not closed', '---']],
    ['front matter line without a colon', lines('---', 'format 1', '---'), 2, ['key: value']],
    [
      'unknown front matter key',
      lines('---', 'format: 1', 'id: x', 'name: X', 'tag: t', '---', ...basic('a')),
      5,
      ['unknown front matter key', '"tag"'],
    ],
    [
      'front matter key twice',
      lines('---', 'format: 1', 'id: x', 'id: y', 'name: X', '---', ...basic('a')),
      4,
      ['"id"', 'twice'],
    ],
    ['missing format', lines('---', 'id: x', 'name: X', '---', ...basic('a')), 1, ['no "format"']],
    [
      'wrong format version',
      lines('---', 'format: 2', 'id: x', 'name: X', '---', ...basic('a')),
      1,
      ['unsupported deck format "2"'],
    ],
    ['missing deck id', lines('---', 'format: 1', 'name: X', '---', ...basic('a')), 1, ['no "id"']],
    [
      'bad deck id',
      lines('---', 'format: 1', 'id: Bad Deck', 'name: X', '---', ...basic('a')),
      1,
      ['deck id "Bad Deck"', 'must match'],
    ],
    ['missing name', lines('---', 'format: 1', 'id: x', '---', ...basic('a')), 1, ['no "name"']],
    ['bad deck tag', lines('---', 'format: 1', 'id: x', 'name: X', 'tags: ok b@d', '---', ...basic('a')), 1, ['tag "b@d"']],
    ['no notes', deck('', ''), 6, ['no notes']],
    [
      'unknown kind',
      deck('', '## flashcard a', 'Front: Q'),
      8,
      ['unknown note kind "flashcard"', 'basic, reverse, cloze, explain'],
    ],
    ['heading without an id', deck('## basic'), 7, ['## <kind> <id>']],
    ['bad note id', deck('## basic Not_OK', 'Front: Q', 'Back: A'), 7, ['note id "Not_OK"', 'must match']],
    [
      'duplicate note id',
      deck(...basic('a'), '', ...basic('b'), '', ...basic('a')),
      15,
      ['note id "a"', 'already used on line 7'],
    ],
    ['text outside a note', deck('', 'Some stray text', ...basic('a')), 8, ['text outside a note']],
    [
      'text before the first field',
      deck('## basic a', 'tags: x', 'stray', 'Front: Q', 'Back: A'),
      9,
      ['before the first field', '"a"'],
    ],
    [
      'unknown field for kind',
      deck('## basic a', 'Front: Q', 'Text: T', 'Back: A'),
      9,
      ['basic note "a"', 'no field "Text:"', 'Front, Back'],
    ],
    ['unknown field for explain', deck('## explain a', 'Prompt: P', 'Back: A'), 9, ['explain note "a"', 'no field "Back:"']],
    ['duplicate field', deck('## basic a', 'Front: Q', 'Back: A', 'Front: Q2'), 10, ['field "Front:"', 'twice', '"a"']],
    ['missing required field', deck('## basic a', 'Front: Q'), 7, ['basic note "a"', 'no "Back:" field']],
    ['missing Rubric', deck('## explain a', 'Prompt: P', 'Answer: A'), 7, ['explain note "a"', 'no "Rubric:" field']],
    ['empty required field', deck('## basic a', 'Front:', '', 'Back: A'), 8, ['field "Front:"', '"a"', 'empty']],
    ['empty required field at end of file', deck('## reverse a', 'Front: Q', 'Back:   '), 9, ['field "Back:"', 'empty']],
    ['cloze without deletion', deck('## cloze a', 'Text: no deletion {{c1:x}}'), 8, ['cloze note "a"', 'has no {{c1::']],
    ['unclosed cloze', deck('## cloze a', 'Text: first line', 'then {{c2::open', 'and more'), 9, ['c2', 'not closed', '"a"']],
    ['cloze number 0', deck('## cloze a', 'Text: x {{c0::y}}'), 8, ['c0', 'outside 1–99']],
    ['cloze number 100', deck('## cloze a', 'Text: x {{c1::y}}', '{{c100::z}}'), 9, ['c100', 'outside 1–99']],
    ['empty cloze answer', deck('## cloze a', 'Text: x {{c1::::hint}}'), 8, ['c1', 'empty answer']],
    ['rubric with 2 points', deck(...explain('- one', '- two')), 10, ['rubric of note "e1"', 'has 2 points', '3 to 5']],
    ['rubric with 6 points', deck(...explain('- 1', '- 2', '- 3', '- 4', '- 5', '- 6')), 10, ['has 6 points', '3 to 5']],
    [
      'rubric line that is not a list item',
      deck(...explain('- one', 'two', '- three')),
      12,
      ['rubric of note "e1"', '"- point"'],
    ],
    ['bad note tag', deck('## basic a', 'tags: fine no#hash', 'Front: Q', 'Back: A'), 8, ['tag "no#hash"']],
    ['unclosed code fence', deck('## basic a', 'Front: Q', '```', 'code', 'Back: A'), 9, ['fenced code block', 'not closed']],
    [
      'unknown rubric kind',
      deck(...explain('- [test] one', '- [foo] two', '- [mind] three')),
      12,
      ['rubric point of note "e1"', 'unknown kind "[foo]"', 'test, why, mind'],
    ],
    [
      'a field after Source',
      deck('## basic a', 'Front: Q', 'Source: S, 2020. <https://x.org>', 'Back: A'),
      10,
      ['"Source:" must be the last field', '"a"'],
    ],
    ['an empty Source', deck('## basic a', 'Front: Q', 'Back: A', 'Source:'), 10, ['field "Source:"', 'empty']],
  ])('%s', (_name, text, line, words) => {
    const error = parseError(text);
    expect(error).toBeInstanceOf(DeckFormatError);
    expect(error.name).toBe('DeckFormatError');
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(line);
    expect(error.message.startsWith(`${FILE}:${line}: `)).toBe(true);
    expect(error.message).toBe(`${FILE}:${line}: ${error.problem}`);
    for (const word of words) expect(error.problem).toContain(word);
  });

  it('an unclosed cloze after blank lines in its field still names the line it is on', () => {
    // Line 8 is "Text:", 9 and 10 are blank, the broken deletion is on line 11.
    const error = parseError(deck('## cloze a', 'Text:', '', '', 'then {{c1::open'));
    expect(error.problem).toContain('not closed');
    expect(error.line).toBe(11);
  });
});

describe('scanCloze', () => {
  it.each([
    ['{{c1::$\\frac{1}{\\sqrt{n}}$}}', [[1, '$\\frac{1}{\\sqrt{n}}$', undefined]]],
    ['{{c1::$\\frac{1}{\\sqrt{n}}$::rate}} tail', [[1, '$\\frac{1}{\\sqrt{n}}$', 'rate']]],
    ['{{c2::$x_{\\{a::b\\}}$}}', [[2, '$x_{\\{a::b\\}}$', undefined]]],
    ['{{c1::a::b::hint}}', [[1, 'a::b', 'hint']]],
    ['{{c1::answer::}}', [[1, 'answer', '']]],
    [
      '{{c3::x}} and {{c1::y::why}}',
      [
        [3, 'x', undefined],
        [1, 'y', 'why'],
      ],
    ],
    ['{{notcloze}} {{c::x}} plain', []],
  ])('%s', (text, expected) => {
    const scan = scanCloze(text);
    if (!scan.ok) throw new Error(scan.problem);
    expect(scan.deletions.map((d) => [d.ord, d.answer, d.hint])).toEqual(expected);
  });

  it('records where each deletion starts and ends', () => {
    const text = 'ab {{c1::$\\frac{1}{\\sqrt{n}}$}} cd';
    const scan = scanCloze(text);
    if (!scan.ok) throw new Error(scan.problem);
    const [d] = scan.deletions;
    expect(d?.start).toBe(3);
    expect(text.slice(d?.start, d?.end)).toBe('{{c1::$\\frac{1}{\\sqrt{n}}$}}');
  });

  it.each([
    ['{{c1::$\\frac{1}{\\sqrt{n}$}}', 0, 'not closed'],
    ['ok {{c0::x}}', 3, 'outside 1–99'],
    ['{{c100::x}}', 0, 'outside 1–99'],
    ['{{c1::  }}', 0, 'empty answer'],
  ])('rejects %s at offset %i', (text, offset, problem) => {
    const scan = scanCloze(text);
    expect(scan.ok).toBe(false);
    if (scan.ok) return;
    expect(scan.offset).toBe(offset);
    expect(scan.problem).toContain(problem);
  });

  it('clozeOrds lists distinct numbers ascending', () => {
    const scan = scanCloze('{{c3::a}} {{c1::b}} {{c3::c}} {{c10::d}} {{c2::e}}');
    if (!scan.ok) throw new Error(scan.problem);
    expect(clozeOrds(scan.deletions)).toEqual([1, 2, 3, 10]);
  });
});
