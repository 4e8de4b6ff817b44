/**
 * Hostile packages beyond tests/import/bad-input.test.ts: media names that are unsafe once
 * exported (a Windows device name, a leading "-", 300 characters) are skipped with a warning naming
 * the entry; a zip bomb nested inside a media entry is never inflated; a refused bomb keeps no memory.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { unportableMediaName } from '../../src/import/anki/package';
import { buildPackage } from './anki-builder';
import { importError, read } from './helpers';

const NOTE = {
  layout: 'anki2' as const,
  crt: 1_700_000_000,
  notetypes: [
    { id: 1, name: 'Basic', fields: ['Front', 'Back'], templates: [{ name: 'Card 1', q: '{{Front}}', a: '{{Back}}' }] },
  ],
  decks: [{ id: 1, name: 'Media' }],
  notes: [{ id: 1, guid: 'g', mid: 1, fields: ['<img src="ok.png">', 'b'] }],
  cards: [{ id: 2, nid: 1, did: 1, ord: 0 }],
};

describe('hostile packages', () => {
  it.each([
    ['CON', 'is a reserved device name on Windows'],
    ['nul.txt', 'is a reserved device name on Windows'],
    ['--foo', 'starts with "-"'],
    [`${'x'.repeat(296)}.png`, 'is 300 characters long'],
  ])('media named %s is skipped with a warning naming its entry', async (name, why) => {
    const bytes = await buildPackage({
      ...NOTE,
      media: [
        { name: 'ok.png', data: new Uint8Array([1, 2, 3]) },
        { name, data: new Uint8Array([4]) },
      ],
    });
    const result = await read('names.apkg', bytes);
    expect(result.media.map((m) => m.name)).toEqual(['ok.png']);
    const warning = result.warnings.find((w) => w.message.includes(why));
    expect(warning?.where).toBe('names.apkg:1');
  });

  it('ordinary names pass', () => {
    for (const ok of ['console.png', 'con-game.jpg', 'a-b.png', 'x'.repeat(255)]) expect(unportableMediaName(ok)).toBeUndefined();
  });

  it('a zip bomb nested in a media entry is stored as the bytes it is, never inflated', async () => {
    const inner = zipSync({ 'huge.bin': new Uint8Array(16 * 1024 * 1024) }, { level: 9 });
    const bytes = await buildPackage({ ...NOTE, media: [{ name: 'ok.png', data: inner }] });
    const result = await read('nested.apkg', bytes);
    expect(result.media[0]?.data.length).toBe(inner.length);
  });

  it('a refused bomb leaves nothing behind in memory (heap and array buffers, before and after)', async () => {
    const limit = 32 * 1024 * 1024;
    const bomb = zipSync({ 'collection.anki2': new Uint8Array(256 * 1024 * 1024) }, { level: 1 });
    const used = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = used();
    const error = await importError('bomb.apkg', bomb, { limits: { maxEntryBytes: limit } });
    const grown = used() - before;
    expect(error.message).toContain('refusing a possible zip bomb');
    // The read is synchronous, so this measures what it kept, not its transient peak (which the
    // per-entry limit bounds by construction: inflation stops at the limit).
    expect(grown).toBeLessThan(limit);
    console.log(
      `zip bomb: 256 MiB in ${bomb.length} bytes, limit ${limit / 2 ** 20} MiB: memory kept ${(Math.max(0, grown) / 2 ** 20).toFixed(1)} MiB`,
    );
  }, 120_000);
});
