/**
 * Plain-SVG charts for the Statistics screen. Each is an image with a one-line label; the screen
 * gives every chart a text summary and a table as well, which is what a screen reader reads.
 */
import type { CalibrationBin } from '../../../domain/stats/calibration';

export interface Bar {
  key: number | string;
  value: number;
  title: string;
}

export function BarChart({ bars, label, height = 80 }: { bars: readonly Bar[]; label: string; height?: number }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const w = 100 / Math.max(1, bars.length);
  return (
    <svg className="chart" viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      {bars.map((b, i) => {
        const h = (height * b.value) / max;
        return (
          <rect key={b.key} x={i * w + w * 0.1} width={w * 0.8} y={height - h} height={Math.max(h, b.value > 0 ? 0.5 : 0)}>
            <title>{b.title}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** Predicted recall (x) against observed (y) with 95% intervals; the diagonal is perfect calibration. */
export function CalibrationChart({ bins, label }: { bins: readonly CalibrationBin[]; label: string }) {
  const S = 100;
  const x = (p: number) => 8 + p * (S - 12);
  const y = (p: number) => S - 8 - p * (S - 12);
  return (
    <svg className="chart chart-square" viewBox={`0 0 ${S} ${S}`} role="img" aria-label={label}>
      <line className="chart-axis" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(0)} />
      <line className="chart-axis" x1={x(0)} y1={y(0)} x2={x(0)} y2={y(1)} />
      <line className="chart-diagonal" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} />
      {[0, 0.5, 1].map((t) => (
        <g key={t} className="chart-tick">
          <text x={x(t)} y={S - 1} textAnchor="middle">
            {Math.round(t * 100)}%
          </text>
          <text x={1} y={y(t) + 1.5}>
            {Math.round(t * 100)}
          </text>
        </g>
      ))}
      {bins.map((b) => (
        <g key={b.from}>
          <line
            className="chart-error"
            x1={x(b.meanPredicted)}
            x2={x(b.meanPredicted)}
            y1={y(b.observed.low)}
            y2={y(b.observed.high)}
          />
          <circle
            className="chart-point"
            cx={x(b.meanPredicted)}
            cy={y(b.observed.estimate)}
            r={1.2 + Math.min(2.5, Math.log10(b.answers + 1))}
          >
            <title>
              Predicted {Math.round(b.meanPredicted * 100)}%, remembered {Math.round(b.observed.estimate * 100)}% of {b.answers}
            </title>
          </circle>
        </g>
      ))}
    </svg>
  );
}

/** A year of days as a grid: a column per week (oldest left), a row per day; darker = more answers. */
export function Heatmap({ counts, label }: { counts: readonly number[]; label: string }) {
  const max = Math.max(1, ...counts);
  const cols = Math.ceil(counts.length / 7);
  const level = (c: number) => (c === 0 ? 0 : Math.min(4, 1 + Math.floor((3.999 * c) / max)));
  return (
    <svg className="chart chart-heatmap" viewBox={`0 0 ${cols * 10} 70`} role="img" aria-label={label}>
      {counts.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one cell per day of the window, in order
        <rect key={i} x={Math.floor(i / 7) * 10} y={(i % 7) * 10} width={9} height={9} rx={1.5} className={`heat-${level(c)}`} />
      ))}
    </svg>
  );
}
