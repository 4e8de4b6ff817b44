import { describe, expect, it } from 'vitest';
import { compareTyped } from '../../src/domain/review/compare';

const show = (segments: { text: string; ok: boolean }[]) => segments.map((s) => (s.ok ? s.text : `[${s.text}]`)).join('');

describe('compareTyped', () => {
  it.each([
    // typed, expected, typed marked, expected marked, exact
    ['variance', 'variance', 'variance', 'variance', true],
    ['  variance ', 'variance', 'variance', 'variance', true],
    ['varience', 'variance', 'vari[e]nce', 'vari[a]nce', false],
    ['stderr', 'standard error', 'stderr', 'st[an]d[ard ]err[or]', false],
    ['', 'bootstrap', '', '[bootstrap]', false],
    ['xyz', 'abc', '[xyz]', '[abc]', false],
    ['Holm', 'holm', '[H]olm', '[h]olm', false],
    ['a  b', 'a b', 'a b', 'a b', true],
  ])('%j vs %j', (typed, expected, typedShown, expectedShown, exact) => {
    const result = compareTyped(typed, expected);
    expect(result.exact).toBe(exact);
    expect(show(result.typed)).toBe(typedShown);
    expect(show(result.expected)).toBe(expectedShown);
  });

  it('marks every character of a very long answer without building a huge table', () => {
    const result = compareTyped('a'.repeat(700), 'b'.repeat(700));
    expect(result.exact).toBe(false);
    expect(result.typed).toEqual([{ text: 'a'.repeat(700), ok: false }]);
  });
});
