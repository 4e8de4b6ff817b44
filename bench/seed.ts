/**
 * Seeds a synthetic collection straight into the page's IndexedDB through the app's own schema
 * (`openDatabase` from src/storage/db.ts and its row shapes). Runs in the browser: bench/run.ts
 * bundles it with Vite's build API and evaluates it in a page of the app's origin.
 *
 * Deterministic: a seeded PRNG and the run's fixed `now` decide every row. The mix:
 * ~25 % new, ~3 % suspended, 30 learning cards (half intraday, half interday), the rest review
 * cards, of which about `dueToday` are due today (some overdue) and the others spread so that each
 * later day has about as many due. Every studied card gets about `reviewsPerCard` review rows,
 * all before today, so the day starts with nothing answered.
 */
import { cardId } from '../src/domain/deck-format/model';
import { newCardState, Queue, State } from '../src/domain/scheduling/scheduler';
import { DEFAULT_SETTINGS } from '../src/domain/scheduling/settings';
import { DAY, type DayClock, HOUR, MINUTE, runtimeZone, startOfStudyDay, studyDay } from '../src/domain/scheduling/time';
import { type AppDatabase, type CardRow, type DeckRow, type NoteRow, openDatabase, type ReviewRow } from '../src/storage/db';
import { seededRandom } from '../src/domain/stats/random';
import type { SeedOptions, SeedReport } from './protocol';

/** mulberry32, the domain's seeded generator. */
export const prng = seededRandom;

const DECKS = [
  { name: 'Research judgment', weight: 0.3 },
  { name: 'Experiments and statistics', weight: 0.22 },
  { name: 'ML systems', weight: 0.16 },
  { name: 'Papers', weight: 0.13 },
  { name: 'Failure modes', weight: 0.11 },
  { name: 'Interview practice', weight: 0.08 },
];

const WORDS =
  'model gradient variance ablation baseline token attention dataset eval loss batch optimizer warmup schedule checkpoint seed bias leakage confound metric recall precision calibration sample prior posterior bootstrap interval effect size power regression holdout drift shift scaling compute throughput latency memory kernel fusion quantise distil prune sparse dense layer norm residual embedding vocabulary tokenizer benchmark contamination rubric hypothesis control treatment randomise stratify variance-reduction significance p-value replication noise signal overfit underfit regularise dropout weight-decay learning-rate curriculum reward policy value critic rollout preference pairwise judge'.split(
    ' ',
  );

function sentence(rng: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rng() * WORDS.length)] ?? 'card');
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

interface Built {
  notes: NoteRow[];
  cards: CardRow[];
  reviews: ReviewRow[];
}

/** Rows are written in chunks of about this many cards, one transaction each. */
const CHUNK_CARDS = 2_000;
const LEARNING_CARDS = 30;

export async function seedCollection(options: SeedOptions, db: AppDatabase = openDatabase()): Promise<SeedReport> {
  const started = performance.now();
  const rng = prng(options.seed);
  const clock: DayClock = { zone: runtimeZone, rolloverHour: DEFAULT_SETTINGS.rolloverHour };
  const { now } = options;
  const today = studyDay(now, clock);
  const tomorrow = startOfStudyDay(today + 1, clock);
  const dayStart = (day: number) => startOfStudyDay(day, clock);

  // Pre-rendered text, reused: generating 100k distinct paragraphs would time the PRNG, not IndexedDB.
  const fronts = Array.from({ length: 512 }, () => sentence(rng, 8 + Math.floor(rng() * 10)));
  const backs = Array.from({ length: 512 }, () => `${sentence(rng, 25)}. ${sentence(rng, 20)}.`);

  const pSuspended = 0.03;
  const pNew = 0.25;
  const pLearning = Math.min(0.05, LEARNING_CARDS / options.cards);
  const expectedReview = Math.max(1, options.cards * (1 - pSuspended - pNew - pLearning));
  const pDueToday = Math.min(0.9, options.dueToday / expectedReview);
  /** Future due dates cover this many days, so each has about `dueToday` cards. */
  const horizon = Math.max(2, Math.round(expectedReview / options.dueToday));

  const decks: DeckRow[] = DECKS.map((d, i) => ({
    id: `bench-${i + 1}`,
    name: d.name,
    description: `Synthetic benchmark deck ${i + 1}`,
    source: 'user',
    order: i,
  }));
  const perDeck = DECKS.map((d) => Math.round(d.weight * options.cards));
  perDeck[0] = (perDeck[0] ?? 0) + options.cards - perDeck.reduce((a, b) => a + b, 0);

  const report: SeedReport = {
    decks: decks.length,
    notes: 0,
    cards: 0,
    reviews: 0,
    byQueue: { new: 0, learning: 0, dayLearning: 0, review: 0, suspended: 0 },
    reviewDueToday: 0,
    ms: 0,
    writeMs: 0,
  };

  await db.open();
  await db.transaction('rw', [db.decks, db.notes, db.cards, db.reviews], async () => {
    await Promise.all([db.decks.clear(), db.notes.clear(), db.cards.clear(), db.reviews.clear()]);
    await db.decks.bulkPut(decks);
  });

  let reviewCards = 0;
  let dueAssigned = 0;

  const history = (card: CardRow, count: number, last: number): ReviewRow[] => {
    // Reviews from oldest to newest, ending at `last`; gaps grow like a real schedule.
    const rows: ReviewRow[] = [];
    let t = last;
    const times: number[] = [];
    let gap = Math.max(1, card.scheduledDays / 2);
    for (let k = 0; k < count; k++) {
      times.push(t);
      t -= Math.max(MINUTE * 10, gap * DAY * (0.6 + rng() * 0.6));
      gap = Math.max(0.01, gap / 2);
    }
    times.reverse();
    let before: CardRow = { ...card, queue: Queue.New, state: State.New, reps: 0, lapses: 0, stability: 0, difficulty: 0 };
    for (const [k, review] of times.entries()) {
      const rating = (rng() < 0.1 ? 1 : rng() < 0.1 ? 2 : rng() < 0.9 ? 3 : 4) as ReviewRow['rating'];
      const next = times[k + 1] ?? card.due;
      const nextState = k === 0 ? State.Learning : k === times.length - 1 ? card.state : State.Review;
      const scheduledDays = Math.max(0, Math.round((next - review) / DAY));
      const { id, noteId, deckId, ord, ...beforeState } = before;
      rows.push({
        rating,
        state: before.state,
        due: next,
        stability: Math.max(0.1, scheduledDays * 1.05),
        difficulty: 2 + rng() * 6,
        elapsedDays: k === 0 ? 0 : Math.round((review - (times[k - 1] ?? review)) / DAY),
        lastElapsedDays: 0,
        scheduledDays,
        learningSteps: 0,
        review,
        studyDay: studyDay(review, clock),
        cardId: id,
        noteId,
        deckId,
        durationMs: 3_000 + Math.floor(rng() * 20_000),
        before: beforeState,
        beforeQueue: before.queue,
      });
      before = {
        ...before,
        queue: nextState === State.Review ? Queue.Review : Queue.Learning,
        state: nextState,
        due: next,
        reps: before.reps + 1,
        lastReview: review,
        stability: Math.max(0.1, scheduledDays * 1.05),
        difficulty: 2 + rng() * 6,
        scheduledDays,
      };
    }
    return rows;
  };

  const makeCard = (noteId: string, deckId: string, ord: number, position: number): { card: CardRow; reviews: ReviewRow[] } => {
    const u = rng();
    const base = { id: cardId(noteId, ord), noteId, deckId, ord };
    const reviewCount = () => Math.max(1, Math.round(options.reviewsPerCard * (0.5 + rng())));
    if (u < pNew) {
      report.byQueue.new++;
      return {
        card: { ...base, ...newCardState(position) },
        reviews: [],
      };
    }
    if (u < pNew + pLearning) {
      const intraday = rng() < 0.5;
      const relearning = rng() < 0.6;
      const lastReview = dayStart(today) - HOUR * (1 + rng() * 12);
      const card: CardRow = {
        ...base,
        queue: intraday ? Queue.Learning : Queue.DayLearning,
        // Intraday: half due now, half within the next three hours. Interday: today or tomorrow.
        due: intraday
          ? rng() < 0.5
            ? now - rng() * 30 * MINUTE
            : now + rng() * 3 * HOUR
          : dayStart(today + (rng() < 0.5 ? 0 : 1)),
        stability: relearning ? 2 + rng() * 5 : 0.5 + rng(),
        difficulty: 4 + rng() * 5,
        elapsedDays: 1,
        scheduledDays: intraday ? 0 : 1,
        learningSteps: 1,
        reps: 0,
        lapses: relearning ? 1 + Math.floor(rng() * 3) : 0,
        state: relearning ? State.Relearning : State.Learning,
        lastReview,
      };
      if (intraday) report.byQueue.learning++;
      else report.byQueue.dayLearning++;
      const rows = history(card, relearning ? reviewCount() : 1 + Math.floor(rng() * 2), lastReview);
      card.reps = rows.length;
      return { card, reviews: rows };
    }
    // Review card (a few of them suspended, keeping their history).
    const suspended = u < pNew + pLearning + pSuspended;
    // Stratified: after k review cards, round(k · pDueToday) of them are due today (exactly ~dueToday in all).
    reviewCards++;
    let d: number;
    if (dueAssigned < Math.round(reviewCards * pDueToday)) {
      dueAssigned++;
      d = -Math.floor(rng() * rng() * 7);
    } else d = 1 + Math.floor(rng() * horizon);
    const scheduledDays = d >= 0 ? d + 1 + Math.floor(rng() * (d + 10)) : 1 + Math.floor(rng() * 30);
    const lastReview = dayStart(today + d - scheduledDays) + HOUR * (5 + rng() * 14);
    const card: CardRow = {
      ...base,
      queue: suspended ? Queue.Suspended : Queue.Review,
      due: dayStart(today + d),
      stability: scheduledDays * (0.9 + rng() * 0.3),
      difficulty: 2 + rng() * 6,
      elapsedDays: scheduledDays,
      scheduledDays,
      learningSteps: 0,
      reps: 0,
      lapses: Math.floor(rng() * rng() * rng() * 5),
      state: State.Review,
      lastReview,
    };
    if (suspended) report.byQueue.suspended++;
    else {
      report.byQueue.review++;
      if (card.due < tomorrow) report.reviewDueToday++;
    }
    const rows = history(card, reviewCount(), lastReview);
    card.reps = rows.length;
    return { card, reviews: rows };
  };

  let batch: Built = { notes: [], cards: [], reviews: [] };
  const flush = async () => {
    if (batch.cards.length === 0) return;
    const { notes, cards, reviews } = batch;
    batch = { notes: [], cards: [], reviews: [] };
    const t0 = performance.now();
    await db.transaction('rw', [db.notes, db.cards, db.reviews], async () => {
      await db.notes.bulkPut(notes);
      await db.cards.bulkPut(cards);
      await db.reviews.bulkAdd(reviews);
    });
    report.writeMs += performance.now() - t0;
    report.notes += notes.length;
    report.cards += cards.length;
    report.reviews += reviews.length;
  };

  for (const [deckIndex, deck] of decks.entries()) {
    let left = perDeck[deckIndex] ?? 0;
    for (let n = 0; left > 0; n++) {
      // One note in five is a reverse note with two cards.
      const sides = left >= 2 && rng() < 0.2 ? 2 : 1;
      left -= sides;
      const noteId = `${deck.id}-n${n}`;
      const front = fronts[Math.floor(rng() * fronts.length)] ?? '';
      const back = backs[Math.floor(rng() * backs.length)] ?? '';
      const rendered = [{ ord: 0, front: `<p>${front}?</p>`, back: `<p>${back}</p>` }];
      if (sides === 2) rendered.push({ ord: 1, front: `<p>${back}</p>`, back: `<p>${front}?</p>` });
      batch.notes.push({
        id: noteId,
        deckId: deck.id,
        kind: sides === 2 ? 'reverse' : 'basic',
        tags: ['bench', `topic-${n % 17}`],
        fields: { front: `${front}?`, back },
        cards: rendered,
        hash: `h${noteId}`,
      });
      for (let ord = 0; ord < sides; ord++) {
        const { card, reviews } = makeCard(noteId, deck.id, ord, deckIndex * 1_000_000_000 + n * 100 + ord);
        batch.cards.push(card);
        for (const r of reviews) batch.reviews.push(r);
      }
      if (batch.cards.length >= CHUNK_CARDS) await flush();
    }
  }
  await flush();
  report.ms = performance.now() - started;
  return report;
}

/**
 * Bulk undo: every review row written since `since` is deleted and each card gets back the
 * state stored in its earliest such row (and a leech tag it got is taken off again).
 */
export async function resetSince(since: number, db: AppDatabase = openDatabase()): Promise<number> {
  await db.open();
  return db.transaction('rw', [db.cards, db.reviews, db.notes], async () => {
    const rows = await db.reviews.where('review').aboveOrEqual(since).toArray();
    rows.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
    const first = new Map<string, ReviewRow>();
    const leechNotes = new Set<string>();
    for (const r of rows) {
      if (!first.has(r.cardId)) first.set(r.cardId, r);
      if (r.leech) leechNotes.add(r.noteId);
    }
    const cards = await db.cards.bulkGet([...first.keys()]);
    const restored: CardRow[] = [];
    for (const card of cards) {
      const r = card && first.get(card.id);
      if (card && r) restored.push({ id: card.id, noteId: card.noteId, deckId: card.deckId, ord: card.ord, ...r.before });
    }
    await db.cards.bulkPut(restored);
    await db.reviews.bulkDelete(rows.map((r) => r.id as number));
    for (const noteId of leechNotes) {
      await db.notes.update(noteId, (note) => {
        note.tags = note.tags.filter((t) => t !== 'leech');
      });
    }
    return rows.length;
  });
}
