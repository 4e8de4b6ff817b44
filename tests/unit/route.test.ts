/** Hash routes: every route survives href → parseRoute, and anything unknown is the deck list. */
import { describe, expect, it } from 'vitest';
import { href, parseRoute, type Route } from '../../src/ui/route';

describe('routes', () => {
  it.each<Route>([
    { name: 'decks' },
    { name: 'study', deck: 'all' },
    { name: 'study', deck: 'a deck/with #odd chars' },
    { name: 'settings' },
    { name: 'import' },
    { name: 'import', shared: true },
    { name: 'browse' },
    { name: 'options', deck: 'statistics' },
    { name: 'add' },
    { name: 'stats' },
    { name: 'interview' },
  ])('%o round-trips through its hash', (route) => {
    expect(parseRoute(href(route))).toEqual(route);
  });

  it('reads the hashes people type or bookmark, and falls back to the deck list', () => {
    expect(href({ name: 'study', deck: 'x y' })).toBe('#/study/x%20y');
    expect(parseRoute('#/study')).toEqual({ name: 'decks' });
    expect(parseRoute('#/options/')).toEqual({ name: 'decks' });
    expect(parseRoute('')).toEqual({ name: 'decks' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'decks' });
    expect(parseRoute('#stats')).toEqual({ name: 'stats' });
    expect(parseRoute('#/import/other')).toEqual({ name: 'import' });
  });
});
