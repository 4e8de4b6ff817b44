/**
 * Where a mock interview goes next. A run is a list of questions and a position: `ready` before
 * question `current` (the clock has not started), `answering` it, `review` of it, or the
 * `summary` at the end. The review comes after each answer or after the last one, as chosen.
 */
export type InterviewStep = 'ready' | 'answering' | 'review' | 'summary';
export type ReviewAt = 'each' | 'end';

export interface RunPosition {
  current: number;
  step: InterviewStep;
}

/** The position after finishing the step at `at` (an answer given, a review graded or skipped). */
export function nextPosition(at: RunPosition, total: number, reviewAt: ReviewAt): RunPosition {
  const { current, step } = at;
  const last = current + 1 >= total;
  switch (step) {
    case 'ready':
      return { current, step: 'answering' };
    case 'answering':
      if (reviewAt === 'each') return { current, step: 'review' };
      return last ? { current: 0, step: 'review' } : { current: current + 1, step: 'ready' };
    case 'review':
      if (last) return { current: total, step: 'summary' };
      return reviewAt === 'each' ? { current: current + 1, step: 'ready' } : { current: current + 1, step: 'review' };
    case 'summary':
      return at;
  }
}

/**
 * Whether the grade of question `graded` is the last thing done in the run, so Undo may take it
 * back: the run stands exactly where that grade moved it.
 */
export function canUndoGrade(at: RunPosition, graded: number, total: number, reviewAt: ReviewAt): boolean {
  const after = nextPosition({ current: graded, step: 'review' }, total, reviewAt);
  return after.current === at.current && after.step === at.step;
}

/** Time left on the clock (negative once over), and the moments worth announcing. */
export function clockMoments(limitMs: number): { at: number; say: 'half' | 'minute' | 'end' }[] {
  const moments: { at: number; say: 'half' | 'minute' | 'end' }[] = [];
  const half = limitMs / 2;
  const minuteLeft = limitMs - 60_000;
  // Half time when it is not within 10 seconds of the one-minute mark (a 2-minute limit says it once).
  if (minuteLeft > 0 && Math.abs(minuteLeft - half) >= 10_000) moments.push({ at: half, say: 'half' });
  if (minuteLeft > 0) moments.push({ at: minuteLeft, say: 'minute' });
  else if (half > 0) moments.push({ at: half, say: 'half' });
  moments.push({ at: limitMs, say: 'end' });
  return moments.sort((a, b) => a.at - b.at);
}
