/**
 * Browse: search every card, see the results in a virtualised list, act on a selection
 * (suspend, unsuspend, flag, move, delete) or on one opened card (and edit its note). Every
 * action is one storage transaction; Undo walks back a stack of before-snapshots.
 *
 * Results come a page at a time (storage never loads the collection); the next page loads when
 * the list's end scrolls into view, and the total is counted in the background.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Queue, State } from '../../domain/scheduling/scheduler';
import type { DayClock } from '../../domain/scheduling/time';
import { dueInDays, isBuried, parseQuery, type Query, type SearchContext, searchContext } from '../../domain/search/search';
import {
  applyBrowseAction,
  type BrowseAction,
  type BrowseCursor,
  type BrowseRow,
  type BrowseUndo,
  countMatches,
  editUndo,
  loadBrowseCard,
  type OpenedCard,
  PAGE_SIZE,
  searchCards,
  undoBrowseAction,
} from '../../storage/browse';
import { applyCardAction } from '../../storage/card-actions';
import type { CardRow, DeckRow, NoteRow } from '../../storage/db';
import { describeStorageError } from '../../storage/errors';
import { CardHtml } from '../components/CardHtml';
import { EditNoteDialog } from '../components/EditNoteDialog';
import { VirtualList } from '../components/VirtualList';
import { useSettings } from '../hooks/useSettings';
import { useServices } from '../services';
import '../browse.css';
import { BULK_DELETE, snapshotBefore } from '../auto-backup';
import '../screens.css';

const ROW_HEIGHT = 64;
const SEARCH_DELAY_MS = 250;
/** After an action the loaded rows are read again, up to this many. */
const MAX_RELOAD = 5000;
/** Cards examined per storage call while searching. */
const SCAN_STEP = 5000;

const FLAG_NAMES = ['No flag', 'Red', 'Orange', 'Green', 'Blue', 'Pink', 'Turquoise', 'Purple'] as const;

const SYNTAX: [string, string][] = [
  ['word  "a phrase"', 'text in the note or on the card (any case); * is a wildcard'],
  ['-term', 'leave out what the term matches'],
  ['is:due  is:new  is:learn  is:review', 'by queue; due = due before the next study day'],
  ['is:suspended  is:buried  is:leech', 'suspended, buried for today, tagged leech'],
  ['flag:1 … flag:7  flag:0', 'a flag colour, or no flag'],
  ['deck:statistics  deck:stat*', 'deck id or name'],
  ['tag:seed:mistake/*', 'a tag (and the tags under it)'],
  ['prop:lapses>3  prop:reps>=5', 'lapses, reviews'],
  ['prop:ivl>30  prop:due<0', 'interval in days; days until due (negative = overdue)'],
];

type Results = {
  /** The query these rows answer (null before the first search). */
  query: Query | null;
  rows: BrowseRow[];
  cursor: BrowseCursor | null;
  /** All matches, once counted. */
  total: number | undefined;
  loading: boolean;
  /** Cards examined so far by the running search. */
  checked: number;
};

const EMPTY: Results = { query: null, rows: [], cursor: null, total: undefined, loading: false, checked: 0 };

function errorText(error: unknown): string {
  const problem = describeStorageError(error);
  return `${problem.title}. ${problem.detail}`;
}

export function BrowseScreen() {
  const settings = useSettings();
  useEffect(() => {
    document.title = 'Browse · Recall RE';
  }, []);
  if (!settings) return <p className="muted">Loading…</p>;
  return <Browse rolloverHour={settings.rolloverHour} />;
}

function Browse({ rolloverHour }: { rolloverHour: number }) {
  const { db, now, zone } = useServices();
  const clock = useMemo<DayClock>(() => ({ zone, rolloverHour }), [zone, rolloverHour]);
  const ids = useId();
  const decks = useLiveQuery(async () => (await db.decks.orderBy('order').toArray()).filter((d) => !d.retired), [db]);

  const [input, setInput] = useState('');
  const [submitted, setSubmitted] = useState('');
  const parsed = useMemo(() => parseQuery(submitted), [submitted]);
  const [results, setResults] = useState<Results>(EMPTY);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [undoStack, setUndoStack] = useState<BrowseUndo[]>([]);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [flag, setFlag] = useState(1);
  const [moveTo, setMoveTo] = useState('');

  const run = useRef(0);
  const busy = useRef(0);
  const context = useRef<SearchContext | null>(null);
  const counting = useRef<AbortController | null>(null);

  // Search as the person types (after a short pause); Enter searches at once.
  useEffect(() => {
    const id = window.setTimeout(() => setSubmitted(input), SEARCH_DELAY_MS);
    return () => window.clearTimeout(id);
  }, [input]);

  const search = useCallback(
    async (query: Query, keep: number) => {
      const id = ++run.current;
      busy.current = id;
      counting.current?.abort();
      const ctx = searchContext(now(), clock);
      context.current = ctx;
      const want = Math.min(MAX_RELOAD, Math.max(PAGE_SIZE, keep));
      setResults((r) => ({ ...r, loading: true, checked: 0 }));
      try {
        // A few thousand cards per step: a sparse query shows its progress and its first rows
        // as they are found, and a newer search stops this one between steps.
        let rows: BrowseRow[] = [];
        let cursor: BrowseCursor | null = null;
        let checked = 0;
        do {
          const page = await searchCards(db, query, ctx, { cursor, limit: want - rows.length, scanLimit: SCAN_STEP });
          if (id !== run.current) return;
          rows = rows.concat(page.rows);
          cursor = page.cursor;
          checked += page.scanned;
          // A fresh search shows what it has so far; a refresh keeps the old rows until done.
          if (cursor && rows.length < want && keep === 0)
            setResults({ query, rows, cursor, total: undefined, loading: true, checked });
        } while (cursor && rows.length < want);
        setResults({ query, rows, cursor, total: cursor ? undefined : rows.length, loading: false, checked });
        const present = new Set(rows.map((r) => r.card.id));
        setSelected((s) => new Set([...s].filter((cardId) => present.has(cardId))));
        setFailure(null);
        if (cursor) {
          const abort = new AbortController();
          counting.current = abort;
          countMatches(db, query, ctx, abort.signal).then(
            (n) => n !== null && id === run.current && setResults((r) => ({ ...r, total: n })),
            () => undefined,
          );
        }
      } catch (error) {
        if (id === run.current) {
          setFailure(errorText(error));
          setResults((r) => ({ ...r, loading: false }));
        }
      } finally {
        if (busy.current === id) busy.current = 0;
      }
    },
    [db, now, clock],
  );

  useEffect(() => {
    if (parsed.ok) void search(parsed.query, 0);
  }, [parsed, search]);

  useEffect(() => () => counting.current?.abort(), []);

  const loadMore = useCallback(async () => {
    const { cursor, query } = results;
    const ctx = context.current;
    if (!cursor || !query || !ctx || busy.current !== 0) return;
    const id = run.current;
    busy.current = id;
    try {
      const page = await searchCards(db, query, ctx, { cursor, scanLimit: SCAN_STEP });
      if (id !== run.current) return;
      setResults((r) => ({ ...r, rows: [...r.rows, ...page.rows], cursor: page.cursor }));
    } catch (error) {
      if (id === run.current) setFailure(errorText(error));
    } finally {
      if (busy.current === id) busy.current = 0;
    }
  }, [results, db]);

  const refresh = useCallback(() => {
    if (results.query) return search(results.query, results.rows.length);
  }, [results.query, results.rows.length, search]);

  const opened = useLiveQuery(async () => (openId ? ((await loadBrowseCard(db, openId)) ?? null) : null), [db, openId]);

  const act = useCallback(
    async (cardIds: readonly string[], action: BrowseAction) => {
      if (cardIds.length === 0) return;
      try {
        if (action.kind === 'delete' && cardIds.length >= BULK_DELETE) await snapshotBefore(db, 'bulk delete');
        const undo = await applyBrowseAction(db, cardIds, action);
        if (undo.changed === 0) {
          setNotice('Nothing to change.');
          return;
        }
        setUndoStack((s) => [...s, undo]);
        setNotice(`${undo.label}. Undo is available.`);
        if (action.kind === 'delete') {
          setSelected(new Set());
          if (openId && cardIds.includes(openId)) setOpenId(null);
        }
        await refresh();
      } catch (error) {
        setFailure(errorText(error));
      }
    },
    [db, refresh, openId],
  );

  const saveEdit = useCallback(
    async (cardId: string, note: NoteRow) => {
      try {
        const undo = await applyCardAction(db, cardId, { kind: 'edit', note }, now(), clock);
        setUndoStack((s) => [...s, editUndo(undo)]);
        setNotice('Note saved. Undo is available.');
        await refresh();
      } catch (error) {
        setFailure(errorText(error));
      }
    },
    [db, now, clock, refresh],
  );

  const undo = useCallback(async () => {
    const last = undoStack[undoStack.length - 1];
    if (!last) return;
    try {
      await undoBrowseAction(db, last);
      setUndoStack((s) => s.slice(0, -1));
      setNotice(`Undone: ${last.label}.`);
      await refresh();
    } catch (error) {
      setFailure(errorText(error));
    }
  }, [db, undoStack, refresh]);

  // Ctrl/Cmd+Z undoes, unless the focus is in a text field (where it undoes typing).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input[type="search"], input[type="text"], textarea, dialog')) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        void undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo]);

  const { rows, cursor, total } = results;
  const selectedIds = [...selected];
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.card.id));
  const someSelected = selected.size > 0 && !allSelected;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = someSelected;
  }, [someSelected]);
  const targetDeck = moveTo || decks?.[0]?.id || '';

  const toggle = useCallback((cardId: string, on: boolean) => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(cardId);
      else next.delete(cardId);
      return next;
    });
  }, []);

  const ctx = context.current;
  const renderRow = useCallback(
    (row: BrowseRow) => (
      <ResultRow row={row} ctx={ctx} checked={selected.has(row.card.id)} onToggle={toggle} onOpen={setOpenId} />
    ),
    [ctx, selected, toggle],
  );

  const countText =
    results.query === null || results.loading
      ? `Searching…${results.checked > 0 ? ` ${results.checked.toLocaleString()} cards checked` : ''}`
      : total !== undefined
        ? `${total} ${total === 1 ? 'card' : 'cards'}`
        : `${rows.length}${cursor ? '+' : ''} cards, counting…`;
  const errorId = `${ids}-error`;

  return (
    <section className={`browse${parsed.ok ? '' : ' browse-stale'}`} aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`}>Browse</h1>
      <search>
        <form
          className="browse-search"
          onSubmit={(e) => {
            e.preventDefault();
            if (input === submitted && parsed.ok) void search(parsed.query, 0);
            setSubmitted(input);
          }}
        >
          <label htmlFor={`${ids}-q`}>Search cards</label>
          <div className="browse-search-row">
            <input
              id={`${ids}-q`}
              type="search"
              value={input}
              onChange={(e) => setInput(e.target.value)}
              placeholder="is:due deck:stat* tag:seed:*"
              autoComplete="off"
              autoCapitalize="off"
              spellCheck={false}
              enterKeyHint="search"
              aria-invalid={!parsed.ok}
              aria-describedby={parsed.ok ? undefined : errorId}
            />
            <button type="submit" className="btn">
              Search
            </button>
          </div>
          {!parsed.ok && (
            <p id={errorId} className="error-line browse-query-error" role="alert">
              {parsed.message}
            </p>
          )}
          <details className="browse-syntax">
            <summary>Search syntax</summary>
            <dl>
              {SYNTAX.map(([k, v]) => (
                <div key={k}>
                  <dt>
                    <code>{k}</code>
                  </dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
            <p className="muted">Terms separated by spaces must all match.</p>
          </details>
        </form>
      </search>

      <div className="browse-status">
        <p role="status" aria-label="Result count" className="browse-count">
          {countText}
        </p>
        <p role="status" aria-label="Last action" className="muted browse-notice">
          {notice}
        </p>
      </div>
      {failure && (
        <p className="error-line" role="alert">
          {failure}
        </p>
      )}

      <fieldset className="browse-toolbar">
        <legend className="visually-hidden">Selected cards</legend>
        <div className="browse-toolbar-row">
          <label className="check-row browse-select-all">
            <input
              ref={selectAll}
              type="checkbox"
              checked={allSelected}
              disabled={rows.length === 0}
              onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.card.id)) : new Set())}
            />
            Select all loaded
          </label>
          <span className="muted browse-selected" aria-live="polite">
            {selected.size} selected
          </span>
          <button
            type="button"
            className="btn"
            onClick={() => void undo()}
            disabled={undoStack.length === 0}
            aria-keyshortcuts="Control+Z"
            title={undoStack.length ? `Undo ${undoStack[undoStack.length - 1]?.label}` : 'Nothing to undo'}
          >
            Undo
          </button>
        </div>
        <div className="browse-toolbar-row">
          <button
            type="button"
            className="btn"
            disabled={selected.size === 0}
            onClick={() => void act(selectedIds, { kind: 'suspend' })}
          >
            Suspend
          </button>
          <button
            type="button"
            className="btn"
            disabled={selected.size === 0}
            onClick={() => void act(selectedIds, { kind: 'unsuspend' })}
          >
            Unsuspend
          </button>
          <button
            type="button"
            className="btn danger"
            disabled={selected.size === 0}
            onClick={() => void act(selectedIds, { kind: 'delete' })}
          >
            Delete
          </button>
        </div>
        <div className="browse-toolbar-row browse-pickers">
          <FlagPicker value={flag} onChange={setFlag} />
          <button
            type="button"
            className="btn"
            disabled={selected.size === 0}
            onClick={() => void act(selectedIds, { kind: 'flag', flag })}
          >
            Flag
          </button>
          <DeckPicker decks={decks ?? []} value={targetDeck} onChange={setMoveTo} />
          <button
            type="button"
            className="btn"
            disabled={selected.size === 0 || !targetDeck}
            onClick={() => void act(selectedIds, { kind: 'move', deckId: targetDeck })}
          >
            Move
          </button>
        </div>
      </fieldset>

      {rows.length === 0 && !results.loading && results.query !== null && !cursor ? (
        <p className="browse-empty muted">No cards match.</p>
      ) : (
        <VirtualList
          key={results.query?.source ?? ''}
          items={rows}
          rowHeight={ROW_HEIGHT}
          getKey={(row) => row.card.id}
          renderRow={renderRow}
          label="Cards"
          setSize={total ?? (cursor ? -1 : rows.length)}
          onEndReached={cursor && !failure ? () => void loadMore() : undefined}
          className="browse-list"
        />
      )}

      {opened && ctx && (
        <CardView
          key={opened.card.id}
          opened={opened}
          ctx={ctx}
          decks={decks ?? []}
          onClose={() => setOpenId(null)}
          onAction={(action) => act([opened.card.id], action)}
          onSave={(note) => saveEdit(opened.card.id, note)}
        />
      )}
    </section>
  );
}

function flagOf(card: CardRow): { n: number; name: string } | null {
  const n = card.flag ?? 0;
  return n > 0 ? { n, name: FLAG_NAMES[n] ?? `Flag ${n}` } : null;
}

/** "New", "Learning · due 14:05", "Review · due in 3d", "Suspended", with "buried" when buried. */
function stateText(card: CardRow, ctx: SearchContext | null): string {
  let text: string;
  if (card.queue === Queue.New) text = 'New';
  else if (card.queue === Queue.Suspended) text = card.state === State.New ? 'Suspended · new' : 'Suspended';
  else if (card.queue === Queue.Learning) {
    const at = new Date(card.due).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    text = ctx && card.due <= ctx.now ? 'Learning · due now' : `Learning · due ${at}`;
  } else {
    const kind = card.queue === Queue.DayLearning ? 'Relearning' : 'Review';
    const days = ctx ? dueInDays(card, ctx) : null;
    const when = days === null ? '' : days === 0 ? ' · due today' : days < 0 ? ` · overdue ${-days}d` : ` · due in ${days}d`;
    text = `${kind}${when}`;
  }
  if (ctx && isBuried(card, ctx.now)) text += ' · buried';
  return text;
}

function ResultRow({
  row,
  ctx,
  checked,
  onToggle,
  onOpen,
}: {
  row: BrowseRow;
  ctx: SearchContext | null;
  checked: boolean;
  onToggle: (cardId: string, on: boolean) => void;
  onOpen: (cardId: string) => void;
}) {
  const flag = flagOf(row.card);
  const front = row.front || '(empty card)';
  return (
    <div className={`browse-row${checked ? ' selected' : ''}`} data-card-id={row.card.id}>
      <label className="browse-check">
        <input
          type="checkbox"
          data-row-part="check"
          checked={checked}
          onChange={(e) => onToggle(row.card.id, e.target.checked)}
          aria-label={`Select: ${front}`}
        />
      </label>
      <button type="button" className="browse-open" data-row-part="open" onClick={() => onOpen(row.card.id)}>
        <span className="browse-front">{front}</span>
        <span className="browse-meta">
          {flag && <span className={`flag flag-${flag.n}`}>{flag.name}</span>}
          <span>{row.deckName}</span>
          <span aria-hidden="true"> · </span>
          <span>{stateText(row.card, ctx)}</span>
        </span>
      </button>
    </div>
  );
}

function FlagPicker({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  return (
    <select aria-label="Flag colour" className="browse-select" value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {FLAG_NAMES.map((name, n) =>
        n === 0 ? null : (
          <option key={name} value={n}>
            {name}
          </option>
        ),
      )}
      <option value={0}>{FLAG_NAMES[0]}</option>
    </select>
  );
}

function DeckPicker({ decks, value, onChange }: { decks: DeckRow[]; value: string; onChange: (id: string) => void }) {
  return (
    <select aria-label="Move to deck" className="browse-select" value={value} onChange={(e) => onChange(e.target.value)}>
      {decks.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </select>
  );
}

function CardView({
  opened,
  ctx,
  decks,
  onClose,
  onAction,
  onSave,
}: {
  opened: OpenedCard;
  ctx: SearchContext;
  decks: DeckRow[];
  onClose: () => void;
  onAction: (action: BrowseAction) => Promise<void>;
  onSave: (note: NoteRow) => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const [flag, setFlag] = useState(opened.card.flag || 1);
  const [moveTo, setMoveTo] = useState(opened.card.deckId);
  const { card, note, deck } = opened;
  const side = note.cards.find((c) => c.ord === card.ord) ?? note.cards[0];
  const suspended = card.queue === Queue.Suspended;
  const flagNow = flagOf(card);

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  return (
    <>
      <dialog
        ref={dialog}
        className="browse-card-dialog"
        aria-labelledby={titleId}
        data-card-id={card.id}
        onClose={(e) => e.target === e.currentTarget && onClose()}
      >
        <div className="browse-card-head">
          <h2 id={titleId}>Card</h2>
          <button type="button" className="btn" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
        <p className="muted browse-card-meta">
          {deck?.name ?? card.deckId} · {stateText(card, ctx)}
          {flagNow && (
            <>
              {' '}
              <span className={`flag flag-${flagNow.n}`}>{flagNow.name} flag</span>
            </>
          )}
        </p>
        {side ? (
          <div className="browse-card-body">
            <section aria-label="Front">
              <CardHtml className="card-front" html={side.front} />
            </section>
            <hr className="divider" />
            <section aria-label="Back">
              <CardHtml className="card-back" html={side.back} />
            </section>
          </div>
        ) : (
          <p className="error-line">This note has no card {card.ord}.</p>
        )}
        {note.tags.length > 0 && (
          <p className="browse-tags">
            <span className="muted">Tags: </span>
            {note.tags.join(' ')}
          </p>
        )}
        <div className="browse-card-actions">
          <button type="button" className="btn primary" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" className="btn" onClick={() => void onAction({ kind: suspended ? 'unsuspend' : 'suspend' })}>
            {suspended ? 'Unsuspend' : 'Suspend'}
          </button>
          <button type="button" className="btn danger" onClick={() => void onAction({ kind: 'delete' })}>
            Delete
          </button>
        </div>
        <div className="browse-card-actions">
          <FlagPicker value={flag} onChange={setFlag} />
          <button type="button" className="btn" onClick={() => void onAction({ kind: 'flag', flag })}>
            Flag
          </button>
        </div>
        <div className="browse-card-actions">
          <DeckPicker decks={decks} value={moveTo} onChange={setMoveTo} />
          <button
            type="button"
            className="btn"
            disabled={moveTo === card.deckId}
            onClick={() => void onAction({ kind: 'move', deckId: moveTo })}
          >
            Move
          </button>
        </div>
      </dialog>
      {/* A sibling, not a child: a nested dialog's close event would reach this one's onClose. */}
      {editing && (
        <EditNoteDialog
          note={note}
          onClose={() => setEditing(false)}
          onSave={(edited) => {
            setEditing(false);
            void onSave(edited);
          }}
        />
      )}
    </>
  );
}
