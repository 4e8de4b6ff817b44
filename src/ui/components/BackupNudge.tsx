/**
 * Loaded once the deck list is up and the page is idle: takes the daily automatic backup (at most
 * one a day), and, when no backup was downloaded for 14 days, says so once, gently, with the button.
 */
import { useEffect, useState } from 'react';
import { shouldNudgeBackup } from '../../domain/backup/nudge';
import { LAST_BACKUP_KEY } from '../../storage/backup';
import { dailySnapshot } from '../../storage/snapshots';
import { useServices } from '../services';
import { firstAnswerAt, readSetting, writeSetting } from '../../storage/settings-store';
import { downloadBackupFile } from './BackupPanel';

export const NUDGED_KEY = 'backupNudgedAt';

export default function BackupNudge() {
  const { db, now } = useServices();
  const [show, setShow] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const at = now();
      const [last, nudged, first] = await Promise.all([
        readSetting(db, LAST_BACKUP_KEY),
        readSetting(db, NUDGED_KEY),
        firstAnswerAt(db),
      ]);
      const due = shouldNudgeBackup({
        now: at,
        lastBackupAt: last,
        firstAnswerAt: first,
        nudgedAt: nudged,
      });
      if (due && live) {
        setShow(true);
        await writeSetting(db, NUDGED_KEY, at);
      }
      await dailySnapshot(db, at);
    })().catch((error: unknown) => console.warn('automatic backup:', error));
    return () => {
      live = false;
    };
  }, [db, now]);

  if (!show) return null;
  return (
    <aside className="panel backup-nudge" role="status" aria-label="Backup reminder">
      {done ? (
        <p>{done}</p>
      ) : (
        <>
          <p>
            Your progress lives only in this browser, and there has been no backup for two weeks. A backup file keeps it safe if
            the browser clears its data or the device is lost.
          </p>
          <button
            type="button"
            className="btn primary"
            onClick={() =>
              void downloadBackupFile(db, now()).then(
                (f) => setDone(`Backup saved: ${f.cards} cards, ${f.reviews} reviews.`),
                () => setDone('The backup could not be made; try Settings → Backup.'),
              )
            }
          >
            Download backup
          </button>{' '}
          <button type="button" className="btn" onClick={() => setShow(false)}>
            Not now
          </button>
        </>
      )}
    </aside>
  );
}
