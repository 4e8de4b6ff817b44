/**
 * Browse: search every card, see the results in a virtualised list, act on a selection
 * (suspend, unsuspend, flag, move, delete) or on one opened card (and edit its note). Every
 * action is one storage transaction; Undo walks back a stack of before-snapshots.
 *
 * The pieces live in src/ui/browse/: the search (search-session.ts) and the selection with its
 * actions (actions-session.ts), plain stores with unit tests, put on screen by useBrowse; the view
 * components (BrowseParts.tsx). This screen puts them together.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useId, useMemo } from 'react';
import type { DayClock } from '../../domain/scheduling/time';
import { countOf } from '../../domain/vocabulary';
import type { BrowseRow } from '../../storage/browse-search';
import { loadBrowseCard } from '../../storage/browse-actions';
import { activeDecks } from '../../storage/decks';
import { CardView, ResultRow, SearchForm, SelectionToolbar } from '../browse/BrowseParts';
import { useBrowse } from '../browse/useBrowse';
import { VirtualList } from '../components/VirtualList';
import { useSettings } from '../hooks/useSettings';
import { useServices } from '../services';
import '../browse.css';
import '../screens.css';

const ROW_HEIGHT = 64;

export function BrowseScreen() {
  const settings = useSettings();
  useEffect(() => {
    document.title = 'Browse · Recall RE';
  }, []);
  if (!settings) return <p className="muted">Loading…</p>;
  return <Browse key={settings.rolloverHour} rolloverHour={settings.rolloverHour} />;
}

function Browse({ rolloverHour }: { rolloverHour: number }) {
  const { db, now, zone } = useServices();
  const clock = useMemo<DayClock>(() => ({ zone, rolloverHour }), [zone, rolloverHour]);
  const ids = useId();
  const decks = useLiveQuery(() => activeDecks(db), [db]);
  const { search, actions, results, acted, input, setInput, submit, parsed } = useBrowse(db, now, clock);
  const { selected, openId } = acted;
  const opened = useLiveQuery(async () => (openId ? ((await loadBrowseCard(db, openId)) ?? null) : null), [db, openId]);

  const { rows, cursor, total, failure, context: ctx } = results;
  const renderRow = useCallback(
    (row: BrowseRow) => (
      <ResultRow
        row={row}
        ctx={ctx}
        checked={selected.has(row.card.id)}
        onToggle={(id, on) => actions.toggle(id, on)}
        onOpen={(id) => actions.open(id)}
      />
    ),
    [ctx, selected, actions],
  );

  const countText =
    results.query === null || results.loading
      ? `Searching…${results.checked > 0 ? ` ${results.checked.toLocaleString()} cards checked` : ''}`
      : total !== undefined
        ? countOf(total, 'card')
        : `${rows.length}${cursor ? '+' : ''} cards, counting…`;

  return (
    <section className={`browse${parsed.ok ? '' : ' browse-stale'}`} aria-labelledby={`${ids}-title`}>
      <h1 id={`${ids}-title`}>Browse</h1>
      <SearchForm ids={ids} input={input} parsed={parsed} onInput={setInput} onSubmit={submit} />

      <div className="browse-status">
        <p role="status" aria-label="Result count" className="browse-count">
          {countText}
        </p>
        <p role="status" aria-label="Last action" className="muted browse-notice">
          {acted.notice}
        </p>
      </div>
      {failure && (
        <p className="error-line" role="alert">
          {failure}
        </p>
      )}

      <SelectionToolbar
        rows={rows}
        selected={selected}
        decks={decks ?? []}
        lastUndoLabel={acted.undoStack.at(-1)?.label}
        onSelectAll={(on) => actions.select(on ? rows.map((r) => r.card.id) : [])}
        onUndo={() => void actions.undo()}
        onAct={(action) => void actions.act([...selected], action)}
      />

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
          onEndReached={cursor && !failure ? () => void search.loadMore() : undefined}
          className="browse-list"
        />
      )}

      {opened && ctx && (
        <CardView
          key={opened.card.id}
          opened={opened}
          ctx={ctx}
          decks={decks ?? []}
          onClose={() => actions.open(null)}
          onAction={(action) => actions.act([opened.card.id], action)}
          onSave={(note) => actions.saveEdit(opened.card.id, note)}
        />
      )}
    </section>
  );
}
