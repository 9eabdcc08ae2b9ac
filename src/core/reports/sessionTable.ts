/**
 * The sessions table behind the reports view, over the columns the readers produced (one part per
 * month, or per piece of a month): numbers in typed arrays, text as ids into per-part dictionaries
 * mapped onto the table's merged dictionaries. Parts are used where they are, never copied into
 * one big array, so a year of months costs its columns once. Sorting and filtering work on index
 * arrays; the last sorted and filtered orders are cached because a scrolling table asks for page
 * after page of the same.
 */
import * as l10n from '@vscode/l10n';
import { DURATION_EDGES_MINUTES } from './sessionAggregate';
import type { SessionRecord } from './columns';
import {
  TABLE_NUMBER_COLUMNS,
  TABLE_TEXT_COLUMNS,
  latencyFloat32,
  type SegmentColumns,
  type TableNumberColumn,
  type TableTextColumn,
} from './sessionColumns';
import type { TableColumn, TableRow, TableSort } from './tableColumns';
import { FrameError } from '../errors';
import { argsort, isAscending, mergeOrders, mergeRuns } from './sortOrder';
import { checkSameSession, readRecordAt, readSessionDetails, type DetailsSource, type SessionDetails } from './sessionDetails';

export { DURATION_EDGES_MINUTES };
export { argsort, mergeRuns };

/** Text columns the filter looks in. */
const FILTERED: readonly TableTextColumn[] = ['user', 'application', 'country', 'city'];

/** One part of the table: its columns (part-local ids) and, per text column, local id → table id. */
export interface TablePart {
  rows: number;
  columns: SegmentColumns;
  remap: Record<TableTextColumn, Uint32Array>;
  /** Where the part's records are (their byte offsets are `columns.offsets`), for `detailsOf`. */
  source?: DetailsSource;
  /** The part's rows newest first (`newestFirstOf`), when its reader or the cache had them: sorting by start then only merges. */
  newestFirst?: Uint32Array;
}

/** rank[id] = position of values[id] in sorted order (rows then sort by a number). */
function ranksOf(values: readonly string[]): Uint32Array {
  const order = values.map((_, i) => i).sort((a, b) => compareText(values[a]!, values[b]!));
  const rank = new Uint32Array(values.length);
  order.forEach((id, pos) => (rank[id] = pos));
  return rank;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The shortest decimal that is the same float32: a stored 8.37 reads back as 8.37, not 8.3699998856. */
export function fromFloat32(v: number): number {
  if (!Number.isFinite(v) || Number.isInteger(v)) return v;
  for (let p = 1; p <= 9; p++) {
    const c = Number(v.toPrecision(p));
    if (Math.fround(c) === v) return c;
  }
  return v;
}

export interface TablePage {
  /** Rows matching the filter. */
  total: number;
  offset: number;
  rows: TableRow[];
}

export class SessionTable {
  readonly size: number;
  /** First table row of each part, and the total at the end. */
  private readonly firstRow: number[];
  private sortedKey = '';
  private sorted: Uint32Array | undefined;
  private filteredKey = '';
  private filtered: Uint32Array | undefined;
  private readonly rankCache = new Map<TableTextColumn, Uint32Array>();
  private readonly headers = new Map<number, Promise<string[] | undefined>>();

  constructor(
    readonly parts: readonly TablePart[],
    readonly dictionaries: Record<TableTextColumn, readonly string[]>,
  ) {
    this.firstRow = [0];
    for (const p of parts) this.firstRow.push(this.firstRow[this.firstRow.length - 1]! + p.rows);
    this.size = this.firstRow[this.firstRow.length - 1]!;
  }

  static empty(): SessionTable {
    return new SessionTableBuilder().build();
  }

  /** Approximate bytes held. */
  get bytes(): number {
    let n = 0;
    for (const p of this.parts) {
      for (const c of Object.values(p.columns)) n += (c as ArrayBufferView).byteLength;
      for (const c of TABLE_TEXT_COLUMNS) n += p.remap[c].byteLength;
    }
    for (const c of TABLE_TEXT_COLUMNS) n += this.dictionaries[c].reduce((s, v) => s + 2 * v.length + 16, 0);
    return n;
  }

  /** Which part holds table row `i`, and its row there. */
  locate(i: number): { part: number; row: number } {
    if (!(i >= 0 && i < this.size)) throw new RangeError(`row ${i} is not in a table of ${this.size}`);
    let lo = 0;
    let hi = this.parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firstRow[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return { part: lo, row: i - this.firstRow[lo]! };
  }

  /** One page of rows in the given order, after the filter (case-insensitive substring). */
  page(offset: number, limit: number, sort: TableSort, filter: string): TablePage {
    const order = this.order(sort, filter);
    const start = Math.max(0, Math.min(Math.floor(offset), order.length));
    const end = Math.min(order.length, start + Math.max(0, Math.floor(limit)));
    const rows: TableRow[] = [];
    for (let i = start; i < end; i++) rows.push(this.row(order[i]!));
    return { total: order.length, offset: start, rows };
  }

  /** The table row index of each row of a page (what `details` takes), in the same order. */
  rowIndexes(offset: number, limit: number, sort: TableSort, filter: string): number[] {
    const order = this.order(sort, filter);
    const start = Math.max(0, Math.min(Math.floor(offset), order.length));
    return Array.from(order.subarray(start, Math.min(order.length, start + Math.max(0, Math.floor(limit)))));
  }

  /**
   * Every one of the 25 fields of table row `i` (a row index as `rowIndexes` gives them), read
   * from the part's CSV at the row's byte offset; the columns are not kept in memory.
   */
  async detailsOf(i: number): Promise<SessionDetails> {
    const { part, row } = this.locate(i);
    const p = this.parts[part]!;
    if (!p.source)
      throw new FrameError('bad-report', l10n.t('The details of this session are not available (it was not read from a report).'));
    let header = this.headers.get(part);
    if (!header) {
      header = readRecordAt(p.source, 0);
      this.headers.set(part, header);
    }
    const details = await readSessionDetails(p.source, p.columns.offsets[row]!, await header);
    const shown = this.row(i);
    checkSameSession(details, shown[0], shown[1]);
    return details;
  }

  /** Durations in seconds (NaN when unknown), for histograms. */
  durations(): Float64Array {
    const out = new Float64Array(this.size);
    this.parts.forEach((p, k) => out.set(p.columns.duration, this.firstRow[k]!));
    return out;
  }

  row(i: number): TableRow {
    const { part, row } = this.locate(i);
    const p = this.parts[part]!;
    const c = p.columns;
    const num = (v: number) => (Number.isNaN(v) ? null : v);
    const txt = (col: TableTextColumn) => this.dictionaries[col][p.remap[col][c[col][row]!]!]!;
    return [
      num(c.start[row]!),
      txt('user'),
      txt('application'),
      num(fromFloat32(c.duration[row]!)),
      txt('country'),
      txt('city'),
      num(fromFloat32(c.latency[row]!)),
      num(fromFloat32(c.bandwidth[row]!)),
      num(fromFloat32(c.framerate[row]!)),
      txt('state'),
    ];
  }

  private order(sort: TableSort, filter: string): Uint32Array {
    const sortKey = `${sort.column}:${sort.descending}`;
    const needle = filter.trim().toLocaleLowerCase();
    const key = `${sortKey}|${needle}`;
    if (this.filtered && this.filteredKey === key) return this.filtered;
    if (!this.sorted || this.sortedKey !== sortKey) {
      this.sorted = this.sortIndexes(sort);
      this.sortedKey = sortKey;
    }
    this.filtered = needle ? this.filterIndexes(this.sorted, needle) : this.sorted;
    this.filteredKey = key;
    return this.filtered;
  }

  /** One number per row to sort by; NaN = unknown (last in either direction). */
  private sortKeys(column: TableColumn): Float64Array {
    const keys = new Float64Array(this.size);
    if (isNumeric(column)) {
      this.parts.forEach((p, k) => keys.set(p.columns[column], this.firstRow[k]!));
      return keys;
    }
    let rank = this.rankCache.get(column);
    if (!rank) {
      rank = ranksOf(this.dictionaries[column]);
      this.rankCache.set(column, rank);
    }
    const empty = this.dictionaries[column].indexOf('');
    this.parts.forEach((p, k) => {
      const ids = p.columns[column];
      const map = p.remap[column];
      let at = this.firstRow[k]!;
      for (let r = 0; r < p.rows; r++) {
        const id = map[ids[r]!]!;
        keys[at++] = id === empty ? NaN : rank[id]!;
      }
    });
    return keys;
  }

  /** Row indexes sorted by a column; unknown values last in either direction; ties by row order. */
  private sortIndexes({ column, descending }: TableSort): Uint32Array {
    if (column === 'start' && this.parts.every((p) => p.newestFirst)) {
      // Each part came with its rows newest first (sorted once, kept in the cache): merge, never sort again.
      return mergeOrders(
        this.parts.map((p) => ({ keys: p.columns.start, order: p.newestFirst! })),
        descending,
      );
    }
    if (isNumeric(column)) {
      // Each month's start times are usually in order already: merge the parts, no key array.
      const runs = this.parts.map((p) => p.columns[column]);
      if (runs.every(isAscending)) return mergeRuns(runs, descending);
    }
    return argsort(this.sortKeys(column), descending);
  }

  private filterIndexes(order: Uint32Array, needle: string): Uint32Array {
    // Match each distinct value once, then mark matching rows part by part, then keep the order.
    const match = FILTERED.map((c) => {
      const values = this.dictionaries[c];
      const m = new Uint8Array(values.length);
      values.forEach((v, id) => (m[id] = v.toLocaleLowerCase().includes(needle) ? 1 : 0));
      return { c, m };
    });
    const hit = new Uint8Array(this.size);
    this.parts.forEach((p, k) => {
      const at = this.firstRow[k]!;
      for (const { c, m } of match) {
        const ids = p.columns[c];
        const map = p.remap[c];
        // Per part, the match of each local id, so the row loop reads one small array.
        const local = new Uint8Array(map.length);
        for (let id = 0; id < map.length; id++) local[id] = m[map[id]!]!;
        for (let r = 0; r < p.rows; r++) if (local[ids[r]!]) hit[at + r] = 1;
      }
    });
    const out = new Uint32Array(order.length);
    let n = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if (hit[i]) out[n++] = i;
    }
    return out.slice(0, n);
  }
}

function isNumeric(c: TableColumn): c is TableNumberColumn {
  return (TABLE_NUMBER_COLUMNS as readonly string[]).includes(c);
}

/** The table from records one at a time (records in memory, tests). */
export class SessionTableBuilder {
  private readonly numbers: Record<TableNumberColumn, number[]> = { start: [], duration: [], latency: [], bandwidth: [], framerate: [] };
  private readonly ids = Object.fromEntries(TABLE_TEXT_COLUMNS.map((c) => [c, []])) as unknown as Record<TableTextColumn, number[]>;
  private readonly values = Object.fromEntries(TABLE_TEXT_COLUMNS.map((c) => [c, []])) as unknown as Record<TableTextColumn, string[]>;
  private readonly index = Object.fromEntries(TABLE_TEXT_COLUMNS.map((c) => [c, new Map()])) as unknown as Record<
    TableTextColumn,
    Map<string, number>
  >;

  add(r: SessionRecord): void {
    const n = (v: number | null) => (v === null ? NaN : v);
    this.numbers.start.push(n(r.startTime));
    this.numbers.duration.push(n(r.durationSeconds));
    this.numbers.latency.push(r.avgLatency === null ? NaN : latencyFloat32(r.avgLatency));
    this.numbers.bandwidth.push(n(r.avgBandwidth));
    this.numbers.framerate.push(n(r.avgFramerate));
    this.text('user', r.username);
    this.text('application', r.application);
    this.text('country', r.country);
    this.text('city', r.city);
    this.text('state', r.state);
    this.text('systemType', r.systemType);
    this.text('account', r.accountId);
    this.text('region', r.region);
    this.text('userAgent', r.userAgent);
    this.text('resolution', r.resolution);
    this.text('email', r.accountEmail);
  }

  build(): SessionTable {
    const rows = this.numbers.start.length;
    const ids = (c: TableTextColumn) => Uint32Array.from(this.ids[c]);
    const columns: SegmentColumns = {
      start: Float64Array.from(this.numbers.start),
      duration: Float32Array.from(this.numbers.duration),
      latency: Float32Array.from(this.numbers.latency),
      bandwidth: Float32Array.from(this.numbers.bandwidth),
      framerate: Float32Array.from(this.numbers.framerate),
      user: ids('user'),
      application: ids('application'),
      country: ids('country'),
      city: ids('city'),
      state: ids('state'),
      systemType: ids('systemType'),
      account: ids('account'),
      region: ids('region'),
      userAgent: ids('userAgent'),
      resolution: ids('resolution'),
      email: ids('email'),
      offsets: new Float64Array(rows).fill(NaN),
    };
    const identity = (c: TableTextColumn) => Uint32Array.from(this.values[c], (_, i) => i);
    const remap = Object.fromEntries(TABLE_TEXT_COLUMNS.map((c) => [c, identity(c)])) as Record<TableTextColumn, Uint32Array>;
    return new SessionTable([{ rows, columns, remap }], this.values);
  }

  private text(c: TableTextColumn, v: string): void {
    let id = this.index[c].get(v);
    if (id === undefined) {
      id = this.values[c].length;
      this.values[c].push(v);
      this.index[c].set(v, id);
    }
    this.ids[c].push(id);
  }
}

export function durationHistogram(
  durationsSeconds: Float64Array,
  edgesMinutes: readonly number[] = DURATION_EDGES_MINUTES,
): { edgesMinutes: number[]; counts: number[] } {
  const counts = new Array<number>(edgesMinutes.length).fill(0);
  for (const s of durationsSeconds) {
    if (Number.isNaN(s)) continue;
    const m = s / 60;
    let bin = edgesMinutes.length - 1;
    while (bin > 0 && m < edgesMinutes[bin]!) bin--;
    counts[bin]!++;
  }
  return { edgesMinutes: [...edgesMinutes], counts };
}
