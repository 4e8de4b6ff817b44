/** BASE_PATH (vite.config.ts): the path a build is served under, always with a slash at each end. */
import { describe, expect, it } from 'vitest';
import { basePath } from '../../vite.config';

describe('basePath', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['recall-re', '/recall-re/'],
    ['/recall-re', '/recall-re/'],
    ['/recall-re/', '/recall-re/'],
    [' /apps/recall.re_1~x/ ', '/apps/recall.re_1~x/'],
  ])('%o is served at %s', (value, expected) => {
    expect(basePath(value)).toBe(expected);
  });

  it.each(['/a b/', '/../x/', '/x/./y/', 'https://example.org/x/', '/x?y/', '/x#y/', '/x//y/'])(
    'refuses %o, naming the value and what a path may hold',
    (value) => {
      expect(() => basePath(value)).toThrow(/^BASE_PATH ".*" is not a URL path: .* such as \/recall-re\/$/);
    },
  );
});
