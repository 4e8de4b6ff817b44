import { readFileSync } from 'node:fs';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { expect } from 'vitest';
import { fixedZone } from '../../src/domain/scheduling/time';
import { ImportError, type ImportResult } from '../../src/import/model';
import { type ReadDeps, readImport } from '../../src/import/read';

/** Files written by real Anki versions (tests/fixtures/anki, see its README). */
export function ankiFixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(new URL(`../fixtures/anki/${name}`, import.meta.url)));
}

/** Small hand-written inputs kept in the repo. */
export function localFixture(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url)));
}

let sqlPromise: Promise<SqlJsStatic> | undefined;
export const sql = (): Promise<SqlJsStatic> => {
  sqlPromise ??= initSqlJs();
  return sqlPromise;
};

/** UTC, rollover at 04:00: deterministic study days. */
export const CLOCK = { zone: fixedZone(0), rolloverHour: 4 };

export function read(fileName: string, bytes: Uint8Array | string, deps: Partial<ReadDeps> = {}): Promise<ImportResult> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return readImport(fileName, data, { sql, clock: CLOCK, ...deps });
}

/** Runs the import and returns its ImportError (failing the test if it succeeds or throws anything else). */
export async function importError(
  fileName: string,
  bytes: Uint8Array | string,
  deps: Partial<ReadDeps> = {},
): Promise<ImportError> {
  let result: ImportResult | undefined;
  try {
    result = await read(fileName, bytes, deps);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error(`import of ${fileName} succeeded with ${result?.decks.length} decks`);
}

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);
