import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { type QueueCounts, queueCounts, queueKind, suggestGrade } from '../../domain/queue/queue';
import { showDueBadge } from '../../platform/badge';
import { type Grade, intervalLabel, previewAnswers, Rating } from '../../domain/scheduling/scheduler';
import { startOfNextStudyDay } from '../../domain/scheduling/time';
import type { StudyConfig } from '../../storage/presets';
import { CardHtml } from '../components/CardHtml';
import { Counts } from '../components/Counts';
import { type ShownCard, type StudySession, useStudySession } from '../hooks/useStudySession';
import { useStudyConfig } from '../hooks/useSettings';
import { useSwipe } from '../hooks/useSwipe';
import { useUiPrefs } from '../hooks/useUiPrefs';
import { isTyping } from '../keys';
import { bootCard, clearResume, keepForResume, releaseResume } from '../resume';
import { markFirstScreen } from '../pwa';
import { href } from '../route';
import { useServices } from '../services';
import { findDeckName } from '../../storage/decks';
import { FLAG_NAMES, GRADE_BUTTONS } from '../../domain/vocabulary';

/** The editor (and the note renderer behind it) loads when a note is first edited. */
const EditNoteDialog = lazy(() => import('../components/EditNoteDialog').then((m) => ({ default: m.EditNoteDialog })));
// Shown only at the end of a session or a pause in it, after revealing a type-in or explain card,
// or on request: not needed for the first card.
const SessionPause = lazy(() => import('./StudyExtras').then((m) => ({ default: m.SessionPause })));
const SessionDone = lazy(() => import('./StudyExtras').then((m) => ({ default: m.SessionDone })));
const Rubric = lazy(() => import('./StudyExtras').then((m) => ({ default: m.Rubric })));
const ShortcutHelp = lazy(() => import('./StudyExtras').then((m) => ({ default: m.ShortcutHelp })));
const TypedComparison = lazy(() => import('./StudyExtras').then((m) => ({ default: m.TypedComparison })));

const GRADES = GRADE_BUTTONS;

export function StudyScreen({ deck }: { deck: string }) {
  const { db } = useServices();
  const settings = useStudyConfig();
  const scope = useLiveQuery(async () => {
    const decks = (await db.decks.toArray()).filter((d) => !d.retired);
    return deck === 'all' ? decks.map((d) => d.id) : decks.filter((d) => d.id === deck).map((d) => d.id);
  }, [db, deck]);
  const deckName = useLiveQuery(async () => (deck === 'all' ? 'All decks' : await findDeckName(db, deck)), [db, deck]);
  useEffect(() => {
    document.title = `Study · ${deckName ?? ''} · Recall RE`;
  }, [deckName]);
  // The scope is fixed once known, so a live change to the deck list does not restart the session.
  const [fixedScope, setFixedScope] = useState<readonly string[]>();
  useEffect(() => {
    if (scope && !fixedScope) setFixedScope(scope);
  }, [scope, fixedScope]);
  const noDeck = fixedScope?.length === 0;
  useLayoutEffect(() => {
    if (noDeck) releaseResume();
  }, [noDeck]);
  if (!settings || !fixedScope) return <p className="muted">Loading…</p>;
  if (fixedScope.length === 0) {
    return (
      <section className="panel">
        <h1>No such deck</h1>
        <p>
          <a href={href({ name: 'decks' })}>Back to decks</a>
        </p>
      </section>
    );
  }
  return <Session scope={fixedScope} settings={settings} title={deckName ?? ''} />;
}

function Session({ scope, settings, title }: { scope: readonly string[]; settings: StudyConfig; title: string }) {
  const session = useStudySession(scope, settings);
  const { state, queue, canUndo, undoLabel, undo, error } = session;
  const [lostAnswer, setLostAnswer] = useState(false);

  // Once the session has something to show, it takes the place of the card painted at start, and
  // saves a grade given to that card meanwhile (with the time it was given).
  const ready = state.status !== 'loading';
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when the session is first ready
  useLayoutEffect(() => {
    if (!ready) return;
    const boot = releaseResume();
    if (!boot?.answer) return;
    const shown = state.status === 'card' ? state.shown : undefined;
    if (shown?.resumed && shown.card.id === boot.cardId) void session.answer(boot.answer.rating, boot.answer.at);
    else setLostAnswer(true);
  }, [ready]);
  useEffect(() => {
    if (ready) markFirstScreen();
  }, [ready]);
  // Nothing left today: keep tomorrow's first card for the next start instead of this one.
  const { db, now } = useServices();
  const [prefs] = useUiPrefs();
  useEffect(() => {
    if (state.status === 'waiting') clearResume();
    if (state.status !== 'done') return;
    const input = {
      db,
      scope,
      config: settings,
      clock: session.clock,
      now: now(),
      hash: window.location.hash,
      title,
      tapToReveal: prefs.tapToReveal,
    };
    import('../next-day-resume').then(({ rememberNextDay }) => rememberNextDay(input)).catch(() => clearResume());
  }, [state.status, db, now, scope, settings, session.clock, title, prefs.tapToReveal]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Z or Ctrl/Cmd+Z, unless the person is typing (a text field then undoes its own typing).
      if (isTyping(event.target) || event.key.toLowerCase() !== 'z') return;
      if (event.ctrlKey || event.metaKey || !event.altKey) {
        event.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  const counts = useMemo(() => (queue ? queueCounts(queue) : undefined), [queue]);
  const left = counts ? counts.newCount + counts.learningCount + counts.reviewCount : undefined;
  useEffect(() => {
    // Only a whole-collection session knows the full number still waiting today.
    if (left !== undefined && title === 'All decks') showDueBadge(left);
  }, [left, title]);
  return (
    <section className="study" aria-label={`Study ${title}`}>
      <div className="study-bar">
        <a href={href({ name: 'decks' })} className="muted back">
          ‹ {title}
        </a>
        {counts && <Counts counts={counts} current={state.status === 'card' ? queueKind(state.shown.card.queue) : undefined} />}
        <button
          type="button"
          className="btn small"
          onClick={() => void undo()}
          disabled={!canUndo}
          aria-keyshortcuts="Control+Z Z"
          title={undoLabel ? `Undo ${undoLabel}` : 'Nothing to undo'}
        >
          Undo
        </button>
      </div>
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
      {lostAnswer && (
        <p className="error-line" role="alert">
          The grade you gave while the app was starting was not saved: that card had changed meanwhile.
        </p>
      )}
      {state.status === 'loading' && <p className="muted">Building today's queue…</p>}
      {state.status === 'card' && (
        <Review
          key={`${state.shown.card.id}:${state.shown.shownAt}`}
          shown={state.shown}
          session={session}
          title={title}
          counts={counts}
        />
      )}
      {state.status === 'waiting' && (
        <Suspense fallback={null}>
          <SessionPause until={state.until + settings.global.learnAheadMinutes * 60_000} />
        </Suspense>
      )}
      {state.status === 'done' && (
        <Suspense fallback={null}>
          <SessionDone scope={scope} clock={session.clock} nextDue={state.nextDue} />
        </Suspense>
      )}
    </section>
  );
}

/** The flags offered while reviewing: the first four colours (Browse offers all). */
const FLAGS = [1, 2, 3, 4].map((n) => ({ n, name: FLAG_NAMES[n] ?? '' }));

/** Until the scheduler's code is in (a moment after the first card), the buttons show no interval. */
const NO_LABELS: Record<Grade, string> = { 1: '', 2: '', 3: '', 4: '' };

function Review({
  shown,
  session,
  title,
  counts,
}: {
  shown: ShownCard;
  session: StudySession;
  title: string;
  counts: QueueCounts | undefined;
}) {
  const services = useServices();
  const [prefs] = useUiPrefs();
  // The card painted at start may already show its answer.
  const [revealed, setRevealed] = useState(() => (shown.resumed ? (bootCard()?.revealed ?? false) : false));
  const [ticked, setTicked] = useState<boolean[]>(() => (shown.note.rubric ?? []).map(() => false));
  const [draft, setDraft] = useState('');
  const [typed, setTyped] = useState('');
  const [editing, setEditing] = useState(false);
  const [help, setHelp] = useState(false);
  const side = shown.note.cards.find((c) => c.ord === shown.card.ord) ?? shown.note.cards[0];
  const isExplain = shown.note.kind === 'explain';
  const isTypeIn = shown.note.kind === 'typein';
  // Their answer side needs StudyExtras (the rubric, the comparison): fetch it while the question is up.
  useEffect(() => {
    if (isExplain || isTypeIn) void import('./StudyExtras');
  }, [isExplain, isTypeIn]);

  const { schedulerFor } = session;
  const labels = useMemo(() => {
    if (!schedulerFor) return NO_LABELS;
    const at = services.now();
    const deckSettings = session.config.forDeck(shown.card.deckId);
    const ctx = { scheduler: schedulerFor(deckSettings), settings: deckSettings, clock: session.clock };
    const outcomes = previewAnswers(shown.card, at, ctx);
    return Object.fromEntries(GRADES.map((g) => [g.rating, intervalLabel(outcomes[g.rating], at, session.clock)])) as Record<
      Grade,
      string
    >;
  }, [shown.card, session.config, session.clock, services, schedulerFor]);

  // This card is what the next start from the home screen paints first (src/resume/boot.ts).
  useEffect(() => {
    if (!side || !schedulerFor) return;
    keepForResume({
      card: shown.card,
      note: shown.note,
      side,
      labels: [labels[1], labels[2], labels[3], labels[4]],
      counts,
      hash: window.location.hash,
      title,
      tapToReveal: prefs.tapToReveal,
      validUntil: startOfNextStudyDay(services.now(), session.clock),
    });
  }, [side, shown, labels, schedulerFor, title, counts, prefs.tapToReveal, services, session.clock]);

  const suggested = isExplain && revealed ? suggestGrade(ticked.filter(Boolean).length, ticked.length) : undefined;
  const reveal = useCallback(() => setRevealed(true), []);
  const { act } = session;
  const answer = useCallback(
    (rating: Grade) => {
      if (prefs.vibrate) navigator.vibrate?.(12);
      return session.answer(rating);
    },
    [prefs.vibrate, session.answer],
  );
  const swipe = useSwipe(
    revealed && prefs.swipeToGrade,
    (direction) => void answer(direction === 'good' ? Rating.Good : Rating.Again),
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey || editing) return;
      const key = event.key;
      if (key === ' ' || key === 'Enter') {
        // The focused control (a button, a link, a checkbox of the rubric) takes Space and Enter.
        const target = event.target as HTMLElement | null;
        if (target && ['BUTTON', 'A', 'SUMMARY', 'INPUT'].includes(target.tagName)) return;
        event.preventDefault();
        if (!revealed) reveal();
        else void answer(Rating.Good);
        return;
      }
      const grade = GRADES.find((g) => g.key === key);
      if (grade && revealed) {
        event.preventDefault();
        void answer(grade.rating);
      } else if (key === 'e' || key === 'E') setEditing(true);
      else if (key === 'b' || key === 'B') void act({ kind: 'bury' });
      else if (key === 's' || key === 'S') void act({ kind: 'suspend' });
      else if (key === 'f' || key === 'F') void act({ kind: 'flag', flag: 1 });
      else if (key === '?') setHelp((h) => !h);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [revealed, reveal, answer, act, editing]);

  if (!side) return <p className="error-line">This note has no card {shown.card.ord}.</p>;
  const flag = FLAGS.find((f) => f.n === shown.card.flag);
  return (
    <article className={`card kind-${shown.note.kind}`} aria-label="Card" data-card-id={shown.card.id}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: tapping is a shortcut for the Show answer button */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Space and Enter reveal the answer from anywhere */}
      <div
        className={`card-body${swipe.dx !== 0 ? ' dragging' : ''}`}
        style={swipe.dx !== 0 ? { transform: `translateX(${swipe.dx}px) rotate(${swipe.dx / 40}deg)` } : undefined}
        onClick={(e) => {
          if (revealed || !prefs.tapToReveal) return;
          if ((e.target as HTMLElement).closest('textarea, label, a, button, input')) return;
          reveal();
        }}
        {...swipe.handlers}
      >
        {swipe.intent && (
          <div className={`swipe-hint swipe-${swipe.intent}`} aria-hidden="true">
            {swipe.intent === 'good' ? 'Good →' : '← Again'}
          </div>
        )}
        {flag && <span className={`flag flag-${flag.n}`}>{flag.name} flag</span>}
        <CardHtml className="card-front" html={side.front} />
        {isTypeIn && !revealed && (
          <label className="draft">
            <span>Type the answer</span>
            <input
              className="typein"
              value={typed}
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  reveal();
                }
              }}
            />
          </label>
        )}
        {isExplain && !revealed && (
          <label className="draft">
            <span>Your answer (optional)</span>
            <textarea
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              rows={5}
              placeholder="What would you test? Why does it matter? What result would change your mind?"
            />
          </label>
        )}
        {revealed && (
          <div aria-live="polite">
            <hr className="divider" />
            {isExplain && draft.trim() && (
              <div className="your-draft">
                <h3>Your answer</h3>
                <p>{draft}</p>
              </div>
            )}
            {isExplain && <h3>Model answer</h3>}
            {isTypeIn && (
              <Suspense fallback={null}>
                <TypedComparison typed={typed} expectedHtml={side.back} />
              </Suspense>
            )}
            <CardHtml className="card-back" html={side.back} />
            {isExplain && shown.note.rubric && (
              <Suspense fallback={null}>
                <Rubric
                  points={shown.note.rubric}
                  ticked={ticked}
                  onTick={(i, on) => setTicked((t) => t.map((v, k) => (k === i ? on : v)))}
                  suggested={GRADES.find((g) => g.rating === suggested)?.label ?? ''}
                />
              </Suspense>
            )}
          </div>
        )}
      </div>
      <details className="card-actions">
        <summary>Card actions</summary>
        <div className="action-row">
          <button type="button" className="btn small" onClick={() => setEditing(true)} aria-keyshortcuts="E">
            Edit
          </button>
          <button type="button" className="btn small" onClick={() => void act({ kind: 'bury' })} aria-keyshortcuts="B">
            Bury
          </button>
          <button type="button" className="btn small" onClick={() => void act({ kind: 'suspend' })} aria-keyshortcuts="S">
            Suspend
          </button>
          <button type="button" className="btn small" onClick={() => void act({ kind: 'forget' })}>
            Forget
          </button>
          {FLAGS.map((f) => (
            <button
              key={f.n}
              type="button"
              className={`btn small flag-button flag-${f.n}`}
              aria-pressed={shown.card.flag === f.n}
              onClick={() => void act({ kind: 'flag', flag: f.n })}
            >
              {f.name} flag
            </button>
          ))}
          <button type="button" className="btn small" onClick={() => setHelp(true)} aria-keyshortcuts="?">
            Shortcuts
          </button>
        </div>
      </details>
      {help && (
        <Suspense fallback={null}>
          <ShortcutHelp onClose={() => setHelp(false)} />
        </Suspense>
      )}
      <div className="answer-bar">
        {!revealed ? (
          <button type="button" className="btn primary wide" onClick={reveal} aria-keyshortcuts="Space Enter">
            Show answer
          </button>
        ) : (
          <fieldset className="grades">
            <legend className="visually-hidden">Grade your recall</legend>
            {GRADES.map((g) => (
              <button
                key={g.rating}
                type="button"
                className={`btn grade grade-${g.label.toLowerCase()}${suggested === g.rating ? ' suggested' : ''}`}
                onClick={() => void answer(g.rating)}
                aria-keyshortcuts={g.key}
                aria-describedby={`interval-${g.rating}`}
              >
                <span className="grade-interval" id={`interval-${g.rating}`} aria-hidden="true">
                  {labels[g.rating]}
                </span>
                <span className="grade-label">{g.label}</span>
              </button>
            ))}
          </fieldset>
        )}
      </div>
      {editing && (
        <Suspense fallback={null}>
          <EditNoteDialog
            note={shown.note}
            onClose={() => setEditing(false)}
            onSave={(note) => {
              setEditing(false);
              void act({ kind: 'edit', note });
            }}
          />
        </Suspense>
      )}
    </article>
  );
}
