/**
 * When a session has nothing left for today, the first card of the next study day is kept for
 * the boot script (src/resume/boot.ts): tomorrow morning's start from the home screen paints it
 * at once. Loaded only at that moment (it runs the queue and the scheduler for tomorrow).
 */
import { nextCard, queueCounts } from '../domain/queue/queue';
import { makeScheduler } from '../domain/scheduling/engine';
import { type Grade, intervalLabel, previewAnswers } from '../domain/scheduling/scheduler';
import { type DayClock, startOfNextStudyDay } from '../domain/scheduling/time';
import type { AppDatabase } from '../storage/db';
import type { StudyConfig } from '../storage/presets';
import { loadQueue } from '../storage/study';
import { clearResume, keepForResume } from './resume';

export interface NextDayInput {
  db: AppDatabase;
  scope: readonly string[];
  config: StudyConfig;
  clock: DayClock;
  now: number;
  /** The study route and its title, as the boot script will show them. */
  hash: string;
  title: string;
  tapToReveal: boolean;
}

const GRADES: Grade[] = [1, 2, 3, 4];

export async function rememberNextDay({ db, scope, config, clock, now, hash, title, tapToReveal }: NextDayInput): Promise<void> {
  const from = startOfNextStudyDay(now, clock);
  const queue = await loadQueue(db, scope, config, from, clock);
  const head = nextCard(queue, from, 0);
  const [card, note] = head ? await Promise.all([db.cards.get(head.id), db.notes.get(head.noteId)]) : [];
  const side = note?.cards.find((c) => c.ord === card?.ord);
  if (!card || !note || !side) {
    clearResume();
    return;
  }
  const settings = config.forDeck(card.deckId);
  const outcomes = previewAnswers(card, from, { scheduler: makeScheduler(settings), settings, clock });
  keepForResume({
    card,
    note,
    side,
    labels: GRADES.map((g) => intervalLabel(outcomes[g], from, clock)) as [string, string, string, string],
    counts: queueCounts(queue),
    hash,
    title,
    tapToReveal,
    validFrom: from,
    validUntil: startOfNextStudyDay(from, clock),
  });
}
