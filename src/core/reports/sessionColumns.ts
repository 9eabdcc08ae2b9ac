/**
 * The panel's reader: session report bytes → a `SessionSegment`, the columns the sessions table
 * shows (typed arrays, text as dictionary ids) and the aggregate of every chart, in one pass.
 * Only the fields the panel uses are looked at: eleven text columns are interned from their bytes,
 * five numbers parsed from their bytes; the other nine are skipped (the session details read
 * them again from the CSV by the record's byte offset, which is kept).
 *
 * Memory per row, for the host to hold a year: 8 (start) + 4×4 (duration, latency, bandwidth, frame
 * rate as float32; the aggregates are computed before, from the exact values) + 11×2 or 11×4 (ids)
 * + 4 or 8 (byte offset) + 4 (the newest-first order): about 54 bytes.
 */
import * as l10n from '@vscode/l10n';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ByteDictionary } from './byteDictionary';
import { CsvScanner, FieldKind, decodeRange, fieldText, type CsvRecordView } from './csvTokenizer';
import { SessionReportError } from './errors';
import { SessionAggregateBuilder, type AggregateState } from './sessionAggregate';
import { readRecordAt, type DetailsSource } from './sessionDetails';
import { newestFirstOf } from './sortOrder';
import { emptySummary, mapHeader, notAReport, refuseZipped, type SessionParseSummary } from './sessionParser';
import { durationFromBytes, numberFromBytes, parseDuration, parseNumber, parseReportTime, timeFromBytes } from './values';

/** Text columns with a dictionary (every one is also a table column). */
export const TEXT_COLUMNS = [
  'user',
  'application',
  'country',
  'city',
  'state',
  'systemType',
  'account',
  'region',
  'userAgent',
  'resolution',
  'email',
] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];
/**
 * Text columns the table keeps per row: all of them (the five it shows, `system_type` and
 * `account_id` for the capacity and cost figures, `region`, `user_agent`, `resolution` and
 * `account_email` for the experience and people figures); a name of its own for where a column
 * is meant per row.
 */
export const TABLE_TEXT_COLUMNS = TEXT_COLUMNS;
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
  /** `system_type` (the instance type the session ran on). */
  systemType: IdArray;
  /** `account_id`. */
  account: IdArray;
  region: IdArray;
  /** `user_agent` (the client and its version, as written). */
  userAgent: IdArray;
  resolution: IdArray;
  /** `account_email` (its meaning is undocumented: a user's or the account's address). */
  email: IdArray;
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
  /**
   * The rows newest first, the table's default view (start descending; ties, then unknown starts,
   * in row order: `newestFirstOf`): sorted once where the segment is read (in a worker, for months
   * read side by side), kept in the columnar cache, so reopening the view is a copy or a merge.
   */
  newestFirst?: Uint32Array;
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
  /** Size of the whole input when known (a file): the columns are then sized once, not doubled. */
  expectedBytes?: number;
  /** Input offset where this part of the input ends (see CsvScanner's stopAt). */
  stopAt?: number;
}

/**
 * A latency as the float32 the table keeps, never on the other side of a whole number than the
 * exact value: 200.000001 rounds to the float32 200, which would not count as "over 200 ms", so
 * it is kept as the next float32 up (and 199.999999 as the next one down). Thresholds are whole
 * milliseconds, so `> T` on the stored value is `> T` on the report's value.
 */
export function latencyFloat32(v: number): number {
  const f = Math.fround(v);
  if (f === v || !Number.isInteger(f)) return f;
  if (f === 0) return v > 0 ? 2 ** -149 : -(2 ** -149);
  const bits = new Float32Array([f]);
  const word = new Int32Array(bits.buffer);
  // Positive floats order like their bit patterns (negatives the other way round).
  word[0]! += v > f === f > 0 ? 1 : -1;
  return bits[0]!;
}

/** Rows the columns start with; a file's reader then sizes them from its bytes per row. */
const FIRST_CAPACITY = 1 << 16;

function grown<T extends Float64Array | Float32Array | Uint32Array | Uint16Array>(a: T, size: number): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  next.set(a);
  return next;
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
    systemType: new ByteDictionary(),
    account: new ByteDictionary(),
    region: new ByteDictionary(),
    userAgent: new ByteDictionary(),
    resolution: new ByteDictionary(),
    email: new ByteDictionary(),
  };
  /** The columns, with room for `capacity` rows (ids in 16 bits until a dictionary outgrows them). */
  private capacity = FIRST_CAPACITY;
  private readonly cols: SegmentColumns = {
    start: new Float64Array(FIRST_CAPACITY),
    duration: new Float32Array(FIRST_CAPACITY),
    latency: new Float32Array(FIRST_CAPACITY),
    bandwidth: new Float32Array(FIRST_CAPACITY),
    framerate: new Float32Array(FIRST_CAPACITY),
    user: new Uint16Array(FIRST_CAPACITY),
    application: new Uint16Array(FIRST_CAPACITY),
    country: new Uint16Array(FIRST_CAPACITY),
    city: new Uint16Array(FIRST_CAPACITY),
    state: new Uint16Array(FIRST_CAPACITY),
    systemType: new Uint16Array(FIRST_CAPACITY),
    account: new Uint16Array(FIRST_CAPACITY),
    region: new Uint16Array(FIRST_CAPACITY),
    userAgent: new Uint16Array(FIRST_CAPACITY),
    resolution: new Uint16Array(FIRST_CAPACITY),
    email: new Uint16Array(FIRST_CAPACITY),
    offsets: new Uint32Array(FIRST_CAPACITY),
  };
  private readonly expectedBytes: number;
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
  private cSystemType = -1;
  private cAccount = -1;
  private cRegion = -1;
  private cUserAgent = -1;
  private cResolution = -1;
  private cEmail = -1;
  private readonly summary: SessionParseSummary = emptySummary();

  constructor(options: SegmentReaderOptions = {}) {
    this.strict = options.strict ?? false;
    this.expectedBytes = options.expectedBytes ?? 0;
    this.maxHeaderLength = options.maxHeaderLength ?? 1 << 20;
    this.aggregate = new SessionAggregateBuilder(options.relativeAccuracy ?? 0.005);
    this.scanner = new CsvScanner((r) => this.onRecord(r), {
      maxIssues: options.maxIssues ?? 20,
      maxRecordBytes: options.maxRecordBytes ?? 1 << 20,
      stopAt: options.stopAt,
    });
  }

  write(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (this.firstChunk && bytes.length > 0) {
      this.firstChunk = false;
      refuseZipped(bytes);
    }
    this.scanner.write(bytes);
    this.checkMalformed();
    if (this.headerLength < 0) {
      this.bytesBeforeHeader += bytes.length;
      if (this.bytesBeforeHeader > this.maxHeaderLength)
        throw notAReport(l10n.t('no header line within the first {0} bytes', this.maxHeaderLength));
    }
  }

  /** Where the part ended: the first record at or after `stopAt`, or undefined (the input ran out first). */
  get stoppedAt(): number | undefined {
    return this.scanner.stoppedAt;
  }

  /** Starts a part of a file at input `offset` (a record start), under the file's header fields. */
  startPart(header: string[], offset: number): void {
    this.firstChunk = false;
    this.mapColumns(header);
    this.scanner.skipTo(offset);
  }

  /** See CsvScanner.takeCarry. */
  takeCarry(): Uint8Array | undefined {
    return this.scanner.takeCarry();
  }

  end(): SessionSegment {
    this.scanner.end();
    this.checkMalformed();
    this.summary.malformedRecords = this.scanner.malformedRecords;
    this.summary.issues = this.scanner.issues;
    const rows = this.rows;
    // Views of the used rows: the few percent of room left over is not worth a copy of everything.
    const c = this.cols;
    const columns = Object.fromEntries(
      Object.entries(c).map(([k, a]) => [k, (a as Float64Array).subarray(0, rows)]),
    ) as unknown as SegmentColumns;
    const dictionaries = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, this.dict[c].values])) as Record<TextColumn, string[]>;
    return {
      rows,
      columns,
      dictionaries,
      aggregate: this.aggregate.state(),
      summary: this.summary,
      newestFirst: newestFirstOf(columns.start),
    };
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
          l10n.t('record {0} has {1} fields where the header has {2}', this.scanner.records, count, this.headerLength),
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
    const systemType = this.id(r, this.cSystemType, this.dict.systemType);
    const account = this.id(r, this.cAccount, this.dict.account);
    const region = this.id(r, this.cRegion, this.dict.region);
    const userAgent = this.id(r, this.cUserAgent, this.dict.userAgent);
    const resolution = this.id(r, this.cResolution, this.dict.resolution);
    const email = this.id(r, this.cEmail, this.dict.email);
    this.aggregate.add(start, duration, latency, bandwidth, framerate, application, user, country, region);

    const n = this.rows++;
    if (n === this.capacity) this.grow(r.offset);
    // A dictionary that outgrows 16-bit ids widens its column (once), before the id is stored.
    if (Math.max(user, application, country, city, state, systemType, account, region, userAgent, resolution, email) > 0xffff) this.widen();
    const c = this.cols;
    c.start[n] = start;
    c.duration[n] = duration;
    c.latency[n] = latencyFloat32(latency);
    c.bandwidth[n] = bandwidth;
    c.framerate[n] = framerate;
    c.user[n] = user;
    c.application[n] = application;
    c.country[n] = country;
    c.city[n] = city;
    c.state[n] = state;
    c.systemType[n] = systemType;
    c.account[n] = account;
    c.region[n] = region;
    c.userAgent[n] = userAgent;
    c.resolution[n] = resolution;
    c.email[n] = email;
    if (r.offset >= 2 ** 32 && c.offsets instanceof Uint32Array) c.offsets = Float64Array.from(c.offsets);
    c.offsets[n] = r.offset;
  }

  /** More room: from the bytes per row so far when the input's size is known, else twice as much. */
  private grow(offset: number): void {
    let size = this.capacity * 2;
    if (this.expectedBytes > offset && offset > 0) {
      const estimate = Math.ceil((this.expectedBytes / offset) * this.rows * 1.03) + 1024;
      size = Math.max(this.capacity + 1024, estimate);
    }
    const c = this.cols;
    for (const k of Object.keys(c) as (keyof SegmentColumns)[])
      (c as unknown as Record<string, Float64Array>)[k] = grown(c[k] as Float64Array, size);
    this.capacity = size;
  }

  private widen(): void {
    const c = this.cols;
    for (const col of TABLE_TEXT_COLUMNS)
      if (c[col] instanceof Uint16Array && this.dict[col].size > 0x10000) c[col] = Uint32Array.from(c[col]);
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

  private useHeader(r: CsvRecordView): void {
    const header: string[] = [];
    for (let k = 0; k < r.count; k++) header.push(decodeRange(r.bytes, r.starts[k]!, r.ends[k]!, r.kinds[k]!));
    this.mapColumns(header);
  }

  private mapColumns(header: string[]): void {
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
    this.cSystemType = map.indexOf('system_type');
    this.cAccount = map.indexOf('account_id');
    this.cRegion = map.indexOf('region');
    this.cUserAgent = map.indexOf('user_agent');
    this.cResolution = map.indexOf('resolution');
    this.cEmail = map.indexOf('account_email');
  }

  private checkMalformed(): void {
    const now = this.scanner.malformedRecords;
    if (now === this.seenMalformed) return;
    this.seenMalformed = now;
    if (this.strict) {
      const last = this.scanner.issues[this.scanner.issues.length - 1];
      throw new SessionReportError(
        'malformed-record',
        last ? l10n.t('malformed CSV: record {0}: {1}', last.record, last.message) : l10n.t('malformed CSV: broken quoting'),
      );
    }
  }
}

export interface ReadSegmentOptions extends SegmentReaderOptions {
  signal?: AbortSignal;
}

/** Bytes read at a time from a file: large reads keep the per-call overhead out of the way. */
const READ_SIZE = 1 << 20;

/** Reads a session report file (a whole month) for the panel. */
export async function readSessionFile(file: string, options: ReadSegmentOptions = {}): Promise<SessionSegment> {
  return (await readSessionPart(file, 0, Infinity, options)).segment;
}

/**
 * Reads the records of a file that start in [start, end): `start` must be a record start (0, or
 * a guess that the caller checks), and the part runs on to the end of the record that crosses
 * `end`. Returns where it really ended: the first record start at or after `end` (or the size).
 */
export async function readSessionPart(
  file: string,
  start: number,
  end: number,
  options: ReadSegmentOptions = {},
): Promise<{ segment: SessionSegment; endedAt: number }> {
  const { signal } = options;
  signal?.throwIfAborted();
  const header = start > 0 ? await readRecordAt({ file }, 0) : undefined;
  if (start > 0 && !header) throw notAReport(l10n.t('no header line'));
  const handle = await open(file, 'r');
  let reader: SessionSegmentReader;
  let size = 0;
  try {
    size = (await handle.stat()).size;
    const expected = Math.min(size, end) - start;
    reader = new SessionSegmentReader({ ...options, expectedBytes: expected, stopAt: end });
    if (header) reader.startPart(header, start);
    let buf = Buffer.allocUnsafe(READ_SIZE);
    let at = start;
    while (reader.stoppedAt === undefined) {
      // A record cut by the last read goes in front of the next one (a few hundred bytes moved, not the chunk).
      const carry = reader.takeCarry();
      const keep = carry?.length ?? 0;
      if (keep + READ_SIZE > buf.length) buf = Buffer.allocUnsafe(keep + READ_SIZE);
      if (carry) buf.set(carry, 0);
      const { bytesRead } = await handle.read(buf, keep, READ_SIZE, at);
      if (bytesRead === 0) {
        if (carry) reader.write(buf.subarray(0, keep));
        break;
      }
      at += bytesRead;
      signal?.throwIfAborted();
      reader.write(buf.subarray(0, keep + bytesRead));
    }
  } finally {
    await handle.close();
  }
  const endedAt = reader.stoppedAt ?? size;
  return { segment: { ...reader.end(), source: { file } }, endedAt };
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
  if (s.newestFirst) add(s.newestFirst);
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
