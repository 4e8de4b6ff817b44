/**
 * Browse's two stores on screen: the search (search-session.ts) and the selection with its
 * actions (actions-session.ts), made once per screen and read through useSyncExternalStore; the
 * query as typed, searched after a short pause (or at once on Enter); Ctrl/Cmd+Z for Undo.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { DayClock } from '../../domain/scheduling/time';
import { parseQuery } from '../../domain/search/search';
import type { AppDatabase } from '../../storage/db';
import { isTyping } from '../keys';
import { BrowseActions } from './actions-session';
import { BrowseSearch } from './search-session';

const SEARCH_DELAY_MS = 250;

export function useBrowse(db: AppDatabase, now: () => number, clock: DayClock) {
  const [stores] = useState(() => {
    let actions: BrowseActions | undefined;
    const search = new BrowseSearch({ db, now, clock, onRows: (present) => actions?.keepOnly(present) });
    actions = new BrowseActions({ db, now, clock, refresh: () => search.refresh(), fail: (m) => search.fail(m) });
    return { search, actions };
  });
  const { search, actions } = stores;
  useEffect(() => () => search.dispose(), [search]);
  const results = useSyncExternalStore(search.subscribe, search.getSnapshot);
  const acted = useSyncExternalStore(actions.subscribe, actions.getSnapshot);

  const [input, setInput] = useState('');
  const [submitted, setSubmitted] = useState('');
  const parsed = useMemo(() => parseQuery(submitted), [submitted]);
  useEffect(() => {
    const id = window.setTimeout(() => setSubmitted(input), SEARCH_DELAY_MS);
    return () => window.clearTimeout(id);
  }, [input]);
  useEffect(() => {
    if (parsed.ok) void search.search(parsed.query, 0);
  }, [parsed, search]);
  /** Enter: search now, even when the text has not changed. */
  const submit = () => {
    if (input === submitted && parsed.ok) void search.search(parsed.query, 0);
    setSubmitted(input);
  };

  // Ctrl/Cmd+Z undoes, unless the person is typing (where it undoes typing) or in a dialog.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || (event.target instanceof Element && event.target.closest('dialog'))) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'z') {
        event.preventDefault();
        void actions.undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);

  return { search, actions, results, acted, input, setInput, submit, parsed };
}
