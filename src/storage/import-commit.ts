/**
 * Commits a previewed import: decks, notes, cards, scheduling, review history and media land
 * in ONE read-write transaction, written in chunks so the page can paint between them. If the
 * tab closes half-way, IndexedDB aborts the transaction and nothing is left behind.
 *
 * Re-importing the same deck (same deck id / note id / Anki guid) updates notes in place and
 * adds new ones; it never duplicates, never retires notes the file no longer has, and never
 * overwrites progress made in this app with the package's older scheduling.
 */
import type { SafeDeck } from '../domain/safe-html';
import { newCardState, type ReviewEntry, type CardState } from '../domain/scheduling/scheduler';
import type { AppDatabase, ReviewRow } from './db';
import { type WriteReport, writeDecks } from './write-decks';

export interface CommitInput {
  decks: SafeDeck[];
  media: { name: string; mime: string; data: Uint8Array }[];
  scheduling: { cardId: string; state: CardState }[];
  reviews: { cardId: string; entry: ReviewEntry; durationMs: number }[];
}

export interface CommitReport extends WriteReport {
  schedulingApplied: number;
  reviewsAdded: number;
  mediaStored: number;
}

export type CommitProgress = (done: number, total: number) => void;

/** Rows per write: small enough that cloning one chunk stays well under a frame budget of 200 ms. */
const CHUNK = 500;

export async function commitImport(db: AppDatabase, input: CommitInput, progress?: CommitProgress): Promise<CommitReport> {
  const total =
    input.decks.reduce((n, d) => n + d.notes.length, 0) + input.scheduling.length + input.reviews.length + input.media.length;
  let done = 0;
  const step = (n: number) => {
    done += n;
    progress?.(done, total);
  };

  return db.transaction('rw', [db.decks, db.notes, db.cards, db.reviews, db.media], async () => {
    const sync = await writeDecks(db, input.decks, 'user', { retireMissingNotes: false, onChunk: step, chunkSize: CHUNK });

    // Package scheduling only fills cards that have no history here yet.
    let schedulingApplied = 0;
    for (let i = 0; i < input.scheduling.length; i += CHUNK) {
      const chunk = input.scheduling.slice(i, i + CHUNK);
      const cards = await db.cards.bulkGet(chunk.map((s) => s.cardId));
      const puts = [];
      for (const [k, s] of chunk.entries()) {
        const card = cards[k];
        if (card && card.reps === 0 && card.lastReview === null) {
          puts.push({ ...card, ...s.state });
          schedulingApplied++;
        }
      }
      await db.cards.bulkPut(puts);
      step(chunk.length);
    }

    // Review history is a union: an answer already stored (same card, same instant) is skipped.
    let reviewsAdded = 0;
    const byCard = new Map<string, { cardId: string; entry: ReviewEntry; durationMs: number }[]>();
    for (const r of input.reviews) {
      const list = byCard.get(r.cardId) ?? [];
      list.push(r);
      byCard.set(r.cardId, list);
    }
    const cardIds = [...byCard.keys()];
    for (let i = 0; i < cardIds.length; i += CHUNK) {
      const ids = cardIds.slice(i, i + CHUNK);
      const [cards, existing] = await Promise.all([db.cards.bulkGet(ids), db.reviews.where('cardId').anyOf(ids).toArray()]);
      const seen = new Set(existing.map((r) => `${r.cardId}@${r.review}`));
      const rows: ReviewRow[] = [];
      for (const [k, id] of ids.entries()) {
        const card = cards[k];
        if (!card) continue;
        for (const r of byCard.get(id) ?? []) {
          if (seen.has(`${id}@${r.entry.review}`)) continue;
          rows.push({
            ...r.entry,
            cardId: id,
            noteId: card.noteId,
            deckId: card.deckId,
            durationMs: r.durationMs,
            before: newCardState(0),
            beforeQueue: card.queue,
            imported: true,
          });
        }
      }
      await db.reviews.bulkAdd(rows);
      reviewsAdded += rows.length;
      step(ids.reduce((n, id) => n + (byCard.get(id)?.length ?? 0), 0));
    }

    for (const m of input.media) {
      await db.media.put({ id: m.name, mime: m.mime, blob: new Blob([m.data as Uint8Array<ArrayBuffer>], { type: m.mime }) });
      step(1);
    }
    return { ...sync, schedulingApplied, reviewsAdded, mediaStored: input.media.length };
  });
}
