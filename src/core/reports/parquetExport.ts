/**
 * "Export Sessions as Parquet": the loaded months written as Parquet for DuckDB, Spark or a
 * warehouse, all 25 columns typed (starttime a UTC timestamp, numbers as doubles, text as UTF-8;
 * empty numbers are nulls), in Hive-style folders
 *
 *   <folder>/account=<account id>/month=YYYY-MM/part-0.parquet
 *
 * so `SELECT … FROM read_parquet('<folder>/**\/*.parquet', hive_partitioning = true)` reads a
 * whole tenant at once. Column names are the documented ones in snake_case (`session id` →
 * `session_id`, `storage used` → `storage_used`): Spark refuses spaces in Parquet column names.
 *
 * Writer: our own (parquetColumn.ts, parquetFile.ts), fed from the CSV scanner's byte ranges: no
 * string or record per field, text interned as bytes into each row group's dictionaries, numbers
 * parsed from bytes, Snappy written here (snappy.ts). hyparquet-writer wrote these files
 * before and stays as the tests' oracle (the same content, read back by hyparquet); it cost 8–10×
 * DuckDB's CPU for the same month (bench/README.md), ours is measured beside DuckDB there.
 * Each month is streamed: a row group of `rowGroupRows` rows is all that is held at a time (in
 * all the accounts' row groups together: the largest is written when they reach it, or when they
 * hold `MAX_HELD_BYTES` of CSV).
 */
import * as l10n from '@vscode/l10n';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { FrameError } from '../errors';
import { ByteDictionary } from './byteDictionary';
import { SESSION_COLUMNS, type SessionColumn, type SessionRecord } from './columns';
import { CsvScanner, FieldKind, decodeBytes, decodeRange, type CsvRecordView } from './csvTokenizer';
import { ColumnBuilder, type NumberParser } from './parquetColumn';
import { ParquetFileWriter } from './parquetFile';
import { mapHeader, notAReport, refuseZipped } from './sessionParser';

const NUMERIC: ReadonlySet<SessionColumn> = new Set([
  'geo_distance',
  'session_duration',
  'avg_bandwidth',
  'avg_latency',
  'avg_video_bitrate',
  'avg_framerate',
  'storage used',
]);

/** Parquet name and type of each documented column, in the documented order. */
export const PARQUET_COLUMNS: readonly { column: SessionColumn; name: string; type: 'STRING' | 'DOUBLE' | 'TIMESTAMP' }[] =
  SESSION_COLUMNS.map((column) => ({
    column,
    name: column.replace(/ /g, '_'),
    type: column === 'starttime' ? 'TIMESTAMP' : NUMERIC.has(column) ? 'DOUBLE' : 'STRING',
  }));

/** The record field of each documented column (the record path: the tests' oracle and the bench's hyparquet-writer run). */
export const RECORD_FIELD: Record<SessionColumn, keyof SessionRecord> = {
  username: 'username',
  application: 'application',
  geo_distance: 'geoDistance',
  city: 'city',
  starttime: 'startTime',
  session_duration: 'durationSeconds',
  state: 'state',
  avg_bandwidth: 'avgBandwidth',
  avg_latency: 'avgLatency',
  avg_video_bitrate: 'avgVideoBitrate',
  avg_framerate: 'avgFramerate',
  resolution: 'resolution',
  user_agent: 'userAgent',
  remote_ip: 'remoteIp',
  system_type: 'systemType',
  session_type: 'sessionType',
  additional_apps: 'additionalApps',
  user_data: 'userData',
  account_email: 'accountEmail',
  account_name: 'accountName',
  account_id: 'accountId',
  region: 'region',
  country: 'country',
  'session id': 'sessionId',
  'storage used': 'storageUsed',
};

export interface ParquetMonth {
  /** yyyy-MM. */
  month: string;
  /** The month's CSV on disk. */
  csv: string;
}

export interface ParquetExportOptions {
  /** Folder the Hive-style tree is written under. */
  folder: string;
  /** Account the months were asked for: the `account=` partition of rows without an account id of their own. */
  account: string;
  /** Rows per row group (and held in memory at a time). Default 50,000. */
  rowGroupRows?: number;
  signal?: AbortSignal;
  onProgress?: (message: string, fraction?: number) => void;
}

export interface ParquetExportResult {
  /** One file per month and account (its `account=` partition), in the order first met. */
  files: { month: string; account: string; path: string; rows: number; bytes: number }[];
}

/** Longest escaped partition value kept whole (a folder name is at most 255 bytes on most systems). */
const MAX_PARTITION_VALUE = 180;

/**
 * A Hive partition value valid as a folder name on every OS: characters outside [A-Za-z0-9_-]
 * escaped as %XX, as Hive does, the dot included (Windows drops a trailing dot, so "x." and "x"
 * were one folder there, and "." or ".." are not names at all). A value longer than 180
 * characters once escaped is cut (never inside an escape) and ends in "~" and a hash of the
 * whole value ("~" is always escaped, so a cut name never equals another one).
 */
export function hiveValue(v: string): string {
  const escaped = Buffer.from(v, 'utf8')
    .toString('latin1')
    .replace(/[^A-Za-z0-9_-]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  if (escaped.length <= MAX_PARTITION_VALUE) return escaped;
  let cut = MAX_PARTITION_VALUE - 17;
  const percent = escaped.lastIndexOf('%', cut);
  if (percent > cut - 3) cut = percent;
  return `${escaped.slice(0, cut)}~${createHash('sha256').update(v, 'utf8').digest('hex').slice(0, 16)}`;
}

/** The file one month goes to. */
export function parquetPath(folder: string, account: string, month: string): string {
  return path.join(folder, `account=${hiveValue(account)}`, `month=${hiveValue(month)}`, 'part-0.parquet');
}

/** CSV bytes held in all the accounts' row groups before the largest is written (huge fields). */
const MAX_HELD_BYTES = 64 << 20;
/** Read size. */
const READ_BYTES = 4 << 20;
/** Bytes before the header line ends beyond which the input is not a report (as the panel's reader). */
const MAX_HEADER_OFFSET = 1 << 20;

/**
 * Writes each month's sessions as Parquet, one file per account the rows belong to (a report may
 * carry several accounts: each row goes under its own `account=` partition, a row without an
 * account id under `options.account`); a failed or cancelled month leaves no file behind.
 */
export async function exportSessionsParquet(months: readonly ParquetMonth[], options: ParquetExportOptions): Promise<ParquetExportResult> {
  const bad = months.find((m) => !/^\d{4}-\d{2}$/.test(m.month));
  if (bad) throw new FrameError('invalid-request', l10n.t('Parquet export: {0} is not a month (yyyy-MM).', JSON.stringify(bad.month)));
  const rowGroupRows = Math.max(1000, options.rowGroupRows ?? 50_000);
  const files: ParquetExportResult['files'] = [];
  for (const [i, m] of months.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.(l10n.t('{0}: writing Parquet… ({1} of {2})', m.month, i + 1, months.length), i / months.length);
    files.push(...(await writeMonth(m, options, rowGroupRows)));
  }
  options.onProgress?.(files.length === 1 ? l10n.t('Wrote 1 Parquet file.') : l10n.t('Wrote {0} Parquet files.', files.length), 1);
  return { files };
}

/** How each column's text becomes its value. */
const PARSER: Partial<Record<SessionColumn, NumberParser>> = { starttime: 'time', session_duration: 'duration' };

/** One account's file of a month, being written. */
interface AccountFile {
  account: string;
  file: string;
  writer: ParquetFileWriter;
  columns: ColumnBuilder[];
  /** Rows and CSV bytes in the row group being built. */
  inGroup: number;
  groupBytes: number;
  rows: number;
}

/** One month's CSV → its accounts' Parquet files, record by record from the scanner's byte ranges. */
class MonthWriter {
  readonly scanner: CsvScanner;
  private readonly byAccount = new Map<string, AccountFile>();
  /** The account_id values met, by dictionary id → their file. */
  private readonly accountIds = new ByteDictionary();
  private fileOfId: (AccountFile | undefined)[] = [];
  /** Where each Parquet column is in a record (-1: not in this report). */
  private fieldOf: number[] = [];
  private accountField = -1;
  private headerLength = -1;
  private bytesBeforeHeader = 0;
  private firstChunk = true;
  /** Rows and CSV bytes held in every account's row group. */
  private held = 0;
  private heldBytes = 0;
  /** Whether the bytes being scanned are valid UTF-8 (checked per read, natively); else per field. */
  utf8 = true;
  private unescaped = new Uint8Array(1 << 12);
  private unescapedWords: DataView = new DataView(this.unescaped.buffer);
  /** The bytes being scanned and a DataView over them (for the columns' four-byte hashing). */
  private wordsOf: Uint8Array | undefined;
  private words: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    private readonly month: string,
    private readonly options: ParquetExportOptions,
    private readonly rowGroupRows: number,
  ) {
    this.scanner = new CsvScanner((r) => this.onRecord(r));
  }

  /** Scans bytes that start at a record (the carry of the last read, then what was read). */
  write(bytes: Uint8Array): void {
    if (this.firstChunk && bytes.length > 0) {
      this.firstChunk = false;
      refuseZipped(bytes);
    }
    // Records scanned now end at a line break: the bytes up to the last ASCII byte hold them whole.
    let cut = bytes.length;
    while (cut > 0 && bytes[cut - 1]! >= 0x80) cut--;
    this.utf8 = isUtf8(bytes.subarray(0, cut));
    this.scanner.write(bytes);
    if (this.headerLength < 0) {
      this.bytesBeforeHeader += bytes.length;
      if (this.bytesBeforeHeader > MAX_HEADER_OFFSET) throw notAReport(`no header line within the first ${MAX_HEADER_OFFSET} bytes`);
    }
  }

  end(): void {
    const carry = this.scanner.takeCarry();
    if (carry) {
      this.utf8 = isUtf8(carry);
      this.scanner.write(carry);
    }
    this.scanner.end();
  }

  /** Finishes every file; returns them (a month without rows: an empty file for the account asked for). */
  async finish(): Promise<ParquetExportResult['files']> {
    if (this.byAccount.size === 0) this.fileOf(this.options.account);
    const files: ParquetExportResult['files'] = [];
    for (const f of this.byAccount.values()) {
      this.flush(f);
      f.writer.finish();
      await rename(f.writer.path, f.file);
      files.push({ month: this.month, account: f.account, path: f.file, rows: f.rows, bytes: (await stat(f.file)).size });
    }
    return files;
  }

  /** Closes and removes the files being written (after a failure or a cancellation). */
  async abandon(): Promise<void> {
    for (const f of this.byAccount.values()) {
      f.writer.close();
      await rm(f.writer.path, { force: true });
    }
  }

  private onRecord(r: CsvRecordView): void {
    const count = r.count;
    if (count === 1 && r.starts[0] === r.ends[0]) return; // a blank line
    if (this.headerLength < 0) {
      this.useHeader(r);
      return;
    }
    const a = this.accountField;
    const accountId = a >= 0 && a < count ? this.accountIds.idOfBytes(r.bytes, r.starts[a]!, r.ends[a]!, r.kinds[a]!) : -1;
    let f = accountId >= 0 ? this.fileOfId[accountId] : undefined;
    if (!f) {
      f = this.fileOf((accountId >= 0 ? this.accountIds.values[accountId] : '') || this.options.account);
      if (accountId >= 0) this.fileOfId[accountId] = f;
    }
    const columns = f.columns;
    const fieldOf = this.fieldOf;
    const b = r.bytes;
    if (b !== this.wordsOf) {
      this.wordsOf = b;
      this.words = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    const words = this.words;
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c]!;
      const k = fieldOf[c]!;
      if (k < 0 || k >= count) {
        column.addNull();
        continue;
      }
      const kind = r.kinds[k];
      if (kind === FieldKind.Plain) {
        if (this.utf8 || column.type !== 'STRING') column.add(b, words, r.starts[k]!, r.ends[k]!);
        else this.addChecked(column, b, words, r.starts[k]!, r.ends[k]!);
      } else if (kind === FieldKind.Escaped) {
        const n = this.unescape(b, r.starts[k]!, r.ends[k]!);
        if (this.utf8 || column.type !== 'STRING') column.add(this.unescaped, this.unescapedWords, 0, n);
        else this.addChecked(column, this.unescaped, this.unescapedWords, 0, n);
      } else {
        addText(column, decodeRange(b, r.starts[k]!, r.ends[k]!, kind!));
      }
    }
    f.inGroup++;
    f.groupBytes += r.length;
    this.heldBytes += r.length;
    if (++this.held >= this.rowGroupRows || this.heldBytes >= MAX_HELD_BYTES) {
      let largest = f;
      for (const g of this.byAccount.values()) if (g.inGroup > largest.inGroup) largest = g;
      this.flush(largest);
    }
  }

  /** A text field whose bytes may not be UTF-8: decoded as the panel does (U+FFFD for bad bytes). */
  private addChecked(column: ColumnBuilder, b: Uint8Array, words: DataView, s: number, e: number): void {
    if (isUtf8(b.subarray(s, e))) column.add(b, words, s, e);
    else addText(column, decodeBytes(b, s, e));
  }

  /** `b[s..e)` with each `""` as `"`, into `this.unescaped`; returns its length. */
  private unescape(b: Uint8Array, s: number, e: number): number {
    if (this.unescaped.length < e - s) {
      this.unescaped = new Uint8Array(Math.max(e - s, this.unescaped.length * 2));
      this.unescapedWords = new DataView(this.unescaped.buffer);
    }
    const out = this.unescaped;
    let n = 0;
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      out[n++] = c;
      if (c === 0x22) i++; // the second quote of the pair
    }
    return n;
  }

  private useHeader(r: CsvRecordView): void {
    // What comes after a megabyte of something else is not a report's header.
    if (r.offset > MAX_HEADER_OFFSET) throw notAReport(`no header line within the first ${MAX_HEADER_OFFSET} bytes`);
    const header: string[] = [];
    for (let k = 0; k < r.count; k++) header.push(decodeRange(r.bytes, r.starts[k]!, r.ends[k]!, r.kinds[k]!));
    const map = mapHeader(header);
    this.headerLength = header.length;
    this.fieldOf = PARQUET_COLUMNS.map((c) => map.indexOf(c.column));
    this.accountField = map.indexOf('account_id');
  }

  private fileOf(account: string): AccountFile {
    let f = this.byAccount.get(account);
    if (f) return f;
    const file = parquetPath(this.options.folder, account, this.month);
    mkdirSync(path.dirname(file), { recursive: true });
    const writer = new ParquetFileWriter(`${file}.part`, PARQUET_COLUMNS, 'Frame Admin for VS Code');
    const columns = PARQUET_COLUMNS.map((c) => new ColumnBuilder(c.type, PARSER[c.column]));
    f = { account, file, writer, columns, inGroup: 0, groupBytes: 0, rows: 0 };
    this.byAccount.set(account, f);
    return f;
  }

  private flush(f: AccountFile): void {
    if (f.inGroup === 0) return;
    f.writer.writeRowGroup(f.columns.map((c) => c.finish()));
    this.held -= f.inGroup;
    this.heldBytes -= f.groupBytes;
    f.rows += f.inGroup;
    f.inGroup = 0;
    f.groupBytes = 0;
  }
}

/** A value given as text (a malformed field, or bytes that were not UTF-8). */
function addText(column: ColumnBuilder, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  column.add(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length);
}

/** Streams one CSV into row groups, a file per account; returns the files written. */
async function writeMonth(m: ParquetMonth, options: ParquetExportOptions, rowGroupRows: number): Promise<ParquetExportResult['files']> {
  const month = new MonthWriter(m.month, options, rowGroupRows);
  const handle = await open(m.csv, 'r');
  try {
    let buf = new Uint8Array(READ_BYTES);
    for (;;) {
      options.signal?.throwIfAborted();
      // The record cut by the last read goes in front of the next one (no copy of what is read).
      const carry = month.scanner.takeCarry();
      const from = carry?.length ?? 0;
      if (from * 2 > buf.length) buf = new Uint8Array(buf.length * 2);
      if (carry) buf.set(carry, 0);
      const { bytesRead } = await handle.read(buf, from, buf.length - from, null);
      if (bytesRead === 0) {
        if (carry) month.scanner.write(buf.subarray(0, from));
        break;
      }
      month.write(buf.subarray(0, from + bytesRead));
    }
    month.end();
    return await month.finish();
  } catch (e) {
    await month.abandon();
    throw e;
  } finally {
    await handle.close();
  }
}
