/**
 * A mock interview in progress: each question with its clock, the answer written or spoken, the
 * review (model answer, rubric, suggested grade) and the summary. The run's row in storage is the
 * truth: every step is written first and the screen follows the live row, so a reload lands on
 * the same step.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from 'react';
import { clockMoments } from '../../domain/interview/run';
import { suggestGrade } from '../../domain/queue/queue';
import type { Grade } from '../../domain/scheduling/scheduler';
import type { InterviewRow, NoteRow } from '../../storage/db';
import { describeStorageError } from '../../storage/errors';
import {
  beginQuestion,
  finishAnswer,
  finishInterview,
  gradeQuestion,
  InterviewStateError,
  keepProgress,
  recordingBlob,
  runNotes,
  skipReview,
  undoableGrade,
  undoGrade,
} from '../../storage/interview';
import type { StudyConfig } from '../../storage/presets';
import { StaleCardError } from '../../storage/study';
import { CardHtml } from '../components/CardHtml';
import { loadSchedulers } from '../study/session';
import { useUiPrefs } from '../hooks/useUiPrefs';
import { useWakeLock } from '../hooks/useWakeLock';
import { gentleSignal, type Recording, startRecording } from '../interview/media';
import { useServices } from '../services';
import { GRADE_BUTTONS, GRADE_NAMES } from '../../domain/vocabulary';

// The explain card's rubric, shared with the study screen, whose chunk loads it lazily too (a
// static import here would split that chunk and lengthen the study screen's preload lists).
const Rubric = lazy(() => import('./StudyExtras').then((m) => ({ default: m.Rubric })));

const GRADES = GRADE_BUTTONS;
/** A grade's name (re-exported for the interview screen). */
export const GRADE_NAME = GRADE_NAMES;

/** 95 000 ms → "1:35". */
export function clockText(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function spokenDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  const rest = s % 60;
  const parts = [m > 0 ? `${m} minute${m === 1 ? '' : 's'}` : '', rest > 0 ? `${rest} seconds` : ''].filter(Boolean);
  return parts.join(' ') || '0 seconds';
}

function problemText(e: unknown): string {
  if (e instanceof StaleCardError)
    return 'This card was answered elsewhere after the interview drew it, so this grade cannot be recorded. Skip it to go on.';
  if (e instanceof InterviewStateError) return e.message;
  const { title, detail } = describeStorageError(e);
  return `${title}. ${detail}`;
}

/** Moves focus to a step's heading when the step appears, so a screen reader announces where the run is. */
function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

export function InterviewRun({
  run,
  config,
  microphone,
  onMicrophoneLost,
}: {
  run: InterviewRow;
  config: StudyConfig;
  /** The open microphone for a spoken run; undefined for written answers (or after a fallback). */
  microphone: MediaStream | undefined;
  onMicrophoneLost: (reason: string) => void;
}) {
  const { db, now } = useServices();
  const notes = useLiveQuery(() => runNotes(db, run), [db, run.id]);
  const [error, setError] = useState<string | null>(null);
  useWakeLock(run.step !== 'summary');
  const total = run.questions.length;
  const undoIndex = undoableGrade(run);

  const undo = useCallback(async () => {
    try {
      await undoGrade(db, run.id);
      setError(null);
    } catch (e) {
      setError(problemText(e));
    }
  }, [db, run.id]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) return;
      if (event.key.toLowerCase() === 'z' && !event.altKey && undoIndex !== undefined) {
        event.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, undoIndex]);

  if (!notes) return <p className="muted">Loading the questions…</p>;
  const index = run.current;
  const question = run.questions[index];
  const note = question ? notes.get(question.noteId) : undefined;
  const spoken = run.setup.mode === 'spoken' && !run.fallback;
  const step = run.step;
  const undoLabel = undoIndex !== undefined ? GRADE_NAME[run.questions[undoIndex]?.grade ?? 0] : undefined;

  return (
    // While a question or its review is up the page itself does not scroll (like a card in review):
    // the text scrolls and the buttons stay in thumb reach.
    <section className={`interview-run${step === 'answering' || step === 'review' ? ' study' : ''}`} aria-label="Mock interview">
      <div className="interview-bar">
        <span className="muted">
          {step === 'summary' ? `${total} questions` : `Question ${index + 1} of ${total}`}
          {step === 'review' ? ' · review' : ''}
        </span>
        <button
          type="button"
          className="btn small"
          onClick={() => void undo()}
          disabled={undoIndex === undefined}
          aria-keyshortcuts="Z"
          title={undoLabel ? `Undo ${undoLabel} on question ${(undoIndex ?? 0) + 1}` : 'No grade to undo'}
        >
          {undoLabel ? `Undo ${undoLabel}` : 'Undo'}
        </button>
      </div>
      {run.fallback && run.setup.mode === 'spoken' && (
        <p className="interview-note" role="status">
          Answers are written in this run: {run.fallback}
        </p>
      )}
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
      {step === 'ready' && <Ready key={`ready-${index}`} run={run} index={index} onError={setError} />}
      {step === 'answering' && question && note && (
        <Answering
          key={`answer-${index}`}
          run={run}
          index={index}
          note={note}
          microphone={spoken ? microphone : undefined}
          onMicrophoneLost={onMicrophoneLost}
          onError={setError}
        />
      )}
      {step === 'review' && question && note && (
        <Review
          key={`review-${index}-${question.grade ?? ''}`}
          run={run}
          index={index}
          note={note}
          config={config}
          onError={setError}
        />
      )}
      {(step === 'answering' || step === 'review') && question && !note && (
        <NoteGone run={run} index={index} onError={setError} />
      )}
      {step === 'summary' && <Summary run={run} notes={notes} onError={setError} now={now} />}
    </section>
  );
}

function Ready({ run, index, onError }: { run: InterviewRow; index: number; onError: (e: string | null) => void }) {
  const { db } = useServices();
  const button = useFocusOnMount<HTMLButtonElement>();
  const minutes = run.setup.minutes;
  return (
    <div className="panel interview-ready">
      <h2>
        Question {index + 1} of {run.questions.length}
      </h2>
      <p>
        {minutes} minute{minutes === 1 ? '' : 's'}. The clock starts when you do; take a breath first.
      </p>
      <button
        ref={button}
        type="button"
        className="btn primary wide big"
        onClick={() => {
          beginQuestion(db, run.id, index).then(
            () => onError(null),
            (e: unknown) => onError(problemText(e)),
          );
        }}
      >
        Start question {index + 1}
      </button>
    </div>
  );
}

/** A question whose note was deleted meanwhile: nothing to show or grade, so it can only be passed. */
function NoteGone({ run, index, onError }: { run: InterviewRow; index: number; onError: (e: string | null) => void }) {
  const { db } = useServices();
  const q = run.questions[index];
  const pass = () => {
    const step =
      run.step === 'answering'
        ? finishAnswer(db, run.id, index, { text: q?.text ?? '', usedMs: q?.usedMs ?? 0 })
        : skipReview(db, run.id, index);
    step.then(
      () => onError(null),
      (e: unknown) => onError(problemText(e)),
    );
  };
  return (
    <div className="panel">
      <p>This question’s note was deleted since the run began.</p>
      <button type="button" className="btn" onClick={pass}>
        Go on
      </button>
    </div>
  );
}

const SAVE_EVERY_MS = 5000;

function Answering({
  run,
  index,
  note,
  microphone,
  onMicrophoneLost,
  onError,
}: {
  run: InterviewRow;
  index: number;
  note: NoteRow;
  microphone: MediaStream | undefined;
  onMicrophoneLost: (reason: string) => void;
  onError: (e: string | null) => void;
}) {
  const { db, now } = useServices();
  const [prefs] = useUiPrefs();
  const question = run.questions[index]!;
  const limitMs = run.setup.minutes * 60_000;
  const [text, setText] = useState(question.text);
  // The clock: time used before this screen (kept in storage) plus the time since it opened.
  const clock = useRef({ before: question.usedMs, since: now() });
  const usedNow = useCallback(() => clock.current.before + (now() - clock.current.since), [now]);
  const [used, setUsed] = useState(question.usedMs);
  const [said, setSaid] = useState('');
  const [finishing, setFinishing] = useState(false);
  const recording = useRef<Recording | undefined>(undefined);
  const [recordingOn, setRecordingOn] = useState(false);
  const textRef = useRef(text);
  textRef.current = text;
  const ids = { prompt: useId(), answer: useId(), timer: useId() };
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!microphone) textarea.current?.focus();
  }, [microphone]);

  // Moments already past when the screen opens (after a reload) are not announced again.
  const moments = useRef(clockMoments(limitMs).filter((m) => m.at > question.usedMs));
  useEffect(() => {
    const id = window.setInterval(() => {
      const t = usedNow();
      setUsed(t);
      const due = moments.current.filter((m) => m.at <= t);
      if (due.length === 0) return;
      moments.current = moments.current.filter((m) => m.at > t);
      const last = due[due.length - 1]!;
      if (last.say === 'end') {
        setSaid('Time is up. Finish your thought, then press Finish answer.');
        gentleSignal(prefs.vibrate);
      } else {
        setSaid(`${spokenDuration(limitMs - t)} left.`);
      }
    }, 250);
    return () => window.clearInterval(id);
  }, [usedNow, limitMs, prefs.vibrate]);

  // Keep the text and the time, so a reload resumes here without losing either.
  // Also when the page is hidden (switching apps, closing the tab), which may be its last chance.
  useEffect(() => {
    const keep = () => void keepProgress(db, run.id, index, { text: textRef.current, usedMs: usedNow() }).catch(() => undefined);
    const id = window.setInterval(keep, SAVE_EVERY_MS);
    const onHide = () => {
      if (document.visibilityState === 'hidden') keep();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.clearInterval(id);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [db, run.id, index, usedNow]);

  // A spoken answer records from the moment the question shows until Finish.
  useEffect(() => {
    if (!microphone) return;
    try {
      recording.current = startRecording(microphone);
      setRecordingOn(true);
    } catch (e) {
      onMicrophoneLost(`The recording could not start (${e instanceof Error ? e.message : String(e)}).`);
    }
    return () => {
      recording.current?.cancel();
      recording.current = undefined;
    };
  }, [microphone, onMicrophoneLost]);

  const finish = useCallback(async () => {
    if (finishing) return;
    setFinishing(true);
    const usedMs = usedNow();
    try {
      const rec = recording.current;
      recording.current = undefined;
      const audio = rec ? await rec.stop() : undefined;
      await finishAnswer(db, run.id, index, {
        text: textRef.current,
        usedMs,
        ...(audio
          ? { recording: { id: crypto.randomUUID(), blob: audio.blob, mime: audio.mime, durationMs: usedMs - question.usedMs } }
          : {}),
      });
      onError(null);
    } catch (e) {
      onError(problemText(e));
      setFinishing(false);
    }
  }, [finishing, usedNow, db, run.id, index, question.usedMs, onError]);

  const over = used >= limitMs;
  return (
    <div className={`interview-question${over ? ' over' : ''}`}>
      <div className="interview-clock-row">
        <h2 ref={heading} tabIndex={-1} className="visually-hidden">
          Question {index + 1} of {run.questions.length}
        </h2>
        <div role="timer" id={ids.timer} className="interview-clock" aria-label={over ? 'Time is up' : 'Time left'}>
          {over ? (
            <>
              <span className="clock-label">Time is up</span> <span className="clock-value">+{clockText(used - limitMs)}</span>
            </>
          ) : (
            <>
              <span className="clock-value">{clockText(limitMs - used)}</span> <span className="clock-label">left</span>
            </>
          )}
        </div>
        <progress className="interview-progress" max={limitMs} value={Math.min(used, limitMs)} aria-hidden="true" />
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="clock-announcement">
        {said}
      </p>
      <div className="card-body interview-prompt" id={ids.prompt}>
        <CardHtml className="card-front" html={note.cards[0]?.front ?? ''} />
      </div>
      {microphone ? (
        <p className="recording-line" role="status">
          <span className={`rec-dot${recordingOn ? ' on' : ''}`} aria-hidden="true" />
          {recordingOn ? 'Recording your answer on this device' : 'Starting the recording…'}
        </p>
      ) : (
        <label className="draft">
          <span>Your answer</span>
          <textarea
            ref={textarea}
            value={text}
            rows={7}
            aria-describedby={ids.prompt}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void finish();
              }
            }}
            placeholder="What would you test? Why does it matter? What result would change your mind?"
          />
        </label>
      )}
      <div className="answer-bar">
        <button
          type="button"
          className="btn primary wide big"
          onClick={() => void finish()}
          disabled={finishing}
          aria-keyshortcuts={microphone ? undefined : 'Control+Enter'}
        >
          Finish answer
        </button>
      </div>
    </div>
  );
}

export function RecordingPlayer({ id, label }: { id: string; label: string }) {
  const { db } = useServices();
  const blob = useLiveQuery(() => recordingBlob(db, id), [db, id]);
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return;
    const u = URL.createObjectURL(blob);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  if (!url) return null;
  // biome-ignore lint/a11y/useMediaCaption: the user's own spoken answer; there is no text to caption it with
  return <audio controls src={url} aria-label={label} preload="metadata" />;
}

function Review({
  run,
  index,
  note,
  config,
  onError,
}: {
  run: InterviewRow;
  index: number;
  note: NoteRow;
  config: StudyConfig;
  onError: (e: string | null) => void;
}) {
  const { db, now, zone } = useServices();
  const question = run.questions[index]!;
  const rubric = note.rubric ?? [];
  const [ticks, setTicks] = useState<boolean[]>(() => rubric.map((_, i) => question.ticks?.[i] ?? false));
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const suggested = rubric.length > 0 ? suggestGrade(ticks.filter(Boolean).length, ticks.length) : undefined;

  const grade = useCallback(
    async (rating: Grade) => {
      if (busy) return;
      setBusy(true);
      try {
        const settings = config.forDeck(question.deckId);
        const scheduler = (await loadSchedulers())(settings);
        const clock = { zone, rolloverHour: config.global.rolloverHour };
        await gradeQuestion(
          db,
          run.id,
          index,
          { ticks, rating, now: now(), rubricKinds: note.rubricKinds },
          { scheduler, settings, clock },
        );
        onError(null);
      } catch (e) {
        onError(problemText(e));
        setBusy(false);
      }
    },
    [busy, config, question.deckId, zone, db, run.id, index, ticks, now, onError, note.rubricKinds],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        target &&
        (target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type !== 'checkbox'))
      )
        return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const g = GRADES.find((x) => x.key === event.key);
      if (g) {
        event.preventDefault();
        void grade(g.rating);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [grade]);

  const limitMs = run.setup.minutes * 60_000;
  return (
    <div className="interview-review">
      <h2 ref={heading} tabIndex={-1}>
        Review of question {index + 1}
      </h2>
      <div className="card-body">
        <CardHtml className="card-front" html={note.cards[0]?.front ?? ''} />
        <p className="muted">
          You took {clockText(question.usedMs)} of {clockText(limitMs)}
          {question.usedMs > limitMs ? ' (over the limit)' : ''}.
        </p>
        <div className="your-draft">
          <h3>Your answer</h3>
          {question.recordingId && (
            <RecordingPlayer id={question.recordingId} label={`Your spoken answer to question ${index + 1}`} />
          )}
          {question.text.trim() ? <p>{question.text}</p> : !question.recordingId && <p>(nothing written)</p>}
        </div>
        <hr className="divider" />
        <h3>Model answer</h3>
        <CardHtml className="card-back" html={note.cards[0]?.back ?? ''} />
        {rubric.length > 0 && (
          <Suspense fallback={null}>
            <Rubric
              points={rubric}
              ticked={ticks}
              onTick={(i, on) => setTicks((t) => t.map((v, k) => (k === i ? on : v)))}
              suggested={GRADES.find((g) => g.rating === suggested)?.label ?? ''}
              kinds={note.rubricKinds}
            />
          </Suspense>
        )}
      </div>
      <div className="answer-bar">
        <fieldset className="grades">
          <legend className="visually-hidden">Grade this answer (recorded as a review of the card)</legend>
          {GRADES.map((g) => (
            <button
              key={g.rating}
              type="button"
              className={`btn grade grade-${g.label.toLowerCase()}${suggested === g.rating ? ' suggested' : ''}`}
              onClick={() => void grade(g.rating)}
              disabled={busy}
              aria-keyshortcuts={g.key}
            >
              <span className="grade-interval" aria-hidden="true">
                {suggested === g.rating ? 'suggested' : ''}
              </span>
              <span className="grade-label">{g.label}</span>
            </button>
          ))}
        </fieldset>
        <button
          type="button"
          className="btn small skip"
          disabled={busy}
          onClick={() => {
            skipReview(db, run.id, index).then(
              () => onError(null),
              (e: unknown) => onError(problemText(e)),
            );
          }}
        >
          Skip without a grade
        </button>
      </div>
    </div>
  );
}

/** Plain text of a note's prompt for the summary table (its Markdown, lightly stripped). */
function promptText(note: NoteRow | undefined): string {
  const prompt = note?.fields.prompt;
  const text = typeof prompt === 'string' ? prompt : '(deleted note)';
  return text
    .replace(/[*_`#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function Summary({
  run,
  notes,
  onError,
  now,
}: {
  run: InterviewRow;
  notes: Map<string, NoteRow>;
  onError: (e: string | null) => void;
  now: () => number;
}) {
  const { db } = useServices();
  const [keep, setKeep] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const limitMs = run.setup.minutes * 60_000;
  const recordings = run.questions.filter((q) => q.recordingId).length;
  const graded = run.questions.filter((q) => q.grade !== undefined).length;
  return (
    <div className="panel interview-summary">
      <h2 ref={heading} tabIndex={-1}>
        Interview done
      </h2>
      <p>
        {graded} of {run.questions.length} answers graded; each grade is a review of its card.
      </p>
      <table className="stats-table interview-table">
        <caption className="visually-hidden">Your answers</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Time</th>
            <th scope="col">Rubric</th>
            <th scope="col">Grade</th>
          </tr>
        </thead>
        <tbody>
          {run.questions.map((q, i) => (
            <tr key={q.cardId}>
              <th scope="row">
                <span className="q-number">{i + 1}.</span> {promptText(notes.get(q.noteId))}
              </th>
              <td className={q.usedMs > limitMs ? 'over-limit' : undefined}>
                {clockText(q.usedMs)}
                {q.usedMs > limitMs ? ' (over)' : ''}
              </td>
              <td>{q.ticks ? `${q.ticks.filter(Boolean).length} of ${q.ticks.length}` : '–'}</td>
              <td>{q.grade ? GRADE_NAME[q.grade] : 'not graded'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Limit: {clockText(limitMs)} per question.</p>
      {recordings > 0 && (
        <>
          <h3>Recordings</h3>
          <ul className="recordings">
            {run.questions.map((q, i) =>
              q.recordingId ? (
                <li key={q.recordingId}>
                  <span>Question {i + 1}</span>
                  <RecordingPlayer id={q.recordingId} label={`Your spoken answer to question ${i + 1}`} />
                </li>
              ) : null,
            )}
          </ul>
          <label className="check-row">
            <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
            Keep the recordings on this device (otherwise they are deleted when you finish)
          </label>
        </>
      )}
      <button
        type="button"
        className="btn primary wide big"
        onClick={() => {
          finishInterview(db, run.id, keep, now()).then(
            () => onError(null),
            (e: unknown) => onError(problemText(e)),
          );
        }}
      >
        Finish
      </button>
    </div>
  );
}
