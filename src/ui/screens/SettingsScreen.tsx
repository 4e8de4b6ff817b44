import { type FormEvent, useEffect, useState } from 'react';
import type { SchedulingSettings, SettingsErrors } from '../../domain/scheduling/settings';
import { saveSettings } from '../../storage/settings-repo';
import { useSettings } from '../hooks/useSettings';
import { useServices } from '../services';

type Draft = Record<keyof SchedulingSettings, string>;

function toDraft(s: SchedulingSettings): Draft {
  return {
    desiredRetention: String(s.desiredRetention),
    learningSteps: s.learningSteps.join(' '),
    relearningSteps: s.relearningSteps.join(' '),
    maximumInterval: String(s.maximumInterval),
    fuzz: s.fuzz ? 'on' : 'off',
    newPerDay: String(s.newPerDay),
    reviewsPerDay: String(s.reviewsPerDay),
    rolloverHour: String(s.rolloverHour),
    learnAheadMinutes: String(s.learnAheadMinutes),
    leechThreshold: String(s.leechThreshold),
    leechAction: s.leechAction,
  };
}

const FIELDS: { key: keyof SchedulingSettings; label: string; hint: string; inputMode?: 'numeric' | 'decimal' }[] = [
  { key: 'newPerDay', label: 'New cards per day', hint: 'Anki default: 20', inputMode: 'numeric' },
  {
    key: 'reviewsPerDay',
    label: 'Maximum reviews per day',
    hint: 'New cards count against this limit. Default: 200',
    inputMode: 'numeric',
  },
  {
    key: 'desiredRetention',
    label: 'Desired retention',
    hint: 'Chance of recalling a card when it comes due, 0.70–0.99. Default: 0.90',
    inputMode: 'decimal',
  },
  { key: 'learningSteps', label: 'Learning steps', hint: 'Durations such as "1m 10m"' },
  { key: 'relearningSteps', label: 'Relearning steps', hint: 'After a lapse. Default: "10m"' },
  { key: 'maximumInterval', label: 'Maximum interval (days)', hint: 'Default: 36500', inputMode: 'numeric' },
  { key: 'rolloverHour', label: 'Next day starts at (hour)', hint: 'Local hour 0–23. Default: 4', inputMode: 'numeric' },
  {
    key: 'learnAheadMinutes',
    label: 'Learn-ahead limit (minutes)',
    hint: 'Show learning cards this early when nothing else is left. Default: 20',
    inputMode: 'numeric',
  },
  { key: 'leechThreshold', label: 'Leech threshold (lapses)', hint: 'Default: 8', inputMode: 'numeric' },
];

export function SettingsScreen() {
  const { db } = useServices();
  const settings = useSettings();
  const [draft, setDraft] = useState<Draft>();
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [saved, setSaved] = useState(false);
  const [persisted, setPersisted] = useState<boolean | 'unsupported'>();

  useEffect(() => {
    document.title = 'Settings · Recall RE';
  }, []);
  useEffect(() => {
    if (settings && !draft) setDraft(toDraft(settings));
  }, [settings, draft]);
  useEffect(() => {
    if (!navigator.storage?.persisted) {
      setPersisted('unsupported');
      return;
    }
    void navigator.storage.persisted().then(setPersisted);
  }, []);

  if (!draft) return <p className="muted">Loading…</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await saveSettings(db, { ...draft, fuzz: draft.fuzz === 'on' });
    if (result.ok) {
      setErrors({});
      setSaved(true);
      setDraft(toDraft(result.settings));
    } else {
      setErrors(result.errors);
      setSaved(false);
    }
  };
  const set = (key: keyof SchedulingSettings, value: string) => {
    setSaved(false);
    setDraft({ ...draft, [key]: value });
  };

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <form className="panel settings" onSubmit={(e) => void submit(e)} noValidate>
        <h2>Scheduling (FSRS)</h2>
        {FIELDS.map((f) => (
          <div className="field" key={f.key}>
            <label htmlFor={`set-${f.key}`}>{f.label}</label>
            <input
              id={`set-${f.key}`}
              value={draft[f.key]}
              inputMode={f.inputMode}
              aria-invalid={errors[f.key] ? true : undefined}
              aria-describedby={`set-${f.key}-hint${errors[f.key] ? ` set-${f.key}-error` : ''}`}
              onChange={(e) => set(f.key, e.target.value)}
            />
            <small id={`set-${f.key}-hint`} className="muted">
              {f.hint}
            </small>
            {errors[f.key] && (
              <small id={`set-${f.key}-error`} className="field-error" role="alert">
                {errors[f.key]}
              </small>
            )}
          </div>
        ))}
        <div className="field">
          <label htmlFor="set-leechAction">When a card becomes a leech</label>
          <select id="set-leechAction" value={draft.leechAction} onChange={(e) => set('leechAction', e.target.value)}>
            <option value="suspend">Tag it "leech" and suspend it</option>
            <option value="tag">Only tag it "leech"</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="set-fuzz">Interval fuzz</label>
          <select id="set-fuzz" value={draft.fuzz} onChange={(e) => set('fuzz', e.target.value)}>
            <option value="on">On: spread reviews over nearby days</option>
            <option value="off">Off</option>
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn primary">
            Save settings
          </button>
          {saved && (
            <span role="status" className="ok-line">
              Saved. Applies from your next answer.
            </span>
          )}
        </div>
      </form>
      <section className="panel" aria-labelledby="storage-title">
        <h2 id="storage-title">Storage</h2>
        <p data-testid="persistence">
          {persisted === undefined
            ? 'Checking storage…'
            : persisted === 'unsupported'
              ? 'This browser cannot make storage persistent; it may clear your data when space runs low.'
              : persisted
                ? 'Persistent: the browser will not clear your cards and history to free space.'
                : 'Not persistent yet: the browser may clear data when space runs low. It is requested after your first review.'}
        </p>
        {persisted === false && (
          <button type="button" className="btn" onClick={() => void navigator.storage.persist().then(setPersisted)}>
            Ask to keep data
          </button>
        )}
      </section>
    </section>
  );
}
