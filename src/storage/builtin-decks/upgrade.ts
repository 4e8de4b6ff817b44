/**
 * Brings the stored built-in decks up to this build's: in one transaction, their notes are
 * written by id (writeDecks: added, updated in place, retired; history kept), decks no longer
 * shipped are retired, and the version is recorded. Runs in the built-in decks' worker
 * (decks-worker.ts), or on the page where workers cannot start (load.ts).
 */
import type { DeckBundle } from '../../domain/deck-format/bundle';
import type { SafeDeck } from '../../domain/safe-html';
import type { AppDatabase } from '../db';
import { type WriteReport, writeDecks } from '../write-decks';
import { BUILTIN_VERSION_KEY } from './index';

/**
 * The built-in decks as SafeHtml: rendered at build time from this repository's own Markdown with
 * raw HTML off (markdown-it, KaTeX), so nothing in them came from outside. The one maker of
 * SafeHtml besides the sanitiser (see src/domain/safe-html.ts).
 */
export function builtinHtml(decks: DeckBundle['decks']): SafeDeck[] {
  return decks as SafeDeck[];
}

export async function upgradeBuiltinDecks(db: AppDatabase, bundle: DeckBundle): Promise<WriteReport | undefined> {
  const current = await db.settings.get(BUILTIN_VERSION_KEY);
  if (current?.value === bundle.version) return undefined;
  return db.transaction('rw', [db.decks, db.notes, db.cards, db.settings], async () => {
    const report = await writeDecks(db, builtinHtml(bundle.decks), 'builtin', { retireMissingDecks: true });
    await db.settings.put({ key: BUILTIN_VERSION_KEY, value: bundle.version });
    return report;
  });
}
