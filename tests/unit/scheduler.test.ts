import { describe, expect, it } from 'vitest';
import {
  type AnswerContext,
  activeQueue,
  answerCard,
  type CardState,
  formatInterval,
  type Grade,
  intervalLabel,
  newCardState,
  previewAnswers,
  Queue,
  Rating,
  State,
} from '../../src/domain/scheduling/scheduler';
import { makeScheduler } from '../../src/domain/scheduling/engine';
import { Rating as FsrsRating, State as FsrsState } from 'ts-fsrs';
import { DEFAULT_SETTINGS, parseSteps, readSettings, type SchedulingSettings } from '../../src/domain/scheduling/settings';
import { normaliseSettings } from '../../src/domain/scheduling/settings-check';
import {
  type DayClock,
  DAY,
  fixedZone,
  HOUR,
  ianaZone,
  MINUTE,
  startOfStudyDay,
  studyDay,
} from '../../src/domain/scheduling/time';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const dayOf = (y: number, mo: number, d: number) => Date.UTC(y, mo - 1, d) / DAY;

const tokyo: DayClock = { zone: ianaZone('Asia/Tokyo'), rolloverHour: 4 };
const newYork: DayClock = { zone: ianaZone('America/New_York'), rolloverHour: 4 };
const utcClock: DayClock = { zone: fixedZone(0), rolloverHour: 4 };

describe('card state constants', () => {
  it('use the same numbers as ts-fsrs (states and ratings are stored and handed to it as numbers)', () => {
    expect(State).toEqual({
      New: FsrsState.New,
      Learning: FsrsState.Learning,
      Review: FsrsState.Review,
      Relearning: FsrsState.Relearning,
    });
    expect(Rating).toEqual({
      Manual: FsrsRating.Manual,
      Again: FsrsRating.Again,
      Hard: FsrsRating.Hard,
      Good: FsrsRating.Good,
      Easy: FsrsRating.Easy,
    });
  });
});

function makeCtx(overrides: Partial<SchedulingSettings> = {}, clock: DayClock = utcClock): AnswerContext {
  const settings = { ...DEFAULT_SETTINGS, ...overrides };
  return { scheduler: makeScheduler(settings), settings, clock };
}

/** A review card last seen 10 days before 2026-03-10 12:00Z, due that morning. */
function makeCard(overrides: Partial<CardState> = {}): CardState {
  return {
    queue: Queue.Review,
    due: utc(2026, 3, 10, 4),
    stability: 10,
    difficulty: 5,
    elapsedDays: 8,
    scheduledDays: 10,
    learningSteps: 0,
    reps: 6,
    lapses: 0,
    state: State.Review,
    lastReview: utc(2026, 2, 28, 15),
    ...overrides,
  };
}

/** 12:00Z on Tuesday 10 March 2026: 21:00 in Tokyo, 08:00 EDT in New York. */
const NOW = utc(2026, 3, 10, 12);

describe('answerCard: new cards with the default settings (steps 1m 10m)', () => {
  const ctx = makeCtx();

  it.each<[string, Grade, number]>([
    ['Again', Rating.Again, 1 * MINUTE],
    ['Hard', Rating.Hard, 6 * MINUTE], // as in Anki: the mean of the first two steps, 5.5m, rounded
    ['Good', Rating.Good, 10 * MINUTE],
  ])('%s → intraday learning', (_name, rating, wait) => {
    const { next, leech } = answerCard(newCardState(7), rating, NOW, ctx);
    expect(next.queue).toBe(Queue.Learning);
    expect(next.state).toBe(State.Learning);
    expect(next.reps).toBe(1);
    expect(next.lapses).toBe(0);
    expect(next.lastReview).toBe(NOW);
    expect(leech).toBe(false);
    expect(next.due).toBe(NOW + wait);
  });

  it('Easy graduates at once to a later study day', () => {
    const { next } = answerCard(newCardState(7), Rating.Easy, NOW, ctx);
    expect(next.queue).toBe(Queue.Review);
    expect(studyDay(next.due, utcClock)).toBeGreaterThan(studyDay(NOW, utcClock));
  });

  it.each([
    ['UTC', utcClock],
    ['Asia/Tokyo', tokyo],
    ['America/New_York', newYork],
  ])('Good, then Good when due → Review, due at the start of a later study day (%s)', (_name, clock) => {
    const c = makeCtx({}, clock);
    const first = answerCard(newCardState(0), Rating.Good, NOW, c).next;
    const second = answerCard(first, Rating.Good, first.due, c).next;
    expect(second.queue).toBe(Queue.Review);
    expect(second.state).toBe(State.Review);
    expect(second.reps).toBe(2);
    const day = studyDay(second.due, clock);
    expect(day).toBeGreaterThan(studyDay(first.due, clock));
    expect(second.due).toBe(startOfStudyDay(day, clock));
    expect(day - studyDay(first.due, clock)).toBe(second.scheduledDays);
  });

  it('does not change the card it is given', () => {
    const card = Object.freeze(newCardState(3));
    const copy = { ...card };
    answerCard(card, Rating.Good, NOW, ctx);
    expect(card).toEqual(copy);
  });
});

describe('answerCard: review cards', () => {
  it('Again → lapse, relearning, due in 10 minutes', () => {
    const card = makeCard({ lapses: 2 });
    const { next, leech } = answerCard(card, Rating.Again, NOW, makeCtx());
    expect(next).toMatchObject({ queue: Queue.Learning, state: State.Relearning, lapses: 3, reps: 7, due: NOW + 10 * MINUTE });
    expect(leech).toBe(false);
  });

  it.each<[string, Grade]>([
    ['Hard', Rating.Hard],
    ['Good', Rating.Good],
    ['Easy', Rating.Easy],
  ])('%s keeps it in Review at the start of a later study day, no lapse', (_name, rating) => {
    const { next } = answerCard(makeCard({ lapses: 2 }), rating, NOW, makeCtx());
    expect(next.queue).toBe(Queue.Review);
    expect(next.lapses).toBe(2);
    expect(next.due).toBe(startOfStudyDay(studyDay(next.due, utcClock), utcClock));
    expect(studyDay(next.due, utcClock)).toBeGreaterThan(studyDay(NOW, utcClock));
  });

  it('Hard ≤ Good ≤ Easy in days, Again in minutes (previewAnswers)', () => {
    const card = makeCard();
    const preview = previewAnswers(card, NOW, makeCtx());
    expect(preview[Rating.Again].queue).toBe(Queue.Learning);
    const days = (g: Grade) => studyDay(preview[g].due, utcClock) - studyDay(NOW, utcClock);
    expect(days(Rating.Hard)).toBeGreaterThanOrEqual(1);
    expect(days(Rating.Good)).toBeGreaterThanOrEqual(days(Rating.Hard));
    expect(days(Rating.Easy)).toBeGreaterThanOrEqual(days(Rating.Good));
  });

  it('a relearning card answered Good after its step goes back to Review', () => {
    const ctx = makeCtx();
    const lapsed = answerCard(makeCard(), Rating.Again, NOW, ctx).next;
    const { next } = answerCard(lapsed, Rating.Good, lapsed.due, ctx);
    expect(next.queue).toBe(Queue.Review);
    expect(next.state).toBe(State.Review);
    expect(next.lapses).toBe(1);
  });
});

describe('answerCard: leeches (threshold 8, then every 4 lapses)', () => {
  it.each<[string, number, Partial<SchedulingSettings>, boolean, Queue]>([
    ['lapse 1 of 8', 0, {}, false, Queue.Learning],
    ['lapse 7 of 8', 6, {}, false, Queue.Learning],
    ['lapse 8 of 8 suspends', 7, {}, true, Queue.Suspended],
    ['lapse 8 with action "tag" stays unsuspended', 7, { leechAction: 'tag' }, true, Queue.Learning],
    ['lapse 9', 8, {}, false, Queue.Learning],
    ['lapse 11', 10, {}, false, Queue.Learning],
    ['lapse 12 (8 + 4)', 11, {}, true, Queue.Suspended],
    ['lapse 16 (8 + 2·4)', 15, {}, true, Queue.Suspended],
    ['threshold 1: lapse 1', 0, { leechThreshold: 1 }, true, Queue.Suspended],
    ['threshold 1: lapse 2', 1, { leechThreshold: 1 }, true, Queue.Suspended],
    ['threshold 3: lapse 4', 3, { leechThreshold: 3 }, false, Queue.Learning],
    ['threshold 3: lapse 5 (3 + 2)', 4, { leechThreshold: 3 }, true, Queue.Suspended],
  ])('%s', (_name, lapsesBefore, settings, leech, queue) => {
    const result = answerCard(makeCard({ lapses: lapsesBefore }), Rating.Again, NOW, makeCtx(settings));
    expect(result.next.lapses).toBe(lapsesBefore + 1);
    expect(result.leech).toBe(leech);
    expect(result.next.queue).toBe(queue);
  });

  it('an answer without a lapse is never a leech, even at a leech count', () => {
    const result = answerCard(makeCard({ lapses: 8 }), Rating.Good, NOW, makeCtx());
    expect(result.leech).toBe(false);
    expect(result.next.queue).toBe(Queue.Review);
  });
});

describe('answerCard: determinism', () => {
  it.each<[string, CardState, Grade]>([
    ['new card, Good', newCardState(1), Rating.Good],
    [
      'review card with a long interval, Good (fuzz applies)',
      makeCard({ stability: 120, scheduledDays: 100, lastReview: utc(2025, 11, 30, 15) }),
      Rating.Good,
    ],
    ['review card, Easy', makeCard(), Rating.Easy],
    ['review card, Again', makeCard(), Rating.Again],
  ])('%s: identical inputs give identical results', (_name, card, rating) => {
    const a = answerCard(card, rating, NOW, makeCtx());
    const b = answerCard({ ...card }, rating, NOW, makeCtx());
    expect(b).toEqual(a);
  });
});

describe('answerCard: the review entry', () => {
  it('carries the ts-fsrs log fields (the state before the answer) and the study day', () => {
    const card = makeCard();
    const { next, entry } = answerCard(card, Rating.Good, NOW, makeCtx({}, tokyo));
    expect(entry).toEqual({
      rating: Rating.Good,
      state: State.Review,
      due: next.due,
      stability: card.stability,
      difficulty: card.difficulty,
      // Last review 2026-02-28 15:00Z = 1 March 00:00 JST → study day 28 Feb; now is 10 March 21:00 JST.
      elapsedDays: dayOf(2026, 3, 10) - dayOf(2026, 2, 28),
      lastElapsedDays: card.elapsedDays,
      scheduledDays: card.scheduledDays,
      learningSteps: card.learningSteps,
      review: NOW,
      studyDay: dayOf(2026, 3, 10),
    });
    expect(next.elapsedDays).toBe(10);
  });

  it('for a new card the entry records state New and the answer time', () => {
    const { entry } = answerCard(newCardState(0), Rating.Again, NOW, makeCtx({}, tokyo));
    expect(entry).toMatchObject({
      rating: Rating.Again,
      state: State.New,
      review: NOW,
      studyDay: dayOf(2026, 3, 10),
      elapsedDays: 0,
    });
  });

  it.each([
    // 02:00 JST on 11 March (17:00Z on 10 March) still belongs to study day 10 March.
    ['02:00 JST', utc(2026, 3, 10, 17), dayOf(2026, 3, 10)],
    ['04:00 JST', utc(2026, 3, 10, 19), dayOf(2026, 3, 11)],
  ])('an answer at %s is logged on its study day', (_name, now, day) => {
    expect(answerCard(makeCard(), Rating.Good, now, makeCtx({}, tokyo)).entry.studyDay).toBe(day);
  });
});

describe('answerCard: elapsed days are counted in study days (UTC+9)', () => {
  // Reviewed at 22:00 JST on 10 March (13:00Z), due "tomorrow" = 04:00 JST on 11 March (19:00Z).
  const lastReview = utc(2026, 3, 10, 13);
  const card = makeCard({ lastReview, due: utc(2026, 3, 10, 19), scheduledDays: 1, elapsedDays: 0, stability: 2 });
  // Answered at 05:00 JST on 11 March (20:00Z): the same UTC date as the last review.
  const answeredAt = utc(2026, 3, 10, 20);

  it('answer at 05:00 the next morning after 22:00 the night before → elapsedDays 1, not 0', () => {
    const { next, entry } = answerCard(card, Rating.Good, answeredAt, makeCtx({}, tokyo));
    expect(entry.elapsedDays).toBe(1);
    expect(next.elapsedDays).toBe(1);
    expect(entry.studyDay).toBe(dayOf(2026, 3, 11));
  });

  it('answer at 03:00 the next morning is still the same study day → elapsedDays 0', () => {
    const { entry } = answerCard(card, Rating.Good, utc(2026, 3, 10, 18), makeCtx({}, tokyo));
    expect(entry.elapsedDays).toBe(0);
  });
});

describe('formatInterval', () => {
  it.each([
    [0, '1m'],
    [30 * 1000, '1m'],
    [1 * MINUTE, '1m'],
    [10 * MINUTE, '10m'],
    [59 * MINUTE, '59m'],
    [60 * MINUTE, '1h'],
    [90 * MINUTE, '2h'],
    [23 * HOUR, '23h'],
    [24 * HOUR, '1d'],
    [4 * DAY, '4d'],
    [30 * DAY, '30d'],
    [31 * DAY, '1mo'],
    [45 * DAY, '1.5mo'],
    [76 * DAY, '2.5mo'],
    [303 * DAY, '10mo'], // 303 / 30.4 = 9.97
    [330 * DAY, '11mo'], // 330 / 30.4 = 10.86, whole months from 304 days
    [365 * DAY, '1y'],
    [548 * DAY, '1.5y'],
    [3650 * DAY, '10y'],
  ])('%i ms → %s', (ms, label) => {
    expect(formatInterval(ms)).toBe(label);
  });
});

describe('intervalLabel', () => {
  const now = utc(2026, 3, 10, 12);
  it.each<[string, Partial<CardState>, string]>([
    ['learning, 10 minutes', { queue: Queue.Learning, due: now + 10 * MINUTE }, '10m'],
    ['learning, 90 minutes', { queue: Queue.Learning, due: now + 90 * MINUTE }, '2h'],
    ['review tomorrow (16h away) counts as a day', { queue: Queue.Review, due: utc(2026, 3, 11, 4) }, '1d'],
    ['review in 3 study days', { queue: Queue.Review, due: utc(2026, 3, 13, 4) }, '3d'],
    ['review due today still shows 1d', { queue: Queue.Review, due: utc(2026, 3, 10, 4) }, '1d'],
    ['day learning in 2 study days', { queue: Queue.DayLearning, due: utc(2026, 3, 12, 4) }, '2d'],
  ])('%s → %s', (_name, next, label) => {
    expect(intervalLabel(makeCard(next), now, utcClock)).toBe(label);
  });
});

describe('activeQueue', () => {
  it.each([
    [State.New, 0, Queue.New],
    [State.Review, 5, Queue.Review],
    [State.Learning, 0, Queue.Learning],
    [State.Relearning, 0, Queue.Learning],
    [State.Learning, 1, Queue.DayLearning],
    [State.Relearning, 2, Queue.DayLearning],
  ])('state %i, %i scheduled days → queue %i', (state, scheduledDays, queue) => {
    expect(activeQueue({ state, scheduledDays })).toBe(queue);
  });
});

describe('normaliseSettings', () => {
  it('the defaults are valid and come back unchanged', () => {
    const result = normaliseSettings({});
    expect(result).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS } });
    expect(DEFAULT_SETTINGS).toMatchObject({
      desiredRetention: 0.9,
      learningSteps: ['1m', '10m'],
      relearningSteps: ['10m'],
      fuzz: true,
      leechThreshold: 8,
      leechAction: 'suspend',
      rolloverHour: 4,
    });
  });

  it.each<[string, Partial<Record<keyof SchedulingSettings, unknown>>, Partial<SchedulingSettings>]>([
    [
      'steps as text',
      { learningSteps: '2m, 15m 1h', relearningSteps: '5m' },
      { learningSteps: ['2m', '15m', '1h'], relearningSteps: ['5m'] },
    ],
    [
      'numbers as form strings',
      { newPerDay: '30', reviewsPerDay: ' 150 ', rolloverHour: '0' },
      { newPerDay: 30, reviewsPerDay: 150, rolloverHour: 0 },
    ],
    ['retention as a string', { desiredRetention: '0.85' }, { desiredRetention: 0.85 }],
    [
      'edges',
      { desiredRetention: 0.99, newPerDay: 0, reviewsPerDay: 0, rolloverHour: 23, leechThreshold: 1, learnAheadMinutes: 0 },
      { desiredRetention: 0.99, newPerDay: 0, rolloverHour: 23 },
    ],
    ['no learning steps', { learningSteps: '' }, { learningSteps: [] }],
    ['leech action tag', { leechAction: 'tag' }, { leechAction: 'tag' }],
  ])('accepts %s', (_name, input, expected) => {
    const result = normaliseSettings(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.settings).toMatchObject(expected);
  });

  it.each<[keyof SchedulingSettings, unknown, string]>([
    ['learningSteps', '10x', 'learning steps'],
    ['learningSteps', '0m', 'learning steps'],
    ['learningSteps', '-1m', 'learning steps'],
    ['relearningSteps', '10 minutes', 'relearning steps'],
    ['desiredRetention', 1.5, 'between 0.70 and 0.99'],
    ['desiredRetention', 0.5, 'between 0.70 and 0.99'],
    ['desiredRetention', 'high', 'between 0.70 and 0.99'],
    ['desiredRetention', Number.NaN, 'between 0.70 and 0.99'],
    ['newPerDay', -1, 'new cards per day'],
    ['newPerDay', 2.5, 'new cards per day'],
    ['newPerDay', '', 'new cards per day'],
    ['reviewsPerDay', -10, 'maximum reviews per day'],
    ['maximumInterval', 0, 'maximum interval'],
    ['rolloverHour', 24, '0 to 23'],
    ['rolloverHour', -1, '0 to 23'],
    ['learnAheadMinutes', 1441, 'learn-ahead'],
    ['leechThreshold', 0, 'leech threshold'],
    ['leechAction', 'x', 'leech action'],
    ['fuzz', 'yes', 'fuzz'],
  ])('rejects %s = %j with an error on that field only', (field, value, words) => {
    const result = normaliseSettings({ [field]: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field]).toContain(words);
  });

  it('readSettings keeps each valid field and puts the default in place of each invalid one, naming them', () => {
    const { settings, invalid } = readSettings({ newPerDay: 35, rolloverHour: 24, learningSteps: '10x', leechAction: 'tag' });
    expect(invalid.sort()).toEqual(['learningSteps', 'rolloverHour']);
    expect(settings).toEqual({
      ...DEFAULT_SETTINGS,
      newPerDay: 35,
      leechAction: 'tag',
      rolloverHour: DEFAULT_SETTINGS.rolloverHour,
      learningSteps: DEFAULT_SETTINGS.learningSteps,
    });
    expect(normaliseSettings({ rolloverHour: 24 })).toEqual({
      ok: false,
      errors: { rolloverHour: 'the next day starts at a whole hour from 0 to 23' },
    });
  });

  it('reports every invalid field at once', () => {
    const result = normaliseSettings({
      learningSteps: '10x',
      desiredRetention: 1.5,
      newPerDay: -1,
      rolloverHour: 24,
      leechAction: 'x',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      'desiredRetention',
      'learningSteps',
      'leechAction',
      'newPerDay',
      'rolloverHour',
    ]);
  });
});

describe('parseSteps', () => {
  it.each<[unknown, string[] | undefined]>([
    ['1m 10m', ['1m', '10m']],
    ['1m,10m', ['1m', '10m']],
    ['  1m ,  10m  ', ['1m', '10m']],
    [
      ['1m', '1h', '1d'],
      ['1m', '1h', '1d'],
    ],
    ['1.5m', ['2m']],
    ['1.5h', ['90m']],
    ['0.5d', ['720m']],
    ['', []],
    [undefined, []],
    ['10x', undefined],
    ['10', undefined],
    ['0m', undefined],
    ['1m 0h', undefined],
    ['m', undefined],
    ['1M', undefined],
  ])('%j → %j', (input, steps) => {
    expect(parseSteps(input)).toEqual(steps);
  });
});
