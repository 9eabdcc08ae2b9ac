/**
 * The columnar cache: a month read once is kept beside the monthly CSVs as its segment (table
 * columns, dictionaries, aggregate state), so opening it again reads ~40 bytes a row instead of
 * parsing ~290. One file per CSV:
 *
 *   "FRAMECOL" | u32 format version | u32 JSON length | u32 JSON CRC-32 | u32 0 | JSON | columns…
 *
 * The JSON names the source (path, size, mtime, CRC-32 of its first 64 KiB), the dictionaries,
 * the aggregate state and summary, and each column's type, offset, length and CRC-32. An entry is
 * used only when its version is this code's, its source is unchanged and every checksum holds;
 * anything else is rebuilt. The folder is capped in bytes: using an entry touches its mtime, and
 * the least recently used entries are removed first. `clear()` empties it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import * as path from 'node:path';
import { crc32 } from './crc32';
import type { AggregateState, KeyColumn } from './sessionAggregate';
import type { SegmentColumns, SessionSegment, TextColumn } from './sessionColumns';
import type { SessionParseSummary } from './sessionParser';
import type { SketchState } from './stats';

/** Bump when the layout or the meaning of a column changes: older entries are then rebuilt. */
export const COLUMNAR_FORMAT_VERSION = 2;
const MAGIC = Buffer.from('FRAMECOL', 'latin1');
const FIXED = 24;
const HEAD_BYTES = 64 * 1024;
const EXTENSION = '.cols';
const DEFAULT_MAX_BYTES = 1024 ** 3;

type ColumnType = 'Float64Array' | 'Float32Array' | 'Uint32Array' | 'Uint16Array';
const CONSTRUCTORS = { Float64Array, Float32Array, Uint32Array, Uint16Array };

interface ColumnEntry {
  name: keyof SegmentColumns;
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
    const file = this.entryPath(csv);
    let bytes: Uint8Array;
    try {
      bytes = await readAll(file);
    } catch {
      return undefined;
    }
    const segment = decode(bytes, await sourceOf(csv).catch(() => undefined));
    if (!segment) {
      await rm(file, { force: true });
      return undefined;
    }
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return segment;
  }

  /** Keeps the segment of `csv`, then evicts the least recently used entries beyond the cap. */
  async put(csv: string, segment: SessionSegment): Promise<void> {
    const source = await sourceOf(csv);
    await mkdir(this.folder, { recursive: true });
    const file = this.entryPath(csv);
    const temp = `${file}.${randomUUID().slice(0, 8)}.part`;
    const handle = await open(temp, 'w');
    try {
      for (const chunk of encode(segment, source)) await handle.write(chunk);
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    await this.evict(file);
  }

  /** Forgets the entry of `csv` (a month that failed to parse, or whose CSV is gone). */
  async drop(csv: string): Promise<void> {
    await rm(this.entryPath(csv), { force: true });
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
      const st = await stat(file).catch(() => undefined);
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

async function readAll(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    // A fresh buffer of its own: the columns are views on it, and it may be transferred to another thread.
    const bytes = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
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
  const names = Object.keys(s.columns) as (keyof SegmentColumns)[];
  const columns: ColumnEntry[] = [];
  let offset = 0;
  for (const name of names) {
    const a = s.columns[name];
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
    const a = s.columns[name];
    chunks.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    chunks.push(new Uint8Array(pad8(a.byteLength) - a.byteLength));
  }
  return chunks;
}

/** The segment in `bytes`, or undefined when the entry is of another version, another source, or damaged. */
function decode(bytes: Uint8Array, source: Source | undefined): SessionSegment | undefined {
  if (bytes.length < FIXED || !MAGIC.equals(Buffer.from(bytes.buffer, bytes.byteOffset, 8))) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(8, true) !== COLUMNAR_FORMAT_VERSION) return undefined;
  const jsonLength = view.getUint32(12, true);
  if (FIXED + jsonLength > bytes.length) return undefined;
  const json = bytes.subarray(FIXED, FIXED + jsonLength);
  if (crc32(json) !== view.getUint32(16, true)) return undefined;
  let meta: Meta;
  try {
    meta = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8')) as Meta;
  } catch {
    return undefined;
  }
  if (!sameSource(meta.source, source)) return undefined;
  const base = bytes.byteOffset + pad8(FIXED + jsonLength);
  const columns = {} as Record<keyof SegmentColumns, ArrayBufferView>;
  for (const c of meta.columns) {
    const Ctor = CONSTRUCTORS[c.type];
    if (!Ctor || (base + c.offset) % 8 !== 0) return undefined;
    const byteLength = c.length * Ctor.BYTES_PER_ELEMENT;
    if (base + c.offset + byteLength > bytes.byteOffset + bytes.length) return undefined;
    const raw = new Uint8Array(bytes.buffer, base + c.offset, byteLength);
    if (crc32(raw) !== c.crc) return undefined;
    columns[c.name] = new Ctor(bytes.buffer as ArrayBuffer, base + c.offset, c.length);
  }
  return {
    rows: meta.rows,
    columns: columns as unknown as SegmentColumns,
    dictionaries: meta.dictionaries,
    aggregate: aggregateFromJson(meta.aggregate),
    summary: meta.summary,
    source: { file: meta.source.path },
  };
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

function sketchFromJson(j: Json): SketchState {
  const s = j as unknown as SketchState & { positive: { counts: number[] }; negative: { counts: number[] } };
  return {
    ...s,
    min: s.min ?? Infinity,
    max: s.max ?? -Infinity,
    positive: { offset: s.positive.offset, counts: Float64Array.from(s.positive.counts) },
    negative: { offset: s.negative.offset, counts: Float64Array.from(s.negative.counts) },
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
  const a = j as Json & { keys: Record<KeyColumn, { sessions: number[]; seconds: number[] }> };
  const keys = {} as AggregateState['keys'];
  for (const [k, v] of Object.entries(a.keys))
    keys[k as KeyColumn] = { sessions: Float64Array.from(v.sessions), seconds: Float64Array.from(v.seconds) };
  return {
    sessions: a.sessions as number,
    undated: a.undated as number,
    firstStart: (a.firstStart as number | null) ?? Infinity,
    lastStart: (a.lastStart as number | null) ?? -Infinity,
    totalSeconds: a.totalSeconds as number,
    days: Float64Array.from(a.days as number[]),
    histogram: Float64Array.from(a.histogram as number[]),
    durations: sketchFromJson(a.durations as Json),
    latency: sketchFromJson(a.latency as Json),
    bandwidth: sketchFromJson(a.bandwidth as Json),
    framerate: sketchFromJson(a.framerate as Json),
    keys,
  };
}
