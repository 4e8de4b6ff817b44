/**
 * The native Markdown deck format (docs/deck-format.md), read by the one parser the built-in
 * decks use, and written back (for the JSON ⇄ Markdown round trip and exports).
 */
import { type BundleDeck, toBundleDeck, toBundleNote } from '../domain/deck-format/bundle';
import { type DeckSource, DeckFormatError, type NoteSource } from '../domain/deck-format/model';
import { parseDeck } from '../domain/deck-format/parse';
import { ImportError } from './model';

/** Renders a parsed deck; a formula that does not render is an ImportError naming the note. */
export function bundleDeckSource(deck: DeckSource, whereOf: (note: NoteSource, index: number) => string): BundleDeck {
  const notes = deck.notes.map((note, index) => {
    try {
      return toBundleNote(note);
    } catch (error) {
      throw new ImportError(whereOf(note, index), `note "${note.id}": ${error instanceof Error ? error.message : String(error)}`);
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

/** A deck as native Markdown; parseDeck reads it back to the same DeckSource (lines aside). */
export function deckToMarkdown(deck: DeckSource): string {
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
  const out: string[] = ['---', `format: ${deck.format}`, `id: ${deck.id}`, `name: ${oneLine(deck.name)}`];
  if (deck.description) out.push(`description: ${oneLine(deck.description)}`);
  if (deck.tags.length > 0) out.push(`tags: ${deck.tags.join(' ')}`);
  out.push('---');
  for (const note of deck.notes) {
    out.push('', `## ${note.kind} ${note.id}`);
    const own = note.tags.filter((t) => !deck.tags.includes(t));
    if (own.length > 0) out.push(`tags: ${own.join(' ')}`);
    out.push('');
    switch (note.kind) {
      case 'basic':
      case 'reverse':
        out.push(`Front: ${note.fields.front}`, '', `Back: ${note.fields.back}`);
        break;
      case 'cloze':
        out.push(`Text: ${note.fields.text}`);
        if (note.fields.extra) out.push('', `Extra: ${note.fields.extra}`);
        break;
      case 'explain':
        out.push(`Prompt: ${note.fields.prompt}`, '', `Answer: ${note.fields.answer}`, '', 'Rubric:');
        for (const point of note.fields.rubric) out.push(`- ${point}`);
        break;
    }
  }
  return `${out.join('\n')}\n`;
}
