/** Page init script: records every long task (> 50 ms) the page runs, from before the app starts, in `window.__longTasks`. */
export function longTaskRecorder(): void {
  const w = window as unknown as { __longTasks: number[] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
}
