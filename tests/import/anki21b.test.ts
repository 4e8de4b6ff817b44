/**
 * Modern packages (collection.anki21b: zstd SQLite schema 18, protobuf meta and media list),
 * built inside the test, plus the scheduling conversion for both layouts.
 */
import { describe, expect, it } from 'vitest';
import { Queue, State } from '../../src/domain/scheduling/scheduler';
import { DAY, HOUR, MINUTE } from '../../src/domain/scheduling/time';
import type { ImportResult } from '../../src/import/model';
import { buildCollection, buildPackage, type PackageSpec, zstd } from './anki-builder';
import { importError, read, sql } from './helpers';

const CRT = Date.UTC(2024, 0, 1, 4) / 1000; // collection created at the 04:00 rollover, UTC
const T = (month: number, day: number, hour = 10, minute = 0) => Date.UTC(2024, month - 1, day, hour, minute);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 9, 9]);

const BASIC = {
  id: 100,
  name: 'Basic',
  fields: ['Front', 'Back'],
  templates: [{ name: 'Card 1', q: '{{Front}}', a: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }],
};
const REVERSED = {
  id: 101,
  name: 'Basic (and reversed card)',
  fields: ['Front', 'Back'],
  templates: [
    { name: 'Card 1', q: '{{Front}}', a: '{{FrontSide}}<hr id=answer>{{Back}}' },
    { name: 'Card 2', q: '{{Back}}', a: '{{FrontSide}}<hr id=answer>{{Front}}' },
  ],
};
const CLOZE = {
  id: 102,
  name: 'Cloze',
  cloze: true,
  fields: ['Text', 'Back Extra'],
  templates: [{ name: 'Cloze', q: '{{cloze:Text}}', a: '{{cloze:Text}}<br>\n{{Back Extra}}' }],
};
const FANCY = {
  id: 103,
  name: 'Fancy',
  fields: ['Word', 'Meaning', 'Notes', 'Reading'],
  templates: [
    {
      name: 'Recognise',
      q: '<script>alert(1)</script>{{Word}}{{#Notes}}<i>has notes</i>{{/Notes}}{{^Reading}}<b>no reading</b>{{/Reading}} {{type:Meaning}} {{sparkle:Word}}',
      a: '{{Word}}<hr id="answer">{{type:Meaning}} {{hint:Notes}} {{text:Notes}} {{furigana:Reading}} {{Tags}} [{{Card}}] {{Deck}}',
    },
  ],
};

function spec(overrides: Partial<PackageSpec> = {}): PackageSpec {
  return {
    layout: 'anki21b',
    crt: CRT,
    notetypes: [BASIC, REVERSED, CLOZE, FANCY],
    decks: [
      { id: 1, name: 'Default' },
      { id: 200, name: 'Languages::French', description: '<b>Mots</b> &amp; phrases' },
    ],
    notes: [
      {
        id: 1000,
        guid: 'basicGuid',
        mid: 100,
        tags: ' vocab  fr ',
        fields: ['bonjour <img src="sun.png">', 'hello [sound:hello.mp3]'],
      },
      { id: 1001, guid: 'revGuid', mid: 101, fields: ['chat', 'cat'] },
      { id: 1002, guid: 'clozeGuid', mid: 102, fields: ['{{c1::Paris}} is the capital of {{c2::France::country}}', 'Europe'] },
      { id: 1003, guid: 'fancyGuid', mid: 103, tags: 'kanji', fields: ['日本', 'Japan', '<b>a</b> note', '日本[にほん]'] },
      { id: 1004, guid: 'newGuid', mid: 100, fields: ['new front', 'new back'] },
    ],
    cards: [
      // Reviewed, FSRS memory state in data, due 100 days after crt.
      {
        id: 5000,
        nid: 1000,
        did: 200,
        ord: 0,
        type: 2,
        queue: 2,
        due: 100,
        ivl: 20,
        factor: 2500,
        reps: 3,
        lapses: 0,
        data: '{"s":25.5,"d":4.25,"lrt":1704448800}',
      },
      // Intraday learning: due in epoch seconds.
      {
        id: 5001,
        nid: 1001,
        did: 200,
        ord: 0,
        type: 1,
        queue: 1,
        due: T(4, 10, 12) / 1000,
        ivl: 0,
        reps: 1,
        data: '{"s":2.3,"d":5.1}',
      },
      // Suspended review card with no FSRS data (SM-2): stability from the interval.
      { id: 5002, nid: 1001, did: 200, ord: 1, type: 2, queue: -1, due: 50, ivl: 12, factor: 2300, reps: 5, lapses: 1 },
      { id: 5003, nid: 1002, did: 1, ord: 0, type: 0, queue: 0, due: 7 },
      { id: 5004, nid: 1002, did: 1, ord: 1, type: 0, queue: 0, due: 8 },
      { id: 5005, nid: 1003, did: 1, ord: 0, type: 0, queue: 0, due: 3 },
      { id: 5006, nid: 1004, did: 1, ord: 0, type: 0, queue: 0, due: 1 },
    ],
    revlog: [
      { id: T(1, 5, 10), cid: 5000, ease: 3, ivl: -600, time: 8000, type: 0 },
      { id: T(1, 5, 10, 10), cid: 5000, ease: 4, ivl: 4, time: 4000, type: 0 },
      { id: T(1, 9, 10), cid: 5000, ease: 1, ivl: -600, time: 12000, type: 1 },
      { id: T(1, 9, 10, 10), cid: 5000, ease: 3, ivl: 20, time: 3000, type: 2 },
      { id: T(1, 20, 10), cid: 5000, ease: 0, ivl: 30, time: 0, type: 4 }, // manual reschedule: not an answer
      { id: T(2, 1, 10), cid: 9999, ease: 3, ivl: 5, time: 1000, type: 1 }, // a card that is not in the package
    ],
    media: [
      { name: 'sun.png', data: PNG },
      { name: 'hello.mp3', data: MP3 },
    ],
    ...overrides,
  };
}

async function importSpec(s: PackageSpec, fileName = 'modern.apkg'): Promise<ImportResult> {
  return read(fileName, await buildPackage(s));
}

function note(result: ImportResult, id: string) {
  for (const deck of result.decks) {
    const found = deck.notes.find((n) => n.id === id);
    if (found) return { deck, note: found };
  }
  throw new Error(`no note ${id}`);
}

describe('collection.anki21b packages', { timeout: 60_000 }, () => {
  it('reads decks, note types from protobuf blobs, and zstd media', async () => {
    const dummy = await buildPackage({
      ...spec({ layout: 'anki2' }),
      notes: [{ id: 1, guid: 'stub', mid: 100, fields: ['Please update Anki', ''] }],
      cards: [{ id: 1, nid: 1, did: 1, ord: 0 }],
      revlog: [],
      media: [],
    });
    const { unzipSync } = await import('fflate');
    const result = await importSpec(spec({ extra: { 'collection.anki2': unzipSync(dummy)['collection.anki2']! } }));
    expect(result.decks.map((d) => [d.id, d.name, d.description])).toEqual([
      ['default', 'Default', ''],
      ['languages.french', 'Languages::French', 'Mots & phrases'],
    ]);
    // The stub collection.anki2 of modern packages is ignored.
    expect(JSON.stringify(result.decks)).not.toContain('Please update');
    expect(result.media.map((m) => [m.name, m.mime, [...m.data]])).toEqual([
      ['sun.png', 'image/png', [...PNG]],
      ['hello.mp3', 'audio/mpeg', [...MP3]],
    ]);
  });

  it('renders templates: FrontSide, hr#answer, sections, filters, images kept, audio replaced', async () => {
    const result = await importSpec(spec());
    const basic = note(result, 'anki:basicGuid');
    expect(basic.deck.id).toBe('languages.french');
    expect(basic.note.tags).toEqual(['vocab', 'fr']);
    expect(basic.note.fields).toEqual({ Front: 'bonjour <img src="sun.png">', Back: 'hello [sound:hello.mp3]' });
    expect(basic.note.cards).toEqual([
      { ord: 0, front: 'bonjour <img src="sun.png">', back: 'hello <span class="audio-unsupported">[audio: hello.mp3]</span>' },
    ]);

    const reversed = note(result, 'anki:revGuid').note;
    expect(reversed.cards).toEqual([
      { ord: 0, front: 'chat', back: 'cat' },
      { ord: 1, front: 'cat', back: 'chat' },
    ]);

    const fancy = note(result, 'anki:fancyGuid').note.cards[0]!;
    expect(fancy.front).not.toContain('script');
    expect(fancy.front).toContain('日本<i>has notes</i>');
    expect(fancy.front).not.toContain('no reading');
    expect(fancy.front).not.toContain('Japan');
    expect(fancy.back).toContain('<div class="type-answer">Japan</div>');
    expect(fancy.back).toContain('<details class="hint"><summary>Notes</summary><b>a</b> note</details>');
    expect(fancy.back).toContain(' a note ');
    expect(fancy.back).toContain('<ruby><rb>日本</rb><rt>にほん</rt></ruby>');
    expect(fancy.back).toContain('kanji [Recognise] Default');
    expect(fancy.back).not.toContain('日本<hr');

    const messages = result.warnings.map((w) => w.message).join('\n');
    expect(messages).toMatch(/JavaScript.*never run/);
    expect(messages).toMatch(/type-in answers/);
    expect(messages).toMatch(/filter "sparkle" is not supported/);
    expect(messages).toMatch(/audio \[sound:hello\.mp3\]/);
  });

  it('renders one card per cloze number, the cloze number as ord', async () => {
    const result = await importSpec(spec());
    const cloze = note(result, 'anki:clozeGuid').note;
    expect(cloze.kind).toBe('cloze');
    expect(cloze.cards).toEqual([
      {
        ord: 1,
        front: '<span class="cloze">[...]</span> is the capital of France',
        back: '<span class="cloze">Paris</span> is the capital of France<br>\nEurope',
      },
      {
        ord: 2,
        front: 'Paris is the capital of <span class="cloze">[country]</span>',
        back: 'Paris is the capital of <span class="cloze">France</span><br>\nEurope',
      },
    ]);
  });

  it('orders notes by their new-card position', async () => {
    const result = await importSpec(spec());
    const defaultDeck = result.decks.find((d) => d.id === 'default')!;
    expect(defaultDeck.notes.map((n) => n.id)).toEqual(['anki:newGuid', 'anki:fancyGuid', 'anki:clozeGuid']);
  });

  it('keeps FSRS state, due dates and review history of studied cards; new cards get none', async () => {
    const result = await importSpec(spec());
    const byCard = new Map(result.scheduling.map((s) => [s.cardId, s.state]));
    expect([...byCard.keys()].sort()).toEqual(['anki:basicGuid#0', 'anki:revGuid#0', 'anki:revGuid#1']);

    const review = byCard.get('anki:basicGuid#0')!;
    expect(review).toMatchObject({
      queue: Queue.Review,
      state: State.Review,
      stability: 25.5,
      difficulty: 4.25,
      reps: 3,
      lapses: 0,
      scheduledDays: 20,
    });
    expect(review.due).toBe(CRT * 1000 + 100 * DAY);
    expect(review.lastReview).toBe(1704448800 * 1000);

    const learning = byCard.get('anki:revGuid#0')!;
    expect(learning).toMatchObject({
      queue: Queue.Learning,
      state: State.Learning,
      stability: 2.3,
      difficulty: 5.1,
      due: T(4, 10, 12),
    });

    const suspended = byCard.get('anki:revGuid#1')!;
    expect(suspended).toMatchObject({ queue: Queue.Suspended, state: State.Review, stability: 12, lapses: 1 });
    expect(suspended.difficulty).toBeCloseTo(11 - (2.3 - 1) / 0.2);
    expect(suspended.due).toBe(CRT * 1000 + 50 * DAY);
    expect(result.warnings.some((w) => /1 studied card has no FSRS memory state/.test(w.message))).toBe(true);

    expect(result.reviews.map((r) => r.cardId)).toEqual(Array(4).fill('anki:basicGuid#0'));
    const [first, second, lapse, relearn] = result.reviews;
    expect(first).toMatchObject({
      durationMs: 8000,
      entry: { rating: 3, state: State.New, review: T(1, 5, 10), due: T(1, 5, 10) + 10 * MINUTE },
    });
    expect(second).toMatchObject({ durationMs: 4000, entry: { rating: 4, state: State.Learning, scheduledDays: 4 } });
    expect(second?.entry.due).toBe(Date.UTC(2024, 0, 9, 4));
    expect(second?.entry.studyDay).toBe(Math.floor((T(1, 5, 10) - 4 * HOUR) / DAY));
    expect(lapse).toMatchObject({ entry: { rating: 1, state: State.Review, elapsedDays: 4 } });
    expect(relearn).toMatchObject({ entry: { rating: 3, state: State.Relearning, lastElapsedDays: 4 } });
  });

  it('reads the same collection in the legacy layout (collection.anki2, JSON note types, JSON media map)', async () => {
    const modern = await importSpec(spec());
    const legacy = await importSpec(spec({ layout: 'anki2' }), 'legacy.apkg');
    expect(legacy.decks).toEqual(modern.decks);
    expect(legacy.scheduling).toEqual(modern.scheduling);
    expect(legacy.reviews).toEqual(modern.reviews);
    expect(legacy.media).toEqual(modern.media);
  });

  it('reads a collection saved in WAL mode', async () => {
    const { unzipSync, zipSync } = await import('fflate');
    const files = unzipSync(await buildPackage(spec({ layout: 'anki2' })));
    const col = files['collection.anki2']!;
    col[18] = 2;
    col[19] = 2;
    const result = await read('wal.apkg', zipSync(files));
    expect(result.decks.flatMap((d) => d.notes)).toHaveLength(5);
  });

  it('maps the v1 scheduler three-button learning answers', async () => {
    const result = await importSpec(spec({ layout: 'anki2', schedVer: 1 }));
    expect(result.reviews.map((r) => r.entry.rating)).toEqual([4, 4, 1, 4]);
  });

  it('skips unusable media names and reports missing media files', async () => {
    const s = spec();
    s.media = [
      { name: 'ok.png', data: PNG },
      { name: '../evil.png', data: PNG },
      { name: 'dir/x.png', data: PNG },
    ];
    const pkg = await buildPackage(s);
    const { unzipSync, zipSync } = await import('fflate');
    const files = unzipSync(pkg);
    delete files['0'];
    const result = await read('modern.apkg', zipSync(files));
    expect(result.media).toEqual([]);
    const messages = result.warnings.map((w) => `${w.where} ${w.message}`).join('\n');
    expect(messages).toContain('modern.apkg:0 media file "ok.png" is listed but missing');
    expect(messages).toMatch(/"\.\.\/evil\.png" climbs out/);
    expect(messages).toMatch(/"dir\/x\.png" has a folder/);
  });

  it('typesets MathJax formulas with KaTeX, cloze inside math included; a broken formula stays as written', async () => {
    const s = spec();
    s.notes.push({
      id: 1006,
      guid: 'mathGuid',
      mid: 100,
      fields: ['Area: \\(\\pi r^2\\) and \\[a &lt; b\\]', 'bad: \\(\\frac{1\\)'],
    });
    s.cards.push({ id: 5008, nid: 1006, did: 1, ord: 0 });
    s.notes.push({ id: 1007, guid: 'mathCloze', mid: 102, fields: ['\\(E = {{c1::mc^2}}\\)', ''] });
    s.cards.push({ id: 5009, nid: 1007, did: 1, ord: 0 });
    const result = await importSpec(s);
    const card = note(result, 'anki:mathGuid').note.cards[0]!;
    expect(card.front).toMatch(/^Area: <span class="katex">.*<\/span> and <span class="katex-display">/);
    expect(card.front).toContain('<mo>&lt;</mo>');
    expect(card.back).toBe('bad: \\(\\frac{1\\)');
    expect(
      result.warnings.some((w) => w.where === 'note 1006' && w.message.startsWith('formula "\\\\frac{1" does not render')),
    ).toBe(true);
    const cloze = note(result, 'anki:mathCloze').note.cards[0]!;
    expect(cloze.front).toContain('class="katex"');
    expect(cloze.back).toContain('<mi>m</mi><msup><mi>c</mi><mn>2</mn></msup>');
  });

  it('reports a template that cannot be parsed and skips its cards', async () => {
    const broken = {
      id: 104,
      name: 'Broken',
      fields: ['Front', 'Back'],
      templates: [{ name: 'Card 1', q: '{{#Front}}{{Front}}', a: '{{Back}}' }],
    };
    const s = spec({ notetypes: [BASIC, REVERSED, CLOZE, FANCY, broken] });
    s.notes.push({ id: 1005, guid: 'brokenGuid', mid: 104, fields: ['x', 'y'] });
    s.cards.push({ id: 5007, nid: 1005, did: 1, ord: 0 });
    const result = await importSpec(s);
    expect(JSON.stringify(result.decks)).not.toContain('brokenGuid');
    expect(
      result.warnings.some((w) =>
        /template "Card 1" of note type "Broken" cannot be read \(\{\{#Front\}\} is never closed\)/.test(w.message),
      ),
    ).toBe(true);
  });

  it('a package with a newer version than the app knows is refused', async () => {
    const { unzipSync, zipSync } = await import('fflate');
    const files = unzipSync(await buildPackage(spec()));
    files.meta = new Uint8Array([0x08, 0x04]);
    const error = await importError('future.apkg', zipSync(files));
    expect(error.where).toBe('future.apkg:meta');
    expect(error.problem).toMatch(/newer than this app/);
  });

  it('a package whose collection has no cards is refused', async () => {
    const error = await importError('empty.apkg', await buildPackage(spec({ notes: [], cards: [], revlog: [] })));
    expect(error.message).toBe('empty.apkg:collection.anki21b: the collection has no cards to import');
  });
});

describe('defect: current Anki packages (anki21b) were refused', { timeout: 60_000 }, () => {
  const schemaOf = async (bytes: Uint8Array) => {
    const db = new (await sql()).Database(bytes);
    try {
      const rows = db.exec('select name, sql from sqlite_master where sql is not null')[0]?.values ?? [];
      return { entries: new Map(rows.map(([name, text]) => [String(name), String(text)])), db: db.export() };
    } finally {
      db.close();
    }
  };

  it("builds the collection with Anki's real schema 18, which sql.js alone cannot query", async () => {
    const bytes = await buildCollection(spec());
    const { entries } = await schemaOf(bytes);
    const unicase = [...entries].filter(([, text]) => /COLLATE unicase/.test(text)).map(([name]) => name);
    expect(unicase.sort()).toEqual(['deck_config', 'decks', 'fields', 'notetypes', 'tags', 'templates']);
    const withoutRowid = [...entries].filter(([, text]) => /WITHOUT ROWID/i.test(text)).map(([name]) => name);
    expect(withoutRowid.sort()).toEqual(['config', 'fields', 'graves', 'tags', 'templates']);
    expect(entries.has('sqlite_stat1')).toBe(true);
    expect(entries.has('sqlite_stat4')).toBe(true);
    expect(entries.get('idx_notetypes_name')).toMatch(/UNIQUE INDEX/);
    // What every real export did to the reader before: the plain sql.js connection fails.
    const raw = new (await sql()).Database(bytes);
    try {
      expect(() => raw.exec('select ntid, ord, name from fields')).toThrow(
        /no query solution|no such collation sequence: unicase/,
      );
      expect(raw.exec('select ver from col')[0]?.values).toEqual([[18]]);
    } finally {
      raw.close();
    }
  });

  it('reads names whose case folds outside ASCII (unicase) and leaves every row as it was', async () => {
    const result = await importSpec(
      spec({
        notetypes: [
          {
            ...BASIC,
            name: 'Größe ÄÖÜ',
            fields: ['Straße', 'ÉTÉ'],
            templates: [{ name: 'Karte Ä', q: '{{Straße}}', a: '{{FrontSide}}<hr id=answer>{{ÉTÉ}}' }],
          },
          REVERSED,
          CLOZE,
          FANCY,
        ],
        decks: [
          { id: 1, name: 'Default' },
          { id: 200, name: 'Übung::Ärger', description: 'çà' },
        ],
      }),
    );
    expect(result.decks.map((d) => d.name)).toEqual(['Default', 'Übung::Ärger']);
    const basic = note(result, 'anki:basicGuid').note.cards[0];
    expect(basic?.front).toContain('bonjour');
    expect(basic?.back).toContain('hello');
    expect(result.decks.flatMap((d) => d.notes)).toHaveLength(5);
    expect(result.reviews).toHaveLength(4);
  });

  it('never imports the "update Anki" stub collection.anki2 in place of an unreadable anki21b', async () => {
    const stub = await buildCollection({
      ...spec({ layout: 'anki2' }),
      notes: [{ id: 1, guid: 'stub', mid: 100, fields: ['Please update to the latest Anki version', ''] }],
      cards: [{ id: 1, nid: 1, did: 1, ord: 0 }],
      revlog: [],
    });
    const damaged = new Uint8Array(8192);
    damaged.set(new TextEncoder().encode('SQLite format 3\u0000'));
    damaged.fill(0xa5, 16);
    const { unzipSync, zipSync } = await import('fflate');
    const files = unzipSync(await buildPackage(spec({ extra: { 'collection.anki2': stub } })));
    files['collection.anki21b'] = await zstd(damaged);
    const error = await importError('damaged.apkg', zipSync(files));
    expect(error.message).toMatch(/^damaged\.apkg:collection\.anki21b: /);
    expect(error.message).not.toContain('Please update');
    // Without the anki21b entry, `meta` still says "latest": the stub is refused, not read.
    delete files['collection.anki21b'];
    expect((await importError('gone.apkg', zipSync(files))).message).toMatch(/has no collection\.anki21b/);
  });

  it("imports a bare collection file (the profile folder's collection.anki2, schema 18) like a .colpkg", async () => {
    const package_ = await importSpec(spec());
    const bare = await read('collection.anki2', await buildCollection(spec()));
    expect(bare.format).toBe('colpkg');
    expect(bare.decks).toEqual(package_.decks);
    expect(bare.scheduling).toEqual(package_.scheduling);
    expect(bare.reviews).toEqual(package_.reviews);
    expect(bare.media).toEqual([]);
    expect(bare.warnings.map((w) => w.message).join('\n')).toMatch(/a bare collection file holds no media/);
    const legacy = await read('old.anki21', await buildCollection(spec({ layout: 'anki2' })));
    expect(legacy.decks).toEqual(package_.decks);
  });
});
