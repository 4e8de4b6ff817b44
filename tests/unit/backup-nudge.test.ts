import { describe, expect, it } from 'vitest';
import { NUDGE_AFTER, shouldNudgeBackup } from '../../src/domain/backup/nudge';

const T0 = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;

describe('shouldNudgeBackup', () => {
  it('never before the first answer', () => {
    expect(
      shouldNudgeBackup({ now: T0 + 100 * DAY, lastBackupAt: undefined, firstAnswerAt: undefined, nudgedAt: undefined }),
    ).toBe(false);
  });
  it('14 days after the first answer when there never was a backup, not a moment before', () => {
    const base = { lastBackupAt: undefined, firstAnswerAt: T0, nudgedAt: undefined };
    expect(shouldNudgeBackup({ ...base, now: T0 + NUDGE_AFTER - 1 })).toBe(false);
    expect(shouldNudgeBackup({ ...base, now: T0 + NUDGE_AFTER })).toBe(true);
  });
  it('counts from the last downloaded backup', () => {
    const base = { lastBackupAt: T0 + 10 * DAY, firstAnswerAt: T0, nudgedAt: undefined };
    expect(shouldNudgeBackup({ ...base, now: T0 + 20 * DAY })).toBe(false);
    expect(shouldNudgeBackup({ ...base, now: T0 + 24 * DAY })).toBe(true);
  });
  it('says it once: not again until another 14 days pass', () => {
    const base = { lastBackupAt: undefined, firstAnswerAt: T0, nudgedAt: T0 + 14 * DAY };
    expect(shouldNudgeBackup({ ...base, now: T0 + 15 * DAY })).toBe(false);
    expect(shouldNudgeBackup({ ...base, now: T0 + 28 * DAY })).toBe(true);
  });
  it('a backup after the reminder starts a new quiet spell', () => {
    const base = { lastBackupAt: T0 + 20 * DAY, firstAnswerAt: T0, nudgedAt: T0 + 14 * DAY };
    expect(shouldNudgeBackup({ ...base, now: T0 + 30 * DAY })).toBe(false);
    expect(shouldNudgeBackup({ ...base, now: T0 + 34 * DAY })).toBe(true);
  });
});
