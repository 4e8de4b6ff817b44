import { describe, expect, it } from 'vitest';
import { Queue, State } from '../../src/domain/scheduling/scheduler';
import {
  DAY,
  type DayClock,
  fixedZone,
  HOUR,
  startOfNextStudyDay,
  startOfStudyDay,
  studyDay,
} from '../../src/domain/scheduling/time';
import {
  cardMayMatch,
  dueInDays,
  htmlToText,
  matchCard,
  parseQuery,
  type Query,
  queueHint,
  type SearchCard,
  searchContext,
  type SearchDeck,
  type SearchNote,
  type SearchSubject,
  searchableText,
  tagMatches,
} from '../../src/domain/search/search';

/** Tokyo (UTC+9), study day from 04:00. NOW is 2026-04-02 10:00 local. */
const clock: DayClock = { zone: fixedZone(540), rolloverHour: 4 };
const NOW = Date.UTC(2026, 3, 2, 1, 0);
const ctx = searchContext(NOW, clock);
const TODAY = studyDay(NOW, clock);
const dayStart = (offset: number) => startOfStudyDay(TODAY + offset, clock);

const stats: SearchDeck = { id: 'statistics', name: 'Statistics for experiments' };
const research: SearchDeck = { id: 'research-thinking', name: 'Research thinking' };

function card(overrides: Partial<SearchCard> = {}): SearchCard {
  return {
    ord: 0,
    deckId: 'statistics',
    queue: Queue.New,
    due: 5,
    reps: 0,
    lapses: 0,
    scheduledDays: 0,
    state: State.New,
    ...overrides,
  };
}

function note(overrides: Partial<SearchNote> = {}): SearchNote {
  return {
    tags: ['statistics', 'seed:mistake/one-run-as-evidence'],
    fields: { front: 'Why is **one run** not evidence?', back: 'Seeds vary; report the spread.' },
    cards: [
      {
        ord: 0,
        front: '<p>Why is <strong>one run</strong> not evidence?</p>',
        back: '<p>Seeds vary; report the&nbsp;spread.</p>',
      },
    ],
    ...overrides,
  };
}

const review = (dueOffset: number, extra: Partial<SearchCard> = {}) =>
  card({ queue: Queue.Review, state: State.Review, due: dayStart(dueOffset), reps: 5, scheduledDays: 12, ...extra });

function parsed(q: string): Query {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(r.message);
  return r.query;
}

function matches(q: string, subject: Partial<SearchSubject> = {}): boolean {
  return matchCard(parsed(q), { card: card(), note: note(), deck: stats, ...subject }, ctx);
}

describe('parseQuery', () => {
  it.each<[string, unknown[]]>([
    ['', []],
    ['   ', []],
    ['Variance', [{ kind: 'text', text: 'variance', negate: false }]],
    [
      '"One  Run" seed',
      [
        { kind: 'text', text: 'one run' },
        { kind: 'text', text: 'seed' },
      ],
    ],
    ['-"one run"', [{ kind: 'text', text: 'one run', negate: true }]],
    ['-is:suspended', [{ kind: 'is', value: 'suspended', negate: true }]],
    ['IS:New', [{ kind: 'is', value: 'new' }]],
    [
      'flag:0 flag:7',
      [
        { kind: 'flag', flag: 0 },
        { kind: 'flag', flag: 7 },
      ],
    ],
    ['deck:"Statistics for experiments"', [{ kind: 'deck', pattern: 'Statistics for experiments' }]],
    ['tag:seed:mistake/one-run-as-evidence', [{ kind: 'tag', pattern: 'seed:mistake/one-run-as-evidence' }]],
    ['prop:lapses>3', [{ kind: 'prop', prop: 'lapses', op: '>', value: 3 }]],
    ['prop:reps>=10', [{ kind: 'prop', prop: 'reps', op: '>=', value: 10 }]],
    ['prop:ivl!=1.5', [{ kind: 'prop', prop: 'ivl', op: '!=', value: 1.5 }]],
    ['prop:due<-2', [{ kind: 'prop', prop: 'due', op: '<', value: -2 }]],
    ['"is:new"', [{ kind: 'text', text: 'is:new' }]],
    ['note:x', [{ kind: 'text', text: 'note:x' }]],
    ['"unclosed phrase', [{ kind: 'text', text: 'unclosed phrase' }]],
    ['""', []],
  ])('%j', (input, expected) => {
    const r = parseQuery(input);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.query.terms).toMatchObject(expected);
  });

  it.each<[string, string, string]>([
    ['is:nonsense', 'is:nonsense', 'Unknown filter "is:nonsense"'],
    ['variance is:', 'is:', 'needs a value'],
    ['-is:dues', '-is:dues', 'Unknown filter "-is:dues"'],
    ['flag:8', 'flag:8', 'from 0 to 7'],
    ['flag:red', 'flag:red', 'from 0 to 7'],
    ['flag:', 'flag:', 'from 0 to 7'],
    ['flag:1.5', 'flag:1.5', 'from 0 to 7'],
    ['deck:', 'deck:', 'needs a deck name or id'],
    ['tag:', 'tag:', 'needs a tag'],
    ['prop:lapses', 'prop:lapses', 'expected a comparison'],
    ['prop:lapses>x', 'prop:lapses>x', '"x" is not a number'],
    ['prop:lapses>', 'prop:lapses>', '"" is not a number'],
    ['prop:ease>2', 'prop:ease>2', 'unknown property "ease"'],
    ['is:new prop:due<1d', 'prop:due<1d', '"1d" is not a number'],
  ])('%j is refused, naming %j', (input, term, message) => {
    const r = parseQuery(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.term).toBe(term);
      expect(r.message).toContain(message);
      expect(r.message).toContain(term);
    }
  });
});

describe('matchCard', () => {
  const leech = note({ tags: ['statistics', 'Leech'] });
  it.each<[string, Partial<SearchSubject>, boolean]>([
    // free text: fields and rendered text, any case, phrases, wildcards, negation
    ['evidence', {}, true],
    ['EVIDENCE', {}, true],
    ['"one run"', {}, true], // rendered text (the field has **one run**)
    ['sourceonly', { note: note({ fields: { front: 'SourceOnly' } }) }, true], // the field as written
    ['renderedonly', { note: note({ fields: {}, cards: [{ ord: 0, front: '<p>RenderedOnly</p>', back: '' }] }) }, true],
    ['renderedonly', { note: note({ fields: {}, cards: [{ ord: 1, front: '<p>RenderedOnly</p>', back: '' }] }) }, false], // another card's side
    ['"report the spread"', {}, true], // &nbsp; decoded, spaces normalised
    ['"run one"', {}, false],
    ['see*vary', {}, true],
    ['seeds* bootstrap', {}, false],
    ['-evidence', {}, false],
    ['-bootstrap', {}, true],
    ['evidence spread', {}, true],
    ['evidence bootstrap', {}, false],
    // is:
    ['is:new', {}, true],
    ['is:new', { card: review(0) }, false],
    ['is:review', { card: review(3) }, true],
    ['is:learn', { card: card({ queue: Queue.Learning, state: State.Learning, due: NOW + 600_000 }) }, true],
    ['is:learn', { card: card({ queue: Queue.DayLearning, state: State.Relearning, due: dayStart(1) }) }, true],
    ['is:suspended', { card: card({ queue: Queue.Suspended }) }, true],
    ['is:suspended', {}, false],
    ['-is:suspended', {}, true],
    ['is:due', { card: review(0) }, true],
    ['is:due', { card: review(-4) }, true],
    ['is:due', { card: review(1) }, false],
    ['is:due', { card: card({ queue: Queue.Learning, state: State.Learning, due: dayStart(1) - 1 }) }, true],
    ['is:due', { card: card({ queue: Queue.Learning, state: State.Learning, due: dayStart(1) }) }, false],
    ['is:due', {}, false], // new cards are not "due"
    ['is:due', { card: review(0, { queue: Queue.Suspended }) }, false],
    ['is:due', { card: review(0, { buriedUntil: dayStart(1) }) }, false],
    ['is:buried', { card: card({ buriedUntil: dayStart(1) }) }, true],
    ['is:buried', { card: card({ buriedUntil: NOW }) }, false], // buried until now: no longer buried
    ['is:buried', {}, false],
    ['is:leech', { note: leech }, true],
    ['is:leech', {}, false],
    // flag:
    ['flag:0', {}, true],
    ['flag:0', { card: card({ flag: 2 }) }, false],
    ['flag:2', { card: card({ flag: 2 }) }, true],
    ['-flag:2', { card: card({ flag: 3 }) }, true],
    // deck:
    ['deck:statistics', {}, true],
    ['deck:STATISTICS', {}, true],
    ['deck:"statistics for experiments"', {}, true],
    ['deck:stat*', {}, true],
    ['deck:*experiments', {}, true],
    ['deck:statistic', {}, false], // whole value, not a substring
    ['deck:statistics', { deck: research }, false],
    ['-deck:research*', {}, true],
    ['deck:statistics', { deck: undefined }, false],
    // tag:
    ['tag:statistics', {}, true],
    ['tag:seed:mistake/one-run-as-evidence', {}, true],
    ['tag:seed:mistake', {}, true], // parent of seed:mistake/…
    ['tag:seed:*', {}, true],
    ['tag:*evidence', {}, true],
    ['tag:seed', {}, false],
    ['tag:stat', {}, false],
    ['-tag:leech', {}, true],
    // prop:
    ['prop:lapses>2', { card: review(0, { lapses: 3 }) }, true],
    ['prop:lapses>3', { card: review(0, { lapses: 3 }) }, false],
    ['prop:lapses=0', {}, true],
    ['prop:reps>=5', { card: review(0) }, true],
    ['prop:reps<5', { card: review(0) }, false],
    ['prop:ivl>10', { card: review(0) }, true],
    ['prop:ivl<=10', { card: review(0) }, false],
    ['prop:due=0', { card: review(0) }, true],
    ['prop:due<0', { card: review(-2) }, true],
    ['prop:due=-2', { card: review(-2) }, true],
    ['prop:due>=3', { card: review(3) }, true],
    ['prop:due<3', { card: review(3) }, false],
    ['prop:due<100', {}, false], // new cards have no due day
    ['prop:due=5', { card: review(5, { queue: Queue.Suspended }) }, true],
    // several terms AND together
    ['is:review deck:statistics tag:statistics prop:due<=3 evidence', { card: review(3) }, true],
    ['is:review deck:statistics tag:statistics prop:due<3 evidence', { card: review(3) }, false],
    // retired never matches
    ['', { card: card({ queue: Queue.Retired }) }, false],
    ['', { note: note({ retired: true }) }, false],
    ['', {}, true],
  ])('%j on %j → %s', (q, subject, expected) => {
    expect(matches(q, subject)).toBe(expected);
  });

  it('reads study days from the context, not the calendar', () => {
    // 03:30 local on the 3rd is still the study day of the 2nd.
    const lateNight = Date.UTC(2026, 3, 2, 18, 30);
    const late = searchContext(lateNight, clock);
    expect(late.nextDayStart).toBe(startOfNextStudyDay(NOW, clock));
    expect(dueInDays(review(0), late)).toBe(0);
    expect(matchCard(parsed('is:due'), { card: review(0), note: note(), deck: stats }, late)).toBe(true);
    const nextMorning = searchContext(lateNight + HOUR, clock);
    expect(dueInDays(review(0), nextMorning)).toBe(-1);
    expect(dueInDays(review(1), nextMorning)).toBe(0);
  });

  it('study day boundaries follow the rollover hour', () => {
    expect(ctx.nextDayStart - dayStart(0)).toBe(DAY);
    expect(new Date(ctx.nextDayStart).getUTCHours()).toBe(19); // 04:00 Tokyo
  });
});

describe('cardMayMatch (card-only prefilter)', () => {
  it.each<[string, SearchCard, boolean]>([
    ['is:new evidence', card(), true], // text is left for the full match
    ['is:review evidence', card(), false],
    ['deck:research*', card(), false],
    ['tag:anything -is:suspended', card({ queue: Queue.Suspended }), false],
    ['', card({ queue: Queue.Retired }), false],
  ])('%j', (q, c, expected) => {
    expect(cardMayMatch(parsed(q), c, stats, ctx)).toBe(expected);
  });
});

describe('queueHint', () => {
  it('narrows positive queue filters to [queue+due] ranges', () => {
    const [due] = parsed('is:due').terms;
    expect(due && queueHint(due, ctx)).toEqual([
      { queue: Queue.Learning, below: ctx.nextDayStart },
      { queue: Queue.DayLearning, below: ctx.nextDayStart },
      { queue: Queue.Review, below: ctx.nextDayStart },
    ]);
    const [notNew] = parsed('-is:new').terms;
    expect(notNew && queueHint(notNew, ctx)).toBeNull();
    const [buried] = parsed('is:buried').terms;
    expect(buried && queueHint(buried, ctx)).toBeNull();
  });
});

describe('text helpers', () => {
  it.each<[string, string]>([
    ['<p>Hello <b>world</b></p><p>again</p>', 'Hello world again'],
    ['<p>a &lt;b&gt; &amp; &#39;c&#x27; &quot;d&quot;&hellip;</p>', 'a <b> & \'c\' "d"…'],
    ['<p>x<br>y<br/>z</p>', 'x y z'],
    ['<p>2 < 3</p>', '2 < 3'],
    ['<p>The <span class="cloze">[…]</span> is</p>', 'The […] is'],
    [
      '<p>of <span class="katex"><span class="katex-mathml"><math><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">x^2</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="mord">x</span><span class="mord">2</span></span></span> here</p>',
      'of x^2 here',
    ],
    ['<!-- note --><p>kept</p>', 'kept'],
  ])('htmlToText(%j)', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('searchable text joins fields, rubric lists and the card side', () => {
    const n = note({ fields: { prompt: 'Explain A', answer: 'B', rubric: ['point one', 'point two'] } });
    const text = searchableText(n, 0);
    expect(text).toContain('explain a');
    expect(text).toContain('point two');
    expect(text).toContain('why is one run not evidence?');
  });

  it.each<[string, string, boolean]>([
    ['a/b', 'a/b', true],
    ['a', 'a/b', true],
    ['a', 'a::b', true],
    ['a', 'ab', false],
    ['A*', 'abc', true],
    ['*c', 'abc', true],
    ['a.c', 'abc', false], // regex characters are literal
  ])('tagMatches(%j, %j) = %s', (pattern, tag, expected) => {
    expect(tagMatches(pattern, tag)).toBe(expected);
  });
});
