/**
 * Turning the daily reminder on and off in the browser: notification permission (asked only when
 * the person turns the reminder on) and the periodic background sync the service worker answers.
 * Each way this can fail has a name, so Settings can say what is missing and what would fix it.
 */
import { REMINDER_SYNC_TAG } from '../domain/reminder/reminder';

export type ReminderProblem = 'no-notifications' | 'no-periodic-sync' | 'no-service-worker' | 'denied' | 'not-installed';

/** Periodic Background Sync, which TypeScript's DOM types do not have yet. */
interface PeriodicSyncManager {
  register(tag: string, options?: { minInterval?: number }): Promise<void>;
  unregister(tag: string): Promise<void>;
  getTags(): Promise<string[]>;
}
type WithPeriodicSync = ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManager };

/** Ask for a check every hour; browsers space them further apart (Chromium: 12 hours or more). */
const MIN_INTERVAL_MS = 60 * 60 * 1000;

async function registration(): Promise<WithPeriodicSync | ReminderProblem> {
  if (!('serviceWorker' in navigator) || typeof Notification === 'undefined') return 'no-notifications';
  if (typeof ServiceWorkerRegistration === 'undefined' || !('periodicSync' in ServiceWorkerRegistration.prototype)) {
    return 'no-periodic-sync';
  }
  return ((await navigator.serviceWorker.getRegistration()) as WithPeriodicSync | undefined) ?? 'no-service-worker';
}

/** Asks for notification permission and registers the daily check; null when it is all in place. */
export async function turnOnReminder(): Promise<ReminderProblem | null> {
  const reg = await registration();
  if (typeof reg === 'string') return reg;
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  try {
    await reg.periodicSync?.register(REMINDER_SYNC_TAG, { minInterval: MIN_INTERVAL_MS });
  } catch {
    // Chromium refuses periodic sync to a site that is not installed (NotAllowedError).
    return 'not-installed';
  }
  return null;
}

export async function turnOffReminder(): Promise<void> {
  const reg = await registration();
  if (typeof reg !== 'string') await reg.periodicSync?.unregister(REMINDER_SYNC_TAG).catch(() => undefined);
}

/** For a reminder that is on: what stops it now (permission withdrawn, app uninstalled…), without asking anything. */
export async function reminderProblemNow(): Promise<ReminderProblem | null> {
  const reg = await registration();
  if (typeof reg === 'string') return reg;
  if (Notification.permission !== 'granted') return 'denied';
  const tags = await reg.periodicSync?.getTags().catch(() => [] as string[]);
  return tags?.includes(REMINDER_SYNC_TAG) ? null : 'not-installed';
}

/** What each problem means for the person, and what would make the reminder work. */
export const REMINDER_PROBLEMS: Record<ReminderProblem, string> = {
  'no-notifications': 'This browser cannot show notifications for a web app, so there can be no reminder here.',
  'no-periodic-sync':
    'This browser cannot wake the app at a set time: Periodic Background Sync exists only in Chromium-based browsers ' +
    '(Chrome, Edge, Samsung Internet) for installed apps, not in Safari, on iOS or in Firefox.',
  'no-service-worker':
    'The app’s offline worker is not running yet (it installs during the first visit online). Reload the app while online and try again.',
  denied:
    'Notifications are blocked for this app. Allow them in the browser’s site settings (the icon next to the address), then turn the reminder on again.',
  'not-installed':
    'The browser lets only an installed app check in the background. Install Recall RE (browser menu → Install app, or Add to Home screen), open it from its icon and turn the reminder on there.',
};
