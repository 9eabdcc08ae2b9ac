/**
 * One column of a Parquet row group, built straight from CSV field bytes (no string per field):
 * - text (BYTE_ARRAY, UTF8): each field's bytes hashed once into a dictionary of byte ranges while
 *   the dictionary pays (distinct bytes at most half of all the bytes, as hyparquet-writer
 *   decides); a column where it does not (session ids, IPs) goes on plain, length-prefixed bytes,
 *   and stays plain in the file's later row groups;
 * - numbers (DOUBLE) and times (INT64 TIMESTAMP_MILLIS): the same dictionary keyed by the field's
 *   bytes, each distinct text parsed once (`numberFromBytes`, `timeFromBytes`: the panel's parsers);
 *   plain columns parse every field; empty or unparsable values are nulls (definition level 0).
 * A row group's column is then one dictionary page (PLAIN) and one data page (V2: definition
 * levels in the RLE / bit-packed hybrid, values as RLE_DICTIONARY indices or PLAIN), compressed
 * with Snappy where it pays, and min/max/null statistics for numbers and times.
 */
import { doubleSlots } from './byteDictionary';
import { ByteBuffer, ThriftWriter, bitWidth, writeHybrid } from './parquetEncoding';
import { maxCompressedLength, snappyCompress } from './snappy';
import { durationFromBytes, numberFromBytes, timeFromBytes } from './values';

export type ParquetType = 'STRING' | 'DOUBLE' | 'TIMESTAMP';
/** How a number column reads its text: a plain number, a duration (`H:MM:SS` too), a report time. */
export type NumberParser = 'number' | 'duration' | 'time';

/** Rows between two checks of whether a dictionary still pays. */
const CHECK_EVERY = 4096;

const PARSERS: Record<NumberParser, (b: Uint8Array, s: number, e: number) => number> = {
  number: numberFromBytes,
  duration: durationFromBytes,
  time: timeFromBytes,
};

/** A column chunk ready to be placed in the file: its pages and what the footer says of it. */
export interface EncodedChunk {
  /** Page headers and pages, in file order. */
  parts: Uint8Array[];
  bytes: number;
  uncompressedBytes: number;
  /** Offset of the data page from the chunk's start. */
  dataPageOffset: number;
  hasDictionary: boolean;
  rows: number;
  /** Statistics of numbers and times (8 bytes each, little-endian); undefined for text. */
  stats?: { nulls: number; min?: Uint8Array; max?: Uint8Array };
}

// Page types and encodings of parquet.thrift.
const DATA_PAGE_V2 = 3;
const DICTIONARY_PAGE = 2;
const PLAIN = 0;
const RLE_DICTIONARY = 8;

/** Scratch for compression, grown to the largest page. */
let compressed = new Uint8Array(1 << 16);
const scratch64 = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch64.buffer);

export class ColumnBuilder {
  /** Rows in the current row group. */
  rows = 0;
  private dictionary = true;
  /** Set when a row group found nearly every value new: the next ones start plain. */
  private plainFromNowOn = false;
  // The dictionary: open addressing over the keys' bytes (slot → key + 1, 0 = empty).
  private slots = new Int32Array(1 << 10);
  private slotHash = new Int32Array(1 << 10);
  private keyStart = new Int32Array(256);
  private keyLength = new Int32Array(256);
  /** Dictionary id of each key, -1 for a number that is null. */
  private keyId = new Int32Array(256);
  /** Each short key's bytes (at most 16) as four little-endian words, zero-padded. */
  private keyWordsShort = new Int32Array(256 * 4);
  private keys = 0;
  private readonly keyBytes = new ByteBuffer(1 << 12);
  private keyWordsOf: Uint8Array | undefined;
  private keyWords: DataView = new DataView(new ArrayBuffer(0));
  /** The key of the last value looked up: its length (-1: none), start and id. */
  private lastLength = -1;
  private lastStart = 0;
  private lastId = 0;
  private lastW0 = 0;
  private lastW1 = 0;
  private lastW2 = 0;
  private lastW3 = 0;
  /** The dictionary page's values: text as PLAIN (length + bytes), numbers in `dictNumbers`. */
  private readonly dictText = new ByteBuffer(1 << 12);
  private dictNumbers = new Float64Array(256);
  private entries = 0;
  /** Per row: its dictionary id (dictionary mode). */
  private ids = new Int32Array(1 << 12);
  /** Per row: 1 when it has a value, 0 for a null. */
  private defined = new Uint8Array(1 << 12);
  private nulls = 0;
  /** Plain mode: the values as PLAIN (text length-prefixed; numbers 8 bytes each). */
  private readonly plain = new ByteBuffer(1 << 12);
  /** Value bytes of every row (as PLAIN would hold them), for the dictionary-pays check. */
  private valueBytes = 0;
  private min = Infinity;
  private max = -Infinity;
  private readonly parse: ((b: Uint8Array, s: number, e: number) => number) | undefined;

  constructor(
    readonly type: ParquetType,
    parser: NumberParser = type === 'TIMESTAMP' ? 'time' : 'number',
  ) {
    this.parse = type === 'STRING' ? undefined : PARSERS[parser];
  }

  /**
   * Adds a text value (`b[s..e)`, valid UTF-8) or, for number columns, the text to parse. `words`
   * is a DataView over `b` (the caller keeps one per buffer): keys are hashed four bytes a load.
   */
  add(b: Uint8Array, words: DataView, s: number, e: number): void {
    const n = this.rows;
    if (n === this.defined.length) this.growRows();
    if (this.dictionary) {
      const id = this.idOf(b, words, s, e);
      this.ids[n] = id;
      if (id < 0) {
        this.defined[n] = 0;
        this.nulls++;
      } else {
        this.defined[n] = 1;
        this.valueBytes += this.type === 'STRING' ? e - s + 4 : 8;
      }
      this.rows = n + 1;
      if ((n + 1) % CHECK_EVERY === 0) this.checkDictionary();
      return;
    }
    this.rows = n + 1;
    if (this.type === 'STRING') {
      this.defined[n] = 1;
      const out = this.plain;
      out.u32(e - s);
      out.append(b, s, e);
      return;
    }
    const v = this.parse!(b, s, e);
    if (v !== v) {
      this.defined[n] = 0;
      this.nulls++;
      return;
    }
    this.defined[n] = 1;
    this.putNumber(v);
  }

  /** Adds a null (a number column the report lacks); text columns take '' instead. */
  addNull(): void {
    if (this.type === 'STRING') {
      this.add(EMPTY, EMPTY_WORDS, 0, 0);
      return;
    }
    const n = this.rows;
    if (n === this.defined.length) this.growRows();
    this.defined[n] = 0;
    this.ids[n] = -1;
    this.nulls++;
    this.rows = n + 1;
  }

  /** Bytes held for the current row group (for bounding memory). */
  get heldBytes(): number {
    return this.plain.pos + this.dictText.pos + this.keyBytes.pos + this.rows * 5;
  }

  /** The row group's column chunk; the builder is then empty for the next row group. */
  finish(): EncodedChunk {
    const parts: Uint8Array[] = [];
    let bytes = 0;
    let uncompressedBytes = 0;
    const rows = this.rows;
    // A dictionary is kept when it pays: its values' bytes at most half of all the values' bytes.
    // One that did not pay over a whole row group is not built again for the file's next ones.
    if (this.dictionary && this.distinctBytes() * 2 > this.valueBytes) {
      this.toPlain();
      this.plainFromNowOn = true;
    }
    const hasDictionary = this.dictionary;
    const levels = new ByteBuffer(this.nulls === 0 ? 16 : (rows >> 3) + 64);
    writeHybrid(levels, this.defined, rows, 1);
    const values = new ByteBuffer(hasDictionary ? (rows >> 1) + 64 : 16);
    if (hasDictionary) {
      const dict = this.dictionaryPage();
      const page = compress(dict);
      const header = pageHeader(DICTIONARY_PAGE, dict.length, page.length, (t) =>
        t.struct(7, () => {
          t.i32(1, this.entries);
          t.i32(2, PLAIN);
        }),
      );
      parts.push(header, page);
      bytes += header.length + page.length;
      uncompressedBytes += header.length + dict.length;
      // The indices of the rows with a value, after their bit width.
      const width = bitWidth(this.entries - 1);
      values.u8(width);
      let ids = this.ids;
      if (this.nulls > 0) {
        ids = new Int32Array(rows - this.nulls);
        for (let i = 0, j = 0; i < rows; i++) if (this.defined[i]) ids[j++] = this.ids[i]!;
      }
      writeHybrid(values, ids, ids === this.ids ? rows : ids.length, width);
    }
    const raw = hasDictionary ? values.bytes() : this.plain.bytes();
    const packed = compress(raw);
    const isCompressed = packed.length < raw.length;
    const body = isCompressed ? packed : raw;
    const dataPageOffset = bytes;
    const levelBytes = levels.bytes();
    const header = pageHeader(DATA_PAGE_V2, levelBytes.length + raw.length, levelBytes.length + body.length, (t) =>
      t.struct(8, () => {
        t.i32(1, rows);
        t.i32(2, this.nulls);
        t.i32(3, rows);
        t.i32(4, hasDictionary ? RLE_DICTIONARY : PLAIN);
        t.i32(5, levelBytes.length);
        t.i32(6, 0);
        if (!isCompressed) t.bool(7, false);
      }),
    );
    // The plain values' buffer is reused for the next row group: copied (`compress` returns a copy).
    parts.push(header, levelBytes, isCompressed ? packed : raw.slice());
    bytes += header.length + levelBytes.length + body.length;
    uncompressedBytes += header.length + levelBytes.length + raw.length;
    const stats = this.type === 'STRING' ? undefined : { nulls: this.nulls, ...this.minMax() };
    this.reset();
    return { parts, bytes, uncompressedBytes, dataPageOffset, hasDictionary, rows, stats };
  }

  private minMax(): { min?: Uint8Array; max?: Uint8Array } {
    if (this.min > this.max) return {};
    // Parquet: a min of 0 is written -0, a max of -0 as +0.
    const min = this.min === 0 ? -0 : this.min;
    const max = this.max === 0 ? 0 : this.max;
    return { min: this.valueBytesOf(min), max: this.valueBytesOf(max) };
  }

  private valueBytesOf(v: number): Uint8Array {
    const out = new ByteBuffer(8);
    if (this.type === 'TIMESTAMP') writeInt64(out, v);
    else {
      scratch64[0] = v;
      out.append(scratchBytes);
    }
    return out.bytes();
  }

  private putNumber(v: number): void {
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (this.type === 'TIMESTAMP') writeInt64(this.plain, v);
    else {
      scratch64[0] = v;
      this.plain.append(scratchBytes);
    }
  }

  private dictionaryPage(): Uint8Array {
    if (this.type === 'STRING') return this.dictText.bytes();
    const out = new ByteBuffer(this.entries * 8);
    for (let i = 0; i < this.entries; i++) {
      const v = this.dictNumbers[i]!;
      if (this.type === 'TIMESTAMP') writeInt64(out, v);
      else {
        scratch64[0] = v;
        out.append(scratchBytes);
      }
    }
    return out.bytes();
  }

  /** Dictionary id of the key `b[s..e)`, adding it when new (-1: a number that is null). */
  private idOf(b: Uint8Array, words: DataView, s: number, e: number): number {
    const len = e - s;
    if (len <= 16) return this.idOfShort(b, words, s, len);
    if (this.keyWordsOf !== this.keyBytes.buf) {
      this.keyWordsOf = this.keyBytes.buf;
      this.keyWords = new DataView(this.keyWordsOf.buffer);
    }
    // The last row's value first: columns with one or a few values (state, the account's
    // fields, empty user data) repeat it most of the time, and this skips the hash.
    if (len === this.lastLength && this.sameKey(this.lastStart, b, words, s, e)) return this.lastId;
    let h = 0x811c9dc5 ^ len;
    let i = s;
    for (; i + 4 <= e; i += 4) h = Math.imul(h ^ words.getInt32(i, true), 0x01000193);
    for (; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    h ^= h >>> 13;
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      let k = slots[slot]! - 1;
      if (k < 0) k = this.addKey(b, s, e, h, slot);
      else if (this.slotHash[slot] !== h || this.keyLength[k] !== len || !this.sameKey(this.keyStart[k]!, b, words, s, e)) continue;
      this.lastLength = len;
      this.lastStart = this.keyStart[k]!;
      return (this.lastId = this.keyId[k]!);
    }
  }

  /**
   * `idOf` for keys of at most 16 bytes (most values: names, countries, cities, states, clients,
   * numbers): the key is four words, so hashing and comparing are a few integer operations.
   */
  private idOfShort(b: Uint8Array, words: DataView, s: number, len: number): number {
    const full = len >>> 2;
    let tail = 0;
    for (let i = s + len - 1; i >= s + (full << 2); i--) tail = (tail << 8) | b[i]!;
    const w0 = full > 0 ? words.getInt32(s, true) : tail;
    const w1 = full > 1 ? words.getInt32(s + 4, true) : full === 1 ? tail : 0;
    const w2 = full > 2 ? words.getInt32(s + 8, true) : full === 2 ? tail : 0;
    const w3 = full > 3 ? words.getInt32(s + 12, true) : full === 3 ? tail : 0;
    if (len === this.lastLength && w0 === this.lastW0 && w1 === this.lastW1 && w2 === this.lastW2 && w3 === this.lastW3) return this.lastId;
    let h = Math.imul(w0 ^ len, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16) ^ w1, 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 16) ^ w2, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16) ^ w3, 0x85ebca6b);
    h ^= h >>> 13;
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      let k = slots[slot]! - 1;
      if (k < 0) {
        k = this.addKey(b, s, s + len, h, slot);
        const w = this.keyWordsShort;
        w[k * 4] = w0;
        w[k * 4 + 1] = w1;
        w[k * 4 + 2] = w2;
        w[k * 4 + 3] = w3;
      } else {
        const w = this.keyWordsShort;
        const at = k * 4;
        if (this.keyLength[k] !== len || w[at] !== w0 || w[at + 1] !== w1 || w[at + 2] !== w2 || w[at + 3] !== w3) continue;
      }
      this.lastLength = len;
      this.lastW0 = w0;
      this.lastW1 = w1;
      this.lastW2 = w2;
      this.lastW3 = w3;
      return (this.lastId = this.keyId[k]!);
    }
  }

  /** Whether the key bytes at `at` are `b[s..e)` (the lengths are equal): four bytes a compare. */
  private sameKey(at: number, b: Uint8Array, words: DataView, s: number, e: number): boolean {
    const keyWords = this.keyWords;
    const shift = at - s;
    let j = s;
    for (; j + 4 <= e; j += 4) if (keyWords.getInt32(shift + j, true) !== words.getInt32(j, true)) return false;
    const keys = this.keyWordsOf!;
    for (; j < e; j++) if (keys[shift + j] !== b[j]) return false;
    return true;
  }

  /** Adds the key `b[s..e)` at `slot`; returns the key's index. */
  private addKey(b: Uint8Array, s: number, e: number, h: number, slot: number): number {
    let id: number;
    if (this.type === 'STRING') {
      id = this.entries++;
      this.dictText.u32(e - s);
      this.dictText.append(b, s, e);
    } else {
      const v = this.parse!(b, s, e);
      if (v !== v) id = -1;
      else {
        if (v < this.min) this.min = v;
        if (v > this.max) this.max = v;
        id = this.entries++;
        if (id === this.dictNumbers.length) this.dictNumbers = growFloat(this.dictNumbers);
        this.dictNumbers[id] = v;
      }
    }
    if (this.keys === this.keyId.length) {
      this.keyStart = growInt(this.keyStart);
      this.keyLength = growInt(this.keyLength);
      this.keyId = growInt(this.keyId);
      this.keyWordsShort = growInt(this.keyWordsShort, this.keyWordsShort.length * 2);
    }
    const k = this.keys++;
    this.keyStart[k] = this.keyBytes.pos;
    this.keyLength[k] = e - s;
    this.keyId[k] = id;
    this.keyBytes.append(b, s, e);
    this.slots[slot] = k + 1;
    this.slotHash[slot] = h;
    if (this.keys * 2 > this.slots.length) this.rehash();
    if (this.keyWordsOf !== this.keyBytes.buf) {
      // The arena grew (moved).
      this.keyWordsOf = this.keyBytes.buf;
      this.keyWords = new DataView(this.keyWordsOf.buffer);
    }
    return k;
  }

  /**
   * Goes plain, for this row group and the file's next ones, when nearly every value is new (ids,
   * addresses, times to the second): 90 % of the values' bytes, hyparquet-writer's sampling bound.
   */
  private checkDictionary(): void {
    if (this.distinctBytes() * 10 > this.valueBytes * 9) {
      this.toPlain();
      this.plainFromNowOn = true;
    }
  }

  private distinctBytes(): number {
    return this.type === 'STRING' ? this.dictText.pos : this.entries * 8;
  }

  /** The rows so far as plain values, the dictionary dropped. */
  private toPlain(): void {
    this.dictionary = false;
    // The rows so far, as plain values.
    const dict = this.dictText.buf;
    const starts = this.type === 'STRING' ? this.textStarts() : undefined;
    for (let i = 0; i < this.rows; i++) {
      const id = this.ids[i]!;
      if (id < 0) continue;
      if (starts) {
        const at = starts[id]!;
        const len = dict[at]! | (dict[at + 1]! << 8) | (dict[at + 2]! << 16) | (dict[at + 3]! << 24);
        this.plain.append(dict, at, at + 4 + len);
      } else {
        this.putNumber(this.dictNumbers[id]!);
      }
    }
    this.clearDictionary();
  }

  private textStarts(): Int32Array {
    const starts = new Int32Array(this.entries);
    const dict = this.dictText.buf;
    for (let id = 0, at = 0; id < this.entries; id++) {
      starts[id] = at;
      at += 4 + (dict[at]! | (dict[at + 1]! << 8) | (dict[at + 2]! << 16) | (dict[at + 3]! << 24));
    }
    return starts;
  }

  private clearDictionary(): void {
    this.lastLength = -1;
    this.slots.fill(0);
    this.keys = 0;
    this.entries = 0;
    this.keyBytes.reset();
    this.dictText.reset();
  }

  private reset(): void {
    this.rows = 0;
    this.nulls = 0;
    this.valueBytes = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.plain.reset();
    if (this.dictionary) this.clearDictionary();
    this.dictionary = !this.plainFromNowOn;
  }

  private rehash(): void {
    [this.slots, this.slotHash] = doubleSlots(this.slots, this.slotHash);
  }

  private growRows(): void {
    const size = this.defined.length * 2;
    const ids = new Int32Array(size);
    ids.set(this.ids);
    this.ids = ids;
    const defined = new Uint8Array(size);
    defined.set(this.defined);
    this.defined = defined;
  }
}

const EMPTY = new Uint8Array(0);
const EMPTY_WORDS = new DataView(EMPTY.buffer);

/** An INT64 of a whole number of milliseconds, little-endian. */
function writeInt64(out: ByteBuffer, v: number): void {
  const hi = Math.floor(v / 0x100000000);
  const lo = v - hi * 0x100000000;
  out.u32(lo);
  out.u32(hi | 0);
}

function compress(raw: Uint8Array): Uint8Array {
  const need = maxCompressedLength(raw.length);
  if (compressed.length < need) compressed = new Uint8Array(need);
  return compressed.slice(0, snappyCompress(raw, raw.length, compressed));
}

function pageHeader(type: number, uncompressed: number, compressedSize: number, body: (t: ThriftWriter) => void): Uint8Array {
  const out = new ByteBuffer(64);
  const t = new ThriftWriter(out);
  t.message(() => {
    t.i32(1, type);
    t.i32(2, uncompressed);
    t.i32(3, compressedSize);
    body(t);
  });
  return out.bytes();
}

function growInt(a: Int32Array, size = a.length * 2): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(a);
  return next;
}

function growFloat(a: Float64Array): Float64Array<ArrayBuffer> {
  const next = new Float64Array(a.length * 2);
  next.set(a);
  return next;
}
