/**
 * Parts of the study screen that the first card does not need, loaded on first use: the end of
 * a session (or a pause in it) with the day's summary, the type-in comparison, the explain
 * card's rubric and the keyboard shortcut list.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { RubricKind } from '../../domain/deck-format/model';
import { compareTyped } from '../../domain/review/compare';
import type { DayClock } from '../../domain/scheduling/time';
import { daySummary } from '../../storage/summary';
import { CardHtml } from '../components/CardHtml';
import { href } from '../route';
import { useServices } from '../services';
import { countOf } from '../../domain/vocabulary';
import '../screens.css';

function DoneSummary({ scope, clock }: { scope: readonly string[]; clock: DayClock }) {
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
        <dd>{countOf(summary.streak, 'day')}</dd>
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

/** Only learning cards remain, none due yet: the screen shows the next one at `until`. */
export function SessionPause({ until }: { until: number }) {
  return (
    <div className="panel done">
      <h2>Learning cards coming up</h2>
      <p>The next learning card is due at {formatTime(until)}. This screen will show it then.</p>
    </div>
  );
}

export function SessionDone({ scope, clock, nextDue }: { scope: readonly string[]; clock: DayClock; nextDue: number | null }) {
  return (
    <div className="panel done" role="status">
      <h2>All done for now</h2>
      <DoneSummary scope={scope} clock={clock} />
      <p>{nextDue === null ? 'No more cards are scheduled in this deck.' : `Next cards are due ${formatWhen(nextDue)}.`}</p>
      <p>
        <a className="btn" href={href({ name: 'decks' })}>
          Back to decks
        </a>
      </p>
    </div>
  );
}

const RUBRIC_KIND_LABEL: Record<RubricKind, string> = {
  test: 'What to test',
  why: 'Why it matters',
  mind: 'What would change your mind',
};

/** The explain card's rubric after the reveal: tick what the answer covered, see the grade it suggests. */
export function Rubric({
  points,
  ticked,
  onTick,
  suggested,
  kinds,
}: {
  points: readonly string[];
  ticked: readonly boolean[];
  onTick: (index: number, on: boolean) => void;
  suggested: string;
  /** The kind of each point, when the note tags them: shown before the point. */
  kinds?: readonly (RubricKind | null)[] | undefined;
}) {
  return (
    <fieldset className="rubric">
      <legend>Rubric: tick what your answer covered</legend>
      {points.map((point, i) => {
        const kind = kinds?.[i];
        return (
          <label key={point} className="rubric-point">
            <input type="checkbox" checked={ticked[i] ?? false} onChange={(e) => onTick(i, e.target.checked)} />
            <span>
              {kind && <span className={`rubric-kind kind-${kind}`}>{RUBRIC_KIND_LABEL[kind]}</span>}
              <CardHtml html={point} className="inline" />
            </span>
          </label>
        );
      })}
      <p className="muted" aria-live="polite">
        {ticked.filter(Boolean).length} of {ticked.length} covered — suggested: {suggested}
      </p>
    </fieldset>
  );
}

function formatTime(t: number): string {
  return new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function formatWhen(t: number): string {
  const d = new Date(t);
  const today = new Date();
  const tomorrow = new Date(today);
  tomorrow.setDate(today.getDate() + 1);
  if (d.toDateString() === today.toDateString()) return `today at ${formatTime(t)}`;
  if (d.toDateString() === tomorrow.toDateString()) return `tomorrow at ${formatTime(t)}`;
  return `on ${d.toLocaleDateString([], { weekday: 'long', month: 'short', day: 'numeric' })}`;
}
