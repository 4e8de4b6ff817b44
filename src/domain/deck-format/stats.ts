/** Counts per deck for reports and coverage checks (pure). */
import { clozeOrds, scanCloze } from './cloze';
import type { DeckSource, NoteKind, NoteSource } from './model';

export function cardsOfNote(note: NoteSource): number {
  switch (note.kind) {
    case 'basic':
    case 'typein':
    case 'explain':
      return 1;
    case 'reverse':
      return 2;
    case 'cloze': {
      const scan = scanCloze(note.fields.text);
      return scan.ok ? clozeOrds(scan.deletions).length : 0;
    }
  }
}

export interface DeckStats {
  id: string;
  name: string;
  notes: number;
  cards: number;
  cardsByKind: Record<NoteKind, number>;
}

export function deckStats(deck: DeckSource): DeckStats {
  const cardsByKind: Record<NoteKind, number> = { basic: 0, reverse: 0, cloze: 0, explain: 0, typein: 0 };
  for (const note of deck.notes) cardsByKind[note.kind] += cardsOfNote(note);
  const cards = Object.values(cardsByKind).reduce((a, b) => a + b, 0);
  return { id: deck.id, name: deck.name, notes: deck.notes.length, cards, cardsByKind };
}

/** Cards carrying each tag, across decks. */
export function cardsByTag(decks: readonly DeckSource[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const deck of decks) {
    for (const note of deck.notes) {
      for (const tag of note.tags) out.set(tag, (out.get(tag) ?? 0) + cardsOfNote(note));
    }
  }
  return out;
}
