/**
 * Turns a note's Markdown fields into the HTML of each of its cards.
 * Runs where decks are read (the build for built-in decks, the import worker for user decks),
 * never in the review path, so markdown-it and KaTeX stay out of the first-load bundle.
 * The HTML is still sanitised with DOMPurify when it is shown.
 */
import katex from 'katex';
import MarkdownIt from 'markdown-it';
import { clozeOrds, scanCloze } from './cloze';
import type { NoteSource } from './model';
import { errorMessage } from '../errors';

export interface RenderedCard {
  ord: number;
  front: string;
  back: string;
}

export interface RenderedNote {
  cards: RenderedCard[];
  /** Explain notes: each rubric point as inline HTML. */
  rubric?: string[];
}

/** A formula KaTeX could not render; the lint reports it with the note id. */
export class MathError extends Error {
  constructor(
    readonly tex: string,
    cause: string,
  ) {
    super(`formula ${JSON.stringify(tex)} does not render: ${cause}`);
    this.name = 'MathError';
  }
}

function renderMath(tex: string, displayMode: boolean): string {
  try {
    return katex.renderToString(tex, { displayMode, throwOnError: true, output: 'htmlAndMathml' });
  } catch (error) {
    throw new MathError(tex, errorMessage(error));
  }
}

/** markdown-it rules for $…$ and $$…$$ (the $ must hug its content, so "$5 and $10" stays text). */
function mathPlugin(md: InstanceType<typeof MarkdownIt>): void {
  md.inline.ruler.after('escape', 'math_inline', (state, silent) => {
    const src = state.src;
    const start = state.pos;
    if (src[start] !== '$') return false;
    const display = src[start + 1] === '$';
    const open = display ? 2 : 1;
    const first = src[start + open];
    if (first === undefined || /\s/.test(first)) return false;
    let end = start + open;
    for (;;) {
      end = src.indexOf(display ? '$$' : '$', end);
      if (end < 0) return false;
      if (src[end - 1] === '\\') {
        end++;
        continue;
      }
      break;
    }
    const body = src.slice(start + open, end);
    if (body.trim() === '' || /\s$/.test(body)) return false;
    if (!display && /\d/.test(src[end + 1] ?? '')) return false;
    if (!silent) {
      const token = state.push(display ? 'math_display_inline' : 'math_inline', 'math', 0);
      token.content = body;
    }
    state.pos = end + open;
    return true;
  });
  md.block.ruler.after('blockquote', 'math_block', (state, startLine, endLine, silent) => {
    const first = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]);
    if (!first.startsWith('$$')) return false;
    const rest = first.slice(2);
    let content: string;
    let last = startLine;
    if (rest.trimEnd().endsWith('$$') && rest.trim().length > 2) {
      content = rest.trimEnd().slice(0, -2);
    } else {
      const parts = [rest];
      let found = false;
      for (last = startLine + 1; last < endLine; last++) {
        const line = state.src.slice(state.bMarks[last]! + state.tShift[last]!, state.eMarks[last]);
        if (line.trimEnd().endsWith('$$')) {
          parts.push(line.trimEnd().slice(0, -2));
          found = true;
          break;
        }
        parts.push(line);
      }
      if (!found) return false;
      content = parts.join('\n');
    }
    if (silent) return true;
    const token = state.push('math_block', 'math', 0);
    token.block = true;
    token.content = content;
    token.map = [startLine, last + 1];
    state.line = last + 1;
    return true;
  });
  md.renderer.rules.math_inline = (tokens, idx) => renderMath(tokens[idx]?.content ?? '', false);
  md.renderer.rules.math_display_inline = (tokens, idx) => renderMath(tokens[idx]?.content ?? '', true);
  md.renderer.rules.math_block = (tokens, idx) => `${renderMath(tokens[idx]?.content ?? '', true)}\n`;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.use(mathPlugin);

export function renderMarkdown(text: string): string {
  return md.render(text).trim();
}

export function renderInline(text: string): string {
  return md.renderInline(text);
}

// Private-use characters mark where a deletion sits while the rest of the text goes through
// markdown-it, so a deletion may hold Markdown and math of its own.
const MARK = (k: number) => `\uE000${k}\uE001`;
const MARK_RE = /\uE000(\d+)\uE001/g;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderCloze(text: string, ord: number, side: 'front' | 'back'): string {
  const scan = scanCloze(text);
  if (!scan.ok) throw new Error(scan.problem);
  let skeleton = '';
  let at = 0;
  scan.deletions.forEach((d, k) => {
    skeleton += text.slice(at, d.start) + MARK(k);
    at = d.end;
  });
  skeleton += text.slice(at);
  return renderMarkdown(skeleton).replace(MARK_RE, (_, k: string) => {
    const d = scan.deletions[Number(k)];
    if (!d) return '';
    if (d.ord !== ord) return renderInline(d.answer);
    if (side === 'back') return `<span class="cloze">${renderInline(d.answer)}</span>`;
    const hint = d.hint?.trim() ? escapeHtml(d.hint.trim()) : '…';
    return `<span class="cloze">[${hint}]</span>`;
  });
}

/** The note's source, shown under the answer of each of its cards. */
export function renderSource(source: string): string {
  return `<div class="source"><span class="source-label">Source:</span> ${renderInline(source.replace(/\s*\n\s*/g, ' '))}</div>`;
}

export function renderNote(note: NoteSource): RenderedNote {
  const rendered = renderFields(note);
  if (!note.source) return rendered;
  const source = renderSource(note.source);
  return { ...rendered, cards: rendered.cards.map((c) => ({ ...c, back: c.back + source })) };
}

function renderFields(note: NoteSource): RenderedNote {
  switch (note.kind) {
    case 'basic':
    case 'typein': {
      const front = renderMarkdown(note.fields.front);
      const back = renderMarkdown(note.fields.back);
      return { cards: [{ ord: 0, front, back }] };
    }
    case 'reverse': {
      const front = renderMarkdown(note.fields.front);
      const back = renderMarkdown(note.fields.back);
      return {
        cards: [
          { ord: 0, front, back },
          { ord: 1, front: back, back: front },
        ],
      };
    }
    case 'cloze': {
      const scan = scanCloze(note.fields.text);
      if (!scan.ok) throw new Error(scan.problem);
      const extra = note.fields.extra ? `<div class="extra">${renderMarkdown(note.fields.extra)}</div>` : '';
      return {
        cards: clozeOrds(scan.deletions).map((ord) => ({
          ord,
          front: renderCloze(note.fields.text, ord, 'front'),
          back: renderCloze(note.fields.text, ord, 'back') + extra,
        })),
      };
    }
    case 'explain':
      return {
        cards: [{ ord: 0, front: renderMarkdown(note.fields.prompt), back: renderMarkdown(note.fields.answer) }],
        rubric: note.fields.rubric.map(renderInline),
      };
  }
}
