/**
 * The panel's reader: session report bytes → a `SessionSegment`, the columns the sessions table
 * shows (typed arrays, text as dictionary ids) and the aggregate of every chart, in one pass.
 * Only the fields the panel uses are looked at: six text columns are interned from their bytes,
 * five numbers parsed from their bytes; the other fourteen are skipped (the session details read
 * them again from the CSV by the record's byte offset, which is kept).
 *
 * Memory per row, for the host to hold a year: 8 (start) + 4×4 (duration, latency, bandwidth, frame
 * rate as float32; the aggregates are computed before, from the exact values) + 5×2 or 5×4 (ids)
 * + 4 or 8 (byte offset): about 38 bytes.
 */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ByteDictionary } from './byteDictionary';
import { CsvScanner, FieldKind, decodeRange, fieldText, type CsvRecordView } from './csvTokenizer';
import { SessionReportError } from './errors';
import { SessionAggregateBuilder, type AggregateState } from './sessionAggregate';
import type { DetailsSource } from './sessionDetails';
import { mapHeader, notAReport, startsWithZipMagic, type SessionParseSummary } from './sessionParser';
import { durationFromBytes, numberFromBytes, parseDuration, parseNumber, parseReportTime, timeFromBytes } from './values';

/** Text columns with a dictionary: the table's five and region (aggregates only). */
export const TEXT_COLUMNS = ['user', 'application', 'country', 'city', 'state', 'region'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];
/** Text columns the table keeps per row. */
export const TABLE_TEXT_COLUMNS = ['user', 'application', 'country', 'city', 'state'] as const;
export type TableTextColumn = (typeof TABLE_TEXT_COLUMNS)[number];
export const TABLE_NUMBER_COLUMNS = ['start', 'duration', 'latency', 'bandwidth', 'framerate'] as const;
export type TableNumberColumn = (typeof TABLE_NUMBER_COLUMNS)[number];

export type IdArray = Uint16Array | Uint32Array;

/** One part's table columns; NaN = unknown. */
export interface SegmentColumns {
  /** Epoch ms (UTC). */
  start: Float64Array;
  /** Seconds. */
  duration: Float32Array;
  latency: Float32Array;
  bandwidth: Float32Array;
  framerate: Float32Array;
  user: IdArray;
  application: IdArray;
  country: IdArray;
  city: IdArray;
  state: IdArray;
  /** Byte offset of each record in its CSV. */
  offsets: Uint32Array | Float64Array;
}

/** A report (or a part of one) read for the panel. Structured-clonable: it crosses worker boundaries as is. */
export interface SessionSegment {
  rows: number;
  columns: SegmentColumns;
  dictionaries: Record<TextColumn, string[]>;
  aggregate: AggregateState;
  summary: SessionParseSummary;
  /** Where the records are, for their details (by `columns.offsets`). */
  source?: DetailsSource;
}

export interface SegmentReaderOptions {
  /** Throw on the first malformed or ragged record instead of counting it. */
  strict?: boolean;
  /** Issue messages kept (counters are always exact). Default 20. */
  maxIssues?: number;
  /** Bytes allowed before the header line ends. Default 1 MiB. */
  maxHeaderLength?: number;
  /** Longest record kept; longer ones are dropped as malformed. Default 1 MiB. */
  maxRecordBytes?: number;
  /** Quantile accuracy of the aggregate. Default 0.005. */
  relativeAccuracy?: number;
}

/** Rows per block: columns grow by whole blocks and are joined once at the end (no doubling copies). */
const BLOCK = 1 << 16;
const MASK = BLOCK - 1;

interface Blocks {
  start: Float64Array[];
  duration: Float32Array[];
  latency: Float32Array[];
  bandwidth: Float32Array[];
  framerate: Float32Array[];
  user: Uint32Array[];
  application: Uint32Array[];
  country: Uint32Array[];
  city: Uint32Array[];
  state: Uint32Array[];
  offsets: Float64Array[];
}

/** Push reader: `write` chunks of bytes, then `end()` for the segment. */
export class SessionSegmentReader {
  private readonly scanner: CsvScanner;
  private readonly strict: boolean;
  private readonly maxHeaderLength: number;
  private readonly aggregate: SessionAggregateBuilder;
  private readonly dict: Record<TextColumn, ByteDictionary> = {
    user: new ByteDictionary(),
    application: new ByteDictionary(),
    country: new ByteDictionary(),
    city: new ByteDictionary(),
    state: new ByteDictionary(),
    region: new ByteDictionary(),
  };
  private readonly blocks: Blocks = {
    start: [],
    duration: [],
    latency: [],
    bandwidth: [],
    framerate: [],
    user: [],
    application: [],
    country: [],
    city: [],
    state: [],
    offsets: [],
  };
  private rows = 0;
  private seenMalformed = 0;
  private bytesBeforeHeader = 0;
  private firstChunk = true;
  private headerLength = -1;
  // Field positions in a record (-1: not in this report).
  private cStart = -1;
  private cDuration = -1;
  private cLatency = -1;
  private cBandwidth = -1;
  private cFramerate = -1;
  private cUser = -1;
  private cApplication = -1;
  private cCountry = -1;
  private cCity = -1;
  private cState = -1;
  private cRegion = -1;
  private readonly summary: SessionParseSummary = {
    records: 0,
    malformedRecords: 0,
    raggedRecords: 0,
    blankLines: 0,
    issues: [],
    header: [],
    missingColumns: [],
    extraColumns: [],
    emptyInput: true,
  };

  constructor(options: SegmentReaderOptions = {}) {
    this.strict = options.strict ?? false;
    this.maxHeaderLength = options.maxHeaderLength ?? 1 << 20;
    this.aggregate = new SessionAggregateBuilder(options.relativeAccuracy ?? 0.005);
    this.scanner = new CsvScanner((r) => this.onRecord(r), {
      maxIssues: options.maxIssues ?? 20,
      maxRecordBytes: options.maxRecordBytes ?? 1 << 20,
    });
  }

  write(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (this.firstChunk && bytes.length > 0) {
      this.firstChunk = false;
      if (startsWithZipMagic(bytes)) {
        throw new SessionReportError('zipped', 'not a Frame session report but a zip archive: extract its CSV first (openReportCsv).');
      }
    }
    this.scanner.write(bytes);
    this.checkMalformed();
    if (this.headerLength < 0) {
      this.bytesBeforeHeader += bytes.length;
      if (this.bytesBeforeHeader > this.maxHeaderLength) throw notAReport(`no header line within the first ${this.maxHeaderLength} bytes`);
    }
  }

  end(): SessionSegment {
    this.scanner.end();
    this.checkMalformed();
    this.summary.malformedRecords = this.scanner.malformedRecords;
    this.summary.issues = this.scanner.issues;
    const rows = this.rows;
    const b = this.blocks;
    const ids = (col: TableTextColumn): IdArray =>
      join<IdArray>(b[col], rows, (n) => (this.dict[col].size <= 0x10000 ? new Uint16Array(n) : new Uint32Array(n)));
    const lastOffset = rows > 0 ? b.offsets[(rows - 1) >>> 16]![(rows - 1) & MASK]! : 0;
    const columns: SegmentColumns = {
      start: join(b.start, rows, (n) => new Float64Array(n)),
      duration: join(b.duration, rows, (n) => new Float32Array(n)),
      latency: join(b.latency, rows, (n) => new Float32Array(n)),
      bandwidth: join(b.bandwidth, rows, (n) => new Float32Array(n)),
      framerate: join(b.framerate, rows, (n) => new Float32Array(n)),
      user: ids('user'),
      application: ids('application'),
      country: ids('country'),
      city: ids('city'),
      state: ids('state'),
      offsets: join<Uint32Array | Float64Array>(b.offsets, rows, (n) => (lastOffset < 2 ** 32 ? new Uint32Array(n) : new Float64Array(n))),
    };
    const dictionaries = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, this.dict[c].values])) as Record<TextColumn, string[]>;
    return { rows, columns, dictionaries, aggregate: this.aggregate.state(), summary: this.summary };
  }

  private onRecord(r: CsvRecordView): void {
    this.checkMalformed();
    const count = r.count;
    if (count === 1 && r.starts[0] === r.ends[0]) {
      this.summary.blankLines++;
      return;
    }
    if (this.headerLength < 0) {
      this.useHeader(r);
      return;
    }
    if (count !== this.headerLength) {
      this.summary.raggedRecords++;
      if (this.strict) {
        throw new SessionReportError(
          'malformed-record',
          `record ${this.scanner.records} has ${count} fields where the header has ${this.headerLength}`,
        );
      }
    }
    this.summary.records++;
    const start = this.time(r, this.cStart);
    const duration = this.duration(r, this.cDuration);
    const latency = this.number(r, this.cLatency);
    const bandwidth = this.number(r, this.cBandwidth);
    const framerate = this.number(r, this.cFramerate);
    const user = this.id(r, this.cUser, this.dict.user);
    const application = this.id(r, this.cApplication, this.dict.application);
    const country = this.id(r, this.cCountry, this.dict.country);
    const city = this.id(r, this.cCity, this.dict.city);
    const state = this.id(r, this.cState, this.dict.state);
    const region = this.id(r, this.cRegion, this.dict.region);
    this.aggregate.add(start, duration, latency, bandwidth, framerate, application, user, country, region);

    const n = this.rows++;
    const j = n & MASK;
    const b = this.blocks;
    if (j === 0) this.newBlocks();
    const k = n >>> 16;
    b.start[k]![j] = start;
    b.duration[k]![j] = duration;
    b.latency[k]![j] = latency;
    b.bandwidth[k]![j] = bandwidth;
    b.framerate[k]![j] = framerate;
    b.user[k]![j] = user;
    b.application[k]![j] = application;
    b.country[k]![j] = country;
    b.city[k]![j] = city;
    b.state[k]![j] = state;
    b.offsets[k]![j] = r.offset;
  }

  private id(r: CsvRecordView, k: number, dict: ByteDictionary): number {
    if (k < 0 || k >= r.count) return dict.idOf('');
    return dict.idOfBytes(r.bytes, r.starts[k]!, r.ends[k]!, r.kinds[k]!);
  }

  private number(r: CsvRecordView, k: number): number {
    if (k < 0 || k >= r.count) return NaN;
    if (r.kinds[k] !== FieldKind.Plain) return parseNumber(fieldText(r, k)) ?? NaN;
    return numberFromBytes(r.bytes, r.starts[k]!, r.ends[k]!);
  }

  private duration(r: CsvRecordView, k: number): number {
    if (k < 0 || k >= r.count) return NaN;
    if (r.kinds[k] !== FieldKind.Plain) return parseDuration(fieldText(r, k)) ?? NaN;
    return durationFromBytes(r.bytes, r.starts[k]!, r.ends[k]!);
  }

  private time(r: CsvRecordView, k: number): number {
    if (k < 0 || k >= r.count) return NaN;
    if (r.kinds[k] !== FieldKind.Plain) return parseReportTime(fieldText(r, k)) ?? NaN;
    return timeFromBytes(r.bytes, r.starts[k]!, r.ends[k]!);
  }

  private newBlocks(): void {
    const b = this.blocks;
    b.start.push(new Float64Array(BLOCK));
    b.duration.push(new Float32Array(BLOCK));
    b.latency.push(new Float32Array(BLOCK));
    b.bandwidth.push(new Float32Array(BLOCK));
    b.framerate.push(new Float32Array(BLOCK));
    b.user.push(new Uint32Array(BLOCK));
    b.application.push(new Uint32Array(BLOCK));
    b.country.push(new Uint32Array(BLOCK));
    b.city.push(new Uint32Array(BLOCK));
    b.state.push(new Uint32Array(BLOCK));
    b.offsets.push(new Float64Array(BLOCK));
  }

  private useHeader(r: CsvRecordView): void {
    const header: string[] = [];
    for (let k = 0; k < r.count; k++) header.push(decodeRange(r.bytes, r.starts[k]!, r.ends[k]!, r.kinds[k]!));
    const map = mapHeader(header);
    this.headerLength = header.length;
    this.summary.header = header;
    this.summary.emptyInput = false;
    this.summary.missingColumns = map.missingColumns;
    this.summary.extraColumns = map.extraColumns;
    this.cStart = map.indexOf('starttime');
    this.cDuration = map.indexOf('session_duration');
    this.cLatency = map.indexOf('avg_latency');
    this.cBandwidth = map.indexOf('avg_bandwidth');
    this.cFramerate = map.indexOf('avg_framerate');
    this.cUser = map.indexOf('username');
    this.cApplication = map.indexOf('application');
    this.cCountry = map.indexOf('country');
    this.cCity = map.indexOf('city');
    this.cState = map.indexOf('state');
    this.cRegion = map.indexOf('region');
  }

  private checkMalformed(): void {
    const now = this.scanner.malformedRecords;
    if (now === this.seenMalformed) return;
    this.seenMalformed = now;
    if (this.strict) {
      const last = this.scanner.issues[this.scanner.issues.length - 1];
      throw new SessionReportError(
        'malformed-record',
        `malformed CSV: ${last ? `record ${last.record}: ${last.message}` : 'broken quoting'}`,
      );
    }
  }
}

/** Joins full blocks (and the used part of the last) into one array of `rows` values; the blocks are released. */
function join<T extends Float64Array | Float32Array | Uint32Array | Uint16Array>(
  blocks: ArrayLike<number>[],
  rows: number,
  make: (n: number) => T,
): T {
  const out = make(rows);
  for (let k = 0; k < blocks.length; k++) {
    const block = blocks[k]! as Float64Array;
    const from = k * BLOCK;
    const n = Math.min(BLOCK, rows - from);
    if (n <= 0) break;
    out.set(n === BLOCK ? block : block.subarray(0, n), from);
  }
  blocks.length = 0;
  return out;
}

export interface ReadSegmentOptions extends SegmentReaderOptions {
  signal?: AbortSignal;
}

/** Bytes read at a time from a file: large reads keep the per-call overhead out of the way. */
const READ_SIZE = 1 << 20;

/** Reads a session report file (a whole month) for the panel. */
export async function readSessionFile(file: string, options: ReadSegmentOptions = {}): Promise<SessionSegment> {
  const { signal } = options;
  signal?.throwIfAborted();
  const reader = new SessionSegmentReader(options);
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(READ_SIZE);
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, READ_SIZE, null);
      if (bytesRead === 0) break;
      signal?.throwIfAborted();
      reader.write(buf.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return { ...reader.end(), source: { file } };
}

/** Reads a session report from a stream or async iterable (recent sessions, an extracted zip entry). */
export async function readSessionStream(
  source: Readable | AsyncIterable<Uint8Array | string>,
  options: ReadSegmentOptions = {},
): Promise<SessionSegment> {
  const { signal } = options;
  signal?.throwIfAborted();
  const reader = new SessionSegmentReader(options);
  const onAbort = () => (source as Readable).destroy?.(signal?.reason as Error);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
      signal?.throwIfAborted();
      reader.write(chunk);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return reader.end();
}

/** The buffers of a segment's typed arrays, to transfer (not copy) it to another thread. */
export function segmentTransferList(s: SessionSegment): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  // Every array is built on a buffer of its own (or, from the cache, on the entry's one buffer).
  const add = (a: ArrayBufferView) => {
    if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  };
  for (const c of Object.values(s.columns)) add(c as ArrayBufferView);
  const a = s.aggregate;
  add(a.days);
  add(a.histogram);
  for (const k of Object.values(a.keys)) {
    add(k.sessions);
    add(k.seconds);
  }
  for (const q of [a.durations, a.latency, a.bandwidth, a.framerate]) {
    add(q.positive.counts);
    add(q.negative.counts);
  }
  return [...buffers];
}
