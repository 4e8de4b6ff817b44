import { describe, expect, it } from 'vitest';
import {
  RESUME_KEY as BOOT_RESUME_KEY,
  THEME_KEY as BOOT_THEME_KEY,
  type ResumeSnapshot,
  usableSnapshot,
} from '../../src/resume/snapshot';
import { RESUME_KEY, THEME_KEY } from '../../src/ui/resume';

const NOW = Date.UTC(2026, 10, 27, 9);
const good: ResumeSnapshot = {
  v: 1,
  hash: '#/study/all',
  title: 'All decks',
  cardId: 'stats-1#0',
  reps: 3,
  kind: 'basic',
  front: '<p>front</p>',
  back: '<p>back</p>',
  labels: ['1m', '10m', '3d', '8d'],
  counts: [20, 1, 5],
  current: 'review',
  validUntil: NOW + 3_600_000,
  tapToReveal: true,
  styles: [],
};
const raw = (change: Record<string, unknown>) => JSON.stringify({ ...good, ...change });

describe('usableSnapshot', () => {
  it('takes a whole snapshot for the same route on the same study day', () => {
    expect(usableSnapshot(JSON.stringify(good), '#/study/all', NOW)).toEqual(good);
  });

  it.each([
    ['nothing stored', null, '#/study/all', NOW],
    ['not JSON', '{', '#/study/all', NOW],
    ['another route', JSON.stringify(good), '#/study/stats', NOW],
    ['the deck list', JSON.stringify(good), '#/decks', NOW],
    ['the next study day', JSON.stringify(good), '#/study/all', good.validUntil],
    ['another version', raw({ v: 2 }), '#/study/all', NOW],
    ['an explain card (needs the draft box)', raw({ kind: 'explain' }), '#/study/all', NOW],
    ['a type-in card (needs the input)', raw({ kind: 'typein' }), '#/study/all', NOW],
    ['a missing side', raw({ back: undefined }), '#/study/all', NOW],
    ['three labels', raw({ labels: ['1m', '10m', '3d'] }), '#/study/all', NOW],
    ['math without its stylesheet', raw({ front: '<span class="katex">x</span>' }), '#/study/all', NOW],
    ['the day before the one it is kept for', raw({ validFrom: NOW + 1 }), '#/study/all', NOW],
    ['a start that is not a time', raw({ validFrom: 'tomorrow' }), '#/study/all', NOW],
    ['counts that are not numbers', raw({ counts: ['<b>1</b>', 2, 3] }), '#/study/all', NOW],
    ['two counts', raw({ counts: [1, 2] }), '#/study/all', NOW],
    ['an unknown current kind', raw({ current: 'other' }), '#/study/all', NOW],
    ['a label that is not text', raw({ labels: ['1m', '10m', 3, '8d'] }), '#/study/all', NOW],
    ['styles that are not text', raw({ styles: [1] }), '#/study/all', NOW],
  ])('refuses %s', (_label, stored, hash, now) => {
    expect(usableSnapshot(stored, hash, now)).toBeUndefined();
  });

  it('takes the next day’s card from the start of that day', () => {
    const next = { ...good, validFrom: NOW, validUntil: NOW + 86_400_000 };
    expect(usableSnapshot(JSON.stringify(next), '#/study/all', NOW)).toEqual(next);
  });

  it('takes a snapshot without counts', () => {
    expect(usableSnapshot(raw({ counts: null }), '#/study/all', NOW)).toEqual({ ...good, counts: null });
  });

  it('takes math when KaTeX’s stylesheet is listed', () => {
    const math = { ...good, front: '<span class="katex">x</span>', styles: ['/assets/katex-abc.css'] };
    expect(usableSnapshot(JSON.stringify(math), '#/study/all', NOW)).toEqual(math);
  });

  it('uses the same storage keys on both sides', () => {
    expect(RESUME_KEY).toBe(BOOT_RESUME_KEY);
    expect(THEME_KEY).toBe(BOOT_THEME_KEY);
  });
});
