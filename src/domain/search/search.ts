/**
 * Card search for the Browse screen (pure): a query string becomes a list of terms that all have
 * to hold (AND), and one function decides whether a card matches. `now` and the study-day
 * boundaries come in as parameters; storage decides which index to read and calls `matchCard`.
 *
 * Syntax
 *   word            the word anywhere in the note's fields or the card's rendered text (any case)
 *   "a phrase"      the words in this order
 *   *               wildcard inside a word, a deck or a tag: dist*shift, deck:stat*, tag:seed:*
 *   -term           negation of any term: -is:suspended, -"one run"
 *   is:due          learning/review queues, due before the start of the next study day (not buried)
 *   is:new | is:learn | is:review | is:suspended   by queue (learn = intraday and interday learning)
 *   is:buried       buried until later than now
 *   is:leech        the note has the tag "leech"
 *   flag:N          flag 0–7 (0 = no flag)
 *   deck:X          deck id or name (whole value, any case, * wildcard)
 *   tag:X           a tag (any case, * wildcard); also matches its children X/… and X::…
 *   prop:P<op>N     P = lapses | reps | ivl (scheduled days) | due (days from today, learning and
 *                   review cards); op = < <= > >= = !=
 */
import { type CardState, Queue, State } from '../scheduling/scheduler';
import { type DayClock, startOfNextStudyDay, studyDay } from '../scheduling/time';

export const IS_VALUES = ['due', 'new', 'learn', 'review', 'suspended', 'buried', 'leech'] as const;
export type IsValue = (typeof IS_VALUES)[number];

export const PROPS = ['lapses', 'reps', 'ivl', 'due'] as const;
export type Prop = (typeof PROPS)[number];

export const OPS = ['<=', '>=', '!=', '<', '>', '='] as const;
export type Op = (typeof OPS)[number];

export type Term = { negate: boolean; raw: string } & (
  | { kind: 'text'; text: string }
  | { kind: 'is'; value: IsValue }
  | { kind: 'flag'; flag: number }
  | { kind: 'deck'; pattern: string }
  | { kind: 'tag'; pattern: string }
  | { kind: 'prop'; prop: Prop; op: Op; value: number }
);

export interface Query {
  source: string;
  terms: Term[];
}

export type ParseResult = { ok: true; query: Query } | { ok: false; term: string; message: string };

/** What matching needs from a card (a structural subset of the stored row). */
export interface SearchCard extends Pick<CardState, 'queue' | 'due' | 'reps' | 'lapses' | 'scheduledDays' | 'state'> {
  ord: number;
  deckId: string;
  flag?: number;
  buriedUntil?: number;
}

export interface SearchNote {
  tags: readonly string[];
  fields: Readonly<Record<string, string | readonly string[]>>;
  cards: readonly { ord: number; front: string; back: string }[];
  retired?: boolean;
}

export interface SearchDeck {
  id: string;
  name: string;
}

export interface SearchSubject {
  card: SearchCard;
  note: SearchNote;
  deck: SearchDeck | undefined;
}

/** The instants a search is evaluated against. */
export interface SearchContext {
  now: number;
  /** Start of the next study day: "due today" means due before this. */
  nextDayStart: number;
  /** Study-day number of an instant (for prop:due). */
  studyDayOf: (t: number) => number;
}

export function searchContext(now: number, clock: DayClock): SearchContext {
  return { now, nextDayStart: startOfNextStudyDay(now, clock), studyDayOf: (t) => studyDay(t, clock) };
}

// ---------------------------------------------------------------------------------------------
// Parsing

interface Token {
  raw: string;
  value: string;
  negate: boolean;
  /** The term (after any "-") starts with a quote: a phrase, never a filter. */
  phrase: boolean;
}

/** Splits on whitespace outside double quotes; an unclosed quote runs to the end. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i] ?? '')) i++;
    if (i >= input.length) break;
    const start = i;
    let negate = false;
    if (input[i] === '-' && i + 1 < input.length && !/\s/.test(input[i + 1] ?? '')) {
      negate = true;
      i++;
    }
    const phrase = input[i] === '"';
    let value = '';
    let quoted = false;
    while (i < input.length) {
      const ch = input[i] ?? '';
      if (ch === '"') quoted = !quoted;
      else if (!quoted && /\s/.test(ch)) break;
      else value += ch;
      i++;
    }
    tokens.push({ raw: input.slice(start, i), value, negate, phrase });
  }
  return tokens;
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

class QueryError extends Error {
  constructor(
    readonly term: string,
    message: string,
  ) {
    super(message);
  }
}

function parseTerm(token: Token): Term | null {
  const { raw, negate } = token;
  const base = { raw, negate };
  const filter = token.phrase ? null : /^(is|flag|deck|tag|prop):(.*)$/is.exec(token.value);
  if (!filter) {
    const text = normaliseSpace(token.value.toLowerCase());
    return text ? { ...base, kind: 'text', text } : null;
  }
  const name = (filter[1] ?? '').toLowerCase();
  const value = filter[2] ?? '';
  switch (name) {
    case 'is': {
      const v = value.toLowerCase();
      if (!(IS_VALUES as readonly string[]).includes(v)) {
        const hint = `use one of ${IS_VALUES.map((x) => `is:${x}`).join(', ')}`;
        throw new QueryError(raw, v ? `Unknown filter "${raw}": ${hint}.` : `"${raw}" needs a value: ${hint}.`);
      }
      return { ...base, kind: 'is', value: v as IsValue };
    }
    case 'flag': {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n > 7) throw new QueryError(raw, `"${raw}": the flag must be a whole number from 0 to 7.`);
      return { ...base, kind: 'flag', flag: n };
    }
    case 'deck':
    case 'tag': {
      const pattern = value.trim();
      if (!pattern)
        throw new QueryError(raw, `"${raw}" needs a ${name === 'deck' ? 'deck name or id' : 'tag'}, e.g. ${name}:stat*.`);
      return { ...base, kind: name, pattern };
    }
    case 'prop': {
      const m = /^([a-z]*)(<=|>=|!=|<|>|=)(.*)$/i.exec(value);
      if (!m) throw new QueryError(raw, `"${raw}": expected a comparison such as prop:lapses>3 or prop:due<=0.`);
      const prop = (m[1] ?? '').toLowerCase();
      if (!(PROPS as readonly string[]).includes(prop)) {
        throw new QueryError(raw, `"${raw}": unknown property "${m[1]}" (use lapses, reps, ivl or due).`);
      }
      const num = (m[3] ?? '').trim();
      if (!NUMBER.test(num)) throw new QueryError(raw, `"${raw}": "${num}" is not a number.`);
      return { ...base, kind: 'prop', prop: prop as Prop, op: m[2] as Op, value: Number(num) };
    }
  }
  return null;
}

export function parseQuery(input: string): ParseResult {
  const terms: Term[] = [];
  try {
    for (const token of tokenize(input)) {
      const term = parseTerm(token);
      if (term) terms.push(term);
    }
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, term: error.term, message: error.message };
    throw error;
  }
  return { ok: true, query: { source: input.trim(), terms } };
}

// ---------------------------------------------------------------------------------------------
// Matching

function normaliseSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function globSource(pattern: string): string {
  return pattern.split('*').map(escapeRegex).join('.*');
}

const regexCache = new Map<string, RegExp>();
function cached(key: string, make: () => RegExp): RegExp {
  let re = regexCache.get(key);
  if (!re) {
    if (regexCache.size > 500) regexCache.clear();
    re = make();
    regexCache.set(key, re);
  }
  return re;
}

/** Whole-value, case-insensitive glob match (deck ids and names). */
export function globMatch(pattern: string, value: string): boolean {
  return cached(`g:${pattern}`, () => new RegExp(`^${globSource(pattern)}$`, 'i')).test(value);
}

/** A tag matches itself and its children (tag/child, tag::child). */
export function tagMatches(pattern: string, tag: string): boolean {
  return cached(`t:${pattern}`, () => new RegExp(`^${globSource(pattern)}(?:(?:/|::).*)?$`, 'i')).test(tag);
}

export function deckMatches(pattern: string, deck: SearchDeck): boolean {
  return globMatch(pattern, deck.id) || globMatch(pattern, deck.name);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const BLOCK = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'td',
  'th',
  'pre',
  'blockquote',
  'table',
]);

/**
 * Card HTML as one line of plain text: tags dropped, entities decoded, and a KaTeX formula
 * reduced to its TeX source (its visual half is aria-hidden and its MathML is skipped).
 */
export function htmlToText(html: string): string {
  const out: string[] = [];
  const stack: { name: string; hidden: boolean }[] = [];
  const hidden = () => stack[stack.length - 1]?.hidden ?? false;
  const re = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)|</g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [whole, closing, rawName, attrs = '', text] = m;
    if (text !== undefined) {
      if (!hidden()) out.push(decodeEntities(text));
      continue;
    }
    if (!rawName) {
      if (whole === '<' && !hidden()) out.push('<');
      continue;
    }
    const name = rawName.toLowerCase();
    if (BLOCK.has(name)) out.push(' ');
    if (closing) {
      const at = stack.map((s) => s.name).lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    if (VOID.has(name) || /\/\s*$/.test(attrs)) continue;
    const parentHidden = hidden();
    const ariaHidden = /\baria-hidden\s*=\s*["']?true/i.test(attrs);
    const texSource = name === 'annotation' && /encoding\s*=\s*["']application\/x-tex/i.test(attrs);
    const isHidden = texSource ? false : parentHidden || ariaHidden || name === 'math' || name === 'script' || name === 'style';
    stack.push({ name, hidden: isHidden });
  }
  return normaliseSpace(out.join(''));
}

function fieldText(value: string | readonly string[]): string {
  return typeof value === 'string' ? value : value.join('\n');
}

/** What free text is matched against: the note's fields plus the card's rendered front and back. */
export function searchableText(note: SearchNote, ord: number): string {
  const side = note.cards.find((c) => c.ord === ord);
  const parts = Object.values(note.fields).map(fieldText);
  if (side) parts.push(htmlToText(side.front), htmlToText(side.back));
  return normaliseSpace(parts.join(' ').toLowerCase());
}

function textMatches(text: string, haystack: string): boolean {
  if (!text.includes('*')) return haystack.includes(text);
  return cached(`x:${text}`, () => new RegExp(globSource(text))).test(haystack);
}

const ACTIVE_QUEUES: readonly number[] = [Queue.Learning, Queue.DayLearning, Queue.Review];

export function isBuried(card: SearchCard, now: number): boolean {
  return card.buriedUntil !== undefined && card.buriedUntil > now;
}

/**
 * Days from today to the card's due day (0 = today, negative = overdue). Null for cards whose
 * `due` is a new-card position (new cards, suspended new cards) and for retired cards.
 */
export function dueInDays(card: SearchCard, ctx: SearchContext): number | null {
  if (card.queue === Queue.New || card.queue === Queue.Retired || card.state === State.New) return null;
  return ctx.studyDayOf(card.due) - ctx.studyDayOf(ctx.now);
}

function compare(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '=':
      return a === b;
    case '!=':
      return a !== b;
  }
}

function isMatch(value: IsValue, card: SearchCard, note: SearchNote | undefined, ctx: SearchContext): boolean {
  switch (value) {
    case 'due':
      return ACTIVE_QUEUES.includes(card.queue) && card.due < ctx.nextDayStart && !isBuried(card, ctx.now);
    case 'new':
      return card.queue === Queue.New;
    case 'learn':
      return card.queue === Queue.Learning || card.queue === Queue.DayLearning;
    case 'review':
      return card.queue === Queue.Review;
    case 'suspended':
      return card.queue === Queue.Suspended;
    case 'buried':
      return isBuried(card, ctx.now);
    case 'leech':
      return (note?.tags ?? []).some((t) => t.toLowerCase() === 'leech');
  }
}

/** The term needs the note (text, tags, leech); the others are decided from the card and deck. */
export function needsNote(term: Term): boolean {
  return term.kind === 'text' || term.kind === 'tag' || (term.kind === 'is' && term.value === 'leech');
}

function termHolds(
  term: Term,
  s: { card: SearchCard; note?: SearchNote; deck: SearchDeck | undefined },
  ctx: SearchContext,
  text: () => string,
): boolean {
  const { card, note, deck } = s;
  switch (term.kind) {
    case 'text':
      return textMatches(term.text, text());
    case 'is':
      return isMatch(term.value, card, note, ctx);
    case 'flag':
      return (card.flag ?? 0) === term.flag;
    case 'deck':
      return deck !== undefined && deckMatches(term.pattern, deck);
    case 'tag':
      return (note?.tags ?? []).some((t) => tagMatches(term.pattern, t));
    case 'prop': {
      let value: number | null;
      if (term.prop === 'lapses') value = card.lapses;
      else if (term.prop === 'reps') value = card.reps;
      else if (term.prop === 'ivl') value = card.scheduledDays;
      else value = dueInDays(card, ctx);
      return value !== null && compare(value, term.op, term.value);
    }
  }
}

/**
 * A first, card-only test (for a storage cursor's filter): false means the card cannot match;
 * true means it may, once the note terms are checked with `matchCard`.
 */
export function cardMayMatch(query: Query, card: SearchCard, deck: SearchDeck | undefined, ctx: SearchContext): boolean {
  if (card.queue === Queue.Retired) return false;
  for (const term of query.terms) {
    if (needsNote(term)) continue;
    if (termHolds(term, { card, deck }, ctx, () => '') === term.negate) return false;
  }
  return true;
}

/** Every term holds (negated terms do not); retired cards and notes never match. */
export function matchCard(query: Query, subject: SearchSubject, ctx: SearchContext): boolean {
  const { card, note } = subject;
  if (card.queue === Queue.Retired || note.retired) return false;
  let text: string | undefined;
  const lazyText = () => {
    text ??= searchableText(note, card.ord);
    return text;
  };
  for (const term of query.terms) {
    if (termHolds(term, subject, ctx, lazyText) === term.negate) return false;
  }
  return true;
}

/** Index hints for storage: the queues (and due bound) a positive is: term limits the cards to. */
export function queueHint(term: Term, ctx: SearchContext): { queue: Queue; below: number }[] | null {
  if (term.kind !== 'is' || term.negate) return null;
  const all = Number.MAX_SAFE_INTEGER;
  switch (term.value) {
    case 'new':
      return [{ queue: Queue.New, below: all }];
    case 'learn':
      return [
        { queue: Queue.Learning, below: all },
        { queue: Queue.DayLearning, below: all },
      ];
    case 'review':
      return [{ queue: Queue.Review, below: all }];
    case 'suspended':
      return [{ queue: Queue.Suspended, below: all }];
    case 'due':
      return ACTIVE_QUEUES.map((queue) => ({ queue: queue as Queue, below: ctx.nextDayStart }));
    default:
      return null;
  }
}
