/**
 * Edits a note's source fields with a live preview (the form and its preview: NoteFields.tsx).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { NoteRow } from '../../storage/db';
import { noteSourceOf } from '../../storage/export';
import { CardHtml } from './CardHtml';
import { type Fields, NoteFields, toFields, useNotePreview } from './NoteFields';
import { noteRow } from '../../storage/write-decks';
import '../screens.css';

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
  const source = useMemo(() => noteSourceOf(note), [note]);
  const [fields, setFields] = useState<Fields>(() => toFields(source));
  const [tags, setTags] = useState(note.tags.join(' '));
  const { preview, error, setError } = useNotePreview(source, fields, tags);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const save = () => {
    if (!preview || error) return;
    const sameCards = preview.cards.map((c) => c.ord).join() === note.cards.map((c) => c.ord).join();
    if (!sameCards) {
      setError('This edit adds or removes cloze numbers; keep the same numbers (c1, c2, …) as before.');
      return;
    }
    // What the row holds besides its content (retirement, …) stays; the content is the preview's.
    const { rubric: _rubric, rubricKinds: _kinds, source: _source, ...kept } = note;
    onSave({ ...kept, ...noteRow({ ...preview, id: note.id, kind: note.kind }, note.deckId) });
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
        <NoteFields kind={source.kind} idPrefix="edit" fields={fields} tags={tags} onFields={setFields} onTags={setTags} />
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
