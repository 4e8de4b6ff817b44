/**
 * FSRS parameters per preset, the review history the optimiser and calibration read, and adopting
 * a fit: every card of the preset is rescheduled by replaying its answers with the new parameters,
 * in one transaction; the old parameters and card states are kept, so the adoption can be undone
 * until the next one.
 *
 * Rows (settings table, no schema change): `fsrs:<presetId>` = { parameters, adoptedAt } and
 * `fsrs-undo:<presetId>` = { parameters (the ones before, or null for the defaults), cards: the
 * states before, changed: each card's lastReview right after the adoption }.
 */
import type { CardHistory } from '../domain/optimiser/history';
import { isParameters } from '../domain/optimiser/parameters';
import { makeScheduler } from '../domain/scheduling/engine';
import { answerCard, type CardState, type Grade, newCardState, Queue } from '../domain/scheduling/scheduler';
import type { DayClock } from '../domain/scheduling/time';
import type { AppDatabase, CardRow } from './db';
import { parametersKey, type StoredParameters, undoKey } from './parameters-store';
import { DEFAULT_PRESET_ID, loadStudyConfig } from './presets';

interface UndoRow {
  parameters: StoredParameters | null;
  cards: CardRow[];
  changed: Record<string, number | null>;
  adoptedAt: number;
}

/** The decks that use a preset (absent presetId = the default preset). */
export async function presetDeckIds(db: AppDatabase, presetId: string): Promise<string[]> {
  const decks = await db.decks.toArray();
  return decks.filter((d) => !d.retired && (d.presetId ?? DEFAULT_PRESET_ID) === presetId).map((d) => d.id);
}

export interface ScopeHistory {
  cardIds: string[];
  histories: CardHistory[];
  /** Answers and time spent per study day, for the activity charts. */
  perDay: Map<number, { answers: number; ms: number }>;
}

const PAGE = 20_000;

/**
 * Every answer to the scope's decks, grouped by card, oldest first, read in pages along the
 * [deckId+review] index (imported history included).
 */
export async function readHistories(db: AppDatabase, deckIds: readonly string[], page = PAGE): Promise<ScopeHistory> {
  const byCard = new Map<string, CardHistory>();
  const perDay = new Map<number, { answers: number; ms: number }>();
  const take = (rows: readonly { cardId: string; rating: Grade; studyDay: number; review: number; durationMs: number }[]) => {
    for (const r of rows) {
      // Rows from outside the app's own writers may lack a day or carry no grade: not history FSRS can use.
      if (!Number.isFinite(r.studyDay) || !(r.rating >= 1 && r.rating <= 4)) continue;
      let h = byCard.get(r.cardId);
      if (!h) {
        h = { answers: [] };
        byCard.set(r.cardId, h);
      }
      h.answers.push({ rating: r.rating, day: r.studyDay, at: r.review });
      const d = perDay.get(r.studyDay) ?? { answers: 0, ms: 0 };
      d.answers++;
      d.ms += Math.max(0, r.durationMs || 0);
      perDay.set(r.studyDay, d);
    }
  };
  for (const deckId of deckIds) {
    let lower = -Infinity;
    let includeLower = true;
    for (;;) {
      const rows = await db.reviews
        .where('[deckId+review]')
        .between([deckId, lower], [deckId, Infinity], includeLower, true)
        .limit(page)
        .toArray();
      if (rows.length < page) {
        take(rows);
        break;
      }
      // A full page may have cut the answers at its last instant: read that instant whole, go on after it.
      const last = rows[rows.length - 1]!.review;
      take(rows.filter((r) => r.review < last));
      take(await db.reviews.where('[deckId+review]').equals([deckId, last]).toArray());
      lower = last;
      includeLower = false;
    }
  }
  const cardIds = [...byCard.keys()];
  const histories = cardIds.map((id) => {
    const h = byCard.get(id)!;
    h.answers.sort((a, b) => a.at - b.at);
    return h;
  });
  return { cardIds, histories, perDay };
}

function schedulingOf(c: CardState): CardState {
  const { queue, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview } = c;
  return { queue, due, stability, difficulty, elapsedDays, scheduledDays, learningSteps, reps, lapses, state, lastReview };
}

/** A card's state after replaying its answers with a scheduler; its queue is kept if it was set aside. */
function replay(card: CardRow, history: CardHistory, ctx: Parameters<typeof answerCard>[3]): CardRow {
  let state: CardState = newCardState(0);
  for (const a of history.answers) state = answerCard(state, a.rating as Grade, a.at, ctx).next;
  const setAside = card.queue === Queue.Suspended || card.queue === Queue.Buried || card.queue === Queue.Retired;
  return { ...card, ...schedulingOf(state), queue: setAside ? card.queue : state.queue };
}

export interface AdoptProgress {
  done: number;
  total: number;
}

/**
 * Adopts `parameters` for a preset: one read-write transaction stores them, replays every answered
 * card of the preset's decks with them and keeps what is needed to undo.
 */
export async function adoptParameters(
  db: AppDatabase,
  presetId: string,
  parameters: readonly number[],
  clock: DayClock,
  now: number,
  onProgress?: (p: AdoptProgress) => void,
): Promise<{ cards: number }> {
  if (!isParameters(parameters))
    throw new Error(`adoptParameters: expected 21 finite numbers, got ${JSON.stringify(parameters)}`);
  const deckIds = await presetDeckIds(db, presetId);
  const config = await loadStudyConfig(db);
  const settings = { ...(deckIds[0] ? config.forDeck(deckIds[0]) : config.global), parameters };
  const ctx = { scheduler: makeScheduler(settings), settings, clock };
  return db.transaction('rw', [db.cards, db.reviews, db.settings], async () => {
    const { cardIds, histories } = await readHistories(db, deckIds);
    const before = (await db.cards.bulkGet(cardIds)).filter((c): c is CardRow => !!c && deckIds.includes(c.deckId));
    const historyOf = new Map(cardIds.map((id, k) => [id, histories[k]!]));
    const changed: Record<string, number | null> = {};
    const CHUNK = 2000;
    for (let i = 0; i < before.length; i += CHUNK) {
      const next = before.slice(i, i + CHUNK).map((c) => replay(c, historyOf.get(c.id)!, ctx));
      for (const c of next) changed[c.id] = c.lastReview;
      await db.cards.bulkPut(next);
      onProgress?.({ done: Math.min(before.length, i + CHUNK), total: before.length });
    }
    const old = await db.settings.get(parametersKey(presetId));
    const undo: UndoRow = {
      parameters: (old?.value as StoredParameters | undefined) ?? null,
      cards: before,
      changed,
      adoptedAt: now,
    };
    await db.settings.put({ key: undoKey(presetId), value: undo });
    await db.settings.put({ key: parametersKey(presetId), value: { parameters: [...parameters], adoptedAt: now } });
    return { cards: before.length };
  });
}

/**
 * Undoes the last adoption: the parameters before it come back, and so do the states of the cards
 * not answered since (a card answered since keeps that answer's state).
 */
export async function undoAdoption(db: AppDatabase, presetId: string): Promise<{ restored: number } | undefined> {
  return db.transaction('rw', [db.cards, db.settings], async () => {
    const row = await db.settings.get(undoKey(presetId));
    if (!row) return undefined;
    const undo = row.value as UndoRow;
    const current = await db.cards.bulkGet(undo.cards.map((c) => c.id));
    const restore: CardRow[] = [];
    for (const [k, saved] of undo.cards.entries()) {
      const now = current[k];
      if (!now || now.lastReview !== (undo.changed[saved.id] ?? null)) continue;
      // Scheduling comes back; what was done to the card since (flag, suspend, move) stays.
      const setAside = now.queue === Queue.Suspended || now.queue === Queue.Buried || now.queue === Queue.Retired;
      restore.push({ ...now, ...schedulingOf(saved), queue: setAside ? now.queue : saved.queue });
    }
    await db.cards.bulkPut(restore);
    if (undo.parameters) await db.settings.put({ key: parametersKey(presetId), value: undo.parameters });
    else await db.settings.delete(parametersKey(presetId));
    await db.settings.delete(undoKey(presetId));
    return { restored: restore.length };
  });
}
