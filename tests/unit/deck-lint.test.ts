import { describe, expect, it } from 'vitest';
import { BUILT_IN_LINT, loadDeckFiles } from '../../scripts/deck-files';
import { countWords, type LintInput, type LintOptions, LIMITS, lintDecks } from '../../src/domain/deck-format/lint';
import type { DeckSource, NoteSource, RubricKind } from '../../src/domain/deck-format/model';

type NoteOverrides = Partial<Omit<NoteSource, 'kind' | 'fields'>>;

const basicNote = (id: string, front: string, back: string, o: NoteOverrides = {}): NoteSource => ({
  kind: 'basic',
  id,
  tags: ['topic'],
  line: 10,
  fields: { front, back },
  ...o,
});
const reverseNote = (id: string, front: string, back: string, o: NoteOverrides = {}): NoteSource => ({
  kind: 'reverse',
  id,
  tags: ['topic'],
  line: 10,
  fields: { front, back },
  ...o,
});
const clozeNote = (id: string, text: string, o: NoteOverrides = {}): NoteSource => ({
  kind: 'cloze',
  id,
  tags: ['topic'],
  line: 10,
  fields: { text, extra: '' },
  ...o,
});
const explainNote = (id: string, answer: string, o: NoteOverrides = {}): NoteSource => ({
  kind: 'explain',
  id,
  tags: ['topic'],
  line: 10,
  fields: { prompt: `Prompt of ${id}?`, answer, rubric: ['one', 'two', 'three'], rubricKinds: ['test', 'why', 'mind'] },
  ...o,
});
/** An explain note whose rubric points have these kinds (none at all when `kinds` is undefined). */
const explainKinds = (id: string, kinds?: (RubricKind | null)[]): NoteSource => ({
  kind: 'explain',
  id,
  tags: ['topic'],
  line: 10,
  fields: { prompt: `Prompt of ${id}?`, answer: 'A.', rubric: ['x', 'y', 'z'], ...(kinds ? { rubricKinds: kinds } : {}) },
});
const SOURCE = 'Zech et al., PLOS Medicine, 2018. <https://doi.org/10.1371/journal.pmed.1002683>';

const makeDeck = (notes: NoteSource[], overrides: Partial<DeckSource> = {}): DeckSource => ({
  format: 1,
  id: 'topic',
  name: 'Topic',
  description: '',
  tags: ['topic'],
  notes,
  ...overrides,
});

const words = (n: number) => Array.from({ length: n }, (_, k) => `w${k}`).join(' ');

const input = (notes: NoteSource[], file = 'decks/topic.md', deck: Partial<DeckSource> = {}): LintInput => ({
  file,
  deck: makeDeck(notes, deck),
});

describe('lintDecks', () => {
  it('a clean deck has no problems', () => {
    expect(
      lintDecks([
        input([
          basicNote('a', 'What is a?', 'An answer.'),
          reverseNote('b', 'Term b', 'Definition of b'),
          clozeNote('c', 'The SE is {{c1::$s/\\sqrt{n}$}}.'),
          explainNote('d', 'A model answer.'),
          basicNote('e', 'Which shortcut?', 'The hospital.', { tags: ['topic', 'src:required'], source: SOURCE }),
          clozeNote('f', 'A {{c1::cited}} cloze.', { source: 'A book, 1999. https://example.org/book' }),
        ]),
      ]),
    ).toEqual([]);
  });

  it.each<[string, LintInput[], { file: string; line: number; noteId: string; words: string[] }[]]>([
    [
      'duplicate note ids across decks',
      [
        input([basicNote('same', 'Q one?', 'A', { line: 7 })]),
        input([basicNote('same', 'Q two?', 'A', { line: 12, tags: ['other'] })], 'decks/other.md', { id: 'other' }),
      ],
      [{ file: 'decks/other.md', line: 12, noteId: 'same', words: ['note id "same"', 'decks/topic.md:7'] }],
    ],
    [
      'duplicate deck ids',
      [input([basicNote('a', 'Qa?', 'A')]), input([basicNote('b', 'Qb?', 'A')], 'decks/copy.md')],
      [{ file: 'decks/copy.md', line: 1, noteId: '', words: ['deck id "topic"', 'decks/topic.md'] }],
    ],
    [
      'duplicate fronts (case and punctuation ignored)',
      [input([basicNote('a', 'What is *variance*?', 'A', { line: 5 }), basicNote('b', 'what is variance', 'B', { line: 9 })])],
      [{ file: 'decks/topic.md', line: 9, noteId: 'b', words: ['same front', 'decks/topic.md:5'] }],
    ],
    [
      'reverse back equal to another reverse front',
      [input([reverseNote('a', 'Term', 'Meaning', { line: 5 }), reverseNote('b', 'Meaning', 'Other', { line: 9 })])],
      [{ file: 'decks/topic.md', line: 9, noteId: 'b', words: ['same front', 'decks/topic.md:5'] }],
    ],
    [
      'missing deck-topic tag',
      [input([basicNote('a', 'Q?', 'A', { tags: ['elsewhere'] })])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['not tagged', '"topic"'] }],
    ],
    [
      'no tags at all',
      [input([basicNote('a', 'Q?', 'A', { tags: [] })])],
      [
        { file: 'decks/topic.md', line: 10, noteId: 'a', words: ['no tags'] },
        { file: 'decks/topic.md', line: 10, noteId: 'a', words: ['not tagged'] },
      ],
    ],
    [
      'long back (61 words)',
      [input([basicNote('a', 'Q?', words(61))])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['back has 61 words', 'limit 60'] }],
    ],
    [
      'long reverse front (61 words)',
      [input([reverseNote('a', words(61), 'Short')])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['front of a reverse note has 61 words'] }],
    ],
    [
      'long cloze text (61 words)',
      [input([clozeNote('a', `{{c1::x}} ${words(60)}`)])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['cloze text has 61 words'] }],
    ],
    [
      'long explain answer (201 words)',
      [input([explainNote('a', words(201))])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['model answer has 201 words', 'limit 200'] }],
    ],
    [
      'broken formula',
      [input([basicNote('a', 'Q?', 'It is $\\frac{1}$.')])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['formula', '\\\\frac{1}', 'does not render'] }],
    ],
    [
      'cloze deletion splitting a formula',
      [input([clozeNote('a', 'SE is $s/{{c1::\\sqrt{n}$}}')])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['splits a formula'] }],
    ],
    [
      'src:required without a source',
      [input([basicNote('a', 'Q?', 'A', { tags: ['topic', 'src:required'] })])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['tagged src:required', 'no Source:'] }],
    ],
    [
      'a source without a year or a link',
      [input([basicNote('a', 'Q?', 'A', { source: 'Zech et al., PLOS Medicine' })])],
      [
        { file: 'decks/topic.md', line: 10, noteId: 'a', words: ['Source: has no year'] },
        { file: 'decks/topic.md', line: 10, noteId: 'a', words: ['Source: has no http(s) link'] },
      ],
    ],
    [
      'a source with a year but a bare DOI instead of a link',
      [input([basicNote('a', 'Q?', 'A', { tags: ['topic', 'src:required'], source: 'Zech et al., 2018, doi:10.1371/x' })])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['no http(s) link'] }],
    ],
    [
      'an explain rubric without a [mind] point',
      [input([explainKinds('a', ['test', 'why', null])])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['no [mind] point'] }],
    ],
    [
      'an explain rubric without any kinds',
      [input([explainKinds('a')])],
      [{ file: 'decks/topic.md', line: 10, noteId: 'a', words: ['no [test], [why], [mind] point'] }],
    ],
  ])('%s', (_name, inputs, expected) => {
    const problems = lintDecks(inputs);
    expect(problems.map(({ file, line, noteId }) => ({ file, line, noteId }))).toEqual(
      expected.map(({ file, line, noteId }) => ({ file, line, noteId })),
    );
    for (const [k, e] of expected.entries()) {
      for (const word of e.words) expect(problems[k]?.problem).toContain(word);
    }
  });

  it.each([
    ['back at the limit (60 words)', basicNote('a', 'Q?', words(LIMITS.shortAnswerWords))],
    ['explain answer at the limit (200 words)', explainNote('a', words(LIMITS.explainAnswerWords))],
    ['a long front of a basic note', basicNote('a', words(100), 'A')],
    ['an explain rubric without kinds when the rule is off (user decks)', explainKinds('a'), { rubricKinds: false }],
  ])('accepts %s', (_name, note, options?: LintOptions) => {
    expect(lintDecks([input([note])], options)).toEqual([]);
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['one two  three', 3],
    ['The SE is $s/\\sqrt{n}$ here', 5],
    ['$a + b + c + d$', 1],
    ['display $$\n\\sum_i x_i + y\n$$ done', 3],
    ['**bold** _it_ `code` > quote', 4],
    ['- list item\n- another', 3],
    ['costs 5 — or 6 € | x', 5],
  ])('%j has %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});

describe('the built-in decks', () => {
  it('parse and lint with zero problems', () => {
    const decks = loadDeckFiles();
    expect(decks.length).toBeGreaterThan(0);
    const problems = lintDecks(decks, BUILT_IN_LINT).map((p) => `${p.file}:${p.line}: [${p.noteId}] ${p.problem}`);
    expect(problems, `deck lint problems:\n${problems.join('\n')}`).toEqual([]);
  });
});
