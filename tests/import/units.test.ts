/** The small parts: templates, cloze in HTML, protobuf, text decoding, ids and tags. */
import { describe, expect, it } from 'vitest';
import { clozeAnswers, clozeNumbers, parseCloze, renderClozeHtml } from '../../src/import/anki/cloze';
import { ProtoMessage } from '../../src/import/anki/protobuf';
import { parseTemplate, type RenderContext, renderTemplate, TemplateError } from '../../src/import/anki/template';
import { extensionOf } from '../../src/import/read';
import { decodeText, invalidUtf8Offset } from '../../src/import/text';
import { cleanTags, htmlToText, mimeOf, slugify, WarningLog } from '../../src/import/util';
import { pb, pbBytes, pbString, pbVarint } from './anki-builder';

function render(
  template: string,
  fields: Record<string, string>,
  extra: Partial<RenderContext> = {},
): { html: string; warnings: string[] } {
  const warnings: string[] = [];
  const html = renderTemplate(parseTemplate(template), {
    fields: new Map(Object.entries(fields)),
    specials: { Tags: 't1 t2', Type: 'Basic', Deck: 'A::B', Subdeck: 'B', Card: 'Card 1', CardFlag: '' },
    clozeOrd: 0,
    side: 'question',
    frontSide: '',
    warn: (_c, m) => warnings.push(m),
    ...extra,
  });
  return { html, warnings };
}

describe('templates', () => {
  it('replaces fields and specials, trims whitespace in handles', () => {
    expect(
      render('{{Front}} / {{ Back }} [{{Tags}}] {{Deck}} {{Subdeck}} {{Card}} {{Type}}', { Front: 'F', Back: 'B' }).html,
    ).toBe('F / B [t1 t2] A::B B Card 1 Basic');
  });

  it('sections show for non-empty fields, negated sections for empty ones', () => {
    const t = '{{#Extra}}[{{Extra}}]{{/Extra}}{{^Extra}}none{{/Extra}}';
    expect(render(t, { Extra: 'x' }).html).toBe('[x]');
    expect(render(t, { Extra: ' <br> <div></div>&nbsp;' }).html).toBe('none');
    expect(render(t, {}).html).toBe('none');
    expect(render('{{#Tags}}tagged{{/Tags}}', {}).html).toBe('tagged');
  });

  it('{{#c2}} is true on the card for cloze 2', () => {
    expect(render('{{#c2}}two{{/c2}}{{^c2}}not two{{/c2}}', {}, { clozeOrd: 2 }).html).toBe('two');
    expect(render('{{#c2}}two{{/c2}}{{^c2}}not two{{/c2}}', {}, { clozeOrd: 1 }).html).toBe('not two');
  });

  it('FrontSide only on the answer side', () => {
    expect(render('{{FrontSide}}|{{Back}}', { Back: 'b' }, { side: 'answer', frontSide: 'Q' }).html).toBe('Q|b');
    expect(render('{{FrontSide}}|x', {}).html).toBe('|x');
  });

  it('filters apply from the field outwards; unknown ones are ignored with a warning', () => {
    expect(render('{{text:Front}}', { Front: '<b>bold</b> &amp; more' }).html).toBe('bold &amp; more');
    expect(render('{{kana:Reading}}|{{kanji:Reading}}', { Reading: '日本[にほん]' }).html).toBe('にほん|日本');
    const unknown = render('{{glow:Front}}', { Front: 'x' });
    expect(unknown).toEqual({ html: 'x', warnings: ['template filter "glow" is not supported and was ignored'] });
    expect(render('{{tts en_US:Front}}', { Front: 'hi' }).html).toBe('hi');
  });

  it('hint is a disclosure, empty hint is nothing', () => {
    expect(render('{{hint:Notes}}', { Notes: 'n' }).html).toBe('<details class="hint"><summary>Notes</summary>n</details>');
    expect(render('{{hint:Notes}}', { Notes: '' }).html).toBe('');
  });

  it('type: hides on the question, shows the answer on the back', () => {
    expect(render('{{type:Back}}', { Back: 'b' }).html).toBe('');
    expect(render('{{type:Back}}', { Back: 'b' }, { side: 'answer' }).html).toBe('<div class="type-answer">b</div>');
    expect(render('{{type:cloze:Text}}', { Text: '{{c1::x}} {{c1::y}} {{c2::z}}' }, { side: 'answer', clozeOrd: 1 }).html).toBe(
      '<div class="type-answer">x, y</div>',
    );
  });

  it('cloze and cloze-only filters', () => {
    const fields = { Text: 'A {{c1::b::hint}} {{c2::c}}' };
    expect(render('{{cloze:Text}}', fields, { clozeOrd: 1 }).html).toBe('A <span class="cloze">[hint]</span> c');
    expect(render('{{cloze:Text}}', fields, { clozeOrd: 2, side: 'answer' }).html).toBe('A b <span class="cloze">c</span>');
    expect(render('{{cloze-only:Text}}', fields, { clozeOrd: 2 }).html).toBe('c');
  });

  it('a missing field renders empty with a warning', () => {
    expect(render('[{{Nope}}]', {})).toEqual({
      html: '[]',
      warnings: ['template refers to a field "Nope" that the note type does not have'],
    });
  });

  it('the legacy <% %> syntax and stray braces', () => {
    expect(render('{{=<% %>=}}<%Front%> {{', { Front: 'F' }).html).toBe('F {{');
  });

  it('unbalanced sections are TemplateErrors', () => {
    expect(() => parseTemplate('{{#A}}x')).toThrow(new TemplateError('{{#A}} is never closed'));
    expect(() => parseTemplate('{{/A}}')).toThrow(TemplateError);
    expect(() => parseTemplate('{{#A}}{{/B}}')).toThrow('{{/B}} closes {{#A}}');
  });
});

describe('cloze in HTML', () => {
  it('numbers, nesting, shared numbers', () => {
    const text = '{{c1::outer {{c2::inner}} end}} and {{c3,4::shared}}';
    expect(clozeNumbers(parseCloze(text))).toEqual([1, 2, 3, 4]);
    expect(renderClozeHtml(text, 1, 'question')).toBe('<span class="cloze">[...]</span> and shared');
    expect(renderClozeHtml(text, 2, 'question')).toBe('outer <span class="cloze">[...]</span> end and shared');
    expect(renderClozeHtml(text, 1, 'answer')).toBe('<span class="cloze">outer inner end</span> and shared');
    expect(renderClozeHtml(text, 4, 'question')).toBe('outer inner end and <span class="cloze">[...]</span>');
    expect(clozeAnswers(text, 2)).toEqual(['inner']);
  });

  it('no deletion with that number renders empty; unclosed deletions stay text', () => {
    expect(renderClozeHtml('{{c1::a}}', 2, 'question')).toBe('');
    expect(renderClozeHtml('{{c1::a}} {{c2::open', 1, 'answer')).toBe('<span class="cloze">a</span> {{c2::open');
  });

  it('HTML inside a deletion is kept', () => {
    expect(renderClozeHtml('{{c1::<b>bold</b>}}', 1, 'answer')).toBe('<span class="cloze"><b>bold</b></span>');
  });
});

describe('protobuf', () => {
  it('reads varints, strings, nested and repeated messages; skips 32/64-bit fields', () => {
    const inner = pb(pbString(1, 'a.png'), pbVarint(2, 300));
    const msg = new ProtoMessage(
      pb(
        pbBytes(1, inner),
        pbBytes(1, pb(pbString(1, 'b.mp3'))),
        [0x19, 1, 2, 3, 4, 5, 6, 7, 8],
        [0x25, 1, 2, 3, 4],
        pbVarint(4, 2 ** 40),
      ),
    );
    expect(msg.messages(1).map((m) => [m.string(1), m.uint(2)])).toEqual([
      ['a.png', 300],
      ['b.mp3', 0],
    ]);
    expect(msg.uint(4)).toBe(2 ** 40);
    expect(msg.has(3)).toBe(true);
  });

  it('rejects truncated data', () => {
    expect(() => new ProtoMessage(new Uint8Array([0x0a, 0x05, 0x61]))).toThrow('message ends inside a field');
    expect(() => new ProtoMessage(new Uint8Array([0x08, 0x80]))).toThrow('message ends inside a number');
  });
});

describe('text decoding', () => {
  it('finds the first invalid UTF-8 byte', () => {
    const enc = (s: string) => [...new TextEncoder().encode(s)];
    expect(invalidUtf8Offset(new Uint8Array(enc('ok ✓ 日本 😀')))).toBe(-1);
    expect(invalidUtf8Offset(new Uint8Array([...enc('ab'), 0x80]))).toBe(2);
    expect(invalidUtf8Offset(new Uint8Array([...enc('ab'), 0xc0, 0xaf]))).toBe(2); // overlong
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(invalidUtf8Offset(new Uint8Array([0x61, 0xe6, 0x97]))).toBe(1); // cut short
  });

  it('UTF-16 with an odd byte count is reported', () => {
    expect(() => decodeText(new Uint8Array([0xff, 0xfe, 0x61]), 'x.txt')).toThrow(
      'x.txt: UTF-16 text has an odd number of bytes',
    );
  });
});

describe('ids, tags, media types, warnings', () => {
  it('slugify keeps ids inside the deck id rule', () => {
    expect(slugify('Languages::French')).toBe('languages.french');
    expect(slugify('Café — Größe (2024)!')).toBe('cafe-grosse-2024');
    expect(slugify('日本語')).toMatch(/^deck-[0-9a-z]+$/);
    expect(slugify('x'.repeat(100))).toHaveLength(64);
  });

  it('cleanTags splits and repairs tags', () => {
    expect(cleanTags('  a b  a ')).toEqual(['a', 'b']);
    expect(cleanTags('baz,qux', true)).toEqual(['baz', 'qux']);
    expect(cleanTags('c++ lang::fr')).toEqual(['c__', 'lang::fr']);
  });

  it('htmlToText decodes entities', () => {
    expect(htmlToText('<b>a</b>&nbsp;&amp;&#33;&#x41;<br>b')).toBe('a &!A b');
  });

  it('mime types by extension', () => {
    expect(mimeOf('x.PNG')).toBe('image/png');
    expect(mimeOf('clip.mp3')).toBe('audio/mpeg');
    expect(mimeOf('noext')).toBe('application/octet-stream');
  });

  it('extensions', () => {
    expect(extensionOf('a/b/Deck.APKG')).toBe('apkg');
    expect(extensionOf('.hidden')).toBe('');
  });

  it('warning log caps a category and counts the rest', () => {
    const log = new WarningLog(2);
    for (let k = 0; k < 5; k++) log.add(`f:${k}`, `bad ${k}`, 'row');
    log.add('t', 'said once', 'once', 1);
    log.add('t', 'said once', 'once', 1);
    expect(log.finish()).toEqual([
      { where: 'f:0', message: 'bad 0' },
      { where: 'f:1', message: 'bad 1' },
      { where: 't', message: 'said once' },
      { where: 'f:0', message: '3 more like "bad 0" not listed (5 in all)' },
    ]);
  });
});
