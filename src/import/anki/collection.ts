/**
 * Reads an Anki collection (SQLite, opened with sql.js) into decks of rendered notes, plus the
 * scheduling and review history of studied cards.
 *
 * Two layouts: schema 11 (collection.anki2 / .anki21: note types as JSON in col.models, decks in
 * col.decks) and schema 18 (collection.anki21b: tables notetypes/fields/templates/decks with
 * protobuf config blobs). Only the tables and columns listed in REQUIRED_* are used.
 */
import type { Database, SqlValue } from 'sql.js';
import { type BundleDeck, type BundleNote, hashString } from '../../domain/deck-format/bundle';
import type { RenderedCard } from '../../domain/deck-format/render';
import type { DayClock } from '../../domain/scheduling/time';
import { ImportError, type ImportedReview, type ImportedScheduling, type Progress } from '../model';
import { cleanTags, escapeHtml, htmlToText, replaceSoundTags, slugify, stripHtml, type WarningLog } from '../util';
import { renderMathJax } from '../math';
import { ProtoMessage } from './protobuf';
import { type AnkiCardRow, type AnkiRevlogRow, convertCard, convertRevlog, type SchedulingContext } from './scheduling';
import { fieldIsEmpty, parseTemplate, renderTemplate, type TemplateNode } from './template';
import { errorMessage } from '../../domain/errors';

interface Template {
  ord: number;
  name: string;
  question: TemplateNode[] | string;
  answer: TemplateNode[] | string;
}

interface NoteType {
  id: number;
  name: string;
  cloze: boolean;
  fields: string[];
  templates: Template[];
}

interface AnkiDeck {
  id: number;
  name: string;
  description: string;
}

export interface CollectionContent {
  decks: BundleDeck[];
  scheduling: ImportedScheduling[];
  reviews: ImportedReview[];
}

export interface ReadCollectionOptions {
  /** "deck.apkg:collection.anki2", used in errors and warnings. */
  where: string;
  clock: DayClock;
  warnings: WarningLog;
  progress?: Progress;
}

function rows(db: Database, sql: string, each: (row: SqlValue[]) => void): void {
  const stmt = db.prepare(sql);
  try {
    while (stmt.step()) each(stmt.get());
  } finally {
    stmt.free();
  }
}

const num = (v: SqlValue | undefined): number => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v) || 0 : 0);
const str = (v: SqlValue | undefined): string =>
  typeof v === 'string'
    ? v
    : v instanceof Uint8Array
      ? new TextDecoder().decode(v)
      : v === null || v === undefined
        ? ''
        : String(v);
const blob = (v: SqlValue | undefined): Uint8Array => (v instanceof Uint8Array ? v : new Uint8Array(0));

function compile(source: string): TemplateNode[] | string {
  try {
    return parseTemplate(source);
  } catch (error) {
    return errorMessage(error);
  }
}

export function readCollection(db: Database, options: ReadCollectionOptions): CollectionContent {
  const { where } = options;
  const fail = (problem: string): never => {
    throw new ImportError(where, problem);
  };

  let tables: Set<string>;
  try {
    tables = new Set<string>();
    rows(db, "select name from sqlite_master where type = 'table'", (r) => tables.add(str(r[0])));
  } catch (error) {
    return fail(`not a readable SQLite database (${errorMessage(error)})`);
  }
  for (const table of ['col', 'notes', 'cards']) {
    if (!tables.has(table)) fail(`not an Anki collection (the SQLite file has no "${table}" table)`);
  }
  const modern = tables.has('notetypes');

  try {
    return readContent(db, modern, tables, options);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    return fail(`the collection could not be read (${errorMessage(error)})`);
  }
}

function readContent(db: Database, modern: boolean, tables: Set<string>, options: ReadCollectionOptions): CollectionContent {
  const { where, warnings, progress } = options;
  let crt = 0;
  let colModels = '';
  let colDecks = '';
  let colConf = '';
  rows(db, modern ? 'select crt from col limit 1' : 'select crt, models, decks, conf from col limit 1', (r) => {
    crt = num(r[0]);
    colModels = str(r[1]);
    colDecks = str(r[2]);
    colConf = str(r[3]);
  });

  const noteTypes = modern ? readNoteTypes18(db) : readNoteTypes11(colModels, where);
  const decks = modern ? readDecks18(db) : readDecks11(colDecks, where);
  let schedVer = 2;
  if (modern) {
    if (tables.has('config')) {
      rows(db, "select val from config where key = 'schedVer'", (r) => {
        schedVer = Number(str(r[0])) || 2;
      });
    }
  } else {
    try {
      const conf = JSON.parse(colConf || '{}') as { schedVer?: number };
      schedVer = typeof conf.schedVer === 'number' ? conf.schedVer : 1;
    } catch {
      schedVer = 2;
    }
  }
  const schedCtx: SchedulingContext = { crt, clock: options.clock, schedVer };

  // Cards, grouped by note.
  const cardsByNote = new Map<number, AnkiCardRow[]>();
  let cardCount = 0;
  rows(db, 'select id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses, odue, odid, data from cards', (r) => {
    const card: AnkiCardRow = {
      id: num(r[0]),
      nid: num(r[1]),
      did: num(r[2]),
      ord: num(r[3]),
      type: num(r[4]),
      queue: num(r[5]),
      due: num(r[6]),
      ivl: num(r[7]),
      factor: num(r[8]),
      reps: num(r[9]),
      lapses: num(r[10]),
      odue: num(r[11]),
      odid: num(r[12]),
      data: str(r[13]),
    };
    cardCount++;
    const list = cardsByNote.get(card.nid);
    if (list) list.push(card);
    else cardsByNote.set(card.nid, [card]);
  });

  // Review log, grouped by card.
  const revlog = new Map<number, AnkiRevlogRow[]>();
  if (tables.has('revlog')) {
    rows(db, 'select id, cid, ease, ivl, time, type from revlog', (r) => {
      const row: AnkiRevlogRow = {
        id: num(r[0]),
        cid: num(r[1]),
        ease: num(r[2]),
        ivl: num(r[3]),
        time: num(r[4]),
        type: num(r[5]),
      };
      const list = revlog.get(row.cid);
      if (list) list.push(row);
      else revlog.set(row.cid, [row]);
    });
  }

  let noteCount = 0;
  rows(db, 'select count(*) from notes', (r) => {
    noteCount = num(r[0]);
  });

  const deckIds = new DeckIds();
  // Keyed by deck name: Anki deck names are unique, and a missing deck falls back to "Default".
  const byDeck = new Map<string, { deck: AnkiDeck; items: Array<{ note: BundleNote; position: number; ankiId: number }> }>();
  const scheduling: ImportedScheduling[] = [];
  const reviews: ImportedReview[] = [];
  const seenGuids = new Set<string>();
  let estimated = 0;
  let done = 0;

  rows(db, 'select id, guid, mid, tags, flds from notes order by id', (r) => {
    done++;
    if (done % 500 === 0) progress?.(done, noteCount, 'notes');
    const ankiId = num(r[0]);
    const guid = str(r[1]);
    const noteWhere = `note ${ankiId}`;
    const warn = (category: string, message: string, limit?: number) => warnings.add(noteWhere, message, category, limit);
    const nt = noteTypes.get(num(r[2]));
    if (!nt) {
      warn('no-notetype', `note type ${num(r[2])} is missing from the collection; note skipped`);
      return;
    }
    if (guid === '' || seenGuids.has(guid)) {
      warn('dup-guid', guid === '' ? 'note has no guid; skipped' : `guid ${guid} appears twice; the later note was skipped`);
      return;
    }
    const cards = (cardsByNote.get(ankiId) ?? []).sort((a, b) => a.ord - b.ord);
    if (cards.length === 0) return;
    seenGuids.add(guid);
    const values = str(r[4]).split('\x1f');
    const fields = new Map<string, string>();
    nt.fields.forEach((name, k) => {
      fields.set(name, values[k] ?? '');
    });
    const tags = cleanTags(str(r[3]));
    const noteId = `anki:${guid}`;
    const deckOf = (card: AnkiCardRow) => (card.odid !== 0 ? card.odid : card.did);
    const homeDeck = decks.get(deckOf(cards[0] as AnkiCardRow)) ?? {
      id: deckOf(cards[0] as AnkiCardRow),
      name: 'Default',
      description: '',
    };
    if (cards.some((c) => deckOf(c) !== homeDeck.id)) {
      warn('split-deck', `the note's cards are in several Anki decks; all of them go to "${homeDeck.name}"`, 20);
    }
    const deckName = homeDeck.name.split('::').pop() ?? homeDeck.name;

    const rendered: RenderedCard[] = [];
    let position = Number.POSITIVE_INFINITY;
    for (const card of cards) {
      const template = nt.cloze ? nt.templates[0] : nt.templates.find((t) => t.ord === card.ord);
      if (!template) {
        warn('no-template', `card ${card.ord + 1} has no template in note type "${nt.name}"; card skipped`);
        continue;
      }
      if (typeof template.question === 'string' || typeof template.answer === 'string') {
        const problem = typeof template.question === 'string' ? template.question : template.answer;
        warn(
          `bad-template:${nt.id}:${template.ord}`,
          `template "${template.name}" of note type "${nt.name}" cannot be read (${problem}); its cards were skipped`,
          1,
        );
        continue;
      }
      const ord = nt.cloze ? card.ord + 1 : card.ord;
      const specials = {
        Tags: escapeHtml(tags.join(' ')),
        Type: escapeHtml(nt.name),
        Deck: escapeHtml(homeDeck.name),
        Subdeck: escapeHtml(deckName),
        Card: escapeHtml(template.name),
        CardFlag: '',
      };
      const templateWarn = (category: string, message: string) =>
        warnings.add(`${where} note type "${nt.name}"`, message, `tpl:${nt.id}:${category}`, 1);
      const base = { fields, specials, clozeOrd: nt.cloze ? ord : 0, warn: templateWarn };
      const question = renderTemplate(template.question, { ...base, side: 'question', frontSide: '' });
      const answer = renderTemplate(template.answer, { ...base, side: 'answer', frontSide: question });
      const front = finishSide(question, warn, templateWarn);
      const back = finishSide(answerOnly(answer, question), warn, templateWarn);
      if (fieldIsEmpty(stripHtml(front)) && !/<img\b/i.test(front)) {
        warn('empty-front', `card ${nt.cloze ? `c${ord}` : ord + 1} would show an empty front; card skipped`);
        continue;
      }
      rendered.push({ ord, front, back });
      const cardId = `${noteId}#${ord}`;
      const history = revlog.get(card.id) ?? [];
      const entries = convertRevlog(history, schedCtx);
      for (const e of entries) reviews.push({ cardId, entry: e.entry, durationMs: e.durationMs });
      const converted = convertCard(card, schedCtx, entries[entries.length - 1]?.entry.review);
      if (converted) {
        scheduling.push({ cardId, state: converted.state });
        if (converted.estimated) estimated++;
      } else if (card.type === 0) {
        position = Math.min(position, card.due);
      }
    }
    if (rendered.length === 0) return;

    const fieldRecord: Record<string, string> = {};
    nt.fields.forEach((name, k) => {
      fieldRecord[name] = values[k] ?? '';
    });
    const kind = nt.cloze ? 'cloze' : 'basic';
    const note: BundleNote = {
      id: noteId,
      kind,
      tags,
      fields: fieldRecord,
      cards: rendered,
      hash: hashString(JSON.stringify([kind, tags, fieldRecord, rendered])),
    };
    const group = byDeck.get(homeDeck.name);
    const item = { note, position, ankiId };
    if (group) group.items.push(item);
    else byDeck.set(homeDeck.name, { deck: homeDeck, items: [item] });
  });
  progress?.(noteCount, noteCount, 'notes');

  if (estimated > 0) {
    warnings.add(
      where,
      `${estimated} studied card${estimated === 1 ? ' has' : 's have'} no FSRS memory state (scheduled with SM-2); stability and difficulty were estimated from interval and ease`,
    );
  }
  if (cardCount === 0 || byDeck.size === 0) throw new ImportError(where, 'the collection has no cards to import');

  const out: BundleDeck[] = [];
  for (const { deck, items } of byDeck.values()) {
    items.sort((a, b) => a.position - b.position || a.ankiId - b.ankiId);
    out.push({ id: deckIds.idFor(deck.name), name: deck.name, description: deck.description, notes: items.map((i) => i.note) });
  }
  out.sort((a, b) => a.name.localeCompare(b.name));
  return { decks: out, scheduling, reviews };
}

/** Stable, distinct deck ids for Anki deck names. */
class DeckIds {
  private readonly used = new Map<string, string>();
  idFor(name: string): string {
    const slug = slugify(name);
    const owner = this.used.get(slug);
    if (owner === undefined || owner === name) {
      this.used.set(slug, name);
      return slug;
    }
    const alt = `${slug.slice(0, 56)}-${hashString(name).slice(0, 7)}`;
    this.used.set(alt, name);
    return alt;
  }
}

/** The app shows the back under the front, so the answer drops the repeated question. */
function answerOnly(answer: string, question: string): string {
  const marker = /<hr[^>]*\bid\s*=\s*["']?answer["']?[^>]*>/i.exec(answer);
  if (marker) return answer.slice(marker.index + marker[0].length);
  if (question.trim() !== '' && answer.startsWith(question)) return answer.slice(question.length);
  return answer;
}

function finishSide(
  html: string,
  warn: (category: string, message: string, limit?: number) => void,
  templateWarn: (category: string, message: string) => void,
): string {
  let out = html;
  if (/<script\b/i.test(out)) {
    templateWarn('script', 'template JavaScript (<script>) is never run; it was removed');
    out = out.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '').replace(/<script\b[^>]*>/gi, '');
  }
  out = out.replace(/\[anki:tts[^\]]*\]([\s\S]*?)\[\/anki:tts\]/g, (_, text: string) => {
    templateWarn('tts', 'text-to-speech is not supported; the text is shown instead');
    return text;
  });
  out = renderMathJax(out, (tex, message) =>
    warn('math', `formula ${JSON.stringify(tex)} does not render (${message}); shown as written`, 20),
  );
  out = replaceSoundTags(out, (name) =>
    warn('sound', `audio [sound:${name}] is not playable in this app (the file is kept with the deck)`, 20),
  );
  return out.trim();
}

function readNoteTypes11(json: string, where: string): Map<number, NoteType> {
  let models: unknown;
  try {
    models = JSON.parse(json || '{}');
  } catch {
    throw new ImportError(where, 'the note types in col.models are not valid JSON');
  }
  const out = new Map<number, NoteType>();
  if (!models || typeof models !== 'object') return out;
  for (const raw of Object.values(models as Record<string, unknown>)) {
    if (!raw || typeof raw !== 'object') continue;
    const m = raw as { id?: unknown; name?: unknown; type?: unknown; flds?: unknown; tmpls?: unknown };
    const id = Number(m.id);
    if (!Number.isFinite(id)) continue;
    const fields = (Array.isArray(m.flds) ? m.flds : [])
      .map((f: { name?: unknown; ord?: unknown }, k: number) => ({ name: String(f?.name ?? ''), ord: Number(f?.ord ?? k) }))
      .sort((a, b) => a.ord - b.ord)
      .map((f) => f.name);
    const templates = (Array.isArray(m.tmpls) ? m.tmpls : []).map(
      (t: { name?: unknown; ord?: unknown; qfmt?: unknown; afmt?: unknown }, k: number): Template => ({
        ord: Number(t?.ord ?? k),
        name: String(t?.name ?? `Card ${k + 1}`),
        question: compile(String(t?.qfmt ?? '')),
        answer: compile(String(t?.afmt ?? '')),
      }),
    );
    out.set(id, { id, name: String(m.name ?? ''), cloze: Number(m.type) === 1, fields, templates });
  }
  return out;
}

function readDecks11(json: string, where: string): Map<number, AnkiDeck> {
  let decks: unknown;
  try {
    decks = JSON.parse(json || '{}');
  } catch {
    throw new ImportError(where, 'the decks in col.decks are not valid JSON');
  }
  const out = new Map<number, AnkiDeck>();
  if (!decks || typeof decks !== 'object') return out;
  for (const raw of Object.values(decks as Record<string, unknown>)) {
    if (!raw || typeof raw !== 'object') continue;
    const d = raw as { id?: unknown; name?: unknown; desc?: unknown };
    const id = Number(d.id);
    if (!Number.isFinite(id)) continue;
    out.set(id, { id, name: String(d.name ?? 'Default'), description: describe(String(d.desc ?? '')) });
  }
  return out;
}

function describe(html: string): string {
  const text = htmlToText(html);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function readNoteTypes18(db: Database): Map<number, NoteType> {
  const out = new Map<number, NoteType>();
  rows(db, 'select id, name, config from notetypes', (r) => {
    const config = new ProtoMessage(blob(r[2]));
    out.set(num(r[0]), { id: num(r[0]), name: str(r[1]), cloze: config.uint(1) === 1, fields: [], templates: [] });
  });
  rows(db, 'select ntid, ord, name from fields order by ntid, ord', (r) => {
    out.get(num(r[0]))?.fields.push(str(r[2]));
  });
  rows(db, 'select ntid, ord, name, config from templates order by ntid, ord', (r) => {
    const config = new ProtoMessage(blob(r[3]));
    out.get(num(r[0]))?.templates.push({
      ord: num(r[1]),
      name: str(r[2]),
      question: compile(config.string(1)),
      answer: compile(config.string(2)),
    });
  });
  return out;
}

function readDecks18(db: Database): Map<number, AnkiDeck> {
  const out = new Map<number, AnkiDeck>();
  rows(db, 'select id, name, kind from decks', (r) => {
    let description = '';
    try {
      description = describe(new ProtoMessage(blob(r[2])).message(1)?.string(4) ?? '');
    } catch {
      description = '';
    }
    out.set(num(r[0]), { id: num(r[0]), name: str(r[1]).split('\x1f').join('::'), description });
  });
  return out;
}
