/**
 * Optimise FSRS on this device, per preset: fit on the older answers, judge on the newest, and say
 * in plain words whether the fit is better beyond noise. Adopt reschedules the preset's cards (the
 * user may adopt whatever the verdict, seeing it); Undo puts the previous parameters and states back.
 */
import { useId, useRef, useState } from 'react';
import type { AdoptionReport } from '../../../domain/optimiser/adoption';
import type { Interval } from '../../../domain/stats/retention';
import { Cancelled, runStatsWorker } from '../../../optimiser/client';
import type { OptimiseResult, StatsReply } from '../../../optimiser/protocol';
import { useFittedParameters } from '../../hooks/useFittedParameters';
import { useServices } from '../../services';

export interface PresetChoice {
  id: string;
  name: string;
  decks: number;
}

type Progress = Extract<StatsReply, { kind: 'progress' }>;
type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; what: 'optimise' | 'adopt' | 'undo'; progress?: Progress }
  | { kind: 'result'; result: OptimiseResult }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string };

const fixed = (v: number) => v.toFixed(3);
const withInterval = (i: Interval) => `${fixed(i.estimate)} (95% interval ${fixed(i.low)} to ${fixed(i.high)})`;

export function verdictWords(r: AdoptionReport): string {
  switch (r.verdict) {
    case 'better':
      return 'Better, beyond noise: the new parameters predict your newest answers better, and the whole 95% interval of the improvement is above zero.';
    case 'worse':
      return 'Worse: the new parameters predict your newest answers less well, beyond noise. Keeping your current parameters.';
    case 'same':
      return 'No real difference — keeping your current parameters. The 95% interval of the improvement includes zero, so any gain is within the noise.';
  }
}

const PHASE_WORDS: Record<Progress['phase'], string> = {
  reading: 'Reading your review history',
  fitting: 'Fitting',
  judging: 'Judging on your newest answers',
  writing: 'Rescheduling cards',
};

export function OptimisePanel({
  presets,
  rolloverHour,
  onChanged,
}: {
  presets: PresetChoice[];
  rolloverHour: number;
  onChanged(): void;
}) {
  const { db, now } = useServices();
  const [presetId, setPresetId] = useState(presets[0]?.id ?? 'default');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const selectId = useId();
  const stored = useFittedParameters(presetId);

  const run = async (what: 'optimise' | 'adopt' | 'undo', parameters?: number[]) => {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running', what });
    const onProgress = (progress: Progress) => setPhase({ kind: 'running', what, progress });
    try {
      const request =
        what === 'optimise'
          ? ({ kind: 'optimise', dbName: db.name, presetId, seed: 16 } as const)
          : what === 'adopt'
            ? ({ kind: 'adopt', dbName: db.name, presetId, parameters: parameters ?? [], rolloverHour, now: now() } as const)
            : ({ kind: 'undo', dbName: db.name, presetId } as const);
      const reply = await runStatsWorker(request, onProgress, controller.signal);
      if (reply.kind === 'optimised') setPhase({ kind: 'result', result: reply.result });
      else if (reply.kind === 'adopted') {
        setPhase({
          kind: 'done',
          message: `Adopted: ${reply.cards.toLocaleString('en-US')} cards rescheduled with the new parameters.`,
        });
        onChanged();
      } else if (reply.kind === 'undone') {
        setPhase({
          kind: 'done',
          message:
            reply.restored === null
              ? 'Nothing to undo.'
              : `Undone: the previous parameters are back, and ${reply.restored.toLocaleString('en-US')} cards have their previous schedule.`,
        });
        onChanged();
      }
    } catch (error) {
      if (error instanceof Cancelled) setPhase({ kind: 'idle' });
      else setPhase({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      abort.current = null;
    }
  };

  const running = phase.kind === 'running';
  return (
    <section className="panel" aria-labelledby="optimise-title">
      <h2 id="optimise-title">Fit FSRS to your memory</h2>
      <p className="muted">
        Fits the scheduler's parameters to this preset's history on this device, using the older answers, and compares them with
        the current ones on your newest fifth. New parameters are called better only when they predict those answers better beyond
        noise.
      </p>
      {presets.length > 1 && (
        <>
          <label htmlFor={selectId}>Preset</label>
          <select id={selectId} value={presetId} disabled={running} onChange={(e) => setPresetId(e.target.value)}>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.decks} {p.decks === 1 ? 'deck' : 'decks'})
              </option>
            ))}
          </select>
        </>
      )}
      <p data-testid="parameters-source">
        {stored?.fitted
          ? `Using parameters fitted to your history, adopted ${new Date(stored.fitted.adoptedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}.`
          : 'Using the FSRS default parameters.'}
      </p>

      {running ? (
        <div className="optimise-progress">
          <label>
            {phase.progress ? PHASE_WORDS[phase.progress.phase] : 'Starting'}
            {phase.progress?.phase === 'fitting' && ` (pass ${phase.progress.done} of ${phase.progress.total})`}
            {phase.progress?.phase === 'writing' &&
              ` (${phase.progress.done.toLocaleString('en-US')} of ${phase.progress.total.toLocaleString('en-US')})`}
            …
            <progress
              max={phase.progress?.total || 1}
              value={phase.progress && phase.progress.phase !== 'reading' ? phase.progress.done : undefined}
            />
          </label>
          {phase.what === 'optimise' && (
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          )}
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => run('optimise')}>
            Optimise
          </button>
          {stored?.undoable !== undefined && (
            <button type="button" onClick={() => run('undo')}>
              Undo adoption
            </button>
          )}
        </div>
      )}

      {phase.kind === 'result' && phase.result.kind === 'too-few' && (
        <p data-testid="optimise-verdict" data-verdict="too-few">
          Too little history to judge a fit: {phase.result.answers.toLocaleString('en-US')} answers to cards in review. A fit is
          judged on the newest fifth of them, and with fewer than {phase.result.needed} in all the interval of the difference is
          so wide that no fit could be told apart from noise. About{' '}
          {(phase.result.needed - phase.result.answers).toLocaleString('en-US')} more answers would be enough.
        </p>
      )}
      {phase.kind === 'result' && phase.result.kind === 'fitted' && (
        <div>
          <p
            data-testid="optimise-verdict"
            data-verdict={phase.result.report.verdict}
            data-fit-ms={Math.round(phase.result.fitMs)}
          >
            {verdictWords(phase.result.report)}
          </p>
          <ul className="stats-decks" data-testid="optimise-figures">
            <li>Held-out log loss, current parameters: {withInterval(phase.result.report.current)}</li>
            <li>Held-out log loss, new parameters: {withInterval(phase.result.report.candidate)}</li>
            <li>Improvement (current − new): {withInterval(phase.result.report.improvement)}</li>
            <li className="muted">
              Judged on {phase.result.report.answers.toLocaleString('en-US')} newest answers to{' '}
              {phase.result.report.cards.toLocaleString('en-US')} cards; fitted on{' '}
              {phase.result.trainedOn.toLocaleString('en-US')} older ones.
            </li>
          </ul>
          <details>
            <summary>The parameters</summary>
            <p className="muted">Current: {phase.result.current.map((w) => w.toFixed(4)).join(', ')}</p>
            <p data-testid="fitted-parameters" data-parameters={JSON.stringify(phase.result.parameters)}>
              New: {phase.result.parameters.map((w) => w.toFixed(4)).join(', ')}
            </p>
          </details>
          <div className="actions">
            <button
              type="button"
              className={phase.result.report.verdict === 'better' ? 'primary' : undefined}
              onClick={() => phase.result.kind === 'fitted' && run('adopt', phase.result.parameters)}
            >
              {phase.result.report.verdict === 'better' ? 'Adopt the new parameters' : 'Adopt anyway'}
            </button>
          </div>
        </div>
      )}
      {phase.kind === 'done' && (
        <p role="status" data-testid="optimise-done">
          {phase.message}
        </p>
      )}
      {phase.kind === 'error' && <p role="alert">{phase.message}</p>}
    </section>
  );
}
