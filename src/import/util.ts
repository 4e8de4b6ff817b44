/**
 * Small helpers shared by the import readers: HTML escaping and stripping, deck ids, tags,
 * media types and a warning log that keeps long lists readable.
 */
import { hashString } from '../domain/deck-format/bundle';
import { ID_PATTERN, TAG_PATTERN } from '../domain/deck-format/model';
import type { ImportWarning } from './model';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain text as HTML: escaped, line breaks kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');
}

/** Removes comments, script/style blocks and tags; entities stay as they are (still valid HTML text). */
export function stripHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<[^>]*>/g, '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** HTML to one line of plain text (for descriptions and duplicate checks, never re-inserted as HTML). */
export function htmlToText(html: string): string {
  return stripHtml(html.replace(/<br\s*\/?>|<\/(div|p|li)>/gi, ' '))
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whitespace-insensitive form of a front, for ids and duplicate checks. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th' };

/**
 * A deck id (docs/deck-format.md: lower-case letters, digits, "-", "_", ".", at most 64) from a
 * display name. Anki's "::" hierarchy becomes ".". Names with nothing usable (e.g. only CJK)
 * get a stable hash instead.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ßæœøđłþ]/g, (c) => LETTERS[c] ?? c)
    .replace(/\s*::\s*/g, '.')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/([._-])[._-]+/g, '$1')
    .replace(/^[._-]+/, '')
    .slice(0, 64)
    .replace(/[._-]+$/, '');
  return ID_PATTERN.test(slug) ? slug : `deck-${hashString(name)}`;
}

/**
 * Tags from foreign sources: split on whitespace (and commas, when asked), characters the app's
 * tag rule does not allow become "_".
 */
export function cleanTags(raw: string, splitCommas = false): string[] {
  const parts = raw.split(splitCommas ? /[\s,]+/ : /\s+/);
  const out: string[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const tag = TAG_PATTERN.test(part) ? part : part.replace(/[^\p{L}\p{N}_\-:/.]/gu, '_');
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/opus',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  ogv: 'video/ogg',
  mov: 'video/quicktime',
  css: 'text/css',
  ttf: 'font/ttf',
  otf: 'font/otf',
  woff: 'font/woff',
  woff2: 'font/woff2',
};

export function mimeOf(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

/**
 * Collects warnings. Each category lists its first `limit` cases and then one summary line, so a
 * file with 100,000 bad rows still gives a short, readable report. A category with limit 1 is
 * said once, without a count.
 */
export class WarningLog {
  private readonly list: ImportWarning[] = [];
  private readonly counts = new Map<string, { count: number; where: string; message: string; limit: number }>();

  constructor(private readonly limit = 100) {}

  /** Records a warning; a category lists at most `limit` cases (the rest are counted). */
  add(where: string, message: string, category = message, limit = this.limit): void {
    const seen = this.counts.get(category);
    if (seen) seen.count++;
    else this.counts.set(category, { count: 1, where, message, limit });
    if ((seen?.count ?? 1) <= limit) this.list.push({ where, message });
  }

  has(category: string): boolean {
    return this.counts.has(category);
  }

  get size(): number {
    return this.list.length;
  }

  finish(): ImportWarning[] {
    const out = [...this.list];
    for (const { count, where, message, limit } of this.counts.values()) {
      if (count > limit && limit > 1) {
        out.push({ where, message: `${count - limit} more like "${message}" not listed (${count} in all)` });
      }
    }
    return out;
  }
}

/**
 * Anki's audio references "[sound:name]" cannot play here: each becomes a visible placeholder
 * (the file itself is still imported with the deck) and is reported through `onSound`.
 */
export function replaceSoundTags(html: string, onSound: (name: string) => void): string {
  return html.replace(/\[sound:([^\]]+)\]/g, (_, name: string) => {
    onSound(name);
    return `<span class="audio-unsupported">[audio: ${escapeHtml(name)}]</span>`;
  });
}
