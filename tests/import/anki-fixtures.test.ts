/** The real packages written by Anki (tests/fixtures/anki, see its README). */
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/import/model';
import { ankiFixture, read } from './helpers';

function onlyNote(result: ImportResult) {
  expect(result.decks).toHaveLength(1);
  const notes = result.decks[0]?.notes ?? [];
  expect(notes).toHaveLength(1);
  return notes[0]!;
}

describe('real Anki packages', { timeout: 60_000 }, () => {
  it('update1.apkg: one Basic note "hello" / "world" in the Default deck', async () => {
    const result = await read('update1.apkg', ankiFixture('update1.apkg'));
    expect(result.format).toBe('apkg');
    expect(result.fileName).toBe('update1.apkg');
    expect(result.decks[0]).toMatchObject({ id: 'default', name: 'Default' });
    const note = onlyNote(result);
    expect(note.id).toBe('anki:cU1%zNUzk1');
    expect(note.kind).toBe('basic');
    expect(note.fields).toEqual({ Front: 'hello', Back: 'world' });
    expect(note.cards).toEqual([{ ord: 0, front: 'hello', back: 'world' }]);
    expect(result.media).toEqual([]);
    expect(result.scheduling).toEqual([]);
    expect(result.reviews).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('update2.apkg after update1.apkg: the same note and card ids, the new front, a new hash', async () => {
    const first = onlyNote(await read('update1.apkg', ankiFixture('update1.apkg')));
    const second = onlyNote(await read('update2.apkg', ankiFixture('update2.apkg')));
    expect(second.id).toBe(first.id);
    expect(second.cards.map((c) => c.ord)).toEqual(first.cards.map((c) => c.ord));
    expect(second.cards[0]).toEqual({ ord: 0, front: 'goodbye', back: 'world' });
    expect(second.hash).not.toBe(first.hash);
  });

  it('media.apkg: the sound file is kept as media and the card says audio is not supported', async () => {
    const result = await read('media.apkg', ankiFixture('media.apkg'));
    const note = onlyNote(result);
    expect(result.media).toHaveLength(1);
    expect(result.media[0]).toMatchObject({ name: 'foo.wav', mime: 'audio/wav' });
    expect(result.media[0]?.data.byteLength).toBe(4);
    expect(note.cards[0]?.front).toBe('<span class="audio-unsupported">[audio: foo.wav]</span>');
    expect(note.cards[0]?.front).not.toContain('[sound:');
    expect(result.warnings.some((w) => /audio \[sound:foo\.wav\] is not playable/.test(w.message))).toBe(true);
  });

  it('diffmodels2-1.apkg: one Basic card "front" / "back"', async () => {
    const note = onlyNote(await read('diffmodels2-1.apkg', ankiFixture('diffmodels2-1.apkg')));
    expect(note.cards).toEqual([{ ord: 0, front: 'front', back: 'back' }]);
    expect(note.id).toBe('anki:MGCsE3z^Er');
  });

  it('reads a legacy package renamed .colpkg as a collection package', async () => {
    const result = await read('backup.colpkg', ankiFixture('update1.apkg'));
    expect(result.format).toBe('colpkg');
    expect(onlyNote(result).cards[0]?.front).toBe('hello');
  });

  it('reports progress', async () => {
    const stages: string[] = [];
    const { readImport } = await import('../../src/import/read');
    const { sql } = await import('./helpers');
    await readImport('update1.apkg', ankiFixture('update1.apkg'), { sql }, (_d, _t, stage) => stages.push(stage));
    expect(stages).toContain('unzip');
    expect(stages.at(-1)).toBe('done');
  });
});
