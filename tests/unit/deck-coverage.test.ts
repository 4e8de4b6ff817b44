/**
 * The built-in content against the numbers the product promises: at least 300 cards, 50 explain
 * and 40 cloze cards, and every bullet of the prep guide covered by at least 3 cards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/domain/deck-format/parse';
import { cardsByTag, deckStats } from '../../src/domain/deck-format/stats';
import { DECKS_DIR, loadDeckFiles } from '../../scripts/deck-files';
import { sample } from '../../scripts/sample-notes';

const decks = loadDeckFiles().map((d) => d.deck);
const seed = JSON.parse(readFileSync(join(DECKS_DIR, 'seed-tags.json'), 'utf8')) as { tags: Record<string, string> };
const byTag = cardsByTag(decks);
const stats = decks.map(deckStats);
const total = (pick: (s: (typeof stats)[number]) => number) => stats.reduce((n, s) => n + pick(s), 0);

describe('built-in deck numbers', () => {
  it('has at least 300 cards, 50 explain cards and 40 cloze cards', () => {
    expect(total((s) => s.cards)).toBeGreaterThanOrEqual(300);
    expect(total((s) => s.cardsByKind.explain)).toBeGreaterThanOrEqual(50);
    expect(total((s) => s.cardsByKind.cloze)).toBeGreaterThanOrEqual(40);
  });

  it('covers the thirteen topics, one deck each', () => {
    expect(decks.map((d) => d.id)).toEqual([
      'research-thinking',
      'papers-implementation',
      'experimentation',
      'failure-analysis',
      'common-mistakes',
      'interviewers',
      'statistics',
      'evaluation-design',
      'practice-explaining',
      'llm-evaluation',
      'results-reporting',
      'training-and-scale',
      'research-taste',
    ]);
  });

  it('makes every practice-explaining card an explain card', () => {
    const practice = decks.find((d) => d.id === 'practice-explaining');
    expect(practice?.notes.every((n) => n.kind === 'explain')).toBe(true);
  });
});

describe('coverage of the prep guide', () => {
  const required = Object.keys(seed.tags).filter((t) => /^seed:(mistake|tests|role|section)\//.test(t));

  it('lists the 5 mistakes, 5 abilities, 5 responsibilities and 4 section questions', () => {
    const count = (group: string) => required.filter((t) => t.startsWith(`seed:${group}/`)).length;
    expect([count('mistake'), count('tests'), count('role'), count('section')]).toEqual([5, 5, 5, 4]);
  });

  it.each(Object.keys(seed.tags))('%s is covered by at least 3 cards', (tag) => {
    expect(byTag.get(tag) ?? 0).toBeGreaterThanOrEqual(3);
  });

  it('uses no seed tag that the list does not define (a typo would hide coverage)', () => {
    const unknown = [...byTag.keys()].filter((t) => t.startsWith('seed:') && !(t in seed.tags));
    expect(unknown).toEqual([]);
  });
});

describe('docs/decks.md', () => {
  it('is the current output of npm run decks:report', async () => {
    const { decksReport, REPORT_PATH } = await import('../../scripts/decks-report');
    expect(readFileSync(REPORT_PATH, 'utf8'), 'run npm run decks:report').toBe(decksReport());
  });
});

describe('deckStats: sources and rubric kinds', () => {
  it('counts sources, src:required tags and rubric points by kind', () => {
    const deck = parseDeck(
      [
        '---\nformat: 1\nid: d\nname: D\n---',
        '## basic a\ntags: src:required\nFront: Q\nBack: A\nSource: X, 2018. <https://x.org>',
        '## basic b\nFront: Q2\nBack: A2',
        '## explain e\nPrompt: P\nAnswer: A\nRubric:\n- [test] t\n- [why] w\n- [mind] m\n- plain',
        '## explain f\nPrompt: P2\nAnswer: A2\nRubric:\n- [test] t\n- [test] t2\n- [mind] m',
      ].join('\n'),
      'd.md',
    );
    expect(deckStats(deck)).toMatchObject({
      sources: 1,
      sourceRequired: 1,
      explainNotes: 2,
      rubricPoints: { test: 3, why: 1, mind: 2, none: 1 },
      explainAllKinds: 1,
    });
  });
});

describe('the review sample (scripts/sample-notes.ts)', () => {
  it('draws distinct items, the same ones for the same seed and others for another seed', () => {
    const items = Array.from({ length: 300 }, (_, k) => k);
    const first = sample(items, 40, 17);
    expect(new Set(first).size).toBe(40);
    expect(sample(items, 40, 17)).toEqual(first);
    expect(sample(items, 40, 18)).not.toEqual(first);
    expect(sample(items, 500, 1)).toHaveLength(300);
  });
});
