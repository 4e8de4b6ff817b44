/**
 * Parts of the study screen that the first card does not need, loaded on first use: the
 * end-of-session summary, the type-in comparison and the keyboard shortcut list.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { compareTyped } from '../../domain/review/compare';
import type { DayClock } from '../../domain/scheduling/time';
import { daySummary } from '../../storage/summary';
import { useServices } from '../services';
import '../screens.css';

export function DoneSummary({ scope, clock }: { scope: readonly string[]; clock: DayClock }) {
  const { db, now } = useServices();
  const summary = useLiveQuery(() => daySummary(db, scope, now(), clock), [db, scope, clock]);
  if (!summary) return null;
  const minutes = Math.max(1, Math.round(summary.secondsToday / 60));
  const correct = summary.answeredToday > 0 ? Math.round((1 - summary.againToday / summary.answeredToday) * 100) : null;
  return (
    <dl className="summary-grid" data-testid="day-summary">
      <div>
        <dt>Today</dt>
        <dd>
          {summary.answeredToday} answers{summary.answeredToday > 0 ? ` in ${minutes} min` : ''}
          {correct !== null ? ` · ${correct}% not Again` : ''}
        </dd>
      </div>
      <div>
        <dt>Tomorrow</dt>
        <dd>{summary.dueTomorrow} cards due</dd>
      </div>
      <div>
        <dt>Streak</dt>
        <dd>
          {summary.streak} day{summary.streak === 1 ? '' : 's'}
        </dd>
      </div>
    </dl>
  );
}

/** Anki-style comparison: the typed text with wrong characters marked, then the answer with missing ones. */
export function TypedComparison({ typed, expectedHtml }: { typed: string; expectedHtml: string }) {
  const expected = useMemo(
    () => new DOMParser().parseFromString(expectedHtml, 'text/html').body.textContent ?? '',
    [expectedHtml],
  );
  const result = useMemo(() => compareTyped(typed, expected), [typed, expected]);
  return (
    <div className="typein-result" data-testid="typein-result">
      <p>
        <span className="muted">You typed: </span>
        {result.typed.length === 0 ? (
          <em>nothing</em>
        ) : (
          result.typed.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
            <span key={i} className={s.ok ? 'typed-ok' : 'typed-bad'}>
              {s.text}
            </span>
          ))
        )}
        {result.exact && <strong className="typed-exact"> — exact</strong>}
      </p>
      {!result.exact && (
        <p>
          <span className="muted">Answer: </span>
          {result.expected.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
            <span key={i} className={s.ok ? 'typed-ok' : 'typed-missing'}>
              {s.text}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

const SHORTCUTS: [string, string][] = [
  ['Space / Enter', 'Show answer, then Good'],
  ['1 2 3 4', 'Again, Hard, Good, Easy'],
  ['Z or Ctrl/Cmd+Z', 'Undo'],
  ['E', 'Edit the note'],
  ['B', 'Bury until tomorrow'],
  ['S', 'Suspend'],
  ['F', 'Red flag on/off'],
  ['?', 'Show these shortcuts'],
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="panel shortcuts" role="dialog" aria-label="Keyboard shortcuts">
      <table>
        <tbody>
          {SHORTCUTS.map(([k, what]) => (
            <tr key={k}>
              <th scope="row">
                <kbd>{k}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn small" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
