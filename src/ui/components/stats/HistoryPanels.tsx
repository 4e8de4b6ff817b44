/**
 * The Statistics screen's panels that need the whole review history: calibration (predicted vs
 * observed, log loss, RMSE(bins), AUC with bootstrap intervals), the year's heatmap and the time
 * spent per day. All computed in the statistics worker; this thread only draws.
 */
import { useEffect, useId, useState } from 'react';
import { startOfStudyDay, type DayClock } from '../../../domain/scheduling/time';
import type { Interval } from '../../../domain/stats/retention';
import { runStatsWorker } from '../../../optimiser/client';
import type { Overview } from '../../../optimiser/protocol';
import { BarChart, CalibrationChart, Heatmap } from './charts';

export const PERIODS = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last year' },
  { days: 0, label: 'All history' },
] as const;

const pct = (v: number) => `${Math.round(v * 100)}%`;
const fixed = (v: number, digits = 3) => v.toFixed(digits);
const range = (i: Interval, f: (v: number) => string) => `${f(i.estimate)} (95% interval ${f(i.low)}–${f(i.high)})`;
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

interface Props {
  dbName: string;
  deckIds: readonly string[];
  today: number;
  clock: DayClock;
  /** Bumped when parameters change, so calibration is computed again. */
  version: number;
}

export function HistoryPanels({ dbName, deckIds, today, clock, version }: Props) {
  const [period, setPeriod] = useState<number>(90);
  const [data, setData] = useState<Overview | { error: string } | undefined>();
  const periodId = useId();
  const key = deckIds.join('\n');

  const { zone, rolloverHour } = clock;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the signal to compute again after an adoption
  useEffect(() => {
    const abort = new AbortController();
    setData(undefined);
    const from = period === 0 ? -Infinity : startOfStudyDay(today - period + 1, { zone, rolloverHour });
    runStatsWorker(
      { kind: 'overview', dbName, deckIds: key === '' ? [] : key.split('\n'), from, seed: 16 },
      undefined,
      abort.signal,
    )
      .then((reply) => {
        if (reply.kind === 'overview') setData(reply.overview);
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setData({ error: error instanceof Error ? error.message : String(error) });
      });
    return () => abort.abort();
  }, [dbName, key, period, today, zone, rolloverHour, version]);

  const dayName = (day: number) =>
    new Date(startOfStudyDay(day, clock)).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });

  const calibration = (() => {
    if (!data) return <p className="muted">Computing from your review history…</p>;
    if ('error' in data) return <p role="alert">Calibration could not be computed: {data.error}</p>;
    const c = data.calibration;
    if (!c) return <p data-testid="calibration-summary">No answers to cards in review in this period yet.</p>;
    return (
      <>
        <p data-testid="calibration-summary">
          Over {count(c.answers, 'answer')} to {count(c.cards, 'card')} in review: log loss {range(c.logLoss, fixed)}; RMSE(bins){' '}
          {range(c.rmseBins, (v) => `${(v * 100).toFixed(1)}%`)}; AUC {range(c.auc, (v) => fixed(v, 2))}.
        </p>
        <CalibrationChart
          bins={data.bins}
          label={`Predicted against actual recall, ${data.bins.length} bins. The table below lists them.`}
        />
        <details>
          <summary>Predicted and actual recall as a table</summary>
          <table className="stats-grid">
            <caption className="visually-hidden">Calibration bins</caption>
            <thead>
              <tr>
                <th scope="col">Predicted</th>
                <th scope="col">Answers</th>
                <th scope="col">Mean predicted</th>
                <th scope="col">Remembered (95% interval)</th>
              </tr>
            </thead>
            <tbody>
              {data.bins.map((b) => (
                <tr key={b.from}>
                  <th scope="row">
                    {pct(b.from)}–{pct(b.to)}
                  </th>
                  <td>{b.answers.toLocaleString('en-US')}</td>
                  <td>{pct(b.meanPredicted)}</td>
                  <td>
                    {pct(b.observed.estimate)} ({pct(b.observed.low)}–{pct(b.observed.high)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </>
    );
  })();

  const perDay = data && !('error' in data) ? new Map(data.perDay.map(([d, a, ms]) => [d, { answers: a, ms }])) : undefined;
  const year = Array.from({ length: 365 }, (_, i) => today - 364 + i);
  const yearCounts = year.map((d) => perDay?.get(d)?.answers ?? 0);
  const yearTotal = yearCounts.reduce((a, b) => a + b, 0);
  const activeDays = yearCounts.filter((c) => c > 0).length;
  const busiest = yearCounts.reduce((best, c, i) => (c > (yearCounts[best] ?? 0) ? i : best), 0);
  const month = Array.from({ length: 30 }, (_, i) => today - 29 + i);
  const minutes = month.map((d) => (perDay?.get(d)?.ms ?? 0) / 60_000);
  const monthMinutes = minutes.reduce((a, b) => a + b, 0);
  const studied = minutes.filter((m) => m > 0).length;

  return (
    <>
      <section className="panel" aria-labelledby="calibration-title">
        <h2 id="calibration-title">How well the schedule predicts you</h2>
        <p className="muted">
          For each answer to a card in review, the chance of recall the current FSRS parameters gave at that moment (replaying the
          card's history) against what happened. Lower log loss and RMSE(bins) are better; an AUC of 0.5 would be guessing.
          Intervals come from resampling your cards.
        </p>
        <label htmlFor={periodId}>Period</label>
        <select id={periodId} value={period} onChange={(e) => setPeriod(Number(e.target.value))}>
          {PERIODS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.label}
            </option>
          ))}
        </select>
        {calibration}
      </section>

      <section className="panel" aria-labelledby="heatmap-title">
        <h2 id="heatmap-title">The last year</h2>
        {perDay ? (
          <>
            <p data-testid="heatmap-summary">
              {count(yearTotal, 'answer')} on {count(activeDays, 'day')} of the last 365
              {yearTotal > 0 ? `; the busiest was ${dayName(year[busiest] ?? today)} with ${yearCounts[busiest]}.` : '.'}
            </p>
            <Heatmap counts={yearCounts} label="Answers per day over the last year, a column per week, oldest on the left." />
          </>
        ) : (
          <p className="muted">Computing…</p>
        )}
      </section>

      <section className="panel" aria-labelledby="time-title">
        <h2 id="time-title">Time spent per day</h2>
        {perDay ? (
          <>
            <p data-testid="time-summary">
              {Math.round(monthMinutes).toLocaleString('en-US')} minutes in the last 30 days
              {studied > 0 ? `, ${(monthMinutes / studied).toFixed(1)} on an average study day.` : '.'}
            </p>
            <BarChart
              label="Minutes per day over the last 30 days, oldest first. The table below lists them."
              bars={month.map((d, i) => ({
                key: d,
                value: minutes[i] ?? 0,
                title: `${dayName(d)}: ${Math.round(minutes[i] ?? 0)} min`,
              }))}
            />
            <details>
              <summary>Minutes per day as a table</summary>
              <table className="stats-grid">
                <caption className="visually-hidden">Minutes per day</caption>
                <tbody>
                  {month.map((d, i) => (
                    <tr key={d}>
                      <th scope="row">{dayName(d)}</th>
                      <td>{(minutes[i] ?? 0).toFixed(1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </>
        ) : (
          <p className="muted">Computing…</p>
        )}
      </section>
    </>
  );
}
