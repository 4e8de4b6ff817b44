/**
 * Builds Anki packages inside tests, since no real anki21b fixture exists: sql.js writes a
 * schema-18-like collection (only the tables and columns the reader uses), @bokuweb/zstd-wasm
 * compresses it, `meta` and the media list are hand-written protobuf, fflate zips it all.
 * The legacy layout (collection.anki2, JSON note types) can be built the same way.
 */
import { init as initZstd, compress as zstdCompress } from '@bokuweb/zstd-wasm';
import { zipSync, type Zippable } from 'fflate';
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

function cardRow(c: CardSpec): Array<number | string> {
  return [
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
  ];
}

/** The SQLite collection file for a spec. */
export async function buildCollection(spec: PackageSpec): Promise<Uint8Array> {
  const SQL = await sql();
  const db = new SQL.Database();
  try {
    db.run(`
      create table notes (id integer primary key, guid text not null, mid integer not null, tags text not null, flds text not null);
      create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
        type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null,
        reps integer not null, lapses integer not null, odue integer not null, odid integer not null, data text not null);
      create table revlog (id integer primary key, cid integer not null, ease integer not null, ivl integer not null,
        time integer not null, type integer not null);
    `);
    if (spec.layout === 'anki21b') {
      db.run(`
        create table col (id integer primary key, crt integer not null);
        create table notetypes (id integer not null primary key, name text not null, config blob not null);
        create table fields (ntid integer not null, ord integer not null, name text not null, primary key (ntid, ord));
        create table templates (ntid integer not null, ord integer not null, name text not null, config blob not null, primary key (ntid, ord));
        create table decks (id integer not null primary key, name text not null, kind blob not null);
        create table config (key text not null primary key, val blob not null);
      `);
      db.run('insert into col values (1, ?)', [spec.crt]);
      db.run('insert into config values (?, ?)', ['schedVer', new TextEncoder().encode(String(spec.schedVer ?? 2))]);
      for (const nt of spec.notetypes) {
        db.run('insert into notetypes values (?, ?, ?)', [
          nt.id,
          nt.name,
          pb(pbVarint(1, nt.cloze ? 1 : 0), pbString(3, '.card { color: black }')),
        ]);
        for (const [ord, name] of nt.fields.entries()) db.run('insert into fields values (?, ?, ?)', [nt.id, ord, name]);
        for (const [ord, t] of nt.templates.entries()) {
          db.run('insert into templates values (?, ?, ?, ?)', [
            nt.id,
            ord,
            t.name,
            pb(pbString(1, t.q), pbString(2, t.a), pbVarint(5, 0)),
          ]);
        }
      }
      for (const d of spec.decks) {
        const normal = pb(pbVarint(1, 1), pbString(4, d.description ?? ''));
        db.run('insert into decks values (?, ?, ?)', [d.id, d.name.split('::').join('\x1f'), pb(pbBytes(1, normal))]);
      }
    } else {
      db.run(
        'create table col (id integer primary key, crt integer not null, models text not null, decks text not null, conf text not null)',
      );
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
      db.run('insert into col values (1, ?, ?, ?, ?)', [
        spec.crt,
        JSON.stringify(models),
        JSON.stringify(decks),
        JSON.stringify({ schedVer: spec.schedVer ?? 2 }),
      ]);
    }
    for (const n of spec.notes)
      db.run('insert into notes values (?, ?, ?, ?, ?)', [n.id, n.guid, n.mid, n.tags ?? '', n.fields.join('\x1f')]);
    for (const c of spec.cards) db.run('insert into cards values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', cardRow(c));
    for (const r of spec.revlog ?? [])
      db.run('insert into revlog values (?, ?, ?, ?, ?, ?)', [r.id, r.cid, r.ease, r.ivl, r.time, r.type]);
    return db.export();
  } finally {
    db.close();
  }
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
