/**
 * The Statistics screen's worker: reads the review history from IndexedDB itself (so a million
 * answers never cross or block the main thread), computes calibration and the activity series,
 * fits FSRS parameters with fsrs-browser (loaded only when Optimise is asked for), and adopts or
 * undoes a fit. Cancel = the page terminates the worker.
 */
import { judgeAdoption, MIN_REVIEW_ANSWERS } from '../domain/optimiser/adoption';
import {
  type CardHistory,
  countReviewAnswers,
  DEFAULT_PARAMETERS,
  predictAnswers,
  timeSplit,
  trainingItems,
} from '../domain/optimiser/history';
import { runtimeZone } from '../domain/scheduling/time';
import { calibrationBins, metricsWithIntervals, type Prediction } from '../domain/stats/calibration';
import { seededRandom } from '../domain/random';
import { openDatabase } from '../storage/db';
import { adoptParameters, presetDeckIds, readHistories, undoAdoption } from '../storage/fsrs-parameters';
import { loadStudyConfig } from '../storage/presets';
import { EPOCHS, fitParameters } from './fit';
import type { OptimiseResult, Overview, StatsReply, StatsRequest } from './protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<StatsRequest>) => void) | null;
  postMessage(message: StatsReply): void;
  close(): void;
};

/** The final reply; then the worker ends itself, so its teardown (WebAssembly memory included) is not the page's work. */
function finish(message: StatsReply): void {
  scope.postMessage(message);
  scope.close();
}

async function overview(req: Extract<StatsRequest, { kind: 'overview' }>): Promise<Overview> {
  const db = openDatabase(req.dbName);
  try {
    const config = await loadStudyConfig(db);
    // Decks that share parameters are replayed together; each group with its own.
    const groups = new Map<readonly number[], string[]>();
    for (const id of req.deckIds) {
      const p = config.forDeck(id).parameters ?? DEFAULT_PARAMETERS;
      groups.set(p, [...(groups.get(p) ?? []), id]);
    }
    const predictions: Prediction[] = [];
    const perDay = new Map<number, [number, number]>();
    let offset = 0;
    for (const [parameters, deckIds] of groups) {
      scope.postMessage({ kind: 'progress', phase: 'reading', done: 0, total: 1 });
      const history = await readHistories(db, deckIds);
      for (const p of predictAnswers(history.histories, parameters, { from: req.from }))
        predictions.push({ ...p, card: p.card + offset });
      offset += history.histories.length;
      for (const [day, v] of history.perDay) {
        const d = perDay.get(day) ?? [0, 0];
        perDay.set(day, [d[0] + v.answers, d[1] + v.ms]);
      }
    }
    // Cards without a judged answer drop out of the bootstrap's card numbering.
    const dense = new Map<number, number>();
    const numbered = predictions.map((p) => {
      let c = dense.get(p.card);
      if (c === undefined) {
        c = dense.size;
        dense.set(p.card, c);
      }
      return { ...p, card: c };
    });
    scope.postMessage({ kind: 'progress', phase: 'judging', done: 0, total: 1 });
    const replicates = numbered.length > 200_000 ? 100 : 200;
    return {
      calibration: numbered.length > 0 ? metricsWithIntervals(numbered, seededRandom(req.seed), replicates) : null,
      bins: calibrationBins(numbered),
      perDay: [...perDay].map(([day, [answers, ms]]) => [day, answers, ms]),
    };
  } finally {
    db.close();
  }
}

async function loadOptimiser() {
  const lib = await import('fsrs-browser');
  const { default: wasmUrl } = await import('fsrs-browser/fsrs_browser_bg.wasm?url');
  await lib.default({ module_or_path: wasmUrl });
  return lib;
}

async function optimise(req: Extract<StatsRequest, { kind: 'optimise' }>): Promise<OptimiseResult> {
  const db = openDatabase(req.dbName);
  let histories: CardHistory[];
  let current: readonly number[];
  try {
    const deckIds = await presetDeckIds(db, req.presetId);
    const config = await loadStudyConfig(db);
    current = (deckIds[0] ? config.forDeck(deckIds[0]) : config.global).parameters ?? DEFAULT_PARAMETERS;
    scope.postMessage({ kind: 'progress', phase: 'reading', done: 0, total: 1 });
    histories = (await readHistories(db, deckIds)).histories;
  } finally {
    db.close();
  }
  const answers = countReviewAnswers(histories);
  if (answers < MIN_REVIEW_ANSWERS) return { kind: 'too-few', answers, needed: MIN_REVIEW_ANSWERS };
  const cut = timeSplit(histories, 0.2);
  const items = trainingItems(histories, cut);
  const lib = await loadOptimiser();
  scope.postMessage({ kind: 'progress', phase: 'fitting', done: 0, total: EPOCHS });
  const started = performance.now();
  const parameters = fitParameters(lib, items, (epoch) =>
    scope.postMessage({ kind: 'progress', phase: 'fitting', done: Math.min(epoch, EPOCHS), total: EPOCHS }),
  );
  const fitMs = performance.now() - started;
  scope.postMessage({ kind: 'progress', phase: 'judging', done: 0, total: 1 });
  const before = predictAnswers(histories, current, { from: cut });
  const after = predictAnswers(histories, parameters, { from: cut });
  const report = judgeAdoption(before, after, seededRandom(req.seed));
  return { kind: 'fitted', parameters, current: [...current], report, trainedOn: items.lengths.length, fitMs };
}

scope.onmessage = (event) => {
  const req = event.data;
  const fail = (error: unknown) =>
    scope.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  switch (req.kind) {
    case 'overview':
      overview(req)
        .then((o) => finish({ kind: 'overview', overview: o }))
        .catch(fail);
      break;
    case 'optimise':
      optimise(req)
        .then((result) => finish({ kind: 'optimised', result }))
        .catch(fail);
      break;
    case 'adopt': {
      const db = openDatabase(req.dbName);
      adoptParameters(db, req.presetId, req.parameters, { zone: runtimeZone, rolloverHour: req.rolloverHour }, req.now, (p) =>
        scope.postMessage({ kind: 'progress', phase: 'writing', ...p }),
      )
        .then((r) => finish({ kind: 'adopted', cards: r.cards }))
        .catch(fail)
        .finally(() => db.close());
      break;
    }
    case 'undo': {
      const db = openDatabase(req.dbName);
      undoAdoption(db, req.presetId)
        .then((r) => finish({ kind: 'undone', restored: r?.restored ?? null }))
        .catch(fail)
        .finally(() => db.close());
      break;
    }
  }
};
