/**
 * Browse's search: pages of results that never load the collection (100,000 cards).
 *
 * The first page picks the narrowest index range its positive filters allow, comparing
 * index-only counts of each candidate:
 *   deck:X  → cards by `[deckId+queue+due]`, one range per matching deck (retired cards, queue
 *             −3, fall outside the range). The cards index rather than notes' `deckId`, because
 *             a card key can be resumed from, so every page costs the same.
 *   tag:X   → notes by the `*tags` multi-entry index, one range per matching distinct tag
 *   is:new / learn / review / suspended / due → cards by `[queue+due]` (due: below tomorrow)
 * and otherwise walks all cards in id order. Rows are read in chunks (one getAll each), joined to
 * their notes (bulkGet) or cards (`noteId` index), matched with the pure `matchCard`, and a page
 * stops at `limit` results or after `scanLimit` rows examined. The cursor is a position in the
 * chosen index (the last key read, or the last id), never an offset from the start, so the
 * 500th page costs what the first does. The actions on what it finds: browse-actions.ts.
 */
import {
  cardMayMatch,
  deckMatches,
  htmlToText,
  matchCard,
  needsNote,
  type Query,
  queueHint,
  type SearchContext,
  tagMatches,
} from '../domain/search/search';
import { Queue, HIGHEST_QUEUE } from '../domain/scheduling/scheduler';
import type { AppDatabase, CardRow, DeckRow, NoteRow } from './db';

export const PAGE_SIZE = 200;
const CHUNK = 500;
const COUNT_CHUNK = 500;
/** Up to this many cards sharing one index key are re-read rather than skipped with a cursor. */
const TIE_SLICE = 2000;
/** Rows examined per read transaction, so a long search never holds up a write for long. */
const ROWS_PER_TRANSACTION = 5000;

/** One index range a plan walks, in order. */
export type BrowseRange =
  | { kind: 'deck'; deckId: string }
  | { kind: 'queue'; queue: number; below: number }
  | { kind: 'tag'; tag: string };

type CardKey = (string | number)[];

/** A place in a card index: the last key read and how many cards with exactly that key were read. */
interface KeyPosition {
  key: CardKey;
  skip: number;
}

export type BrowseCursor =
  | {
      plan: 'ranges';
      ranges: BrowseRange[];
      range: number;
      /** Card ranges: where the next chunk starts. */
      from: KeyPosition | null;
      /** Tag ranges: the last note id read. */
      after: string | null;
    }
  | { plan: 'scan'; after: string | null };

export interface BrowseRow {
  card: CardRow;
  deckName: string;
  /** The card's front as plain text (shortened). */
  front: string;
  tags: string[];
}

export interface BrowsePage {
  rows: BrowseRow[];
  /** Where the next page starts; null when there are no more results. */
  cursor: BrowseCursor | null;
  /** Rows examined for this page. */
  scanned: number;
}

export interface SearchOptions {
  cursor?: BrowseCursor | null;
  /** Results per page (default 200). */
  limit?: number;
  /** Stop after examining this many rows even when the page is not full (the cursor is kept). */
  scanLimit?: number;
}

interface Match {
  card: CardRow;
  note: NoteRow | undefined;
}

const FRONT_CHARS = 160;

function toRow(m: Match, decks: Map<string, DeckRow>): BrowseRow {
  const side = m.note?.cards.find((c) => c.ord === m.card.ord) ?? m.note?.cards[0];
  const text = side ? htmlToText(side.front) : '';
  return {
    card: m.card,
    deckName: decks.get(m.card.deckId)?.name ?? m.card.deckId,
    front: text.length > FRONT_CHARS ? `${text.slice(0, FRONT_CHARS - 1)}…` : text,
    tags: m.note?.tags ?? [],
  };
}

async function liveDecks(db: AppDatabase): Promise<Map<string, DeckRow>> {
  return new Map((await db.decks.toArray()).map((d) => [d.id, d]));
}

type CardRange = Exclude<BrowseRange, { kind: 'tag' }>;

const DECK_INDEX = '[deckId+queue+due]';
const QUEUE_INDEX = '[queue+due]';

/** Index, bounds and key function of a card range. Retired cards (queue −3) are outside. */
function cardRange(r: CardRange): {
  index: string;
  lower: CardKey;
  upper: CardKey;
  upperOpen: boolean;
  keyOf: (c: CardRow) => CardKey;
} {
  if (r.kind === 'deck') {
    return {
      index: DECK_INDEX,
      lower: [r.deckId, Queue.Buried, -Infinity],
      upper: [r.deckId, HIGHEST_QUEUE, Infinity],
      upperOpen: false,
      keyOf: (c) => [c.deckId, c.queue, c.due],
    };
  }
  return {
    index: QUEUE_INDEX,
    lower: [r.queue, -Infinity],
    upper: [r.queue, r.below],
    upperOpen: true,
    keyOf: (c) => [c.queue, c.due],
  };
}

function sameKey(a: CardKey, b: CardKey): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Index-only counts: how many rows a plan would walk. */
async function rangeSize(db: AppDatabase, ranges: BrowseRange[]): Promise<number> {
  const counts = await Promise.all(
    ranges.map((r) => {
      if (r.kind === 'tag') return db.notes.where('tags').equals(r.tag).count();
      const { index, lower, upper, upperOpen } = cardRange(r);
      return db.cards.where(index).between(lower, upper, true, !upperOpen).count();
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** The narrowest index plan the query's positive filters allow, or a full scan. */
async function choosePlan(db: AppDatabase, query: Query, ctx: SearchContext, decks: Map<string, DeckRow>): Promise<BrowseCursor> {
  const candidates: BrowseRange[][] = [];
  let allTags: string[] | undefined;
  for (const term of query.terms) {
    if (term.negate) continue;
    if (term.kind === 'deck') {
      const ids = [...decks.values()].filter((d) => !d.retired && deckMatches(term.pattern, d)).map((d) => d.id);
      candidates.push(ids.sort().map((deckId) => ({ kind: 'deck', deckId })));
    } else if (term.kind === 'tag') {
      // The index's distinct tags that start like the pattern (all of them when it starts with
      // *) are few; the pattern is matched against them in memory.
      const prefix = term.pattern.split('*')[0] ?? '';
      let keys: string[];
      if (prefix) keys = (await db.notes.where('tags').startsWithIgnoreCase(prefix).uniqueKeys()) as string[];
      else {
        allTags ??= (await db.notes.orderBy('tags').uniqueKeys()) as string[];
        keys = allTags;
      }
      const tags = keys.filter((t) => tagMatches(term.pattern, t));
      candidates.push(tags.map((tag) => ({ kind: 'tag', tag })));
    } else {
      const hint = queueHint(term, ctx);
      if (hint) candidates.push(hint.map(({ queue, below }) => ({ kind: 'queue', queue, below })));
    }
  }
  let best: { ranges: BrowseRange[]; size: number } | undefined;
  for (const ranges of candidates) {
    const size = await rangeSize(db, ranges);
    if (!best || size < best.size) best = { ranges, size };
    if (size === 0) break;
  }
  return best ? { plan: 'ranges', ranges: best.ranges, range: 0, from: null, after: null } : { plan: 'scan', after: null };
}

/*
 * Joins. In a scan, a chunk's cards are in id order and a card id is `${noteId}#${ord}`, so
 * their notes are neighbours too: one getAll over the key range from the first to the last
 * note fetches them in a single request, where bulkGet makes one request per key. Whatever that
 * range read does not cover (ids that sort differently, a range cut short by its limit) is
 * fetched by key, so the result never depends on the id convention. Index ranges (deck, queue,
 * tag) meet notes in no particular id order and read them by key.
 */

async function notesOf(db: AppDatabase, cards: CardRow[], contiguous: boolean): Promise<Map<string, NoteRow>> {
  const ids = [...new Set(cards.map((c) => c.noteId))].sort();
  const out = new Map<string, NoteRow>();
  if (ids.length === 0) return out;
  let missing = ids;
  if (contiguous && ids.length > 1) {
    const wanted = new Set(ids);
    const cap = ids.length * 2 + 16;
    const inRange = await db.notes
      .where(':id')
      .between(ids[0] as string, ids[ids.length - 1] as string, true, true)
      .limit(cap)
      .toArray();
    for (const n of inRange) if (wanted.has(n.id)) out.set(n.id, n);
    missing = inRange.length === cap ? ids.filter((id) => !out.has(id)) : [];
  }
  if (missing.length) for (const n of await db.notes.bulkGet(missing)) if (n) out.set(n.id, n);
  return out;
}

/** Cards of these notes, grouped by note in ord order. */
async function cardsOfNotes(db: AppDatabase, noteIds: string[]): Promise<Map<string, CardRow[]>> {
  const out = new Map<string, CardRow[]>();
  if (noteIds.length === 0) return out;
  for (const card of await db.cards.where('noteId').anyOf(noteIds).toArray()) {
    const list = out.get(card.noteId);
    if (list) list.push(card);
    else out.set(card.noteId, [card]);
  }
  for (const list of out.values()) list.sort((x, y) => x.ord - y.ord);
  return out;
}

/** The first index in sorted `keys` whose key is greater than `after`. */
function firstAfter(keys: readonly string[], after: string | null): number {
  if (after === null) return 0;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((keys[mid] as string) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The next `take` cards of a card range from `from` (resuming inside a run of equal keys). */
async function readCardRange(db: AppDatabase, r: CardRange, from: KeyPosition | null, take: number): Promise<CardRow[]> {
  const { index, lower, upper, upperOpen } = cardRange(r);
  let chunk: CardRow[] = [];
  if (from) {
    // The rest of the cards sharing the last key read (the same due day, say). A short run is
    // read whole in one request and sliced; a long one is skipped with a cursor.
    const ties = db.cards.where(index).equals(from.key);
    chunk =
      from.skip <= TIE_SLICE
        ? (await ties.limit(from.skip + take).toArray()).slice(from.skip)
        : await ties.offset(from.skip).limit(take).toArray();
  }
  if (chunk.length < take) {
    const rest = await db.cards
      .where(index)
      .between(from ? from.key : lower, upper, from === null, !upperOpen)
      .limit(take - chunk.length)
      .toArray();
    chunk = chunk.concat(rest);
  }
  return chunk;
}

interface Found {
  matches: Match[];
  cursor: BrowseCursor | null;
  scanned: number;
  /** Set when the count came from the index alone. */
  counted?: number;
}

/**
 * Matches from `start` on, until `limit` matches or `scanLimit` rows examined (a tag range
 * never splits a note's cards across pages, so a page may run over by a card or two). Cards
 * that pass the card-only test are joined to their notes: a card whose note is missing or
 * retired never matches. `cardOnly` (counting a query with no text, tag or leech term) skips
 * the notes on card ranges and scans, relying on sync retiring a retired note's cards.
 */
async function findMatches(
  db: AppDatabase,
  query: Query,
  ctx: SearchContext,
  decks: Map<string, DeckRow>,
  start: BrowseCursor,
  limit: number,
  scanLimit: number,
  chunkSize: number,
  cardOnly = false,
): Promise<Found> {
  const matches: Match[] = [];
  let scanned = 0;
  const prefilter = (c: CardRow) => cardMayMatch(query, c, decks.get(c.deckId), ctx);
  const test = (card: CardRow, note: NoteRow | undefined) =>
    cardOnly || (note !== undefined && matchCard(query, { card, note, deck: decks.get(card.deckId) }, ctx));
  const notesOfCandidates = (cards: CardRow[], contiguous: boolean) =>
    cardOnly ? Promise.resolve(new Map<string, NoteRow>()) : notesOf(db, cards, contiguous);
  const full = () => matches.length >= limit;

  if (start.plan === 'scan') {
    let after = start.after;
    for (;;) {
      if (full() || scanned >= scanLimit) return { matches, cursor: { plan: 'scan', after }, scanned };
      const base = after === null ? db.cards.toCollection() : db.cards.where(':id').above(after);
      // Twice what the page still needs (most cards fail some term), within [32, chunkSize].
      const take = Math.min(chunkSize, Math.max(32, 2 * (limit - matches.length)));
      const chunk = await base.limit(take).toArray();
      scanned += chunk.length;
      if (chunk.length === 0) return { matches, cursor: null, scanned };
      const candidates = chunk.filter(prefilter);
      const notes = await notesOfCandidates(candidates, true);
      const passing = new Set(candidates);
      let consumed = 0;
      for (const card of chunk) {
        after = card.id;
        consumed++;
        const note = notes.get(card.noteId);
        if (passing.has(card) && test(card, note)) matches.push({ card, note });
        if (full()) break;
      }
      if (chunk.length < take && consumed === chunk.length && !full()) return { matches, cursor: null, scanned };
    }
  }

  const ranges = start.ranges;
  let { range, from, after } = start;
  const tagKeys = new Map<number, string[]>();
  for (;;) {
    const r = ranges[range];
    if (!r) return { matches, cursor: null, scanned };
    if (full() || scanned >= scanLimit) return { matches, cursor: { plan: 'ranges', ranges, range, from, after }, scanned };
    const take = Math.max(1, Math.min(chunkSize, limit - matches.length));
    const next = () => {
      range++;
      from = null;
      after = null;
    };

    if (r.kind === 'tag') {
      // The tag's note ids (keys only, sorted); the page resumes after the last id read.
      let keys = tagKeys.get(range);
      if (!keys) {
        keys = (await db.notes.where('tags').equals(r.tag).primaryKeys()) as string[];
        tagKeys.set(range, keys);
      }
      const at = firstAfter(keys, after);
      const ids = keys.slice(at, at + take);
      if (ids.length === 0) {
        next();
        continue;
      }
      const notes = (await db.notes.bulkGet(ids)).filter((n): n is NoteRow => n !== undefined);
      scanned += ids.length;
      const cards = await cardsOfNotes(
        db,
        notes.filter((n) => !n.retired).map((n) => n.id),
      );
      const byId = new Map(notes.map((n) => [n.id, n]));
      for (const id of ids) {
        after = id;
        const note = byId.get(id);
        if (!note) continue;
        // A note with two matching tags is listed under the first of them only.
        if (ranges.slice(0, range).some((p) => p.kind === 'tag' && note.tags.includes(p.tag))) continue;
        for (const card of cards.get(id) ?? []) if (test(card, note)) matches.push({ card, note });
        if (full()) break;
      }
      if (at + ids.length >= keys.length && !full()) next();
      continue;
    }

    const chunk = await readCardRange(db, r, from, take);
    scanned += chunk.length;
    if (chunk.length === 0) {
      next();
      continue;
    }
    const { keyOf } = cardRange(r);
    const candidates = chunk.filter(prefilter);
    const notes = await notesOfCandidates(candidates, false);
    const passing = new Set(candidates);
    for (const card of chunk) {
      const key = keyOf(card);
      from = from && sameKey(from.key, key) ? { key, skip: from.skip + 1 } : { key, skip: 1 };
      const note = notes.get(card.noteId);
      if (passing.has(card) && test(card, note)) matches.push({ card, note });
      if (full()) break;
    }
    if (chunk.length < take && !full()) next();
  }
}

/**
 * One page of cards matching `query`, and the cursor for the next page. A query whose matches
 * are sparse may examine many rows for one page; it does so a few thousand rows per read
 * transaction.
 */
export async function searchCards(
  db: AppDatabase,
  query: Query,
  ctx: SearchContext,
  options: SearchOptions = {},
): Promise<BrowsePage> {
  const limit = Math.max(1, options.limit ?? PAGE_SIZE);
  const scanLimit = Math.max(1, options.scanLimit ?? Number.POSITIVE_INFINITY);
  const rows: BrowseRow[] = [];
  let cursor: BrowseCursor | null = options.cursor ?? null;
  let scanned = 0;
  let first = true;
  while (first || (cursor && rows.length < limit && scanned < scanLimit)) {
    const start = cursor;
    const budget = Math.min(ROWS_PER_TRANSACTION, scanLimit - scanned);
    const page = await db.transaction('r', [db.cards, db.notes, db.decks], async () => {
      const decks = await liveDecks(db);
      const from = start ?? (await choosePlan(db, query, ctx, decks));
      const found = await findMatches(db, query, ctx, decks, from, limit - rows.length, budget, CHUNK);
      return { rows: found.matches.map((m) => toRow(m, decks)), cursor: found.cursor, scanned: found.scanned };
    });
    first = false;
    rows.push(...page.rows);
    cursor = page.cursor;
    scanned += page.scanned;
  }
  return { rows, cursor, scanned };
}

/** One positive filter that its index answers exactly: its matches are the index count. */
function countedByIndex(query: Query): boolean {
  const [term, ...rest] = query.terms;
  if (!term || rest.length > 0 || term.negate) return false;
  // is:due is not: buried cards are in its range but do not match.
  return term.kind === 'deck' || (term.kind === 'is' && ['new', 'learn', 'review', 'suspended'].includes(term.value));
}

/**
 * How many cards match, read in chunks (memory stays one chunk), a transaction per few thousand
 * rows; one positive deck:/is: filter alone is an index count. `signal` stops it early (the
 * result is then null).
 */
export async function countMatches(
  db: AppDatabase,
  query: Query,
  ctx: SearchContext,
  signal?: AbortSignal,
): Promise<number | null> {
  const cardOnly = !query.terms.some(needsNote);
  let total = 0;
  let cursor: BrowseCursor | null = null;
  do {
    if (signal?.aborted) return null;
    const start = cursor;
    const found: Found = await db.transaction('r', [db.cards, db.notes, db.decks], async () => {
      const decks = await liveDecks(db);
      const from = start ?? (await choosePlan(db, query, ctx, decks));
      if (!start && from.plan === 'ranges' && countedByIndex(query)) {
        return { matches: [], cursor: null, scanned: 0, counted: await rangeSize(db, from.ranges) };
      }
      return findMatches(db, query, ctx, decks, from, Number.MAX_SAFE_INTEGER, ROWS_PER_TRANSACTION, COUNT_CHUNK, cardOnly);
    });
    total += found.counted ?? found.matches.length;
    cursor = found.cursor;
  } while (cursor);
  return signal?.aborted ? null : total;
}
