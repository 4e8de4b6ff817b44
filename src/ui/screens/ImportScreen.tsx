/**
 * Import: pick, drop, paste, open with the app (file_handlers) or share to it (share_target).
 * Parsing runs in a module worker; a preview shows what would land; "Import" commits it in one
 * transaction, "Cancel" leaves no trace. Export and backup live at the bottom.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { type DragEvent, useCallback, useEffect, useRef, useState } from 'react';
import { toCsv, toJson, toMarkdown } from '../../domain/deck-format/serialise';
import type { ImportResult } from '../../import/model';
import { runImportInWorker } from '../../import/client';
import { deckCsvRows, loadDeckSource } from '../../storage/export';
import { type CommitInput, type CommitReport, commitImport } from '../../storage/import-commit';
import type { SafeDeck, SafeNote } from '../../domain/safe-html';
import { snapshotBefore } from '../auto-backup';
import { describeStorageError } from '../../storage/errors';
import { CardHtml } from '../components/CardHtml';
import { sanitize, sanitizeRendered } from '../sanitize';
import { download } from '../download';
import { href } from '../route';
import { useServices } from '../services';
import { errorMessage } from '../../domain/errors';
import { activeDecks } from '../../storage/decks';
import { countOf } from '../../domain/vocabulary';
import '../screens.css';

/** Where the service worker parks a file shared to the app (src/sw.ts): under the app's path. */
const SHARED_FILE = `${import.meta.env.BASE_URL}shared-file`;

export const ACCEPT = '.md,.markdown,.json,.csv,.tsv,.txt,.apkg,.colpkg,.anki2,.anki21';

type Stage =
  | { name: 'idle' }
  | { name: 'reading'; fileName: string; done: number; total: number; stage: string; cancel: () => void }
  | { name: 'preview'; result: ImportResult }
  | { name: 'writing'; fileName: string; done: number; total: number }
  | { name: 'done'; fileName: string; report: CommitReport; deckIds: string[] }
  | { name: 'error'; message: string };

/** Every piece of imported HTML passes DOMPurify before it is stored; yields so the page stays responsive. */
async function sanitizeResult(result: ImportResult): Promise<ImportResult & CommitInput> {
  // Fields of HTML sources (CSV with #html, Anki) are HTML too; Markdown/JSON fields are
  // Markdown rendered with raw HTML off, so they are kept as written.
  const htmlFields = result.format === 'csv' || result.format === 'apkg' || result.format === 'colpkg';
  const cleanFields = (fields: Record<string, string | string[]>) =>
    Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? v.map(sanitize) : sanitize(v)]));
  let count = 0;
  const decks: SafeDeck[] = [];
  for (const deck of result.decks) {
    const notes: SafeNote[] = [];
    for (const note of deck.notes) {
      notes.push(sanitizeRendered({ ...note, fields: htmlFields ? cleanFields(note.fields) : note.fields }));
      if (++count % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    decks.push({ ...deck, notes });
  }
  return { ...result, decks };
}

function kindCounts(result: ImportResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const deck of result.decks) {
    for (const note of deck.notes) out[note.kind] = (out[note.kind] ?? 0) + note.cards.length;
  }
  return out;
}

export function ImportScreen({ shared }: { shared: boolean }) {
  const { db } = useServices();
  const [stage, setStage] = useState<Stage>({ name: 'idle' });
  const [paste, setPaste] = useState('');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Import · Recall RE';
  }, []);

  // The reading job in flight: cancelled when another file starts or the screen goes away.
  const job = useRef<{ cancel: () => void } | null>(null);
  useEffect(() => () => job.current?.cancel(), []);

  const start = useCallback((file: File) => {
    job.current?.cancel();
    const running = runImportInWorker(file, (done, total, label) =>
      setStage((s) => (s.name === 'reading' ? { ...s, done, total, stage: label } : s)),
    );
    job.current = running;
    setStage({ name: 'reading', fileName: file.name, done: 0, total: 0, stage: 'Reading', cancel: running.cancel });
    running.promise.then(
      (result) => job.current === running && setStage({ name: 'preview', result }),
      (error: unknown) => job.current === running && setStage({ name: 'error', message: errorMessage(error) }),
    );
  }, []);

  // Files opened with the installed app (file_handlers) arrive through the launch queue.
  useEffect(() => {
    const queue = (
      window as unknown as { launchQueue?: { setConsumer(c: (p: { files: FileSystemFileHandle[] }) => void): void } }
    ).launchQueue;
    queue?.setConsumer(async (params) => {
      const handle = params.files[0];
      if (handle) start(await handle.getFile());
    });
  }, [start]);

  // Files shared from another app (share_target) were parked in a cache by the service worker.
  // Leaving the screen before the file is read drops it (and StrictMode's second run reads it once).
  useEffect(() => {
    if (!shared || !('caches' in window)) return;
    let gone = false;
    (async () => {
      const cache = await caches.open('shared-files');
      const response = await cache.match(SHARED_FILE);
      if (!response || gone) return;
      const name = decodeURIComponent(response.headers.get('X-File-Name') ?? 'shared.txt');
      const file = new File([await response.blob()], name);
      if (gone) return;
      await cache.delete(SHARED_FILE);
      start(file);
    })().catch((error: unknown) => !gone && setStage({ name: 'error', message: errorMessage(error) }));
    return () => {
      gone = true;
    };
  }, [shared, start]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) start(file);
  };

  const commit = async (result: ImportResult) => {
    const total = result.decks.reduce((n, d) => n + d.notes.length, 0);
    setStage({ name: 'writing', fileName: result.fileName, done: 0, total });
    try {
      const clean = await sanitizeResult(result);
      await snapshotBefore(db, `import of ${result.fileName}`);
      const report = await commitImport(db, clean, (done, all) =>
        setStage((s) => (s.name === 'writing' ? { ...s, done, total: all } : s)),
      );
      setStage({ name: 'done', fileName: result.fileName, report, deckIds: result.decks.map((d) => d.id) });
    } catch (error) {
      const problem = describeStorageError(error);
      setStage({ name: 'error', message: `${problem.title}: ${problem.detail} Nothing was imported.` });
    }
  };

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">Import</h1>
      {(stage.name === 'idle' || stage.name === 'error' || stage.name === 'done') && (
        <>
          {stage.name === 'error' && (
            <p className="panel error" role="alert">
              {stage.message}
            </p>
          )}
          {stage.name === 'done' && (
            <div className="panel" role="status">
              <h2>Imported {stage.fileName}</h2>
              <p>
                {stage.report.notesAdded} notes added, {stage.report.notesUpdated} updated, {stage.report.cardsAdded} new cards
                {stage.report.reviewsAdded > 0 ? `, ${stage.report.reviewsAdded} past reviews` : ''}
                {stage.report.mediaStored > 0 ? `, ${stage.report.mediaStored} media files` : ''}.
              </p>
              <p>
                <a className="btn" href={href({ name: 'decks' })}>
                  Go to decks
                </a>
              </p>
            </div>
          )}
          {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut; the file button is the accessible way in */}
          <div
            className={`panel dropzone${dragging ? ' dragging' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <p>
              Markdown or JSON decks, CSV/TSV/TXT (Anki text export, Quizlet, spreadsheets), Anki packages (.apkg, .colpkg) and
              collection files (.anki2).
            </p>
            <label className="btn primary file-button">
              Choose a file
              <input
                ref={fileInput}
                type="file"
                accept={ACCEPT}
                className="visually-hidden"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) start(file);
                  e.target.value = '';
                }}
              />
            </label>
            <p className="muted">…or drop a file here.</p>
          </div>
          <div className="panel">
            <label htmlFor="paste-box">
              <h2>Paste a deck</h2>
            </label>
            <textarea
              id="paste-box"
              className="paste"
              rows={6}
              value={paste}
              onChange={(e) => setPaste(e.target.value)}
              placeholder={'term\tdefinition\nanother term\tits definition'}
            />
            <button
              type="button"
              className="btn"
              disabled={paste.trim() === ''}
              onClick={() => {
                const isMarkdown = /^\uFEFF?---\s*\n/.test(paste);
                const isJson = /^\s*[{[]/.test(paste);
                start(new File([paste], isMarkdown ? 'pasted.md' : isJson ? 'pasted.json' : 'pasted.txt'));
              }}
            >
              Preview pasted text
            </button>
          </div>
          <ExportPanel />
        </>
      )}
      {stage.name === 'reading' && (
        <div className="panel" aria-busy="true">
          <h2>Reading {stage.fileName}</h2>
          <Progress done={stage.done} total={stage.total} label={stage.stage} />
          <button
            type="button"
            className="btn"
            onClick={() => {
              stage.cancel();
              setStage({ name: 'idle' });
            }}
          >
            Cancel
          </button>
        </div>
      )}
      {stage.name === 'writing' && (
        <div className="panel" aria-busy="true">
          <h2>Importing {stage.fileName}</h2>
          <Progress done={stage.done} total={stage.total} label="Saving" />
        </div>
      )}
      {stage.name === 'preview' && (
        <Preview result={stage.result} onImport={() => void commit(stage.result)} onCancel={() => setStage({ name: 'idle' })} />
      )}
    </section>
  );
}

function Progress({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : undefined;
  return (
    <div className="progress-row">
      <progress max={100} value={percent} aria-label={`${label} progress`} />
      <span className="muted">
        {label}
        {percent !== undefined ? ` · ${percent}%` : '…'}
      </span>
    </div>
  );
}

function Preview({ result, onImport, onCancel }: { result: ImportResult; onImport: () => void; onCancel: () => void }) {
  const notes = result.decks.reduce((n, d) => n + d.notes.length, 0);
  const kinds = kindCounts(result);
  const sample = result.decks.flatMap((d) => d.notes.flatMap((n) => n.cards.map((c) => ({ note: n, card: c })))).slice(0, 3);
  return (
    <section className="panel preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview of {result.fileName}</h2>
      <ul>
        {result.decks.map((d) => (
          <li key={d.id}>
            Deck <strong>{d.name}</strong>: {d.notes.length} notes
          </li>
        ))}
      </ul>
      <p data-testid="preview-counts">
        {notes} notes, {Object.values(kinds).reduce((a, b) => a + b, 0)} cards (
        {Object.entries(kinds)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}
        ){result.scheduling.length > 0 ? `; scheduling kept for ${result.scheduling.length} cards` : ''}
        {result.reviews.length > 0 ? `; ${result.reviews.length} past reviews` : ''}
        {result.media.length > 0 ? `; ${result.media.length} media files` : ''}
      </p>
      {sample.length > 0 && (
        <>
          <h3>First cards</h3>
          <ol className="sample-cards">
            {sample.map(({ note, card }) => (
              <li key={`${note.id}#${card.ord}`} className="sample-card">
                <CardHtml html={sanitize(card.front)} />
                <hr className="divider" />
                <CardHtml html={sanitize(card.back)} />
              </li>
            ))}
          </ol>
        </>
      )}
      {result.warnings.length > 0 && (
        <details open={result.warnings.length <= 10}>
          <summary>{countOf(result.warnings.length, 'warning')}</summary>
          <ul className="warnings">
            {result.warnings.slice(0, 200).map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no identity of their own
              <li key={i}>
                <code>{w.where}</code>: {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="form-actions">
        <button type="button" className="btn primary" onClick={onImport} disabled={notes === 0}>
          Import
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function ExportPanel() {
  const { db } = useServices();
  const decks = useLiveQuery(() => activeDecks(db), [db]);
  const [deckId, setDeckId] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const chosen = deckId || decks?.[0]?.id || '';
  const write = async (kind: 'md' | 'json' | 'csv') => {
    if (!chosen) return;
    if (kind === 'csv') {
      download(`${chosen}.csv`, toCsv(await deckCsvRows(db, chosen)), 'text/csv;charset=utf-8');
      return;
    }
    const deck = await loadDeckSource(db, chosen);
    if (kind === 'md') download(`${chosen}.md`, toMarkdown(deck), 'text/markdown;charset=utf-8');
    else download(`${chosen}.json`, JSON.stringify(toJson(deck), null, 2), 'application/json');
  };
  /** An export that fails says so next to the buttons. */
  const exportAs = (kind: 'md' | 'json' | 'csv') => {
    setFailure(null);
    write(kind).catch((error: unknown) => setFailure(`The export failed: ${errorMessage(error)}`));
  };
  if (!decks || decks.length === 0) return null;
  return (
    <div className="panel">
      <h2>Export a deck</h2>
      <label htmlFor="export-deck">Deck</label>
      <select id="export-deck" value={chosen} onChange={(e) => setDeckId(e.target.value)}>
        {decks.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => exportAs('md')}>
          Export Markdown
        </button>
        <button type="button" className="btn" onClick={() => exportAs('json')}>
          Export JSON
        </button>
        <button type="button" className="btn" onClick={() => exportAs('csv')}>
          Export CSV
        </button>
      </div>
      {failure && (
        <p className="error-line" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
