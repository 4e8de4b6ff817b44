/// <reference lib="webworker" />
/**
 * Service worker (Workbox). Precaches the app shell, the built-in deck data, fonts and every
 * lazily loaded chunk, so after one online visit the app starts and works with no network.
 * It imports nothing from the app. A new version waits until the page asks it to take over
 * (the "Update available" button), so it never reloads a review.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
