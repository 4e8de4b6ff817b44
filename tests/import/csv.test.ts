/** Delimited text: Anki's text files, CSV/TSV from spreadsheets and Quizlet. */
import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/domain/deck-format/bundle';
import type { ImportResult } from '../../src/import/model';
import { ankiFixture, importError, localFixture, read, utf8 } from './helpers';

const allNotes = (result: ImportResult) => result.decks.flatMap((d) => d.notes);
const fronts = (result: ImportResult) => allNotes(result).map((n) => n.cards[0]?.front);
const warningText = (result: ImportResult) => result.warnings.map((w) => `${w.where}: ${w.message}`);

describe("Anki's text fixtures", { timeout: 60_000 }, () => {
  it('text-2fields.txt: good rows import, each bad row is reported with its line and reason', async () => {
    const result = await read('text-2fields.txt', ankiFixture('text-2fields.txt'));
    expect(result.format).toBe('csv');
    expect(result.decks.map((d) => [d.id, d.name])).toEqual([['text-2fields', 'text-2fields']]);
    expect(allNotes(result).map((n) => n.fields)).toEqual([
      { front: '食べる', back: 'to eat' },
      { front: '飲む', back: 'to drink' },
      { front: 'テスト', back: 'test' },
      { front: 'to eat', back: '食べる' },
      { front: '遊ぶ', back: '' },
    ]);
    expect(warningText(result)).toEqual([
      'text-2fields.txt:6: same front as line 3 (duplicate); row skipped',
      'text-2fields.txt:7: has 3 fields, expected 2; row skipped',
      'text-2fields.txt:8: has 1 field, expected 2; row skipped',
      'text-2fields.txt:10: the front (first field) is empty; row skipped',
    ]);
  });

  it('text-tags.txt: two cards carrying the tags of the third column', async () => {
    const result = await read('text-tags.txt', ankiFixture('text-tags.txt'));
    expect(allNotes(result).map((n) => [n.fields.front, n.fields.back, n.tags])).toEqual([
      ['foo', 'bar', ['baz', 'qux']],
      ['foo2', 'bar2', ['baz2']],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('text-update.txt: a 4-byte file is one card', async () => {
    const result = await read('text-update.txt', ankiFixture('text-update.txt'));
    expect(allNotes(result).map((n) => n.cards)).toEqual([[{ ord: 0, front: '1', back: 'x' }]]);
  });
});

describe('header lines', { timeout: 60_000 }, () => {
  it('reads #separator, #html, #tags, #columns and the deck, note type and guid columns', async () => {
    const result = await read('anki-export.txt', localFixture('anki-export.txt'));
    expect(result.decks.map((d) => [d.id, d.name, d.notes.map((n) => n.id)])).toEqual([
      ['french.nouns', 'French::Nouns', ['csv:g-001', 'csv:g-004']],
      ['french.phrases', 'French::Phrases', ['csv:g-002']],
    ]);
    const [house, dog, cat] = [...allNotes(result)].sort((a, b) => a.id.localeCompare(b.id)).filter((n) => n.id !== 'csv:g-005');
    expect(house).toMatchObject({
      kind: 'reverse',
      tags: ['imported', 'lang::fr', 'noun', 'home'],
      cards: [
        { ord: 0, front: 'house', back: 'la <b>maison</b>' },
        { ord: 1, front: 'la <b>maison</b>', back: 'house' },
      ],
    });
    expect(dog?.id).toBe('csv:g-002');
    expect(dog).toMatchObject({
      kind: 'cloze',
      fields: { text: '{{c1::le chat}} dort', extra: 'the cat sleeps' },
      cards: [
        {
          ord: 1,
          front: '<span class="cloze">[...]</span> dort',
          back: '<span class="cloze">le chat</span> dort<div class="extra">the cat sleeps</div>',
        },
      ],
    });
    expect(cat?.cards).toEqual([{ ord: 0, front: 'dog, a "pet"', back: 'un "chien"' }]);
    expect(warningText(result)).toEqual([
      'anki-export.txt:11: the front (first field) is empty; row skipped',
      'anki-export.txt:13: a Cloze row needs at least one {{c1::…}} deletion in its first field; row skipped',
    ]);
  });

  it('#separator accepts names and literal characters; #deck names the deck; tags: first line', async () => {
    for (const [sep, char] of [
      ['Comma', ','],
      ['semicolon', ';'],
      ['Tab', '\t'],
      ['Space', ' '],
      ['Pipe', '|'],
      ['Colon', ':'],
      ['~', '~'],
    ] as const) {
      const result = await read('x.txt', `#separator:${sep}\n#deck:Mine\nfront${char}back\n`);
      expect(result.decks[0]).toMatchObject({ id: 'mine', name: 'Mine' });
      expect(fronts(result)).toEqual(['front']);
    }
    const legacy = await read('old.txt', 'tags:old style\na\tb\n');
    expect(allNotes(legacy)[0]?.tags).toEqual(['old', 'style']);
  });

  it('an Anki "notes in plain text" export: guid, note type and deck columns, padded fields, tags last', async () => {
    const text = [
      '#separator:tab',
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:7',
      'g1\tBasic (optional reversed card)\tDefault\tfront\tback\ty\tt1',
      'g2\tCloze\tDefault\t{{c1::x}}\t\t\t',
    ].join('\n');
    const result = await read('notes.txt', text);
    expect(allNotes(result).map((n) => [n.id, n.kind, n.tags])).toEqual([
      ['csv:g1', 'basic', ['t1']],
      ['csv:g2', 'cloze', []],
    ]);
    expect(warningText(result)).toEqual(['notes.txt: column 6 is not imported (a card keeps only a front, a back and tags)']);
  });

  it('#tags column and #columns labels choose the columns', async () => {
    const result = await read('c.csv', '#separator:Comma\n#tags column:1\n#columns:Tags,Question,Answer\n"t1 t2",Q,A\n');
    expect(allNotes(result)[0]).toMatchObject({ tags: ['t1', 't2'], fields: { front: 'Q', back: 'A' } });
  });

  it('#notetype:Cloze makes cloze notes; a notetype of Basic keeps {{c1::…}} as text', async () => {
    const cloze = await read('z.txt', '#notetype:Cloze\n{{c1::a}} and {{c2::b::hint}}\textra\n');
    expect(allNotes(cloze)[0]?.cards.map((c) => [c.ord, c.front])).toEqual([
      [1, '<span class="cloze">[...]</span> and b'],
      [2, 'a and <span class="cloze">[hint]</span>'],
    ]);
    const basic = await read('z.txt', '#notetype:Basic\n{{c1::a}}\tb\n');
    expect(allNotes(basic)[0]).toMatchObject({ kind: 'basic', cards: [{ front: '{{c1::a}}' }] });
    const sniffed = await read('z.txt', 'the {{c1::answer}}\tmore\n');
    expect(allNotes(sniffed)[0]?.kind).toBe('cloze');
  });
});

describe('text handling', { timeout: 60_000 }, () => {
  it('plain text is escaped (default #html:false); #html:true keeps HTML for the main thread to sanitise', async () => {
    const plain = await read('p.tsv', '<b>bold</b> & co\tline one\nline two\n');
    expect(allNotes(plain)[0]?.cards[0]?.front).toBe('&#60;b&#62;bold&#60;/b&#62; &#38; co');
    const quotedNewline = await read('q.tsv', '"a"\t"line one\nline two"\n');
    expect(allNotes(quotedNewline)[0]?.cards[0]?.back).toBe('line one<br>line two');
    const html = await read('h.tsv', '#html:true\n<b>bold</b>\t<img src="x.png">\n');
    expect(allNotes(html)[0]?.cards[0]).toEqual({ ord: 0, front: '<b>bold</b>', back: '<img src="x.png">' });
  });

  it('sniffs the delimiter when there is no header', async () => {
    expect(fronts(await read('a.csv', 'one,1\ntwo,2\n'))).toEqual(['one', 'two']);
    expect(fronts(await read('a.csv', 'one;1,5\ntwo;2,5\n'))).toEqual(['one', 'two']);
    expect(fronts(await read('a.txt', 'a|b\nc|d\n'))).toEqual(['a', 'c']);
  });

  it('a Quizlet-style term<TAB>definition export', async () => {
    const result = await read('Quizlet Set (Spanish).txt', 'perro\tdog\ngato\tcat\ncasa\thouse\n');
    expect(result.decks[0]).toMatchObject({ id: 'quizlet-set-spanish', name: 'Quizlet Set (Spanish)' });
    expect(allNotes(result).map((n) => n.cards[0])).toEqual([
      { ord: 0, front: 'perro', back: 'dog' },
      { ord: 0, front: 'gato', back: 'cat' },
      { ord: 0, front: 'casa', back: 'house' },
    ]);
  });

  it('quoted fields may span lines; later line numbers stay right', async () => {
    const result = await read('quoted.csv', localFixture('quoted.csv'));
    expect(allNotes(result).map((n) => [n.fields.front, n.fields.back])).toEqual([
      ['term', 'definition'],
      ['multi\nline term', 'a, b'],
      ['plain', 'quoted "inner"'],
      ['last', 'row'],
    ]);
    expect(warningText(result)).toEqual(['quoted.csv:8: has 1 field, expected 2; row skipped']);
  });

  it('a quote that never closes is reported instead of silently eating the file', async () => {
    const result = await read('q.csv', 'a,b\n"broken,c\nd,e\n');
    expect(fronts(result)).toEqual(['a']);
    expect(warningText(result)[0]).toBe(
      'q.csv:2: a quoted field starts here and is never closed (every row after it was swallowed); row skipped',
    );
  });

  it('UTF-8 with a BOM, UTF-16 LE and BE with a BOM', async () => {
    const text = 'ünïcødé\t日本\n';
    const bom = await read('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]));
    expect(fronts(bom)).toEqual(['ünïcødé']);
    const le = [0xff, 0xfe];
    const be = [0xfe, 0xff];
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      le.push(c & 0xff, c >> 8);
      be.push(c >> 8, c & 0xff);
    }
    expect(allNotes(await read('le.txt', new Uint8Array(le)))[0]?.fields).toEqual({ front: 'ünïcødé', back: '日本' });
    expect(allNotes(await read('be.txt', new Uint8Array(be)))[0]?.fields).toEqual({ front: 'ünïcødé', back: '日本' });
  });

  it('note ids: guid column → csv:<guid>, else a hash of deck id and normalised front', async () => {
    const result = await read('Vocab.csv', 'Bonjour,hello\n');
    expect(allNotes(result)[0]?.id).toBe(hashString('vocab\u0000Bonjour'));
    const again = await read('Vocab.csv', '  Bonjour ,hi there\n');
    expect(allNotes(again)[0]?.id).toBe(allNotes(result)[0]?.id);
    expect(allNotes(again)[0]?.hash).not.toBe(allNotes(result)[0]?.hash);
  });

  it('sound references become placeholders with a warning', async () => {
    const result = await read('s.txt', '#html:true\nword [sound:w.mp3]\tmeaning\n');
    expect(allNotes(result)[0]?.cards[0]?.front).toBe('word <span class="audio-unsupported">[audio: w.mp3]</span>');
    expect(warningText(result)).toEqual(['s.txt:2: audio [sound:w.mp3] is not playable in this app']);
  });

  it('MathJax formulas are typeset with KaTeX', async () => {
    const result = await read('m.txt', 'Euler \\(e^{i\\pi}+1=0\\)\tyes\n');
    expect(allNotes(result)[0]?.cards[0]?.front).toMatch(/^Euler <span class="katex">/);
    expect(allNotes(result)[0]?.fields.front).toBe('Euler \\(e^{i\\pi}+1=0\\)');
  });

  it('100,000 rows import', async () => {
    const rows: string[] = [];
    for (let k = 0; k < 100_000; k++) rows.push(`front ${k}\tback ${k}`);
    const started = Date.now();
    const result = await read('big.tsv', `${rows.join('\n')}\n`);
    expect(allNotes(result)).toHaveLength(100_000);
    expect(allNotes(result)[99_999]?.cards[0]).toEqual({ ord: 0, front: 'front 99999', back: 'back 99999' });
    expect(new Set(allNotes(result).map((n) => n.id)).size).toBe(100_000);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a 5 MB single field does not crash', async () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const result = await read('huge.csv', `small,"${huge}"\nnext,row\n`);
    expect(allNotes(result)).toHaveLength(2);
    expect(allNotes(result)[0]?.cards[0]?.back.length).toBe(huge.length);
  });

  it('many bad rows give a bounded warning list with a count', async () => {
    const rows = ['a\tb'];
    for (let k = 0; k < 1000; k++) rows.push('only-one-field');
    const result = await read('bad.tsv', rows.join('\n'));
    expect(result.warnings).toHaveLength(201);
    expect(result.warnings.at(-1)?.message).toMatch(/^800 more like .* \(1000 in all\)$/);
  });

  it('a file with no usable row is an error that says why', async () => {
    const error = await importError('one.csv', 'just one column\nand another\n');
    expect(error.message).toMatch(/^one\.csv:1: no separator found/);
    const tooFew = await importError('t.tsv', '\tonly back\n\talso\n');
    expect(tooFew.message).toBe(
      't.tsv: no row could be imported (separator tab ("\\t"), 2 columns): t.tsv:1: the front (first field) is empty; row skipped; t.tsv:2: the front (first field) is empty; row skipped',
    );
    const headerOnly = await importError('h.csv', '#separator:Comma\n#html:false\n');
    expect(headerOnly.message).toBe('h.csv: has no rows to import (only header or comment lines)');
  });
});
