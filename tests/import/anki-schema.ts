/**
 * The SQLite schema of Anki collections, as test fixtures must reproduce it.
 *
 * Written for this project from a reading of Anki's schema files (ankitects/anki,
 * `rslib/src/storage/schema11.sql` and `rslib/src/storage/upgrades/schema{14,15,17,18}_upgrade.sql`,
 * applied in the order `upgrade_to_latest_schema` runs them). What matters for a reader:
 * - schema 11 (`collection.anki2`, `.anki21`): five tables, note types and decks as JSON in `col`;
 * - schema 18 (`collection.anki21b`, and the profile's own collection file): name columns declared
 *   `COLLATE unicase`, unique indexes over them, `WITHOUT ROWID` tables (config, tags, fields,
 *   templates, graves), and the planner statistics of `ANALYZE` (sqlite_stat1, and sqlite_stat4 in
 *   Anki's SQLite build).
 * `unicase` is Anki's own collation; SQLite has no such built-in, which is the whole difficulty.
 */

/** Schema 11: the legacy collection. */
export const SCHEMA_11 = `
CREATE TABLE col (
  id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL,
  ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL,
  conf text NOT NULL, models text NOT NULL, decks text NOT NULL, dconf text NOT NULL, tags text NOT NULL
);
CREATE TABLE notes (
  id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL,
  usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL,
  csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE cards (
  id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL,
  due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL, reps integer NOT NULL,
  lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
  flags integer NOT NULL, data text NOT NULL
);
CREATE TABLE revlog (
  id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL,
  ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL,
  type integer NOT NULL
);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

/**
 * Schema 11 → 18, with `COLLATE unicase` written as the placeholder COLLATION (see buildCollection:
 * the builder creates the tables under NOCASE, which SQLite has, then writes Anki's exact
 * declaration into the schema, the state a real file is in).
 */
export const UPGRADE_TO_18 = (collation: string): string => `
CREATE TABLE deck_config (
  id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE ${collation},
  mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL
);
CREATE TABLE config (
  key text NOT NULL PRIMARY KEY, usn integer NOT NULL, mtime_secs integer NOT NULL, val blob NOT NULL
) WITHOUT ROWID;
CREATE TABLE fields (
  ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE ${collation},
  config blob NOT NULL, PRIMARY KEY (ntid, ord)
) WITHOUT ROWID;
CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);
CREATE TABLE templates (
  ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE ${collation},
  mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord)
) WITHOUT ROWID;
CREATE UNIQUE INDEX idx_templates_name_ntid ON templates (name, ntid);
CREATE INDEX idx_templates_usn ON templates (usn);
CREATE TABLE notetypes (
  id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE ${collation},
  mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL
);
CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);
CREATE INDEX idx_notetypes_usn ON notetypes (usn);
CREATE TABLE decks (
  name text NOT NULL PRIMARY KEY COLLATE ${collation}, id integer NOT NULL,
  mtime_secs integer NOT NULL, usn integer NOT NULL, common bytes NOT NULL, kind bytes NOT NULL
);
CREATE UNIQUE INDEX idx_decks_id ON decks (id);
CREATE TABLE tags (
  tag text NOT NULL PRIMARY KEY COLLATE ${collation}, usn integer NOT NULL,
  collapsed boolean NOT NULL, config blob NULL
) WITHOUT ROWID;
DROP TABLE graves;
CREATE TABLE graves (
  oid integer NOT NULL, type integer NOT NULL, usn integer NOT NULL, PRIMARY KEY (oid, type)
) WITHOUT ROWID;
CREATE INDEX idx_graves_pending ON graves (usn);
`;

/** The columns of sqlite_stat4 (SQLite's file format, "The sqlite_stat4 table"). */
export const STAT4_COLUMNS = 'tbl, idx, neq, nlt, ndlt, sample';
