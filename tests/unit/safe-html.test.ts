/**
 * Sanitised HTML is a type: storage takes card HTML only as SafeHtml, and only two places in the
 * app make it. The `@ts-expect-error` lines are checked by `tsc -b` in `npm test`: if a plain
 * string were ever accepted, the directive itself would be an error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SafeDeck, SafeHtml, SafeNote } from '../../src/domain/safe-html';
import type { AppDatabase, NoteRow } from '../../src/storage/db';
import { addNote } from '../../src/storage/notes';
import { writeDecks } from '../../src/storage/write-decks';

const ROOT = resolve(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('SafeHtml', () => {
  it('a plain string does not type-check where storage wants card HTML', () => {
    const raw = { ord: 0, front: '<img src=x onerror=alert(1)>', back: '' };
    const row = (cards: NoteRow['cards']) => cards;
    // @ts-expect-error: raw HTML is not SafeHtml
    row([raw]);
    const write = (db: AppDatabase, decks: SafeDeck[]) => writeDecks(db, decks, 'user');
    const unsafeDeck = {
      id: 'd',
      name: 'D',
      description: '',
      notes: [{ id: 'n', kind: 'basic' as const, tags: [], fields: {}, cards: [raw], hash: 'h' }],
    };
    // @ts-expect-error: a deck whose cards hold raw HTML cannot be written
    const refused = () => write({} as AppDatabase, [unsafeDeck]);
    const add = (db: AppDatabase, note: SafeNote) => addNote(db, 'd', note);
    // @ts-expect-error: nor can such a note be added
    const refusedNote = () => add({} as AppDatabase, unsafeDeck.notes[0]);
    expect([typeof refused, typeof refusedNote]).toEqual(['function', 'function']);
  });

  it('only the sanitiser and the built-in decks make it', () => {
    const makers = sources(join(ROOT, 'src'))
      .filter((file) => /\bas (unknown as )?Safe(Html|Deck|Note)\b|as SafeDeck\[\]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file))
      .sort();
    expect(makers).toEqual(['src/storage/builtin-decks/upgrade.ts', 'src/ui/sanitize.ts']);
  });

  it('is a string at run time (no cost)', () => {
    const html = '<p>x</p>' as SafeHtml;
    expect(html.length).toBe(8);
  });
});
