/**
 * The app's side of "resume" (see src/resume/snapshot.ts): writes the card on screen for the next
 * start, takes over the card the boot script painted (and an answer given to it), and takes the
 * boot view off screen once the app has something to show.
 */
import type { ResumeHandoff, ResumeSnapshot } from '../resume/snapshot';

// The same keys as src/resume/snapshot.ts (a test compares them): importing them would make the
// boot script and the app share a chunk, one more request before the first card.
export const RESUME_KEY = 'recall-re:resume';
export const THEME_KEY = 'recall-re:theme';

export function writeResume(snapshot: ResumeSnapshot): void {
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
export function mathStyles(html: string): string[] {
  if (!html.includes('class="katex')) return [];
  return [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')]
    .map((l) => new URL(l.href).pathname)
    .filter((path) => path.includes('katex'));
}
