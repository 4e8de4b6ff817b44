/**
 * Figure 8, from the build output: the JavaScript and CSS loaded before the app's own first card:
 * what index.html loads (scripts, stylesheets, modulepreloads, CSS and JavaScript written into it)
 * plus the app chunk its entry imports right after the first frame, with that chunk's static
 * imports and CSS (from Vite's manifest); and the whole precache as
 * listed in dist/sw.js's injected manifest. Sizes are gzip level 9 and raw; 1 kB = 1000 bytes.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface BytesReport {
  initial: FileSize[];
  initialGzip: number;
  initialRaw: number;
  precacheFiles: number;
  precacheRaw: number;
  precacheGzip: number;
  /** The largest precache entries, for the report. */
  precacheLargest: FileSize[];
}

const sizeCache = new Map<string, FileSize>();
export function fileSize(dist: string, file: string): FileSize {
  const clean = file.replace(/^\//, '').split(/[?#]/)[0] ?? file;
  let size = sizeCache.get(clean);
  if (!size) {
    const body = readFileSync(join(dist, clean));
    size = { file: clean, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    sizeCache.set(clean, size);
  }
  return size;
}

/** Same-origin JS and CSS that index.html asks for up front. */
export function initialAssets(html: string): string[] {
  const out: string[] = [];
  const tag = /<(script|link)\b[^>]*>/gi;
  for (const m of html.matchAll(tag)) {
    const t = m[0];
    const attr = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(t)?.[1];
    if (m[1]?.toLowerCase() === 'script') {
      const src = attr('src');
      if (src && !/^[a-z]+:/i.test(src)) out.push(src);
      continue;
    }
    const rel = attr('rel')?.toLowerCase() ?? '';
    const href = attr('href');
    if (href && !/^[a-z]+:/i.test(href) && (rel === 'stylesheet' || rel === 'modulepreload')) out.push(href);
  }
  return [...new Set(out)];
}

export function precacheList(swSource: string): string[] {
  const m = /\[\s*\{\s*"revision"[\s\S]*?\}\s*\]/.exec(swSource) ?? /\[\s*\{\s*"url"[\s\S]*?\}\s*\]/.exec(swSource);
  if (!m) throw new Error('no precache manifest found in dist/sw.js');
  return (JSON.parse(m[0]) as { url: string }[]).map((e) => e.url);
}

/** CSS and JavaScript written into index.html itself, one entry per <style> or inline <script> block. */
export function inlineCode(html: string): FileSize[] {
  const blocks = [
    ...[...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => ['style', m[1]] as const),
    ...[...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => ['script', m[1]] as const),
  ];
  const seen = new Map<string, number>();
  return blocks.map(([tag, text]) => {
    const n = (seen.get(tag) ?? 0) + 1;
    seen.set(tag, n);
    const body = Buffer.from(text ?? '', 'utf8');
    return { file: `index.html <${tag}> #${n}`, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

/** The app's chunk (src/app-main.tsx), which the entry loads at once, with what it imports statically. */
export function appChunks(manifest: Record<string, ManifestChunk>, key = 'src/app-main.tsx'): string[] {
  if (!manifest[key]) throw new Error(`${key} is not in dist/.vite/manifest.json`);
  const files = new Set<string>();
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit(key);
  return [...files];
}

export function measureBytes(dist: string): BytesReport {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const files = [...new Set([...initialAssets(html).map((f) => f.replace(/^\//, '')), ...appChunks(manifest)])];
  const initial = [...files.map((f) => fileSize(dist, f)), ...inlineCode(html)];
  const precache = precacheList(readFileSync(join(dist, 'sw.js'), 'utf8')).map((f) => fileSize(dist, f));
  // The worker itself is downloaded and stored too.
  const sw = { file: 'sw.js', raw: statSync(join(dist, 'sw.js')).size, gzip: fileSize(dist, 'sw.js').gzip };
  const all = [...precache, sw];
  return {
    initial,
    initialGzip: initial.reduce((n, f) => n + f.gzip, 0),
    initialRaw: initial.reduce((n, f) => n + f.raw, 0),
    precacheFiles: all.length,
    precacheRaw: all.reduce((n, f) => n + f.raw, 0),
    precacheGzip: all.reduce((n, f) => n + f.gzip, 0),
    precacheLargest: [...all].sort((a, b) => b.gzip - a.gzip).slice(0, 5),
  };
}
