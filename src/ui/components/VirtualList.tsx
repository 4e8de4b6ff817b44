/**
 * A list that keeps only the visible rows (plus a small overscan) in the DOM. Rows have one fixed
 * height, so the position of row i is i × rowHeight and nothing is measured per row; thousands
 * of rows scroll as cheaply as twenty.
 *
 * Semantics: a `role="list"` with `listitem`s that carry aria-posinset / aria-setsize, so a
 * screen reader knows where it is although most rows are not in the DOM. Arrow keys, Page
 * Up/Down, Home and End move focus between rows (to the same control, e.g. the checkbox), and
 * scroll the row into view first.
 */
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Height of every row in CSS pixels. */
  rowHeight: number;
  /** Rows rendered above and below the visible ones. */
  overscan?: number;
  getKey: (item: T, index: number) => string;
  renderRow: (item: T, index: number) => ReactNode;
  /** Accessible name of the list. */
  label: string;
  /** The full size when known; -1 while more rows may still load. */
  setSize?: number;
  /** Called when the last rows come within the overscan of the viewport (load the next page). */
  onEndReached?: () => void;
  className?: string;
}

/** Controls inside a row that keyboard navigation moves between: mark them with data-row-part. */
const PART = 'data-row-part';

export function VirtualList<T>({
  items,
  rowHeight,
  overscan = 6,
  getKey,
  renderRow,
  label,
  setSize,
  onEndReached,
  className,
}: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);
  const pendingFocus = useRef<{ index: number; part: string } | null>(null);
  const [focusTick, setFocusTick] = useState(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      setViewport(el.clientHeight);
      setScrollTop(el.scrollTop);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const count = items.length;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + Math.max(viewport, rowHeight)) / rowHeight) + overscan);

  useEffect(() => {
    if (onEndReached && last >= count - overscan) onEndReached();
  }, [onEndReached, last, count, overscan]);

  // Focus a row that keyboard navigation asked for, once it is rendered.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run after every scroll/render that may have brought the row in
  useEffect(() => {
    const want = pendingFocus.current;
    const el = scroller.current;
    if (!want || !el) return;
    const row = el.querySelector<HTMLElement>(`[data-index="${want.index}"]`);
    if (!row) return;
    const target = row.querySelector<HTMLElement>(`[${PART}="${want.part}"]`) ?? row.querySelector<HTMLElement>(`[${PART}]`);
    pendingFocus.current = null;
    target?.focus({ preventScroll: true });
  }, [focusTick, first, last]);

  const focusRow = useCallback(
    (index: number, part: string) => {
      const el = scroller.current;
      if (!el) return;
      const top = index * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
      setScrollTop(el.scrollTop);
      pendingFocus.current = { index, part };
      setFocusTick((t) => t + 1);
    },
    [rowHeight],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row || event.altKey || event.ctrlKey || event.metaKey) return;
    const index = Number(row.dataset.index);
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: count - 1,
    };
    const next = moves[event.key];
    if (next === undefined || count === 0) return;
    event.preventDefault();
    focusRow(Math.min(count - 1, Math.max(0, next)), target.getAttribute(PART) ?? '');
  };

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i] as T;
    rows.push(
      <li
        key={getKey(item, i)}
        data-index={i}
        aria-posinset={i + 1}
        aria-setsize={setSize ?? count}
        className="vlist-row"
        style={{ top: i * rowHeight, height: rowHeight }}
      >
        {renderRow(item, i)}
      </li>,
    );
  }

  return (
    <div
      ref={scroller}
      className={`vlist${className ? ` ${className}` : ''}`}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      {/* biome-ignore lint/a11y/noRedundantRoles: list-style:none drops list semantics in Safari; the role keeps them */}
      <ul role="list" aria-label={label} className="vlist-items" style={{ height: count * rowHeight }} onKeyDown={onKeyDown}>
        {rows}
      </ul>
    </div>
  );
}
