/** Review rows for a synthetic history (domain/optimiser/synthetic.ts), as imported history is stored. */
import type { Page } from 'playwright-core';
import type { CardHistory } from '../../src/domain/optimiser/history';
import { type SyntheticOptions, syntheticHistory } from '../../src/domain/optimiser/synthetic';
import { type DayClock, fixedZone, studyDay } from '../../src/domain/scheduling/time';
import { seededRandom } from '../../src/domain/random';

export interface CardRef {
  id: string;
  noteId: string;
  deckId: string;
}

/** Card k of `cards` gets history k; every answer took `durationMs`. */
export function reviewRowsOf(
  histories: readonly CardHistory[],
  cards: readonly CardRef[],
  durationMs = 6000,
): Record<string, unknown>[] {
  return histories.flatMap((h, k) =>
    h.answers.map((a) => ({
      cardId: cards[k]!.id,
      noteId: cards[k]!.noteId,
      deckId: cards[k]!.deckId,
      rating: a.rating,
      state: 2,
      review: a.at,
      studyDay: a.day,
      durationMs,
      before: { state: 2 },
      beforeQueue: 2,
      imported: true,
    })),
  );
}

/**
 * A synthetic history ending yesterday in the page's time zone, with each answer's study day as
 * the app counts it there.
 */
export async function pageSyntheticHistory(
  page: Page,
  options: Omit<SyntheticOptions, 'random' | 'firstDay'> & { seed: number },
): Promise<{ histories: CardHistory[]; clock: DayClock; today: number }> {
  const offset = await page.evaluate(() => -new Date().getTimezoneOffset());
  const now = await page.evaluate(() => Date.now());
  const clock: DayClock = { zone: fixedZone(offset), rolloverHour: 4 };
  const today = studyDay(now, clock);
  const histories = syntheticHistory({ ...options, random: seededRandom(options.seed), firstDay: today - options.days });
  for (const h of histories) for (const a of h.answers) a.day = studyDay(a.at, clock);
  return { histories, clock, today };
}
