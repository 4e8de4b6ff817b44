/** Settings → Check collection: finds damage and repairs what it can, in one transaction. */
import { useState } from 'react';
import type { CheckReport } from '../../storage/check';
import { describeStorageError } from '../../storage/errors';
import { useServices } from '../services';

export function CheckPanel() {
  const { db, zone } = useServices();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<CheckReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const [{ checkCollection }, { makeScheduler }, { takeSnapshot }] = await Promise.all([
        import('../../storage/check'),
        import('../../domain/scheduling/engine'),
        import('../../storage/snapshots'),
      ]);
      // Look first; snapshot the collection before writing any repair.
      const found = await checkCollection(db, { zone, repair: false, schedulerFor: makeScheduler });
      if (found.findings.some((f) => f.repair)) {
        await takeSnapshot(db, Date.now(), 'before check repair');
        setReport(await checkCollection(db, { zone, repair: true, schedulerFor: makeScheduler }));
      } else setReport(found);
    } catch (e) {
      setError(describeStorageError(e).detail);
    } finally {
      setBusy(false);
    }
  };

  const repairs = report?.findings.filter((f) => f.repair) ?? [];
  return (
    <section className="panel" aria-labelledby="check-title">
      <h2 id="check-title">Check collection</h2>
      <p className="muted">
        Compares every card with its review history, looks for answers, cards and notes that lost their partner, and repairs what
        it can (the review history wins). A snapshot is kept first.
      </p>
      <button type="button" className="btn" onClick={() => void run()} disabled={busy}>
        {busy ? 'Checking…' : 'Check collection'}
      </button>
      {error && (
        <p role="alert" className="error-line">
          {error}
        </p>
      )}
      {report && (
        <div role="status" data-testid="check-report">
          <p>
            Checked {report.checked.cards} cards, {report.checked.notes} notes and {report.checked.reviews} answers.{' '}
            {report.findings.length === 0
              ? 'No problems found.'
              : `Found ${report.findings.length} problem${report.findings.length === 1 ? '' : 's'}${report.repaired ? `; repaired ${repairs.length}` : ''}.`}
          </p>
          {report.findings.length > 0 && (
            <ul className="check-findings">
              {report.findings.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: findings are a fixed list shown once
                <li key={i}>
                  {f.text}
                  {f.repair && report.repaired ? <strong> {f.repair}</strong> : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
