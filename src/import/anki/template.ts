/**
 * Anki card templates (a Mustache-like language) rendered to HTML without running anything:
 * {{Field}}, {{FrontSide}}, {{#Field}}…{{/Field}}, {{^Field}}…{{/Field}}, filters such as
 * {{cloze:Text}}, {{type:Back}}, {{hint:Extra}}, {{text:Front}} and the Japanese ruby filters
 * (furigana/kana/kanji). Filters apply from the one next to the field outwards, as in Anki.
 * Written from Anki's documented template syntax; unknown filters are ignored with a warning.
 */
import { escapeHtml, stripHtml } from '../util';
import { clozeAnswers, renderClozeHtml } from './cloze';

export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'field'; key: string; filters: string[] }
  | { type: 'section'; key: string; negated: boolean; children: TemplateNode[] };

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const ALT_SYNTAX = '{{=<% %>=}}';

export function parseTemplate(source: string): TemplateNode[] {
  let src = source;
  if (src.trimStart().startsWith(ALT_SYNTAX)) {
    src = src.trimStart().slice(ALT_SYNTAX.length).replaceAll('<%', '{{').replaceAll('%>', '}}');
  }
  const root: TemplateNode[] = [];
  const stack: Array<{ key: string; children: TemplateNode[] }> = [];
  const target = () => stack[stack.length - 1]?.children ?? root;
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      target().push({ type: 'text', text: src.slice(i) });
      break;
    }
    if (open > i) target().push({ type: 'text', text: src.slice(i, open) });
    const close = src.indexOf('}}', open + 2);
    const nextOpen = src.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      // A stray "{{" is text, as it would show in Anki.
      target().push({ type: 'text', text: '{{' });
      i = open + 2;
      continue;
    }
    const inner = src.slice(open + 2, close).trim();
    i = close + 2;
    const head = inner[0];
    if (inner.length >= 2 && (head === '#' || head === '^')) {
      const key = inner.slice(1).trim();
      const section: TemplateNode = { type: 'section', key, negated: head === '^', children: [] };
      target().push(section);
      stack.push({ key, children: section.children });
    } else if (inner.length >= 2 && head === '/') {
      const key = inner.slice(1).trim();
      const top = stack.pop();
      if (!top) throw new TemplateError(`{{/${key}}} closes a section that was never opened`);
      if (top.key !== key) throw new TemplateError(`{{/${key}}} closes {{#${top.key}}}`);
    } else {
      const parts = inner.split(':');
      const key = (parts.pop() ?? '').trim();
      target().push({ type: 'field', key, filters: parts.map((f) => f.trim()).reverse() });
    }
  }
  const unclosed = stack.pop();
  if (unclosed) throw new TemplateError(`{{#${unclosed.key}}} is never closed`);
  return root;
}

export interface RenderContext {
  /** Field name → HTML. */
  fields: ReadonlyMap<string, string>;
  /** Tags, Type, Deck, Subdeck, Card, CardFlag. */
  specials: Readonly<Record<string, string>>;
  /** Cloze number of the card (1-based), or 0 for normal note types. */
  clozeOrd: number;
  side: 'question' | 'answer';
  /** The rendered question, for {{FrontSide}} on the answer side. */
  frontSide: string;
  warn: (category: string, message: string) => void;
}

/** Empty in Anki's sense: nothing but whitespace, <br>, <div> wrappers and &nbsp;. */
export function fieldIsEmpty(html: string): boolean {
  return html.replace(/<br\s*\/?>|<\/?div>|&nbsp;|\s/gi, '') === '';
}

function lookup(key: string, ctx: RenderContext): string | undefined {
  const field = ctx.fields.get(key);
  if (field !== undefined) return field;
  if (key === 'FrontSide') return ctx.side === 'answer' ? ctx.frontSide : '';
  return ctx.specials[key];
}

function nonEmpty(key: string, ctx: RenderContext): boolean {
  if (ctx.clozeOrd > 0 && key === `c${ctx.clozeOrd}`) return true;
  const value = lookup(key, ctx);
  return value !== undefined && !fieldIsEmpty(value);
}

/** {{furigana:…}}: "漢字[かんじ]" → ruby; kana/kanji keep one half. */
const RUBY = / ?([^ >[\]]+?)\[(.+?)\]/g;
function furigana(text: string, mode: 'furigana' | 'kana' | 'kanji'): string {
  return text.replace(RUBY, (_, base: string, reading: string) => {
    if (reading.startsWith('sound:')) return _;
    if (mode === 'kana') return reading;
    if (mode === 'kanji') return base;
    return `<ruby><rb>${base}</rb><rt>${reading}</rt></ruby>`;
  });
}

function applyFilters(key: string, value: string, filters: readonly string[], ctx: RenderContext): string {
  let text = value;
  for (const spec of filters) {
    const name = spec.split(/\s+/)[0] ?? '';
    switch (name) {
      case '':
        break;
      case 'cloze':
        if (ctx.clozeOrd > 0) text = renderClozeHtml(text, ctx.clozeOrd, ctx.side);
        break;
      case 'cloze-only':
        text = ctx.clozeOrd > 0 ? clozeAnswers(text, ctx.clozeOrd).join(', ') : '';
        break;
      case 'text':
        text = stripHtml(text);
        break;
      case 'hint':
        text = fieldIsEmpty(text) ? '' : `<details class="hint"><summary>${escapeHtml(key)}</summary>${text}</details>`;
        break;
      case 'furigana':
      case 'kana':
      case 'kanji':
        text = furigana(text, name);
        break;
      case 'tts':
        ctx.warn('tts', 'text-to-speech ({{tts:…}}) is not supported; the text is shown instead');
        break;
      case 'nc':
      case 'rtl':
        break;
      default:
        ctx.warn(`filter:${name}`, `template filter "${name}" is not supported and was ignored`);
    }
  }
  return text;
}

export function renderTemplate(nodes: readonly TemplateNode[], ctx: RenderContext): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += node.text;
    } else if (node.type === 'section') {
      if (nonEmpty(node.key, ctx) !== node.negated) out += renderTemplate(node.children, ctx);
    } else {
      out += renderField(node.key, node.filters, ctx);
    }
  }
  return out;
}

function renderField(key: string, filters: readonly string[], ctx: RenderContext): string {
  const value = lookup(key, ctx);
  if (value === undefined) {
    ctx.warn(`missing-field:${key}`, `template refers to a field "${key}" that the note type does not have`);
    return '';
  }
  const typeAt = filters.indexOf('type');
  if (typeAt >= 0) {
    // Type-in answers: nothing to type into here; the answer side shows the expected answer.
    ctx.warn('type', 'type-in answers ({{type:…}}) are shown as basic cards: the answer is revealed, not typed');
    if (ctx.side === 'question') return '';
    const isCloze = filters.includes('cloze');
    const answer = isCloze && ctx.clozeOrd > 0 ? clozeAnswers(value, ctx.clozeOrd).join(', ') : value;
    return `<div class="type-answer">${answer}</div>`;
  }
  return applyFilters(key, value, filters, ctx);
}
