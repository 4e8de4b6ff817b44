import { describe, expect, it } from 'vitest';
import { busiestRenderer, parseTimehist, runnableWaits, taskTime } from '../../bench/sched';

// `perf sched timehist --state` lines: time [cpu] task wait delay run state.
const OUTPUT = `
           time    cpu  task name                       wait time  sch delay   run time  state
                        [tid/pid]                          (msec)     (msec)     (msec)
--------------- ------  ------------------------------  ---------  ---------  ---------  -----
     100.000000 [0000]  chromium[500]                       0.000      0.000      1.000      R
     100.001000 [0001]  Compositor[503/500]                 0.000      0.000      2.000      S
     100.005000 [0000]  chromium[600]                       0.000      0.000      1.000      S
     100.021000 [0000]  kdamond.0[77]                       0.000      0.000     20.000      S
     100.026000 [0001]  Chrome_IOThread[12/10]              0.000      0.000     25.000      S
     100.026500 [0001]  chromium[500]                      25.500      0.000      0.500      R
     100.030000 [0000]  Compositor[603/600]                 0.000      0.000      0.500      S
     100.031000 [0001]  chromium[500]                       3.000      0.000      1.000      S
     100.050000 [0000]  chromium[500]                      18.000      0.000      1.000      S
`;

describe('bench/sched', () => {
  const slices = parseTimehist(OUTPUT);

  it('reads every slice line and skips the headers', () => {
    expect(slices).toHaveLength(9);
    expect(slices[3]).toMatchObject({ end: 100.021, cpu: '0000', task: 'kdamond.0[77]', runMs: 20, state: 'S' });
  });

  it('takes the renderer whose compositor ran longest', () => {
    expect(busiestRenderer(slices)).toBe('500');
  });

  it('counts only waits after a preemption, and names the threads that held the cores', () => {
    const r = runnableWaits(slices, '500', 8);
    // The 25.5 ms wait follows a preemption (R); the 18 ms one follows a sleep (S) and is not a wait for a core.
    expect(r.waits.map((w) => Math.round(w * 10) / 10)).toEqual([25.5]);
    const held = Object.fromEntries(r.holders.map(([name, ms]) => [name, Math.round(ms)]));
    expect(held['kdamond.0']).toBe(20);
    expect(held.Chrome_IOThread).toBe(25);
    expect(held.chromium).toBe(1);
  });

  it("splits a task's wall time into running, waiting for a core, and asleep", () => {
    const round = (t: ReturnType<typeof taskTime>) => Object.values(t).map((v) => Math.round(v * 10) / 10);
    // Ran 99.999–100.000, preempted until 100.026, ran, preempted until 100.030, ran to 100.031.
    expect(round(taskTime(slices, '500', 99.999, 100.031))).toEqual([2.5, 29.5, 0]);
    // After 100.031 it went to sleep (S) until 100.049.
    expect(round(taskTime(slices, '500', 100.031, 100.049))).toEqual([0, 0, 18]);
  });

  it('refuses output with no Chromium compositor', () => {
    expect(() => busiestRenderer(parseTimehist('     1.000000 [0000]  sleep[9]   0.000  0.000  1.000  S'))).toThrow(
      /No Chromium "Compositor" thread/,
    );
  });
});
