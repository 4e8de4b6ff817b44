import { describe, expect, it } from 'vitest';
import { answersNeeded, judgeRetention, wilsonInterval } from '../../src/domain/stats/retention';

describe('wilsonInterval', () => {
  it('matches the Wilson score interval at 95%', () => {
    const i = wilsonInterval({ passed: 90, n: 100 });
    expect(i?.estimate).toBe(0.9);
    expect(i?.low).toBeCloseTo(0.8256, 4);
    expect(i?.high).toBeCloseTo(0.9448, 4);
  });

  it('stays inside [0, 1] at the edges, where estimate ± z·SE would not', () => {
    expect(wilsonInterval({ passed: 0, n: 10 })).toMatchObject({ low: 0 });
    expect(wilsonInterval({ passed: 0, n: 10 })?.high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval({ passed: 10, n: 10 })?.low).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval({ passed: 10, n: 10 })?.high).toBeLessThanOrEqual(1);
  });

  it('is undefined with nothing counted or impossible counts', () => {
    expect(wilsonInterval({ passed: 0, n: 0 })).toBeUndefined();
    expect(wilsonInterval({ passed: 5, n: 4 })).toBeUndefined();
  });
});

describe('judgeRetention', () => {
  it('says nothing without answers', () => {
    expect(judgeRetention({ passed: 0, n: 0 }, 0.9)).toEqual({ kind: 'none' });
  });

  it('calls it below or above only when the whole interval is', () => {
    expect(judgeRetention({ passed: 830, n: 1000 }, 0.9).kind).toBe('below');
    expect(judgeRetention({ passed: 980, n: 1000 }, 0.9).kind).toBe('above');
    // 80% of 20 is far below 90%, but its interval (58–92%) still holds the target.
    expect(judgeRetention({ passed: 16, n: 20 }, 0.9).kind).toBe('too-few');
  });

  it('calls it on target only when the interval is within the margin, not merely around the target', () => {
    expect(judgeRetention({ passed: 1800, n: 2000 }, 0.9).kind).toBe('on-target');
    const wide = judgeRetention({ passed: 90, n: 100 }, 0.9);
    expect(wide.kind).toBe('too-few');
    if (wide.kind === 'too-few') expect(wide.needed).toBe(139);
  });

  it('asks for more answers than were already counted', () => {
    const v = judgeRetention({ passed: 140, n: 160 }, 0.9, 0.02);
    expect(v.kind).toBe('too-few');
    if (v.kind === 'too-few') expect(v.needed).toBe(answersNeeded(0.9, 0.02));
    expect(answersNeeded(0.9, 0.05)).toBe(139);
  });
});
