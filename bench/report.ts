/** Results shape, target checks and the Markdown tables the runner prints. */
import type { BytesReport } from './bytes';
import type { SeedReport } from './protocol';
import type { Summary } from './stats';

export interface Comparison {
  app: Summary;
  floor: Summary;
  /** median(app) / median(floor) */
  ratio: number;
}

/** One figure-5 measurement at one size: a Browse search (or count) against its raw floor. */
export interface BrowseFigure extends Comparison {
  /** Groups a measurement's rows across sizes. */
  key: string;
  /** The table label: the query, what it found, the floor, the runs. */
  label: string;
  query: string;
  /** First-page rows (for a count: matches) and cards examined, from the last counted run. */
  rows: number;
  scanned?: number;
  /** Counted runs (fewer than the run setting for the full scans). */
  runs: number;
}

export interface SizeResult {
  cards: number;
  seed?: SeedReport;
  coldStart?: Comparison & {
    resourcesBeforeCard: string[];
    /** ms from navigation start at which each step of the cold start was reached. */
    phases: Record<string, Summary>;
  };
  answer?: {
    p50: Comparison;
    p95: Comparison;
    answersPerRun: number[];
    ended: string[];
  };
  longTasks?: {
    count: number;
    totalMs: number;
    maxMs: number;
    perRun: number[];
    /** Of them, the tasks a grade click ran in (the answer's own task: click, render of the next card). */
    withClick?: number;
    /** From a trace of the same sessions: tasks over 50 ms of main-thread CPU time, and the longest. */
    cpuOver50: number;
    maxCpuMs: number;
  };
  queueHook?: Comparison & { learning: number; main: number };
  queueUi?: Comparison;
  deckList?: Comparison;
  /** No target: the Statistics screen (30 days of answers, the week's forecast). */
  stats?: Comparison;
  heap?: { afterStudyMB: Summary; afterDeckListMB: number; retainedAfterGcMB: number };
  /** Figure 5 (no target): measured after the others, so a failure here leaves them intact. */
  browse?: BrowseFigure[];
  browseError?: string;
  error?: string;
}

export interface FirstVisit {
  fcp: Comparison;
  longTaskMs: Summary;
  longTaskCount: Summary;
  decksPainted: Summary;
  /** The app's module had run (its first indexedDB.open call): FCP before this means the shell painted first. */
  scriptEvaluated: Summary;
  /** From a trace of the first ~5 s: CPU time summed over main-thread tasks with more than 50 ms of CPU. */
  cpuLongTaskMs: Summary;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  chromium: string;
}

export interface Target {
  name: string;
  measured: string;
  limit: string;
  pass: boolean;
}

export interface Results {
  date: string;
  command: string;
  commit: string;
  worktreeDirty: boolean;
  machine: Machine;
  settings: {
    seed: number;
    now: number;
    timezone: string;
    runs: number;
    /** Pairs for the first-visit and cold-start figures. */
    startRuns?: number;
    answers: number;
    reviewsPerCard: number;
    maxReviews: number;
    viewport: string;
  };
  seconds: number;
  /** 1-minute load average sampled every 5 s: anything well above 0 means other work competed for the CPU. */
  load: Summary;
  bytes: BytesReport;
  firstVisit?: FirstVisit;
  sizes: SizeResult[];
  targets: Target[];
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const num = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const range = (s: Summary, f: (v: number) => string = ms) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
const cards = (n: number) => n.toLocaleString('en-US');

export function evaluateTargets(r: Results): Target[] {
  const t: Target[] = [];
  const size = (n: number) => r.sizes.find((s) => s.cards === n);
  const check = (name: string, measured: number | undefined, limit: number, show: (v: number) => string, limitText: string) =>
    t.push({
      name,
      measured: measured === undefined || !Number.isFinite(measured) ? 'not measured' : show(measured),
      limit: limitText,
      pass: measured !== undefined && Number.isFinite(measured) && measured <= limit,
    });

  check('Initial JS + CSS (gzip)', r.bytes.initialGzip, 120_000, kB, '≤ 120 kB');
  check('First visit FCP vs empty page', r.firstVisit?.fcp.ratio, 2, (v) => `${num(v, 2)}×`, '≤ 2×');
  check(
    'First visit long tasks in first 5 s',
    r.firstVisit?.longTaskMs.median,
    100,
    (v) => `${ms(v)} (${ms(r.firstVisit?.cpuLongTaskMs.median ?? Number.NaN)} by CPU time)`,
    '≤ 100 ms',
  );
  check('Cold start offline at 10,000 vs floor', size(10_000)?.coldStart?.ratio, 1.5, (v) => `${num(v, 2)}×`, '≤ 1.5×');
  check('Cold start offline at 100,000 vs floor', size(100_000)?.coldStart?.ratio, 2, (v) => `${num(v, 2)}×`, '≤ 2×');
  for (const s of r.sizes) {
    check(`Answer → next p95 at ${cards(s.cards)} vs floor p95`, s.answer?.p95.ratio, 2, (v) => `${num(v, 2)}×`, '≤ 2×');
  }
  // "Flat" compares each size against its own floor, measured in the same page, between the same
  // sessions: the app's share of the time must not grow with the collection. The storage engine's
  // own cost does grow (a larger B-tree, and tombstones from the bench's undo between sessions),
  // and so does the machine's load over a run; the floor carries both.
  const first = r.sizes[0];
  const last = r.sizes[r.sizes.length - 1];
  const small = first?.answer?.p95;
  const large = last?.answer?.p95;
  if (r.sizes.length > 1 && small && large) {
    const allowed = small.ratio * 1.25;
    t.push({
      name: `Answer → next p95 flat from ${cards(first?.cards ?? 0)} to ${cards(last?.cards ?? 0)} (vs its floor)`,
      measured: `${num(small.ratio, 2)}× → ${num(large.ratio, 2)}× (${ms(small.app.median)} → ${ms(large.app.median)}; floor ${ms(small.floor.median)} → ${ms(large.floor.median)})`,
      limit: `≤ 1.25 × ${num(small.ratio, 2)}× = ${num(allowed, 2)}×`,
      pass: large.ratio <= allowed,
    });
  }
  check('Queue build at 100,000 (loadQueue) vs raw scan', size(100_000)?.queueHook?.ratio, 3, (v) => `${num(v, 2)}×`, '≤ 3×');
  // Judged by the page's own work: main-thread CPU time per task, from a trace of the same
  // sessions. Wall-clock long tasks are still counted and shown. On the 2-core bench machine
  // they are tasks of 2–20 ms of CPU that waited for a core while the kernel's memory reclaim
  // (kdamond) and the browser's IO thread held both (docs/performance.md, bench/sched.ts).
  for (const s of r.sizes) {
    const l = s.longTasks;
    check(
      `Long tasks > 50 ms while answering at ${cards(s.cards)} (main-thread CPU time)`,
      l?.cpuOver50,
      0,
      (v) =>
        `${v}, longest ${ms(l?.maxCpuMs ?? Number.NaN)} of CPU; by wall clock ${l?.count ?? '?'}` +
        (l?.count ? ` (longest ${ms(l.maxMs)}, ${l.withClick ?? '?'} a grade's own task)` : ''),
      '0',
    );
  }
  const heap = size(100_000)?.heap;
  check(
    'JS heap at 100,000 cards',
    heap ? Math.max(heap.afterStudyMB.median, heap.afterDeckListMB) : undefined,
    100,
    (v) => `${num(v)} MB`,
    '≤ 100 MB',
  );
  return t;
}

export function markdown(r: Results): string {
  const lines: string[] = [];
  const row = (...cells: string[]) => lines.push(`| ${cells.join(' | ')} |`);
  lines.push('| # | Figure | Cards | Median (min–max) | Floor median (min–max) | Ratio |');
  lines.push('|---|---|---:|---|---|---:|');
  const cmp = (id: string, name: string, n: string, c: Comparison | undefined, f: (v: number) => string = ms) => {
    if (!c) row(id, name, n, 'not measured', '', '');
    else row(id, name, n, range(c.app, f), range(c.floor, f), `${num(c.ratio, 2)}×`);
  };

  for (const s of r.sizes) cmp('1', 'Cold start, SW in control, offline → first card interactive', cards(s.cards), s.coldStart);
  for (const s of r.sizes) cmp('2', 'Answer → next card painted, p50', cards(s.cards), s.answer?.p50);
  for (const s of r.sizes) cmp('2', 'Answer → next card painted, p95', cards(s.cards), s.answer?.p95);
  for (const s of r.sizes) cmp('3', 'Queue build: storage loadQueue (all decks)', cards(s.cards), s.queueHook);
  for (const s of r.sizes) cmp('3', 'Queue build on screen: #/settings → #/study/all first card', cards(s.cards), s.queueUi);
  for (const s of r.sizes) cmp('4', 'Deck list: → #/decks until counts render', cards(s.cards), s.deckList);
  for (const s of r.sizes) cmp('4b', 'Statistics: → #/stats until retention and forecast render', cards(s.cards), s.stats);
  const browseKeys = [...new Set(r.sizes.flatMap((s) => (s.browse ?? []).map((b) => b.key)))];
  for (const key of browseKeys) {
    for (const s of r.sizes) {
      const b = s.browse?.find((x) => x.key === key);
      if (b) cmp('5', b.label, cards(s.cards), b);
    }
  }
  for (const s of r.sizes) {
    if (s.browseError) row('5', 'Browse search', cards(s.cards), `failed: ${s.browseError.split('\n')[0] ?? ''}`, '', '');
    else if (!s.browse) row('5', 'Browse search', cards(s.cards), 'not measured', '', '');
  }
  row('6', 'Import', '', 'not available yet', '', '');
  for (const s of r.sizes) {
    const h = s.heap;
    row(
      '7',
      'JS heap used after opening the collection (study / deck list / after GC)',
      cards(s.cards),
      h
        ? `${range(h.afterStudyMB, (v) => `${num(v)} MB`)} / ${num(h.afterDeckListMB)} MB / ${num(h.retainedAfterGcMB)} MB`
        : 'not measured',
      '',
      '',
    );
  }
  for (const s of r.sizes) {
    const l = s.longTasks;
    row(
      '7',
      `Long tasks > 50 ms during ${r.settings.runs} × ${r.settings.answers} answers`,
      cards(s.cards),
      l
        ? `${l.count} tasks${l.withClick === undefined ? '' : ` (${l.withClick} of them a grade's own task)`}, ${ms(l.totalMs)} total, longest ${ms(l.maxMs)}; by CPU time: ${l.cpuOver50} over 50 ms, longest ${ms(l.maxCpuMs)}`
        : 'not measured',
      '',
      '',
    );
  }
  row(
    '8',
    "Initial JS + CSS (what index.html loads, inline CSS, and the app chunk its entry imports with that chunk's imports), gzip -9",
    '',
    `${kB(r.bytes.initialGzip)} (${kB(r.bytes.initialRaw)} raw)`,
    '',
    '',
  );
  row(
    '8',
    'Whole precache (sw.js manifest + sw.js)',
    '',
    `${kB(r.bytes.precacheGzip)} gzip, ${kB(r.bytes.precacheRaw)} raw, ${r.bytes.precacheFiles} files`,
    '',
    '',
  );
  const fv = r.firstVisit;
  if (fv) {
    cmp('FV', 'First visit, empty cache, network: FCP (floor: empty page FCP)', '', fv.fcp);
    row(
      'FV',
      'First visit: long-task time in the first 5 s',
      '',
      `${range(fv.longTaskMs)} in ${range(fv.longTaskCount, (v) => num(v, 0))} tasks`,
      '',
      '',
    );
    row(
      'FV',
      'First visit: the same, counted by CPU time (tasks over 50 ms of CPU, from a trace)',
      '',
      range(fv.cpuLongTaskMs),
      '',
      '',
    );
    row('FV', 'First visit: app module evaluated (its first indexedDB.open)', '', range(fv.scriptEvaluated), '', '');
    row('FV', 'First visit: deck list painted (built-in decks loaded)', '', range(fv.decksPainted), '', '');
  } else {
    row('FV', 'First visit', '', 'not measured', '', '');
  }

  lines.push('');
  lines.push('| Target | Measured | Limit | Result |');
  lines.push('|---|---|---|---|');
  for (const t of r.targets) row(t.name, t.measured, t.limit, t.pass ? 'pass' : '**MISS**');
  return lines.join('\n');
}

export function seedTable(r: Results): string {
  const lines = [
    '| Cards | Notes | Decks | Review rows (per studied card) | new / learning / day-learning / review / suspended | Review cards due today | Seed time |',
    '|---:|---:|---:|---:|---|---:|---:|',
  ];
  for (const s of r.sizes) {
    const d = s.seed;
    if (!d) continue;
    const q = d.byQueue;
    lines.push(
      `| ${cards(d.cards)} | ${cards(d.notes)} | ${d.decks} | ${cards(d.reviews)} (${(d.reviews / Math.max(1, d.cards - q.new)).toFixed(1)}) | ${q.new} / ${q.learning} / ${q.dayLearning} / ${q.review} / ${q.suspended} | ${d.reviewDueToday} | ${(d.ms / 1000).toFixed(1)} s |`,
    );
  }
  return lines.join('\n');
}

/** When each step of the offline cold start was reached, per size (medians, ms from navigation start). */
export function coldStartTable(r: Results): string {
  const sizes = r.sizes.filter((s) => s.coldStart);
  if (sizes.length === 0) return '';
  const names = Object.keys(sizes[0]?.coldStart?.phases ?? {});
  const lines = [
    `| Cold start step (median ms from navigation start) | ${sizes.map((s) => cards(s.cards)).join(' | ')} |`,
    `|---|${sizes.map(() => '---:').join('|')}|`,
  ];
  for (const name of names)
    lines.push(`| ${name} | ${sizes.map((s) => num(s.coldStart?.phases[name]?.median ?? Number.NaN)).join(' | ')} |`);
  lines.push(
    `| floor: favicon.svg from the precache, first frame after load | ${sizes.map((s) => num(s.coldStart?.floor.median ?? Number.NaN)).join(' | ')} |`,
  );
  return lines.join('\n');
}
