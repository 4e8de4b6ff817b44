/**
 * Delimited text (CSV, TSV, TXT: Anki's text export, Quizlet, spreadsheets), parsed with
 * papaparse.
 *
 * Header lines at the top, as Anki writes them (keys are case-insensitive):
 *   #separator:Tab   (Comma, Semicolon, Tab, Space, Pipe, Colon, or the character itself)
 *   #html:true       (fields are HTML; default false: fields are plain text and get escaped)
 *   #tags:a b        (added to every note)
 *   #columns:Front<sep>Back<sep>Tags   (column labels; Front/Back or Text/Extra are matched by name)
 *   #notetype:Cloze  #deck:Name
 *   #notetype column:N  #deck column:N  #tags column:N  #guid column:N   (1-based)
 * A first line "tags:a b" (Anki's older form) also sets global tags. Other lines starting with
 * "#" are comments. Without #separator the delimiter is sniffed (tab, semicolon, comma, pipe).
 *
 * Rows: the first field column is the front (or cloze text), the second the back (or extra);
 * a column after the last field column is read as tags (Anki's rule) unless a tags column is
 * named. The expected number of fields is the #columns count, else the most common count among
 * the first rows. A row with too few or too many fields, an empty front, or broken quotes is
 * skipped with a warning "file:LINE: reason"; the good rows still import.
 */
import Papa from 'papaparse';
import { type BundleDeck, type BundleNote, hashString } from '../domain/deck-format/bundle';
import type { NoteKind } from '../domain/deck-format/model';
import type { RenderedCard } from '../domain/deck-format/render';
import { clozeNumbers, parseCloze, renderClozeHtml } from './anki/cloze';
import { renderMathJax } from './math';
import { ImportError, type Progress } from './model';
import { cleanTags, normaliseText, replaceSoundTags, slugify, textToHtml, type WarningLog } from './util';
import { countOf, plural } from '../domain/vocabulary';

const NAMED_SEPARATORS: Record<string, string> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  space: ' ',
  pipe: '|',
  colon: ':',
};
const SNIFFED = ['\t', ';', ',', '|'];

interface Header {
  delimiter?: string;
  html?: boolean;
  tags: string[];
  columns?: string;
  notetype?: string;
  deck?: string;
  notetypeColumn?: number;
  deckColumn?: number;
  tagsColumn?: number;
  guidColumn?: number;
}

interface HeaderResult {
  header: Header;
  /** Offset of the first body character and its line number. */
  bodyStart: number;
  bodyLine: number;
}

function parseHeader(text: string, file: string, warnings: WarningLog): HeaderResult {
  const header: Header = { tags: [] };
  let pos = 0;
  let line = 1;
  for (;;) {
    if (pos >= text.length) break;
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(pos, end).replace(/\r$/, '');
    if (line === 1 && raw.startsWith('tags:')) {
      header.tags.push(...cleanTags(raw.slice(5), true));
    } else if (raw.startsWith('#')) {
      const colon = raw.indexOf(':');
      if (colon > 0) {
        const key = raw.slice(1, colon).trim().toLowerCase();
        const value = raw.slice(colon + 1);
        applyHeader(header, key, value, `${file}:${line}`, warnings);
      }
    } else {
      break;
    }
    pos = nl < 0 ? text.length : nl + 1;
    line++;
  }
  return { header, bodyStart: pos, bodyLine: line };
}

function applyHeader(header: Header, key: string, value: string, where: string, warnings: WarningLog): void {
  const trimmed = value.trim();
  const column = (): number | undefined => {
    const n = Number(trimmed);
    if (Number.isInteger(n) && n >= 1) return n;
    warnings.add(where, `#${key}: "${trimmed}" is not a column number (1, 2, …); ignored`);
    return undefined;
  };
  switch (key) {
    case 'separator': {
      const named = NAMED_SEPARATORS[trimmed.toLowerCase()];
      if (named) header.delimiter = named;
      else if (value.length === 1) header.delimiter = value;
      else if (trimmed.length === 1) header.delimiter = trimmed;
      else
        warnings.add(
          where,
          `#separator: "${value}" is not a separator (Comma, Semicolon, Tab, Space, Pipe, Colon or one character); it will be guessed`,
        );
      break;
    }
    case 'html':
      if (/^(true|false)$/i.test(trimmed)) header.html = trimmed.toLowerCase() === 'true';
      else warnings.add(where, `#html: expected true or false, not "${trimmed}"; treating fields as plain text`);
      break;
    case 'tags':
      header.tags.push(...cleanTags(value, true));
      break;
    case 'columns':
      header.columns = value;
      break;
    case 'notetype':
      header.notetype = trimmed;
      break;
    case 'deck':
      header.deck = trimmed;
      break;
    case 'notetype column': {
      const n = column();
      if (n !== undefined) header.notetypeColumn = n;
      break;
    }
    case 'deck column': {
      const n = column();
      if (n !== undefined) header.deckColumn = n;
      break;
    }
    case 'tags column': {
      const n = column();
      if (n !== undefined) header.tagsColumn = n;
      break;
    }
    case 'guid column': {
      const n = column();
      if (n !== undefined) header.guidColumn = n;
      break;
    }
    default:
      // Comments such as "# exported by…" that happen to hold a colon.
      break;
  }
}

/** The separator that splits the first lines most consistently into more than one field. */
export function sniffDelimiter(body: string): string | undefined {
  const lines: string[] = [];
  let pos = 0;
  while (pos < body.length && lines.length < 50) {
    const nl = body.indexOf('\n', pos);
    const raw = body.slice(pos, nl < 0 ? body.length : nl).replace(/\r$/, '');
    pos = nl < 0 ? body.length : nl + 1;
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    lines.push(raw);
  }
  let best: { delimiter: string; score: number } | undefined;
  for (const delimiter of SNIFFED) {
    const counts = lines.map((l) => l.split(delimiter).length - 1);
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    const score = Math.max(0, ...freq.values());
    if (score > 0 && (!best || score > best.score)) best = { delimiter, score };
  }
  return best?.delimiter;
}

function describeDelimiter(d: string): string {
  const name = Object.entries(NAMED_SEPARATORS).find(([, c]) => c === d)?.[0];
  return name ? `${name} (${JSON.stringify(d)})` : JSON.stringify(d);
}

function baseName(file: string): string {
  const last = file.split(/[/\\]/).pop() ?? file;
  return last.replace(/\.[^.]+$/, '') || last;
}

function kindOf(notetype: string | undefined): NoteKind | undefined {
  if (!notetype) return undefined;
  const n = notetype.toLowerCase();
  if (n.includes('cloze')) return 'cloze';
  // "Basic (optional reversed card)" adds its reverse only on request: read as basic.
  if (n.includes('reverse') && !n.includes('optional')) return 'reverse';
  return 'basic';
}

interface Columns {
  count: number;
  front: number;
  back?: number;
  tags?: number;
  guid?: number;
  deck?: number;
  notetype?: number;
}

function mapColumns(header: Header, labels: string[] | undefined, count: number, file: string): Columns {
  const meta = new Set(
    [header.deckColumn, header.notetypeColumn, header.tagsColumn, header.guidColumn].filter((c) => c !== undefined),
  );
  let front: number | undefined;
  let back: number | undefined;
  let tags = header.tagsColumn;
  if (labels) {
    const find = (...names: string[]) => {
      const k = labels.findIndex((l, i) => !meta.has(i + 1) && names.includes(l.trim().toLowerCase()));
      return k >= 0 ? k + 1 : undefined;
    };
    front = find('front', 'text', 'question', 'term');
    back = find('back', 'extra', 'answer', 'definition');
    tags ??= find('tags');
  }
  const free = Array.from({ length: count }, (_, i) => i + 1).filter((c) => !meta.has(c) && c !== tags);
  front ??= free.find((c) => c !== back);
  back ??= free.find((c) => c !== front);
  if (front === undefined) throw new ImportError(file, 'no column is left for the front of the cards');
  if (back === undefined) {
    throw new ImportError(file, `rows have ${countOf(count, 'field')}; a card needs at least two (front and back)`);
  }
  if (tags === undefined && !labels) {
    const next = Math.max(front, back) + 1;
    if (next <= count && !meta.has(next)) tags = next;
  }
  const out: Columns = { count, front, back };
  if (tags !== undefined) out.tags = tags;
  if (header.guidColumn !== undefined) out.guid = header.guidColumn;
  if (header.deckColumn !== undefined) out.deck = header.deckColumn;
  if (header.notetypeColumn !== undefined) out.notetype = header.notetypeColumn;
  return out;
}

/** The most common field count among rows with at least two fields (one field is never a card). */
function mostCommonLength(rows: string[][]): number {
  const freq = new Map<number, number>();
  for (const r of rows) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [len, n] of freq) {
    if (len < 2) continue;
    if (n > bestCount || (n === bestCount && len > best)) {
      best = len;
      bestCount = n;
    }
  }
  return best || (rows[0]?.length ?? 0);
}

export interface DelimitedResult {
  decks: BundleDeck[];
}

export function readDelimited(file: string, text: string, warnings: WarningLog, progress?: Progress): DelimitedResult {
  const { header, bodyStart, bodyLine } = parseHeader(text, file, warnings);
  const body = text.slice(bodyStart);
  if (body.trim() === '') throw new ImportError(file, 'has no rows to import (only header or comment lines)');
  const delimiter = header.delimiter ?? sniffDelimiter(body);
  if (delimiter === undefined) {
    throw new ImportError(
      `${file}:${bodyLine}`,
      'no separator found: put front and back in two columns separated by a tab, comma or semicolon (or add a "#separator:Tab" line)',
    );
  }
  const html = header.html ?? false;
  let labels: string[] | undefined;
  if (header.columns !== undefined) {
    labels = Papa.parse<string[]>(header.columns.replace(/\r?\n$/, ''), { delimiter, header: false }).data[0] ?? [];
  }
  const parseConfig = { delimiter, comments: '#', skipEmptyLines: true, header: false };
  const preview = Papa.parse<string[]>(body, { ...parseConfig, preview: 200 }).data;
  const count = labels?.length || mostCommonLength(preview);
  const columns = mapColumns(header, labels, count, file);
  const used = new Set([columns.front, columns.back, columns.tags, columns.guid, columns.deck, columns.notetype]);
  const unused = Array.from({ length: count }, (_, i) => i + 1).filter((c) => !used.has(c));
  if (unused.length > 0) {
    warnings.add(
      file,
      `${plural(unused.length, 'column')} ${unused.join(', ')} ${plural(unused.length, 'is', 'are')} not imported (a card keeps only a front, a back and tags)`,
    );
  }

  const defaultDeckName = header.deck || baseName(file);
  const globalKind = kindOf(header.notetype);
  const decks = new Map<string, { deck: BundleDeck; firstLine: Map<string, number> }>();
  const deckByName = new Map<string, { deck: BundleDeck; firstLine: Map<string, number> }>();
  const deckFor = (name: string) => {
    const known = deckByName.get(name);
    if (known) return known;
    const id = slugify(name);
    let entry = decks.get(id);
    if (!entry) {
      entry = { deck: { id, name, description: '', notes: [] }, firstLine: new Map() };
      decks.set(id, entry);
    }
    deckByName.set(name, entry);
    return entry;
  };

  // Line numbers: rows start where the previous one ended, after any comment or blank lines.
  let scanPos = 0;
  let scanLine = bodyLine;
  const blank = new RegExp(`^[\\s${delimiter.replace(/[\]\\^-]/g, '\\$&')}]*$`);
  const lineAt = (start: number): number => {
    let p = start;
    for (;;) {
      const first = body[p];
      if (first !== '#' && first !== delimiter && first !== '\n' && first !== '\r' && !/\s/.test(first ?? 'x')) break;
      const nl = body.indexOf('\n', p);
      if (nl < 0) break;
      const raw = body.slice(p, nl);
      if (!(raw.startsWith('#') || blank.test(raw))) break;
      p = nl + 1;
    }
    while (scanPos < p) {
      const nl = body.indexOf('\n', scanPos);
      if (nl < 0 || nl >= p) break;
      scanLine++;
      scanPos = nl + 1;
    }
    return scanLine;
  };

  let rowStart = 0;
  let rowsDone = 0;
  let unterminated = false;
  const skip = (line: number, reason: string) => warnings.add(`${file}:${line}`, `${reason}; row skipped`, 'row', 200);
  const onSound = (line: number) => (name: string) =>
    warnings.add(`${file}:${line}`, `audio [sound:${name}] is not playable in this app`, 'sound', 20);

  Papa.parse<string[]>(body, {
    ...parseConfig,
    step: (result) => {
      const line = lineAt(rowStart);
      rowStart = result.meta.cursor;
      rowsDone++;
      if (rowsDone % 1000 === 0) progress?.(rowStart, body.length, 'rows');
      const row = result.data;
      if (row.every((cell) => cell.trim() === '')) return;
      if (result.errors.length > 0) {
        const missing = result.errors.some((e) => e.code === 'MissingQuotes');
        if (missing) unterminated = true;
        skip(
          line,
          missing
            ? 'a quoted field starts here and is never closed (every row after it was swallowed)'
            : 'a quoted field is malformed (text after its closing quote)',
        );
        return;
      }
      if (row.length !== columns.count) {
        skip(line, `has ${countOf(row.length, 'field')}, expected ${columns.count}`);
        return;
      }
      const cell = (c: number | undefined) => (c === undefined ? '' : (row[c - 1] ?? ''));
      const frontSrc = cell(columns.front);
      const backSrc = cell(columns.back);
      if (frontSrc.trim() === '') {
        skip(line, 'the front (first field) is empty');
        return;
      }
      const deckName = columns.deck !== undefined ? cell(columns.deck).trim() || defaultDeckName : defaultDeckName;
      const { deck, firstLine } = deckFor(deckName);
      const tags = [...new Set([...header.tags, ...cleanTags(cell(columns.tags), true)])];
      const toHtml = (s: string) => replaceSoundTags(html ? s : textToHtml(s), onSound(line));
      const rowKind = columns.notetype !== undefined ? kindOf(cell(columns.notetype)) : globalKind;
      const frontHtml = toHtml(frontSrc);
      const numbers =
        rowKind === 'cloze' || (rowKind === undefined && frontHtml.includes('{{c')) ? clozeNumbers(parseCloze(frontHtml)) : [];
      const kind: NoteKind = numbers.length > 0 ? 'cloze' : rowKind === 'reverse' ? 'reverse' : 'basic';
      if (rowKind === 'cloze' && numbers.length === 0) {
        skip(line, 'a Cloze row needs at least one {{c1::…}} deletion in its first field');
        return;
      }
      const backHtml = toHtml(backSrc);
      let cards: RenderedCard[];
      let fields: Record<string, string>;
      if (kind === 'cloze') {
        const extra = backSrc.trim() ? `<div class="extra">${backHtml}</div>` : '';
        cards = numbers.map((n) => ({
          ord: n,
          front: renderClozeHtml(frontHtml, n, 'question'),
          back: renderClozeHtml(frontHtml, n, 'answer') + extra,
        }));
        fields = { text: frontSrc, extra: backSrc };
      } else {
        cards = [{ ord: 0, front: frontHtml, back: backHtml }];
        if (kind === 'reverse') cards.push({ ord: 1, front: backHtml, back: frontHtml });
        fields = { front: frontSrc, back: backSrc };
      }
      const onMathError = (tex: string, message: string) =>
        warnings.add(
          `${file}:${line}`,
          `formula ${JSON.stringify(tex)} does not render (${message}); shown as written`,
          'math',
          20,
        );
      cards = cards.map((c) => ({
        ord: c.ord,
        front: renderMathJax(c.front, onMathError),
        back: renderMathJax(c.back, onMathError),
      }));
      const guid = cell(columns.guid).trim();
      const id = guid ? `csv:${guid}` : hashString(`${deck.id}\u0000${normaliseText(frontSrc)}`);
      const earlier = firstLine.get(id);
      if (earlier !== undefined) {
        skip(line, guid ? `guid "${guid}" was already used on line ${earlier}` : `same front as line ${earlier} (duplicate)`);
        return;
      }
      firstLine.set(id, line);
      // Cards follow from kind, fields and the #html flag, so those are what the hash covers.
      const note: BundleNote = { id, kind, tags, fields, cards, hash: hashString(JSON.stringify([kind, tags, fields, html])) };
      deck.notes.push(note);
    },
  });
  progress?.(body.length, body.length, 'rows');
  if (unterminated) {
    warnings.add(file, 'a quoted field was never closed; fix the quotes (or use a tab-separated file) and import again');
  }
  const out = [...decks.values()].map((d) => d.deck).filter((d) => d.notes.length > 0);
  if (out.length === 0) {
    const reasons = warnings
      .finish()
      .slice(0, 3)
      .map((w) => `${w.where}: ${w.message}`);
    throw new ImportError(
      file,
      `no row could be imported (separator ${describeDelimiter(delimiter)}, ${columns.count} columns)${reasons.length ? `: ${reasons.join('; ')}` : ''}`,
    );
  }
  return { decks: out };
}
