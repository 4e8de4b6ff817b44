/**
 * Builds Anki packages inside tests, since no real anki21b fixture exists: sql.js writes the
 * collection with Anki's whole schema (anki-schema.ts: schema 18 with unicase collations,
 * WITHOUT ROWID tables and statistics; schema 11 for the legacy layout), @bokuweb/zstd-wasm
 * compresses it, `meta` and the media list are protobuf as Anki writes them, fflate zips it all.
 */
import { init as initZstd, compress as zstdCompress } from '@bokuweb/zstd-wasm';
import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import type { Database } from 'sql.js';
import { SCHEMA_11, STAT4_COLUMNS, UPGRADE_TO_18 } from './anki-schema';
import { sql } from './helpers';

// --- protobuf writing (just what the fixtures need) ---

export function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}
export const pbVarint = (field: number, value: number): number[] => [...varint(field * 8), ...varint(value)];
export const pbBytes = (field: number, bytes: ArrayLike<number>): number[] => [
  ...varint(field * 8 + 2),
  ...varint(bytes.length),
  ...Array.from(bytes),
];
export const pbString = (field: number, text: string): number[] => pbBytes(field, new TextEncoder().encode(text));
export const pb = (...parts: number[][]): Uint8Array => new Uint8Array(parts.flat());

// --- package description ---

export interface NoteTypeSpec {
  id: number;
  name: string;
  cloze?: boolean;
  fields: string[];
  templates: Array<{ name: string; q: string; a: string }>;
}
export interface DeckSpec {
  id: number;
  name: string;
  description?: string;
}
export interface NoteSpec {
  id: number;
  guid: string;
  mid: number;
  tags?: string;
  fields: string[];
}
export interface CardSpec {
  id: number;
  nid: number;
  did: number;
  ord: number;
  type?: number;
  queue?: number;
  due?: number;
  ivl?: number;
  factor?: number;
  reps?: number;
  lapses?: number;
  odue?: number;
  odid?: number;
  data?: string;
}
export interface RevlogSpec {
  id: number;
  cid: number;
  ease: number;
  ivl: number;
  time: number;
  type: number;
}
export interface PackageSpec {
  layout: 'anki21b' | 'anki2';
  crt: number;
  schedVer?: number;
  notetypes: NoteTypeSpec[];
  decks: DeckSpec[];
  notes: NoteSpec[];
  cards: CardSpec[];
  revlog?: RevlogSpec[];
  media?: Array<{ name: string; data: Uint8Array }>;
  /** Extra zip entries (e.g. the stub collection.anki2 of modern packages). */
  extra?: Record<string, Uint8Array>;
}

let zstdReady: Promise<void> | undefined;
export async function zstd(data: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  zstdReady ??= initZstd();
  await zstdReady;
  return new Uint8Array(zstdCompress(data, 3));
}

/** A SQLite record (the file format's row encoding) of text and integer values, as sqlite_stat4 samples hold. */
function sqliteRecord(values: Array<string | number>): Uint8Array {
  const types: number[] = [];
  const body: number[] = [];
  for (const v of values) {
    if (typeof v === 'number') {
      types.push(6); // 64-bit big-endian integer
      const big = BigInt(v);
      for (let shift = 56n; shift >= 0n; shift -= 8n) body.push(Number((big >> shift) & 0xffn));
    } else {
      const bytes = new TextEncoder().encode(v);
      types.push(13 + 2 * bytes.length);
      body.push(...bytes);
    }
  }
  const header = types.flatMap(varint);
  return new Uint8Array([...varint(header.length + 1), ...header, ...body]);
}

/** Anki's note checksum: the first 8 hex digits of SHA-1 of the stripped sort field, as an integer. */
function checksum(text: string): number {
  return Number.parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);
}

/**
 * The SQLite collection file for a spec, with Anki's whole schema (tests/import/anki-schema.ts):
 * schema 11 for the legacy layout; for anki21b, schema 18 with its `COLLATE unicase` columns,
 * unique indexes, WITHOUT ROWID tables and the statistics tables ANALYZE leaves.
 */
export async function buildCollection(spec: PackageSpec): Promise<Uint8Array> {
  const SQL = await sql();
  const db = new SQL.Database();
  const modern = spec.layout === 'anki21b';
  const enc = (text: string) => new TextEncoder().encode(text);
  try {
    db.run(SCHEMA_11);
    const models = Object.fromEntries(
      spec.notetypes.map((nt) => [
        String(nt.id),
        {
          id: nt.id,
          name: nt.name,
          type: nt.cloze ? 1 : 0,
          flds: nt.fields.map((name, ord) => ({ name, ord })),
          tmpls: nt.templates.map((t, ord) => ({ name: t.name, ord, qfmt: t.q, afmt: t.a })),
        },
      ]),
    );
    const decks = Object.fromEntries(
      spec.decks.map((d) => [String(d.id), { id: d.id, name: d.name, desc: d.description ?? '', dyn: 0 }]),
    );
    // Schema 18 moved note types, decks, options and tags out of col into tables of their own.
    db.run(
      'insert into col (id, crt, mod, scm, ver, dty, usn, ls, conf, models, decks, dconf, tags) values (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)',
      modern
        ? [spec.crt, spec.crt * 1000, spec.crt * 1000, 18, '', '', '', '', '']
        : [
            spec.crt,
            spec.crt * 1000,
            spec.crt * 1000,
            11,
            JSON.stringify({ schedVer: spec.schedVer ?? 2 }),
            JSON.stringify(models),
            JSON.stringify(decks),
            JSON.stringify({ '1': { id: 1, name: 'Default' } }),
            '{}',
          ],
    );
    if (modern) {
      db.run(UPGRADE_TO_18(PLACEHOLDER_COLLATION));
      const config = (key: string, value: unknown) =>
        db.run('insert into config (key, usn, mtime_secs, val) values (?, 0, ?, ?)', [key, spec.crt, enc(JSON.stringify(value))]);
      config('schedVer', spec.schedVer ?? 2);
      config('creationOffset', 0);
      config('sortType', 'noteFld');
      db.run("insert into deck_config (id, name, mtime_secs, usn, config) values (1, 'Default', ?, 0, ?)", [spec.crt, pb()]);
      for (const nt of spec.notetypes) {
        db.run('insert into notetypes (id, name, mtime_secs, usn, config) values (?, ?, ?, 0, ?)', [
          nt.id,
          nt.name,
          spec.crt,
          pb(pbVarint(1, nt.cloze ? 1 : 0), pbString(3, '.card { color: black }')),
        ]);
        for (const [ord, name] of nt.fields.entries()) {
          db.run('insert into fields (ntid, ord, name, config) values (?, ?, ?, ?)', [nt.id, ord, name, pb()]);
        }
        for (const [ord, t] of nt.templates.entries()) {
          db.run('insert into templates (ntid, ord, name, mtime_secs, usn, config) values (?, ?, ?, ?, 0, ?)', [
            nt.id,
            ord,
            t.name,
            spec.crt,
            pb(pbString(1, t.q), pbString(2, t.a), pbVarint(5, 0)),
          ]);
        }
      }
      for (const d of spec.decks) {
        const normal = pb(pbVarint(1, 1), pbString(4, d.description ?? ''));
        db.run('insert into decks (name, id, mtime_secs, usn, common, kind) values (?, ?, ?, 0, ?, ?)', [
          d.name.split('::').join('\x1f'),
          d.id,
          spec.crt,
          pb(),
          pb(pbBytes(1, normal)),
        ]);
      }
      const tags = new Set(spec.notes.flatMap((n) => (n.tags ?? '').split(' ').filter((t) => t !== '')));
      for (const tag of tags) db.run('insert or ignore into tags (tag, usn, collapsed) values (?, 0, 0)', [tag]);
    }
    for (const n of spec.notes) {
      const sortField = (n.fields[0] ?? '').replace(/<[^>]*>/g, '');
      db.run(
        'insert into notes (id, guid, mid, mod, usn, tags, flds, sfld, csum, flags, data) values (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, ?)',
        [n.id, n.guid, n.mid, spec.crt, n.tags ? ` ${n.tags} ` : '', n.fields.join('\x1f'), sortField, checksum(sortField), ''],
      );
    }
    for (const c of spec.cards) {
      db.run(
        `insert into cards (id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps, lapses, left, odue, odid, flags, data)
         values (?, ?, ?, ?, ${spec.crt}, 0, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, ?)`,
        [
          c.id,
          c.nid,
          c.did,
          c.ord,
          c.type ?? 0,
          c.queue ?? 0,
          c.due ?? 0,
          c.ivl ?? 0,
          c.factor ?? 0,
          c.reps ?? 0,
          c.lapses ?? 0,
          c.odue ?? 0,
          c.odid ?? 0,
          c.data ?? '',
        ],
      );
    }
    for (const r of spec.revlog ?? []) {
      db.run('insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) values (?, ?, 0, ?, ?, 0, 2500, ?, ?)', [
        r.id,
        r.cid,
        r.ease,
        r.ivl,
        r.time,
        r.type,
      ]);
    }
    if (modern) {
      db.run('ANALYZE');
      addStat4(db, spec);
      declareUnicase(db);
    }
    return db.export();
  } finally {
    db.close();
  }
}

/** The collation the tables are built under, before their schema text names Anki's. */
const PLACEHOLDER_COLLATION = 'NOCASE';

/**
 * sqlite_stat4 as Anki's SQLite (built with STAT4) leaves it: sql.js lacks STAT4 and refuses
 * the reserved name, so the table is made under another name and renamed in the schema. One
 * sample per note type, on the unique name index.
 */
function addStat4(db: Database, spec: PackageSpec): void {
  db.run(`create table xqlite_stat4 (${STAT4_COLUMNS})`);
  for (const nt of spec.notetypes) {
    db.run("insert into xqlite_stat4 values ('notetypes', 'idx_notetypes_name', '1 1', '0 0', '0 0', ?)", [
      sqliteRecord([nt.name, nt.id]),
    ]);
  }
  db.run('PRAGMA writable_schema = ON');
  db.run(
    "update sqlite_master set name = 'sqlite_stat4', tbl_name = 'sqlite_stat4', sql = 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)' where name = 'xqlite_stat4'",
  );
  db.run('PRAGMA writable_schema = RESET');
}

/** Writes Anki's own `COLLATE unicase` into the schema text, the state a file written by Anki is in. */
function declareUnicase(db: Database): void {
  db.run('PRAGMA writable_schema = ON');
  db.run(
    `update sqlite_master set sql = replace(sql, 'COLLATE ${PLACEHOLDER_COLLATION}', 'COLLATE unicase') where sql like '%COLLATE ${PLACEHOLDER_COLLATION}%'`,
  );
  db.run('PRAGMA writable_schema = OFF');
}

/** A whole package (.apkg bytes). */
export async function buildPackage(spec: PackageSpec): Promise<Uint8Array<ArrayBuffer>> {
  const collection = await buildCollection(spec);
  const files: Zippable = {};
  const media = spec.media ?? [];
  if (spec.layout === 'anki21b') {
    files.meta = [pb(pbVarint(1, 3)), { level: 0 }];
    files['collection.anki21b'] = [await zstd(collection), { level: 0 }];
    const entries = media.map((m) => pb(pbString(1, m.name), pbVarint(2, m.data.length), pbBytes(3, new Uint8Array(20))));
    files.media = [await zstd(pb(...entries.map((e) => pbBytes(1, e)))), { level: 0 }];
    for (const [k, m] of media.entries()) files[String(k)] = [await zstd(m.data), { level: 0 }];
  } else {
    files['collection.anki2'] = collection;
    files.media = new TextEncoder().encode(JSON.stringify(Object.fromEntries(media.map((m, k) => [String(k), m.name]))));
    for (const [k, m] of media.entries()) files[String(k)] = m.data;
  }
  for (const [name, data] of Object.entries(spec.extra ?? {})) files[name] = data;
  return zipSync(files);
}
