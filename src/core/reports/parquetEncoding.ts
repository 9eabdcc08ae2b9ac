/**
 * The byte-level pieces of a Parquet file the export writes by hand: a growable byte buffer, the
 * RLE / bit-packed hybrid (definition levels and dictionary indices) and the Thrift compact
 * protocol (page headers and the footer). Only what the export uses; the format is in
 * https://parquet.apache.org/docs/file-format/ and Thrift's compact protocol spec.
 */

/** A growable byte buffer; `bytes()` is a view of what was written. */
export class ByteBuffer {
  buf: Uint8Array;
  pos = 0;

  constructor(capacity = 1 << 12) {
    this.buf = new Uint8Array(capacity);
  }

  /** Room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u32(v: number): void {
    this.ensure(4);
    const b = this.buf;
    const p = this.pos;
    b[p] = v;
    b[p + 1] = v >>> 8;
    b[p + 2] = v >>> 16;
    b[p + 3] = v >>> 24;
    this.pos = p + 4;
  }

  /** Unsigned varint of a non-negative number below 2^53. */
  varint(v: number): void {
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  /** Bytes `b[s..e)`. */
  append(b: Uint8Array, s = 0, e = b.length): void {
    const n = e - s;
    this.ensure(n);
    // A loop for short values: a subarray is an object (and for a Buffer a costly one).
    if (n < 64) {
      const out = this.buf;
      let p = this.pos;
      for (let i = s; i < e; i++) out[p++] = b[i]!;
    } else {
      this.buf.set(b.subarray(s, e), this.pos);
    }
    this.pos += n;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
  }
}

/** Bits needed for values up to `max` (0 for a single value: Parquet allows a bit width of 0). */
export function bitWidth(max: number): number {
  return max <= 0 ? 0 : 32 - Math.clz32(max);
}

/**
 * `values[0..n)` in the RLE / bit-packed hybrid at `width` bits, without a length prefix: runs of
 * 8 or more equal values as RLE runs, the rest bit-packed in groups of 8 (the last group padded).
 */
export function writeHybrid(out: ByteBuffer, values: ArrayLike<number>, n: number, width: number): void {
  const valueBytes = (width + 7) >> 3;
  let literalStart = 0;
  let i = 0;
  while (i < n) {
    const v = values[i]!;
    let j = i + 1;
    while (j < n && values[j] === v) j++;
    if (j - i >= 8) {
      // Literals before the run are bit-packed in whole groups of 8: the run lends them what they lack.
      let lent = (8 - ((i - literalStart) & 7)) & 7;
      if (j - i - lent < 8) lent = j - i; // what is left is too short for a run
      if (lent < j - i) {
        if (i + lent > literalStart) bitPack(out, values, literalStart, i + lent, width);
        out.varint((j - i - lent) * 2);
        out.ensure(valueBytes);
        for (let k = 0, x = v; k < valueBytes; k++, x >>>= 8) out.buf[out.pos++] = x & 0xff;
        literalStart = j;
      }
    }
    i = j;
  }
  if (literalStart < n) bitPack(out, values, literalStart, n, width);
}

/** `values[s..e)` bit-packed (LSB first) in groups of 8, the last one padded with zeros. */
function bitPack(out: ByteBuffer, values: ArrayLike<number>, s: number, e: number, width: number): void {
  const groups = Math.ceil((e - s) / 8);
  out.varint(groups * 2 + 1);
  out.ensure(groups * width + 8);
  const buf = out.buf;
  let p = out.pos;
  let acc = 0;
  let bits = 0;
  const end = s + groups * 8;
  for (let i = s; i < end; i++) {
    const v = i < e ? values[i]! : 0;
    // Up to 32 bits of value: feed it in two halves so the accumulator never passes 32 bits.
    if (width <= 16) {
      acc |= v << bits;
      bits += width;
    } else {
      acc |= (v & 0xffff) << bits;
      bits += 16;
      while (bits >= 8) {
        buf[p++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
      acc |= (v >>> 16) << bits;
      bits += width - 16;
    }
    while (bits >= 8) {
      buf[p++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  }
  out.pos = p;
}

// Thrift compact protocol: field types.
const T_TRUE = 1;
const T_FALSE = 2;
const T_I32 = 5;
const T_I64 = 6;
const T_BINARY = 8;
const T_LIST = 9;
const T_STRUCT = 12;

/** A Thrift compact protocol writer (structs, i32, i64, binary, lists, booleans). */
export class ThriftWriter {
  private lastField: number[] = [];
  private last = 0;

  constructor(readonly out: ByteBuffer) {}

  private field(id: number, type: number): void {
    const delta = id - this.last;
    if (delta > 0 && delta <= 15) this.out.u8((delta << 4) | type);
    else {
      this.out.u8(type);
      this.out.varint(zigzag(id));
    }
    this.last = id;
  }

  i32(id: number, v: number): void {
    this.field(id, T_I32);
    this.out.varint(zigzag(v));
  }

  /** An i64 field holding a safe integer. */
  i64(id: number, v: number): void {
    this.field(id, T_I64);
    this.out.varint(zigzag(v));
  }

  bool(id: number, v: boolean): void {
    this.field(id, v ? T_TRUE : T_FALSE);
  }

  binary(id: number, b: Uint8Array): void {
    this.field(id, T_BINARY);
    this.out.varint(b.length);
    this.out.append(b);
  }

  string(id: number, s: string): void {
    this.binary(id, Buffer.from(s, 'utf8'));
  }

  /** A struct field: `body` writes its fields. */
  struct(id: number, body: () => void): void {
    this.field(id, T_STRUCT);
    this.structBody(body);
  }

  /** A list of structs. */
  structList<T>(id: number, items: readonly T[], body: (item: T) => void): void {
    this.listHeader(id, items.length, T_STRUCT);
    for (const item of items) this.structBody(() => body(item));
  }

  i32List(id: number, items: readonly number[]): void {
    this.listHeader(id, items.length, T_I32);
    for (const v of items) this.out.varint(zigzag(v));
  }

  stringList(id: number, items: readonly string[]): void {
    this.listHeader(id, items.length, T_BINARY);
    for (const s of items) {
      const b = Buffer.from(s, 'utf8');
      this.out.varint(b.length);
      this.out.append(b);
    }
  }

  /** A whole top-level struct (a page header, the footer). */
  message(body: () => void): void {
    this.structBody(body);
  }

  private listHeader(id: number, size: number, elementType: number): void {
    this.field(id, T_LIST);
    if (size < 15) this.out.u8((size << 4) | elementType);
    else {
      this.out.u8(0xf0 | elementType);
      this.out.varint(size);
    }
  }

  private structBody(body: () => void): void {
    this.lastField.push(this.last);
    this.last = 0;
    body();
    this.out.u8(0); // stop
    this.last = this.lastField.pop()!;
  }
}

/** Zigzag of a safe integer (Thrift's signed varints), by arithmetic: no 32-bit overflow. */
function zigzag(v: number): number {
  return v >= 0 ? v * 2 : -v * 2 - 1;
}
