/**
 * The native Markdown deck format (docs/deck-format.md), read by the one parser the built-in
 * decks use, and written back (for the JSON ⇄ Markdown round trip and exports).
 */
import { type BundleDeck, toBundleDeck, toBundleNote } from '../domain/deck-format/bundle';
import { type DeckSource, DeckFormatError, type NoteSource } from '../domain/deck-format/model';
import { parseDeck } from '../domain/deck-format/parse';
import { ImportError } from './model';
import { errorMessage } from '../domain/errors';

/** Renders a parsed deck; a formula that does not render is an ImportError naming the note. */
export function bundleDeckSource(deck: DeckSource, whereOf: (note: NoteSource, index: number) => string): BundleDeck {
  const notes = deck.notes.map((note, index) => {
    try {
      return toBundleNote(note);
    } catch (error) {
      throw new ImportError(whereOf(note, index), `note "${note.id}": ${errorMessage(error)}`);
    }
  });
  return { ...toBundleDeck({ ...deck, notes: [] }), notes };
}

export function parseMarkdownDeck(file: string, text: string): DeckSource {
  try {
    return parseDeck(text, file);
  } catch (error) {
    if (error instanceof DeckFormatError) throw new ImportError(`${error.file}:${error.line}`, error.problem);
    throw error;
  }
}

export function readMarkdown(file: string, text: string): BundleDeck {
  const deck = parseMarkdownDeck(file, text);
  return bundleDeckSource(deck, (note) => `${file}:${note.line}`);
}

/** True when the text opens with front matter that declares a format (a native deck). */
export function looksLikeNativeMarkdown(text: string): boolean {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  return !!m && /^format:\s*\S/m.test(m[1] ?? '');
}
