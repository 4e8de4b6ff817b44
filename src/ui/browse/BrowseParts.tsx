/**
 * Browse's view pieces: a result row, the flag and deck pickers, and the opened card's dialog
 * (with its actions and the note editor). Pure presentation: state lives in the hooks beside them.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ParseResult } from '../../domain/search/search';
import { Queue, State } from '../../domain/scheduling/scheduler';
import { dueInDays, isBuried, type SearchContext } from '../../domain/search/search';
import { FLAG_NAMES } from '../../domain/vocabulary';
import type { BrowseRow } from '../../storage/browse-search';
import type { BrowseAction, OpenedCard } from '../../storage/browse-actions';
import type { CardRow, DeckRow, NoteRow } from '../../storage/db';
import { CardHtml } from '../components/CardHtml';
import { EditNoteDialog } from '../components/EditNoteDialog';

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

export function ResultRow({
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

export function FlagPicker({ value, onChange }: { value: number; onChange: (n: number) => void }) {
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

export function DeckPicker({ decks, value, onChange }: { decks: DeckRow[]; value: string; onChange: (id: string) => void }) {
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

export function CardView({
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

/** The search box, its error and the syntax help. */
export function SearchForm({
  ids,
  input,
  parsed,
  onInput,
  onSubmit,
}: {
  ids: string;
  input: string;
  parsed: ParseResult;
  onInput: (text: string) => void;
  onSubmit: () => void;
}) {
  const errorId = `${ids}-error`;
  return (
    <search>
      <form
        className="browse-search"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <label htmlFor={`${ids}-q`}>Search cards</label>
        <div className="browse-search-row">
          <input
            id={`${ids}-q`}
            type="search"
            value={input}
            onChange={(e) => onInput(e.target.value)}
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
  );
}

/** Select all, the count, Undo, and the actions on the selected cards. */
export function SelectionToolbar({
  rows,
  selected,
  decks,
  lastUndoLabel,
  onSelectAll,
  onUndo,
  onAct,
}: {
  rows: readonly BrowseRow[];
  selected: ReadonlySet<string>;
  decks: DeckRow[];
  lastUndoLabel: string | undefined;
  onSelectAll: (on: boolean) => void;
  onUndo: () => void;
  onAct: (action: BrowseAction) => void;
}) {
  const [flag, setFlag] = useState(1);
  const [moveTo, setMoveTo] = useState('');
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.card.id));
  const someSelected = selected.size > 0 && !allSelected;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = someSelected;
  }, [someSelected]);
  const targetDeck = moveTo || decks[0]?.id || '';
  const none = selected.size === 0;
  return (
    <fieldset className="browse-toolbar">
      <legend className="visually-hidden">Selected cards</legend>
      <div className="browse-toolbar-row">
        <label className="check-row browse-select-all">
          <input
            ref={selectAll}
            type="checkbox"
            checked={allSelected}
            disabled={rows.length === 0}
            onChange={(e) => onSelectAll(e.target.checked)}
          />
          Select all loaded
        </label>
        <span className="muted browse-selected" aria-live="polite">
          {selected.size} selected
        </span>
        <button
          type="button"
          className="btn"
          onClick={onUndo}
          disabled={lastUndoLabel === undefined}
          aria-keyshortcuts="Control+Z"
          title={lastUndoLabel !== undefined ? `Undo ${lastUndoLabel}` : 'Nothing to undo'}
        >
          Undo
        </button>
      </div>
      <div className="browse-toolbar-row">
        <button type="button" className="btn" disabled={none} onClick={() => onAct({ kind: 'suspend' })}>
          Suspend
        </button>
        <button type="button" className="btn" disabled={none} onClick={() => onAct({ kind: 'unsuspend' })}>
          Unsuspend
        </button>
        <button type="button" className="btn danger" disabled={none} onClick={() => onAct({ kind: 'delete' })}>
          Delete
        </button>
      </div>
      <div className="browse-toolbar-row browse-pickers">
        <FlagPicker value={flag} onChange={setFlag} />
        <button type="button" className="btn" disabled={none} onClick={() => onAct({ kind: 'flag', flag })}>
          Flag
        </button>
        <DeckPicker decks={decks} value={targetDeck} onChange={setMoveTo} />
        <button
          type="button"
          className="btn"
          disabled={none || !targetDeck}
          onClick={() => onAct({ kind: 'move', deckId: targetDeck })}
        >
          Move
        </button>
      </div>
    </fieldset>
  );
}
