/**
 * Why the page's main thread waited: reads `perf sched timehist --state` output (Linux) taken
 * while the bench answered, finds the page renderer's main thread, and lists the times it was
 * ready to run (preempted, state R) but waited more than WAIT_MS for a core, with the threads that
 * held the cores meanwhile.
 *
 *   perf sched record -k mono -a -o /tmp/sched.data     # root, Debian's linux-perf; while `npm run bench` answers; Ctrl-C
 *   perf sched timehist -i /tmp/sched.data --state > /tmp/sched.txt
 *   npx tsx bench/sched.ts /tmp/sched.txt [renderer pid] [answers-100000-1.json …]
 *
 * Given the answer sessions' traces kept in the same run (BENCH_TRACE_DIR), it also splits each
 * main-thread task over LONG_TASK_MS (default 25) into time running, waiting for a core, and asleep.
 *
 * A wall-clock long task whose CPU time is small (bench/trace.ts) is either such a wait or a
 * blocking call; this tells the two apart.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { longMainTasks } from './trace';

interface Slice {
  /** Seconds: when the slice ended (the task was switched out). */
  end: number;
  cpu: string;
  /** As perf prints it: `comm[tid/pid]`, or `comm[pid]` for a process's main thread. */
  task: string;
  waitMs: number;
  runMs: number;
  /** State when switched out: R (preempted, still runnable), S (sleeping), D (blocked on I/O)… */
  state: string;
}

export function parseTimehist(text: string): Slice[] {
  const out: Slice[] = [];
  for (const line of text.split('\n')) {
    // time [cpu] comm[tid/pid] wait delay run state; comm may contain spaces.
    const m = /^\s*(\d+\.\d+)\s+\[(\d+)\]\s+(.+?\[[\d/]+\])\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\S+)\s*$/.exec(line);
    if (!m) continue;
    out.push({
      end: Number(m[1]),
      cpu: m[2] ?? '',
      task: m[3] ?? '',
      waitMs: Number(m[4]),
      runMs: Number(m[6]),
      state: m[7] ?? '',
    });
  }
  return out;
}

const pidOf = (task: string) => /\[(?:\d+\/)?(\d+)\]$/.exec(task)?.[1] ?? '';
const isMain = (task: string) => /\[\d+\]$/.test(task);
const threadName = (task: string) => task.replace(/\[[\d/]+\]$/, '');

/** The renderer that drew the page: the process whose "Compositor" thread ran the longest. */
export function busiestRenderer(slices: Slice[]): string {
  const byPid = new Map<string, number>();
  for (const s of slices) {
    if (threadName(s.task) === 'Compositor') byPid.set(pidOf(s.task), (byPid.get(pidOf(s.task)) ?? 0) + s.runMs);
  }
  const best = [...byPid].sort((a, b) => b[1] - a[1])[0];
  if (!best) throw new Error('No Chromium "Compositor" thread in this perf output: was the bench answering while perf recorded?');
  return best[0];
}

export interface WaitReport {
  pid: string;
  waits: number[];
  /** Milliseconds each other thread (by name) ran during those waits, on either core. */
  holders: [string, number][];
}

export function runnableWaits(slices: Slice[], pid: string, overMs: number): WaitReport {
  const main = slices.filter((s) => isMain(s.task) && pidOf(s.task) === pid);
  const windows: [number, number][] = [];
  for (let i = 1; i < main.length; i++) {
    const prev = main[i - 1];
    const cur = main[i];
    if (!prev || !cur || prev.state !== 'R' || cur.waitMs <= overMs) continue;
    const start = cur.end - cur.runMs / 1000;
    windows.push([start - cur.waitMs / 1000, start]);
  }
  const held = new Map<string, number>();
  for (const s of slices) {
    if (isMain(s.task) && pidOf(s.task) === pid) continue;
    const from = s.end - s.runMs / 1000;
    for (const [a, b] of windows) {
      const overlap = Math.min(b, s.end) - Math.max(a, from);
      if (overlap > 0) held.set(threadName(s.task), (held.get(threadName(s.task)) ?? 0) + overlap * 1000);
    }
  }
  return {
    pid,
    waits: windows.map(([a, b]) => (b - a) * 1000).sort((x, y) => y - x),
    holders: [...held].sort((a, b) => b[1] - a[1]),
  };
}

/**
 * How a main-thread task's wall time [start, end] (seconds) was spent: running, ready but waiting
 * for a core, or asleep (blocked, or idle between tasks).
 */
export function taskTime(slices: Slice[], pid: string, start: number, end: number) {
  const main = slices.filter((s) => isMain(s.task) && pidOf(s.task) === pid);
  let ran = 0;
  let waited = 0;
  let asleep = 0;
  for (let i = 0; i < main.length; i++) {
    const s = main[i];
    if (!s) continue;
    const from = s.end - s.runMs / 1000;
    ran += Math.max(0, Math.min(end, s.end) - Math.max(start, from));
    const next = main[i + 1];
    // The gap after this slice, until the next one starts.
    const gapEnd = next ? next.end - next.runMs / 1000 : s.end;
    const gap = Math.max(0, Math.min(end, gapEnd) - Math.max(start, s.end));
    if (s.state === 'R') waited += gap;
    else asleep += gap;
  }
  return { ranMs: ran * 1000, waitedMs: waited * 1000, asleepMs: asleep * 1000 };
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.endsWith('.json') && !/^\d+$/.test(a));
  if (!file) {
    throw new Error(
      'Usage: tsx bench/sched.ts <perf sched timehist --state output> [renderer pid] [kept answer traces (.json)…]',
    );
  }
  const pidArg = args.find((a) => /^\d+$/.test(a));
  const traces = args.filter((a) => a.endsWith('.json'));
  const slices = parseTimehist(readFileSync(file, 'utf8'));
  const overMs = Number(process.env.WAIT_MS ?? 8);
  const r = runnableWaits(slices, pidArg ?? busiestRenderer(slices), overMs);
  const span = slices.length ? (slices[slices.length - 1]?.end ?? 0) - (slices[0]?.end ?? 0) : 0;
  console.log(`renderer ${r.pid}: ${slices.length} slices over ${span.toFixed(1)} s`);
  console.log(
    `main thread ready but waiting for a core > ${overMs} ms: ${r.waits.length} times` +
      (r.waits.length
        ? `, longest ${r.waits
            .slice(0, 5)
            .map((w) => w.toFixed(1))
            .join(', ')} ms`
        : ''),
  );
  for (const [name, ms] of r.holders.slice(0, 8)) console.log(`  ${name}: ${ms.toFixed(0)} ms on the cores meanwhile`);
  // With the sessions' traces (BENCH_TRACE_DIR, recorded in the same run): where each long
  // main-thread task's wall time went.
  const longMs = Number(process.env.LONG_TASK_MS ?? 25);
  for (const trace of traces) {
    for (const t of longMainTasks(readFileSync(trace), longMs)) {
      const split = taskTime(slices, String(t.pid), t.start, t.start + t.wallMs / 1000);
      console.log(
        `${trace}: task of ${t.wallMs.toFixed(1)} ms wall, ${t.cpuMs.toFixed(1)} ms CPU: ran ${split.ranMs.toFixed(1)} ms, waited for a core ${split.waitedMs.toFixed(1)} ms, asleep ${split.asleepMs.toFixed(1)} ms`,
      );
    }
  }
}
