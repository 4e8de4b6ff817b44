/** Counts per deck for reports and coverage checks (pure). */
import { clozeOrds, scanCloze } from './cloze';
import { type DeckSource, type NoteKind, type NoteSource, RUBRIC_KINDS, type RubricKind } from './model';

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
  /** Notes with a `Source:`, and notes tagged `src:required`. */
  sources: number;
  sourceRequired: number;
  /** Explain notes, rubric points by kind, and explain notes with at least one point of every kind. */
  explainNotes: number;
  rubricPoints: Record<RubricKind | 'none', number>;
  explainAllKinds: number;
}

export function deckStats(deck: DeckSource): DeckStats {
  const cardsByKind: Record<NoteKind, number> = { basic: 0, reverse: 0, cloze: 0, explain: 0, typein: 0 };
  for (const note of deck.notes) cardsByKind[note.kind] += cardsOfNote(note);
  const cards = Object.values(cardsByKind).reduce((a, b) => a + b, 0);
  const rubricPoints: Record<RubricKind | 'none', number> = { test: 0, why: 0, mind: 0, none: 0 };
  let explainNotes = 0;
  let explainAllKinds = 0;
  for (const note of deck.notes) {
    if (note.kind !== 'explain') continue;
    explainNotes++;
    const kinds = note.fields.rubric.map((_, k) => note.fields.rubricKinds?.[k] ?? null);
    for (const kind of kinds) rubricPoints[kind ?? 'none']++;
    if (RUBRIC_KINDS.every((kind) => kinds.includes(kind))) explainAllKinds++;
  }
  return {
    id: deck.id,
    name: deck.name,
    notes: deck.notes.length,
    cards,
    cardsByKind,
    sources: deck.notes.filter((n) => n.source !== undefined).length,
    sourceRequired: deck.notes.filter((n) => n.tags.includes('src:required')).length,
    explainNotes,
    rubricPoints,
    explainAllKinds,
  };
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
