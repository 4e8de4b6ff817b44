/**
 * Edits a note's source fields with a live preview. The renderer (markdown-it, KaTeX) loads only
 * when the dialog opens. The edited note goes through the same parser as deck files, so a broken
 * cloze or rubric is refused with the parser's message and nothing is saved.
 */
import { useEffect, useRef, useState } from 'react';
import type { BundleNote } from '../../domain/deck-format/bundle';
import { type NoteSource, rubricLine } from '../../domain/deck-format/model';
import type { NoteRow } from '../../storage/db';
import { noteSourceOf } from '../../storage/export';
import { CardHtml } from './CardHtml';
import '../screens.css';

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

function toFields(note: NoteSource): Fields {
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
export async function buildNote(base: NoteSource, fields: Fields, tags: string): Promise<BundleNote> {
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

export function EditNoteDialog({
  note,
  onSave,
  onClose,
}: {
  note: NoteRow;
  onSave: (note: NoteRow) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const source = noteSourceOf(note);
  const [fields, setFields] = useState<Fields>(() => toFields(source));
  const [tags, setTags] = useState(note.tags.join(' '));
  const [preview, setPreview] = useState<BundleNote | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    let stale = false;
    buildNote(noteSourceOf(note), fields, tags).then(
      (built) => {
        if (stale) return;
        setPreview(built);
        setError(null);
      },
      (e: unknown) => !stale && setError(e instanceof Error ? e.message.replace(/^note:\d+: /, '') : String(e)),
    );
    return () => {
      stale = true;
    };
  }, [note, fields, tags]);

  const save = () => {
    if (!preview || error) return;
    const sameCards = preview.cards.map((c) => c.ord).join() === note.cards.map((c) => c.ord).join();
    if (!sameCards) {
      setError('This edit adds or removes cloze numbers; keep the same numbers (c1, c2, …) as before.');
      return;
    }
    const { rubricKinds: _kinds, source: _source, ...kept } = note;
    onSave({
      ...kept,
      tags: preview.tags,
      fields: preview.fields,
      cards: preview.cards,
      hash: preview.hash,
      ...(preview.rubric ? { rubric: preview.rubric } : {}),
      ...(preview.rubricKinds ? { rubricKinds: preview.rubricKinds } : {}),
      ...(preview.source ? { source: preview.source } : {}),
    });
  };

  return (
    <dialog ref={dialog} className="edit-dialog" aria-labelledby="edit-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h2 id="edit-title">Edit note</h2>
        {FIELD_LABELS[source.kind].map(([key, label]) => (
          <div key={key} className="edit-field">
            <label htmlFor={`edit-${key}`}>{label}</label>
            <textarea
              id={`edit-${key}`}
              rows={key === 'answer' ? 6 : 3}
              value={fields[key] ?? ''}
              onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
            />
          </div>
        ))}
        <div className="edit-field">
          <label htmlFor="edit-tags">Tags</label>
          <input id="edit-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
        </div>
        {error && (
          <p className="error-line" role="alert">
            {error}
          </p>
        )}
        {preview?.cards[0] && (
          <section className="edit-preview" aria-label="Preview">
            <CardHtml html={preview.cards[0].front} />
            <hr className="divider" />
            <CardHtml html={preview.cards[0].back} />
          </section>
        )}
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={!preview || error !== null}>
            Save
          </button>
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
