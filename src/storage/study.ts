/**
 * Study repository: reads today's candidates with index range scans, and writes each answer as
 * one read-write transaction over cards, reviews and notes. (Undo is in card-actions.ts and the
 * "done for today" reads in summary.ts: neither is needed for the first card.)
 */
import {
  buildQueue,
  candidateBudget,
  mergeCandidates,
  selectCandidates,
  type QueueCandidates,
  type QueueCard,
  type QueueCounts,
  type StudyQueue,
  type TodayLog,
  queueCounts,
} from '../domain/queue/queue';
import { type AnswerContext, answerCard, type Grade, Queue, State } from '../domain/scheduling/scheduler';
import type { SchedulingSettings } from '../domain/scheduling/settings';
import { type DayClock, MINUTE, startOfNextStudyDay, startOfStudyDay, studyDay } from '../domain/scheduling/time';
import type { AppDatabase, CardRow, ReviewRow } from './db';
import type { StudyConfig } from './presets';

export type DeckScope = readonly string[];

export class StaleCardError extends Error {
  constructor(readonly cardId: string) {
    super(`card ${cardId} changed since it was shown (another tab?); reload the queue`);
    this.name = 'StaleCardError';
  }
}

function emptyLog(): TodayLog & { notesSeen: Set<string> } {
  return { newDone: 0, reviewsDone: 0, notesSeen: new Set<string>() };
}

/** Today's answers in the scope, per deck and in total, from one index range read. */
export async function todayLogs(
  db: AppDatabase,
  scope: DeckScope,
  now: number,
  clock: DayClock,
): Promise<{ total: TodayLog; byDeck: Map<string, TodayLog> }> {
  const dayStart = startOfStudyDay(studyDay(now, clock), clock);
  const byDeck = new Map(scope.map((d) => [d, emptyLog()]));
  const total = emptyLog();
  for (const r of await db.reviews.where('review').aboveOrEqual(dayStart).toArray()) {
    const log = byDeck.get(r.deckId);
    if (!log) continue;
    for (const l of [log, total]) {
      l.notesSeen.add(r.noteId);
      if (r.before.state === State.New) l.newDone++;
      else if (r.beforeQueue === Queue.Review || r.beforeQueue === Queue.DayLearning) l.reviewsDone++;
    }
  }
  return { total, byDeck };
}

export async function todayLog(db: AppDatabase, scope: DeckScope, now: number, clock: DayClock): Promise<TodayLog> {
  return (await todayLogs(db, scope, now, clock)).total;
}

/** One settings object for every deck, or per-deck presets under top-level settings. */
export type QueueSettings = SchedulingSettings | StudyConfig;

function asConfig(settings: QueueSettings): StudyConfig {
  return 'forDeck' in settings ? settings : { global: settings, forDeck: () => settings };
}

const toQueueCard =
  (kind: QueueCard['kind']) =>
  (c: CardRow): QueueCard => ({ id: c.id, noteId: c.noteId, deckId: c.deckId, due: c.due, kind });

/**
 * Up to `limit` cards of one queue in one deck, due before `before`, by due, leaving out the
 * cards buried now. The range read stays a plain limited getAll (no per-row cursor filter):
 * it reads `limit + buried` rows and drops the buried ones in memory.
 */
async function scan(
  db: AppDatabase,
  deckId: string,
  queue: Queue,
  before: number,
  limit: number,
  buried: ReadonlySet<string>,
  reverse = false,
): Promise<CardRow[]> {
  const range = db.cards.where('[deckId+queue+due]').between([deckId, queue, -Infinity], [deckId, queue, before], true, false);
  const rows = await (reverse ? range.reverse() : range).limit(limit + buried.size).toArray();
  return (buried.size > 0 ? rows.filter((c) => !buried.has(c.id)) : rows).slice(0, limit);
}

/** Ids of the cards buried at `now` (few: a day's buried siblings). */
async function buriedNow(db: AppDatabase, now: number): Promise<Set<string>> {
  return new Set(await db.cards.where('buriedUntil').above(now).primaryKeys());
}

interface QueueParts {
  config: StudyConfig;
  /** Per deck, in deck-list order: the candidates its own preset lets through. */
  parts: { deckId: string; candidates: QueueCandidates }[];
  total: TodayLog;
}

async function loadQueueParts(
  db: AppDatabase,
  scope: DeckScope,
  settings: QueueSettings,
  now: number,
  clock: DayClock,
): Promise<QueueParts> {
  const config = asConfig(settings);
  return db.transaction('r', [db.cards, db.reviews, db.decks], async () => {
    const [logs, buried] = await Promise.all([todayLogs(db, scope, now, clock), buriedNow(db, now)]);
    // New cards come deck by deck in deck-list order, whatever order the scope was given in.
    const order = new Map((await db.decks.bulkGet([...scope])).map((d, i) => [scope[i], d?.order ?? i]));
    const decks = [...scope].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const tomorrow = startOfNextStudyDay(now, clock);
    const learnAhead = now + config.global.learnAheadMinutes * MINUTE;
    // Each deck first passes its own preset's limits; the merged lists then pass the top-level
    // limits (the deck's own when one deck is studied, the default preset for several).
    const parts = await Promise.all(
      decks.map(async (deckId) => {
        const deck = config.forDeck(deckId);
        const today = logs.byDeck.get(deckId) ?? emptyLog();
        const budget = candidateBudget(deck, today);
        // Intraday learning cards are few; read all due by the end of the day so the session
        // can show each one when its step comes up.
        const [learning, dayLearning, reviews, newCards] = await Promise.all([
          scan(db, deckId, Queue.Learning, Math.max(learnAhead, tomorrow), 10_000, buried),
          scan(db, deckId, Queue.DayLearning, tomorrow, budget.reviews, buried),
          scan(db, deckId, Queue.Review, tomorrow, budget.reviews, buried),
          scan(db, deckId, Queue.New, Number.MAX_SAFE_INTEGER, budget.newCards, buried, deck.newOrder === 'descending'),
        ]);
        const candidates = selectCandidates(
          {
            learning: learning.map(toQueueCard('learning')),
            dayLearning: dayLearning.map(toQueueCard('learning')),
            reviews: reviews.map(toQueueCard('review')),
            newCards: newCards.map(toQueueCard('new')),
          },
          deck,
          today,
        );
        return { deckId, candidates };
      }),
    );
    return { config, parts, total: logs.total };
  });
}

function topLimits(config: StudyConfig, scope: DeckScope): SchedulingSettings {
  return scope.length === 1 && scope[0] !== undefined ? config.forDeck(scope[0]) : config.global;
}

export async function loadQueue(
  db: AppDatabase,
  scope: DeckScope,
  settings: QueueSettings,
  now: number,
  clock: DayClock,
): Promise<StudyQueue> {
  const { config, parts, total } = await loadQueueParts(db, scope, settings, now, clock);
  return buildQueue(mergeCandidates(parts.map((p) => p.candidates)), topLimits(config, scope), total);
}

/**
 * The deck list's numbers from one read of every deck: each deck's own counts (its preset's
 * limits) and the "Study all" counts (the same parts under the top-level limits).
 */
export async function deckListCounts(
  db: AppDatabase,
  scope: DeckScope,
  settings: QueueSettings,
  now: number,
  clock: DayClock,
): Promise<{ byDeck: Map<string, QueueCounts>; all: QueueCounts }> {
  const { config, parts, total } = await loadQueueParts(db, scope, settings, now, clock);
  const byDeck = new Map(
    parts.map(({ deckId, candidates: c }) => [
      deckId,
      { newCount: c.newCards.length, learningCount: c.learning.length + c.dayLearning.length, reviewCount: c.reviews.length },
    ]),
  );
  const all = queueCounts(buildQueue(mergeCandidates(parts.map((p) => p.candidates)), topLimits(config, scope), total));
  return { byDeck, all };
}

export async function deckCounts(
  db: AppDatabase,
  scope: DeckScope,
  settings: QueueSettings,
  now: number,
  clock: DayClock,
): Promise<QueueCounts> {
  return queueCounts(await loadQueue(db, scope, settings, now, clock));
}

export interface AnswerInput {
  cardId: string;
  rating: Grade;
  now: number;
  durationMs: number;
  /** The card's reps when it was shown: a mismatch means it changed meanwhile. */
  shownReps: number;
}

export interface AnswerSaved {
  reviewId: number;
  card: CardRow;
  leech: boolean;
}

export async function saveAnswer(db: AppDatabase, input: AnswerInput, ctx: AnswerContext): Promise<AnswerSaved> {
  return db.transaction('rw', [db.cards, db.reviews, db.notes], async () => {
    // Two round trips to storage: the card's read, then the review and the card's new state written
    // together. (The study screen has already shown the next card, from the same computation.)
    const card = await db.cards.get(input.cardId);
    if (!card) throw new Error(`card ${input.cardId} does not exist`);
    if (card.reps !== input.shownReps) throw new StaleCardError(input.cardId);
    const result = answerCard(card, input.rating, input.now, ctx);
    const { id, noteId, deckId, ord, ...before } = card;
    const review: ReviewRow = {
      ...result.entry,
      cardId: id,
      noteId,
      deckId,
      durationMs: Math.max(0, Math.round(input.durationMs)),
      before,
      beforeQueue: card.queue,
      ...(result.leech ? { leech: true } : {}),
    };
    const next: CardRow = { id, noteId, deckId, ord, ...result.next };
    const [reviewId] = await Promise.all([db.reviews.add(review) as Promise<number>, db.cards.put(next)]);
    if (result.leech) {
      await db.notes
        .where('id')
        .equals(noteId)
        .modify((n) => {
          if (!n.tags.includes('leech')) n.tags.push('leech');
        });
    }
    return { reviewId, card: next, leech: result.leech };
  });
}
