/**
 * A small streaming RFC 4180 tokenizer. Session reports run to hundreds of megabytes, and no CSV
 * library parses them fast enough in Node (see bench/), so this one is written for speed:
 * - text is fed chunk by chunk and never re-scanned: an explicit state carries a field across
 *   chunk boundaries (including between the two quotes of `""` and between CR and LF);
 * - quoted fields (every field in Frame's reports) are found with `indexOf('"')`, which V8 runs
 *   far faster than a per-character loop, and cut with `slice` (no copying);
 * - rows go to a callback, so nothing accumulates.
 * Accepted: BOM, CRLF / LF / lone CR, quoted delimiters, newlines and doubled quotes, empty fields,
 * a last line without a newline, an empty input. It is lenient where RFC 4180 is strict (a quote
 * inside an unquoted field is kept literally; text after a closing quote is appended) and records
 * an issue instead of throwing; an unterminated quote at the end drops that last row as malformed.
 */
import { StringDecoder } from 'node:string_decoder';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/** Where the tokenizer stands when a chunk ends. */
const enum State {
  /** At the start of a field (row start when no field is pending). */
  FieldStart,
  /** Inside an unquoted field. */
  Unquoted,
  /** Inside a quoted field. */
  Quoted,
  /** A quote inside a quoted field was the chunk's last character: the next one decides. */
  QuoteAtChunkEnd,
  /** Just after a closing quote: a delimiter or line end should follow. */
  Closed,
}

export interface CsvIssue {
  /** 1-based record number (the header is record 1), not a physical line: quoted newlines count once. */
  record: number;
  message: string;
}

/** Called once per record. The array belongs to the callee (a fresh one is made for each row). */
export type CsvRowHandler = (fields: string[]) => void;

export interface CsvTokenizerOptions {
  /** Field delimiter, a single character (default `,`). */
  delimiter?: string;
  /** Keeps at most this many issue messages (the counters are always exact). Default 20. */
  maxIssues?: number;
}

export class CsvTokenizer {
  /** Records emitted so far. */
  records = 0;
  /** Records with a formatting problem (still emitted, except an unterminated last one). */
  malformedRecords = 0;
  /** The first `maxIssues` problems found. */
  readonly issues: CsvIssue[] = [];

  private readonly delim: number;
  private readonly maxIssues: number;
  private state = State.FieldStart;
  /** The current field's text so far, when it spans chunks. */
  private acc = '';
  /** Completed fields of the current row. */
  private fields: string[] = [];
  /** The previous chunk ended with CR: a leading LF in the next one belongs to it. */
  private skipLF = false;
  private atInputStart = true;
  private rowMalformed = false;
  private decoder: StringDecoder | undefined;
  private ended = false;

  constructor(
    private readonly onRow: CsvRowHandler,
    options: CsvTokenizerOptions = {},
  ) {
    const d = options.delimiter ?? ',';
    if (d.length !== 1 || d === '"' || d === '\r' || d === '\n') {
      throw new RangeError(`CSV delimiter must be one character other than a quote or newline, got ${JSON.stringify(d)}`);
    }
    this.delim = d.charCodeAt(0);
    this.maxIssues = options.maxIssues ?? 20;
  }

  /** Feeds UTF-8 bytes; a character split across two buffers is joined by the decoder. */
  writeBytes(chunk: Uint8Array): void {
    this.decoder ??= new StringDecoder('utf8');
    this.write(this.decoder.write(chunk as Buffer));
  }

  /** Feeds decoded text. */
  write(s: string): void {
    if (this.ended) throw new Error('CsvTokenizer: write after end');
    const n = s.length;
    if (n === 0) return;
    let i = 0;
    if (this.atInputStart) {
      this.atInputStart = false;
      if (s.charCodeAt(0) === BOM) i = 1;
    }
    if (this.skipLF && i < n) {
      this.skipLF = false;
      if (s.charCodeAt(i) === LF) i++;
    }
    const delim = this.delim;
    let state = this.state;
    let acc = this.acc;

    for (;;) {
      if (state === State.FieldStart) {
        if (i >= n) break;
        acc = '';
        if (s.charCodeAt(i) === QUOTE) {
          state = State.Quoted;
          i++;
        } else {
          state = State.Unquoted;
        }
      }
      if (state === State.QuoteAtChunkEnd) {
        if (i >= n) break;
        if (s.charCodeAt(i) === QUOTE) {
          acc += '"';
          i++;
          state = State.Quoted;
        } else {
          state = State.Closed;
        }
      }
      if (state === State.Quoted) {
        let seg = i;
        for (;;) {
          const q = s.indexOf('"', seg);
          if (q === -1) {
            acc += s.slice(seg);
            this.save(State.Quoted, acc);
            return;
          }
          if (q + 1 >= n) {
            // Cannot tell yet whether this quote closes the field or starts a `""`.
            acc += s.slice(seg, q);
            this.save(State.QuoteAtChunkEnd, acc);
            return;
          }
          if (s.charCodeAt(q + 1) === QUOTE) {
            acc += s.slice(seg, q + 1);
            seg = q + 2;
            continue;
          }
          acc += s.slice(seg, q);
          i = q + 1;
          state = State.Closed;
          break;
        }
      }
      if (state === State.Closed) {
        if (i >= n) break;
        const c = s.charCodeAt(i);
        if (c !== delim && c !== LF && c !== CR) {
          this.issue('text after a closing quote (kept as part of the field)');
          state = State.Unquoted;
        }
      }
      if (state === State.Unquoted) {
        let j = i;
        while (j < n) {
          const c = s.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          if (c === QUOTE) this.issue('quote inside an unquoted field (kept literally)');
          j++;
        }
        acc += s.slice(i, j);
        if (j >= n) {
          this.save(State.Unquoted, acc);
          return;
        }
        i = j;
      }
      // The field is complete and s[i] is its terminator.
      this.fields.push(acc);
      acc = '';
      state = State.FieldStart;
      const c = s.charCodeAt(i++);
      if (c === delim) continue;
      this.emitRow();
      if (c === CR) {
        if (i < n) {
          if (s.charCodeAt(i) === LF) i++;
        } else {
          this.skipLF = true;
        }
      }
    }
    this.save(state, acc);
  }

  /** Flushes the last row (with or without a final newline). Call once, after the last write. */
  end(): void {
    if (this.ended) return;
    if (this.decoder) this.write(this.decoder.end());
    this.ended = true;
    switch (this.state) {
      case State.FieldStart:
        // Fields already completed mean the row ended with a delimiter: one more, empty, field.
        if (this.fields.length > 0) {
          this.fields.push('');
          this.emitRow();
        }
        break;
      case State.Unquoted:
      case State.Closed:
      case State.QuoteAtChunkEnd: // the quote was the closing one: input ended right after it
        this.fields.push(this.acc);
        this.emitRow();
        break;
      case State.Quoted:
        // Everything after the opening quote was swallowed: emitting it would invent a record.
        this.issue('unterminated quoted field at end of input (record dropped)');
        this.malformedRecords++;
        this.rowMalformed = false;
        this.fields = [];
        break;
    }
    this.acc = '';
    this.state = State.FieldStart;
  }

  private save(state: State, acc: string): void {
    this.state = state;
    this.acc = acc;
  }

  private emitRow(): void {
    const row = this.fields;
    this.fields = [];
    this.records++;
    if (this.rowMalformed) {
      this.rowMalformed = false;
      this.malformedRecords++;
    }
    this.onRow(row);
  }

  private issue(message: string): void {
    this.rowMalformed = true;
    if (this.issues.length < this.maxIssues) this.issues.push({ record: this.records + 1, message });
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
