/** Hash routes: #/decks, #/study/<deckId|all>, #/settings. Works offline and on any static host. */
import { useSyncExternalStore } from 'react';

export type Route = { name: 'decks' } | { name: 'study'; deck: string } | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'study' && parts[1]) return { name: 'study', deck: decodeURIComponent(parts[1]) };
  if (parts[0] === 'settings') return { name: 'settings' };
  return { name: 'decks' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'decks':
      return '#/decks';
    case 'settings':
      return '#/settings';
    case 'study':
      return `#/study/${encodeURIComponent(route.deck)}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
