/**
 * Words the whole app shares, defined once: grade names, flag names and their range, plurals.
 * (The boot script, src/resume/, keeps its own four grade names: it imports nothing from the app.)
 */
import { Rating } from './scheduling/scheduler';

/** The name of each answer grade, by its rating. */
export const GRADE_NAMES: Readonly<Record<number, string>> = {
  [Rating.Again]: 'Again',
  [Rating.Hard]: 'Hard',
  [Rating.Good]: 'Good',
  [Rating.Easy]: 'Easy',
};

/** The four answer buttons: rating, name, and the key that gives it (its number). */
export const GRADE_BUTTONS = ([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const).map((rating) => ({
  rating,
  label: GRADE_NAMES[rating] ?? '',
  key: String(rating),
}));

/** Flag n's colour (0 = no flag), as Anki numbers them. */
export const FLAG_NAMES = ['No flag', 'Red', 'Orange', 'Green', 'Blue', 'Pink', 'Turquoise', 'Purple'] as const;
export const MAX_FLAG = FLAG_NAMES.length - 1;

/** True for a flag number a card may carry: a whole number from 0 (none) to MAX_FLAG. */
export function isFlag(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_FLAG;
}

/** The word for n of something: "card" for 1, "cards" otherwise (or the plural given). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}

/** "1 card", "3 cards". */
export function countOf(n: number, word: string, many?: string): string {
  return `${n} ${plural(n, word, many)}`;
}
