/** Messages between the Statistics screen and the statistics/optimiser worker. */
import type { AdoptionReport } from '../domain/optimiser/adoption';
import type { CalibrationBin, MetricIntervals } from '../domain/stats/calibration';

export type StatsRequest =
  | {
      kind: 'overview';
      dbName: string;
      deckIds: string[];
      /** Calibration counts answers given at or after this instant (the chosen period). */
      from: number;
      seed: number;
    }
  | { kind: 'optimise'; dbName: string; presetId: string; seed: number }
  | { kind: 'adopt'; dbName: string; presetId: string; parameters: number[]; rolloverHour: number; now: number }
  | { kind: 'undo'; dbName: string; presetId: string };

export interface Overview {
  calibration: MetricIntervals | null;
  bins: CalibrationBin[];
  /** Answers and time spent (ms) per study day, every day of the scope's history that has any. */
  perDay: [day: number, answers: number, ms: number][];
}

export type OptimiseResult =
  | { kind: 'too-few'; answers: number; needed: number }
  | {
      kind: 'fitted';
      parameters: number[];
      current: number[];
      report: AdoptionReport;
      /** Training items (answers to cards in review before the split). */
      trainedOn: number;
      /** Time the fit itself took in the worker (ms), for the benchmark. */
      fitMs: number;
    };

export type StatsReply =
  | { kind: 'progress'; phase: 'reading' | 'fitting' | 'judging' | 'writing'; done: number; total: number }
  | { kind: 'overview'; overview: Overview }
  | { kind: 'optimised'; result: OptimiseResult }
  | { kind: 'adopted'; cards: number }
  | { kind: 'undone'; restored: number | null }
  | { kind: 'error'; message: string };
