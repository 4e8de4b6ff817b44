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

/** Routes that are only a name: #/settings, #/browse, … */
const PLAIN = new Set(['settings', 'browse', 'add', 'stats', 'interview']);

export function parseRoute(hash: string): Route {
  const [name = '', arg] = hash.replace(/^#\/?/, '').split('/');
  if ((name === 'study' || name === 'options') && arg) return { name, deck: decodeURIComponent(arg) };
  if (name === 'import') return arg === 'shared' ? { name, shared: true } : { name };
  return PLAIN.has(name) ? ({ name } as Route) : { name: 'decks' };
}

export function href(route: Route): string {
  if (route.name === 'study' || route.name === 'options') return `#/${route.name}/${encodeURIComponent(route.deck)}`;
  return route.name === 'import' && route.shared ? '#/import/shared' : `#/${route.name}`;
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
