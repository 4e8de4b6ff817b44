/**
 * The bad-input table: every case is an ImportError whose message names the file and the
 * line, row or zip entry — and nothing is returned.
 */
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/import/model';
import { crc32, DEFAULT_ZIP_LIMITS, ZipReader } from '../../src/import/zip';
import { buildPackage, type PackageSpec, zstd } from './anki-builder';
import { ankiFixture, importError, sql, utf8 } from './helpers';

/** Deterministic "random" bytes. */
function garbage(length: number, seed = 7): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed;
  for (let k = 0; k < length; k++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[k] = x >>> 24;
  }
  return out;
}

/** A zip whose entries have the given names (fflate writes any name it is given). */
function zipWithNames(...names: string[]): Uint8Array {
  return zipSync(Object.fromEntries(names.map((n) => [n, utf8('x')])));
}

const SMALL_SPEC: PackageSpec = {
  layout: 'anki21b',
  crt: 1_700_000_000,
  notetypes: [
    { id: 1, name: 'Basic', fields: ['Front', 'Back'], templates: [{ name: 'Card 1', q: '{{Front}}', a: '{{Back}}' }] },
  ],
  decks: [{ id: 1, name: 'Default' }],
  notes: [{ id: 1, guid: 'g', mid: 1, fields: ['f', 'b'] }],
  cards: [{ id: 1, nid: 1, did: 1, ord: 0 }],
};

async function sqliteBytes(setup: string): Promise<Uint8Array> {
  const SQL = await sql();
  const db = new SQL.Database();
  db.run(setup);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('bad input', { timeout: 60_000 }, () => {
  const cases: Array<[string, () => Promise<[string, Uint8Array]> | [string, Uint8Array], RegExp]> = [
    ['empty .csv', () => ['empty.csv', new Uint8Array(0)], /^empty\.csv: the file is empty$/],
    ['empty .apkg', () => ['empty.apkg', new Uint8Array(0)], /^empty\.apkg: the file is empty$/],
    ['blank .md', () => ['blank.md', utf8('\n \n')], /^blank\.md: the file is empty \(only blank lines\)$/],
    [
      'binary garbage as .csv',
      () => ['noise.csv', garbage(4096)],
      /^noise\.csv: not valid UTF-8 text \(bad byte 0x[0-9a-f]{2} at byte offset \d+\)/,
    ],
    [
      'binary garbage as .apkg',
      () => ['noise.apkg', garbage(4096)],
      /^noise\.apkg: is not an Anki package \(Anki packages are zip archives/,
    ],
    ['NUL bytes in text', () => ['nul.txt', utf8('a\tb\u0000c\n')], /^nul\.txt: holds a NUL character .* binary file/],
    [
      'invalid UTF-8',
      () => ['latin1.csv', new Uint8Array([...utf8('caf'), 0xe9, ...utf8(',coffee\n')])],
      /^latin1\.csv: not valid UTF-8 text \(bad byte 0xe9 at byte offset 3\)/,
    ],
    ['unknown extension', () => ['deck.pdf', utf8('a,b\n')], /^deck\.pdf: unsupported file type "\.pdf"/],
    ['no extension', () => ['README', utf8('a,b\n')], /^README: unsupported file type \(no extension\)/],
    [
      'zip named .csv',
      () => ['deck.csv', ankiFixture('update1.apkg')],
      /^deck\.csv: the file looks like a zip archive \(an Anki package\) but is named \.csv/,
    ],
    [
      'JSON named .md',
      () => ['deck.md', utf8('{"format":1}')],
      /^deck\.md: the file looks like a JSON deck but is named \.md; rename it to \.json/,
    ],
    [
      'JSON named .txt',
      () => ['deck.txt', utf8('{"format":1,"id":"x"}')],
      /^deck\.txt: the file looks like a JSON deck but is named \.txt/,
    ],
    [
      'Markdown deck named .csv',
      () => ['deck.csv', utf8('---\nformat: 1\nid: x\nname: X\n---\n')],
      /^deck\.csv: the file looks like a Markdown deck but is named \.csv/,
    ],
    [
      'Markdown deck named .json',
      () => ['deck.json', utf8('---\nformat: 1\n---\n')],
      /^deck\.json: the file looks like a Markdown deck but is named \.json/,
    ],
    ['text named .apkg', () => ['deck.apkg', utf8('front,back\n')], /^deck\.apkg: is not an Anki package/],
    [
      'bare SQLite named .apkg',
      async () => ['collection.apkg', await sqliteBytes('create table t (x)')],
      /^collection\.apkg: is a bare SQLite file/,
    ],
    [
      'bare SQLite named .csv',
      async () => ['collection.csv', await sqliteBytes('create table t (x)')],
      /^collection\.csv: the file looks like an SQLite database \(an Anki collection file\) but is named \.csv; rename it to \.anki2/,
    ],
    ['text named .anki2', () => ['collection.anki2', utf8('front,back\n')], /^collection\.anki2: is not an Anki collection file/],
    [
      'non-Anki SQLite named .anki2',
      async () => ['collection.anki2', await sqliteBytes('create table t (x)')],
      /^collection\.anki2: not an Anki collection \(the SQLite file has no "col" table\)/,
    ],
    [
      'truncated zip',
      () => {
        const whole = ankiFixture('update1.apkg');
        return ['cut.apkg', whole.subarray(0, Math.floor(whole.length / 2))];
      },
      /^cut\.apkg: the zip archive is truncated or damaged/,
    ],
    [
      'zip entry whose local header is gone',
      () => {
        const broken = ankiFixture('media.apkg').slice();
        // The directory still points at the media list, but its local header is gone.
        const entry = new ZipReader(broken, 'holes.apkg').entries.get('media')!;
        broken.fill(0, entry.localOffset, entry.localOffset + 4);
        return ['holes.apkg', broken];
      },
      /^holes\.apkg:media: entry is missing or damaged \(no local header/,
    ],
    [
      'zip slip ../',
      () => ['slip.apkg', zipWithNames('collection.anki2', '../evil.txt')],
      /^slip\.apkg:"\.\.\/evil\.txt": entry climbs out of the archive/,
    ],
    [
      'zip slip nested ..',
      () => ['slip.apkg', zipWithNames('a/../../evil.txt')],
      /^slip\.apkg:"a\/\.\.\/\.\.\/evil\.txt": entry climbs out/,
    ],
    [
      'zip slip absolute',
      () => ['slip.apkg', zipWithNames('/etc/passwd')],
      /^slip\.apkg:"\/etc\/passwd": entry has an absolute path/,
    ],
    ['zip slip drive letter', () => ['slip.apkg', zipWithNames('C:/x')], /^slip\.apkg:"C:\/x": entry has an absolute path/],
    ['zip slip backslash', () => ['slip.apkg', zipWithNames('a\\b')], /^slip\.apkg:"a\\\\b": entry uses a backslash/],
    [
      'zip slip control character',
      () => ['slip.apkg', zipWithNames('a\u0001b')],
      /^slip\.apkg:"a\\u0001b": entry has a control character/,
    ],
    [
      'zip without a collection',
      () => ['other.apkg', zipWithNames('readme.txt')],
      /^other\.apkg: not an Anki package \(no collection\.anki21b, collection\.anki21 or collection\.anki2 inside\)$/,
    ],
    [
      'corrupt SQLite',
      () => [
        'corrupt.apkg',
        zipSync({ 'collection.anki2': new Uint8Array([...utf8('SQLite format 3\u0000'), ...garbage(8192)]), media: utf8('{}') }),
      ],
      /^corrupt\.apkg:collection\.anki2: (not a readable SQLite database|the collection could not be read)/,
    ],
    [
      'collection that is not SQLite',
      () => ['junk.apkg', zipSync({ 'collection.anki2': garbage(1000) })],
      /^junk\.apkg:collection\.anki2: the collection is not an SQLite database/,
    ],
    [
      'non-Anki SQLite',
      async () => ['other.apkg', zipSync({ 'collection.anki2': await sqliteBytes('create table people (name text)') })],
      /^other\.apkg:collection\.anki2: not an Anki collection \(the SQLite file has no "col" table\)$/,
    ],
    [
      'broken zstd collection',
      async () => {
        const files = unzipSync(await buildPackage(SMALL_SPEC));
        const col = files['collection.anki21b']!;
        files['collection.anki21b'] = col.subarray(0, col.length - 40);
        return ['broken.apkg', zipSync(files, { level: 0 })];
      },
      /^broken\.apkg:collection\.anki21b: zstd data (ends too early|is damaged)/,
    ],
    [
      'anki21b collection that is not zstd',
      async () => {
        const files = unzipSync(await buildPackage(SMALL_SPEC));
        files['collection.anki21b'] = garbage(100);
        return ['plain.apkg', zipSync(files)];
      },
      /^plain\.apkg:collection\.anki21b: entry should be zstd-compressed but is not/,
    ],
    [
      'damaged media list',
      async () => {
        const files = unzipSync(await buildPackage(SMALL_SPEC));
        files.media = await zstd(new Uint8Array([0x0a, 0x50, 0x01]));
        return ['media.apkg', zipSync(files)];
      },
      /^media\.apkg:media: the media list is damaged/,
    ],
    [
      'legacy media list that is not JSON',
      () => {
        const files = unzipSync(ankiFixture('media.apkg'));
        files.media = utf8('{"0": ');
        return ['media.apkg', zipSync(files)];
      },
      /^media\.apkg:media: the media list is not valid JSON$/,
    ],
  ];

  it.each(cases)('%s', async (_name, make, expected) => {
    const [fileName, bytes] = await make();
    const error = await importError(fileName, bytes);
    expect(error.message).toMatch(expected);
    expect(error.message.startsWith(`${fileName}`)).toBe(true);
  });
});

describe('zip limits, judged while inflating', { timeout: 60_000 }, () => {
  it('documents the default limits', () => {
    expect(DEFAULT_ZIP_LIMITS).toEqual({ maxEntries: 50_000, maxEntryBytes: 1024 ** 3, maxTotalBytes: 2 * 1024 ** 3 });
  });

  it('too many entries (injected limit)', async () => {
    const names = Array.from({ length: 11 }, (_, k) => `f${k}`);
    const error = await importError('many.apkg', zipWithNames('collection.anki2', ...names), { limits: { maxEntries: 10 } });
    expect(error.message).toBe('many.apkg: the archive has 12 entries; at most 10 are allowed (a possible zip bomb)');
  });

  it('too many entries (the default 50,000)', async () => {
    const names = Array.from({ length: 50_001 }, (_, k) => String(k));
    const error = await importError('many.apkg', zipWithNames(...names));
    expect(error.message).toBe('many.apkg: the archive has 50001 entries; at most 50000 are allowed (a possible zip bomb)');
  });

  it('one entry that inflates past the per-entry limit stops while inflating', async () => {
    const bomb = zipSync({ 'collection.anki2': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = await importError('bomb.apkg', bomb, { limits: { maxEntryBytes: 1024 * 1024 } });
    expect(error.message).toBe(
      'bomb.apkg:collection.anki2: entry decompresses to more than 1 MiB (limit per entry); refusing a possible zip bomb',
    );
  });

  it('declared sizes are not trusted: a lying directory is caught by the real byte count', () => {
    const bomb = zipSync({ big: new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    // Rewrite the declared uncompressed size (local header offset 22, directory offset 24) to 100 bytes.
    const view = new DataView(bomb.buffer);
    view.setUint32(22, 100, true);
    let dir = bomb.length - 22;
    while (view.getUint32(dir, true) !== 0x06054b50) dir--;
    const cd = view.getUint32(dir + 16, true);
    view.setUint32(cd + 24, 100, true);
    const zip = new ZipReader(bomb, 'liar.apkg', { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 1024 * 1024 });
    expect(zip.entries.get('big')?.declaredSize).toBe(100);
    expect(() => zip.read('big')).toThrow(
      new ImportError('liar.apkg:big', 'entry decompresses to more than 1 MiB (limit per entry); refusing a possible zip bomb'),
    );
    const lenient = new ZipReader(bomb, 'liar.apkg');
    expect(() => lenient.read('big')).toThrow(/liar\.apkg:big: entry is damaged \(its checksum or size does not match/);
  });

  it('the total limit counts every entry, zstd output included', async () => {
    const pkg = await buildPackage({ ...SMALL_SPEC, media: [{ name: 'a.png', data: new Uint8Array(600 * 1024) }] });
    const error = await importError('total.apkg', pkg, { limits: { maxTotalBytes: 256 * 1024 } });
    expect(error.message).toMatch(/^total\.apkg:[^:]+: archive decompresses to more than 256 KiB in all \(limit\)/);
  });

  it('a zstd bomb inside a stored entry stops at the per-entry limit', async () => {
    const files = unzipSync(await buildPackage(SMALL_SPEC));
    files['0'] = await zstd(new Uint8Array(4 * 1024 * 1024));
    files.media = await zstd(new Uint8Array([0x0a, 0x07, 0x0a, 0x05, ...utf8('a.png')]));
    const error = await importError('zbomb.apkg', zipSync(files, { level: 0 }), { limits: { maxEntryBytes: 1024 * 1024 } });
    expect(error.message).toBe(
      'zbomb.apkg:0: entry decompresses to more than 1 MiB (limit per entry); refusing a possible zip bomb',
    );
  });

  it('reads entries and checks their CRC', () => {
    const zip = new ZipReader(ankiFixture('media.apkg'), 'media.apkg');
    expect([...zip.entries.keys()].sort()).toEqual(['0', 'collection.anki2', 'media']);
    const data = zip.read('0');
    expect(crc32(data)).toBe(zip.entries.get('0')?.crc);
  });
});
