/**
 * Session report CSV → typed `SessionRecord`s, streaming. Columns are found by name in the header
 * (any order, case and `_`/space/`-` insensitive), so a report with reordered, missing or extra
 * columns still reads: missing text is '', missing numbers null, extra columns ignored.
 */
import * as l10n from '@vscode/l10n';
import { Readable, addAbortSignal } from 'node:stream';
import { SESSION_COLUMNS, type SessionColumn, type SessionRecord } from './columns';
import { CsvTokenizer, type CsvIssue } from './csvTokenizer';
import { SessionReportError } from './errors';
import { parseDuration, parseNumber, parseReportTime } from './values';

export interface SessionParserOptions {
  /** Throw on the first malformed or ragged record instead of counting it. */
  strict?: boolean;
  /** Issue messages kept in the summary (counters are always exact). Default 20. */
  maxIssues?: number;
  /** Characters allowed before the header line ends; beyond it the input is not a report. Default 1 MiB. */
  maxHeaderLength?: number;
}

export interface SessionParseSummary {
  /** Session records delivered to the callback. */
  records: number;
  /** Records with broken quoting (kept leniently), plus an unterminated last record (dropped). */
  malformedRecords: number;
  /** Records with more or fewer fields than the header (delivered, padded or cut). */
  raggedRecords: number;
  /** Empty lines, skipped. */
  blankLines: number;
  issues: CsvIssue[];
  /** Header names as found in the file. */
  header: string[];
  missingColumns: SessionColumn[];
  extraColumns: string[];
  /** True when the input held no header at all (an empty recent_sessions answer). */
  emptyInput: boolean;
}

/** A summary before anything was read (both readers start from it). */
export function emptySummary(): SessionParseSummary {
  return {
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
}

export type SessionRecordHandler = (record: SessionRecord) => void;

/**
 * Lower case, trimmed, runs of space/underscore/hyphen as one space: `Session_ID` ≡ `session id`.
 * Quotes left around a name (`, "name"` with a space before the quote is unquoted CSV) are dropped.
 */
export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

const NORMALIZED = SESSION_COLUMNS.map(normalizeColumnName);
/** Fewer known columns than this and the header is not a session report's. */
const MIN_KNOWN_COLUMNS = 3;

type Row = readonly string[];
type RecordBuilder = (row: Row) => SessionRecord;

/**
 * Builds a row→record function for one header, with column positions fixed as constants. Unrolled
 * on purpose (one field a line, no loop over a column table): it runs once per session and V8 makes
 * the object literal a fixed shape. (The duplicates tool sees the repeated lines; they are meant.)
 */
function recordBuilder(indexOf: (c: SessionColumn) => number): RecordBuilder {
  const username = indexOf('username');
  const application = indexOf('application');
  const geoDistance = indexOf('geo_distance');
  const city = indexOf('city');
  const startTime = indexOf('starttime');
  const duration = indexOf('session_duration');
  const state = indexOf('state');
  const bandwidth = indexOf('avg_bandwidth');
  const latency = indexOf('avg_latency');
  const bitrate = indexOf('avg_video_bitrate');
  const framerate = indexOf('avg_framerate');
  const resolution = indexOf('resolution');
  const userAgent = indexOf('user_agent');
  const remoteIp = indexOf('remote_ip');
  const systemType = indexOf('system_type');
  const sessionType = indexOf('session_type');
  const additionalApps = indexOf('additional_apps');
  const userData = indexOf('user_data');
  const accountEmail = indexOf('account_email');
  const accountName = indexOf('account_name');
  const accountId = indexOf('account_id');
  const region = indexOf('region');
  const country = indexOf('country');
  const sessionId = indexOf('session id');
  const storageUsed = indexOf('storage used');
  // A missing column has index -1, and a short row has no value at the end: both read as undefined.
  return (r) => ({
    username: r[username] ?? '',
    application: r[application] ?? '',
    geoDistance: parseNumber(r[geoDistance]),
    city: r[city] ?? '',
    startTime: parseReportTime(r[startTime]),
    durationSeconds: parseDuration(r[duration]),
    state: r[state] ?? '',
    avgBandwidth: parseNumber(r[bandwidth]),
    avgLatency: parseNumber(r[latency]),
    avgVideoBitrate: parseNumber(r[bitrate]),
    avgFramerate: parseNumber(r[framerate]),
    resolution: r[resolution] ?? '',
    userAgent: r[userAgent] ?? '',
    remoteIp: r[remoteIp] ?? '',
    systemType: r[systemType] ?? '',
    sessionType: r[sessionType] ?? '',
    additionalApps: r[additionalApps] ?? '',
    userData: r[userData] ?? '',
    accountEmail: r[accountEmail] ?? '',
    accountName: r[accountName] ?? '',
    accountId: r[accountId] ?? '',
    region: r[region] ?? '',
    country: r[country] ?? '',
    sessionId: r[sessionId] ?? '',
    storageUsed: parseNumber(r[storageUsed]),
  });
}

/** Push parser: `write` chunks (bytes or text), then `end()` for the summary. */
export class SessionReportParser {
  private readonly tokenizer: CsvTokenizer;
  private build: RecordBuilder | undefined;
  private headerLength = 0;
  private seenMalformed = 0;
  private firstChunk = true;
  private readonly strict: boolean;
  private readonly maxHeaderLength: number;
  private readonly summary: SessionParseSummary = emptySummary();

  constructor(
    private readonly onRecord: SessionRecordHandler,
    options: SessionParserOptions = {},
  ) {
    this.strict = options.strict ?? false;
    this.maxHeaderLength = options.maxHeaderLength ?? 1 << 20;
    this.tokenizer = new CsvTokenizer((row) => this.onRow(row), { maxIssues: options.maxIssues ?? 20 });
  }

  write(chunk: Uint8Array | string): void {
    if (this.firstChunk && chunk.length > 0) {
      this.firstChunk = false;
      refuseZipped(chunk);
    }
    if (typeof chunk === 'string') this.tokenizer.write(chunk);
    else this.tokenizer.writeBytes(chunk);
    // Checked after the write: a large first chunk normally holds the header and many rows.
    if (!this.build) {
      this.headerLength += chunk.length;
      if (this.headerLength > this.maxHeaderLength) {
        throw notAReport(l10n.t('no header line within the first {0} characters', this.maxHeaderLength));
      }
    }
  }

  end(): SessionParseSummary {
    this.tokenizer.end();
    this.checkMalformed();
    this.summary.malformedRecords = this.tokenizer.malformedRecords;
    this.summary.issues = this.tokenizer.issues;
    return this.summary;
  }

  private onRow(row: string[]): void {
    this.checkMalformed();
    if (row.length === 1 && row[0] === '') {
      this.summary.blankLines++;
      return;
    }
    if (!this.build) {
      this.useHeader(row);
      return;
    }
    if (row.length !== this.summary.header.length) {
      this.summary.raggedRecords++;
      if (this.strict) {
        throw new SessionReportError(
          'malformed-record',
          l10n.t('record {0} has {1} fields where the header has {2}', this.tokenizer.records, row.length, this.summary.header.length),
        );
      }
    }
    this.summary.records++;
    this.onRecord(this.build(row));
  }

  private checkMalformed(): void {
    const now = this.tokenizer.malformedRecords;
    if (now === this.seenMalformed) return;
    this.seenMalformed = now;
    if (this.strict) {
      const last = this.tokenizer.issues[this.tokenizer.issues.length - 1];
      throw new SessionReportError(
        'malformed-record',
        last ? l10n.t('malformed CSV: record {0}: {1}', last.record, last.message) : l10n.t('malformed CSV: broken quoting'),
      );
    }
  }

  private useHeader(header: string[]): void {
    const mapper = sessionRecordMapper(header);
    this.summary.header = header;
    this.summary.emptyInput = false;
    this.summary.missingColumns = mapper.missingColumns;
    this.summary.extraColumns = mapper.extraColumns;
    this.build = mapper.toRecord;
  }
}

export interface SessionRecordMapper {
  toRecord: (row: readonly string[]) => SessionRecord;
  missingColumns: SessionColumn[];
  extraColumns: string[];
}

/** Where each known column is in a header (-1 when missing), and what is missing or extra. */
export interface HeaderMap {
  indexOf: (c: SessionColumn) => number;
  missingColumns: SessionColumn[];
  extraColumns: string[];
}

/** Maps a header by column names; throws `not-a-session-report` when it has too few known columns. */
export function mapHeader(header: readonly string[]): HeaderMap {
  const names = header.map(normalizeColumnName);
  const positions = new Map<string, number>();
  names.forEach((n, i) => {
    if (!positions.has(n)) positions.set(n, i);
  });
  const known = NORMALIZED.filter((n) => positions.has(n)).length;
  if (known < MIN_KNOWN_COLUMNS) {
    const found = header.slice(0, 5).map((h) => JSON.stringify(h.length > 40 ? h.slice(0, 40) + '…' : h));
    throw notAReport(found.length ? l10n.t('found {0}', found.join(', ') + (header.length > 5 ? ', …' : '')) : l10n.t('found nothing'));
  }
  return {
    indexOf: (c) => positions.get(normalizeColumnName(c)) ?? -1,
    missingColumns: SESSION_COLUMNS.filter((_, i) => !positions.has(NORMALIZED[i] ?? '')),
    extraColumns: header.filter((_, i) => !NORMALIZED.includes(names[i] ?? '')),
  };
}

/**
 * Maps rows under `header` to records; throws `not-a-session-report` when the header has too few
 * known columns. Exposed for callers with their own CSV reader (the benchmark's csv-parse run).
 */
export function sessionRecordMapper(header: readonly string[]): SessionRecordMapper {
  const map = mapHeader(header);
  return { toRecord: recordBuilder(map.indexOf), missingColumns: map.missingColumns, extraColumns: map.extraColumns };
}

/**
 * Throws `not-a-session-report` unless `head` (the first bytes of a file, `complete` when it is the
 * whole file) starts with a session report header. An empty file passes: it reads as an empty report.
 */
export function checkSessionReportHead(head: Uint8Array, complete: boolean): void {
  if (startsWithZipMagic(head)) throw notAReport(l10n.t('found a zip archive'));
  let header: string[] | undefined;
  const tokenizer = new CsvTokenizer((row) => {
    if (!header && !(row.length === 1 && row[0] === '')) header = row;
  });
  tokenizer.writeBytes(head);
  // Without the end of the file, the last record may be cut: only a record already ended counts.
  if (complete) tokenizer.end();
  if (!header) {
    if (complete) return;
    throw notAReport(l10n.t('no header line within the first {0} bytes', head.length));
  }
  sessionRecordMapper(header);
}

export function notAReport(detail: string): SessionReportError {
  return new SessionReportError(
    'not-a-session-report',
    l10n.t(
      'not a Frame session report: expected columns such as "username", "starttime", "session_duration" in the first line; {0}. Check that the URL points at a sessions CSV (an expired link returns an error page instead).',
      detail,
    ),
  );
}

/** Throws when the first bytes of an input are a zip archive's (a report downloaded but not extracted). */
export function refuseZipped(chunk: Uint8Array | string): void {
  if (startsWithZipMagic(chunk))
    throw new SessionReportError(
      'zipped',
      l10n.t('not a Frame session report but a zip archive: extract the CSV inside it and open that file instead.'),
    );
}

export function startsWithZipMagic(chunk: Uint8Array | string): boolean {
  if (typeof chunk === 'string') return chunk.startsWith('PK\u0003\u0004');
  return chunk.length >= 4 && chunk[0] === 0x50 && chunk[1] === 0x4b && chunk[2] === 0x03 && chunk[3] === 0x04;
}

export interface StreamParseOptions extends SessionParserOptions {
  signal?: AbortSignal;
}

/**
 * Parses a report from a stream (file, HTTP body, extracted zip entry), calling `onRecord` per
 * session. Rejects with an AbortError when `signal` fires (the stream is destroyed), with a
 * `SessionReportError` for input that is not a report.
 */
export async function parseSessionReport(
  source: Readable | AsyncIterable<Uint8Array | string>,
  onRecord: SessionRecordHandler,
  options: StreamParseOptions = {},
): Promise<SessionParseSummary> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (signal && source instanceof Readable) addAbortSignal(signal, source);
  const parser = new SessionReportParser(onRecord, options);
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    signal?.throwIfAborted();
    parser.write(chunk);
  }
  return parser.end();
}

/** The whole report from a string (recent_sessions, tests). */
export function parseSessionReportText(
  text: string,
  options?: SessionParserOptions,
): { records: SessionRecord[]; summary: SessionParseSummary } {
  const records: SessionRecord[] = [];
  const parser = new SessionReportParser((r) => records.push(r), options);
  parser.write(text);
  return { records, summary: parser.end() };
}
