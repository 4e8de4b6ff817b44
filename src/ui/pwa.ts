/**
 * Service worker registration through workbox-window. A new version is announced through
 * `updateAvailable` and applied only when the person presses "Update" — never mid-review.
 */
import { useSyncExternalStore } from 'react';

let waiting: (() => void) | null = null;
const listeners = new Set<() => void>();

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  void import('workbox-window').then(({ Workbox }) => {
    const wb = new Workbox('/sw.js', { scope: '/' });
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
