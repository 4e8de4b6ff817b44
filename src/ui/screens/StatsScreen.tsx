import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { type DayClock, startOfStudyDay } from '../../domain/scheduling/time';
import { judgeRetention, type Proportion, type RetentionVerdict } from '../../domain/stats/retention';
import { DEFAULT_PRESET_ID, loadStudyConfig } from '../../storage/presets';
import { loadStats, RETENTION_SAMPLE, STATS_DAYS, type StatsReport } from '../../storage/stats';
import { BarChart } from '../components/stats/charts';
import { HistoryPanels } from '../components/stats/HistoryPanels';
import { OptimisePanel, type PresetChoice } from '../components/stats/OptimisePanel';
import { useServices } from '../services';
import { activeDecks } from '../../storage/decks';
import '../screens.css';

const MARGIN = 0.05;

const pct = (v: number) => `${Math.round(v * 100)}%`;
const points = (v: number) => `${Math.round(v * 100)} points`;

/** What the verdict lets you conclude, in words: a verdict only where the interval allows one. */
function verdictText(v: RetentionVerdict, target: number): string {
  switch (v.kind) {
    case 'none':
      return 'No answers to learned cards yet: retention shows once cards come back for review.';
    case 'below':
      return `Below your target of ${pct(target)}: even the top of the interval is under it. You forget more than the schedule plans for; a higher desired retention in the deck options shortens the intervals.`;
    case 'above':
      return `Above your target of ${pct(target)}: even the bottom of the interval is over it. The schedule is more cautious than you need; a lower desired retention would save reviews.`;
    case 'on-target':
      return `On target: the whole interval lies within ±${points(MARGIN)} of your ${pct(target)}.`;
    case 'too-few':
      return `Too few answers to judge: the interval still reaches more than ${points(MARGIN)} from your target of ${pct(target)}. About ${v.needed.toLocaleString('en-US')} answers would tell.`;
  }
}

function RetentionLine({ kept, target }: { kept: Proportion; target: number }) {
  const verdict = judgeRetention(kept, target, MARGIN);
  return (
    <>
      {verdict.kind !== 'none' && (
        <p className="stats-figure">
          <strong>{pct(verdict.interval.estimate)}</strong> remembered{' '}
          <span className="muted">
            (95% interval {pct(verdict.interval.low)}–{pct(verdict.interval.high)}, {kept.n.toLocaleString('en-US')}{' '}
            {kept.n === 1 ? 'answer' : 'answers'})
          </span>
        </p>
      )}
      <p data-testid="retention-verdict" data-verdict={verdict.kind}>
        {verdictText(verdict, target)}
      </p>
    </>
  );
}

interface Loaded {
  report: StatsReport;
  decks: { id: string; name: string; target: number; presetId: string }[];
  presets: PresetChoice[];
  clock: DayClock;
}

/** Days of the due forecast. */
const FORECAST_DAYS = 30;

export function StatsScreen() {
  const { db, now, zone } = useServices();
  const [scope, setScope] = useState('all');
  const [version, setVersion] = useState(0);
  const selectId = useId();
  useEffect(() => {
    document.title = 'Statistics · Recall RE';
  }, []);

  const data = useLiveQuery(async (): Promise<Loaded> => {
    const config = await loadStudyConfig(db);
    const clock: DayClock = { zone, rolloverHour: config.global.rolloverHour };
    const decks = (await activeDecks(db)).map((d) => ({
      id: d.id,
      name: d.name,
      target: config.forDeck(d.id).desiredRetention,
      presetId: d.presetId ?? DEFAULT_PRESET_ID,
    }));
    const ids = scope === 'all' ? decks.map((d) => d.id) : [scope];
    const report = await loadStats(db, ids, now(), clock, { forecastDays: FORECAST_DAYS });
    const names = new Map((await db.presets.toArray()).map((p) => [p.id, p.name]));
    const presets: PresetChoice[] = [];
    for (const d of decks.filter((d) => ids.includes(d.id))) {
      const p = presets.find((x) => x.id === d.presetId);
      if (p) p.decks++;
      else
        presets.push({
          id: d.presetId,
          name: d.presetId === DEFAULT_PRESET_ID ? 'Default' : (names.get(d.presetId) ?? d.presetId),
          decks: 1,
        });
    }
    return { report, decks, presets, clock };
  }, [db, zone, scope, version]);

  if (!data) return <p className="muted">Loading…</p>;
  const { report, decks, presets, clock } = data;
  const scopeIds = scope === 'all' ? decks.map((d) => d.id) : [scope];
  const inScope = decks.filter((d) => report.retention.has(d.id));
  const answered = inScope.filter((d) => (report.retention.get(d.id)?.n ?? 0) > 0);
  const targets = new Set(inScope.map((d) => d.target));
  const pooled: Proportion = { passed: 0, n: 0 };
  for (const d of inScope) {
    const r = report.retention.get(d.id);
    pooled.passed += r?.passed ?? 0;
    pooled.n += r?.n ?? 0;
  }
  const total = report.days.reduce((n, d) => n + d.answers, 0);
  const busiest = Math.max(1, ...report.days.map((d) => d.answers));
  const today = report.days.at(-1);
  const dayName = (day: number, style: 'short' | 'long') =>
    new Date(startOfStudyDay(day, clock)).toLocaleDateString('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: style === 'long' ? 'long' : 'short',
    });

  return (
    <section aria-labelledby="stats-title">
      <h1 id="stats-title">Statistics</h1>
      <div className="panel">
        <label htmlFor={selectId}>Decks</label>
        <select id={selectId} value={scope} onChange={(e) => setScope(e.target.value)}>
          <option value="all">All decks</option>
          {decks.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>

      <section className="panel" aria-labelledby="retention-title">
        <h2 id="retention-title">Retention</h2>
        <p className="muted">
          Answers to cards that were in review (learning steps not counted) over the last {STATS_DAYS} days, or the newest{' '}
          {RETENTION_SAMPLE.toLocaleString('en-US')} of them when there are more; remembered means Hard, Good or Easy. This is
          what the schedule's desired retention aims at.
          {report.retentionFrom > (report.days[0]?.day ?? 0) &&
            ` These are the answers since ${dayName(report.retentionFrom, 'long')}.`}
        </p>
        {targets.size <= 1 || answered.length === 0 ? (
          <RetentionLine kept={pooled} target={inScope[0]?.target ?? 0.9} />
        ) : (
          <p>These decks use different desired retentions, so each is judged on its own below.</p>
        )}
        {scope === 'all' && answered.length > 0 && (targets.size > 1 || answered.length > 1) && (
          <ul className="stats-decks" aria-label="Retention by deck">
            {answered.map((d) => {
              const kept = report.retention.get(d.id) ?? { passed: 0, n: 0 };
              const v = judgeRetention(kept, d.target, MARGIN);
              if (v.kind === 'none') return null;
              return (
                <li key={d.id}>
                  <span className="stats-deck-name">{d.name}</span>
                  <span>
                    {pct(v.interval.estimate)} ({pct(v.interval.low)}–{pct(v.interval.high)}) of {kept.n.toLocaleString('en-US')}
                  </span>
                  <span className="muted">
                    {v.kind === 'too-few'
                      ? 'too few to judge'
                      : v.kind === 'on-target'
                        ? `on target (${pct(d.target)})`
                        : `${v.kind} target (${pct(d.target)})`}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="activity-title">
        <h2 id="activity-title">Answers per day</h2>
        <p data-testid="activity-summary">
          {total.toLocaleString('en-US')} {total === 1 ? 'answer' : 'answers'} in the last {STATS_DAYS} days, on{' '}
          {report.days.filter((d) => d.answers > 0).length} of them; today {today?.answers ?? 0}.
        </p>
        <div
          className="stats-bars"
          role="img"
          aria-label={`Answers per day for the last ${STATS_DAYS} days, oldest first: ${report.days.map((d) => d.answers).join(', ')}.`}
        >
          {report.days.map((d) => (
            <span
              key={d.day}
              className="stats-bar"
              title={`${dayName(d.day, 'long')}: ${d.answers} answers`}
              style={{ height: `${(100 * d.answers) / busiest}%` }}
            />
          ))}
        </div>
        <p className="stats-axis muted" aria-hidden="true">
          <span>{STATS_DAYS} days ago</span>
          <span>today</span>
        </p>
      </section>

      <HistoryPanels dbName={db.name} deckIds={scopeIds} today={today?.day ?? 0} clock={clock} version={version} />

      {presets.length > 0 && (
        <OptimisePanel
          key={scope}
          presets={presets}
          rolloverHour={clock.rolloverHour}
          onChanged={() => setVersion((v) => v + 1)}
        />
      )}

      <section className="panel" aria-labelledby="forecast-title">
        <h2 id="forecast-title">Due in the next {report.forecast.length} days</h2>
        <p data-testid="forecast-summary">
          {report.forecast.reduce((n, c) => n + c, 0).toLocaleString('en-US')} cards due in the next {report.forecast.length}{' '}
          days,
          {` ${(report.forecast[0] ?? 0).toLocaleString('en-US')} of them today (with overdue); the busiest day has `}
          {Math.max(0, ...report.forecast).toLocaleString('en-US')}.
        </p>
        <BarChart
          label={`Cards due per day for the next ${report.forecast.length} days, today first. The table below lists them.`}
          bars={report.forecast.map((count, i) => ({
            key: i,
            value: count,
            title: `${i === 0 ? 'Today' : dayName((today?.day ?? 0) + i, 'short')}: ${count}`,
          }))}
        />
        <details>
          <summary>Cards due per day as a table</summary>
          <table className="stats-table">
            <caption className="visually-hidden">Cards due per day</caption>
            <tbody>
              {report.forecast.map((count, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one row per day from today, in order
                <tr key={i}>
                  <th scope="row">
                    {i === 0 ? 'Today (with overdue)' : i === 1 ? 'Tomorrow' : dayName((today?.day ?? 0) + i, 'short')}
                  </th>
                  <td>{count.toLocaleString('en-US')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </section>
  );
}
