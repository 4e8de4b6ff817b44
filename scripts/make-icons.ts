/**
 * Draws the app icons (two stacked cards with a check mark) as PNGs with no image library:
 * `npx tsx scripts/make-icons.ts` writes public/icons/*.png. The output is committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type RGB = [number, number, number];
const BG: RGB = [0x1e, 0x29, 0x3b];
const BACK: RGB = [0x93, 0xc5, 0xfd];
const FRONT: RGB = [0xf8, 0xfa, 0xfc];
const MARK: RGB = [0x16, 0xa3, 0x4a];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => RGB): Buffer {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b] = pixel((x + 0.5) / size, (y + 0.5) / size);
      const o = y * (size * 3 + 1) + 1 + x * 3;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function roundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function nearSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number, w: number): boolean {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= w * w;
}

/** `inset` shrinks the drawing toward the centre (maskable icons need an 80% safe zone). */
function icon(inset: number) {
  return (px: number, py: number): RGB => {
    const x = 0.5 + (px - 0.5) / inset;
    const y = 0.5 + (py - 0.5) / inset;
    const mark = nearSegment(x, y, 0.36, 0.56, 0.46, 0.66, 0.035) || nearSegment(x, y, 0.46, 0.66, 0.66, 0.42, 0.035);
    if (roundedRect(x, y, 0.26, 0.3, 0.8, 0.8, 0.06)) return mark ? MARK : FRONT;
    if (roundedRect(x, y, 0.2, 0.2, 0.74, 0.7, 0.06)) return BACK;
    return BG;
  };
}

const out = join(import.meta.dirname, '..', 'public', 'icons');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'icon-192.png'), png(192, icon(1)));
writeFileSync(join(out, 'icon-512.png'), png(512, icon(1)));
writeFileSync(join(out, 'maskable-512.png'), png(512, icon(0.78)));
writeFileSync(join(out, 'apple-touch-icon.png'), png(180, icon(0.9)));
console.log(`icons written to ${out}`);
