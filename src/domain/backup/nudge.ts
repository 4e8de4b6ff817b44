/**
 * The gentle backup reminder's rule (pure; `now` is a parameter): when the collection has had no
 * downloaded backup for 14 days (counted from the first answer when there never was one), say so
 * once; saying it again waits for the next 14 days without a backup.
 */
export const NUDGE_AFTER = 14 * 24 * 60 * 60 * 1000;

export interface NudgeInput {
  now: number;
  /** When a backup file was last downloaded (absent: never). */
  lastBackupAt: number | undefined;
  /** When the first answer was given (absent: nothing to lose yet). */
  firstAnswerAt: number | undefined;
  /** When the reminder was last shown (absent: never). */
  nudgedAt: number | undefined;
}

export function shouldNudgeBackup({ now, lastBackupAt, firstAnswerAt, nudgedAt }: NudgeInput): boolean {
  if (firstAnswerAt === undefined) return false;
  const since = Math.max(lastBackupAt ?? firstAnswerAt, firstAnswerAt);
  if (now - since < NUDGE_AFTER) return false;
  // Once per quiet spell: not again until another 14 days have passed since it was shown.
  return nudgedAt === undefined || (nudgedAt < since ? true : now - nudgedAt >= NUDGE_AFTER);
}
