/**
 * Backup round trip as a property (fast-check, seeded): random collections (every note kind,
 * flags, suspensions, burials, presets, settings, media, reviews) → backup → wipe → restore →
 * identical, table by table; and a merge-restore of two backups holds the union of both.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTE_KINDS } from '../../src/domain/deck-format/model';
import { Queue, State } from '../../src/domain/scheduling/scheduler';
import { parseBackup, restoreBackup } from '../../src/storage/backup';
import type { AppDatabase, CardRow, DeckRow, NoteRow, PresetRow, ReviewRow } from '../../src/storage/db';
import { everyTable, freshDb, html, makeBackup } from './helpers';

const LONG = process.env.RELIABILITY === 'long';
const SEED = Number(process.env.RELIABILITY_SEED ?? 15);

const collection = fc
  .record({
    decks: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }),
    notes: fc.array(
      fc.record({
        kind: fc.constantFrom(...NOTE_KINDS),
        tags: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
        text: fc.string({ maxLength: 20 }),
        sides: fc.integer({ min: 1, max: 3 }),
        deck: fc.nat(),
      }),
      { maxLength: 12 },
    ),
    card: fc.record({
      queue: fc.constantFrom(Queue.New, Queue.Learning, Queue.Review, Queue.DayLearning, Queue.Suspended, Queue.Retired),
      flag: fc.integer({ min: 0, max: 7 }),
      buried: fc.boolean(),
      stability: fc.double({ min: 0, max: 1000, noNaN: true }),
      reps: fc.nat(50),
    }),
    reviews: fc.array(
      fc.record({ note: fc.nat(), at: fc.integer({ min: 1.7e12, max: 1.8e12 }), rating: fc.constantFrom(1, 2, 3, 4) }),
      {
        maxLength: 20,
      },
    ),
    media: fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.uint8Array({ maxLength: 32 })), { maxLength: 3 }),
    preset: fc.option(fc.double({ min: 0.7, max: 0.99, noNaN: true }), { nil: undefined }),
    theme: fc.constantFrom('light', 'dark', 'system'),
  })
  .map((c) => {
    const decks: DeckRow[] = c.decks.map((name, i) => ({
      id: `d${i}`,
      name,
      description: '',
      source: 'user',
      order: i,
      ...(i === 0 && c.preset !== undefined ? { presetId: 'p1' } : {}),
    }));
    const notes: NoteRow[] = c.notes.map((n, i) => ({
      id: `n${i}`,
      deckId: `d${n.deck % decks.length}`,
      kind: n.kind,
      tags: n.tags,
      fields: { front: n.text, back: `${n.text}!` },
      cards: Array.from({ length: n.sides }, (_, ord) => ({ ord, front: html(`<p>${n.text}</p>`), back: html(`<p>${ord}</p>`) })),
      hash: `h${i}`,
    }));
    const cards: CardRow[] = notes.flatMap((n, i) =>
      n.cards.map((side) => ({
        id: `${n.id}#${side.ord}`,
        noteId: n.id,
        deckId: n.deckId,
        ord: side.ord,
        queue: (i + side.ord) % 2 === 0 ? c.card.queue : Queue.New,
        due: 1.75e12 + i,
        stability: c.card.stability,
        difficulty: 5,
        elapsedDays: 1,
        scheduledDays: 2,
        learningSteps: 0,
        reps: c.card.reps,
        lapses: 0,
        state: c.card.queue === Queue.New ? State.New : State.Review,
        lastReview: c.card.reps > 0 ? 1.74e12 + i : null,
        ...(c.card.flag ? { flag: c.card.flag } : {}),
        ...(c.card.buried ? { buriedUntil: 1.76e12 } : {}),
      })),
    );
    const reviews: ReviewRow[] = notes.length
      ? c.reviews.map((r, k) => {
          const note = notes[r.note % notes.length] as NoteRow;
          return {
            id: k + 1,
            cardId: `${note.id}#0`,
            noteId: note.id,
            deckId: note.deckId,
            rating: r.rating as 1 | 2 | 3 | 4,
            state: State.Review,
            due: r.at + 86_400_000,
            stability: 3,
            difficulty: 5,
            elapsedDays: 1,
            lastElapsedDays: 1,
            scheduledDays: 1,
            learningSteps: 0,
            review: r.at + k,
            studyDay: 20_000,
            durationMs: 1000,
            before: {
              queue: Queue.Review,
              due: r.at,
              stability: 2,
              difficulty: 5,
              elapsedDays: 1,
              scheduledDays: 1,
              learningSteps: 0,
              reps: 1,
              lapses: 0,
              state: State.Review,
              lastReview: r.at - 1,
            },
            beforeQueue: Queue.Review,
          };
        })
      : [];
    const media = c.media.map(([name, bytes], i) => ({ id: `${i}-${name}`, mime: 'image/png', bytes }));
    const presets: PresetRow[] =
      c.preset === undefined ? [] : [{ id: 'p1', name: 'Strict', values: { desiredRetention: c.preset } as PresetRow['values'] }];
    return { decks, notes, cards, reviews, media, presets, settings: [{ key: 'uiPrefs', value: { theme: c.theme } }] };
  });

type Collection = typeof collection extends fc.Arbitrary<infer T> ? T : never;

async function fill(db: AppDatabase, c: Collection): Promise<void> {
  await db.decks.bulkAdd(c.decks);
  await db.notes.bulkAdd(c.notes);
  await db.cards.bulkAdd(c.cards);
  await db.reviews.bulkAdd(c.reviews);
  await db.settings.bulkAdd(c.settings);
  await db.presets.bulkAdd(c.presets);
  await db.media.bulkAdd(
    c.media.map((m) => ({ id: m.id, mime: m.mime, blob: new Blob([m.bytes as Uint8Array<ArrayBuffer>], { type: m.mime }) })),
  );
}

describe(`backup round trip (seed ${SEED})`, () => {
  it('regression: a backup left out the deck options presets; backup → wipe → restore gives back every table exactly', async () => {
    await fc.assert(
      fc.asyncProperty(collection, async (c) => {
        const db = freshDb('roundtrip');
        try {
          await fill(db, c);
          const before = await everyTable(db);
          const file = JSON.stringify(await makeBackup(db, 1.8e12));
          await db.delete();
          await db.open();
          await restoreBackup(db, parseBackup(file, 'b.json'), 'replace');
          expect(await everyTable(db)).toEqual(before);
        } finally {
          db.close();
        }
      }),
      { seed: SEED, numRuns: LONG ? 500 : 40 },
    );
  }, 300_000);

  it('merge-restoring two backups gives the union of their decks, notes, cards, reviews and media', async () => {
    await fc.assert(
      fc.asyncProperty(collection, collection, async (a, b) => {
        const one = freshDb('merge-a');
        const two = freshDb('merge-b');
        const into = freshDb('merge-into');
        try {
          // Two devices: the second one's ids are its own.
          const rename = (c: Collection): Collection =>
            JSON.parse(
              JSON.stringify(c)
                .replace(/"(n|d)(\d+)/g, '"$1b$2')
                .replace(/"(\d+-)/g, '"b$1'),
            );
          const bb = { ...rename({ ...b, media: [] }), media: b.media.map((m) => ({ ...m, id: `b${m.id}` })) };
          await fill(one, a);
          await fill(two, bb);
          await restoreBackup(into, parseBackup(JSON.stringify(await makeBackup(one, 1.8e12)), 'a.json'), 'merge');
          await restoreBackup(into, parseBackup(JSON.stringify(await makeBackup(two, 1.8e12)), 'b.json'), 'merge');
          const got = await everyTable(into);
          const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
          expect(ids(got.decks)).toEqual(ids([...a.decks, ...bb.decks]));
          expect(ids(got.notes)).toEqual(ids([...a.notes, ...bb.notes]));
          expect(ids(got.cards)).toEqual(ids([...a.cards, ...bb.cards]));
          expect(ids(got.media)).toEqual(ids([...a.media, ...bb.media]));
          const key = (r: ReviewRow) => `${r.cardId}@${r.review}`;
          expect(got.reviews.map(key).sort()).toEqual([...a.reviews, ...bb.reviews].map(key).sort());
        } finally {
          for (const db of [one, two, into]) db.close();
        }
      }),
      { seed: SEED, numRuns: LONG ? 200 : 20 },
    );
  }, 300_000);
});
