/**
 * Parser for the native deck format (docs/deck-format.md). The one way in for Markdown decks:
 * built-in decks at build time and user imports later. Stops at the first problem with a
 * DeckFormatError naming file, line and problem.
 */
import { clozeOrds, scanCloze } from './cloze';
import {
  type DeckSource,
  DeckFormatError,
  FORMAT_VERSION,
  ID_PATTERN,
  isRubricKind,
  NOTE_KINDS,
  type NoteKind,
  type NoteSource,
  RUBRIC_KIND_PREFIX,
  RUBRIC_KINDS,
  type RubricKind,
  TAG_PATTERN,
} from './model';

/** `Source:` is allowed in every kind, as the note's last field. */
const FIELD_MARKERS: Record<NoteKind, readonly string[]> = {
  basic: ['Front', 'Back', 'Source'],
  reverse: ['Front', 'Back', 'Source'],
  cloze: ['Text', 'Extra', 'Source'],
  explain: ['Prompt', 'Answer', 'Rubric', 'Source'],
  typein: ['Front', 'Back', 'Source'],
};
const REQUIRED: Record<NoteKind, readonly string[]> = {
  basic: ['Front', 'Back'],
  reverse: ['Front', 'Back'],
  cloze: ['Text'],
  explain: ['Prompt', 'Answer', 'Rubric'],
  typein: ['Front', 'Back'],
};
const FRONT_MATTER_KEYS = new Set(['format', 'id', 'name', 'description', 'tags']);
const HEADING = /^##\s+(\S+)\s+(\S+)\s*$/;
const MARKER = /^([A-Z][a-z]+):(?:\s(.*))?$/;
/** CommonMark fences: an opening run of 3+ backticks or tildes; only the same character, at least as long, closes it. */
const FENCE_OPEN = /^\s{0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE = /^\s{0,3}(`{3,}|~{3,})\s*$/;
const RUBRIC_ITEM = /^\s*[-*]\s+(.*)$/;

/** A field's text lines; lines[k] sits on file line first + k. */
interface Field {
  line: number;
  first: number;
  lines: string[];
}

interface RawNote {
  kind: NoteKind;
  id: string;
  line: number;
  tags: string[];
  fields: Map<string, Field>;
}

export function parseDeck(text: string, file: string): DeckSource {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const fail = (line: number, problem: string): never => {
    throw new DeckFormatError(file, line, problem);
  };

  // Front matter.
  if (lines[0]?.trim() !== '---') fail(1, 'deck must start with front matter between --- lines');
  const meta = new Map<string, string>();
  let i = 1;
  for (; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '---') break;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const m = /^([a-z]+):\s*(.*)$/.exec(raw.trim());
    if (!m) fail(i + 1, `front matter line is not "key: value": ${JSON.stringify(raw)}`);
    const [, key = '', value = ''] = m ?? [];
    if (!FRONT_MATTER_KEYS.has(key)) fail(i + 1, `unknown front matter key "${key}"`);
    if (meta.has(key)) fail(i + 1, `front matter key "${key}" appears twice`);
    meta.set(key, value.trim());
  }
  if (i >= lines.length) fail(1, 'front matter is not closed with ---');
  const metaEnd = i + 1;

  const format = meta.get('format');
  if (format === undefined) fail(1, 'front matter has no "format"');
  if (format !== String(FORMAT_VERSION)) {
    fail(1, `unsupported deck format "${format}" (this app reads format ${FORMAT_VERSION})`);
  }
  const deckId = meta.get('id') ?? '';
  if (!deckId) fail(1, 'front matter has no "id"');
  if (!ID_PATTERN.test(deckId)) fail(1, `deck id "${deckId}" must match ${ID_PATTERN.source}`);
  const name = meta.get('name') ?? '';
  if (!name) fail(1, 'front matter has no "name"');
  const deckTags = splitTags(meta.get('tags') ?? '', (problem) => fail(1, problem));

  // Notes.
  const raws: RawNote[] = [];
  let note: RawNote | undefined;
  let field: Field | undefined;
  let fence: { marker: string; line: number } | undefined;
  let afterHeading = false;

  for (let n = metaEnd; n < lines.length; n++) {
    const line = lines[n] ?? '';
    const lineNo = n + 1;
    if (fence) {
      const close = FENCE_CLOSE.exec(line)?.[1];
      if (close && close[0] === fence.marker[0] && close.length >= fence.marker.length) fence = undefined;
      field?.lines.push(line);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading || /^##\s/.test(line)) {
      if (!heading) fail(lineNo, 'note heading must be "## <kind> <id>"');
      const [, kind = '', id = ''] = heading ?? [];
      if (!(NOTE_KINDS as readonly string[]).includes(kind)) {
        fail(lineNo, `unknown note kind "${kind}" (expected ${NOTE_KINDS.join(', ')})`);
      }
      if (!ID_PATTERN.test(id)) fail(lineNo, `note id "${id}" must match ${ID_PATTERN.source}`);
      note = { kind: kind as NoteKind, id, line: lineNo, tags: [], fields: new Map() };
      raws.push(note);
      field = undefined;
      afterHeading = true;
      continue;
    }
    if (!note) {
      if (line.trim() !== '') fail(lineNo, 'text outside a note (a note starts with "## <kind> <id>")');
      continue;
    }
    if (afterHeading && line.trim() === '') continue;
    if (afterHeading && /^tags:/i.test(line)) {
      note.tags = splitTags(line.slice(5), (problem) => fail(lineNo, problem));
      afterHeading = false;
      continue;
    }
    afterHeading = false;
    const marker = MARKER.exec(line);
    if (marker) {
      const [, key = '', rest = ''] = marker;
      const allowed = FIELD_MARKERS[note.kind];
      if (!allowed.includes(key)) {
        fail(lineNo, `${note.kind} note "${note.id}" has no field "${key}:" (fields: ${allowed.join(', ')})`);
      }
      if (note.fields.has(key)) fail(lineNo, `field "${key}:" appears twice in note "${note.id}"`);
      if (note.fields.has('Source')) fail(lineNo, `"Source:" must be the last field of note "${note.id}"`);
      field = rest === '' ? { line: lineNo, first: lineNo + 1, lines: [] } : { line: lineNo, first: lineNo, lines: [rest] };
      note.fields.set(key, field);
      continue;
    }
    const opening = FENCE_OPEN.exec(line)?.[1];
    if (opening) fence = { marker: opening, line: lineNo };
    if (!field) {
      if (line.trim() !== '') fail(lineNo, `text before the first field of note "${note.id}"`);
      continue;
    }
    field.lines.push(line);
  }
  if (fence) fail(fence.line, 'a fenced code block opened here is not closed');

  const seen = new Map<string, number>();
  const notes = raws.map((raw) => {
    const earlier = seen.get(raw.id);
    if (earlier !== undefined) fail(raw.line, `note id "${raw.id}" is already used on line ${earlier}`);
    seen.set(raw.id, raw.line);
    return finishNote(raw, deckTags, fail);
  });
  if (notes.length === 0) fail(metaEnd, 'deck has no notes');

  return {
    format: FORMAT_VERSION,
    id: deckId,
    name,
    description: meta.get('description') ?? '',
    tags: deckTags,
    notes,
  };
}

function finishNote(raw: RawNote, deckTags: string[], fail: (line: number, problem: string) => never): NoteSource {
  for (const key of REQUIRED[raw.kind]) {
    if (!raw.fields.has(key)) fail(raw.line, `${raw.kind} note "${raw.id}" has no "${key}:" field`);
  }
  const text = (key: string): string => {
    const f = raw.fields.get(key);
    if (!f) return '';
    const value = f.lines.join('\n').trim();
    if (value === '' && REQUIRED[raw.kind].includes(key)) {
      fail(f.line, `field "${key}:" of note "${raw.id}" is empty`);
    }
    return value;
  };
  const tags = [...new Set([...deckTags, ...raw.tags])];
  const sourceField = raw.fields.get('Source');
  const source = text('Source');
  if (sourceField && source === '') fail(sourceField.line, `field "Source:" of note "${raw.id}" is empty`);
  const base = { id: raw.id, tags, line: raw.line, ...(source ? { source } : {}) };

  switch (raw.kind) {
    case 'basic':
    case 'typein':
    case 'reverse':
      return { ...base, kind: raw.kind, fields: { front: text('Front'), back: text('Back') } };
    case 'cloze': {
      const body = text('Text');
      const scan = scanCloze(body);
      const at =
        (raw.fields.get('Text')?.first ?? raw.line) +
        Math.max(0, raw.fields.get('Text')?.lines.findIndex((l) => l.trim() !== '') ?? 0);
      if (!scan.ok) fail(at + lineOffset(body, scan.offset), `${scan.problem} in note "${raw.id}"`);
      if (scan.ok && clozeOrds(scan.deletions).length === 0) {
        fail(at, `cloze note "${raw.id}" has no {{c1::…}} deletion`);
      }
      return { ...base, kind: 'cloze', fields: { text: body, extra: text('Extra') } };
    }
    case 'explain': {
      const rubricField = raw.fields.get('Rubric');
      const rubric: string[] = [];
      const kinds: (RubricKind | null)[] = [];
      for (const [k, line] of (rubricField?.lines ?? []).entries()) {
        if (line.trim() === '') continue;
        const item = RUBRIC_ITEM.exec(line);
        const lineNo = (rubricField?.first ?? raw.line) + k;
        if (item) {
          const point = (item[1] ?? '').trim();
          const kind = RUBRIC_KIND_PREFIX.exec(point);
          if (kind && !isRubricKind(kind[1])) {
            fail(
              lineNo,
              `rubric point of note "${raw.id}" has an unknown kind "[${kind[1]}]" (kinds: ${RUBRIC_KINDS.join(', ')})`,
            );
          }
          rubric.push(kind ? point.slice(kind[0].length).trim() : point);
          kinds.push(kind ? (kind[1] as RubricKind) : null);
        } else if (rubric.length > 0 && /^\s+\S/.test(line)) rubric[rubric.length - 1] += ` ${line.trim()}`;
        else fail(lineNo, `rubric of note "${raw.id}" must be a list of "- point" lines`);
      }
      if (rubric.length < 3 || rubric.length > 5) {
        fail(rubricField?.line ?? raw.line, `rubric of note "${raw.id}" has ${rubric.length} points; it needs 3 to 5`);
      }
      const fields = { prompt: text('Prompt'), answer: text('Answer'), rubric };
      return { ...base, kind: 'explain', fields: kinds.some((k) => k !== null) ? { ...fields, rubricKinds: kinds } : fields };
    }
  }
}

function splitTags(text: string, fail: (problem: string) => never): string[] {
  const tags = text.split(/\s+/).filter((t) => t !== '');
  for (const tag of tags) {
    if (!TAG_PATTERN.test(tag)) fail(`tag "${tag}" may hold only letters, digits and _ - : / .`);
  }
  return tags;
}

function lineOffset(text: string, offset: number): number {
  let count = 0;
  for (let k = 0; k < offset && k < text.length; k++) if (text[k] === '\n') count++;
  return count;
}
