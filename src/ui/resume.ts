/**
 * The app's side of "resume" (see src/resume/snapshot.ts): writes the card on screen for the next
 * start, takes over the card the boot script painted (and an answer given to it), and takes the
 * boot view off screen once the app has something to show.
 */
import { type QueueCounts, queueKind } from '../domain/queue/queue';
import type { ResumeHandoff, ResumeSnapshot } from '../resume/snapshot';
import type { CardRow, NoteRow, RenderedSide } from '../storage/db';

// The same keys as src/resume/snapshot.ts (a test compares them): importing them would make the
// boot script and the app share a chunk, one more request before the first card.
export const RESUME_KEY = 'recall-re:resume';
export const THEME_KEY = 'recall-re:theme';

export interface ResumeCard {
  card: CardRow;
  note: NoteRow;
  /** The card's side (front and back HTML) as stored. */
  side: RenderedSide;
  /** Interval labels of Again, Hard, Good, Easy. */
  labels: [string, string, string, string];
  counts: QueueCounts | undefined;
  /** The study route and its title. */
  hash: string;
  title: string;
  tapToReveal: boolean;
  validFrom?: number;
  validUntil: number;
}

/** Keeps this card for the boot script: what the next start paints first. */
export function keepForResume({
  card,
  note,
  side,
  labels,
  counts,
  hash,
  title,
  tapToReveal,
  validFrom,
  validUntil,
}: ResumeCard): void {
  writeResume({
    v: 1,
    hash,
    title,
    cardId: card.id,
    reps: card.reps,
    kind: note.kind,
    front: side.front,
    back: side.back,
    labels,
    counts: counts ? [counts.newCount, counts.learningCount, counts.reviewCount] : null,
    current: queueKind(card.queue),
    ...(validFrom === undefined ? {} : { validFrom }),
    validUntil,
    tapToReveal,
    styles: mathStyles(side.front + side.back),
  });
}

function writeResume(snapshot: ResumeSnapshot): void {
  try {
    localStorage.setItem(RESUME_KEY, JSON.stringify(snapshot));
  } catch {
    // No storage (private mode, quota): the next start simply loads without it.
  }
}

export function clearResume(): void {
  try {
    localStorage.removeItem(RESUME_KEY);
  } catch {
    // Nothing stored.
  }
}

/** The theme, for the boot script to apply before anything paints. */
export function rememberTheme(theme: 'system' | 'light' | 'dark'): void {
  try {
    if (theme === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // The theme then follows once the app has loaded.
  }
}

/** The card the boot script painted, while it is on screen (read live: the user may still act on it). */
export function bootCard(): Readonly<ResumeHandoff> | undefined {
  return window.__recallResume;
}

/**
 * Shows the app in place of the boot card, and returns what the user did with that card (a no-op
 * returning undefined when there was none, or it was already released).
 */
export function releaseResume(): Pick<ResumeHandoff, 'cardId' | 'reps' | 'revealed' | 'answer'> | undefined {
  const handoff = window.__recallResume;
  if (!handoff) return undefined;
  window.__recallResume = undefined;
  handoff.release();
  const { cardId, reps, revealed, answer } = handoff;
  return { cardId, reps, revealed, ...(answer ? { answer } : {}) };
}

/** Stylesheets on the page that a card with math needs (KaTeX's, added when the first such card showed). */
function mathStyles(html: string): string[] {
  if (!html.includes('class="katex')) return [];
  return [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')]
    .map((l) => new URL(l.href).pathname)
    .filter((path) => path.includes('katex'));
}
