/**
 * A streaming RFC 4180 tokenizer over bytes. Session reports run to hundreds of megabytes, so it
 * never decodes what nobody reads:
 * - UTF-8 bytes are scanned as they arrive, and each record is handed over as field ranges into
 *   the buffer; callers decode only the fields they use (`fieldText`), or parse numbers straight
 *   from the bytes. A record whose every field is quoted (all of Frame's) takes a fast path that
 *   jumps from quote to quote with the native `Buffer#indexOf`; any other record (or one cut by the
 *   end of the bytes) goes through the general byte loop, which holds every rule below;
 * - a record cut by a chunk boundary is carried into the next chunk (only its bytes are copied),
 *   so multi-byte characters, `""` and CRLF split across chunks need no special state;
 * - a record longer than `maxRecordBytes` (a 100 MB field, or a stray quote that swallows the rest
 *   of the file) is dropped and counted as malformed, and reading resumes at the next line break:
 *   memory stays bounded by the cap whatever the input.
 * Accepted: BOM, CRLF / LF / lone CR, quoted delimiters, newlines and doubled quotes, empty fields,
 * a last line without a newline, an empty input. It is lenient where RFC 4180 is strict (a quote
 * inside an unquoted field is kept literally; text after a closing quote is appended) and records
 * an issue instead of throwing; an unterminated quote at the end drops that last row as malformed.
 */
import * as l10n from '@vscode/l10n';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** How a field's bytes become its text. */
/** What can be wrong in a record (put in words when kept in `issues`). */
type IssueKind = 'quote-in-field' | 'text-after-quote' | 'unterminated' | 'too-long';

export const enum FieldKind {
  /** The bytes are the text (unquoted, or quoted without inner quotes). */
  Plain = 0,
  /** Quoted with doubled quotes inside: `""` stands for `"`. */
  Escaped = 1,
  /** Malformed: the range starts at the opening quote and holds text after the closing one. */
  Mixed = 2,
}

export interface CsvIssue {
  /** 1-based record number (the header is record 1), not a physical line: quoted newlines count once. */
  record: number;
  message: string;
}

/**
 * One record's fields as ranges of `bytes`: field k is `bytes[starts[k]..ends[k])`, read as
 * `kinds[k]` says. The arrays are reused for the next record: copy what must outlive the call.
 */
export interface CsvRecordView {
  bytes: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  /** Fields in this record. */
  count: number;
  /** Offset of the record's first byte in the whole input (for reading it again later). */
  offset: number;
  /** Bytes of the record, its line break included. */
  length: number;
}

export type CsvRecordHandler = (record: CsvRecordView) => void;

export interface CsvScannerOptions {
  /** Field delimiter, a single ASCII character (default `,`). */
  delimiter?: string;
  /** Keeps at most this many issue messages (the counters are always exact). Default 20. */
  maxIssues?: number;
  /** Longest record kept, in bytes; a longer one is dropped as malformed. Default 1 MiB. */
  maxRecordBytes?: number;
  /** Input offset at which to stop: the first record starting there or later is not read (a part of a file). */
  stopAt?: number;
  /**
   * Reads all-quoted records by native jumps from quote to quote (default true). False sends every
   * record through the general path: the tests compare the two, which must give the same.
   */
  quotedFastPath?: boolean;
}

/** Called once per record with its fields as text (`CsvTokenizer`). */
export type CsvRowHandler = (fields: string[]) => void;
export type CsvTokenizerOptions = CsvScannerOptions;

// ignoreBOM keeps a U+FEFF that begins a field: only the file's first one is a BOM (the scanner drops it).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The text of field `k` of a record. */
export function fieldText(r: CsvRecordView, k: number): string {
  if (k < 0 || k >= r.count) return '';
  return decodeRange(r.bytes, r.starts[k]!, r.ends[k]!, r.kinds[k]!);
}

/** The text of a byte range as `kind` says. */
export function decodeRange(b: Uint8Array, s: number, e: number, kind: number): string {
  if (s >= e) return '';
  if (kind === FieldKind.Plain) return decodeBytes(b, s, e);
  if (kind === FieldKind.Escaped) return decodeBytes(b, s, e).replace(/""/g, '"');
  // Mixed: "quoted part" then literal text. The scanner saw the closing quote, so it is there.
  let out = '';
  let seg = s + 1;
  for (let i = seg; i < e; i++) {
    if (b[i] !== QUOTE) continue;
    if (i + 1 < e && b[i + 1] === QUOTE) {
      out += decodeBytes(b, seg, i + 1);
      seg = ++i + 1;
      continue;
    }
    return out + decodeBytes(b, seg, i) + decodeBytes(b, i + 1, e);
  }
  return out + decodeBytes(b, seg, e);
}

/** UTF-8 text of bytes; pure ASCII (most fields) is built without the decoder's call overhead. */
export function decodeBytes(b: Uint8Array, s: number, e: number): string {
  const n = e - s;
  if (n <= 0) return '';
  if (n <= 16) {
    let ascii = true;
    for (let i = s; i < e; i++) if (b[i]! >= 0x80) ascii = false;
    if (ascii) {
      let out = '';
      for (let i = s; i < e; i++) out += String.fromCharCode(b[i]!);
      return out;
    }
  }
  return utf8.decode(b.subarray(s, e));
}

export class CsvScanner {
  /** Records emitted so far. */
  records = 0;
  /** Records with a formatting problem (still emitted), plus dropped ones (unterminated, too long). */
  malformedRecords = 0;
  /** The first `maxIssues` problems found. */
  readonly issues: CsvIssue[] = [];

  private readonly delim: number;
  private readonly maxIssues: number;
  private readonly maxRecordBytes: number;
  private readonly view: CsvRecordView;
  /** Input offset of the first byte of the bytes being scanned. */
  private bytesBase = 0;
  /** Bytes of a record cut by the end of the last chunk. */
  private carry: Uint8Array | undefined;
  /** Input offset of the next chunk's first byte. */
  private base = 0;
  private atInputStart = true;
  /** The last chunk ended with a CR that ended a record (or a skipped line): a leading LF belongs to it. */
  private skipLF = false;
  /** After a dropped record: bytes are skipped until the next line break. */
  private skipping = false;
  private rowMalformed = false;
  private ended = false;
  private readonly stopAt: number;
  private readonly fastPath: boolean;
  /** Offset of the first record at or after `stopAt`, once reached (undefined before). */
  stoppedAt: number | undefined;

  constructor(
    private readonly onRecord: CsvRecordHandler,
    options: CsvScannerOptions = {},
  ) {
    const d = options.delimiter ?? ',';
    if (d.length !== 1 || d === '"' || d === '\r' || d === '\n' || d.charCodeAt(0) > 0x7f) {
      throw new RangeError(`CSV delimiter must be one ASCII character other than a quote or newline, got ${JSON.stringify(d)}`);
    }
    this.delim = d.charCodeAt(0);
    this.maxIssues = options.maxIssues ?? 20;
    this.maxRecordBytes = options.maxRecordBytes ?? 1 << 20;
    this.stopAt = options.stopAt ?? Infinity;
    this.fastPath = options.quotedFastPath ?? true;
    this.view = {
      bytes: new Uint8Array(0),
      starts: new Int32Array(64),
      ends: new Int32Array(64),
      kinds: new Uint8Array(64),
      count: 0,
      offset: 0,
      length: 0,
    };
  }

  /** Feeds UTF-8 bytes. The chunk is only read during the call. */
  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error('CsvScanner: write after end');
    if (chunk.length === 0 || this.stoppedAt !== undefined) return;
    let b = chunk;
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + chunk.length);
      joined.set(this.carry, 0);
      joined.set(chunk, this.carry.length);
      b = joined;
      this.carry = undefined;
    }
    this.base += chunk.length;
    this.scan(b, false);
  }

  /**
   * For a reader that fills its own buffer: the bytes of a record cut by the last chunk, handed
   * over to be put in front of the next chunk (so the scanner need not copy the chunk to join them).
   */
  takeCarry(): Uint8Array | undefined {
    const carry = this.carry;
    if (!carry) return undefined;
    this.carry = undefined;
    this.base -= carry.length; // they come back as the start of the next write
    return carry;
  }

  /** Flushes the last record (with or without a final newline). Call once, after the last write. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const carry = this.carry;
    this.carry = undefined;
    if (carry && this.stoppedAt === undefined) this.scan(carry, true);
  }

  /**
   * Continues at input offset `offset`, which must start a record (reading a part of a file after
   * its header). Only between writes, with nothing carried.
   */
  skipTo(offset: number): void {
    if (this.carry) throw new Error('CsvScanner: skipTo inside a record');
    this.base = offset;
    this.atInputStart = false;
    this.skipLF = false;
    this.skipping = false;
  }

  /** Scans `b`, which ends at input offset `this.base`; a record cut by the end is carried unless `final`. */
  private scan(bytes: Uint8Array, final: boolean): void {
    // A Buffer over the same memory (no copy), for its native indexOf.
    const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const n = b.length;
    let i = 0;
    if (this.atInputStart) {
      if (n < 3 && !final && b[0] === 0xef) {
        this.carry = copyOf(b, 0); // cannot tell a BOM yet
        return;
      }
      this.atInputStart = false;
      if (n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
    }
    if (this.skipLF) {
      this.skipLF = false;
      if (b[i] === LF) i++;
    }
    if (this.skipping) {
      i = this.skipLine(b, i, n);
      if (i < 0) return;
    }
    this.view.bytes = b;
    this.bytesBase = this.base - n;
    while (i < n) {
      if (this.bytesBase + i >= this.stopAt) {
        // The part ends here: this record (and what follows) belongs to the next part.
        this.stoppedAt = this.bytesBase + i;
        this.carry = undefined;
        return;
      }
      const fast = this.fastPath ? this.quotedRecord(b, i, n) : -1;
      if (fast >= 0) {
        i = fast;
        continue;
      }
      const issuesBefore = this.issues.length;
      const next = this.record(b, i, n, final);
      if (next >= 0) {
        i = next;
        continue;
      }
      // The record runs past the end of the bytes: what it found is found again when it is complete.
      this.issues.length = issuesBefore;
      this.rowMalformed = false;
      if (final || n - i > this.maxRecordBytes) {
        // A quote never closed, or a record past the cap: drop it, resume after the next line break.
        this.drop(final ? 'unterminated' : 'too-long');
        i = this.skipLine(b, i + 1, n);
        if (i < 0) return;
        continue;
      }
      this.carry = copyOf(b, i);
      return;
    }
  }

  /**
   * The fast path for a record whose every field is quoted and well formed (every record of
   * Frame's reports): from each opening quote, a jump to the closing one, then a delimiter or the
   * line break must follow. Emits the record and returns the offset after it, or -1 without
   * emitting anything when the record is anything else (an unquoted or empty field, text after a
   * closing quote, too many fields for the arrays, the end of the bytes): `record` then reads it,
   * with every rule and issue, so the result is the same either way.
   */
  private quotedRecord(b: Buffer, i: number, n: number): number {
    const delim = this.delim;
    const view = this.view;
    const starts = view.starts;
    const ends = view.ends;
    const kinds = view.kinds;
    const max = starts.length;
    const recordStart = i;
    let count = 0;
    for (;;) {
      if (b[i] !== QUOTE || count === max) return -1;
      let j = i + 1;
      let kind: number = FieldKind.Plain;
      for (;;) {
        j = b.indexOf(QUOTE, j);
        if (j < 0 || j + 1 >= n) return -1; // the next byte decides: the general path waits for it
        if (b[j + 1] !== QUOTE) break;
        kind = FieldKind.Escaped;
        j += 2;
      }
      starts[count] = i + 1;
      ends[count] = j;
      kinds[count] = kind;
      count++;
      const t = b[j + 1];
      if (t === delim) {
        i = j + 2;
        continue;
      }
      if (t === LF) {
        i = j + 2;
      } else if (t === CR && j + 2 < n) {
        i = b[j + 2] === LF ? j + 3 : j + 2;
      } else {
        return -1;
      }
      this.rowMalformed = false;
      this.emit(count, recordStart, i);
      return i;
    }
  }

  /**
   * Reads one record starting at `i`; emits it and returns the offset after its line break, or -1
   * when the bytes end first (when `final`, the end of input ends the record unless a quote is open).
   */
  private record(b: Uint8Array, i: number, n: number, final: boolean): number {
    const delim = this.delim;
    const view = this.view;
    const recordStart = i;
    let count = 0;
    // Locals: the hot loop reads no properties (growFields replaces the arrays, so they are reloaded then).
    let starts = view.starts;
    let ends = view.ends;
    let kinds = view.kinds;
    this.rowMalformed = false;
    for (;;) {
      if (count === starts.length) {
        this.growFields();
        starts = view.starts;
        ends = view.ends;
        kinds = view.kinds;
      }
      let s: number;
      let e: number;
      let kind: number = FieldKind.Plain;
      if (i < n && b[i] === QUOTE) {
        const open = i;
        let j = i + 1;
        for (;;) {
          while (j < n && b[j] !== QUOTE) j++;
          if (j >= n) return -1;
          if (j + 1 < n && b[j + 1] === QUOTE) {
            kind = FieldKind.Escaped;
            j += 2;
            continue;
          }
          if (j + 1 >= n && !final) return -1; // the next byte decides: `""` or a closing quote
          break;
        }
        s = i + 1;
        e = j;
        i = j + 1;
        if (i < n) {
          const c = b[i]!;
          if (c !== delim && c !== LF && c !== CR) {
            this.issue('text-after-quote');
            while (i < n) {
              const d = b[i]!;
              if (d === delim || d === LF || d === CR) break;
              if (d === QUOTE) this.issue('quote-in-field');
              i++;
            }
            if (i >= n && !final) return -1;
            s = open;
            e = i;
            kind = FieldKind.Mixed;
          }
        }
      } else {
        s = i;
        while (i < n) {
          const c = b[i]!;
          if (c === delim || c === LF || c === CR) break;
          if (c === QUOTE) this.issue('quote-in-field');
          i++;
        }
        if (i >= n && !final) return -1;
        e = i;
      }
      starts[count] = s;
      ends[count] = e;
      kinds[count] = kind;
      count++;
      if (i >= n) {
        // final: the input ends the record.
        this.emit(count, recordStart, n);
        return n;
      }
      const t = b[i++]!;
      if (t === delim) {
        if (i >= n && !final) return -1;
        continue;
      }
      if (t === CR) {
        if (i < n) {
          if (b[i] === LF) i++;
        } else if (!final) {
          this.skipLF = true;
        }
      }
      this.emit(count, recordStart, i);
      return i;
    }
  }

  private emit(count: number, start: number, end: number): void {
    const view = this.view;
    view.count = count;
    view.offset = this.bytesBase + start;
    view.length = end - start;
    this.records++;
    if (this.rowMalformed) {
      this.rowMalformed = false;
      this.malformedRecords++;
    }
    this.onRecord(view);
  }

  /** Index after the first line break at or after `i`, or -1 (and skipping mode) when there is none. */
  private skipLine(b: Uint8Array, i: number, n: number): number {
    while (i < n && b[i] !== LF && b[i] !== CR) i++;
    if (i >= n) {
      this.skipping = true;
      return -1;
    }
    this.skipping = false;
    if (b[i] === CR) {
      i++;
      if (i >= n) this.skipLF = true;
      else if (b[i] === LF) i++;
    } else {
      i++;
    }
    return i;
  }

  private drop(kind: IssueKind): void {
    this.issue(kind);
    this.rowMalformed = false;
    this.malformedRecords++;
  }

  private growFields(): void {
    const v = this.view;
    const size = v.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const kinds = new Uint8Array(size);
    starts.set(v.starts);
    ends.set(v.ends);
    kinds.set(v.kinds);
    v.starts = starts;
    v.ends = ends;
    v.kinds = kinds;
  }

  private issue(kind: IssueKind): void {
    this.rowMalformed = true;
    // Put in words only when kept (a broken file may have a stray quote on every line).
    if (this.issues.length < this.maxIssues) this.issues.push({ record: this.records + 1, message: this.issueText(kind) });
  }

  private issueText(kind: IssueKind): string {
    switch (kind) {
      case 'quote-in-field':
        return l10n.t('quote inside an unquoted field (kept literally)');
      case 'text-after-quote':
        return l10n.t('text after a closing quote (kept as part of the field)');
      case 'unterminated':
        return l10n.t('unterminated quoted field at end of input (record dropped)');
      case 'too-long':
        return l10n.t(
          'record longer than {0} bytes (a stray quote, or a huge field): skipped up to the next line break',
          this.maxRecordBytes,
        );
    }
  }
}

/** A copy of `b[from..]`: `Buffer#slice` would share the caller's (reused) buffer. */
function copyOf(b: Uint8Array, from: number): Uint8Array {
  const c = new Uint8Array(b.length - from);
  c.set(b.subarray(from));
  return c;
}

/** Rows as arrays of strings, for callers that want every field (tests, small inputs, the oracle). */
export class CsvTokenizer {
  private readonly scanner: CsvScanner;
  /** A high surrogate that ended the last text chunk: its pair comes with the next one. */
  private pendingHigh = '';

  constructor(onRow: CsvRowHandler, options: CsvTokenizerOptions = {}) {
    this.scanner = new CsvScanner((r) => {
      const row = new Array<string>(r.count);
      for (let k = 0; k < r.count; k++) row[k] = fieldText(r, k);
      onRow(row);
    }, options);
  }

  get records(): number {
    return this.scanner.records;
  }
  get malformedRecords(): number {
    return this.scanner.malformedRecords;
  }
  get issues(): CsvIssue[] {
    return this.scanner.issues;
  }

  /** Feeds UTF-8 bytes; a character split across two buffers is joined. */
  writeBytes(chunk: Uint8Array): void {
    this.scanner.write(chunk);
  }

  /** Feeds text. */
  write(s: string): void {
    let text = this.pendingHigh + s;
    this.pendingHigh = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.pendingHigh = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (text) this.scanner.write(Buffer.from(text, 'utf8'));
  }

  end(): void {
    if (this.pendingHigh) this.scanner.write(Buffer.from(this.pendingHigh, 'utf8'));
    this.pendingHigh = '';
    this.scanner.end();
  }
}

/** Tokenizes a whole string (small inputs, tests). */
export function tokenizeCsv(text: string, options?: CsvTokenizerOptions): string[][] {
  const rows: string[][] = [];
  const t = new CsvTokenizer((r) => rows.push(r), options);
  t.write(text);
  t.end();
  return rows;
}
