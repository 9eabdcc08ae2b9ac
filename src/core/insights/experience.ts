/**
 * Experience breakdowns of a session table: per region, country, city, application, client
 * (`user_agent` as written) and resolution, and per user for the worst users. Only what the report's
 * columns hold: average latency, bandwidth and frame rate per session (no logon time, jitter,
 * packet loss or failure reasons: the report has none).
 *
 * Definitions (the table's values; a number that was empty or not a number in the CSV is unknown):
 * - `sessions`: every row of the group; `latencySessions`: rows with a known `avg_latency`.
 * - Over T ms: the percentage of sessions whose `avg_latency` > T among the rows with a known
 *   `avg_latency` (unknown ones are left out of both counts); null when none is known. The table
 *   keeps latencies as float32 on the right side of every whole number (latencyFloat32), so `> T`
 *   is the report's value compared for whole-number thresholds.
 * - p50 / p95: nearest rank (the ⌈q·n⌉-th smallest) of the known values of the group.
 * - Months: the report clock's calendar month of `starttime` (rows without a start are in the
 *   totals, not in any month); month-over-month compares the group's last month with the one before.
 * - Groups are the column's values as written ('' is a group of its own, shown as "(empty)").
 */
import { FrameError } from '../errors';
import { fromFloat32, type SessionTable } from '../reports/sessionTable';
import type { TableTextColumn } from '../reports/sessionColumns';
import { DAY_MS } from './clock';

/** The columns experience is broken down by, and what the view calls them. */
export const EXPERIENCE_DIMENSIONS = ['region', 'country', 'city', 'application', 'userAgent', 'resolution'] as const;
export type ExperienceDimension = (typeof EXPERIENCE_DIMENSIONS)[number];
export const DIMENSION_TITLES: Record<ExperienceDimension | 'user', string> = {
  region: 'Region',
  country: 'Country',
  city: 'City',
  application: 'Application',
  userAgent: 'Client (user_agent)',
  resolution: 'Resolution',
  user: 'User',
};

/** The common VDI thresholds: over 100 ms is noticeable, over 200 ms poor. */
export const DEFAULT_LATENCY_THRESHOLDS_MS: readonly number[] = [100, 200];

export interface ExperienceFigures {
  sessions: number;
  latencySessions: number;
  /** Per threshold (in the order given): sessions with avg_latency > T, and their percentage of latencySessions. */
  over: number[];
  overPct: (number | null)[];
  p50Latency: number | null;
  p95Latency: number | null;
  medianBandwidth: number | null;
  medianFramerate: number | null;
}

export interface ExperienceGroup extends ExperienceFigures {
  key: string;
  /** Per month (yyyy-MM) of the group's sessions with a start, in month order. */
  months: { month: string; figures: ExperienceFigures }[];
}

export interface ExperienceBreakdown {
  dimension: ExperienceDimension | 'user';
  thresholdsMs: number[];
  /** Most sessions first (ties by key). */
  groups: ExperienceGroup[];
}

/** A brake on hostile settings: thresholds are a handful of whole milliseconds. */
export function checkThresholds(thresholds: readonly number[]): number[] {
  const ok = thresholds.filter((t) => Number.isFinite(t) && t >= 0 && t <= 100_000);
  if (!ok.length) throw new FrameError('invalid-request', 'Give at least one latency threshold in milliseconds (for example 100 and 200).');
  return [...new Set(ok.map((t) => Math.round(t)))].sort((a, b) => a - b).slice(0, 5);
}

/** Per row, the month index of its start in `months` (-1 without a start), and the months (yyyy-MM) present. */
function monthsOf(table: SessionTable): { monthOf: Int32Array; months: string[] } {
  const monthOf = new Int32Array(table.size).fill(-1);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const p of table.parts) {
    const s = p.columns.start;
    for (let r = 0; r < p.rows; r++) {
      const d = Math.floor(s[r]! / DAY_MS);
      if (d < minDay) minDay = d;
      if (d > maxDay) maxDay = d;
    }
  }
  if (!(minDay <= maxDay)) return { monthOf, months: [] };
  // Day → month index, over the days the starts span (a broken row far away stretches it: cap it).
  const span = Math.min(maxDay - minDay + 1, 40 * 366);
  const dayMonth = new Int32Array(span);
  const months: string[] = [];
  let last = '';
  for (let d = 0; d < span; d++) {
    const m = new Date((minDay + d) * DAY_MS).toISOString().slice(0, 7);
    if (m !== last) {
      months.push(m);
      last = m;
    }
    dayMonth[d] = months.length - 1;
  }
  let i = 0;
  for (const p of table.parts) {
    const s = p.columns.start;
    for (let r = 0; r < p.rows; r++, i++) {
      const d = Math.floor(s[r]! / DAY_MS) - minDay;
      if (d >= 0 && d < span) monthOf[i] = dayMonth[d]!;
    }
  }
  // Only the months some row starts in.
  const used = new Uint8Array(months.length);
  for (let k = 0; k < monthOf.length; k++) if (monthOf[k]! >= 0) used[monthOf[k]!] = 1;
  const newIndex = new Int32Array(months.length).fill(-1);
  const kept: string[] = [];
  months.forEach((m, k) => {
    if (used[k]) {
      newIndex[k] = kept.length;
      kept.push(m);
    }
  });
  for (let k = 0; k < monthOf.length; k++) if (monthOf[k]! >= 0) monthOf[k] = newIndex[monthOf[k]!]!;
  return { monthOf, months: kept };
}

/** Per row (table order), the table-wide id of its value in a text column. */
function idsOf(table: SessionTable, column: TableTextColumn): Uint32Array {
  const out = new Uint32Array(table.size);
  let at = 0;
  for (const p of table.parts) {
    const ids = p.columns[column];
    const map = p.remap[column];
    for (let r = 0; r < p.rows; r++) out[at++] = map[ids[r]!]!;
  }
  return out;
}

/** The k-th smallest (0-based) of a[from, to), rearranging that range (quickselect). */
function select(a: Float32Array, from: number, to: number, k: number): number {
  let lo = from;
  let hi = to - 1;
  const target = from + k;
  while (hi > lo) {
    // Median of three as the pivot keeps sorted runs (a month of integers) from going quadratic.
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}

/** Nearest rank: the ⌈q·n⌉-th smallest of a[from, from + n). */
function quantile(a: Float32Array, from: number, n: number, q: number): number | null {
  if (n === 0) return null;
  return fromFloat32(select(a, from, from + n, Math.max(1, Math.ceil(q * n)) - 1));
}

/**
 * Figures of every group: `groupOf[i]` is row i's group (or -1: in none). Values are gathered per
 * group into one scratch array (a counting sort) and their quantiles selected in place.
 */
function figuresOf(table: SessionTable, groupOf: Int32Array, groups: number, thresholds: readonly number[]): ExperienceFigures[] {
  const sessions = new Float64Array(groups);
  const known = new Float64Array(groups);
  const over = thresholds.map(() => new Float64Array(groups));
  const scratch = new Float32Array(table.size);
  const firstOf = new Float64Array(groups + 1);
  const out: ExperienceFigures[] = Array.from({ length: groups }, () => ({
    sessions: 0,
    latencySessions: 0,
    over: [],
    overPct: [],
    p50Latency: null,
    p95Latency: null,
    medianBandwidth: null,
    medianFramerate: null,
  }));
  // One column at a time: count the known values per group, place them, select.
  const gather = (column: 'latency' | 'bandwidth' | 'framerate', counted: Float64Array) => {
    firstOf.fill(0);
    let i = 0;
    for (const p of table.parts) {
      const v = p.columns[column];
      for (let r = 0; r < p.rows; r++, i++) {
        const g = groupOf[i]!;
        if (g >= 0 && v[r] === v[r]) firstOf[g + 1]!++;
      }
    }
    for (let g = 0; g < groups; g++) {
      counted[g] = firstOf[g + 1]!;
      firstOf[g + 1]! += firstOf[g]!;
    }
    const next = Float64Array.from(firstOf);
    i = 0;
    for (const p of table.parts) {
      const v = p.columns[column];
      for (let r = 0; r < p.rows; r++, i++) {
        const g = groupOf[i]!;
        const x = v[r]!;
        if (g >= 0 && x === x) scratch[next[g]!++] = x;
      }
    }
  };
  let i = 0;
  for (const p of table.parts) {
    const lat = p.columns.latency;
    for (let r = 0; r < p.rows; r++, i++) {
      const g = groupOf[i]!;
      if (g < 0) continue;
      sessions[g]!++;
      const x = lat[r]!;
      for (let t = 0; t < thresholds.length; t++) if (x > thresholds[t]!) over[t]![g]!++;
    }
  }
  gather('latency', known);
  for (let g = 0; g < groups; g++) {
    const f = out[g]!;
    const n = known[g]!;
    f.sessions = sessions[g]!;
    f.latencySessions = n;
    f.over = over.map((o) => o[g]!);
    f.overPct = over.map((o) => (n > 0 ? (100 * o[g]!) / n : null));
    f.p50Latency = quantile(scratch, firstOf[g]!, n, 0.5);
    f.p95Latency = quantile(scratch, firstOf[g]!, n, 0.95);
  }
  const counted = new Float64Array(groups);
  gather('bandwidth', counted);
  for (let g = 0; g < groups; g++) out[g]!.medianBandwidth = quantile(scratch, firstOf[g]!, counted[g]!, 0.5);
  gather('framerate', counted);
  for (let g = 0; g < groups; g++) out[g]!.medianFramerate = quantile(scratch, firstOf[g]!, counted[g]!, 0.5);
  return out;
}

/** Month indexes of a table, computed once per table (every breakdown uses them). */
const monthCache = new WeakMap<SessionTable, { monthOf: Int32Array; months: string[] }>();

/** The breakdown of a table by one column (or by user), with each group's months. */
export function experienceBreakdown(
  table: SessionTable,
  dimension: ExperienceDimension | 'user',
  thresholdsMs: readonly number[] = DEFAULT_LATENCY_THRESHOLDS_MS,
): ExperienceBreakdown {
  const thresholds = checkThresholds(thresholdsMs);
  const values = table.dictionaries[dimension];
  const ids = idsOf(table, dimension);
  const groups = values.length;
  const totals = figuresOf(table, Int32Array.from(ids), groups, thresholds);
  let m = monthCache.get(table);
  if (!m) {
    m = monthsOf(table);
    monthCache.set(table, m);
  }
  const { monthOf, months } = m;
  const M = months.length;
  const byMonth: ExperienceFigures[] = [];
  if (M > 0 && groups * M < 2 ** 31) {
    const key = new Int32Array(table.size);
    for (let k = 0; k < key.length; k++) key[k] = monthOf[k]! < 0 ? -1 : ids[k]! * M + monthOf[k]!;
    byMonth.push(...figuresOf(table, key, groups * M, thresholds));
  }
  const out: ExperienceGroup[] = [];
  for (let g = 0; g < groups; g++) {
    if (totals[g]!.sessions === 0) continue;
    const monthly: ExperienceGroup['months'] = [];
    for (let k = 0; k < M && byMonth.length; k++) {
      const f = byMonth[g * M + k]!;
      if (f.sessions > 0) monthly.push({ month: months[k]!, figures: f });
    }
    out.push({ key: values[g]!, ...totals[g]!, months: monthly });
  }
  out.sort((a, b) => b.sessions - a.sessions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { dimension, thresholdsMs: thresholds, groups: out };
}

/**
 * The percentage of sessions over `thresholdMs` per value of a column (`latency_over_200ms_pct_by_country`
 * is `latencyOverPctBy(table, 'country', 200)`); values with no known latency are left out.
 */
export function latencyOverPctBy(
  table: SessionTable,
  dimension: ExperienceDimension | 'user',
  thresholdMs: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of experienceBreakdown(table, dimension, [thresholdMs]).groups) {
    const pct = g.overPct[0];
    if (pct !== null && pct !== undefined) out[g.key] = pct;
  }
  return out;
}

/** The change of a group's last month against the month before (null with fewer than two months). */
export function monthOverMonth(
  group: ExperienceGroup,
): { month: string; previous: string; last: ExperienceFigures; before: ExperienceFigures } | null {
  const n = group.months.length;
  if (n < 2) return null;
  const last = group.months[n - 1]!;
  const before = group.months[n - 2]!;
  return { month: last.month, previous: before.month, last: last.figures, before: before.figures };
}

/**
 * The worst users: by their 95th-percentile latency (ties: more sessions over the highest
 * threshold first), among users with at least `minSessions` sessions with a known latency.
 */
export function worstUsers(breakdown: ExperienceBreakdown, count = 20, minSessions = 5): ExperienceGroup[] {
  const high = breakdown.thresholdsMs.length - 1;
  return breakdown.groups
    .filter((g) => g.latencySessions >= minSessions && g.p95Latency !== null)
    .sort((a, b) => b.p95Latency! - a.p95Latency! || b.over[high]! - a.over[high]! || (a.key < b.key ? -1 : 1))
    .slice(0, Math.max(0, count));
}
