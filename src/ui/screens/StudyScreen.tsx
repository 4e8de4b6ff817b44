import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { queueCounts, suggestGrade } from '../../domain/queue/queue';
import { type Grade, intervalLabel, makeScheduler, previewAnswers, Rating } from '../../domain/scheduling/scheduler';
import type { SchedulingSettings } from '../../domain/scheduling/settings';
import { CardHtml } from '../components/CardHtml';
import { Counts } from '../components/Counts';
import { type ShownCard, type StudySession, useStudySession } from '../hooks/useStudySession';
import { useSettings } from '../hooks/useSettings';
import { href } from '../route';
import { useServices } from '../services';

const GRADES: { rating: Grade; label: string; key: string }[] = [
  { rating: Rating.Again, label: 'Again', key: '1' },
  { rating: Rating.Hard, label: 'Hard', key: '2' },
  { rating: Rating.Good, label: 'Good', key: '3' },
  { rating: Rating.Easy, label: 'Easy', key: '4' },
];

export function StudyScreen({ deck }: { deck: string }) {
  const { db } = useServices();
  const settings = useSettings();
  const scope = useLiveQuery(async () => {
    const decks = (await db.decks.toArray()).filter((d) => !d.retired);
    return deck === 'all' ? decks.map((d) => d.id) : decks.filter((d) => d.id === deck).map((d) => d.id);
  }, [db, deck]);
  const deckName = useLiveQuery(async () => (deck === 'all' ? 'All decks' : (await db.decks.get(deck))?.name), [db, deck]);
  useEffect(() => {
    document.title = `Study · ${deckName ?? ''} · Recall RE`;
  }, [deckName]);
  // The scope is fixed once known, so a live change to the deck list does not restart the session.
  const [fixedScope, setFixedScope] = useState<readonly string[]>();
  useEffect(() => {
    if (scope && !fixedScope) setFixedScope(scope);
  }, [scope, fixedScope]);
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

function Session({ scope, settings, title }: { scope: readonly string[]; settings: SchedulingSettings; title: string }) {
  const session = useStudySession(scope, settings);
  const { state, queue, canUndo, undo, error } = session;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  const counts = queue ? queueCounts(queue) : undefined;
  return (
    <section className="study" aria-label={`Study ${title}`}>
      <div className="study-bar">
        <a href={href({ name: 'decks' })} className="muted back">
          ‹ {title}
        </a>
        {counts && <Counts counts={counts} current={state.status === 'card' ? currentKind(session) : undefined} />}
        <button type="button" className="btn small" onClick={() => void undo()} disabled={!canUndo} aria-keyshortcuts="Control+Z">
          Undo
        </button>
      </div>
      {error && (
        <p className="error-line" role="alert">
          {error}
        </p>
      )}
      {state.status === 'loading' && <p className="muted">Building today's queue…</p>}
      {state.status === 'card' && (
        <Review key={`${state.shown.card.id}:${state.shown.shownAt}`} shown={state.shown} session={session} />
      )}
      {state.status === 'waiting' && (
        <div className="panel done">
          <h2>Learning cards coming up</h2>
          <p>
            The next learning card is due at {formatTime(state.until + settings.learnAheadMinutes * 60_000)}. This screen will
            show it then.
          </p>
        </div>
      )}
      {state.status === 'done' && (
        <div className="panel done" role="status">
          <h2>All done for now</h2>
          <p>
            {state.nextDue === null
              ? 'No more cards are scheduled in this deck.'
              : `Next cards are due ${formatWhen(state.nextDue)}.`}
          </p>
          <p>
            <a className="btn" href={href({ name: 'decks' })}>
              Back to decks
            </a>
          </p>
        </div>
      )}
    </section>
  );
}

function currentKind(session: StudySession): 'new' | 'learning' | 'review' | undefined {
  if (session.state.status !== 'card') return undefined;
  const q = session.state.shown.card.queue;
  return q === 0 ? 'new' : q === 2 ? 'review' : 'learning';
}

function Review({ shown, session }: { shown: ShownCard; session: StudySession }) {
  const services = useServices();
  const [revealed, setRevealed] = useState(false);
  const [ticked, setTicked] = useState<boolean[]>(() => (shown.note.rubric ?? []).map(() => false));
  const [draft, setDraft] = useState('');
  const side = shown.note.cards.find((c) => c.ord === shown.card.ord) ?? shown.note.cards[0];
  const isExplain = shown.note.kind === 'explain';

  const labels = useMemo(() => {
    const at = services.now();
    const ctx = { scheduler: makeScheduler(session.settings), settings: session.settings, clock: session.clock };
    const outcomes = previewAnswers(shown.card, at, ctx);
    return Object.fromEntries(GRADES.map((g) => [g.rating, intervalLabel(outcomes[g.rating], at, session.clock)])) as Record<
      Grade,
      string
    >;
  }, [shown.card, session.settings, session.clock, services]);

  const suggested = isExplain && revealed ? suggestGrade(ticked.filter(Boolean).length, ticked.length) : undefined;
  const reveal = useCallback(() => setRevealed(true), []);
  const { answer } = session;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (!revealed && (event.key === ' ' || event.key === 'Enter')) {
        event.preventDefault();
        reveal();
        return;
      }
      if (revealed) {
        const grade = GRADES.find((g) => g.key === event.key);
        if (grade) {
          event.preventDefault();
          void answer(grade.rating);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [revealed, reveal, answer]);

  if (!side) return <p className="error-line">This note has no card {shown.card.ord}.</p>;
  return (
    <article className={`card kind-${shown.note.kind}`} aria-live="polite">
      <div className="card-body">
        <CardHtml className="card-front" html={side.front} />
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
          <>
            <hr className="divider" />
            {isExplain && draft.trim() && (
              <div className="your-draft">
                <h3>Your answer</h3>
                <p>{draft}</p>
              </div>
            )}
            {isExplain && <h3>Model answer</h3>}
            <CardHtml className="card-back" html={side.back} />
            {isExplain && shown.note.rubric && (
              <fieldset className="rubric">
                <legend>Rubric: tick what your answer covered</legend>
                {shown.note.rubric.map((point, i) => (
                  <label key={point} className="rubric-point">
                    <input
                      type="checkbox"
                      checked={ticked[i] ?? false}
                      onChange={(e) => setTicked((t) => t.map((v, k) => (k === i ? e.target.checked : v)))}
                    />
                    <CardHtml html={point} className="inline" />
                  </label>
                ))}
                <p className="muted" aria-live="polite">
                  {ticked.filter(Boolean).length} of {ticked.length} covered — suggested:{' '}
                  {GRADES.find((g) => g.rating === suggested)?.label}
                </p>
              </fieldset>
            )}
          </>
        )}
      </div>
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
                aria-label={g.label}
                aria-keyshortcuts={g.key}
                aria-describedby={`interval-${g.rating}`}
              >
                <span className="grade-interval" id={`interval-${g.rating}`}>
                  {labels[g.rating]}
                </span>
                <span className="grade-label">{g.label}</span>
              </button>
            ))}
          </fieldset>
        )}
      </div>
    </article>
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
