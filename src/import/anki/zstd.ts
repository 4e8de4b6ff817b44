/**
 * zstd decompression (fzstd) fed in small chunks, so the decompressed size is counted against
 * the package budget as it grows: a zstd bomb stops at the limit like a deflate one.
 */
import { Decompress } from 'fzstd';
import { ImportError } from '../model';
import { type Budget, ByteSink } from '../zip';
import { errorMessage } from '../../domain/errors';

const CHUNK = 16 * 1024;
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export function isZstd(data: Uint8Array): boolean {
  return ZSTD_MAGIC.every((b, k) => data[k] === b);
}

/**
 * `where` names the entry in errors ("deck.apkg:collection.anki21b"); the output counts against
 * the package budget as `entry`, on top of the zip bytes it came from.
 */
export function zstdDecompress(data: Uint8Array, where: string, entry: string, budget: Budget): Uint8Array {
  if (!isZstd(data)) throw new ImportError(where, 'entry should be zstd-compressed but is not (the package is damaged)');
  const sink = new ByteSink();
  let ended = false;
  const stream = new Decompress((chunk, final) => {
    sink.push(chunk);
    budget.take(entry, chunk.length, sink.length);
    if (final) ended = true;
  });
  try {
    for (let p = 0; p < data.length; p += CHUNK) {
      stream.push(data.subarray(p, Math.min(data.length, p + CHUNK)), p + CHUNK >= data.length);
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(where, `zstd data is damaged (${errorMessage(error)})`);
  }
  if (!ended) throw new ImportError(where, 'zstd data ends too early (the package is truncated)');
  return sink.bytes();
}
