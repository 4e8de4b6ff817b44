/**
 * Cloze deletions in Anki's syntax: {{c1::answer}} or {{c1::answer::hint}}.
 * A brace-depth scanner rather than a regex, so deletions that hold math such as
 * {{c1::$\frac{1}{\sqrt{n}}$}} close at the right "}}".
 */

export interface ClozeDeletion {
  /** Cloze number n of "cN". */
  ord: number;
  answer: string;
  hint: string | undefined;
  start: number;
  end: number;
}

export type ClozeScan = { ok: true; deletions: ClozeDeletion[] } | { ok: false; offset: number; problem: string };

const OPEN = /\{\{c(\d+)::/y;

export function scanCloze(text: string): ClozeScan {
  const deletions: ClozeDeletion[] = [];
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('{{c', i);
    if (at < 0) break;
    OPEN.lastIndex = at;
    const open = OPEN.exec(text);
    if (!open) {
      i = at + 3;
      continue;
    }
    const ord = Number(open[1]);
    if (!Number.isInteger(ord) || ord < 1 || ord > 99) {
      return { ok: false, offset: at, problem: `cloze number c${open[1]} is outside 1–99` };
    }
    const bodyStart = at + open[0].length;
    let depth = 0;
    let j = bodyStart;
    let close = -1;
    while (j < text.length) {
      const ch = text[j];
      if (ch === '\\') {
        j += 2;
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}') {
        if (depth === 0 && text[j + 1] === '}') {
          close = j;
          break;
        }
        depth = Math.max(0, depth - 1);
      }
      j++;
    }
    if (close < 0) {
      return { ok: false, offset: at, problem: `cloze deletion c${ord} is not closed with }}` };
    }
    const body = text.slice(bodyStart, close);
    const split = splitHint(body);
    if (split.answer.trim() === '') {
      return { ok: false, offset: at, problem: `cloze deletion c${ord} has an empty answer` };
    }
    deletions.push({ ord, answer: split.answer, hint: split.hint, start: at, end: close + 2 });
    i = close + 2;
  }
  return { ok: true, deletions };
}

/** The hint separator is the last "::" at brace depth 0. */
function splitHint(body: string): { answer: string; hint: string | undefined } {
  let depth = 0;
  let sep = -1;
  for (let k = 0; k < body.length; k++) {
    const ch = body[k];
    if (ch === '\\') {
      k++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === ':' && body[k + 1] === ':' && depth === 0) sep = k;
  }
  if (sep < 0) return { answer: body, hint: undefined };
  return { answer: body.slice(0, sep), hint: body.slice(sep + 2) };
}

/** Distinct cloze numbers in ascending order: one card each. */
export function clozeOrds(deletions: readonly ClozeDeletion[]): number[] {
  return [...new Set(deletions.map((d) => d.ord))].sort((a, b) => a - b);
}
