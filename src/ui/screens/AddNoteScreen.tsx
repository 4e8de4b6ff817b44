/**
 * Create a note (any kind) in an existing or a new deck, with a live preview of every card it
 * makes. The note goes through the deck parser, so the same rules and messages apply as in a
 * deck file.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { hashString } from '../../domain/deck-format/bundle';
import { NOTE_KINDS, type NoteKind, type NoteSource } from '../../domain/deck-format/model';
import { addNote, createDeck } from '../../storage/notes';
import { CardHtml } from '../components/CardHtml';
import { type Fields, NoteFields, useNotePreview } from '../components/NoteFields';
import { useServices } from '../services';
import { errorMessage } from '../../domain/errors';
import { activeDecks } from '../../storage/decks';
import { countOf } from '../../domain/vocabulary';
import '../screens.css';

const KIND_NAMES: Record<NoteKind, string> = {
  basic: 'Basic',
  reverse: 'Basic and reversed',
  cloze: 'Cloze',
  explain: 'Practice explaining',
  typein: 'Type the answer',
};

function emptySource(kind: NoteKind): NoteSource {
  const base = { id: 'new', tags: [], line: 0 };
  switch (kind) {
    case 'cloze':
      return { ...base, kind, fields: { text: '', extra: '' } };
    case 'explain':
      return { ...base, kind, fields: { prompt: '', answer: '', rubric: [] } };
    default:
      return { ...base, kind, fields: { front: '', back: '' } };
  }
}

const NEW_DECK = '__new__';

export function AddNoteScreen() {
  const { db, now } = useServices();
  const decks = useLiveQuery(() => activeDecks(db), [db]);
  const [kind, setKind] = useState<NoteKind>('basic');
  const [deckId, setDeckId] = useState('');
  const [newDeck, setNewDeck] = useState('');
  const [fields, setFields] = useState<Fields>({});
  const [tags, setTags] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const base = useMemo(() => emptySource(kind), [kind]);
  const { preview, error, setError } = useNotePreview(base, fields, tags, true);

  useEffect(() => {
    document.title = 'Add · Recall RE';
  }, []);

  if (!decks) return <p className="muted">Loading…</p>;
  const chosen = deckId || decks[0]?.id || NEW_DECK;

  const save = async () => {
    if (!preview) return;
    try {
      const target = chosen === NEW_DECK ? (await createDeck(db, newDeck)).id : chosen;
      const id = `u-${hashString(`${target}\u0000${JSON.stringify(preview.fields)}\u0000${now()}`)}`;
      await addNote(db, target, { ...preview, id });
      setSaved(`Added ${countOf(preview.cards.length, 'card')}.`);
      setFields({});
      setDeckId(target);
      setNewDeck('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section aria-labelledby="add-title">
      <h1 id="add-title">Add a note</h1>
      <form
        className="panel settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor="add-deck">Deck</label>
          <select id="add-deck" value={chosen} onChange={(e) => setDeckId(e.target.value)}>
            {decks.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
            <option value={NEW_DECK}>New deck…</option>
          </select>
        </div>
        {chosen === NEW_DECK && (
          <div className="field">
            <label htmlFor="add-new-deck">New deck name</label>
            <input id="add-new-deck" value={newDeck} onChange={(e) => setNewDeck(e.target.value)} />
          </div>
        )}
        <div className="field">
          <label htmlFor="add-kind">Kind</label>
          <select
            id="add-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as NoteKind);
              setFields({});
              setSaved(null);
            }}
          >
            {NOTE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </div>
        <NoteFields
          kind={kind}
          idPrefix="add"
          fields={fields}
          tags={tags}
          onFields={(next) => {
            setSaved(null);
            setFields(next);
          }}
          onTags={setTags}
        />
        {error && (
          <p className="error-line" role="alert">
            {error}
          </p>
        )}
        {preview && (
          <section className="edit-preview" aria-label="Preview">
            {preview.cards.map((c) => (
              <div key={c.ord} className="sample-card">
                <CardHtml html={c.front} />
                <hr className="divider" />
                <CardHtml html={c.back} />
              </div>
            ))}
          </section>
        )}
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={!preview || (chosen === NEW_DECK && newDeck.trim() === '')}>
            Add
          </button>
          {saved && (
            <span role="status" className="ok-line">
              {saved}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
