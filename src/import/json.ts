/**
 * The JSON deck format: the same model as the native Markdown format, as one JSON object
 * (schema: docs/deck-schema.json). Validated strictly — unknown keys are errors, like unknown
 * front matter keys in Markdown — with messages that name the JSON path:
 *   "deck.json: notes[3].fields.front is missing".
 * Fields are Markdown with math, rendered exactly like Markdown decks.
 */
import type { BundleDeck } from '../domain/deck-format/bundle';
import { clozeOrds, scanCloze } from '../domain/deck-format/cloze';
import {
  type DeckSource,
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
} from '../domain/deck-format/model';
import { bundleDeckSource } from './markdown';
import { ImportError } from './model';
import { errorMessage } from '../domain/errors';

export interface DeckJsonNote {
  kind: NoteKind;
  id: string;
  tags?: string[];
  fields:
    | { front: string; back: string }
    | { text: string; extra?: string }
    | { prompt: string; answer: string; rubric: string[]; rubricKinds?: (RubricKind | null)[] };
  source?: string;
}

export interface DeckJson {
  format: 1;
  id: string;
  name: string;
  description?: string;
  tags?: string[];
  notes: DeckJsonNote[];
}

const FIELDS: Record<NoteKind, { required: string[]; optional: string[] }> = {
  basic: { required: ['front', 'back'], optional: [] },
  reverse: { required: ['front', 'back'], optional: [] },
  typein: { required: ['front', 'back'], optional: [] },
  cloze: { required: ['text'], optional: ['extra'] },
  explain: { required: ['prompt', 'answer', 'rubric'], optional: ['rubricKinds'] },
};

/** "line 3, column 14" from the position in a JSON.parse message, when it gives one. */
function jsonPosition(text: string, message: string): { line: number; column: number } | undefined {
  const m = /position (\d+)/.exec(message);
  if (!m) return undefined;
  const at = Math.min(Number(m[1]), text.length);
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < at; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

export function parseJsonText(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = errorMessage(error);
    const pos = jsonPosition(text, message);
    throw new ImportError(
      pos ? `${file}:${pos.line}` : file,
      `not valid JSON (${message}${pos ? `, column ${pos.column}` : ''})`,
    );
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

/** Checks a parsed JSON value against the deck model; the first problem is an ImportError. */
export function validateDeckJson(file: string, value: unknown): DeckSource {
  const fail = (problem: string): never => {
    throw new ImportError(file, problem);
  };
  const onlyKeys = (obj: Record<string, unknown>, path: string, allowed: readonly string[]) => {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key))
        fail(`${path ? `${path} has an` : 'has an'} unknown key "${key}" (allowed: ${allowed.join(', ')})`);
    }
  };
  const string = (obj: Record<string, unknown>, key: string, path: string, required: boolean): string => {
    const v = obj[key];
    const at = path ? `${path}.${key}` : key;
    if (v === undefined) {
      if (required) fail(`${at} is missing`);
      return '';
    }
    if (typeof v !== 'string') fail(`${at} must be a string, not ${describe(v)}`);
    if (required && (v as string).trim() === '') fail(`${at} is empty`);
    return (v as string).trim();
  };
  const tags = (obj: Record<string, unknown>, path: string): string[] => {
    const v = obj.tags;
    const at = path ? `${path}.tags` : 'tags';
    if (v === undefined) return [];
    if (!Array.isArray(v)) fail(`${at} must be an array of strings, not ${describe(v)}`);
    return (v as unknown[]).map((t, k) => {
      if (typeof t !== 'string') fail(`${at}[${k}] must be a string, not ${describe(t)}`);
      if (!TAG_PATTERN.test(t as string)) fail(`${at}[${k}] "${t}" may hold only letters, digits and _ - : / .`);
      return t as string;
    });
  };

  if (!isObject(value)) return fail(`the top level must be a JSON object, not ${describe(value)}`);
  onlyKeys(value, '', ['format', 'id', 'name', 'description', 'tags', 'notes']);
  if (value.format === undefined) fail('format is missing (it must be 1)');
  if (value.format !== FORMAT_VERSION) fail(`format must be ${FORMAT_VERSION}, not ${JSON.stringify(value.format)}`);
  const id = string(value, 'id', '', true);
  if (!ID_PATTERN.test(id)) fail(`id "${id}" must match ${ID_PATTERN.source}`);
  const name = string(value, 'name', '', true);
  const description = string(value, 'description', '', false);
  const deckTags = tags(value, '');
  if (value.notes === undefined) fail('notes is missing');
  if (!Array.isArray(value.notes)) fail(`notes must be an array, not ${describe(value.notes)}`);
  const rawNotes = value.notes as unknown[];
  if (rawNotes.length === 0) fail('notes is empty (a deck needs at least one note)');

  const seen = new Map<string, number>();
  const notes = rawNotes.map((raw, index): NoteSource => {
    const path = `notes[${index}]`;
    if (!isObject(raw)) return fail(`${path} must be an object, not ${describe(raw)}`);
    onlyKeys(raw, path, ['kind', 'id', 'tags', 'fields', 'source']);
    const kind = string(raw, 'kind', path, true);
    if (!(NOTE_KINDS as readonly string[]).includes(kind)) fail(`${path}.kind "${kind}" is not one of ${NOTE_KINDS.join(', ')}`);
    const noteId = string(raw, 'id', path, true);
    if (!ID_PATTERN.test(noteId)) fail(`${path}.id "${noteId}" must match ${ID_PATTERN.source}`);
    const earlier = seen.get(noteId);
    if (earlier !== undefined) fail(`${path}.id "${noteId}" is already used by notes[${earlier}]`);
    seen.set(noteId, index);
    const noteTags = [...new Set([...deckTags, ...tags(raw, path)])];
    if (raw.fields === undefined) fail(`${path}.fields is missing`);
    if (!isObject(raw.fields)) fail(`${path}.fields must be an object, not ${describe(raw.fields)}`);
    const fields = raw.fields as Record<string, unknown>;
    const fp = `${path}.fields`;
    const spec = FIELDS[kind as NoteKind];
    onlyKeys(fields, fp, [...spec.required, ...spec.optional]);
    const source = string(raw, 'source', path, false);
    if (raw.source !== undefined && source === '') fail(`${path}.source is empty`);
    const base = { id: noteId, tags: noteTags, line: index + 1, ...(source ? { source } : {}) };
    switch (kind as NoteKind) {
      case 'basic':
      case 'typein':
      case 'reverse':
        return {
          ...base,
          kind: kind as 'basic' | 'reverse' | 'typein',
          fields: { front: string(fields, 'front', fp, true), back: string(fields, 'back', fp, true) },
        };
      case 'cloze': {
        const text = string(fields, 'text', fp, true);
        const scan = scanCloze(text);
        if (!scan.ok) fail(`${fp}.text: ${scan.problem}`);
        if (scan.ok && clozeOrds(scan.deletions).length === 0) fail(`${fp}.text has no {{c1::…}} deletion`);
        return { ...base, kind: 'cloze', fields: { text, extra: string(fields, 'extra', fp, false) } };
      }
      case 'explain': {
        const prompt = string(fields, 'prompt', fp, true);
        const answer = string(fields, 'answer', fp, true);
        const rubric = fields.rubric;
        if (rubric === undefined) fail(`${fp}.rubric is missing`);
        if (!Array.isArray(rubric)) fail(`${fp}.rubric must be an array of strings, not ${describe(rubric)}`);
        const points = (rubric as unknown[]).map((p, k) => {
          if (typeof p !== 'string') fail(`${fp}.rubric[${k}] must be a string, not ${describe(p)}`);
          if ((p as string).trim() === '') fail(`${fp}.rubric[${k}] is empty`);
          if (RUBRIC_KIND_PREFIX.test((p as string).trim())) {
            fail(`${fp}.rubric[${k}] starts with a "[kind]"; put the kind in ${fp}.rubricKinds[${k}]`);
          }
          return (p as string).trim();
        });
        if (points.length < 3 || points.length > 5) fail(`${fp}.rubric has ${points.length} points; it needs 3 to 5`);
        const kinds = fields.rubricKinds;
        if (kinds === undefined) return { ...base, kind: 'explain', fields: { prompt, answer, rubric: points } };
        if (!Array.isArray(kinds)) fail(`${fp}.rubricKinds must be an array, not ${describe(kinds)}`);
        const list = kinds as unknown[];
        if (list.length !== points.length) {
          fail(`${fp}.rubricKinds has ${list.length} entries; it needs one per rubric point (${points.length})`);
        }
        for (const [k, kind] of list.entries()) {
          if (kind !== null && !isRubricKind(kind)) {
            fail(`${fp}.rubricKinds[${k}] must be one of ${RUBRIC_KINDS.join(', ')} or null, not ${JSON.stringify(kind)}`);
          }
        }
        const rubricKinds = list as (RubricKind | null)[];
        return {
          ...base,
          kind: 'explain',
          fields: { prompt, answer, rubric: points, ...(rubricKinds.some((k) => k !== null) ? { rubricKinds } : {}) },
        };
      }
      default:
        return fail(`${path}.kind "${kind}" is not supported`);
    }
  });
  return { format: FORMAT_VERSION, id, name, description, tags: deckTags, notes };
}

export function readJson(file: string, text: string): BundleDeck {
  const deck = validateDeckJson(file, parseJsonText(file, text));
  return bundleDeckSource(deck, (_, index) => `${file}:notes[${index}]`);
}
