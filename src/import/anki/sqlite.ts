/**
 * Opens an Anki collection's SQLite bytes with sql.js, readable whatever Anki version wrote it.
 *
 * Since schema 14 Anki declares `COLLATE unicase` (its own Unicode case-insensitive collation) on
 * the name columns of notetypes, fields, templates, decks, deck_config and tags, with unique
 * indexes and `WITHOUT ROWID` tables over them. sql.js cannot register a collation, and SQLite
 * refuses to plan a query over such a table without it ("no query solution", "no such collation
 * sequence: unicase"). The reader works on its own in-memory copy of the bytes (the user's file
 * is never written), so on that copy the declared collation becomes SQLite's built-in NOCASE.
 * Every row and every byte of data stays as it was: only the schema text of the copy changes.
 * NOCASE orders ASCII exactly as unicase does and differs only in folding non-ASCII case, which
 * the reader never depends on: it reads whole tables and looks nothing up by name.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { ImportError } from '../model';
import { errorMessage } from '../../domain/errors';

const UNICASE = /\bcollate\s+unicase\b/gi;

/** Opens the bytes as a private in-memory database; `where` names it in errors ("deck.apkg:collection.anki21b"). */
export function openCollection(SQL: SqlJsStatic, bytes: Uint8Array, where: string): Database {
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    throw new ImportError(where, `not a readable SQLite database (${errorMessage(error)})`);
  }
  try {
    replaceUnicase(db);
  } catch (error) {
    db.close();
    throw new ImportError(where, `not a readable SQLite database (${errorMessage(error)})`);
  }
  return db;
}

/** The number of schema entries that were rewritten (0 for collections older than schema 14). */
export function replaceUnicase(db: Database): number {
  const entries: Array<{ name: string; sql: string }> = [];
  const stmt = db.prepare("select name, sql from sqlite_master where sql like '%unicase%'");
  try {
    while (stmt.step()) {
      const [name, sql] = stmt.get();
      if (typeof name === 'string' && typeof sql === 'string') entries.push({ name, sql });
    }
  } finally {
    stmt.free();
  }
  const changed = entries
    .map(({ name, sql }) => ({ name, sql: sql.replace(UNICASE, 'COLLATE NOCASE') }))
    .filter(({ sql }, k) => sql !== entries[k]?.sql);
  if (changed.length === 0) return 0;
  db.run('PRAGMA writable_schema = ON');
  try {
    for (const { name, sql } of changed) db.run('update sqlite_master set sql = ? where name = ?', [sql, name]);
  } finally {
    // RESET makes the connection parse the schema again, with the built-in collation.
    db.run('PRAGMA writable_schema = RESET');
  }
  return changed.length;
}
