/**
 * Content rules for the built-in decks, on top of what the parser already enforces.
 * Returns every problem found (not just the first), each naming file, line and note.
 */
import { scanCloze } from './cloze';
import type { DeckSource, NoteSource } from './model';
import { MathError, renderNote } from './render';

export const LIMITS = {
  /** Words in the back of a basic/reverse card or the text of a cloze note. */
  shortAnswerWords: 60,
  explainAnswerWords: 200,
} as const;

export interface LintProblem {
  file: string;
  line: number;
  noteId: string;
  problem: string;
}

export interface LintInput {
  file: string;
  deck: DeckSource;
}

/** A formula counts as one word; Markdown punctuation does not count. */
export function countWords(text: string): number {
  const withoutMath = text.replace(/\$\$[\s\S]*?\$\$|\$[^$\n]+\$/g, ' MATH ');
  return withoutMath
    .replace(/[*_`#>|]/g, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function frontText(note: NoteSource): string {
  switch (note.kind) {
    case 'basic':
    case 'reverse':
    case 'typein':
      return note.fields.front;
    case 'cloze':
      return note.fields.text;
    case 'explain':
      return note.fields.prompt;
  }
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function lintDecks(inputs: readonly LintInput[]): LintProblem[] {
  const problems: LintProblem[] = [];
  const ids = new Map<string, string>();
  const fronts = new Map<string, string>();
  const deckIds = new Map<string, string>();

  for (const { file, deck } of inputs) {
    const other = deckIds.get(deck.id);
    if (other) problems.push({ file, line: 1, noteId: '', problem: `deck id "${deck.id}" is also used by ${other}` });
    deckIds.set(deck.id, file);

    for (const note of deck.notes) {
      const report = (problem: string) => problems.push({ file, line: note.line, noteId: note.id, problem });
      const where = `${file}:${note.line}`;

      const prior = ids.get(note.id);
      if (prior) report(`note id "${note.id}" is also used at ${prior}`);
      ids.set(note.id, where);

      const key = `${note.kind}:${normalise(frontText(note))}`;
      const same = fronts.get(key);
      if (same) report(`same front as the note at ${same}`);
      fronts.set(key, where);
      if (note.kind === 'reverse') {
        const backKey = `${note.kind}:${normalise(note.fields.back)}`;
        const sameBack = fronts.get(backKey);
        if (sameBack) report(`back duplicates the front of the note at ${sameBack}`);
        fronts.set(backKey, where);
      }

      if (note.tags.length === 0) report('note has no tags');
      if (!note.tags.includes(deck.id)) report(`note is not tagged with its deck topic "${deck.id}"`);

      switch (note.kind) {
        case 'basic':
        case 'typein':
        case 'reverse': {
          const words = countWords(note.fields.back);
          if (words > LIMITS.shortAnswerWords) report(`back has ${words} words (limit ${LIMITS.shortAnswerWords})`);
          if (note.kind === 'reverse') {
            const frontWords = countWords(note.fields.front);
            if (frontWords > LIMITS.shortAnswerWords) {
              report(`front of a reverse note has ${frontWords} words (limit ${LIMITS.shortAnswerWords})`);
            }
          }
          break;
        }
        case 'cloze': {
          const words = countWords(note.fields.text);
          if (words > LIMITS.shortAnswerWords) report(`cloze text has ${words} words (limit ${LIMITS.shortAnswerWords})`);
          const scan = scanCloze(note.fields.text);
          if (!scan.ok) report(scan.problem);
          else if (scan.deletions.some((d) => /\$/.test(d.answer) && (d.answer.match(/\$/g)?.length ?? 0) % 2 === 1)) {
            report('a cloze deletion splits a formula; put the whole formula inside the deletion');
          }
          break;
        }
        case 'explain': {
          const words = countWords(note.fields.answer);
          if (words > LIMITS.explainAnswerWords) report(`model answer has ${words} words (limit ${LIMITS.explainAnswerWords})`);
          break;
        }
      }

      try {
        const rendered = renderNote(note);
        for (const card of rendered.cards) {
          if (card.front.replace(/<[^>]*>/g, '').trim() === '') report(`card ${card.ord} has an empty front`);
          if (card.back.replace(/<[^>]*>/g, '').trim() === '') report(`card ${card.ord} has an empty back`);
        }
      } catch (error) {
        report(error instanceof MathError ? error.message : `does not render: ${String(error)}`);
      }
    }
  }
  return problems;
}
