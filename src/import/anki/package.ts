/**
 * Anki packages (.apkg, .colpkg): a zip holding a collection and its media.
 *
 * Which collection: `collection.anki21b` (zstd-compressed SQLite, schema 18) when the package
 * has it, else `collection.anki21`, else `collection.anki2` (schema 11). Modern packages also
 * hold a stub `collection.anki2` ("please update Anki"), which is why anki21b comes first. A
 * `meta` entry (protobuf PackageMetadata, field 1 = version: 1 legacy, 2 legacy, 3 latest) says
 * whether the media list and media files are zstd-compressed (latest) or plain (legacy).
 *
 * Media list: legacy JSON `{"0": "foo.wav"}` (zip entry name → file name), or protobuf
 * MediaEntries { repeated MediaEntry entries = 1 } with MediaEntry { name = 1, size = 2,
 * sha1 = 3, legacy_zip_filename = 255 }, where an entry's zip name is its index.
 */
import type { SqlJsStatic } from 'sql.js';
import type { DayClock } from '../../domain/scheduling/time';
import { ImportError, type ImportedMedia, type ImportFormat, type ImportResult, type Progress } from '../model';
import { mimeOf, WarningLog } from '../util';
import { DEFAULT_ZIP_LIMITS, unsafeEntryName, ZipReader, type ZipLimits } from '../zip';
import { type CollectionContent, readCollection } from './collection';
import { openCollection } from './sqlite';
import { ProtoError, ProtoMessage } from './protobuf';
import { zstdDecompress } from './zstd';
import { errorMessage } from '../../domain/errors';

export const COLLECTION_NAMES = ['collection.anki21b', 'collection.anki21', 'collection.anki2'] as const;

export interface PackageOptions {
  sql: () => Promise<SqlJsStatic>;
  clock: DayClock;
  limits?: Partial<ZipLimits>;
  progress?: Progress;
}

interface Layout {
  collection: (typeof COLLECTION_NAMES)[number];
  /** zstd-compressed collection, media list and media files. */
  latest: boolean;
}

function layoutOf(zip: ZipReader, file: string): Layout {
  let version: number | undefined;
  if (zip.has('meta')) {
    try {
      version = new ProtoMessage(zip.read('meta')).uint(1);
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError(`${file}:meta`, 'package metadata is damaged');
    }
    if (version < 1 || version > 3) {
      throw new ImportError(
        `${file}:meta`,
        `package version ${version} is newer than this app understands; export it from Anki with "Support older Anki versions" ticked`,
      );
    }
  }
  if (version === 3 || (version === undefined && zip.has('collection.anki21b'))) {
    if (!zip.has('collection.anki21b'))
      throw new ImportError(file, 'package says it is the latest format but has no collection.anki21b');
    return { collection: 'collection.anki21b', latest: true };
  }
  for (const name of COLLECTION_NAMES) {
    if (name !== 'collection.anki21b' && zip.has(name)) return { collection: name, latest: false };
  }
  throw new ImportError(file, 'not an Anki package (no collection.anki21b, collection.anki21 or collection.anki2 inside)');
}

export async function readAnkiPackage(
  fileName: string,
  bytes: Uint8Array,
  format: Extract<ImportFormat, 'apkg' | 'colpkg'>,
  options: PackageOptions,
): Promise<ImportResult> {
  const { progress } = options;
  const warnings = new WarningLog();
  progress?.(0, 1, 'unzip');
  const zip = new ZipReader(bytes, fileName, { ...DEFAULT_ZIP_LIMITS, ...options.limits });
  const layout = layoutOf(zip, fileName);
  const where = `${fileName}:${layout.collection}`;

  let sqlite = zip.read(layout.collection);
  if (layout.latest) {
    progress?.(0, 1, 'decompress');
    sqlite = zstdDecompress(sqlite, where, layout.collection, zip.budget);
  }
  const content = await readSqliteCollection(sqlite, where, fileName, options, warnings);

  progress?.(0, 1, 'media');
  const media = readMedia(zip, fileName, layout, warnings);
  progress?.(1, 1, 'done');
  return {
    format,
    fileName,
    decks: content.decks,
    media,
    scheduling: content.scheduling,
    reviews: content.reviews,
    warnings: warnings.finish(),
  };
}

/** The collection inside a package, or a bare collection file: SQLite bytes → decks, scheduling, history. */
async function readSqliteCollection(
  sqlite: Uint8Array,
  where: string,
  fileName: string,
  options: PackageOptions,
  warnings: WarningLog,
): Promise<CollectionContent> {
  if (!startsWith(sqlite, 'SQLite format 3\u0000')) {
    throw new ImportError(where, 'the collection is not an SQLite database (the file is damaged)');
  }
  let SQL: SqlJsStatic;
  try {
    SQL = await options.sql();
  } catch (error) {
    throw new ImportError(fileName, `the SQLite reader (sql.js) could not start (${errorMessage(error)})`);
  }
  const db = openCollection(SQL, sqlite, where);
  try {
    const { progress, clock } = options;
    return readCollection(db, { where, clock, warnings, ...(progress ? { progress } : {}) });
  } finally {
    db.close();
  }
}

/**
 * A bare collection file (`collection.anki2` from Anki's profile folder, or `.anki21`), read like
 * a .colpkg: notes, scheduling and history. Its media live in a folder beside it, not in the file,
 * so none arrive; the preview says so when a card refers to one.
 */
export async function readAnkiCollectionFile(
  fileName: string,
  bytes: Uint8Array,
  options: PackageOptions,
): Promise<ImportResult> {
  const warnings = new WarningLog();
  options.progress?.(0, 1, 'read');
  const content = await readSqliteCollection(bytes, fileName, fileName, options, warnings);
  if (content.decks.some((d) => d.notes.some((n) => n.cards.some((c) => /<img\b|\[sound:|<audio\b/i.test(c.front + c.back))))) {
    warnings.add(
      fileName,
      'a bare collection file holds no media; images and sounds its cards refer to will be missing (export a .colpkg from Anki to bring them)',
      'media-missing',
    );
  }
  options.progress?.(1, 1, 'done');
  return {
    format: 'colpkg',
    fileName,
    decks: content.decks,
    media: [],
    scheduling: content.scheduling,
    reviews: content.reviews,
    warnings: warnings.finish(),
  };
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (bytes[k] !== text.charCodeAt(k)) return false;
  return true;
}

/** Zip entry name → media file name. */
function mediaList(zip: ZipReader, file: string, layout: Layout): Array<{ entry: string; name: string }> {
  if (!zip.has('media')) return [];
  const where = `${file}:media`;
  let data = zip.read('media');
  if (layout.latest) {
    data = zstdDecompress(data, where, 'media', zip.budget);
    let list: ProtoMessage[];
    try {
      list = new ProtoMessage(data).messages(1);
    } catch (error) {
      throw new ImportError(where, `the media list is damaged (${error instanceof ProtoError ? error.message : String(error)})`);
    }
    return list.map((m, index) => ({
      entry: m.has(255) ? String(m.uint(255)) : String(index),
      name: m.string(1),
    }));
  }
  let map: unknown;
  try {
    map = JSON.parse(new TextDecoder().decode(data) || '{}');
  } catch {
    throw new ImportError(where, 'the media list is not valid JSON');
  }
  if (!map || typeof map !== 'object' || Array.isArray(map)) throw new ImportError(where, 'the media list is not a JSON object');
  return Object.entries(map as Record<string, unknown>).map(([entry, name]) => ({ entry, name: String(name) }));
}

/** Names a file cannot have once exported and unpacked elsewhere (Windows devices, options, too long). */
const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.[^.]*)?$/i;
export function unportableMediaName(name: string): string | undefined {
  if (DEVICE_NAME.test(name)) return 'is a reserved device name on Windows';
  if (name.startsWith('-')) return 'starts with "-" (it would read as a command option)';
  if (name.length > 255) return `is ${name.length} characters long (at most 255)`;
  return undefined;
}

function readMedia(zip: ZipReader, file: string, layout: Layout, warnings: WarningLog): ImportedMedia[] {
  const out: ImportedMedia[] = [];
  const names = new Set<string>();
  for (const { entry, name } of mediaList(zip, file, layout)) {
    const where = `${file}:${entry}`;
    const unsafe =
      unsafeEntryName(name) ?? (name.includes('/') ? 'has a folder in its name' : undefined) ?? unportableMediaName(name);
    if (unsafe || name === '.' || name === '..') {
      warnings.add(where, `media file ${JSON.stringify(name)} ${unsafe ?? 'has an unusable name'}; skipped`, 'media-name');
      continue;
    }
    if (names.has(name)) {
      warnings.add(where, `media file "${name}" is listed twice; the first copy was kept`, 'media-dup');
      continue;
    }
    if (!zip.has(entry)) {
      warnings.add(where, `media file "${name}" is listed but missing from the package`, 'media-missing');
      continue;
    }
    let data = zip.read(entry);
    if (layout.latest) data = zstdDecompress(data, where, entry, zip.budget);
    names.add(name);
    out.push({ name: name.normalize('NFC'), mime: mimeOf(name), data });
  }
  return out;
}
