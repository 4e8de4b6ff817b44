/**
 * The note form shared by Add note and Edit note: the fields of each kind, the tags, and a live
 * preview built by the deck parser (the one place that validates notes), so a broken cloze or
 * rubric is refused with the parser's message and nothing is saved. The renderer (markdown-it,
 * KaTeX) and the sanitiser load on first use.
 */
import { useEffect, useState } from 'react';
import type { SafeNote } from '../../domain/safe-html';
import { type NoteKind, type NoteSource, rubricLine } from '../../domain/deck-format/model';
import { errorMessage } from '../../domain/errors';

export type Fields = Record<string, string>;

const SOURCE_LABEL: [string, string] = ['source', 'Source (optional: authors, title, year, link)'];

export const FIELD_LABELS: Record<NoteSource['kind'], [string, string][]> = {
  basic: [['front', 'Front'], ['back', 'Back'], SOURCE_LABEL],
  reverse: [['front', 'Front'], ['back', 'Back'], SOURCE_LABEL],
  typein: [['front', 'Front'], ['back', 'Expected answer'], SOURCE_LABEL],
  cloze: [['text', 'Text'], ['extra', 'Extra'], SOURCE_LABEL],
  explain: [
    ['prompt', 'Prompt'],
    ['answer', 'Answer'],
    ['rubric', 'Rubric (one point per line; may start with [test], [why] or [mind])'],
    SOURCE_LABEL,
  ],
};

export function toFields(note: NoteSource): Fields {
  const out: Fields = {};
  if (note.kind === 'explain') {
    const { rubric, rubricKinds, ...rest } = note.fields;
    Object.assign(out, rest, { rubric: rubric.map((p, k) => rubricLine(p, rubricKinds?.[k])).join('\n') });
  } else Object.assign(out, note.fields);
  if (note.source) out.source = note.source;
  return out;
}

/**
 * A note from form fields, validated by the deck parser (the one place that validates notes),
 * rendered and sanitised: what the preview shows is what gets stored. The renderer loads on first use.
 */
export async function buildNote(base: NoteSource, fields: Fields, tags: string): Promise<SafeNote> {
  const [{ parseDeck }, { toMarkdown }, { toBundleNote }, { sanitizeRendered }] = await Promise.all([
    import('../../domain/deck-format/parse'),
    import('../../domain/deck-format/serialise'),
    import('../../domain/deck-format/bundle'),
    import('../sanitize'),
  ]);
  const { source: _, ...rest } = base;
  const { source = '', ...own } = fields;
  const draft = { ...rest, tags: tags.split(/\s+/).filter(Boolean) } as NoteSource;
  const edited = {
    ...draft,
    ...(source.trim() ? { source: source.trim() } : {}),
    fields:
      draft.kind === 'explain'
        ? {
            prompt: fields.prompt ?? '',
            answer: fields.answer ?? '',
            rubric: (fields.rubric ?? '')
              .split('\n')
              .map((l) => l.replace(/^\s*[-*]\s*/, '').trim())
              .filter(Boolean),
          }
        : { ...draft.fields, ...own },
  } as NoteSource;
  const text = toMarkdown({ format: 1, id: 'edit', name: 'edit', description: '', tags: [], notes: [edited] });
  const parsed = parseDeck(text, 'note').notes[0];
  if (!parsed) throw new Error('the note did not parse');
  // Raw HTML is off in the renderer; the sanitiser still has the last word before anything is stored.
  return sanitizeRendered(toBundleNote(parsed));
}

/** Rows a field's text box gets: the long fields more. */
const ROWS: Record<string, number> = { answer: 6, rubric: 5 };

/** The text boxes of a kind's fields and the tags box; ids are `${idPrefix}-${field}`. */
export function NoteFields({
  kind,
  idPrefix,
  fields,
  tags,
  onFields,
  onTags,
}: {
  kind: NoteKind;
  idPrefix: string;
  fields: Fields;
  tags: string;
  onFields: (fields: Fields) => void;
  onTags: (tags: string) => void;
}) {
  return (
    <>
      {FIELD_LABELS[kind].map(([key, label]) => (
        <div key={`${kind}-${key}`} className="edit-field">
          <label htmlFor={`${idPrefix}-${key}`}>{label}</label>
          <textarea
            id={`${idPrefix}-${key}`}
            rows={ROWS[key] ?? 3}
            value={fields[key] ?? ''}
            onChange={(e) => onFields({ ...fields, [key]: e.target.value })}
          />
        </div>
      ))}
      <div className="edit-field">
        <label htmlFor={`${idPrefix}-tags`}>Tags</label>
        <input id={`${idPrefix}-tags`} value={tags} onChange={(e) => onTags(e.target.value)} />
      </div>
    </>
  );
}

/**
 * The note the form describes, rebuilt as the person types: the built note, or the parser's
 * message (without its "note:N:" prefix). A new note (`fresh`) shows nothing while its form is
 * empty and no preview while it does not parse; an edited note keeps its last good preview.
 */
export function useNotePreview(base: NoteSource, fields: Fields, tags: string, fresh = false) {
  const [preview, setPreview] = useState<SafeNote | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    if (fresh && Object.values(fields).every((v) => v.trim() === '')) {
      setPreview(null);
      setError(null);
      return;
    }
    buildNote(base, fields, tags).then(
      (built) => {
        if (stale) return;
        setPreview(built);
        setError(null);
      },
      (e: unknown) => {
        if (stale) return;
        if (fresh) setPreview(null);
        setError(errorMessage(e).replace(/^note:\d+: /, ''));
      },
    );
    return () => {
      stale = true;
    };
  }, [base, fields, tags, fresh]);
  return { preview, error, setError };
}
