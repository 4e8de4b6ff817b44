import { describe, expect, it } from 'vitest';
import { type DrawCandidate, drawQuestions, questionWeight } from '../../src/domain/interview/draw';
import { seededRandom } from '../../src/domain/random';
import { canUndoGrade, clockMoments, nextPosition } from '../../src/domain/interview/run';
import { Queue, State } from '../../src/domain/scheduling/scheduler';
import { DAY } from '../../src/domain/scheduling/time';

const NOW = Date.UTC(2026, 2, 10, 9);

/** A card in review, due in 30 days, stable, never lapsed: the least preferred kind. */
function card(id: string, overrides: Partial<DrawCandidate> = {}): DrawCandidate {
  return {
    cardId: `${id}#0`,
    noteId: id,
    queue: Queue.Review,
    state: State.Review,
    due: NOW + 30 * DAY,
    stability: 60,
    lapses: 0,
    ...overrides,
  };
}

describe('questionWeight', () => {
  it.each([
    ['strong, due in a month', card('a'), 1],
    ['due tomorrow', card('a', { due: NOW + 0.5 * DAY }), 5],
    ['overdue', card('a', { due: NOW - 3 * DAY }), 5],
    ['due within a week', card('a', { due: NOW + 5 * DAY }), 3],
    ['two lapses', card('a', { lapses: 2 }), 3],
    ['lapses count up to four', card('a', { lapses: 9 }), 5],
    ['stability under a week', card('a', { stability: 3 }), 3],
    ['stability under three weeks', card('a', { stability: 14 }), 2],
    ['due, weak and lapsed', card('a', { due: NOW, stability: 2, lapses: 4 }), 11],
    ['new', card('a', { state: State.New, queue: Queue.New, due: 3, stability: 0 }), 2],
  ])('%s → %d', (_, c, weight) => {
    expect(questionWeight(c, NOW)).toBe(weight);
  });
});

describe('drawQuestions', () => {
  const pool = Array.from({ length: 12 }, (_, i) => card(`n${i}`));

  it('draws the asked number, never the same note twice', () => {
    // Two cards of one note: at most one of them.
    const withSibling = [...pool, { ...card('n0'), cardId: 'n0#1' }];
    for (let seed = 1; seed <= 50; seed++) {
      const drawn = drawQuestions(withSibling, { count: 12, now: NOW, random: seededRandom(seed) });
      expect(drawn).toHaveLength(12);
      expect(new Set(drawn.map((d) => d.noteId)).size).toBe(12);
    }
  });

  it('gives what there is when fewer cards than asked, and nothing for a count of 0', () => {
    expect(drawQuestions(pool.slice(0, 3), { count: 5, now: NOW, random: seededRandom(1) })).toHaveLength(3);
    expect(drawQuestions(pool, { count: 0, now: NOW, random: seededRandom(1) })).toEqual([]);
  });

  it('leaves out suspended and retired cards', () => {
    const cards = [
      card('s', { queue: Queue.Suspended }),
      card('r', { queue: Queue.Retired }),
      card('ok'),
      card('b', { queue: Queue.Buried }),
    ];
    const drawn = drawQuestions(cards, { count: 4, now: NOW, random: seededRandom(3) });
    expect(drawn.map((d) => d.noteId).sort()).toEqual(['b', 'ok']);
  });

  it('is the same for the same seed, and differs between seeds', () => {
    const a = drawQuestions(pool, { count: 5, now: NOW, random: seededRandom(42) }).map((d) => d.noteId);
    const b = drawQuestions(pool, { count: 5, now: NOW, random: seededRandom(42) }).map((d) => d.noteId);
    const c = drawQuestions(pool, { count: 5, now: NOW, random: seededRandom(43) }).map((d) => d.noteId);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('prefers cards due soon and weak cards, without drawing only them', () => {
    // 2 due-and-weak cards (weight 11) among 10 strong ones (weight 1), 3 questions per run.
    const cards = [
      ...pool.slice(0, 10),
      card('due', { due: NOW, stability: 2, lapses: 4 }),
      card('weak', { due: NOW, stability: 2, lapses: 4 }),
    ];
    const runs = 400;
    const times = new Map<string, number>();
    for (let seed = 1; seed <= runs; seed++) {
      for (const d of drawQuestions(cards, { count: 3, now: NOW, random: seededRandom(seed) }))
        times.set(d.noteId, (times.get(d.noteId) ?? 0) + 1);
    }
    // Drawn uniformly, each card would come up in 3/12 = 25% of runs.
    expect((times.get('due') ?? 0) / runs).toBeGreaterThan(0.8);
    expect((times.get('weak') ?? 0) / runs).toBeGreaterThan(0.8);
    const strong = pool.slice(0, 10).map((c) => (times.get(c.noteId) ?? 0) / runs);
    expect(Math.max(...strong)).toBeLessThan(0.25);
    // …but every strong card still comes up now and then.
    expect(Math.min(...strong)).toBeGreaterThan(0);
  });

  it('seededRandom stays in [0, 1)', () => {
    const r = seededRandom(0);
    for (let i = 0; i < 1000; i++) {
      const v = r();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });
});

describe('run positions', () => {
  it.each([
    ['each', { current: 0, step: 'answering' }, 3, { current: 0, step: 'review' }],
    ['each', { current: 0, step: 'review' }, 3, { current: 1, step: 'ready' }],
    ['each', { current: 1, step: 'ready' }, 3, { current: 1, step: 'answering' }],
    ['each', { current: 2, step: 'review' }, 3, { current: 3, step: 'summary' }],
    ['end', { current: 0, step: 'answering' }, 3, { current: 1, step: 'ready' }],
    ['end', { current: 2, step: 'answering' }, 3, { current: 0, step: 'review' }],
    ['end', { current: 0, step: 'review' }, 3, { current: 1, step: 'review' }],
    ['end', { current: 2, step: 'review' }, 3, { current: 3, step: 'summary' }],
    ['end', { current: 0, step: 'answering' }, 1, { current: 0, step: 'review' }],
  ] as const)('review %s: %j of %d → %j', (reviewAt, from, total, to) => {
    expect(nextPosition(from, total, reviewAt)).toEqual(to);
  });

  it('undo takes back a grade only while the run stands where that grade left it', () => {
    expect(canUndoGrade({ current: 1, step: 'ready' }, 0, 3, 'each')).toBe(true);
    expect(canUndoGrade({ current: 1, step: 'answering' }, 0, 3, 'each')).toBe(false);
    expect(canUndoGrade({ current: 3, step: 'summary' }, 2, 3, 'each')).toBe(true);
    expect(canUndoGrade({ current: 3, step: 'summary' }, 1, 3, 'each')).toBe(false);
    expect(canUndoGrade({ current: 2, step: 'review' }, 1, 3, 'end')).toBe(true);
  });
});

describe('clockMoments', () => {
  const said = (minutes: number) => clockMoments(minutes * 60_000).map((m) => `${m.say}@${m.at / 1000}`);
  it.each([
    [3, ['half@90', 'minute@120', 'end@180']],
    [2, ['minute@60', 'end@120']],
    [1, ['half@30', 'end@60']],
    [10, ['half@300', 'minute@540', 'end@600']],
  ])('%d min: %j', (minutes, moments) => {
    expect(said(minutes)).toEqual(moments);
  });
});
