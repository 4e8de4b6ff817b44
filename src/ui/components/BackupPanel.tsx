/** Settings → Backup: download everything as one file, restore it (replace or merge). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { BackupError, LAST_BACKUP_KEY, parseBackup, type RestoreMode, restoreBackup } from '../../storage/backup';
import { backupFile } from '../../storage/backup-jobs';
import type { AppDatabase } from '../../storage/db';
import { describeStorageError } from '../../storage/errors';
import { download } from '../download';
import { snapshotBefore } from '../auto-backup';
import { useServices } from '../services';
import { readSetting, writeSetting } from '../../storage/settings-store';

/** Downloads the whole collection as a backup file and notes when (the backup reminder reads it). */
export async function downloadBackupFile(db: AppDatabase, at: number) {
  const file = await backupFile(db, at);
  const stamp = new Date(at).toISOString().slice(0, 10);
  download(`recall-re-backup-${stamp}.json`, file.blob, 'application/json');
  await writeSetting(db, LAST_BACKUP_KEY, at);
  return file;
}

export function BackupPanel() {
  const { db, now } = useServices();
  const last = useLiveQuery(() => readSetting(db, LAST_BACKUP_KEY), [db]);
  const [mode, setMode] = useState<RestoreMode>('merge');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const backup = async () => {
    setBusy(true);
    try {
      const file = await downloadBackupFile(db, now());
      setMessage({ ok: true, text: `Backup saved: ${file.cards} cards, ${file.reviews} reviews.` });
    } catch (error) {
      setMessage({ ok: false, text: describeStorageError(error).detail });
    } finally {
      setBusy(false);
    }
  };

  const restore = async (file: File) => {
    setBusy(true);
    try {
      const parsed = parseBackup(await file.text(), file.name);
      if (mode === 'replace' && !window.confirm('Replace every deck, card and review on this device with the backup?')) return;
      const { sanitizeRendered } = await import('../sanitize');
      await snapshotBefore(db, `restore of ${file.name}`);
      await restoreBackup(db, { ...parsed, notes: parsed.notes.map(sanitizeRendered) }, mode);
      setMessage({
        ok: true,
        text: `Restored ${file.name} (${mode}): ${parsed.cards.length} cards, ${parsed.reviews.length} reviews.`,
      });
    } catch (error) {
      setMessage({
        ok: false,
        text: error instanceof BackupError ? `${error.message}. Nothing was changed.` : describeStorageError(error).detail,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="backup-title">
      <h2 id="backup-title">Backup</h2>
      <p className="muted" data-testid="last-backup">
        {last ? `Last backup: ${new Date(last).toLocaleString()}` : 'No backup made on this device yet.'}
      </p>
      <button type="button" className="btn primary" onClick={() => void backup()} disabled={busy}>
        Download backup
      </button>
      <fieldset className="restore">
        <legend>Restore from a backup file</legend>
        <label>
          <input type="radio" name="restore-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} /> Merge with this
          device (newer progress wins, reviews combined)
        </label>
        <label>
          <input type="radio" name="restore-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> Replace
          everything on this device
        </label>
        <label className="btn file-button">
          Choose backup file
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void restore(file);
              e.target.value = '';
            }}
          />
        </label>
      </fieldset>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok-line' : 'error-line'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
