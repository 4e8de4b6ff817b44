/**
 * Service worker registration through workbox-window. A new version is announced through
 * `updateAvailable` and applied only when the person presses "Update" — never mid-review.
 */
import { useSyncExternalStore } from 'react';

let waiting: (() => void) | null = null;
const listeners = new Set<() => void>();

let shown: (() => void) | undefined;
const firstScreen = new Promise<void>((resolve) => {
  shown = resolve;
});

/** Called once the first screen shows its content (the deck list with its counts, a card, …). */
export function markFirstScreen(): void {
  shown?.();
}

/**
 * The service worker's first install downloads and stores ~4 MB and compiles every script it
 * precaches, on threads of this page's process: it starts once the first screen shows its content
 * (or after 10 s) and the page is idle, so it does not compete with that screen for the CPU. On
 * later starts, registering only checks for an update.
 */
export async function afterFirstScreen(): Promise<void> {
  await Promise.race([firstScreen, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  await new Promise<void>((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 0);
  });
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  void afterFirstScreen()
    .then(() => import('workbox-window'))
    .then(({ Workbox }) => {
      // Under the path the build was made for (BASE_PATH, see docs/deploy.md): the worker controls that path only.
      const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
      wb.addEventListener('waiting', () => {
        waiting = () => {
          wb.addEventListener('controlling', () => window.location.reload());
          wb.messageSkipWaiting();
        };
        for (const l of listeners) l();
      });
      // Without a service worker (blocked, or an unusual browser) the app still runs online.
      wb.register().catch((error: unknown) => console.warn('service worker not registered:', error));
    });
}

export function useUpdateAvailable(): (() => void) | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => waiting,
  );
}
