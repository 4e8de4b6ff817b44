/**
 * The scheduling options form, shared by Settings (the default preset and the global options)
 * and Deck options (a named preset). Values are validated by the domain normaliser on save;
 * each invalid field gets its message next to it and nothing is written.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import type { SchedulingSettings, SettingKey } from '../../domain/scheduling/settings';
import type { SettingsErrors } from '../../domain/scheduling/settings-check';

export type Draft = Record<SettingKey, string>;
type Key = keyof Draft;

export function toDraft(s: SchedulingSettings): Draft {
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
    burySiblings: s.burySiblings ? 'on' : 'off',
    newOrder: s.newOrder,
  };
}

/** The draft as loose input for the normaliser (strings become numbers/booleans there). */
export function fromDraft(draft: Draft): Partial<Record<Key, unknown>> {
  return { ...draft, fuzz: draft.fuzz === 'on', burySiblings: draft.burySiblings === 'on' };
}

interface TextField {
  key: Key;
  label: string;
  hint: string;
  inputMode?: 'numeric' | 'decimal';
}

const TEXT_FIELDS: TextField[] = [
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
  {
    key: 'rolloverHour',
    label: 'Next day starts at (hour)',
    hint: 'Local hour 0–23, for every deck. Default: 4',
    inputMode: 'numeric',
  },
  {
    key: 'learnAheadMinutes',
    label: 'Learn-ahead limit (minutes)',
    hint: 'Show learning cards this early when nothing else is left. Default: 20',
    inputMode: 'numeric',
  },
  { key: 'leechThreshold', label: 'Leech threshold (lapses)', hint: 'Default: 8', inputMode: 'numeric' },
];

const CHOICES: { key: Key; label: string; options: [string, string][] }[] = [
  {
    key: 'leechAction',
    label: 'When a card becomes a leech',
    options: [
      ['suspend', 'Tag it "leech" and suspend it'],
      ['tag', 'Only tag it "leech"'],
    ],
  },
  {
    key: 'burySiblings',
    label: 'Bury siblings',
    options: [
      ['on', "On: a note's other cards wait until tomorrow"],
      ['off', 'Off: siblings may come the same day'],
    ],
  },
  {
    key: 'newOrder',
    label: 'New card order',
    options: [
      ['ascending', 'Deck order'],
      ['descending', 'Newest first'],
    ],
  },
  {
    key: 'fuzz',
    label: 'Interval fuzz',
    options: [
      ['on', 'On: spread reviews over nearby days'],
      ['off', 'Off'],
    ],
  },
];

export interface SchedulingFormProps {
  idPrefix: string;
  initial: SchedulingSettings;
  /** Which settings this form edits (a preset edits only the deck-level ones). */
  keys: readonly Key[];
  submitLabel: string;
  onSave: (draft: Draft) => Promise<{ ok: true } | { ok: false; errors: SettingsErrors }>;
  /** Shown under the retention field (the workload estimate). */
  retentionNote?: (draft: Draft) => ReactNode;
}

export function SchedulingForm({ idPrefix, initial, keys, submitLabel, onSave, retentionNote }: SchedulingFormProps) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [saved, setSaved] = useState(false);
  // New settings from storage replace the draft, during render (no effect, no stale frame).
  const [shownInitial, setShownInitial] = useState(initial);
  if (initial !== shownInitial) {
    setShownInitial(initial);
    setDraft(toDraft(initial));
    setErrors({});
  }

  const set = (key: Key, value: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await onSave(draft);
    setErrors(result.ok ? {} : result.errors);
    setSaved(result.ok);
  };
  const id = (key: Key) => `${idPrefix}-${key}`;

  return (
    <form className="settings" onSubmit={(e) => void submit(e)} noValidate>
      {TEXT_FIELDS.filter((f) => keys.includes(f.key)).map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={id(f.key)}>{f.label}</label>
          <input
            id={id(f.key)}
            value={draft[f.key]}
            inputMode={f.inputMode}
            aria-invalid={errors[f.key] ? true : undefined}
            aria-describedby={`${id(f.key)}-hint${errors[f.key] ? ` ${id(f.key)}-error` : ''}`}
            onChange={(e) => set(f.key, e.target.value)}
          />
          <small id={`${id(f.key)}-hint`} className="muted">
            {f.hint}
          </small>
          {f.key === 'desiredRetention' && retentionNote?.(draft)}
          {errors[f.key] && (
            <small id={`${id(f.key)}-error`} className="field-error" role="alert">
              {errors[f.key]}
            </small>
          )}
        </div>
      ))}
      {CHOICES.filter((c) => keys.includes(c.key)).map((c) => (
        <div className="field" key={c.key}>
          <label htmlFor={id(c.key)}>{c.label}</label>
          <select id={id(c.key)} value={draft[c.key]} onChange={(e) => set(c.key, e.target.value)}>
            {c.options.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {errors[c.key] && (
            <small className="field-error" role="alert">
              {errors[c.key]}
            </small>
          )}
        </div>
      ))}
      <div className="form-actions">
        <button type="submit" className="btn primary">
          {submitLabel}
        </button>
        {saved && (
          <span role="status" className="ok-line">
            Saved. Applies from your next answer.
          </span>
        )}
      </div>
    </form>
  );
}
