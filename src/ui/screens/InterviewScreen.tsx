/**
 * Mock interview (#/interview): set up a run, resume or discard one a reload interrupted, and
 * see what the runs teach — which kind of rubric point you cover, with its interval, and your
 * time per answer against the limit. The run itself is InterviewRun.tsx. Loaded on first use.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { RubricKind } from '../../domain/deck-format/model';
import { coverageByKind, type RunRecord, timeFigures, weakestKind } from '../../domain/interview/coverage';
import { seededRandom } from '../../domain/random';
import type { InterviewRow, InterviewSetup } from '../../storage/db';
import { describeStorageError } from '../../storage/errors';
import {
  deleteInterview,
  deleteRecordings,
  interviewDecks,
  interviewHistory,
  MAX_MINUTES,
  MAX_QUESTIONS,
  runningInterview,
  setFallback,
  startInterview,
} from '../../storage/interview';
import { useStudyConfig } from '../hooks/useSettings';
import { closeMicrophone, openMicrophone } from '../interview/media';
import { useServices } from '../services';
import { clockText, GRADE_NAME, InterviewRun, RecordingPlayer } from './InterviewRun';
import '../screens.css';
import '../interview.css';

const DEFAULT_SETUP: Omit<InterviewSetup, 'deckIds'> = { count: 5, minutes: 3, mode: 'written', reviewAt: 'each' };

export function InterviewScreen() {
  const { db } = useServices();
  const config = useStudyConfig();
  const running = useLiveQuery(async () => ({ run: await runningInterview(db) }), [db]);
  // A run found on opening the screen was interrupted (a reload, another visit): the person
  // chooses to resume or discard it. A run started here is in hand at once.
  const [inHand, setInHand] = useState<string>();
  const [microphone, setMicrophone] = useState<MediaStream>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'Mock interview · Recall RE';
  }, []);
  // The microphone is closed when the run ends or the screen is left.
  const micRef = useRef(microphone);
  micRef.current = microphone;
  useEffect(() => () => closeMicrophone(micRef.current), []);
  const run = running?.run;
  useEffect(() => {
    if (!run && micRef.current) {
      closeMicrophone(micRef.current);
      setMicrophone(undefined);
    }
  }, [run]);

  const fallBack = useCallback(
    (runId: string, reason: string) => {
      closeMicrophone(micRef.current);
      setMicrophone(undefined);
      void setFallback(db, runId, reason).catch((e: unknown) => setError(describeStorageError(e).detail));
    },
    [db],
  );

  if (!running || !config) return <p className="muted">Loading…</p>;

  if (run && inHand === run.id) {
    return (
      <InterviewRun run={run} config={config} microphone={microphone} onMicrophoneLost={(reason) => fallBack(run.id, reason)} />
    );
  }

  return (
    <section aria-labelledby="interview-title" className="interview">
      <h1 id="interview-title">Mock interview</h1>
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
      {run ? (
        <Interrupted
          run={run}
          onResume={async () => {
            // A spoken run needs the microphone again after a reload; asked for on this tap.
            if (run.setup.mode === 'spoken' && !run.fallback && run.step !== 'summary') {
              const mic = await openMicrophone();
              if (mic.ok) setMicrophone(mic.stream);
              else fallBack(run.id, mic.reason);
            }
            setInHand(run.id);
          }}
          onDiscard={() => {
            deleteInterview(db, run.id).then(
              () => setError(null),
              (e: unknown) => setError(describeStorageError(e).detail),
            );
          }}
        />
      ) : (
        <Setup
          onStarted={(id, stream) => {
            setMicrophone(stream);
            setInHand(id);
          }}
        />
      )}
      <Figures />
    </section>
  );
}

function Interrupted({ run, onResume, onDiscard }: { run: InterviewRow; onResume: () => Promise<void>; onDiscard: () => void }) {
  const where =
    run.step === 'summary'
      ? 'at its summary'
      : `at question ${run.current + 1} of ${run.questions.length}${run.step === 'review' ? ' (review)' : ''}`;
  const graded = run.questions.filter((q) => q.grade !== undefined).length;
  return (
    <section className="panel" aria-labelledby="interrupted-title">
      <h2 id="interrupted-title">An interview was interrupted</h2>
      <p>
        Started {new Date(run.startedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}, stopped {where}.
        {run.step === 'answering' && run.setup.mode === 'spoken' && !run.fallback
          ? ' The recording of the unfinished answer was lost; it records again from where the clock stood.'
          : ''}
      </p>
      {graded > 0 && (
        <p className="muted">
          {graded} grade{graded === 1 ? ' was' : 's were'} already recorded as reviews; discarding the run keeps them.
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn primary big" onClick={() => void onResume()}>
          Resume interview
        </button>
        <button type="button" className="btn" onClick={onDiscard}>
          Discard it
        </button>
      </div>
    </section>
  );
}

function Setup({ onStarted }: { onStarted: (runId: string, microphone: MediaStream | undefined) => void }) {
  const { db, now } = useServices();
  const decks = useLiveQuery(() => interviewDecks(db), [db]);
  const last = useLiveQuery(async () => (await interviewHistory(db, 1))[0]?.setup ?? null, [db]);
  const [setup, setSetup] = useState<InterviewSetup>();
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const ids = { count: useId(), minutes: useId() };
  // Start from the last run's choices (decks that still hold explain cards), else every deck.
  useEffect(() => {
    if (setup || !decks || last === undefined) return;
    const known = new Set(decks.map((d) => d.id));
    const fromLast = last?.deckIds.filter((d) => known.has(d)) ?? [];
    setSetup({ ...DEFAULT_SETUP, ...(last ?? {}), deckIds: fromLast.length > 0 ? fromLast : decks.map((d) => d.id) });
  }, [setup, decks, last]);

  if (!decks || !setup) return <p className="muted">Loading…</p>;
  if (decks.length === 0) {
    return (
      <div className="panel">
        <p>
          No deck has explain cards yet. Interviews ask explain cards: write one under Decks → Add, or import a deck with some.
        </p>
      </div>
    );
  }
  const update = (patch: Partial<InterviewSetup>) => setSetup({ ...setup, ...patch });

  const start = async () => {
    if (starting) return;
    setStarting(true);
    setProblem(null);
    let stream: MediaStream | undefined;
    let fallback: string | undefined;
    try {
      // The microphone is asked for only now, and only for spoken answers.
      if (setup.mode === 'spoken') {
        const mic = await openMicrophone();
        if (mic.ok) stream = mic.stream;
        else fallback = mic.reason;
      }
      const id = crypto.randomUUID();
      const at = now();
      await startInterview(db, {
        id,
        setup,
        now: at,
        random: seededRandom(at),
        ...(fallback ? { fallback } : {}),
      });
      onStarted(id, stream);
    } catch (e) {
      closeMicrophone(stream);
      setProblem(e instanceof Error && !(e instanceof DOMException) ? e.message : describeStorageError(e).detail);
      setStarting(false);
    }
  };

  return (
    <form
      className="panel interview-setup"
      aria-label="Set up an interview"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <p className="muted">
        Questions come from explain cards, preferring those due soon or weak. Answer each under time, then compare with the model
        answer and tick the rubric: the grade counts as a review of the card.
      </p>
      <fieldset>
        <legend>Decks</legend>
        {decks.map((d) => (
          <label key={d.id} className="check-row">
            <input
              type="checkbox"
              checked={setup.deckIds.includes(d.id)}
              onChange={(e) =>
                update({ deckIds: e.target.checked ? [...setup.deckIds, d.id] : setup.deckIds.filter((x) => x !== d.id) })
              }
            />
            <span>
              {d.name}{' '}
              <span className="muted">
                ({d.explain} explain {d.explain === 1 ? 'card' : 'cards'})
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="setup-numbers">
        <label htmlFor={ids.count}>Questions</label>
        <input
          id={ids.count}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_QUESTIONS}
          value={Number.isNaN(setup.count) ? '' : setup.count}
          onChange={(e) => update({ count: e.target.valueAsNumber })}
        />
        <label htmlFor={ids.minutes}>Minutes per question</label>
        <input
          id={ids.minutes}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_MINUTES}
          value={Number.isNaN(setup.minutes) ? '' : setup.minutes}
          onChange={(e) => update({ minutes: e.target.valueAsNumber })}
        />
      </div>
      <fieldset>
        <legend>Answers</legend>
        <label className="check-row">
          <input type="radio" name="mode" checked={setup.mode === 'written'} onChange={() => update({ mode: 'written' })} />
          Written
        </label>
        <label className="check-row">
          <input type="radio" name="mode" checked={setup.mode === 'spoken'} onChange={() => update({ mode: 'spoken' })} />
          Spoken (recorded; kept on this device only)
        </label>
      </fieldset>
      <fieldset>
        <legend>Review the answers</legend>
        <label className="check-row">
          <input type="radio" name="review" checked={setup.reviewAt === 'each'} onChange={() => update({ reviewAt: 'each' })} />
          After each answer
        </label>
        <label className="check-row">
          <input type="radio" name="review" checked={setup.reviewAt === 'end'} onChange={() => update({ reviewAt: 'end' })} />
          All at the end
        </label>
      </fieldset>
      {problem && (
        <p className="error-line" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="btn primary wide big" disabled={starting}>
        Start interview
      </button>
    </form>
  );
}

const KIND_SENTENCE: Record<RubricKind, string> = {
  test: 'You said what you would test',
  why: 'You said why it matters',
  mind: 'You named what would change your mind',
};
const KIND_NAME: Record<RubricKind, string> = {
  test: 'what you would test',
  why: 'why it matters',
  mind: 'what would change your mind',
};

const pct = (v: number) => `${Math.round(v * 100)}%`;

function asRecord(run: InterviewRow): RunRecord {
  return { startedAt: run.startedAt, limitMs: run.setup.minutes * 60_000, questions: run.questions };
}

/** What the finished runs teach: coverage per kind of rubric point, and time per answer. */
function Figures() {
  const { db } = useServices();
  const history = useLiveQuery(() => interviewHistory(db), [db]);
  if (!history) return null;
  if (history.length === 0) {
    return (
      <section className="panel" aria-labelledby="figures-title">
        <h2 id="figures-title">What your runs show</h2>
        <p className="muted">Finish a run to see which parts of your answers you cover and how your time goes.</p>
      </section>
    );
  }
  const records = history.map(asRecord);
  const coverage = coverageByKind(records);
  const verdict = weakestKind(coverage);
  const time = timeFigures(records);
  return (
    <>
      <section className="panel" aria-labelledby="figures-title">
        <h2 id="figures-title">What your runs show</h2>
        <p className="muted">
          Over {history.length} run{history.length === 1 ? '' : 's'}: the graded answers whose rubric has a point of each kind,
          and how many covered at least one, with a 95% interval.
        </p>
        <ul className="coverage" aria-label="Rubric points covered, by kind">
          {coverage.map((c) => (
            <li key={c.kind} data-kind={c.kind}>
              {c.interval
                ? `${KIND_SENTENCE[c.kind]} in ${c.covered.passed} of ${c.covered.n} answers (${pct(c.interval.estimate)}, ${pct(c.interval.low)}–${pct(c.interval.high)}).`
                : `${KIND_SENTENCE[c.kind]}: no graded answer had such a point yet.`}
            </li>
          ))}
        </ul>
        <p data-testid="coverage-verdict" data-verdict={verdict.kind}>
          {verdict.kind === 'none'
            ? 'No graded answer had tagged rubric points yet: grade an answer in a run to start.'
            : verdict.kind === 'weakest'
              ? `The part you leave out most is ${KIND_NAME[verdict.weakest]}: even the top of its interval (${pct(verdict.interval.high)}) is under the bottom of the others’ (${pct(verdict.rest.low)}).`
              : 'Too few answers to say which part you leave out most: the intervals still overlap.'}
        </p>
      </section>
      <section className="panel" aria-labelledby="time-title">
        <h2 id="time-title">Time per answer</h2>
        {time.interval && (
          <p data-testid="time-within">
            {time.within.passed} of {time.within.n} answers within their limit ({pct(time.interval.estimate)},{' '}
            {pct(time.interval.low)}–{pct(time.interval.high)}).
          </p>
        )}
        <table className="stats-table interview-table">
          <caption className="visually-hidden">Time per answer in each run, against its limit</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Average</th>
              <th scope="col">Longest</th>
              <th scope="col">Limit</th>
              <th scope="col">Over</th>
            </tr>
          </thead>
          <tbody>
            {time.runs.map((r) => (
              <tr key={r.startedAt}>
                <th scope="row">{new Date(r.startedAt).toLocaleDateString([], { day: 'numeric', month: 'short' })}</th>
                <td>{clockText(r.meanMs)}</td>
                <td>{clockText(r.longestMs)}</td>
                <td>{clockText(r.limitMs)}</td>
                <td>
                  {r.over} of {r.answers}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <PastRuns runs={history} />
    </>
  );
}

function PastRuns({ runs }: { runs: InterviewRow[] }) {
  const { db } = useServices();
  const [problem, setProblem] = useState<string | null>(null);
  const act = (p: Promise<void>) =>
    p.then(
      () => setProblem(null),
      (e: unknown) => setProblem(describeStorageError(e).detail),
    );
  return (
    <section className="panel" aria-labelledby="runs-title">
      <h2 id="runs-title">Past runs</h2>
      {problem && (
        <p className="error-line" role="alert">
          {problem}
        </p>
      )}
      <ul className="past-runs">
        {runs.slice(0, 20).map((run) => {
          const when = new Date(run.startedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
          const kept = run.questions.filter((q) => q.recordingId);
          return (
            <li key={run.id}>
              <span>
                {when}: {run.questions.length} questions,{' '}
                {run.questions.map((q) => (q.grade ? GRADE_NAME[q.grade] : '–')).join(' · ')}
              </span>
              {kept.length > 0 && (
                <details className="kept-recordings">
                  <summary>Play the recordings</summary>
                  {run.questions.map((q, i) =>
                    q.recordingId ? (
                      <RecordingPlayer key={q.recordingId} id={q.recordingId} label={`Question ${i + 1}, ${when}`} />
                    ) : null,
                  )}
                </details>
              )}
              <span className="form-actions">
                {kept.length > 0 && (
                  <button type="button" className="btn small" onClick={() => act(deleteRecordings(db, run.id))}>
                    Delete {kept.length} recording{kept.length === 1 ? '' : 's'}
                  </button>
                )}
                <button
                  type="button"
                  className="btn small"
                  aria-label={`Delete run of ${when}`}
                  onClick={() => act(deleteInterview(db, run.id))}
                >
                  Delete run
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      <p className="muted">Deleting a run removes it from these figures; its grades stay in your review history.</p>
    </section>
  );
}
