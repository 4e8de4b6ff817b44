/**
 * "Resume": the card on screen is kept in localStorage (its stored, already sanitised HTML and
 * the labels it showed), so the next start from the home screen can paint it and let the user
 * reveal and grade it before the app's main code has loaded (src/resume/boot.ts). The app then
 * takes the card and whatever the user did with it over (src/ui/resume.ts). No imports: the boot
 * script must stay a few kilobytes.
 */

export const RESUME_KEY = 'recall-re:resume';
export const THEME_KEY = 'recall-re:theme';

export interface ResumeSnapshot {
  v: 1;
  /** The study route the card was shown on (#/study/all, #/study/<deck>). */
  hash: string;
  title: string;
  cardId: string;
  /** The card's reps when shown: the app only takes an early answer over if they still match. */
  reps: number;
  kind: string;
  front: string;
  back: string;
  /** Interval labels of Again, Hard, Good, Easy. */
  labels: [string, string, string, string];
  /** New, learning, due as the study bar showed them, and which one this card is. */
  counts: [number, number, number] | null;
  current: 'new' | 'learning' | 'review';
  /** Start of the next study day: after it the queue is another one and the snapshot is ignored. */
  validUntil: number;
  /** For the first card of the next study day (kept when a session ends): not shown before then. */
  validFrom?: number;
  tapToReveal: boolean;
  /** Stylesheets the card needs beyond the app's own (KaTeX when it has math). */
  styles: string[];
}

/** What the boot script hands over: the card it painted and what the user did with it. */
export interface ResumeHandoff {
  cardId: string;
  reps: number;
  /** When the card appeared (ms since epoch), for the answer's time taken. */
  shownAt: number;
  revealed: boolean;
  answer?: { rating: 1 | 2 | 3 | 4; at: number };
  /** Takes the boot card off screen and shows the app in its place. */
  release(): void;
}

/** Kinds whose review needs no input before the reveal (explain and type-in wait for the app). */
const RESUMABLE = new Set(['basic', 'reverse', 'cloze']);

/** The snapshot if it is whole, for this route, and still today's; otherwise undefined. */
export function usableSnapshot(raw: string | null, hash: string, now: number): ResumeSnapshot | undefined {
  if (!raw) return undefined;
  let s: Partial<ResumeSnapshot>;
  try {
    s = JSON.parse(raw) as Partial<ResumeSnapshot>;
  } catch {
    return undefined;
  }
  if (s?.v !== 1 || s.hash !== hash || typeof s.validUntil !== 'number' || now >= s.validUntil) return undefined;
  if (s.validFrom !== undefined && (typeof s.validFrom !== 'number' || now < s.validFrom)) return undefined;
  if (typeof s.cardId !== 'string' || typeof s.reps !== 'number' || !RESUMABLE.has(String(s.kind))) return undefined;
  if (typeof s.front !== 'string' || typeof s.back !== 'string' || !Array.isArray(s.labels) || s.labels.length !== 4)
    return undefined;
  if (s.counts !== null && !(Array.isArray(s.counts) && s.counts.length === 3 && s.counts.every(Number.isFinite)))
    return undefined;
  if (!['new', 'learning', 'review'].includes(String(s.current)) || !s.labels.every((l) => typeof l === 'string'))
    return undefined;
  // Math without KaTeX's stylesheet would show twice (MathML and HTML): wait for the app then.
  if (!Array.isArray(s.styles) || !s.styles.every((h) => typeof h === 'string')) return undefined;
  if (`${s.front}${s.back}`.includes('class="katex') && s.styles.length === 0) return undefined;
  return s as ResumeSnapshot;
}
