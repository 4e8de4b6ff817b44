/** Hash routes: #/decks, #/study/<deckId|all>, #/settings, #/stats, #/interview and the rest below. Works offline and on any static host. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'decks' }
  | { name: 'study'; deck: string }
  | { name: 'settings' }
  | { name: 'import'; shared?: boolean }
  | { name: 'browse' }
  | { name: 'options'; deck: string }
  | { name: 'add' }
  | { name: 'stats' }
  | { name: 'interview' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'study' && parts[1]) return { name: 'study', deck: decodeURIComponent(parts[1]) };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'browse') return { name: 'browse' };
  if (parts[0] === 'add') return { name: 'add' };
  if (parts[0] === 'stats') return { name: 'stats' };
  if (parts[0] === 'interview') return { name: 'interview' };
  if (parts[0] === 'options' && parts[1]) return { name: 'options', deck: decodeURIComponent(parts[1]) };
  if (parts[0] === 'import') return parts[1] === 'shared' ? { name: 'import', shared: true } : { name: 'import' };
  return { name: 'decks' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'decks':
      return '#/decks';
    case 'settings':
      return '#/settings';
    case 'browse':
      return '#/browse';
    case 'add':
      return '#/add';
    case 'stats':
      return '#/stats';
    case 'interview':
      return '#/interview';
    case 'options':
      return `#/options/${encodeURIComponent(route.deck)}`;
    case 'import':
      return route.shared ? '#/import/shared' : '#/import';
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
