/**
 * Mock interviews in storage. A run is one row (`interviews`) holding its questions and where it
 * stands; spoken answers are Blobs in `recordings`. Every step is one transaction, so a reload
 * finds the run exactly as it was after the last step, never half-written. A grade is a normal
 * review, written by `saveAnswer` inside the same transaction as the run's update (Dexie runs a
 * nested transaction on a subset of tables inside the outer one), and undone by `undoAnswer` the
 * same way.
 */
import { type DrawCandidate, drawQuestions } from '../domain/interview/draw';
import type { RandomSource } from '../domain/random';
import { canUndoGrade, nextPosition } from '../domain/interview/run';
import type { RubricKind } from '../domain/deck-format/model';
import type { AnswerContext, Grade } from '../domain/scheduling/scheduler';
import { undoAnswer } from './card-actions';
import type { AppDatabase, InterviewQuestion, InterviewRow, InterviewSetup, NoteRow } from './db';
import { type AnswerSaved, saveAnswer } from './study';

export const MAX_QUESTIONS = 20;
export const MAX_MINUTES = 15;

/** A step refused because the run is not where the screen thought (another tab, a double tap). */
export class InterviewStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InterviewStateError';
  }
}

/** Decks that hold explain notes, with how many, in deck-list order (index counts only). */
export async function interviewDecks(db: AppDatabase): Promise<{ id: string; name: string; explain: number }[]> {
  const decks = (await db.decks.orderBy('order').toArray()).filter((d) => !d.retired);
  const counts = await Promise.all(decks.map((d) => explainNotes(db, d.id).count()));
  return decks.map((d, i) => ({ id: d.id, name: d.name, explain: counts[i] ?? 0 })).filter((d) => d.explain > 0);
}

function explainNotes(db: AppDatabase, deckId: string) {
  return db.notes
    .where('[deckId+kind]')
    .equals([deckId, 'explain'])
    .filter((n) => !n.retired);
}

/** What a setup may ask for; a clear message for the first thing out of range. */
export function checkSetup(setup: InterviewSetup): string | null {
  if (setup.deckIds.length === 0) return 'Choose at least one deck.';
  if (!Number.isInteger(setup.count) || setup.count < 1 || setup.count > MAX_QUESTIONS)
    return `Questions must be a whole number from 1 to ${MAX_QUESTIONS} (got ${setup.count}).`;
  if (!Number.isInteger(setup.minutes) || setup.minutes < 1 || setup.minutes > MAX_MINUTES)
    return `Minutes per question must be a whole number from 1 to ${MAX_MINUTES} (got ${setup.minutes}).`;
  return null;
}

/** The run left running (by a reload or a crash), if any. */
export async function runningInterview(db: AppDatabase): Promise<InterviewRow | undefined> {
  return db.interviews.where('status').equals('running').first();
}

/** The newest finished runs, newest first (an index range; `limit` bounds the read). */
export async function interviewHistory(db: AppDatabase, limit = 200): Promise<InterviewRow[]> {
  return db.interviews
    .orderBy('startedAt')
    .reverse()
    .filter((r) => r.status === 'done')
    .limit(limit)
    .toArray();
}

/**
 * Starts a run: draws the questions from the explain cards of the chosen decks and writes the
 * run, in one transaction. Refuses while another run is running (resume or discard it first).
 */
export async function startInterview(
  db: AppDatabase,
  input: { id: string; setup: InterviewSetup; now: number; random: RandomSource; fallback?: string },
): Promise<InterviewRow> {
  const problem = checkSetup(input.setup);
  if (problem) throw new Error(problem);
  return db.transaction('rw', [db.notes, db.cards, db.interviews], async () => {
    if (await runningInterview(db))
      throw new InterviewStateError('Another interview is still running: resume or discard it first.');
    const notes = new Map<string, NoteRow>();
    for (const deckId of input.setup.deckIds) for (const n of await explainNotes(db, deckId).toArray()) notes.set(n.id, n);
    const cards = await db.cards
      .where('noteId')
      .anyOf([...notes.keys()])
      .toArray();
    const candidates: (DrawCandidate & { deckId: string; reps: number })[] = cards.map((c) => ({
      cardId: c.id,
      noteId: c.noteId,
      deckId: c.deckId,
      queue: c.queue,
      state: c.state,
      due: c.due,
      stability: c.stability,
      lapses: c.lapses,
      reps: c.reps,
    }));
    // Index order is by card id; sorting keeps the draw a function of the data, not of the read.
    candidates.sort((a, b) => (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0));
    const drawn = drawQuestions(candidates, { count: input.setup.count, now: input.now, random: input.random });
    if (drawn.length === 0) throw new Error('The chosen decks have no explain cards to ask (suspended cards are left out).');
    const questions: InterviewQuestion[] = drawn.map((d) => {
      const c = candidates.find((x) => x.cardId === d.cardId)!;
      const kinds = notes.get(c.noteId)?.rubricKinds;
      return {
        cardId: c.cardId,
        noteId: c.noteId,
        deckId: c.deckId,
        reps: c.reps,
        usedMs: 0,
        text: '',
        ...(kinds ? { rubricKinds: [...kinds] } : {}),
      };
    });
    const run: InterviewRow = {
      id: input.id,
      startedAt: input.now,
      status: 'running',
      setup: { ...input.setup, count: questions.length },
      ...(input.fallback ? { fallback: input.fallback } : {}),
      current: 0,
      step: 'answering',
      questions,
    };
    await db.interviews.add(run);
    return run;
  });
}

async function runningRun(db: AppDatabase, runId: string): Promise<InterviewRow> {
  const run = await db.interviews.get(runId);
  if (!run) throw new InterviewStateError('This interview no longer exists (discarded in another tab?).');
  if (run.status !== 'running') throw new InterviewStateError('This interview has already ended.');
  return run;
}

function at(run: InterviewRow, index: number, step: InterviewRow['step']): InterviewQuestion {
  const q = run.questions[index];
  if (!q || run.current !== index || run.step !== step)
    throw new InterviewStateError(`The interview is not at question ${index + 1} (${step}); it was changed elsewhere.`);
  return q;
}

/** The run after finishing step `from` of question `index`, with its questions updated. */
function movedOn(run: InterviewRow, index: number, from: InterviewRow['step'], questions = run.questions): InterviewRow {
  return { ...run, questions, ...nextPosition({ current: index, step: from }, run.questions.length, run.setup.reviewAt) };
}

function withQuestion(run: InterviewRow, index: number, patch: Partial<InterviewQuestion>): InterviewQuestion[] {
  return run.questions.map((q, i) => (i === index ? { ...q, ...patch } : q));
}

/** Starts the clock on the next question (from `ready`). */
export async function beginQuestion(db: AppDatabase, runId: string, index: number): Promise<InterviewRow> {
  return db.transaction('rw', db.interviews, async () => {
    const run = await runningRun(db, runId);
    at(run, index, 'ready');
    const next: InterviewRow = { ...run, step: 'answering' };
    await db.interviews.put(next);
    return next;
  });
}

/** Keeps the written answer and the time used while answering, so a reload loses neither. */
export async function keepProgress(
  db: AppDatabase,
  runId: string,
  index: number,
  progress: { text: string; usedMs: number },
): Promise<void> {
  await db.transaction('rw', db.interviews, async () => {
    const run = await runningRun(db, runId);
    at(run, index, 'answering');
    await db.interviews.put({ ...run, questions: withQuestion(run, index, { text: progress.text, usedMs: progress.usedMs }) });
  });
}

/** Ends the answer: its text, time and recording land together with the run's next position. */
export async function finishAnswer(
  db: AppDatabase,
  runId: string,
  index: number,
  answer: { text: string; usedMs: number; recording?: { id: string; blob: Blob; mime: string; durationMs: number } },
): Promise<InterviewRow> {
  return db.transaction('rw', [db.interviews, db.recordings], async () => {
    const run = await runningRun(db, runId);
    at(run, index, 'answering');
    const { recording } = answer;
    if (recording) await db.recordings.put({ ...recording, runId });
    const questions = withQuestion(run, index, {
      text: answer.text,
      usedMs: Math.max(0, Math.round(answer.usedMs)),
      ...(recording ? { recordingId: recording.id } : {}),
    });
    const next = movedOn(run, index, 'answering', questions);
    await db.interviews.put(next);
    return next;
  });
}

/**
 * Records the grade of a reviewed answer as a review of its card, with the rubric ticks, and
 * moves the run on: one transaction over cards, reviews, notes and the run. The review's time
 * taken is the time used answering.
 */
export async function gradeQuestion(
  db: AppDatabase,
  runId: string,
  index: number,
  grade: { ticks: boolean[]; rating: Grade; now: number; rubricKinds?: readonly (RubricKind | null)[] | undefined },
  ctx: AnswerContext,
): Promise<{ run: InterviewRow; saved: AnswerSaved }> {
  return db.transaction('rw', [db.cards, db.reviews, db.notes, db.interviews], async () => {
    const run = await runningRun(db, runId);
    const q = at(run, index, 'review');
    const saved = await saveAnswer(
      db,
      { cardId: q.cardId, rating: grade.rating, now: grade.now, durationMs: q.usedMs, shownReps: q.reps },
      ctx,
    );
    // The ticks are kept with the kinds of the rubric they were given against (the note may have
    // been edited since the draw), so the coverage figures pair each tick with its kind.
    const { rubricKinds: _, ...rest } = q;
    const graded: InterviewQuestion = {
      ...rest,
      ...(grade.rubricKinds ? { rubricKinds: [...grade.rubricKinds] } : {}),
      ticks: [...grade.ticks],
      grade: grade.rating,
      reviewId: saved.reviewId,
    };
    const next = movedOn(
      run,
      index,
      'review',
      run.questions.map((x, i) => (i === index ? graded : x)),
    );
    await db.interviews.put(next);
    return { run: next, saved };
  });
}

/** Moves past a review without a grade (the card changed elsewhere, or the user chose not to). */
export async function skipReview(db: AppDatabase, runId: string, index: number): Promise<InterviewRow> {
  return db.transaction('rw', db.interviews, async () => {
    const run = await runningRun(db, runId);
    at(run, index, 'review');
    const next = movedOn(run, index, 'review');
    await db.interviews.put(next);
    return next;
  });
}

/** The question whose grade Undo would take back now, if any. */
export function undoableGrade(run: InterviewRow): number | undefined {
  if (run.status !== 'running') return undefined;
  const position = { current: run.current, step: run.step };
  for (let i = run.questions.length - 1; i >= 0; i--) {
    if (run.questions[i]?.reviewId === undefined) continue;
    return canUndoGrade(position, i, run.questions.length, run.setup.reviewAt) ? i : undefined;
  }
  return undefined;
}

/** Takes back the last grade: its review is deleted and the card restored, and the run returns to that review. */
export async function undoGrade(db: AppDatabase, runId: string): Promise<InterviewRow> {
  return db.transaction('rw', [db.cards, db.reviews, db.notes, db.interviews], async () => {
    const run = await runningRun(db, runId);
    const index = undoableGrade(run);
    const q = index === undefined ? undefined : run.questions[index];
    if (index === undefined || q?.reviewId === undefined) throw new InterviewStateError('There is no grade to undo here.');
    await undoAnswer(db, q.reviewId);
    const { grade: _grade, reviewId: _reviewId, ...rest } = q;
    const next: InterviewRow = {
      ...run,
      questions: run.questions.map((x, i) => (i === index ? rest : x)),
      current: index,
      step: 'review',
    };
    await db.interviews.put(next);
    return next;
  });
}

/** Ends the run: it counts in the figures from now on; its recordings go unless kept. */
export async function finishInterview(db: AppDatabase, runId: string, keepRecordings: boolean, now: number): Promise<void> {
  await db.transaction('rw', [db.interviews, db.recordings], async () => {
    const run = await runningRun(db, runId);
    if (run.step !== 'summary') throw new InterviewStateError('The interview has questions left.');
    let questions = run.questions;
    if (!keepRecordings) {
      await db.recordings.where('runId').equals(runId).delete();
      questions = questions.map(({ recordingId: _, ...q }) => q);
    }
    await db.interviews.put({ ...run, questions, status: 'done', finishedAt: now });
  });
}

/**
 * Deletes a run and its recordings (an interrupted run discarded, or a past run removed). Grades
 * already given stay: they are reviews like any other.
 */
export async function deleteInterview(db: AppDatabase, runId: string): Promise<void> {
  await db.transaction('rw', [db.interviews, db.recordings], async () => {
    await db.recordings.where('runId').equals(runId).delete();
    await db.interviews.delete(runId);
  });
}

/** Deletes the recordings of a finished run, keeping its figures. */
export async function deleteRecordings(db: AppDatabase, runId: string): Promise<void> {
  await db.transaction('rw', [db.interviews, db.recordings], async () => {
    const run = await db.interviews.get(runId);
    await db.recordings.where('runId').equals(runId).delete();
    if (run) await db.interviews.put({ ...run, questions: run.questions.map(({ recordingId: _, ...q }) => q) });
  });
}

export async function recordingsOf(db: AppDatabase, runId: string) {
  return db.recordings.where('runId').equals(runId).toArray();
}

/** The notes of a run's questions, by id (retired or deleted notes are missing). */
export async function runNotes(db: AppDatabase, run: InterviewRow): Promise<Map<string, NoteRow>> {
  const notes = await db.notes.bulkGet(run.questions.map((q) => q.noteId));
  return new Map(notes.filter((n): n is NoteRow => n !== undefined).map((n) => [n.id, n]));
}

/** Spoken answers fall back to writing for the rest of the run, with the reason kept for the screen. */
export async function setFallback(db: AppDatabase, runId: string, reason: string): Promise<void> {
  await db.transaction('rw', db.interviews, async () => {
    const run = await runningRun(db, runId);
    await db.interviews.put({ ...run, fallback: reason });
  });
}

export async function recordingBlob(db: AppDatabase, id: string): Promise<Blob | undefined> {
  return (await db.recordings.get(id))?.blob;
}
