/**
 * Bytes → text for the text formats (Markdown, JSON, CSV/TSV/TXT): UTF-8 with or without a BOM,
 * UTF-16 LE/BE with a BOM. Anything else is an ImportError that names the byte offset.
 */
import { ImportError } from './model';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function invalidUtf8Offset(bytes: Uint8Array, start = 0): number {
  let i = start;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else {
      return i;
    }
    if (i + need >= n) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a text file. `file` names it in errors. NUL characters mean a binary file (or UTF-16
 * without a byte-order mark), which no text format here can hold.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const { encoding, bomLength } = detectEncoding(bytes);
  let text: string;
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bomLength));
    } catch {
      const at = invalidUtf8Offset(bytes, bomLength);
      throw new ImportError(
        file,
        `not valid UTF-8 text (bad byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at byte offset ${at}); save the file as UTF-8 and try again`,
      );
    }
  } else {
    const body = bytes.subarray(bomLength);
    if (body.length % 2 !== 0)
      throw new ImportError(file, `UTF-16 text has an odd number of bytes (${bytes.length}); the file is cut short`);
    let le = body;
    if (encoding === 'utf-16be') {
      le = new Uint8Array(body.length);
      for (let k = 0; k < body.length; k += 2) {
        le[k] = body[k + 1] as number;
        le[k + 1] = body[k] as number;
      }
    }
    try {
      text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(le);
    } catch {
      throw new ImportError(file, `not valid ${encoding.toUpperCase()} text (an unpaired surrogate)`);
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new ImportError(
      file,
      `holds a NUL character (character ${nul}): this is a binary file, or UTF-16 text without a byte-order mark`,
    );
  }
  return text;
}
