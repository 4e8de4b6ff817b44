/** Settings → Automatic backups: the snapshots kept on this device, each restorable. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { describeStorageError } from '../../storage/errors';
import { KEEP, listSnapshots, QUOTA_SHARE, restoreSnapshot, type SnapshotMeta, takeSnapshot } from '../../storage/snapshots';
import { useServices } from '../services';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function SnapshotsPanel() {
  const { db, now } = useServices();
  const snapshots = useLiveQuery(() => listSnapshots(db), [db]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ ok: true, text: await work() });
    } catch (error) {
      setMessage({ ok: false, text: `${describeStorageError(error).detail} Nothing was changed.` });
    } finally {
      setBusy(false);
    }
  };

  const restore = (s: SnapshotMeta) =>
    act(async () => {
      await restoreSnapshot(db, s.id as number, now());
      return `Restored the snapshot of ${new Date(s.at).toLocaleString()}. The collection as it was just before is kept as a snapshot too.`;
    });

  return (
    <section className="panel" aria-labelledby="snapshots-title">
      <h2 id="snapshots-title">Automatic backups</h2>
      <p className="muted">
        Kept on this device before every import, restore and bulk delete, and once a day: the newest {KEEP}, using at most{' '}
        {Math.round(QUOTA_SHARE * 100)}% of this site's storage. They do not protect against losing the device: download a backup
        for that.
      </p>
      {snapshots && snapshots.length > 0 ? (
        <ul className="snapshot-list" data-testid="snapshots">
          {snapshots.map((s) => (
            <li key={s.id}>
              <span>
                {new Date(s.at).toLocaleString()} · {s.reason} · {s.cards} cards, {s.reviews} reviews · {formatBytes(s.size)}
              </span>{' '}
              <button
                type="button"
                className="btn small"
                disabled={busy}
                onClick={() => {
                  if (window.confirm(`Replace the collection with the snapshot of ${new Date(s.at).toLocaleString()}?`))
                    void restore(s);
                }}
              >
                Restore
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{snapshots ? 'No automatic backup yet.' : 'Loading…'}</p>
      )}
      <button
        type="button"
        className="btn"
        disabled={busy}
        onClick={() =>
          void act(async () => {
            const s = await takeSnapshot(db, now(), 'by hand');
            return `Snapshot kept: ${s.cards} cards, ${formatBytes(s.size)}.`;
          })
        }
      >
        Keep a snapshot now
      </button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok-line' : 'error-line'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
