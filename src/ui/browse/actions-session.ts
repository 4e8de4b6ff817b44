/**
 * Browse's selection and actions, outside React: which cards are ticked, actions on them or on
 * one opened card (each one storage transaction), note edits, and Undo, which walks back a stack
 * of before-snapshots. useBrowseActions puts it on screen.
 */
import type { DayClock } from '../../domain/scheduling/time';
import { applyBrowseAction, type BrowseAction, type BrowseUndo, editUndo, undoBrowseAction } from '../../storage/browse-actions';
import { applyCardAction } from '../../storage/card-actions';
import type { AppDatabase, NoteRow } from '../../storage/db';
import { BULK_DELETE, snapshotBefore } from '../auto-backup';
import { Store } from '../store';
import { errorText } from './search-session';

export interface ActionsSnapshot {
  selected: ReadonlySet<string>;
  undoStack: readonly BrowseUndo[];
  /** What the last action did, in words. */
  notice: string;
  /** The card shown in the card dialog. */
  openId: string | null;
}

export interface ActionsDeps {
  db: AppDatabase;
  now: () => number;
  clock: DayClock;
  /** Reads the loaded results again after a change. */
  refresh: () => Promise<void>;
  /** Shows a failure (or clears it with null). */
  fail: (message: string | null) => void;
}

export class BrowseActions extends Store<ActionsSnapshot> {
  constructor(private readonly deps: ActionsDeps) {
    super({ selected: new Set(), undoStack: [], notice: '', openId: null });
  }

  toggle(cardId: string, on: boolean): void {
    this.update((s) => {
      const selected = new Set(s.selected);
      if (on) selected.add(cardId);
      else selected.delete(cardId);
      return { selected };
    });
  }

  select(cardIds: Iterable<string>): void {
    this.update({ selected: new Set(cardIds) });
  }

  /** Drops from the selection the cards a new search no longer shows. */
  keepOnly(present: ReadonlySet<string>): void {
    this.update((s) => ({ selected: new Set([...s.selected].filter((id) => present.has(id))) }));
  }

  open(cardId: string | null): void {
    this.update({ openId: cardId });
  }

  async act(cardIds: readonly string[], action: BrowseAction): Promise<void> {
    if (cardIds.length === 0) return;
    try {
      if (action.kind === 'delete' && cardIds.length >= BULK_DELETE) await snapshotBefore(this.deps.db, 'bulk delete');
      const undo = await applyBrowseAction(this.deps.db, cardIds, action);
      if (undo.changed === 0) {
        this.update({ notice: 'Nothing to change.' });
        return;
      }
      this.update((s) => ({ undoStack: [...s.undoStack, undo], notice: `${undo.label}. Undo is available.` }));
      if (action.kind === 'delete') {
        const { openId } = this.getSnapshot();
        this.update({ selected: new Set(), ...(openId && cardIds.includes(openId) ? { openId: null } : {}) });
      }
      await this.deps.refresh();
    } catch (error) {
      this.deps.fail(errorText(error));
    }
  }

  async saveEdit(cardId: string, note: NoteRow): Promise<void> {
    const { db, now, clock } = this.deps;
    try {
      const undo = await applyCardAction(db, cardId, { kind: 'edit', note }, now(), clock);
      this.update((s) => ({ undoStack: [...s.undoStack, editUndo(undo)], notice: 'Note saved. Undo is available.' }));
      await this.deps.refresh();
    } catch (error) {
      this.deps.fail(errorText(error));
    }
  }

  async undo(): Promise<void> {
    const last = this.getSnapshot().undoStack.at(-1);
    if (!last) return;
    try {
      await undoBrowseAction(this.deps.db, last);
      this.update((s) => ({ undoStack: s.undoStack.slice(0, -1), notice: `Undone: ${last.label}.` }));
      await this.deps.refresh();
    } catch (error) {
      this.deps.fail(errorText(error));
    }
  }
}
