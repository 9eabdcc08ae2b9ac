/**
 * The sessions table behind the reports view: the few columns the table shows, stored column-wise
 * (numbers in Float64Arrays, text as indexes into per-column dictionaries), so 300,000 sessions take
 * a few MB instead of 300,000 objects. Sorting and filtering work on index arrays; the last sorted
 * and filtered orders are cached because a scrolling table asks for page after page of the same.
 */
import type { SessionRecord } from './columns';
import type { TableColumn, TableRow, TableSort } from './tableColumns';

const NUMERIC = ['start', 'duration', 'latency', 'bandwidth', 'framerate'] as const;
const TEXT = ['user', 'application', 'country', 'city', 'state'] as const;
type NumericColumn = (typeof NUMERIC)[number];
type TextColumn = (typeof TEXT)[number];
/** Text columns the filter looks in. */
const FILTERED: readonly TextColumn[] = ['user', 'application', 'country', 'city'];

/** Interns the values of one text column. */
class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  id(value: string): number {
    let id = this.index.get(value);
    if (id === undefined) {
      id = this.values.length;
      // A copy, so the dictionary does not pin the parser's chunk the value was cut from.
      const own = value.length < 13 ? value : Buffer.from(value, 'utf8').toString('utf8');
      this.values.push(own);
      this.index.set(own, id);
    }
    return id;
  }
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

/** An append-only typed array that doubles its buffer as it fills. */
class Growable<A extends Float64Array | Uint32Array> {
  data: A;
  length = 0;

  constructor(private readonly make: (size: number) => A) {
    this.data = make(1024);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

const f64 = () => new Growable((n) => new Float64Array(n));
const u32 = () => new Growable((n) => new Uint32Array(n));

export class SessionTableBuilder {
  private readonly numbers = Object.fromEntries(NUMERIC.map((c) => [c, f64()])) as Record<NumericColumn, Growable<Float64Array>>;
  private readonly text = Object.fromEntries(TEXT.map((c) => [c, u32()])) as Record<TextColumn, Growable<Uint32Array>>;
  private readonly dictionaries = Object.fromEntries(TEXT.map((c) => [c, new Dictionary()])) as Record<TextColumn, Dictionary>;

  add(r: SessionRecord): void {
    this.numbers.start.push(r.startTime ?? NaN);
    this.numbers.duration.push(r.durationSeconds ?? NaN);
    this.numbers.latency.push(r.avgLatency ?? NaN);
    this.numbers.bandwidth.push(r.avgBandwidth ?? NaN);
    this.numbers.framerate.push(r.avgFramerate ?? NaN);
    this.text.user.push(this.dictionaries.user.id(r.username));
    this.text.application.push(this.dictionaries.application.id(r.application));
    this.text.country.push(this.dictionaries.country.id(r.country));
    this.text.city.push(this.dictionaries.city.id(r.city));
    this.text.state.push(this.dictionaries.state.id(r.state));
  }

  build(): SessionTable {
    const size = this.numbers.start.length;
    const numbers = Object.fromEntries(NUMERIC.map((c) => [c, this.numbers[c].data.slice(0, size)])) as Record<NumericColumn, Float64Array>;
    const text = Object.fromEntries(TEXT.map((c) => [c, this.text[c].data.slice(0, size)])) as Record<TextColumn, Uint32Array>;
    return new SessionTable(
      size,
      numbers,
      text,
      Object.fromEntries(TEXT.map((c) => [c, this.dictionaries[c].values])) as Record<TextColumn, string[]>,
    );
  }
}

export interface TablePage {
  /** Rows matching the filter. */
  total: number;
  offset: number;
  rows: TableRow[];
}

export class SessionTable {
  private sortedKey = '';
  private sorted: Uint32Array | undefined;
  private filteredKey = '';
  private filtered: Uint32Array | undefined;
  private readonly rankCache = new Map<TextColumn, Uint32Array>();

  constructor(
    readonly size: number,
    private readonly numbers: Record<NumericColumn, Float64Array>,
    private readonly text: Record<TextColumn, Uint32Array>,
    private readonly dictionaries: Record<TextColumn, string[]>,
  ) {}

  static empty(): SessionTable {
    return new SessionTableBuilder().build();
  }

  /** Approximate bytes held (for the benchmark). */
  get bytes(): number {
    let n = 0;
    for (const c of NUMERIC) n += this.numbers[c].byteLength;
    for (const c of TEXT) n += this.text[c].byteLength + this.dictionaries[c].reduce((s, v) => s + 2 * v.length + 16, 0);
    return n;
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

  /** Durations in seconds (NaN when unknown), for histograms. */
  durations(): Float64Array {
    return this.numbers.duration;
  }

  row(i: number): TableRow {
    const num = (c: NumericColumn) => {
      const v = this.numbers[c][i]!;
      return Number.isNaN(v) ? null : v;
    };
    const txt = (c: TextColumn) => this.dictionaries[c][this.text[c][i]!]!;
    return [
      num('start'),
      txt('user'),
      txt('application'),
      num('duration'),
      txt('country'),
      txt('city'),
      num('latency'),
      num('bandwidth'),
      num('framerate'),
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

  /** Row indexes sorted by a column; unknown values last in either direction; ties by row order. */
  private sortIndexes({ column, descending }: TableSort): Uint32Array {
    const idx = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) idx[i] = i;
    const sign = descending ? -1 : 1;
    if (isNumeric(column)) {
      const col = this.numbers[column];
      return idx.sort((a, b) => {
        const x = col[a]!;
        const y = col[b]!;
        const xn = Number.isNaN(x);
        const yn = Number.isNaN(y);
        if (xn || yn) return xn === yn ? a - b : xn ? 1 : -1;
        return (x - y) * sign || a - b;
      });
    }
    let rank = this.rankCache.get(column);
    if (!rank) {
      rank = ranksOf(this.dictionaries[column]);
      this.rankCache.set(column, rank);
    }
    const ids = this.text[column];
    const empty = this.dictionaries[column].indexOf('');
    return idx.sort((a, b) => {
      const x = ids[a]!;
      const y = ids[b]!;
      if (x === empty || y === empty) return x === y ? a - b : x === empty ? 1 : -1;
      return (rank[x]! - rank[y]!) * sign || a - b;
    });
  }

  private filterIndexes(order: Uint32Array, needle: string): Uint32Array {
    // Match each distinct value once, then test rows by dictionary id.
    const matches = FILTERED.map((c) => {
      const m = new Uint8Array(this.dictionaries[c].length);
      this.dictionaries[c].forEach((v, id) => (m[id] = v.toLocaleLowerCase().includes(needle) ? 1 : 0));
      return { ids: this.text[c], m };
    });
    const out = new Uint32Array(order.length);
    let n = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      for (const { ids, m } of matches) {
        if (m[ids[i]!]) {
          out[n++] = i;
          break;
        }
      }
    }
    return out.slice(0, n);
  }
}

function isNumeric(c: TableColumn): c is NumericColumn {
  return (NUMERIC as readonly string[]).includes(c);
}

/** Fixed duration bins (minutes) for the reports view's histogram; the last bin is open-ended. */
export const DURATION_EDGES_MINUTES = [0, 5, 15, 30, 60, 120, 240, 480];

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
