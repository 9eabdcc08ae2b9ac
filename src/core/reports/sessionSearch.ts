/**
 * One search over every session already read: the months of one or more accounts that the
 * columnar cache holds, newest month first, streamed (a month's hits are handed over as soon as
 * that month is searched, so the first ones come after one month, not after the year).
 *
 * - user, application, country: case-insensitive substring, matched once per distinct value
 *   (the cache keeps them as dictionaries), then the rows' ids are looked up;
 * - remote IP (prefix, as written) and session id (exact): the cache does not keep them, so the
 *   month's CSV is scanned for the bytes typed, and each occurrence is checked against the field
 *   of the record it falls in (the cache's byte offsets say which record);
 * - "any": the three text fields, plus the IP when the text looks like the start of an address
 *   and the session id when it looks like an id (the CSV scan is the costly part).
 *
 * The cache is untrusted input: a month whose entry does not hold (truncated, wrong magic, a
 * length beyond the file, a checksum that fails) is skipped with the reason, never a crash; a
 * month not read yet is reported as such, so the caller can offer to read it. Hits are capped
 * (`maxHits`); the count goes on (exactly for the text fields; the CSV scan stops counting at
 * `countLimit`). Cancel with the signal: the search stops between reads.
 */
import * as l10n from '@vscode/l10n';
import { open, type FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import type { ColumnarCache } from './columnarCache';
import type { IdArray, SessionSegment } from './sessionColumns';
import { checkSameSession, readRecordAt, readSessionDetails, type SessionDetails } from './sessionDetails';
import { mapHeader } from './sessionParser';
import { fieldLabel, looksLikeIp, looksLikeSessionId, type MatchedField, type SearchQuery } from './searchQuery';

export { parseSearchQuery, type SearchQuery } from './searchQuery';

/** One month of one account, as the monthly report store keeps it. */
export interface SearchMonth {
  accountId: string;
  /** What people call the account (its name; its id when it has none). */
  accountName: string;
  /** yyyy-MM */
  month: string;
  /** The month's CSV on disk (the cache entry is keyed by it). */
  csv: string;
}

export interface SessionHit {
  month: SearchMonth;
  /** Byte offset of the session's record in the month's CSV (what its details are read from). */
  offset: number;
  /** Epoch ms, null when the report has none. */
  start: number | null;
  user: string;
  application: string;
  country: string;
  /** The field that matched. */
  field: MatchedField;
}

export type SearchEvent =
  | { kind: 'hits'; hits: SessionHit[] }
  /**
   * A month not searched: `notRead` when the cache has no entry for it (reading it would help);
   * `missing` when it simply was never read (the reason, in the display language, is not to be
   * compared: this says it).
   */
  | { kind: 'skipped'; month: SearchMonth; reason: string; notRead: boolean; missing: boolean }
  | { kind: 'done'; summary: SearchSummary };

export interface SearchSummary {
  query: SearchQuery;
  /** Sessions that matched (a lower bound when `atLeast`). */
  matches: number;
  atLeast: boolean;
  /** Hits handed over (at most `maxHits`). */
  shown: number;
  monthsSearched: number;
  monthsSkipped: number;
  /** Sessions looked at. */
  sessions: number;
}

export interface SessionSearchOptions {
  /** Hits handed over per search. Default 200. */
  maxHits?: number;
  /** Where a CSV scan stops counting. Default 10,000. */
  countLimit?: number;
  /** Bytes of opened months kept between searches (the next keystroke reuses them). Default 256 MiB. */
  keepBytes?: number;
  /** Bytes of CSV read at a time by the IP and session id scan. Default 8 MiB (tests make it small). */
  scanChunkBytes?: number;
}

/** The columns a search reads, copied out of the cache entry (the rest of it is let go). */
interface OpenedMonth {
  rows: number;
  start: Float64Array;
  offsets: Uint32Array | Float64Array;
  ids: Record<TextField, IdArray>;
  values: Record<TextField, readonly string[]>;
  bytes: number;
}

const TEXT_FIELDS = ['user', 'application', 'country'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
/** Which CSV column each scanned field is. */
const SCANNED = { ip: 'remote_ip', sessionId: 'session id' } as const;
type ScannedField = keyof typeof SCANNED;

/** Codes of the matched field per row (0: no match), in the order a hit names them. */
const FIELD_CODES: readonly MatchedField[] = ['user', 'application', 'country', 'ip', 'sessionId'];

export class SessionSearch {
  private readonly months: readonly SearchMonth[];
  private readonly maxHits: number;
  private readonly countLimit: number;
  private readonly keepBytes: number;
  private readonly chunkBytes: number;
  private readonly kept = new Map<string, OpenedMonth>();
  private keptBytes = 0;
  /** Months found unusable in this search's life, with why (not tried again on every keystroke). */
  private readonly unusable = new Map<string, { reason: string; notRead: boolean; missing: boolean }>();

  constructor(
    months: readonly SearchMonth[],
    private readonly cache: Pick<ColumnarCache, 'read'>,
    options: SessionSearchOptions = {},
  ) {
    // Newest month first; within a month, accounts by name.
    this.months = [...months].sort((a, b) =>
      a.month === b.month ? a.accountName.localeCompare(b.accountName) : a.month < b.month ? 1 : -1,
    );
    this.maxHits = Math.max(1, options.maxHits ?? 200);
    this.countLimit = Math.max(this.maxHits, options.countLimit ?? 10_000);
    this.keepBytes = options.keepBytes ?? 256 * 1024 * 1024;
    this.chunkBytes = Math.max(1024, options.scanChunkBytes ?? SCAN_CHUNK);
  }

  /** The months searched, newest first. */
  get monthList(): readonly SearchMonth[] {
    return this.months;
  }

  /** Searches every month, newest first: hits month by month, then a summary. */
  async *search(query: SearchQuery, signal?: AbortSignal): AsyncGenerator<SearchEvent> {
    const summary: SearchSummary = { query, matches: 0, atLeast: false, shown: 0, monthsSearched: 0, monthsSkipped: 0, sessions: 0 };
    const needle = query.text;
    if (!needle) {
      yield { kind: 'done', summary };
      return;
    }
    const lower = needle.toLowerCase();
    const textFields = TEXT_FIELDS.filter((f) => query.field === f || query.field === 'any');
    const scanned = (['ip', 'sessionId'] as const).filter(
      (f) => query.field === f || (query.field === 'any' && (f === 'ip' ? looksLikeIp(needle) : looksLikeSessionId(needle))),
    );
    for (const month of this.months) {
      signal?.throwIfAborted();
      const opened = await this.open(month);
      signal?.throwIfAborted();
      if ('reason' in opened) {
        summary.monthsSkipped++;
        yield { kind: 'skipped', month, reason: opened.reason, notRead: opened.notRead, missing: opened.missing };
        continue;
      }
      const why = new Uint8Array(opened.rows);
      let found = 0;
      for (const f of textFields) found += markTextMatches(opened, f, lower, why);
      for (const f of scanned) {
        if (summary.atLeast) break;
        const limit = this.countLimit - summary.matches - found;
        const scan = await scanCsv(month.csv, opened.offsets, f, needle, why, limit, this.chunkBytes, signal).catch((e: unknown) => {
          if (signal?.aborted) throw e;
          return { found: 0, stopped: false, reason: l10n.t('its CSV could not be scanned ({0})', codeOf(e)) };
        });
        if (scan.reason) {
          // The text fields were searched: the month counts as searched, the reason is said.
          yield { kind: 'skipped', month, reason: scan.reason, notRead: false, missing: false };
        }
        found += scan.found;
        if (scan.stopped) summary.atLeast = true;
      }
      summary.monthsSearched++;
      summary.sessions += opened.rows;
      summary.matches += found;
      const room = this.maxHits - summary.shown;
      if (found > 0 && room > 0) {
        const hits = hitsOf(opened, month, why, room);
        summary.shown += hits.length;
        yield { kind: 'hits', hits };
      }
      if (summary.atLeast) break;
    }
    yield { kind: 'done', summary };
  }

  /** The months whose cache entry is missing or does not check out (each opened once; kept ones are not read again). */
  async unreadable(signal?: AbortSignal): Promise<SearchMonth[]> {
    const out: SearchMonth[] = [];
    for (const month of this.months) {
      signal?.throwIfAborted();
      if ('reason' in (await this.open(month))) out.push(month);
    }
    return out;
  }

  /** A month's columns: kept from an earlier search, or read from its cache entry. */
  private async open(month: SearchMonth): Promise<OpenedMonth | { reason: string; notRead: boolean; missing: boolean }> {
    const kept = this.kept.get(month.csv);
    if (kept) return kept;
    const known = this.unusable.get(month.csv);
    if (known) return known;
    const read = await this.cache.read(month.csv);
    if (!('segment' in read)) {
      const why =
        'missing' in read
          ? { reason: l10n.t('not read yet (its CSV is downloaded; the cache has no entry for it)'), notRead: true, missing: true }
          : { reason: l10n.t('its cache entry was not used: {0}', read.reason), notRead: true, missing: false };
      this.unusable.set(month.csv, why);
      return why;
    }
    const opened = compact(read.segment);
    if (this.keptBytes + opened.bytes <= this.keepBytes) {
      this.kept.set(month.csv, opened);
      this.keptBytes += opened.bytes;
    }
    return opened;
  }
}

/** Copies out the columns a search reads, so the entry's buffer can go. */
function compact(s: SessionSegment): OpenedMonth {
  const c = s.columns;
  const start = c.start.slice();
  const offsets = c.offsets.slice();
  const ids = { user: c.user.slice(), application: c.application.slice(), country: c.country.slice() };
  const values = { user: s.dictionaries.user, application: s.dictionaries.application, country: s.dictionaries.country };
  let bytes = start.byteLength + offsets.byteLength;
  for (const f of TEXT_FIELDS) bytes += ids[f].byteLength + values[f].reduce((n, v) => n + 2 * v.length + 16, 0);
  return { rows: s.rows, start, offsets, ids, values, bytes };
}

/** Marks rows whose `field` contains `lower` (case-insensitive) and no earlier field matched; returns how many. */
function markTextMatches(m: OpenedMonth, field: TextField, lower: string, why: Uint8Array): number {
  const values = m.values[field];
  const match = new Uint8Array(values.length);
  let any = false;
  for (let id = 0; id < values.length; id++) {
    if (values[id]!.toLowerCase().includes(lower)) {
      match[id] = 1;
      any = true;
    }
  }
  if (!any) return 0;
  const code = FIELD_CODES.indexOf(field) + 1;
  const ids = m.ids[field];
  let n = 0;
  for (let r = 0; r < m.rows; r++) {
    if (why[r] === 0 && match[ids[r]!] === 1) {
      why[r] = code;
      n++;
    }
  }
  return n;
}

/** The hits of a month: the first `room` matching rows, newest first. */
function hitsOf(m: OpenedMonth, month: SearchMonth, why: Uint8Array, room: number): SessionHit[] {
  const rows: number[] = [];
  for (let r = 0; r < m.rows && rows.length < room; r++) if (why[r] !== 0) rows.push(r);
  const startOf = (r: number) => (Number.isNaN(m.start[r]!) ? -Infinity : m.start[r]!);
  rows.sort((a, b) => startOf(b) - startOf(a) || a - b);
  return rows.map((r) => ({
    month,
    offset: m.offsets[r]!,
    start: Number.isNaN(m.start[r]!) ? null : m.start[r]!,
    user: m.values.user[m.ids.user[r]!] ?? '',
    application: m.values.application[m.ids.application[r]!] ?? '',
    country: m.values.country[m.ids.country[r]!] ?? '',
    field: FIELD_CODES[why[r]! - 1]!,
  }));
}

const SCAN_CHUNK = 8 * 1024 * 1024;

interface ScanResult {
  found: number;
  /** The count reached its limit: the scan stopped there. */
  stopped: boolean;
  reason?: string;
}

/**
 * Scans a month's CSV for `needle` and marks the rows (not yet matched) whose `field` it matches:
 * each occurrence is mapped to its record by the cache's offsets and checked against the field
 * there (IP: the value starts with the needle; session id: the value is the needle).
 */
async function scanCsv(
  csv: string,
  offsets: ArrayLike<number>,
  field: ScannedField,
  needle: string,
  why: Uint8Array,
  limit: number,
  chunkBytes: number,
  signal: AbortSignal | undefined,
): Promise<ScanResult> {
  const header = await readRecordAt({ file: csv }, 0);
  if (!header) return { found: 0, stopped: false, reason: l10n.t('its CSV has no header line') };
  let column: number;
  try {
    column = mapHeader(header).indexOf(SCANNED[field]);
  } catch {
    return { found: 0, stopped: false, reason: l10n.t('its CSV is not a session report any more') };
  }
  if (column < 0) return { found: 0, stopped: false };
  const rows = offsets.length;
  if (rows === 0) return { found: 0, stopped: false };
  const code = FIELD_CODES.indexOf(field) + 1;
  const pattern = Buffer.from(needle, 'utf8');
  const accept = field === 'ip' ? (v: string) => v.trim().startsWith(needle) : (v: string) => v.trim() === needle;
  const handle = await open(csv, 'r');
  try {
    const size = (await handle.stat()).size;
    const buf = Buffer.allocUnsafe(chunkBytes);
    let found = 0;
    let lastRow = -1;
    for (let at = 0; at < size;) {
      signal?.throwIfAborted();
      const length = await readFully(handle, buf, at, Math.min(chunkBytes, size - at));
      if (length === 0) break;
      const chunk = buf.subarray(0, length);
      for (let p = chunk.indexOf(pattern); p >= 0; p = chunk.indexOf(pattern, p + 1)) {
        const row = recordAt(offsets, at + p);
        if (row < 0 || row === lastRow) continue;
        lastRow = row;
        if (why[row] !== 0) continue;
        const from = offsets[row]!;
        const to = row + 1 < rows ? offsets[row + 1]! : size;
        // The record in this chunk: read its field here; across a chunk's edge: read it from the file.
        const value =
          from >= at && to <= at + length
            ? fieldOfRecord(chunk, from - at, to - at, column)
            : ((await readRecordAt({ file: csv }, from))?.[column] ?? undefined);
        if (value === undefined || !accept(value)) continue;
        why[row] = code;
        if (++found >= limit) return { found, stopped: true };
      }
      if (at + length >= size) break;
      // The next chunk starts early enough for an occurrence cut by this chunk's end.
      at += Math.max(1, length - (pattern.length - 1));
    }
    return { found, stopped: false };
  } finally {
    await handle.close();
  }
}

async function readFully(handle: FileHandle, buf: Buffer, position: number, length: number): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await handle.read(buf, got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

/** The row whose record holds byte `position` (the last offset at or before it); -1 before the first (the header). */
function recordAt(offsets: ArrayLike<number>, position: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  if (!(offsets[0]! <= position)) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Field `k` of the CSV record in `b[s..e)` (quotes undone), or undefined when it has fewer fields. */
export function fieldOfRecord(b: Uint8Array, s: number, e: number, k: number): string | undefined {
  let i = s;
  for (let field = 0; i <= e; field++) {
    let value: string;
    if (i < e && b[i] === QUOTE) {
      const parts: Buffer[] = [];
      let from = i + 1;
      let j = from;
      for (;;) {
        while (j < e && b[j] !== QUOTE) j++;
        if (j + 1 < e && b[j + 1] === QUOTE) {
          parts.push(Buffer.from(b.buffer, b.byteOffset + from, j + 1 - from));
          j += 2;
          from = j;
          continue;
        }
        break;
      }
      parts.push(Buffer.from(b.buffer, b.byteOffset + from, Math.max(0, Math.min(j, e) - from)));
      value = field === k ? Buffer.concat(parts).toString('utf8') : '';
      i = j + 1;
      while (i < e && b[i] !== COMMA && b[i] !== CR && b[i] !== LF) i++;
    } else {
      let j = i;
      while (j < e && b[j] !== COMMA && b[j] !== CR && b[j] !== LF) j++;
      value = field === k ? Buffer.from(b.buffer, b.byteOffset + i, j - i).toString('utf8') : '';
      i = j;
    }
    if (field === k) return value;
    if (i >= e || b[i] !== COMMA) return undefined;
    i++;
  }
  return undefined;
}

/** The 25 fields of a hit, read again from its CSV; checked to be the same session the search found. */
export async function hitDetails(hit: SessionHit): Promise<SessionDetails> {
  const details = await readSessionDetails({ file: hit.month.csv }, hit.offset);
  checkSameSession(details, hit.start, hit.user);
  return details;
}

/** A hit's details as a read-only document: where it came from, then every field, one a line. */
export function hitDetailsText(hit: SessionHit, details: SessionDetails): string {
  const rows = [...details.fields, ...details.extra];
  const width = Math.max(...rows.map((f) => f.column.length));
  const line = (column: string, value: string) => `${column.padEnd(width)}  ${JSON.stringify(value).slice(1, -1)}`;
  return [
    l10n.t('Session of {0} ({1}), {2} report', hit.month.accountName, hit.month.accountId, hit.month.month),
    l10n.t('Found by {0}; read again from the report ({1})', fieldLabel(hit.field), path.basename(hit.month.csv)),
    '',
    ...details.fields.map((f) => line(f.column, f.value)),
    ...(details.extra.length
      ? ['', l10n.t('Columns beyond the documented 25:'), ...details.extra.map((f) => line(f.column, f.value))]
      : []),
    '',
  ].join('\n');
}

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'unreadable';
}
