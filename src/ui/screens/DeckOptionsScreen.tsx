/**
 * Deck options: which preset the deck uses, and that preset's values. Named presets can be
 * shared by several decks; the default preset is the global settings.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { estimateReviewsPerDay } from '../../domain/scheduling/engine';
import { PRESET_KEYS, type SchedulingSettings } from '../../domain/scheduling/settings';
import { normaliseSettings } from '../../domain/scheduling/settings-check';
import { hashString } from '../../domain/deck-format/bundle';
import { assignPreset, deletePreset, reviewStabilities, savePreset, saveSettings } from '../../storage/options-edit';
import { DEFAULT_PRESET_ID } from '../../storage/presets';
import { updateDeck } from '../../storage/notes';
import { loadSettings } from '../../storage/settings-repo';
import { type Draft, fromDraft, SchedulingForm } from '../components/SchedulingForm';
import { href } from '../route';
import { useServices } from '../services';
import { errorMessage } from '../../domain/errors';
import { countOf } from '../../domain/vocabulary';
import '../screens.css';

export function DeckOptionsScreen({ deckId }: { deckId: string }) {
  const { db, now } = useServices();
  const data = useLiveQuery(async () => {
    const [deck, presets, global, decks] = await Promise.all([
      db.decks.get(deckId),
      db.presets.toArray(),
      loadSettings(db),
      db.decks.toArray(),
    ]);
    return { deck, presets, global, decks };
  }, [db, deckId]);
  const stabilities = useLiveQuery(() => reviewStabilities(db, [deckId]), [db, deckId]);
  const [message, setMessage] = useState<string | null>(null);
  const [newName, setNewName] = useState('');

  useEffect(() => {
    document.title = 'Deck options · Recall RE';
  }, []);

  const presetId = data?.deck?.presetId ?? DEFAULT_PRESET_ID;
  const preset = data?.presets.find((p) => p.id === presetId);
  const effective = useMemo<SchedulingSettings | undefined>(() => {
    if (!data) return undefined;
    if (!preset) return data.global;
    const result = normaliseSettings({ ...data.global, ...preset.values });
    return result.ok ? result.settings : data.global;
  }, [data, preset]);

  if (!data || !effective) return <p className="muted">Loading…</p>;
  if (!data.deck) {
    return (
      <section className="panel">
        <h1>No such deck</h1>
        <a href={href({ name: 'decks' })}>Back to decks</a>
      </section>
    );
  }
  const sharedBy = data.decks.filter((d) => (d.presetId ?? DEFAULT_PRESET_ID) === presetId && !d.retired).length;

  const retentionNote = (draft: Draft) => {
    const r = Number(draft.desiredRetention);
    if (!stabilities || !(r >= 0.7 && r <= 0.99)) return null;
    if (stabilities.length === 0) return <small className="muted">No review cards yet, so no workload estimate.</small>;
    const at = estimateReviewsPerDay(stabilities, r, effective.maximumInterval);
    const base = estimateReviewsPerDay(stabilities, 0.9, effective.maximumInterval);
    return (
      <small className="muted" data-testid="workload">
        About {at.toFixed(at < 10 ? 1 : 0)} reviews a day for this deck's {stabilities.length} review cards at {r.toFixed(2)} (
        {base.toFixed(base < 10 ? 1 : 0)} at 0.90). A rough steady-state guide, before new cards.
      </small>
    );
  };

  return (
    <section aria-labelledby="options-title">
      <p>
        <a href={href({ name: 'decks' })}>‹ Decks</a>
      </p>
      <h1 id="options-title">Options: {data.deck.name}</h1>
      <DeckDetails deckId={deckId} name={data.deck.name} description={data.deck.description} />
      <section className="panel">
        <label htmlFor="preset-select">Preset</label>
        <select
          id="preset-select"
          value={presetId}
          onChange={(e) =>
            void assignPreset(db, deckId, e.target.value).then(
              () => setMessage(null),
              (err: unknown) => setMessage(String(err)),
            )
          }
        >
          <option value={DEFAULT_PRESET_ID}>Default (Settings)</option>
          {data.presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <p className="muted">Used by {countOf(sharedBy, 'deck')}. Changes apply to every deck using this preset.</p>
        <div className="form-actions">
          <input
            aria-label="New preset name"
            placeholder="New preset name"
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
          />
          <button
            type="button"
            className="btn"
            disabled={newName.trim() === ''}
            onClick={() =>
              void (async () => {
                const id = `p-${hashString(`${newName}\u0000${now()}`)}`;
                const result = await savePreset(db, { id, name: newName, values: effective });
                if (!result.ok) return setMessage('The current values are not valid; fix them first.');
                await assignPreset(db, deckId, id);
                setNewName('');
                setMessage(`Preset "${result.preset.name}" created from these values.`);
              })()
            }
          >
            New preset
          </button>
          {preset && (
            <button
              type="button"
              className="btn"
              onClick={() =>
                void deletePreset(db, preset.id).then(() =>
                  setMessage(`Preset "${preset.name}" deleted; its decks use the default.`),
                )
              }
            >
              Delete preset
            </button>
          )}
        </div>
        {message && <p role="status">{message}</p>}
      </section>
      <section className="panel">
        <h2>{preset ? `Preset: ${preset.name}` : 'Default preset'}</h2>
        <SchedulingForm
          idPrefix="opt"
          initial={effective}
          keys={PRESET_KEYS}
          submitLabel="Save options"
          retentionNote={retentionNote}
          onSave={async (draft) => {
            const values = Object.fromEntries(PRESET_KEYS.map((k) => [k, fromDraft(draft)[k]]));
            const result = preset
              ? await savePreset(db, { id: preset.id, name: preset.name, values })
              : await saveSettings(db, values);
            return result.ok ? { ok: true } : { ok: false, errors: result.errors };
          }}
        />
      </section>
    </section>
  );
}

/** Name and description of the deck. A built-in deck's text comes back with the next app update. */
function DeckDetails({ deckId, name, description }: { deckId: string; name: string; description: string }) {
  const { db } = useServices();
  const [draft, setDraft] = useState({ name, description });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      className="panel settings"
      onSubmit={(e) => {
        e.preventDefault();
        void updateDeck(db, deckId, draft).then(
          () => setMessage({ ok: true, text: 'Deck saved.' }),
          (error: unknown) => setMessage({ ok: false, text: errorMessage(error) }),
        );
      }}
    >
      <div className="field">
        <label htmlFor="deck-name">Deck name</label>
        <input id="deck-name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="deck-description">Description</label>
        <input
          id="deck-description"
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn">
          Save deck
        </button>
        {message && (
          <span role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok-line' : 'error-line'}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
