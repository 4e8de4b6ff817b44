/**
 * Main-thread tasks from a Chromium trace ('toplevel' category). Each task has a wall time and
 * a thread (CPU) time: on a busy machine a task can take 60 ms of wall time while the page ran
 * for 5 ms, so the CPU figure tells the app's own long tasks from time taken by other processes.
 */

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

export function mainThreadTasks(trace: Buffer): TaskStats {
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
