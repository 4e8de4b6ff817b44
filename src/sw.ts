/// <reference lib="webworker" />
/**
 * Service worker (Workbox). Precaches the app shell, the built-in deck data, fonts and every
 * lazily loaded chunk, so after one online visit the app starts and works with no network.
 * The first version takes control of the page that installed it at once (clientsClaim), so even
 * the first session loads its lazy screens and the import worker from the precache when the
 * network drops. A new version waits until the page asks it to take over (the "Update available"
 * button), so it never reloads a review. The daily reminder (periodic sync, badge, notification)
 * is in sw/reminder.ts, which shares the app's counting code.
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { listenForReminders } from './sw/reminder';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

clientsClaim();
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// share_target: park the shared file in a cache and open the import preview, which picks it up.
// Every URL here is under the worker's scope, the path the app is served under (docs/deploy.md).
const scope = self.registration.scope;
const SHARE_TARGET = new URL('share-target', scope).pathname;
const SHARED_FILE = new URL('shared-file', scope).href;

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'POST' || url.pathname !== SHARE_TARGET) return;
  event.respondWith(
    (async () => {
      const form = await event.request.formData();
      const file = form.get('deck');
      const text = form.get('text');
      const cache = await caches.open('shared-files');
      if (file instanceof File) {
        await cache.put(SHARED_FILE, new Response(file, { headers: { 'X-File-Name': encodeURIComponent(file.name) } }));
      } else if (typeof text === 'string' && text.trim() !== '') {
        await cache.put(SHARED_FILE, new Response(text, { headers: { 'X-File-Name': 'shared.txt' } }));
      }
      return Response.redirect(`${scope}#/import/shared`, 303);
    })(),
  );
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

listenForReminders(self);
