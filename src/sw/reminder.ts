/// <reference lib="webworker" />
/**
 * The daily reminder in the service worker. On each periodic background sync (Chromium, installed
 * app) it counts the cards waiting with the app's own storage code, sets the icon badge to that
 * number, and shows one notification a study day once the chosen time has come
 * (`shouldRemind`). A tap on the notification opens the study screen of all decks.
 */
import { REMINDER_ROUTE, REMINDER_SYNC_TAG } from '../domain/reminder/reminder';
import { runtimeZone } from '../domain/scheduling/time';
import { openDatabase } from '../storage/db';
import { checkReminder, markReminded } from '../storage/reminder';
import { showDueBadge } from '../platform/badge';

/** Not in TypeScript's worker types yet. */
interface PeriodicSyncEvent extends ExtendableEvent {
  readonly tag: string;
}

async function remind(sw: ServiceWorkerGlobalScope): Promise<void> {
  const db = openDatabase();
  try {
    const check = await checkReminder(db, Date.now(), runtimeZone);
    showDueBadge(check.waiting);
    if (!check.decision.remind || !check.text) return;
    await sw.registration.showNotification(check.text, {
      tag: REMINDER_SYNC_TAG,
      body: 'Tap to start your review.',
      // Relative to the worker's own URL: the app may be served under a sub-path (docs/deploy.md).
      icon: 'icons/icon-192.png',
      badge: 'icons/icon-192.png',
    });
    await markReminded(db, check.decision.day);
  } finally {
    // Never keep the database open: the app may need to upgrade it.
    db.close();
  }
}

/** Focus the app on the study screen, or open it there. */
async function openStudy(sw: ServiceWorkerGlobalScope): Promise<void> {
  const url = `${sw.registration.scope}${REMINDER_ROUTE}`;
  const [client] = await sw.clients.matchAll({ type: 'window' });
  if (client) {
    await client.focus().catch(() => undefined);
    await client.navigate(url);
    return;
  }
  await sw.clients.openWindow(url);
}

export function listenForReminders(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener('periodicsync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
    const sync = event as PeriodicSyncEvent;
    if (sync.tag === REMINDER_SYNC_TAG) sync.waitUntil(remind(sw));
  });
  sw.addEventListener('notificationclick', (event) => {
    if (event.notification.tag !== REMINDER_SYNC_TAG) return;
    event.notification.close();
    event.waitUntil(openStudy(sw));
  });
}
