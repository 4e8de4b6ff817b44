/**
 * Content rules for the built-in decks, on top of what the parser already enforces.
 * Returns every problem found (not just the first), each naming file, line and note.
 */
import { scanCloze } from './cloze';
import { type DeckSource, type NoteSource, RUBRIC_KINDS } from './model';
import { MathError, renderNote } from './render';

export const LIMITS = {
  /** Words in the back of a basic/reverse card or the text of a cloze note. */
  shortAnswerWords: 60,
  explainAnswerWords: 200,
} as const;

/** The tag a content author puts on every card built on a published scenario or finding. */
export const SOURCE_REQUIRED_TAG = 'src:required';
const YEAR = /\b(?:19|20)\d{2}\b/;
const LINK = /\bhttps?:\/\/[^\s>)]+/;

/** What is missing from a source: a year (19xx/20xx) and an http(s) link; empty when both are there. */
export function sourceProblems(source: string): string[] {
  return [
    ...(YEAR.test(source) ? [] : ['Source: has no year (19xx or 20xx)']),
    ...(LINK.test(source) ? [] : ['Source: has no http(s) link']),
  ];
}

export interface LintOptions {
  /** Every explain note needs at least one rubric point of each kind (test, why, mind). */
  rubricKinds: boolean;
}

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

export function lintDecks(inputs: readonly LintInput[], options: LintOptions = { rubricKinds: true }): LintProblem[] {
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

      if (note.source !== undefined) for (const problem of sourceProblems(note.source)) report(problem);
      else if (note.tags.includes(SOURCE_REQUIRED_TAG)) report(`note is tagged ${SOURCE_REQUIRED_TAG} but has no Source:`);

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
          if (options.rubricKinds) {
            const kinds = note.fields.rubricKinds ?? [];
            const missing = RUBRIC_KINDS.filter((kind) => !kinds.includes(kind));
            if (missing.length > 0) {
              report(
                `rubric has no ${missing.map((k) => `[${k}]`).join(', ')} point (each explain note needs [test], [why] and [mind])`,
              );
            }
          }
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
