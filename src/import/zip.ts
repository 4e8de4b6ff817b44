/**
 * A defensive zip reader for Anki packages. It reads the central directory itself, checks every
 * entry name before anything is inflated, and inflates one entry at a time with fflate's
 * streaming Inflate, counting the bytes that actually come out — declared sizes are never
 * trusted, so a zip bomb stops as soon as it crosses a limit, not after it filled memory.
 *
 * Limits (DEFAULT_ZIP_LIMITS; the same budget also counts zstd output, see anki/zstd.ts):
 *   - at most 50,000 entries in the archive,
 *   - at most 1 GiB from any one entry once decompressed,
 *   - at most 2 GiB decompressed in all.
 * Names are rejected when they hold "..", start with "/" or a drive letter, use "\" or control
 * characters ("zip slip"), or appear twice. Every problem is an ImportError naming the entry.
 */
import { Inflate } from 'fflate';
import { ImportError } from './model';
import { errorMessage } from '../domain/errors';

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

const GiB = 1024 ** 3;
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 50_000, maxEntryBytes: GiB, maxTotalBytes: 2 * GiB };

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  /** What the archive claims; only used to spot damage, never to size a buffer. */
  declaredSize: number;
  localOffset: number;
}

/** Counts decompressed bytes across entries and decoders. */
export class Budget {
  total = 0;
  constructor(
    readonly limits: ZipLimits,
    private readonly file: string,
  ) {}

  /** Adds n bytes produced for `entry` (whose running size is `entrySoFar` after adding). */
  take(entry: string, n: number, entrySoFar: number): void {
    this.total += n;
    if (entrySoFar > this.limits.maxEntryBytes) {
      throw new ImportError(
        `${this.file}:${entry}`,
        `entry decompresses to more than ${formatBytes(this.limits.maxEntryBytes)} (limit per entry); refusing a possible zip bomb`,
      );
    }
    if (this.total > this.limits.maxTotalBytes) {
      throw new ImportError(
        `${this.file}:${entry}`,
        `archive decompresses to more than ${formatBytes(this.limits.maxTotalBytes)} in all (limit); refusing a possible zip bomb`,
      );
    }
  }
}

export function formatBytes(n: number): string {
  if (n >= GiB && n % GiB === 0) return `${n / GiB} GiB`;
  if (n >= 1024 ** 2 && n % 1024 ** 2 === 0) return `${n / 1024 ** 2} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** Growing byte buffer (chunks are copied in; no buffer is sized from a declared length). */
export class ByteSink {
  private buf = new Uint8Array(64 * 1024);
  length = 0;
  push(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.buf.length) {
      let size = this.buf.length * 2;
      while (size < this.length + chunk.length) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(chunk, this.length);
    this.length += chunk.length;
  }
  /** A standalone copy of exactly the bytes written (its buffer can be transferred). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = (CRC_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** Why a name is unsafe to use, or undefined when it is fine. */
export function unsafeEntryName(name: string): string | undefined {
  if (name === '') return 'has an empty name';
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 0x20 || c === 0x7f) return 'has a control character in its name';
  }
  if (name.includes('\\')) return 'uses a backslash in its name';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'has an absolute path';
  if (name.split('/').some((part) => part === '..')) return 'climbs out of the archive with ".."';
  return undefined;
}

const CHUNK = 16 * 1024;

export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();
  readonly budget: Budget;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly file: string,
    limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.budget = new Budget(limits, file);
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.readDirectory();
  }

  private fail(problem: string, entry?: string): never {
    throw new ImportError(entry === undefined ? this.file : `${this.file}:${entry}`, problem);
  }

  private u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  private u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  private u64(at: number): number {
    const value = this.view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.fail('zip archive has an impossible 64-bit size or offset');
    return Number(value);
  }

  private readDirectory(): void {
    const n = this.bytes.length;
    let eocd = -1;
    for (let at = n - 22; at >= Math.max(0, n - 22 - 0xffff); at--) {
      if (this.u32(at) === 0x06054b50) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) this.fail('the zip archive is truncated or damaged (its end-of-archive record is missing)');
    let count = this.u16(eocd + 10);
    let dirSize = this.u32(eocd + 12);
    let dirOffset = this.u32(eocd + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const locator = eocd - 20;
      if (locator < 0 || this.u32(locator) !== 0x07064b50) this.fail('zip64 archive without its locator record');
      const record = this.u64(locator + 8);
      if (record + 56 > n || this.u32(record) !== 0x06064b50) this.fail('the zip archive is truncated (zip64 record missing)');
      count = this.u64(record + 32);
      dirSize = this.u64(record + 40);
      dirOffset = this.u64(record + 48);
    }
    if (count > this.budget.limits.maxEntries) {
      this.fail(`the archive has ${count} entries; at most ${this.budget.limits.maxEntries} are allowed (a possible zip bomb)`);
    }
    if (dirOffset + dirSize > n) this.fail('the zip archive is truncated (its directory lies past the end of the file)');

    let at = dirOffset;
    for (let k = 0; k < count; k++) {
      if (at + 46 > n || this.u32(at) !== 0x02014b50) this.fail(`the zip directory is damaged at entry ${k + 1}`);
      const flags = this.u16(at + 8);
      const method = this.u16(at + 10);
      const crc = this.u32(at + 16);
      let compressedSize = this.u32(at + 20);
      let declaredSize = this.u32(at + 24);
      const nameLength = this.u16(at + 28);
      const extraLength = this.u16(at + 30);
      const commentLength = this.u16(at + 32);
      let localOffset = this.u32(at + 42);
      const nameStart = at + 46;
      if (nameStart + nameLength + extraLength + commentLength > n) this.fail(`the zip directory is cut short at entry ${k + 1}`);
      const rawName = this.bytes.subarray(nameStart, nameStart + nameLength);
      const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(rawName);
      // Zip64 sizes live in extra field 0x0001, in this order, only for the fields that overflowed.
      let extra = nameStart + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = this.u16(extra);
        const size = this.u16(extra + 2);
        if (id === 0x0001) {
          let p = extra + 4;
          if (declaredSize === 0xffffffff && p + 8 <= extra + 4 + size) {
            declaredSize = this.u64(p);
            p += 8;
          }
          if (compressedSize === 0xffffffff && p + 8 <= extra + 4 + size) {
            compressedSize = this.u64(p);
            p += 8;
          }
          if (localOffset === 0xffffffff && p + 8 <= extra + 4 + size) localOffset = this.u64(p);
        }
        extra += 4 + size;
      }
      const unsafe = unsafeEntryName(name);
      if (unsafe) this.fail(`entry ${unsafe}; refusing the archive`, JSON.stringify(name));
      if (this.entries.has(name)) this.fail('entry appears twice in the archive', name);
      this.entries.set(name, { name, method, flags, crc, compressedSize, declaredSize, localOffset });
      at = extraEnd + commentLength;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The raw (still compressed) bytes of an entry, after checking its local header. */
  private compressedData(entry: ZipEntry): Uint8Array {
    const at = entry.localOffset;
    if (at + 30 > this.bytes.length || this.u32(at) !== 0x04034b50) {
      this.fail('entry is missing or damaged (no local header where the directory points)', entry.name);
    }
    const start = at + 30 + this.u16(at + 26) + this.u16(at + 28);
    const end = start + entry.compressedSize;
    if (end > this.bytes.length) this.fail('entry is truncated (its data runs past the end of the file)', entry.name);
    return this.bytes.subarray(start, end);
  }

  /**
   * Decompressed bytes of an entry, counted against the limits while inflating, then checked
   * against the archive's CRC. The result is a standalone copy.
   */
  read(name: string): Uint8Array {
    const entry = this.entries.get(name);
    if (!entry) return this.fail('entry is missing from the archive', name);
    if (entry.flags & 0x1) this.fail('entry is encrypted', name);
    const data = this.compressedData(entry);
    const sink = new ByteSink();
    if (entry.method === 0) {
      for (let p = 0; p < data.length; p += CHUNK) {
        const chunk = data.subarray(p, Math.min(data.length, p + CHUNK));
        sink.push(chunk);
        this.budget.take(name, chunk.length, sink.length);
      }
    } else if (entry.method === 8) {
      let ended = false;
      const inflate = new Inflate((chunk, final) => {
        sink.push(chunk);
        this.budget.take(name, chunk.length, sink.length);
        if (final) ended = true;
      });
      try {
        if (data.length === 0) inflate.push(new Uint8Array(0), true);
        for (let p = 0; p < data.length; p += CHUNK) {
          const last = p + CHUNK >= data.length;
          inflate.push(data.subarray(p, Math.min(data.length, p + CHUNK)), last);
        }
      } catch (error) {
        if (error instanceof ImportError) throw error;
        this.fail(`entry is damaged (${errorMessage(error)})`, name);
      }
      if (!ended) this.fail('entry is damaged (its compressed data ends too early)', name);
    } else {
      this.fail(`entry uses compression method ${entry.method}; only stored (0) and deflate (8) are supported`, name);
    }
    const out = sink.bytes();
    if (crc32(out) !== entry.crc || out.length !== entry.declaredSize) {
      this.fail('entry is damaged (its checksum or size does not match the archive directory)', name);
    }
    return out;
  }
}
