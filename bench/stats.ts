/** Small statistics for the runner: medians, percentiles, min–max summaries. */
import { quantile } from '../src/domain/stats/random';

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** Linear interpolation between closest ranks (the usual "type 7" percentile). */
export function percentile(values: readonly number[], p: number): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    p,
  );
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function summarize(values: readonly number[]): Summary {
  return {
    median: median(values),
    min: values.length ? Math.min(...values) : Number.NaN,
    max: values.length ? Math.max(...values) : Number.NaN,
    runs: [...values],
  };
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Prints a bench's table, then its missed targets (exit code 1) or that all were met. */
export function printOutcome(lines: readonly string[], misses: readonly string[], what: string): void {
  console.log(`\n${lines.join('\n')}\n`);
  if (misses.length > 0) {
    console.log(`Targets missed:\n- ${misses.join('\n- ')}`);
    process.exitCode = 1;
  } else console.log(`All ${what} targets met.`);
}
