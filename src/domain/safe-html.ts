/**
 * Card HTML that has passed the sanitiser: the only kind storage accepts. A plain string does not
 * type-check where SafeHtml is wanted, so a new way into storage that skips DOMPurify does not
 * compile. Two places make it (tests/unit/safe-html.test.ts checks that no other does):
 * - `sanitize()` in src/ui/sanitize.ts, for everything from outside (imports, the note editor,
 *   restored backups);
 * - `builtinHtml()` in src/storage/builtin-decks/upgrade.ts, for the built-in decks, rendered at
 *   build time from our own Markdown with raw HTML off.
 */
import type { BundleDeck, BundleNote } from './deck-format/bundle';
import type { RenderedCard } from './deck-format/render';

declare const sanitised: unique symbol;
export type SafeHtml = string & { readonly [sanitised]: true };

/** A card side whose HTML is safe to store and show. */
export type SafeCard = Omit<RenderedCard, 'front' | 'back'> & { front: SafeHtml; back: SafeHtml };

/** A note whose every shown piece of HTML (card sides, rubric points) is SafeHtml. */
export type SafeNote = Omit<BundleNote, 'cards' | 'rubric'> & { cards: SafeCard[]; rubric?: SafeHtml[] };

export type SafeDeck = Omit<BundleDeck, 'notes'> & { notes: SafeNote[] };
