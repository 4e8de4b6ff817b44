/**
 * Parser fuzzing with fast-check, seeded and reproducible (RELIABILITY_SEED, default 15). Every
 * reader gets generated and mutated inputs: it returns a result or throws its own error type,
 * naming the file (and line where there is one); never an unstructured exception. Readers never
 * write storage (they run in the import worker), so "no partial write" is the commit's property,
 * tested by the backup round trip and the crash runs.
 *
 * `npm test`: a few hundred inputs per reader; `npm run test:reliability` (RELIABILITY=long):
 * at least 1,000 per reader.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/domain/search/search';
import { ImportError } from '../../src/import/model';
import { BackupError, parseBackup } from '../../src/storage/backup';
import { ankiFixture, read } from '../import/helpers';

const LONG = process.env.RELIABILITY === 'long';
const SEED = Number(process.env.RELIABILITY_SEED ?? 15);
const runs = (short: number) => (LONG ? Math.max(1000, short) : short);
const options = (short: number) => ({ seed: SEED, numRuns: runs(short), endOnFailure: true });

/** Runs a reader; returns the error it threw (undefined when it read the input). */
async function outcome(fileName: string, bytes: Uint8Array | string): Promise<unknown> {
  try {
    await read(fileName, bytes, { limits: { maxEntries: 200, maxEntryBytes: 2_000_000, maxTotalBytes: 4_000_000 } });
    return undefined;
  } catch (error) {
    return error;
  }
}

function expectStructured(error: unknown, fileName: string): void {
  if (error === undefined) return;
  expect(error).toBeInstanceOf(ImportError);
  const e = error as ImportError;
  expect(e.where.startsWith(fileName)).toBe(true);
  expect(e.problem.length).toBeGreaterThan(0);
}

/** Text made of the characters that matter to a format, plus anything. */
const textOf = (alphabet: string[]) =>
  fc
    .array(fc.oneof(fc.constantFrom(...alphabet), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })), {
      maxLength: 60,
    })
    .map((parts) => parts.join(''));

const MARKDOWN = [
  '# Deck\n',
  '---\n',
  '\n',
  '## ',
  'Q: ',
  'A: ',
  '{{c1::',
  '}}',
  '::',
  '$$',
  '$',
  '```',
  'id: ',
  'tags: ',
  '- ',
  '::: ',
  '<',
  '>',
  '\t',
  '\r\n',
];
const DELIMITED = [
  '#separator:Tab\n',
  '#separator:Comma\n',
  '#html:true\n',
  '#deck:',
  '#tags column:',
  '\t',
  ',',
  ';',
  '"',
  '""',
  '\n',
  '\r\n',
  '<b>',
  '\u0000',
];

describe(`fuzzing the readers (seed ${SEED})`, () => {
  it('Markdown decks', async () => {
    await fc.assert(
      fc.asyncProperty(textOf(MARKDOWN), async (text) => expectStructured(await outcome('fuzz.md', text), 'fuzz.md')),
      options(300),
    );
  });

  it('JSON decks: any JSON value, and deck-shaped values with wrong parts', async () => {
    const deckish = fc.record(
      {
        format: fc.oneof(fc.constant('recall-re-deck'), fc.string()),
        version: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
        id: fc.oneof(fc.string(), fc.integer()),
        name: fc.oneof(fc.string(), fc.constant(null)),
        notes: fc.array(
          fc.record(
            {
              id: fc.string(),
              kind: fc.constantFrom('basic', 'cloze', 'reverse', 'explain', 'x'),
              front: fc.string(),
              back: fc.jsonValue(),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 5 },
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), deckish), async (value) =>
        expectStructured(await outcome('fuzz.json', JSON.stringify(value) ?? 'null'), 'fuzz.json'),
      ),
      options(300),
    );
  });

  it('CSV / TSV / TXT', async () => {
    await fc.assert(
      fc.asyncProperty(textOf(DELIMITED), fc.constantFrom('fuzz.csv', 'fuzz.tsv', 'fuzz.txt'), async (text, name) =>
        expectStructured(await outcome(name, text), name),
      ),
      options(300),
    );
  });

  it('Anki packages with flipped bytes, truncations and splices', async () => {
    const base = ankiFixture('update1.apkg');
    const mutation = fc.oneof(
      fc
        .array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
        .map((flips) => {
          const bytes = base.slice();
          for (const [at, value] of flips) bytes[at] = value;
          return bytes;
        }),
      fc.nat(base.length - 1).map((n) => base.slice(0, n + 1)),
      fc.tuple(fc.nat(base.length - 1), fc.uint8Array({ maxLength: 64 })).map(([at, junk]) => {
        const out = new Uint8Array(base.length + junk.length);
        out.set(base.subarray(0, at));
        out.set(junk, at);
        out.set(base.subarray(at), at + junk.length);
        return out;
      }),
    );
    await fc.assert(
      fc.asyncProperty(mutation, async (bytes) => expectStructured(await outcome('fuzz.apkg', bytes), 'fuzz.apkg')),
      options(60),
    );
  }, 600_000);

  it('backup files: a backup or a BackupError naming the file', () => {
    const backupish = fc.record(
      {
        format: fc.oneof(fc.constant('recall-re-backup'), fc.string()),
        version: fc.oneof(fc.constant(1), fc.jsonValue()),
        decks: fc.oneof(fc.array(fc.record({ id: fc.string(), name: fc.jsonValue() }, { requiredKeys: [] })), fc.jsonValue()),
        notes: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.jsonValue()),
        cards: fc.array(fc.record({ id: fc.string(), noteId: fc.string(), due: fc.jsonValue() }, { requiredKeys: [] }), {
          maxLength: 3,
        }),
        reviews: fc.array(fc.jsonValue(), { maxLength: 3 }),
        settings: fc.array(fc.record({ key: fc.jsonValue() }), { maxLength: 3 }),
        media: fc.array(fc.record({ id: fc.string(), base64: fc.jsonValue() }), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
          backupish.map((v) => JSON.stringify(v)),
        ),
        (text) => {
          try {
            const parsed = parseBackup(text, 'fuzz-backup.json');
            expect(parsed.format).toBe('recall-re-backup');
          } catch (error) {
            expect(error).toBeInstanceOf(BackupError);
            expect((error as BackupError).where).toBe('fuzz-backup.json');
          }
        },
      ),
      options(500),
    );
  });

  it('search queries: parsed, or refused naming the term', () => {
    const query = textOf([
      'deck:',
      'tag:',
      'is:',
      'prop:',
      'flag:',
      '"',
      '-',
      '(',
      ')',
      'OR',
      ' ',
      '*',
      '_',
      '\\',
      'ivl>',
      '=',
      '<=',
      ':',
    ]);
    fc.assert(
      fc.property(query, (text) => {
        const result = parseQuery(text);
        if (!result.ok) {
          expect(typeof result.term).toBe('string');
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      options(1000),
    );
  });
});
