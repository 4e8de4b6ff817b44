/**
 * Main-thread tasks from a Chromium trace ('toplevel' category). Each task has a wall time and
 * a thread (CPU) time: on a busy machine a task can take 60 ms of wall time while the page ran
 * for 5 ms, so the CPU figure tells the app's own long tasks from time taken by other processes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskStats {
  tasks: number;
  /** Tasks over 50 ms of wall time (what the longtask API reports). */
  wallOver50: number;
  /** Tasks over 50 ms of main-thread CPU time. */
  cpuOver50: number;
  maxWallMs: number;
  maxCpuMs: number;
  /** Summed CPU time of the tasks over 50 ms of CPU. */
  cpuOver50Ms: number;
}

const TASK = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** The trace's events, and the `pid:tid` keys of the web pages' renderer main threads. */
function parseTrace(trace: Buffer): { events: TraceEvent[]; mains: Set<string> } {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  // Web page renderers only: the browser also runs renderers of its own ("WebUI Top Renderer"),
  // which can be busier than the page while the first visit is traced.
  const pages = new Set(events.filter((e) => e.name === 'process_name' && e.args?.name === 'Renderer').map((e) => e.pid));
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (pages.size === 0 || pages.has(e.pid)))
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return { events, mains };
}

export function mainThreadTasks(trace: Buffer): TaskStats {
  const { events, mains } = parseTrace(trace);
  // The page's renderer is the busiest page renderer main thread in the window.
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !TASK.has(e.name) || !mains.has(key)) continue;
    byThread.set(key, [...(byThread.get(key) ?? []), e]);
  }
  let busiest: TraceEvent[] = [];
  let most = -1;
  for (const list of byThread.values()) {
    const total = list.reduce((n, e) => n + (e.dur ?? 0), 0);
    if (total > most) {
      most = total;
      busiest = list;
    }
  }
  // Keep outermost tasks only (RunTask wraps ThreadControllerImpl::RunTask).
  busiest.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const top: TraceEvent[] = [];
  let end = -1;
  for (const e of busiest) {
    if (e.ts < end) continue;
    top.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  return {
    tasks: top.length,
    wallOver50: top.filter((e) => ms(e.dur) > 50).length,
    cpuOver50: top.filter((e) => ms(e.tdur) > 50).length,
    maxWallMs: Math.max(0, ...top.map((e) => ms(e.dur))),
    maxCpuMs: Math.max(0, ...top.map((e) => ms(e.tdur))),
    cpuOver50Ms: top.filter((e) => ms(e.tdur) > 50).reduce((n, e) => n + ms(e.tdur), 0),
  };
}

export interface MainTask {
  pid: number;
  /** Seconds on the trace clock (CLOCK_MONOTONIC on Linux, as `perf sched record -k mono`). */
  start: number;
  wallMs: number;
  cpuMs: number;
}

/** Task events of the page renderers' main threads over `overMs` of wall time. */
function longTaskEvents({ events, mains }: ReturnType<typeof parseTrace>, overMs: number): TraceEvent[] {
  return events.filter((e) => e.ph === 'X' && TASK.has(e.name) && mains.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) > overMs * 1000);
}

/** The page renderers' main-thread tasks over `overMs` of wall time. */
export function longMainTasks(trace: Buffer, overMs: number): MainTask[] {
  return longTaskEvents(parseTrace(trace), overMs).map((e) => ({
    pid: e.pid,
    start: e.ts / 1e6,
    wallMs: (e.dur ?? 0) / 1000,
    cpuMs: (e.tdur ?? 0) / 1000,
  }));
}

/**
 * For a trace kept by BENCH_TRACE_DIR: each task of the page's main thread over 50 ms of wall
 * time, with its CPU time, the timeline events inside it, and how busy the other threads of the
 * machine's Chromium were meanwhile (the tasks that overlap it, by thread).
 */
export function describeLongTasks(trace: Buffer): string[] {
  const parsed = parseTrace(trace);
  const { events } = parsed;
  const threadNames = new Map(
    events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '?']),
  );
  const tasks = events.filter((e) => e.ph === 'X' && TASK.has(e.name));
  const ms = (us: number | undefined) => ((us ?? 0) / 1000).toFixed(1);
  const lines: string[] = [];
  for (const t of longTaskEvents(parsed, Number(process.env.LONG_TASK_MS ?? 50))) {
    const end = t.ts + (t.dur ?? 0);
    lines.push(`task at ${ms(t.ts)} ms: ${ms(t.dur)} ms wall, ${ms(t.tdur)} ms CPU`);
    const inside = events.filter(
      (e) => e.ph === 'X' && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts < end && !TASK.has(e.name),
    );
    for (const e of inside.slice(0, 25)) lines.push(`  ${e.name}: +${ms(e.ts - t.ts)} ms, ${ms(e.dur)} wall / ${ms(e.tdur)} CPU`);
    const busy = new Map<string, number>();
    for (const o of tasks) {
      if (o.pid === t.pid && o.tid === t.tid) continue;
      const overlap = Math.min(end, o.ts + (o.dur ?? 0)) - Math.max(t.ts, o.ts);
      if (overlap <= 0) continue;
      const key = `${o.pid}:${threadNames.get(`${o.pid}:${o.tid}`) ?? o.tid}`;
      busy.set(key, (busy.get(key) ?? 0) + overlap);
    }
    const top = [...busy].sort((a, b) => b[1] - a[1]).slice(0, 6);
    lines.push(`  other threads busy meanwhile: ${top.map(([k, v]) => `${k} ${ms(v)} ms`).join(', ')}`);
  }
  return lines;
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) {
  for (const file of process.argv.slice(2)) {
    console.log(`# ${file}`);
    for (const line of describeLongTasks(readFileSync(file))) console.log(line);
  }
}
