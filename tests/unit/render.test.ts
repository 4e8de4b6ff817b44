import { describe, expect, it } from 'vitest';
import type { NoteSource } from '../../src/domain/deck-format/model';
import { MathError, renderMarkdown, renderNote } from '../../src/domain/deck-format/render';

const basic = (front: string, back: string, kind: 'basic' | 'reverse' = 'basic'): NoteSource => ({
  kind,
  id: 'n1',
  tags: [],
  line: 1,
  fields: { front, back },
});
const cloze = (text: string, extra = ''): NoteSource => ({ kind: 'cloze', id: 'c1', tags: [], line: 1, fields: { text, extra } });
const explain = (prompt: string, answer: string, rubric: string[]): NoteSource => ({
  kind: 'explain',
  id: 'e1',
  tags: [],
  line: 1,
  fields: { prompt, answer, rubric },
});

/** Text content of an HTML string (tags dropped), for "what does the reader see" checks. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '');

describe('renderNote: basic and reverse', () => {
  it('basic gives one card, front → back', () => {
    expect(renderNote(basic('What is **SE**?', 'The spread of the mean.')).cards).toEqual([
      { ord: 0, front: '<p>What is <strong>SE</strong>?</p>', back: '<p>The spread of the mean.</p>' },
    ]);
  });

  it('reverse gives two cards with the sides swapped', () => {
    expect(renderNote(basic('Minimum detectable effect', 'The *smallest* effect', 'reverse')).cards).toEqual([
      { ord: 0, front: '<p>Minimum detectable effect</p>', back: '<p>The <em>smallest</em> effect</p>' },
      { ord: 1, front: '<p>The <em>smallest</em> effect</p>', back: '<p>Minimum detectable effect</p>' },
    ]);
  });

  it('basic and reverse notes carry no rubric', () => {
    expect(renderNote(basic('a', 'b')).rubric).toBeUndefined();
    expect(renderNote(basic('a', 'b', 'reverse')).rubric).toBeUndefined();
  });
});

describe('renderNote: cloze', () => {
  const text = 'Mean ± {{c1::1.96::a number}} × {{c2::**SE**}}, and {{c1::two-sided}}.';
  const rendered = renderNote(cloze(text, 'Large *n* only.'));

  it('gives one card per distinct cloze number, in order', () => {
    expect(rendered.cards.map((c) => c.ord)).toEqual([1, 2]);
  });

  it.each([
    [
      1,
      '<p>Mean ± <span class="cloze">[a number]</span> × <strong>SE</strong>, and <span class="cloze">[…]</span>.</p>',
      '<p>Mean ± <span class="cloze">1.96</span> × <strong>SE</strong>, and <span class="cloze">two-sided</span>.</p>',
    ],
    [
      2,
      '<p>Mean ± 1.96 × <span class="cloze">[…]</span>, and two-sided.</p>',
      '<p>Mean ± 1.96 × <span class="cloze"><strong>SE</strong></span>, and two-sided.</p>',
    ],
  ])('card c%i hides only its own deletions (front: [hint] or […]; back: answer in span.cloze)', (ord, front, back) => {
    const card = rendered.cards.find((c) => c.ord === ord);
    expect(card?.front).toBe(front);
    expect(card?.back).toBe(`${back}<div class="extra"><p>Large <em>n</em> only.</p></div>`);
  });

  it('the front of card n never shows the answers of cN', () => {
    const c1 = rendered.cards.find((c) => c.ord === 1);
    expect(textOf(c1?.front ?? '')).not.toContain('1.96');
    expect(textOf(c1?.front ?? '')).not.toContain('two-sided');
    expect(textOf(c1?.front ?? '')).toContain('SE');
  });

  it('without Extra the back has no extra block', () => {
    const [card] = renderNote(cloze('a {{c1::b}}')).cards;
    expect(card?.back).toBe('<p>a <span class="cloze">b</span></p>');
  });

  it.each([
    ['hint with HTML', '{{c1::x::<b>bold</b>}}', '[&#60;b&#62;bold&#60;/b&#62;]'],
    ['blank hint', '{{c1::x::   }}', '[…]'],
  ])('escapes the %s on the front', (_name, source, shown) => {
    const [card] = renderNote(cloze(source)).cards;
    expect(card?.front).toBe(`<p><span class="cloze">${shown}</span></p>`);
  });

  it('renders math inside a deletion with KaTeX on the back', () => {
    const [card] = renderNote(cloze('SE is {{c1::$\\frac{s}{\\sqrt{n}}$}}')).cards;
    expect(card?.front).toBe('<p>SE is <span class="cloze">[…]</span></p>');
    expect(card?.back).toMatch(/^<p>SE is <span class="cloze"><span class="katex">/);
  });
});

describe('renderNote: explain', () => {
  const rendered = renderNote(
    explain('One seed *wins*.', 'Run **more** seeds.', ['Uses **paired** tests', 'Names $p$', 'Plain']),
  );

  it('gives one card: prompt → model answer', () => {
    expect(rendered.cards).toEqual([
      { ord: 0, front: '<p>One seed <em>wins</em>.</p>', back: '<p>Run <strong>more</strong> seeds.</p>' },
    ]);
  });

  it('renders each rubric point inline (no <p> wrapper)', () => {
    expect(rendered.rubric?.[0]).toBe('Uses <strong>paired</strong> tests');
    expect(rendered.rubric?.[1]).toMatch(/^Names <span class="katex">/);
    expect(rendered.rubric?.[2]).toBe('Plain');
    expect(rendered.rubric?.join('')).not.toContain('<p>');
  });
});

describe('renderMarkdown: raw HTML and math', () => {
  it.each([
    ['<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['a <img src=x onerror=alert(1)> b', '<p>a &lt;img src=x onerror=alert(1)&gt; b</p>'],
    ['<div>\nblock\n</div>', '<p>&lt;div&gt;\nblock\n&lt;/div&gt;</p>'],
    ['costs $5 and $10', '<p>costs $5 and $10</p>'],
    ['between $ x $ and', '<p>between $ x $ and</p>'],
    ['escaped \\$x\\$', '<p>escaped $x$</p>'],
  ])('%s stays text', (source, html) => {
    expect(renderMarkdown(source)).toBe(html);
  });

  it.each([
    ['inline $x^2$', /^<p>inline <span class="katex">/, 'x^2'],
    ['$$\\sum_i x_i$$', /<span class="katex-display">/, '\\sum_i x_i'],
    ['$$\n\\frac{a}{b}\n$$', /^<span class="katex-display">/, '\\frac{a}{b}'],
  ])('%s renders KaTeX', (source, shape, tex) => {
    const html = renderMarkdown(source);
    expect(html).toMatch(shape);
    expect(html).toContain('class="katex"');
    const annotation = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(html);
    expect(annotation?.[1]?.trim()).toBe(tex);
    expect(html).not.toContain('$');
  });

  it.each([
    ['$\\notamacro$', '\\notamacro'],
    ['$$\\frac{1}$$', '\\frac{1}'],
    ['$x^$', 'x^'],
  ])('a broken formula %s throws MathError naming it', (source, tex) => {
    let caught: unknown;
    try {
      renderMarkdown(source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MathError);
    expect((caught as MathError).tex).toBe(tex);
    expect((caught as MathError).message).toContain('does not render');
  });

  it('a broken formula in a note makes renderNote throw MathError', () => {
    expect(() => renderNote(basic('fine', 'broken $\\frac{1}$'))).toThrow(MathError);
    expect(() => renderNote(explain('p', 'a', ['ok', 'bad $\\nope$', 'ok']))).toThrow(MathError);
  });
});

describe('renderNote: source', () => {
  const source = 'Zech et al., *PLOS Medicine*, 2018. <https://doi.org/10.1371/journal.pmed.1002683>';

  it('puts the source under the answer of every card, never on a front', () => {
    const reverse = { ...basic('Term', 'Meaning', 'reverse'), source };
    const cards = renderNote(reverse).cards;
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      expect(card.back).toMatch(
        /<\/p><div class="source"><span class="source-label">Source:<\/span> Zech et al\., <em>PLOS Medicine<\/em>, 2018\. <a href="https:\/\/doi\.org\/10\.1371\/journal\.pmed\.1002683">/,
      );
      expect(card.front).not.toContain('Source:');
    }
    const clozeCards = renderNote({ ...cloze('{{c1::a}} and {{c2::b}}', 'more'), source }).cards;
    expect(clozeCards.map((c) => textOf(c.back).endsWith('2018. https://doi.org/10.1371/journal.pmed.1002683'))).toEqual([
      true,
      true,
    ]);
    const explainCard = renderNote({ ...explain('P', 'A', ['x', 'y', 'z']), source }).cards[0];
    expect(textOf(explainCard?.back ?? '')).toBe(
      'ASource: Zech et al., PLOS Medicine, 2018. https://doi.org/10.1371/journal.pmed.1002683',
    );
  });

  it('a note without a source renders no source block', () => {
    expect(renderNote(basic('a', 'b')).cards[0]?.back).not.toContain('source');
  });
});
