/**
 * Writes decks back out: native Markdown (docs/deck-format.md), the JSON form of the same model,
 * and CSV for spreadsheets. parseDeck(toMarkdown(deck)) gives the deck back.
 */
import { type DeckSource, type NoteSource, rubricLine } from './model';

const MARKER_AT_LINE_START = /^([A-Z][a-z]+):/;

/**
 * A field's text as it goes into the file: a line that would read as a marker or a heading is
 * shifted by one space (Markdown ignores up to three leading spaces, so it renders the same).
 */
function fieldText(text: string): string {
  let inFence = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (inFence) return line;
      return MARKER_AT_LINE_START.test(line) || /^##\s/.test(line) || /^tags:/i.test(line) ? ` ${line}` : line;
    })
    .join('\n');
}

function noteToMarkdown(note: NoteSource, deckTags: readonly string[]): string {
  const own = note.tags.filter((t) => !deckTags.includes(t));
  const head = [`## ${note.kind} ${note.id}`, ...(own.length > 0 ? [`tags: ${own.join(' ')}`] : []), ''];
  const source = note.source ? [`Source: ${fieldText(note.source)}`, ''] : [];
  return [...noteFields(note, head), ...source].join('\n');
}

function noteFields(note: NoteSource, head: string[]): string[] {
  switch (note.kind) {
    case 'basic':
    case 'typein':
    case 'reverse':
      return [...head, `Front: ${fieldText(note.fields.front)}`, '', `Back: ${fieldText(note.fields.back)}`, ''];
    case 'cloze':
      return [
        ...head,
        `Text: ${fieldText(note.fields.text)}`,
        ...(note.fields.extra ? ['', `Extra: ${fieldText(note.fields.extra)}`] : []),
        '',
      ];
    case 'explain':
      return [
        ...head,
        `Prompt: ${fieldText(note.fields.prompt)}`,
        '',
        `Answer: ${fieldText(note.fields.answer)}`,
        '',
        'Rubric:',
        ...note.fields.rubric.map((point, k) => `- ${rubricLine(point.replace(/\n+/g, ' '), note.fields.rubricKinds?.[k])}`),
        '',
      ];
  }
}

export function toMarkdown(deck: DeckSource): string {
  const front = [
    '---',
    'format: 1',
    `id: ${deck.id}`,
    `name: ${deck.name.replace(/\n/g, ' ')}`,
    ...(deck.description ? [`description: ${deck.description.replace(/\n/g, ' ')}`] : []),
    ...(deck.tags.length > 0 ? [`tags: ${deck.tags.join(' ')}`] : []),
    '---',
    '',
  ];
  return [...front, ...deck.notes.map((n) => noteToMarkdown(n, deck.tags))].join('\n');
}

export interface DeckJson {
  format: 1;
  id: string;
  name: string;
  description: string;
  tags: string[];
  notes: { kind: NoteSource['kind']; id: string; tags: string[]; fields: NoteSource['fields']; source?: string }[];
}

export function toJson(deck: DeckSource): DeckJson {
  return {
    format: 1,
    id: deck.id,
    name: deck.name,
    description: deck.description,
    tags: deck.tags,
    notes: deck.notes.map((n) => ({
      kind: n.kind,
      id: n.id,
      tags: n.tags,
      fields: n.fields,
      ...(n.source ? { source: n.source } : {}),
    })),
  };
}

/**
 * One CSV cell. Cells that a spreadsheet would run as a formula (= + - @, tab, CR at the start)
 * get a leading apostrophe; quotes are doubled and the cell quoted when needed.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
