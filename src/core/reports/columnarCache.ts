/**
 * The columnar cache: a month read once is kept beside the monthly CSVs as its segment (table
 * columns, dictionaries, aggregate state), so opening it again reads ~40 bytes a row instead of
 * parsing ~290. One file per CSV:
 *
 *   "FRAMECOL" | u32 format version | u32 JSON length | u32 JSON CRC-32 | u32 0 | JSON | columns…
 *
 * The JSON names the source (path, size, mtime, CRC-32 of its first 64 KiB), the dictionaries,
 * the aggregate state and summary, and each column's type, offset, length and CRC-32. After the
 * table columns comes the rows' newest-first order (the table's default view), so that reopening
 * a month in no order copies it instead of sorting a million starts again; a stored order that is
 * not a permutation of the rows is computed again. An entry is
 * used only when its version is this code's, its source is unchanged and every checksum holds;
 * anything else is rebuilt. The folder is capped in bytes: using an entry touches its mtime, and
 * the least recently used entries are removed first. `clear()` empties it.
 *
 * The folder is untrusted input (anything may have been put there): an entry is read only when it
 * is a regular file (not a link, FIFO or device) whose size is exactly what its header says was
 * written, the header is read before anything else, the JSON is checked field by field (the
 * row count against every column, dictionary ids against their dictionaries), and any entry
 * that is not exactly what was written is removed and the month read again. A cache that cannot
 * be written is skipped: the sessions are shown all the same.
 */
import * as l10n from '@vscode/l10n';
import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { crc32 } from './crc32';
import { KEY_COLUMNS, type AggregateState } from './sessionAggregate';
import { TEXT_COLUMNS, type SegmentColumns, type SessionSegment, type TextColumn } from './sessionColumns';
import type { SessionParseSummary } from './sessionParser';
import type { SketchState } from './stats';
import { isPermutation, newestFirstOf } from './sortOrder';

/** Bump when the layout or the meaning of a column changes: older entries are then rebuilt. */
export const COLUMNAR_FORMAT_VERSION = 4;
const MAGIC = Buffer.from('FRAMECOL', 'latin1');
const FIXED = 24;
const HEAD_BYTES = 64 * 1024;
const EXTENSION = '.cols';
const DEFAULT_MAX_BYTES = 1024 ** 3;
/** The JSON of an entry: dictionaries and aggregate state (a year of a large tenant is a few MB). */
const MAX_JSON_BYTES = 256 * 1024 * 1024;
/** Opened without following a link and without waiting on a FIFO (flags the platform lacks are 0). */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

type ColumnType = 'Float64Array' | 'Float32Array' | 'Uint32Array' | 'Uint16Array';
const CONSTRUCTORS = { Float64Array, Float32Array, Uint32Array, Uint16Array };
/** Every column an entry holds, with the types it may have (what the reader writes). */
const COLUMN_TYPES: Record<keyof SegmentColumns, readonly ColumnType[]> = {
  start: ['Float64Array'],
  duration: ['Float32Array'],
  latency: ['Float32Array'],
  bandwidth: ['Float32Array'],
  framerate: ['Float32Array'],
  user: ['Uint16Array', 'Uint32Array'],
  application: ['Uint16Array', 'Uint32Array'],
  country: ['Uint16Array', 'Uint32Array'],
  city: ['Uint16Array', 'Uint32Array'],
  state: ['Uint16Array', 'Uint32Array'],
  systemType: ['Uint16Array', 'Uint32Array'],
  account: ['Uint16Array', 'Uint32Array'],
  region: ['Uint16Array', 'Uint32Array'],
  userAgent: ['Uint16Array', 'Uint32Array'],
  resolution: ['Uint16Array', 'Uint32Array'],
  email: ['Uint16Array', 'Uint32Array'],
  offsets: ['Uint32Array', 'Float64Array'],
};
/** What an entry holds: the table columns, then the start order (so a reopen merges instead of sorting). */
const ENTRY_TYPES: Record<keyof SegmentColumns | 'newestFirst', readonly ColumnType[]> = { ...COLUMN_TYPES, newestFirst: ['Uint32Array'] };

interface ColumnEntry {
  /** A table column, or `newestFirst` (the rows newest first: a permutation of the rows). */
  name: keyof SegmentColumns | 'newestFirst';
  type: ColumnType;
  offset: number;
  length: number;
  crc: number;
}

interface Source {
  path: string;
  size: number;
  mtimeMs: number;
  headCrc: number;
}

interface Meta {
  source: Source;
  rows: number;
  dictionaries: Record<TextColumn, string[]>;
  summary: SessionParseSummary;
  aggregate: unknown;
  columns: ColumnEntry[];
}

export interface ColumnarCacheOptions {
  /** Bytes the folder may hold. Default 1 GiB. */
  maxBytes?: number;
}

export class ColumnarCache {
  private readonly maxBytes: number;

  constructor(
    /** The folder of the cache (beside the monthly CSVs, in the extension's global storage). */
    readonly folder: string,
    options: ColumnarCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /** Where the entry of a CSV is kept. */
  entryPath(csv: string): string {
    return path.join(this.folder, createHash('sha256').update(path.resolve(csv)).digest('hex').slice(0, 32) + EXTENSION);
  }

  /** The segment of `csv` when a valid entry holds it (the entry is then the most recently used). */
  async get(csv: string): Promise<SessionSegment | undefined> {
    const read = await this.read(csv);
    return 'segment' in read ? read.segment : undefined;
  }

  /**
   * The segment of `csv`, or why there is none: `missing` (never read, or cleared) or the reason
   * the entry was not used (it is then removed, as `get` does). Never throws.
   */
  async read(csv: string): Promise<{ segment: SessionSegment } | { missing: true } | { reason: string }> {
    const file = this.entryPath(csv);
    const found = await lstat(file).catch(() => undefined);
    if (!found) return { missing: true };
    // Anything but a regular file of a plausible size is not an entry this cache wrote.
    let result: SessionSegment | string;
    if (!found.isFile()) result = l10n.t('the cache entry is not a regular file');
    else if (found.size < FIXED || found.size > this.maxBytes)
      result = l10n.t("the cache entry's size ({0} bytes) is not one it writes", found.size);
    else {
      const source = await sourceOf(csv).catch(() => undefined);
      result = source
        ? await readEntry(file, source, this.maxBytes).catch((e: unknown) =>
            l10n.t('the cache entry could not be read ({0})', errorCode(e)),
          )
        : l10n.t('its report CSV is gone');
    }
    if (typeof result === 'string') {
      await this.drop(csv);
      return { reason: result };
    }
    return { segment: result };
  }

  /**
   * Keeps the segment of `csv`, then evicts the least recently used entries beyond the cap. Never
   * throws: a cache that cannot be written (no room, no permission, a file where the folder
   * should be) only means the month is read again next time. Returns whether it was kept.
   */
  async put(csv: string, segment: SessionSegment): Promise<boolean> {
    const file = this.entryPath(csv);
    const temp = `${file}.${randomUUID().slice(0, 8)}.part`;
    try {
      const source = await sourceOf(csv);
      await mkdir(this.folder, { recursive: true });
      const handle = await open(temp, 'wx');
      try {
        for (const chunk of encode(segment, source)) await handle.write(chunk);
      } finally {
        await handle.close();
      }
      await rename(temp, file);
      await this.evict(file);
      return true;
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
      return false;
    }
  }

  /** Forgets the entry of `csv` (a month that failed to parse, or whose CSV is gone). */
  async drop(csv: string): Promise<void> {
    await rm(this.entryPath(csv), { force: true }).catch(() => undefined);
  }

  /** Removes every entry ("Frame: Clear Report Cache"); returns how many bytes were freed. */
  async clear(): Promise<number> {
    let freed = 0;
    for (const e of await this.entries()) {
      await rm(e.file, { force: true });
      freed += e.size;
    }
    return freed;
  }

  /** Bytes held by the entries. */
  async size(): Promise<number> {
    return (await this.entries()).reduce((n, e) => n + e.size, 0);
  }

  private async entries(): Promise<{ file: string; size: number; used: number }[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch {
      return [];
    }
    const out: { file: string; size: number; used: number }[] = [];
    for (const name of names) {
      if (!name.endsWith(EXTENSION) && !name.endsWith('.part')) continue;
      const file = path.join(this.folder, name);
      const st = await lstat(file).catch(() => undefined);
      if (st?.isFile()) out.push({ file, size: st.size, used: st.mtimeMs });
    }
    return out;
  }

  private async evict(keep: string): Promise<void> {
    const entries = (await this.entries()).filter((e) => e.file.endsWith(EXTENSION)).sort((a, b) => a.used - b.used);
    let total = entries.reduce((n, e) => n + e.size, 0);
    for (const e of entries) {
      if (total <= this.maxBytes) break;
      if (e.file === keep) continue;
      await rm(e.file, { force: true });
      total -= e.size;
    }
  }
}

/**
 * The segment in an entry file, read header first: the fixed header and the JSON are checked
 * before the columns are read, and the columns only when the file's size is exactly what the
 * JSON says was written. Undefined for anything else.
 */
async function readEntry(file: string, source: Source, maxBytes: number): Promise<SessionSegment | string> {
  const handle = await open(file, READ_FLAGS);
  try {
    const st = await handle.stat();
    if (!st.isFile() || st.size < FIXED || st.size > maxBytes) return l10n.t('the cache entry is not a regular file of a size it writes');
    const fixed = await readExactly(handle, 0, FIXED);
    if (!fixed || !MAGIC.equals(fixed.subarray(0, 8))) return l10n.t('the cache entry does not start as one (wrong magic)');
    if (fixed.readUInt32LE(8) !== COLUMNAR_FORMAT_VERSION) return l10n.t('the cache entry is of another format version');
    const jsonLength = fixed.readUInt32LE(12);
    if (jsonLength > MAX_JSON_BYTES || FIXED + jsonLength > st.size)
      return l10n.t("the cache entry's header says {0} bytes of JSON, more than it holds", jsonLength);
    const json = await readExactly(handle, FIXED, jsonLength);
    if (!json || crc32(json) !== fixed.readUInt32LE(16)) return l10n.t("the cache entry's JSON does not match its checksum");
    const meta = checkMeta(parseJson(json), source);
    if (!meta)
      return l10n.t('the cache entry does not describe this report as it is now (changed since it was read, or not what was written)');
    const base = pad8(FIXED + jsonLength);
    if (st.size !== base + meta.bytes)
      return l10n.t('the cache entry is {0} bytes where its columns need {1} (truncated or padded)', st.size, base + meta.bytes);
    // A fresh buffer of its own: the columns are views on it, and it may be transferred to another thread.
    const bytes = new Uint8Array(st.size);
    bytes.set(fixed, 0);
    bytes.set(json, FIXED);
    // Straight into the entry's buffer: no second copy of the columns.
    if (!(await readInto(handle, bytes, base))) return l10n.t('the cache entry ended while it was read');
    const segment = decode(bytes, base, meta);
    if (!segment) return l10n.t('a column of the cache entry does not match its checksum or its dictionary');
    // Touched through the handle: a link swapped in meanwhile is never followed.
    const now = new Date();
    await handle.utimes(now, now).catch(() => undefined);
    return segment;
  } finally {
    await handle.close();
  }
}

/** A file error's code (ELOOP, EACCES…) for a reason, never its path or a stack. */
function errorCode(e: unknown): string {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'unreadable';
}

/** `length` bytes at `position`, or undefined when the file ends first. */
async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer | undefined> {
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  while (at < length) {
    const { bytesRead } = await handle.read(out, at, length - at, position + at);
    if (bytesRead === 0) return undefined;
    at += bytesRead;
  }
  return out;
}

/** Fills `out[from..]` from the same position of the file; false when the file ends first. */
async function readInto(handle: FileHandle, out: Uint8Array, from: number): Promise<boolean> {
  let at = from;
  while (at < out.length) {
    const { bytesRead } = await handle.read(out, at, out.length - at, at);
    if (bytesRead === 0) return false;
    at += bytesRead;
  }
  return true;
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

async function sourceOf(csv: string): Promise<Source> {
  const st = await stat(csv);
  const handle = await open(csv, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, st.size));
    await handle.read(head, 0, head.length, 0);
    return { path: path.resolve(csv), size: st.size, mtimeMs: st.mtimeMs, headCrc: crc32(head) };
  } finally {
    await handle.close();
  }
}

function sameSource(a: Source, b: Source | undefined): boolean {
  return !!b && a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs && a.headCrc === b.headCrc;
}

function pad8(n: number): number {
  return (n + 7) & ~7;
}

function encode(s: SessionSegment, source: Source): Uint8Array[] {
  const arrays = { ...s.columns, newestFirst: s.newestFirst ?? newestFirstOf(s.columns.start) };
  const names = Object.keys(arrays) as (keyof typeof arrays)[];
  const columns: ColumnEntry[] = [];
  let offset = 0;
  for (const name of names) {
    const a = arrays[name];
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    columns.push({ name, type: a.constructor.name as ColumnType, offset, length: a.length, crc: crc32(bytes) });
    offset = pad8(offset + a.byteLength);
  }
  const meta: Meta = {
    source,
    rows: s.rows,
    dictionaries: s.dictionaries,
    summary: s.summary,
    aggregate: aggregateToJson(s.aggregate),
    columns,
  };
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const fixed = Buffer.alloc(FIXED);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt32LE(COLUMNAR_FORMAT_VERSION, 8);
  fixed.writeUInt32LE(json.length, 12);
  fixed.writeUInt32LE(crc32(json), 16);
  const chunks: Uint8Array[] = [fixed, json, new Uint8Array(pad8(FIXED + json.length) - FIXED - json.length)];
  for (const name of names) {
    const a = arrays[name];
    chunks.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    chunks.push(new Uint8Array(pad8(a.byteLength) - a.byteLength));
  }
  return chunks;
}

interface CheckedMeta {
  meta: Meta;
  /** Bytes of the columns with their padding, as written. */
  bytes: number;
}

/**
 * The entry's JSON when it is exactly what `encode` writes for this source: every field of the
 * right type, every column there once, `rows` long, laid out back to back. Undefined otherwise.
 */
function checkMeta(j: unknown, source: Source): CheckedMeta | undefined {
  if (!isRecord(j) || !isRecord(j.source) || !sameSource(j.source as unknown as Source, source)) return undefined;
  const rows = j.rows;
  if (!isCount(rows)) return undefined;
  if (!isRecord(j.dictionaries) || !TEXT_COLUMNS.every((k) => isStringArray((j.dictionaries as Json)[k]))) return undefined;
  if (!isRecord(j.summary) || !isRecord(j.aggregate) || !Array.isArray(j.columns)) return undefined;
  const names = Object.keys(ENTRY_TYPES);
  if (j.columns.length !== names.length) return undefined;
  const seen = new Set<string>();
  let offset = 0;
  for (const c of j.columns as unknown[]) {
    if (!isRecord(c) || typeof c.name !== 'string' || !Object.hasOwn(ENTRY_TYPES, c.name) || seen.has(c.name)) return undefined;
    seen.add(c.name);
    const types = ENTRY_TYPES[c.name as keyof typeof ENTRY_TYPES];
    if (typeof c.type !== 'string' || !types.includes(c.type as ColumnType)) return undefined;
    if (c.length !== rows || c.offset !== offset || !isCount(c.crc)) return undefined;
    offset = pad8(offset + rows * CONSTRUCTORS[c.type as ColumnType].BYTES_PER_ELEMENT);
  }
  return { meta: j as unknown as Meta, bytes: offset };
}

/** The segment in `bytes` (its JSON already checked), or undefined when a checksum or a dictionary id does not hold. */
function decode(bytes: Uint8Array, base: number, { meta }: CheckedMeta): SessionSegment | undefined {
  try {
    const columns = {} as Record<keyof SegmentColumns | 'newestFirst', ArrayBufferView>;
    for (const c of meta.columns) {
      const Ctor = CONSTRUCTORS[c.type];
      const at = bytes.byteOffset + base + c.offset;
      const raw = new Uint8Array(bytes.buffer, at, c.length * Ctor.BYTES_PER_ELEMENT);
      if (crc32(raw) !== c.crc) return undefined;
      const column = new Ctor(bytes.buffer as ArrayBuffer, at, c.length);
      const dictionary = (meta.dictionaries as Record<string, string[] | undefined>)[c.name];
      if (dictionary && !idsWithin(column, dictionary.length)) return undefined;
      columns[c.name] = column;
    }
    const { newestFirst, ...table } = columns;
    const start = (table as unknown as SegmentColumns).start;
    return {
      rows: meta.rows,
      columns: table as unknown as SegmentColumns,
      // Checked, not trusted: an order that is not a permutation of the rows is computed again.
      newestFirst: isPermutation(newestFirst as Uint32Array, meta.rows) ? (newestFirst as Uint32Array) : newestFirstOf(start),
      dictionaries: meta.dictionaries,
      aggregate: aggregateFromJson(meta.aggregate),
      summary: checkSummary(meta.summary),
      source: { file: meta.source.path },
    };
  } catch {
    // A field of the wrong shape deep in the aggregate or the summary: not what was written.
    return undefined;
  }
}

function idsWithin(column: ArrayLike<number>, size: number): boolean {
  for (let i = 0; i < column.length; i++) if (column[i]! >= size) return false;
  return true;
}

function isRecord(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 0xffffffff;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function checkSummary(s: SessionParseSummary): SessionParseSummary {
  for (const k of ['records', 'malformedRecords', 'raggedRecords', 'blankLines'] as const) num(s[k]);
  if (!Array.isArray(s.issues) || !isStringArray(s.header) || !isStringArray(s.missingColumns) || !isStringArray(s.extraColumns))
    throw new TypeError('summary');
  if (typeof s.emptyInput !== 'boolean') throw new TypeError('summary');
  return s;
}

/** A number (null read as `fallback`), else a TypeError. */
function num(v: unknown, fallback?: number): number {
  if (v === null && fallback !== undefined) return fallback;
  if (typeof v !== 'number') throw new TypeError('not a number');
  return v;
}

/** An array of numbers as a Float64Array, else a TypeError. */
function nums(v: unknown): Float64Array {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) throw new TypeError('not an array of numbers');
  return Float64Array.from(v as number[]);
}

// The aggregate state as JSON: its typed arrays as plain arrays (they are small: days, keys, buckets).

type Json = Record<string, unknown>;

function sketchToJson(s: SketchState): Json {
  return {
    ...s,
    positive: { offset: s.positive.offset, counts: Array.from(s.positive.counts) },
    negative: { offset: s.negative.offset, counts: Array.from(s.negative.counts) },
  };
}

function sketchFromJson(j: unknown): SketchState {
  if (!isRecord(j) || !isRecord(j.positive) || !isRecord(j.negative)) throw new TypeError('sketch');
  return {
    relativeAccuracy: num(j.relativeAccuracy),
    count: num(j.count),
    sum: num(j.sum),
    min: num(j.min ?? null, Infinity),
    max: num(j.max ?? null, -Infinity),
    zeros: num(j.zeros),
    positive: { offset: num(j.positive.offset), counts: nums(j.positive.counts) },
    negative: { offset: num(j.negative.offset), counts: nums(j.negative.counts) },
  };
}

function aggregateToJson(a: AggregateState): Json {
  const keys: Json = {};
  for (const [k, v] of Object.entries(a.keys)) keys[k] = { sessions: Array.from(v.sessions), seconds: Array.from(v.seconds) };
  return {
    ...a,
    firstStart: Number.isFinite(a.firstStart) ? a.firstStart : null,
    lastStart: Number.isFinite(a.lastStart) ? a.lastStart : null,
    days: Array.from(a.days),
    histogram: Array.from(a.histogram),
    durations: sketchToJson(a.durations),
    latency: sketchToJson(a.latency),
    bandwidth: sketchToJson(a.bandwidth),
    framerate: sketchToJson(a.framerate),
    keys,
  };
}

function aggregateFromJson(j: unknown): AggregateState {
  if (!isRecord(j) || !isRecord(j.keys)) throw new TypeError('aggregate');
  const keys = {} as AggregateState['keys'];
  for (const k of KEY_COLUMNS) {
    const v = j.keys[k];
    if (!isRecord(v)) throw new TypeError('aggregate keys');
    keys[k] = { sessions: nums(v.sessions), seconds: nums(v.seconds) };
  }
  return {
    sessions: num(j.sessions),
    undated: num(j.undated),
    firstStart: num(j.firstStart, Infinity),
    lastStart: num(j.lastStart, -Infinity),
    totalSeconds: num(j.totalSeconds),
    days: nums(j.days),
    histogram: nums(j.histogram),
    durations: sketchFromJson(j.durations),
    latency: sketchFromJson(j.latency),
    bandwidth: sketchFromJson(j.bandwidth),
    framerate: sketchFromJson(j.framerate),
    keys,
  };
}
