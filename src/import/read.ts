/**
 * The one entry point for imports: detects the format from the content (zip → Anki package,
 * JSON, native Markdown with `format:` front matter, otherwise delimited text), checks that the
 * file's extension agrees, and hands over to the reader. Every bad input becomes an ImportError
 * naming the file and the line, row or zip entry; nothing partial is returned.
 */
import type { SqlJsStatic } from 'sql.js';
import { type DayClock, runtimeZone } from '../domain/scheduling/time';
import { readAnkiCollectionFile, readAnkiPackage } from './anki/package';
import { readDelimited } from './csv';
import { readJson } from './json';
import { looksLikeNativeMarkdown, readMarkdown } from './markdown';
import { ImportError, type ImportFormat, type ImportResult, type Progress } from './model';
import { decodeText } from './text';
import { WarningLog } from './util';
import type { ZipLimits } from './zip';
import { errorMessage } from '../domain/errors';

export interface ReadDeps {
  /** sql.js, initialised: `initSqlJs()` in Node, with `locateFile` for the wasm URL in the browser. */
  sql: () => Promise<SqlJsStatic>;
  /** Study-day clock for imported due dates and review days (default: this runtime's zone, 04:00). */
  clock?: DayClock;
  /** Smaller zip limits, for tests (defaults in zip.ts). */
  limits?: Partial<ZipLimits>;
}

type Family = 'zip' | 'collection' | 'json' | 'markdown' | 'text';

const FAMILY_OF_EXTENSION: Record<string, Family> = {
  apkg: 'zip',
  colpkg: 'zip',
  anki2: 'collection',
  anki21: 'collection',
  json: 'json',
  md: 'markdown',
  markdown: 'markdown',
  csv: 'text',
  tsv: 'text',
  txt: 'text',
};

const EXPECTED: Record<Family, string> = {
  zip: '.apkg or .colpkg',
  collection: '.anki2',
  json: '.json',
  markdown: '.md',
  text: '.csv, .tsv or .txt',
};

const DESCRIBED: Record<Family, string> = {
  zip: 'a zip archive (an Anki package)',
  collection: 'an SQLite database (an Anki collection file)',
  json: 'a JSON deck',
  markdown: 'a Markdown deck',
  text: 'delimited text',
};

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

function isSqlite(bytes: Uint8Array): boolean {
  const magic = 'SQLite format 3';
  for (let k = 0; k < magic.length; k++) if (bytes[k] !== magic.charCodeAt(k)) return false;
  return true;
}

function parsesAsJson(text: string): boolean {
  if (!/^\s*[{[]/.test(text)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function wrongExtension(fileName: string, ext: string, content: Family): ImportError {
  return new ImportError(
    fileName,
    `the file looks like ${DESCRIBED[content]} but is named .${ext}; rename it to ${EXPECTED[content]} if that is what it is`,
  );
}

export async function readImport(
  fileName: string,
  bytes: Uint8Array,
  deps: ReadDeps,
  progress?: Progress,
): Promise<ImportResult> {
  try {
    return await dispatch(fileName, bytes, deps, progress);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(fileName, `could not be read (${errorMessage(error)})`);
  }
}

async function dispatch(fileName: string, bytes: Uint8Array, deps: ReadDeps, progress?: Progress): Promise<ImportResult> {
  const ext = extensionOf(fileName);
  const family = FAMILY_OF_EXTENSION[ext];
  if (bytes.length === 0) throw new ImportError(fileName, 'the file is empty');
  if (!family) {
    throw new ImportError(
      fileName,
      `unsupported file type ${ext ? `".${ext}"` : '(no extension)'}; import an Anki package (.apkg, .colpkg) or collection (.anki2, .anki21), a deck (.md, .json) or a table (.csv, .tsv, .txt)`,
    );
  }
  progress?.(0, 1, 'detect');
  const clock = deps.clock ?? { zone: runtimeZone, rolloverHour: 4 };

  if (isZip(bytes)) {
    if (family !== 'zip') throw wrongExtension(fileName, ext, 'zip');
    return readAnkiPackage(fileName, bytes, ext === 'colpkg' ? 'colpkg' : 'apkg', {
      sql: deps.sql,
      clock,
      ...(deps.limits ? { limits: deps.limits } : {}),
      ...(progress ? { progress } : {}),
    });
  }
  if (family === 'zip') {
    throw new ImportError(
      fileName,
      isSqlite(bytes)
        ? 'is a bare SQLite file, not an Anki package; export the deck from Anki as .apkg, or name the file .anki2 to import it as a whole collection'
        : 'is not an Anki package (Anki packages are zip archives; this file is not one, or it is damaged)',
    );
  }
  if (family === 'collection') {
    if (!isSqlite(bytes)) {
      throw new ImportError(
        fileName,
        'is not an Anki collection file (those are SQLite databases; this file is not one, or it is damaged)',
      );
    }
    return readAnkiCollectionFile(fileName, bytes, { sql: deps.sql, clock, ...(progress ? { progress } : {}) });
  }
  if (isSqlite(bytes)) throw wrongExtension(fileName, ext, 'collection');

  const text = decodeText(bytes, fileName);
  if (text.trim() === '') throw new ImportError(fileName, 'the file is empty (only blank lines)');
  const result = (format: ImportFormat, decks: ImportResult['decks'], warnings: ImportResult['warnings'] = []): ImportResult => {
    progress?.(1, 1, 'done');
    return { format, fileName, decks, media: [], scheduling: [], reviews: [], warnings };
  };

  switch (family) {
    case 'json':
      if (!/^\s*[{[]/.test(text) && looksLikeNativeMarkdown(text)) throw wrongExtension(fileName, ext, 'markdown');
      return result('json', [readJson(fileName, text)]);
    case 'markdown':
      if (parsesAsJson(text)) throw wrongExtension(fileName, ext, 'json');
      return result('markdown', [readMarkdown(fileName, text)]);
    case 'text': {
      if (parsesAsJson(text)) throw wrongExtension(fileName, ext, 'json');
      if (looksLikeNativeMarkdown(text)) throw wrongExtension(fileName, ext, 'markdown');
      const warnings = new WarningLog();
      const { decks } = readDelimited(fileName, text, warnings, progress);
      return result('csv', decks, warnings.finish());
    }
  }
}
