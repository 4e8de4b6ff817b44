/**
 * Writes decks into the collection by id, in one transaction: notes are added, updated in place
 * or retired; a surviving card keeps its scheduling state and its history. Nothing is deleted,
 * so a note that comes back later resumes where it was.
 */
import type { SafeDeck, SafeNote } from '../domain/safe-html';
import { cardId } from '../domain/deck-format/model';
import { activeQueue, newCardState, Queue } from '../domain/scheduling/scheduler';
import type { AppDatabase, CardRow, DeckRow, NoteRow } from './db';

export interface WriteReport {
  decksAdded: number;
  notesAdded: number;
  notesUpdated: number;
  notesRetired: number;
  cardsAdded: number;
  cardsRetired: number;
}

/** Gap between two decks' new-card positions, so each deck keeps its own file order. */
const DECK_POSITION_SPAN = 1_000_000;

export interface WriteOptions {
  /** Built-in decks: a deck no longer shipped is retired. */
  retireMissingDecks?: boolean;
  /** Built-in decks retire notes a new version drops; user imports keep them (default true). */
  retireMissingNotes?: boolean;
  /** Called after each written chunk with the number of notes it held. */
  onChunk?: (notes: number) => void;
  chunkSize?: number;
}

export async function writeDecks(
  db: AppDatabase,
  decks: readonly SafeDeck[],
  source: DeckRow['source'],
  options: WriteOptions = {},
): Promise<WriteReport> {
  const report: WriteReport = { decksAdded: 0, notesAdded: 0, notesUpdated: 0, notesRetired: 0, cardsAdded: 0, cardsRetired: 0 };
  await db.transaction('rw', [db.decks, db.notes, db.cards], async () => {
    const existingDecks = await db.decks.toArray();
    let order = existingDecks.reduce((max, d) => Math.max(max, d.order + 1), 0);
    const keep = new Set(decks.map((d) => d.id));

    for (const [deckIndex, deck] of decks.entries()) {
      const prior = existingDecks.find((d) => d.id === deck.id);
      const row: DeckRow = {
        id: deck.id,
        name: deck.name,
        description: deck.description,
        source,
        order: prior?.order ?? (source === 'builtin' ? deckIndex : order++),
      };
      if (!prior) report.decksAdded++;
      await db.decks.put(row);
      await syncNotes(db, deck, row.order * DECK_POSITION_SPAN, report, options);
    }

    if (options.retireMissingDecks) {
      for (const gone of existingDecks.filter((d) => d.source === source && !keep.has(d.id) && !d.retired)) {
        await db.decks.update(gone.id, { retired: true });
        await syncNotes(db, { ...gone, notes: [] }, 0, report, options);
      }
    }
  });
  return report;
}

async function syncNotes(
  db: AppDatabase,
  deck: SafeDeck,
  positionBase: number,
  report: WriteReport,
  options: WriteOptions,
): Promise<void> {
  const oldNotes = new Map((await db.notes.where('deckId').equals(deck.id).toArray()).map((n) => [n.id, n]));
  const oldCards = new Map<string, CardRow>();
  for (const c of await db.cards
    .where('noteId')
    .anyOf([...oldNotes.keys(), ...deck.notes.map((n) => n.id)])
    .toArray()) {
    oldCards.set(c.id, c);
  }
  const notePuts: NoteRow[] = [];
  const cardPuts: CardRow[] = [];

  for (const [index, note] of deck.notes.entries()) {
    const old = oldNotes.get(note.id);
    oldNotes.delete(note.id);
    const row = noteRow(note, deck.id, mergeTags(note.tags, old?.tags));
    if (!old) report.notesAdded++;
    else if (old.hash !== note.hash || old.retired || old.deckId !== deck.id) report.notesUpdated++;
    else continue;
    notePuts.push(row);

    const ords = new Set(note.cards.map((c) => c.ord));
    for (const side of note.cards) {
      const id = cardId(note.id, side.ord);
      const existing = oldCards.get(id);
      if (!existing) {
        report.cardsAdded++;
        cardPuts.push({
          id,
          noteId: note.id,
          deckId: deck.id,
          ord: side.ord,
          ...newCardState(positionBase + index * 100 + side.ord),
        });
      } else if (existing.queue === Queue.Retired || existing.deckId !== deck.id) {
        cardPuts.push({
          ...existing,
          deckId: deck.id,
          queue: existing.queue === Queue.Retired ? activeQueue(existing) : existing.queue,
        });
      }
    }
    for (const c of oldCards.values()) {
      if (c.noteId === note.id && !ords.has(c.ord) && c.queue !== Queue.Retired) {
        report.cardsRetired++;
        cardPuts.push({ ...c, queue: Queue.Retired });
      }
    }
  }

  for (const gone of options.retireMissingNotes === false ? [] : oldNotes.values()) {
    if (gone.retired) continue;
    report.notesRetired++;
    notePuts.push({ ...gone, retired: true });
    for (const c of oldCards.values()) {
      if (c.noteId === gone.id && c.queue !== Queue.Retired) {
        report.cardsRetired++;
        cardPuts.push({ ...c, queue: Queue.Retired });
      }
    }
  }
  // Chunked writes inside the caller's transaction: each awaited request lets the page paint.
  const size = options.chunkSize ?? 5000;
  for (let i = 0; i < Math.max(notePuts.length, cardPuts.length); i += size) {
    await db.notes.bulkPut(notePuts.slice(i, i + size));
    await db.cards.bulkPut(cardPuts.slice(i, i + size));
    options.onChunk?.(Math.min(size, Math.max(0, notePuts.length - i)));
  }
}

/** The stored row of a note: its content as given, in a deck, with the tags to keep. */
export function noteRow(note: SafeNote, deckId: string, tags = note.tags): NoteRow {
  return {
    id: note.id,
    deckId,
    kind: note.kind,
    tags,
    fields: note.fields,
    cards: note.cards,
    hash: note.hash,
    ...(note.rubric ? { rubric: note.rubric } : {}),
    ...(note.rubricKinds ? { rubricKinds: note.rubricKinds } : {}),
    ...(note.source ? { source: note.source } : {}),
  };
}

/** Tags the app adds itself (leech, marked) survive an update of the note's text. */
const APP_TAGS = new Set(['leech', 'marked']);
function mergeTags(fresh: string[], old: string[] | undefined): string[] {
  const kept = (old ?? []).filter((t) => APP_TAGS.has(t));
  return [...new Set([...fresh, ...kept])];
}
