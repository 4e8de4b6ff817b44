import { useEffect, useState } from 'react';
import type { SchedulingSettings } from '../../domain/scheduling/settings';
import { saveSettings } from '../../storage/options-edit';
import { type Draft, fromDraft, SchedulingForm } from '../components/SchedulingForm';
import { BackupPanel } from '../components/BackupPanel';
import { CheckPanel } from '../components/CheckPanel';
import { SnapshotsPanel } from '../components/SnapshotsPanel';
import { ReminderPanel } from '../components/ReminderPanel';
import { ReviewPrefsPanel } from '../components/ReviewPrefsPanel';
import { useSettings } from '../hooks/useSettings';
import { useServices } from '../services';
import '../screens.css';

export function SettingsScreen() {
  const { db } = useServices();
  const settings = useSettings();
  const [persisted, setPersisted] = useState<boolean | 'unsupported'>();

  useEffect(() => {
    document.title = 'Settings · Recall RE';
  }, []);
  // The form starts from the stored settings once; later live updates do not reset typing.
  const [initial, setInitial] = useState<SchedulingSettings>();
  useEffect(() => {
    if (settings && !initial) setInitial(settings);
  }, [settings, initial]);
  useEffect(() => {
    if (!navigator.storage?.persisted) {
      setPersisted('unsupported');
      return;
    }
    void navigator.storage.persisted().then(setPersisted);
  }, []);

  if (!initial) return <p className="muted">Loading…</p>;

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <section className="panel" aria-labelledby="scheduling-title">
        <h2 id="scheduling-title">Scheduling (FSRS): default preset</h2>
        <p className="muted">Every deck uses these unless its deck options pick another preset.</p>
        <SchedulingForm
          idPrefix="set"
          initial={initial}
          keys={Object.keys(initial).filter((k) => k !== 'parameters') as (keyof Draft)[]}
          submitLabel="Save settings"
          onSave={async (draft) => {
            const result = await saveSettings(db, fromDraft(draft));
            return result.ok ? { ok: true } : result;
          }}
        />
      </section>
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
      <ReminderPanel />
      <ReviewPrefsPanel />
      <BackupPanel />
      <SnapshotsPanel />
      <CheckPanel />
    </section>
  );
}
