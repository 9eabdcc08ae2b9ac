/**
 * Snappy compression (the raw block format Parquet's SNAPPY codec uses), for the Parquet writer.
 * Written here rather than taken from a library because it runs over every page of an export and
 * must not allocate per call beyond its output: a 16K-entry hash table of 4-byte sequences, 64 KB
 * blocks as the reference implementation has them, literals and copies with 1- or 2-byte
 * offsets. Any Snappy decoder reads it (the tests decode it with hyparquet's).
 */

const BLOCK = 1 << 16;
const HASH_BITS = 14;
const table = new Int32Array(1 << HASH_BITS);

/** Worst case of the format: the length's varint, then literals with their tags. */
export function maxCompressedLength(n: number): number {
  return 32 + n + Math.ceil(n / 6);
}

/**
 * Compresses `src[0..n)` into `dst` (at least `maxCompressedLength(n)` bytes) and returns the
 * compressed length.
 */
export function snappyCompress(src: Uint8Array, n: number, dst: Uint8Array): number {
  let o = 0;
  // Preamble: the uncompressed length as a varint.
  let len = n;
  while (len >= 0x80) {
    dst[o++] = (len & 0x7f) | 0x80;
    len >>>= 7;
  }
  dst[o++] = len;
  for (let block = 0; block < n; block += BLOCK) o = compressBlock(src, block, Math.min(n, block + BLOCK), dst, o);
  return o;
}

function load32(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
}

function hash(v: number): number {
  return Math.imul(v, 0x1e35a7bd) >>> (32 - HASH_BITS);
}

function compressBlock(src: Uint8Array, start: number, end: number, dst: Uint8Array, o: number): number {
  let literalStart = start;
  if (end - start >= 15) {
    // The table is not cleared: an entry from an earlier block or call is either outside
    // [start, i) or checked against the bytes themselves, so a stale one is only a missed match.
    const limit = end - 4;
    let i = start;
    let skip = 32;
    while (i <= limit) {
      const v = load32(src, i);
      const h = hash(v);
      const candidate = table[h]!;
      table[h] = i;
      if (candidate < start || candidate >= i || load32(src, candidate) !== v) {
        // No match: step further the longer nothing matches (incompressible data costs little).
        i += skip++ >> 5;
        continue;
      }
      skip = 32;
      if (i > literalStart) o = literal(src, literalStart, i, dst, o);
      let matched = 4;
      while (i + matched < end && src[candidate + matched] === src[i + matched]) matched++;
      o = copy(i - candidate, matched, dst, o);
      i += matched;
      literalStart = i;
      if (i <= limit) table[hash(load32(src, i - 1))] = i - 1;
    }
  }
  if (literalStart < end) o = literal(src, literalStart, end, dst, o);
  return o;
}

function literal(src: Uint8Array, from: number, to: number, dst: Uint8Array, o: number): number {
  const n = to - from - 1;
  if (n < 60) {
    dst[o++] = n << 2;
  } else if (n < 0x100) {
    dst[o++] = 60 << 2;
    dst[o++] = n;
  } else {
    // Blocks are 64 KB: two bytes always hold the length.
    dst[o++] = 61 << 2;
    dst[o++] = n & 0xff;
    dst[o++] = n >>> 8;
  }
  if (to - from < 24) for (let i = from; i < to; i++) dst[o++] = src[i]!;
  else {
    dst.set(src.subarray(from, to), o);
    o += to - from;
  }
  return o;
}

function copy(offset: number, length: number, dst: Uint8Array, o: number): number {
  // Long matches as 64-byte copies, keeping at least 4 for the last one.
  while (length >= 68) {
    o = copy2(offset, 64, dst, o);
    length -= 64;
  }
  if (length > 64) {
    o = copy2(offset, 60, dst, o);
    length -= 60;
  }
  if (length < 12 && offset < 2048) {
    dst[o++] = 1 | ((length - 4) << 2) | ((offset >>> 8) << 5);
    dst[o++] = offset & 0xff;
    return o;
  }
  return copy2(offset, length, dst, o);
}

function copy2(offset: number, length: number, dst: Uint8Array, o: number): number {
  dst[o++] = 2 | ((length - 1) << 2);
  dst[o++] = offset & 0xff;
  dst[o++] = offset >>> 8;
  return o;
}
