/**
 * Settings → Daily reminder: on/off and a time of day. Turning it on asks for notification
 * permission (only then) and registers the service worker's daily check; when the browser cannot
 * do it, the panel says why and what would make it work, and the reminder stays off.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { formatTimeOfDay, parseTimeOfDay } from '../../domain/reminder/reminder';
import { loadReminder, saveReminder } from '../../storage/reminder';
import { REMINDER_PROBLEMS, type ReminderProblem, reminderProblemNow, turnOffReminder, turnOnReminder } from '../reminder-setup';
import { useServices } from '../services';

export function ReminderPanel() {
  const { db } = useServices();
  const stored = useLiveQuery(() => loadReminder(db), [db]);
  const [problem, setProblem] = useState<ReminderProblem | null>(null);
  const [busy, setBusy] = useState(false);
  // The box follows the click at once, while permission is asked and the choice is stored.
  const [pending, setPending] = useState<boolean | null>(null);

  // A reminder turned on earlier can stop working (permission withdrawn, app uninstalled): say so.
  const enabled = stored?.enabled === true;
  // The stored choice changed: the box shows it again (set during render, not in an effect).
  const [shownEnabled, setShownEnabled] = useState(enabled);
  if (enabled !== shownEnabled) {
    setShownEnabled(enabled);
    setPending(null);
  }
  useEffect(() => {
    if (enabled) reminderProblemNow().then(setProblem, () => setProblem(null));
  }, [enabled]);

  if (!stored) return null;
  const time = formatTimeOfDay(stored.minuteOfDay);

  const toggle = async (on: boolean) => {
    setBusy(true);
    setPending(on);
    try {
      const failed = on ? await turnOnReminder() : null;
      if (!on) await turnOffReminder();
      setProblem(failed);
      const next = on && failed === null;
      await saveReminder(db, { ...stored, enabled: next });
      // A change of the stored value clears `pending` when it arrives; no change, nothing to wait for.
      if (next === stored.enabled) setPending(null);
    } catch (error) {
      setPending(null);
      throw error;
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel settings" aria-labelledby="reminder-title">
      <h2 id="reminder-title">Daily reminder</h2>
      <label className="check-row">
        <input
          type="checkbox"
          checked={pending ?? stored.enabled}
          disabled={busy}
          onChange={(e) => void toggle(e.target.checked)}
        />
        Remind me when cards are waiting
      </label>
      <div className="field">
        <label htmlFor="reminder-time">Reminder time</label>
        <input
          id="reminder-time"
          type="time"
          value={time}
          onChange={(e) => {
            const minuteOfDay = parseTimeOfDay(e.target.value);
            if (minuteOfDay !== null) void saveReminder(db, { ...stored, minuteOfDay });
          }}
        />
      </div>
      <p className="muted" data-testid="reminder-status">
        {stored.enabled
          ? `On: once a day from ${time}, if cards are waiting, a notification says how many and about how long they take; ` +
            'tap it to start. The browser decides when the app may check (often 12 hours or more apart, and only online), ' +
            'so it comes at the first check after that time. Each check also updates the icon badge.'
          : 'Off. Turning it on asks for permission to show notifications. Without it, the icon badge is updated whenever ' +
            'you open the app, and the done screen shows how many cards come tomorrow.'}
      </p>
      {problem && (
        <p role="alert" className="field-error">
          {REMINDER_PROBLEMS[problem]}
        </p>
      )}
    </section>
  );
}
