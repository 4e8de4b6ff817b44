/**
 * Settings → Check collection. Reads every card, note and review in ONE transaction, finds
 * damage, and (when asked) repairs what it can in that same transaction, so nothing can change
 * between what was found and what was written.
 *
 * The review log wins. A card answered in this app must hold the state its latest answer
 * produced: that answer's stored before-state (the imported starting state, or the state after
 * the answer before it) replayed through the scheduler, with the due date the log recorded. A
 * card reset by Forget (new, no repetitions) after its last answer is not damage.
 *
 * Kinds of damage:
 * - `card-state`: the card's state is not what its latest answer produced (a save half-applied
 *   by a broken browser, a card written without its review, a review written without its card);
 *   repaired from the log.
 * - `missing-card`: answers point at a card that is gone while its note still exists; the card is
 *   rebuilt from its note and its log.
 * - `orphan-review`: answers point at a card whose note is gone too (a deleted note keeps its
 *   history for statistics): reported, not changed.
 * - `card-without-note`: a card whose note is missing cannot be shown; it is deleted (its answers
 *   stay in the log).
 * - `note-without-cards`: a note none of whose cards exist; its cards are created as new cards.
 * - `out-of-range`: a card with a due date, interval, stability, difficulty, counter, queue or
 *   state no scheduler would produce, and no answer to rebuild it from; it is reset to new.
 * - `schema`: the database is not at the version this app expects (reported).
 */
import { cardId as cardIdOf } from '../domain/deck-format/model';
import { activeQueue, answerCard, type CardState, newCardState, Queue, State } from '../domain/scheduling/scheduler';
import type { SchedulingSettings } from '../domain/scheduling/settings';
import { type DayClock, DAY, studyDay, type TimeZone } from '../domain/scheduling/time';
import { type AppDatabase, type CardRow, type NoteRow, type ReviewRow, SCHEMA_VERSION } from './db';
import { loadStudyConfig, type StudyConfig } from './presets';

export const EXPECTED_SCHEMA = SCHEMA_VERSION;

export type DamageKind =
  | 'card-state'
  | 'missing-card'
  | 'orphan-review'
  | 'card-without-note'
  | 'note-without-cards'
  | 'out-of-range'
  | 'schema';

export interface Finding {
  kind: DamageKind;
  /** What is wrong, in plain words, naming the card/note. */
  text: string;
  /** What the repair did (absent when it changes nothing). */
  repair?: string;
}

export interface CheckReport {
  checked: { cards: number; notes: number; reviews: number };
  findings: Finding[];
  /** True when the findings' repairs were written. */
  repaired: boolean;
}

/** Builds a scheduler for a settings object (ts-fsrs, loaded with the check). */
export type SchedulerFactory = (settings: SchedulingSettings) => import('ts-fsrs').FSRS;

const SCHEDULING_KEYS = [
  'stability',
  'difficulty',
  'elapsedDays',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'state',
  'due',
  'lastReview',
] as const;

const VALID_QUEUES = new Set<number>(Object.values(Queue));
const VALID_STATES = new Set<number>(Object.values(State));
/** Dates the app could have written: 2000-01-01 to 2200-01-01 (new cards' due is a position). */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

const nonNegInt = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** Why a card's stored fields are impossible, or undefined when they are in range. */
export function outOfRange(card: CardRow, maximumInterval: number): string | undefined {
  if (!VALID_QUEUES.has(card.queue)) return `queue ${String(card.queue)} is not a queue`;
  if (!VALID_STATES.has(card.state)) return `state ${String(card.state)} is not a card state`;
  if (!finite(card.due)) return `due date ${String(card.due)} is not a number`;
  if (!nonNegInt(card.reps) || !nonNegInt(card.lapses)) return 'its repetition or lapse count is not a whole number ≥ 0';
  if (!finite(card.stability) || card.stability < 0) return `stability ${String(card.stability)} is out of range`;
  if (!finite(card.difficulty) || card.difficulty < 0 || card.difficulty > 10)
    return `difficulty ${String(card.difficulty)} is out of range`;
  if (!finite(card.scheduledDays) || card.scheduledDays < 0 || card.scheduledDays > maximumInterval + 1)
    return `interval ${String(card.scheduledDays)} days is out of range`;
  if (card.lastReview !== null && (!finite(card.lastReview) || card.lastReview < EARLIEST || card.lastReview > LATEST))
    return `last answer time ${String(card.lastReview)} is out of range`;
  if (card.state !== State.New && (card.due < EARLIEST || card.due > LATEST))
    return `due date ${String(card.due)} is out of range`;
  if (card.lastReview !== null && card.state !== State.New && card.due < card.lastReview)
    return 'it is due before its last answer';
  return undefined;
}

const near = (a: number | null, b: number | null) =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

/** The card's state as its latest answer produced it (the log wins), or why it cannot be known. */
export function replayLatest(
  latest: ReviewRow,
  settings: SchedulingSettings,
  scheduler: import('ts-fsrs').FSRS,
  clock: DayClock,
): { state: CardState; exact: boolean } {
  const { next } = answerCard(latest.before, latest.rating, latest.review, { scheduler, settings, clock });
  if (next.due === latest.due) return { state: next, exact: true };
  // The settings changed since that answer (retention, steps, day start): the log's own due date
  // and the repetition counters are what it recorded; keep them.
  const scheduledDays =
    next.queue === Queue.Learning ? 0 : Math.max(0, studyDay(latest.due, clock) - studyDay(latest.review, clock));
  let queue = next.queue;
  if (queue === Queue.Learning || queue === Queue.DayLearning)
    queue = latest.due - latest.review < DAY ? Queue.Learning : Queue.DayLearning;
  return { state: { ...next, due: latest.due, scheduledDays, queue }, exact: false };
}

const isForgotten = (c: CardState) => c.state === State.New && c.reps === 0 && c.lastReview === null;

/** The queue a repaired card goes to: a suspension, burial or retirement made by the user stays. */
function repairedQueue(current: Queue | undefined, replayed: CardState): Queue {
  if (current === Queue.Suspended || current === Queue.Retired || current === Queue.Buried) return current;
  return replayed.queue;
}

function sameScheduling(card: CardRow, expected: CardState, strict: boolean): string | undefined {
  const keys = strict ? SCHEDULING_KEYS : (['due', 'reps', 'lapses', 'lastReview'] as const);
  for (const key of keys) {
    if (!near(card[key] as number | null, expected[key] as number | null)) return key;
  }
  const queueOk =
    card.queue < 0 ||
    card.queue === expected.queue ||
    (expected.queue === Queue.Suspended && card.queue === activeQueue(expected)) ||
    // Learning and day-learning are the same state on either side of a day's length.
    card.state === State.Learning ||
    card.state === State.Relearning;
  return queueOk ? undefined : 'queue';
}

export interface CardLog {
  /** The card's latest answer made in this app (imported history is not replayed). */
  review: ReviewRow | undefined;
  noteId: string;
  count: number;
}

export interface CheckData {
  cards: CardRow[];
  notes: NoteRow[];
  /** Per card id that has answers. */
  latest: Map<string, CardLog>;
  reviewCount: number;
  schemaVersion: number;
}

export interface Repairs {
  putCards: CardRow[];
  deleteCards: string[];
}

const describeCard = (id: string) => `Card ${id}`;

/** Pure: the findings and the writes that repair them. */
export function diagnose(
  data: CheckData,
  config: StudyConfig,
  schedulerFor: (settings: SchedulingSettings) => import('ts-fsrs').FSRS,
  clock: DayClock,
): { findings: Finding[]; repairs: Repairs } {
  const findings: Finding[] = [];
  const repairs: Repairs = { putCards: [], deleteCards: [] };
  if (data.schemaVersion !== EXPECTED_SCHEMA) {
    findings.push({
      kind: 'schema',
      text: `The database is at version ${data.schemaVersion}; this app expects version ${EXPECTED_SCHEMA}. Reload the page to upgrade it.`,
    });
  }
  const notes = new Map(data.notes.map((n) => [n.id, n]));
  const cards = new Map(data.cards.map((c) => [c.id, c]));
  const cardsOfNote = new Map<string, number>();
  for (const c of data.cards) cardsOfNote.set(c.noteId, (cardsOfNote.get(c.noteId) ?? 0) + 1);
  const schedulers = new Map<SchedulingSettings, import('ts-fsrs').FSRS>();
  const scheduler = (s: SchedulingSettings) => {
    let made = schedulers.get(s);
    if (!made) {
      made = schedulerFor(s);
      schedulers.set(s, made);
    }
    return made;
  };
  let maxPosition = 0;
  for (const c of data.cards) if (c.state === State.New && finite(c.due)) maxPosition = Math.max(maxPosition, c.due);

  for (const card of data.cards) {
    const label = describeCard(card.id);
    if (!notes.has(card.noteId)) {
      findings.push({
        kind: 'card-without-note',
        text: `${label} belongs to note ${card.noteId}, which does not exist.`,
        repair: `Deleted card ${card.id} (its answers stay in the log).`,
      });
      repairs.deleteCards.push(card.id);
      continue;
    }
    const settings = config.forDeck(card.deckId);
    const log = data.latest.get(card.id);
    const latest = log?.review;
    const bad = outOfRange(card, settings.maximumInterval);
    if (latest && !(isForgotten(card) && !bad)) {
      const { state: expected, exact } = replayLatest(latest, settings, scheduler(settings), clock);
      const differs = bad ?? sameScheduling(card, expected, exact);
      if (differs) {
        const fixed: CardRow = { ...card, ...expected, queue: repairedQueue(card.queue, expected) };
        findings.push({
          kind: 'card-state',
          text: `${label}: its ${bad ? bad : `stored ${differs}`} does not match its latest answer (${new Date(latest.review).toISOString()}).`,
          repair: `Set card ${card.id} to the state its latest answer produced.`,
        });
        repairs.putCards.push(fixed);
      }
      continue;
    }
    if (bad) {
      maxPosition++;
      findings.push({
        kind: 'out-of-range',
        text: `${label}: ${bad}, and it has no answer in this app to rebuild it from.`,
        repair: `Reset card ${card.id} to a new card.`,
      });
      repairs.putCards.push({ ...card, ...newCardState(maxPosition) });
    }
  }

  // Answers whose card is gone.
  for (const [id, log] of data.latest) {
    if (cards.has(id)) continue;
    const note = notes.get(log.noteId);
    const side = note?.cards.find((s) => cardIdOf(note.id, s.ord) === id);
    if (note && side) {
      const settings = config.forDeck(note.deckId);
      let state: CardState;
      if (log.review) state = replayLatest(log.review, settings, scheduler(settings), clock).state;
      else state = newCardState(++maxPosition);
      findings.push({
        kind: 'missing-card',
        text: `${log.count} answer(s) point at card ${id}, which is missing although its note ${note.id} exists.`,
        repair: `Rebuilt card ${id} from its note and its latest answer.`,
      });
      repairs.putCards.push({ id, noteId: note.id, deckId: note.deckId, ord: side.ord, ...state });
      cardsOfNote.set(note.id, (cardsOfNote.get(note.id) ?? 0) + 1);
    } else {
      findings.push({
        kind: 'orphan-review',
        text: `${log.count} answer(s) belong to card ${id}, whose note was deleted; they are kept for your statistics.`,
      });
    }
  }

  for (const note of data.notes) {
    if ((cardsOfNote.get(note.id) ?? 0) > 0 || note.retired) continue;
    if (note.cards.length === 0) {
      findings.push({ kind: 'note-without-cards', text: `Note ${note.id} has no cards and nothing to make them from.` });
      continue;
    }
    const made = note.cards.map((side) => {
      maxPosition++;
      return {
        id: cardIdOf(note.id, side.ord),
        noteId: note.id,
        deckId: note.deckId,
        ord: side.ord,
        ...newCardState(maxPosition),
      };
    });
    findings.push({
      kind: 'note-without-cards',
      text: `Note ${note.id} has no cards.`,
      repair: `Created ${made.length} new card(s) for note ${note.id}.`,
    });
    repairs.putCards.push(...made);
  }
  return { findings, repairs };
}

export interface CheckOptions {
  zone: TimeZone;
  repair: boolean;
  schedulerFor: SchedulerFactory;
}

/** Reads everything in one transaction, diagnoses, and (with `repair`) writes the repairs in it. */
export async function checkCollection(db: AppDatabase, options: CheckOptions): Promise<CheckReport> {
  const tables = [db.decks, db.notes, db.cards, db.reviews, db.presets, db.settings];
  return db.transaction(options.repair ? 'rw' : 'r', tables, async () => {
    const config = await loadStudyConfig(db);
    const clock: DayClock = { zone: options.zone, rolloverHour: config.global.rolloverHour };
    const [cards, notes] = await Promise.all([db.cards.toArray(), db.notes.toArray()]);
    const latest: CheckData['latest'] = new Map();
    let reviewCount = 0;
    // One pass over the log keeping only each card's latest answer: memory grows with cards, not answers.
    await db.reviews.each((r) => {
      reviewCount++;
      const entry = latest.get(r.cardId) ?? { review: undefined, noteId: r.noteId, count: 0 };
      entry.count++;
      if (
        !r.imported &&
        (!entry.review ||
          r.review > entry.review.review ||
          (r.review === entry.review.review && (r.id ?? 0) > (entry.review.id ?? 0)))
      )
        entry.review = r;
      latest.set(r.cardId, entry);
    });
    const data: CheckData = { cards, notes, latest, reviewCount, schemaVersion: Math.round(db.verno) };
    const { findings, repairs } = diagnose(data, config, options.schedulerFor, clock);
    const repaired = options.repair && (repairs.putCards.length > 0 || repairs.deleteCards.length > 0);
    if (repaired) {
      await db.cards.bulkDelete(repairs.deleteCards);
      await db.cards.bulkPut(repairs.putCards);
    }
    return { checked: { cards: cards.length, notes: notes.length, reviews: reviewCount }, findings, repaired };
  });
}
