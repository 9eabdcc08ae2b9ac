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
import * as l10n from '@vscode/l10n';
import { FrameError } from '../errors';
import { fromFloat32, type SessionTable } from '../reports/sessionTable';
import type { TableTextColumn } from '../reports/sessionColumns';
import { DAY_MS } from './clock';

/** The columns experience is broken down by, and what the view calls them. */
export const EXPERIENCE_DIMENSIONS = ['region', 'country', 'city', 'application', 'userAgent', 'resolution'] as const;
export type ExperienceDimension = (typeof EXPERIENCE_DIMENSIONS)[number];
/** A dimension's title for people (a function: the strings are read once the display language is configured). */
export function dimensionTitle(dimension: ExperienceDimension | 'user'): string {
  switch (dimension) {
    case 'region':
      return l10n.t('Region');
    case 'country':
      return l10n.t('Country');
    case 'city':
      return l10n.t('City');
    case 'application':
      return l10n.t('Application');
    case 'userAgent':
      return l10n.t('Client (user_agent)');
    case 'resolution':
      return l10n.t('Resolution');
    case 'user':
      return l10n.t('User');
  }
}

import { DEFAULT_LATENCY_THRESHOLDS_MS } from './settings';

export { DEFAULT_LATENCY_THRESHOLDS_MS };

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
  if (!ok.length)
    throw new FrameError('invalid-request', l10n.t('Give at least one latency threshold in milliseconds (for example 100 and 200).'));
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

const BINS = 1 << 16;
const histogram = new Uint32Array(BINS);

/**
 * Nearest-rank quantiles of a[from, from + n), exactly. Report values are mostly whole numbers
 * (latency) or have one or two decimals (frame rate, bandwidth): when every value of the range is
 * k / s for a whole k in [0, 65536) with s = 1, 10 or 100, one counting pass over a histogram of
 * k gives every quantile at once (the histogram walk goes from the smallest k to the largest);
 * otherwise a selection per quantile.
 */
function quantiles(a: Float32Array, from: number, n: number, qs: readonly number[]): (number | null)[] {
  if (n === 0) return qs.map(() => null);
  const to = from + n;
  if (n >= 256) {
    for (const scale of [1, 10, 100]) {
      let lo = BINS;
      let hi = -1;
      let i = from;
      for (; i < to; i++) {
        const v = a[i]!;
        const k = Math.round(v * scale);
        if (!(k >= 0 && k < BINS) || Math.fround(k / scale) !== v) break;
        if (k < lo) lo = k;
        if (k > hi) hi = k;
      }
      if (i < to) continue;
      for (let j = from; j < to; j++) histogram[Math.round(a[j]! * scale)]!++;
      return walk(histogram, lo, hi, n, qs, scale);
    }
  }
  return qs.map((q) => quantile(a, from, n, q));
}

type NumberColumn = 'latency' | 'bandwidth' | 'framerate';
/** Per table and number column: the scale at which every value is a whole bin, and the bins used (null: none). */
const binsCache = new WeakMap<SessionTable, Map<NumberColumn, { scale: number; lo: number; width: number } | null>>();

function binsOf(table: SessionTable, name: NumberColumn): { scale: number; lo: number; width: number } | null {
  let perTable = binsCache.get(table);
  if (!perTable) binsCache.set(table, (perTable = new Map()));
  let info = perTable.get(name);
  if (info !== undefined) return info;
  info = null;
  let scale = 1;
  let lo = Infinity;
  let hi = -1;
  let ok = true;
  for (const p of table.parts) {
    const v = p.columns[name];
    for (let r = 0; ok && r < p.rows; r++) {
      const x = v[r]!;
      if (x !== x) continue;
      if (!(x >= 0 && x < BINS)) ok = false;
      else if ((x | 0) !== x) {
        if (exactOf(10)[Math.round(x * 10)] === x) scale = Math.max(scale, 10);
        else if (Math.round(x * 100) < BINS && exactOf(100)[Math.round(x * 100)] === x) scale = 100;
        else ok = false;
      }
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (ok) {
    const first = hi < 0 ? 0 : Math.round(lo * scale);
    const width = hi < 0 ? 1 : Math.round(hi * scale) - first + 1;
    if (width <= BINS) info = { scale, lo: first, width };
  }
  perTable.set(name, info);
  return info;
}

/**
 * The usual case in one pass over the rows: when every latency, bandwidth and frame rate of the
 * table is a whole bin at one scale (binsOf), each row is counted into its slot's row of bins
 * (bandwidth: its group's, its months are not shown); counts, shares over the thresholds and
 * quantiles all come from the bins. Undefined when the values or the bin tables do not allow it.
 */
function fusedFigures(
  table: SessionTable,
  column: TableTextColumn,
  thresholds: readonly number[],
  monthOf: Int32Array,
  months: number,
): { totals: ExperienceFigures[]; slots: ExperienceFigures[] } | undefined {
  const L = binsOf(table, 'latency');
  const B = binsOf(table, 'bandwidth');
  const F = binsOf(table, 'framerate');
  const S = months + 1;
  const G = table.dictionaries[column].length;
  const K = G * S;
  if (!L || !B || !F || L.width * K > 1 << 24 || F.width * K > 1 << 24 || B.width * G > 1 << 24) return undefined;
  const lat = new Uint32Array(L.width * K);
  const fr = new Uint32Array(F.width * K);
  const bw = new Uint32Array(B.width * G);
  const sessions = new Float64Array(K);
  let i = 0;
  for (const p of table.parts) {
    const ids = p.columns[column];
    const map = p.remap[column];
    const { latency, bandwidth, framerate } = p.columns;
    for (let r = 0; r < p.rows; r++, i++) {
      const m = monthOf[i]!;
      const g = map[ids[r]!]!;
      const k = g * S + (m < 0 ? months : m);
      sessions[k]!++;
      const x = latency[r]!;
      if (x === x) lat[k * L.width + Math.round(x * L.scale) - L.lo]!++;
      const y = framerate[r]!;
      if (y === y) fr[k * F.width + Math.round(y * F.scale) - F.lo]!++;
      const z = bandwidth[r]!;
      if (z === z) bw[g * B.width + Math.round(z * B.scale) - B.lo]!++;
    }
  }
  // A value (b + lo) / scale is over a whole-number threshold T when b + lo > T × scale.
  const cut = thresholds.map((t) => t * L.scale - L.lo);
  const sumOf = (row: Uint32Array) => {
    let n = 0;
    for (let b = 0; b < row.length; b++) n += row[b]!;
    return n;
  };
  const overOf = (row: Uint32Array) =>
    cut.map((c) => {
      let n = 0;
      for (let b = Math.max(0, Math.floor(c) + 1); b < row.length; b++) n += row[b]!;
      return n;
    });
  const pct = (o: number, n: number) => (n > 0 ? (100 * o) / n : null);
  const slots: ExperienceFigures[] = new Array(K);
  const totals: ExperienceFigures[] = new Array(G);
  const latSum = new Uint32Array(L.width);
  const frSum = new Uint32Array(F.width);
  for (let g = 0; g < G; g++) {
    latSum.fill(0);
    frSum.fill(0);
    let groupSessions = 0;
    for (let k = g * S; k < g * S + S; k++) {
      const latRow = lat.subarray(k * L.width, (k + 1) * L.width);
      const frRow = fr.subarray(k * F.width, (k + 1) * F.width);
      groupSessions += sessions[k]!;
      const n = sumOf(latRow);
      const nf = sumOf(frRow);
      if (sessions[k]! > 0) {
        for (let b = 0; b < L.width; b++) latSum[b]! += latRow[b]!;
        for (let b = 0; b < F.width; b++) frSum[b]! += frRow[b]!;
      }
      const over = overOf(latRow);
      const [p50 = null, p95 = null] = walkRow(latRow, n, [0.5, 0.95], L.scale, L.lo);
      slots[k] = {
        sessions: sessions[k]!,
        latencySessions: n,
        over,
        overPct: over.map((o) => pct(o, n)),
        p50Latency: p50,
        p95Latency: p95,
        medianBandwidth: null,
        medianFramerate: walkRow(frRow, nf, [0.5], F.scale, F.lo)[0] ?? null,
      };
    }
    const n = sumOf(latSum);
    const over = overOf(latSum);
    const [p50 = null, p95 = null] = walkRow(latSum, n, [0.5, 0.95], L.scale, L.lo);
    const bwRow = bw.subarray(g * B.width, (g + 1) * B.width);
    totals[g] = {
      sessions: groupSessions,
      latencySessions: n,
      over,
      overPct: over.map((o) => pct(o, n)),
      p50Latency: p50,
      p95Latency: p95,
      medianBandwidth: walkRow(bwRow, sumOf(bwRow), [0.5], B.scale, B.lo)[0] ?? null,
      medianFramerate: walkRow(frSum, sumOf(frSum), [0.5], F.scale, F.lo)[0] ?? null,
    };
  }
  return { totals, slots };
}

/**
 * Every group's figures and every (group, month)'s, in one counting pass and one placing pass per
 * number column. Row i's slot is group × S + month (S = months + 1; the last slot of a group holds
 * its rows without a start), so a group's values lie together across its months: the months'
 * quantiles are selected within their slots first, then the group's over its whole range (a
 * selection only moves values within the range it is given).
 */
function breakdownFigures(
  table: SessionTable,
  column: TableTextColumn,
  thresholds: readonly number[],
  monthOf: Int32Array,
  months: number,
): { totals: ExperienceFigures[]; slots: ExperienceFigures[] } {
  const fused = fusedFigures(table, column, thresholds, monthOf, months);
  if (fused) return fused;
  const S = months + 1;
  const G = table.dictionaries[column].length;
  const K = G * S;
  const slotOf = new Uint32Array(table.size);
  const sessions = new Float64Array(K);
  const counts = { latency: new Float64Array(K), bandwidth: new Float64Array(K), framerate: new Float64Array(K) };
  const over = thresholds.map(() => new Float64Array(K));
  const T = thresholds.length;
  let i = 0;
  for (const p of table.parts) {
    const ids = p.columns[column];
    const map = p.remap[column];
    const { latency, bandwidth, framerate } = p.columns;
    for (let r = 0; r < p.rows; r++, i++) {
      const m = monthOf[i]!;
      const k = map[ids[r]!]! * S + (m < 0 ? months : m);
      slotOf[i] = k;
      sessions[k]!++;
      const x = latency[r]!;
      if (x === x) {
        counts.latency[k]!++;
        for (let t = 0; t < T; t++) if (x > thresholds[t]!) over[t]![k]!++;
      }
      if (bandwidth[r] === bandwidth[r]) counts.bandwidth[k]!++;
      if (framerate[r] === framerate[r]) counts.framerate[k]!++;
    }
  }
  const blank = (): ExperienceFigures => ({
    sessions: 0,
    latencySessions: 0,
    over: [],
    overPct: [],
    p50Latency: null,
    p95Latency: null,
    medianBandwidth: null,
    medianFramerate: null,
  });
  const slots = Array.from({ length: K }, blank);
  const totals = Array.from({ length: G }, blank);
  const pct = (o: number, n: number) => (n > 0 ? (100 * o) / n : null);
  for (let g = 0; g < G; g++) {
    const f = totals[g]!;
    const o = new Array<number>(T).fill(0);
    for (let k = g * S; k < g * S + S; k++) {
      const s = slots[k]!;
      s.sessions = sessions[k]!;
      s.latencySessions = counts.latency[k]!;
      s.over = over.map((a) => a[k]!);
      s.overPct = s.over.map((x) => pct(x, s.latencySessions));
      f.sessions += s.sessions;
      f.latencySessions += s.latencySessions;
      for (let t = 0; t < T; t++) o[t]! += s.over[t]!;
    }
    f.over = o;
    f.overPct = o.map((x) => pct(x, f.latencySessions));
  }
  // For the slow way only (values the counting way cannot take): allocated when first needed.
  let scratch = new Float32Array(0);
  const first = new Float64Array(K + 1);
  const next = new Float64Array(K);
  // Values of one column placed by slot, then each slot's and each group's quantiles selected.
  // Values of one column placed by slot; then, per group, its months' and its own quantiles.
  const place = (name: 'latency' | 'bandwidth' | 'framerate', qs: readonly number[], perMonth: boolean) => {
    if (scratch.length < table.size) scratch = new Float32Array(table.size);
    const n = counts[name];
    first[0] = 0;
    for (let k = 0; k < K; k++) first[k + 1] = first[k]! + n[k]!;
    next.set(first.subarray(0, K));
    let at = 0;
    for (const p of table.parts) {
      const v = p.columns[name];
      for (let r = 0; r < p.rows; r++, at++) {
        const x = v[r]!;
        if (x === x) scratch[next[slotOf[at]!]!++] = x;
      }
    }
    const results: { slots: (number | null)[][]; groups: (number | null)[][] } = { slots: new Array(K), groups: new Array(G) };
    for (let g = 0; g < G; g++) {
      const lo = first[g * S]!;
      const hi = first[g * S + S]!;
      const scale = scaleOf(scratch, lo, hi);
      if (scale === 0) {
        if (perMonth) for (let k = g * S; k < g * S + months; k++) results.slots[k] = quantiles(scratch, first[k]!, n[k]!, qs);
        results.groups[g] = quantiles(scratch, lo, hi - lo, qs);
        continue;
      }
      // One pass: each month's histogram (walked at once) and the group's (walked at the end).
      let gLo = BINS;
      let gHi = -1;
      for (let k = g * S; k < g * S + S; k++) {
        let sLo = BINS;
        let sHi = -1;
        const month = perMonth && k < g * S + months;
        for (let i = first[k]!; i < first[k + 1]!; i++) {
          const bin = Math.round(scratch[i]! * scale);
          groupHistogram[bin]!++;
          if (month) histogram[bin]!++;
          if (bin < sLo) sLo = bin;
          if (bin > sHi) sHi = bin;
        }
        if (month) results.slots[k] = walk(histogram, sLo, sHi, n[k]!, qs, scale);
        if (sLo < gLo) gLo = sLo;
        if (sHi > gHi) gHi = sHi;
      }
      results.groups[g] = walk(groupHistogram, gLo, gHi, hi - lo, qs, scale);
    }
    return results;
  };
  /**
   * The fast way when the column's values are whole bins at one scale and the bins of every slot
   * fit in a table (the usual case): count each row into its slot's row of bins in one pass, no
   * placing; each slot's quantiles from its row, each group's from the sum of its rows.
   */
  const counted = (name: 'latency' | 'bandwidth' | 'framerate', qs: readonly number[], perMonth: boolean) => {
    let scale = 1;
    let lo = BINS * 100;
    let hi = -1;
    for (const p of table.parts) {
      const v = p.columns[name];
      for (let r = 0; r < p.rows; r++) {
        const x = v[r]!;
        if (x !== x) continue;
        if (!(x >= 0 && x < BINS)) return undefined;
        if ((x | 0) !== x) {
          if (exactOf(10)[Math.round(x * 10)] === x) scale = Math.max(scale, 10);
          else if (Math.round(x * 100) < BINS && exactOf(100)[Math.round(x * 100)] === x) scale = 100;
          else return undefined;
        }
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    if (hi < 0)
      return {
        slots: new Array<(number | null)[]>(K).fill(qs.map(() => null)),
        groups: new Array<(number | null)[]>(G).fill(qs.map(() => null)),
      };
    const loBin = Math.round(lo * scale);
    const width = Math.round(hi * scale) - loBin + 1;
    const rowsOf = perMonth ? K : G;
    if (width > BINS || width * rowsOf > 1 << 24) return undefined;
    const bins = new Uint32Array(width * rowsOf);
    let at = 0;
    for (const p of table.parts) {
      const v = p.columns[name];
      for (let r = 0; r < p.rows; r++, at++) {
        const x = v[r]!;
        if (x !== x) continue;
        const row = perMonth ? slotOf[at]! : (slotOf[at]! / S) | 0;
        bins[row * width + Math.round(x * scale) - loBin]!++;
      }
    }
    const n = counts[name];
    const results: { slots: (number | null)[][]; groups: (number | null)[][] } = { slots: new Array(K), groups: new Array(G) };
    const sum = new Uint32Array(width);
    for (let g = 0; g < G; g++) {
      if (!perMonth) {
        let total = 0;
        for (let k = g * S; k < g * S + S; k++) total += n[k]!;
        results.groups[g] = walkRow(bins.subarray(g * width, g * width + width), total, qs, scale, loBin);
        continue;
      }
      let total = 0;
      for (let k = g * S; k < g * S + S; k++) {
        const row = bins.subarray(k * width, k * width + width);
        total += n[k]!;
        if (n[k]! > 0) for (let b = 0; b < width; b++) sum[b]! += row[b]!;
        if (k < g * S + months) results.slots[k] = walkRow(row, n[k]!, qs, scale, loBin);
      }
      results.groups[g] = walkRow(sum, total, qs, scale, loBin);
      sum.fill(0);
    }
    return results;
  };
  const lat = counted('latency', [0.5, 0.95], true) ?? place('latency', [0.5, 0.95], true);
  const bw = counted('bandwidth', [0.5], false) ?? place('bandwidth', [0.5], false);
  const fr = counted('framerate', [0.5], true) ?? place('framerate', [0.5], true);
  for (let g = 0; g < G; g++) {
    const t = totals[g]!;
    [t.p50Latency = null, t.p95Latency = null] = lat.groups[g]!;
    t.medianBandwidth = bw.groups[g]![0] ?? null;
    t.medianFramerate = fr.groups[g]![0] ?? null;
    for (let k = g * S; k < g * S + months; k++) {
      const f = slots[k]!;
      [f.p50Latency = null, f.p95Latency = null] = lat.slots[k]!;
      f.medianFramerate = fr.slots[k]![0] ?? null;
    }
  }
  return { totals, slots };
}

const groupHistogram = new Uint32Array(BINS);
/** fround(k / s) for every bin k, per scale: a lookup where a division would run per value. */
const EXACT: Record<number, Float32Array> = {};
function exactOf(scale: number): Float32Array {
  let t = EXACT[scale];
  if (!t) {
    t = new Float32Array(BINS);
    for (let k = 0; k < BINS; k++) t[k] = k / scale;
    EXACT[scale] = t;
  }
  return t;
}

/** The scale (1, 10 or 100) at which every value of a[from, to) is a whole bin, or 0 (see quantiles). */
function scaleOf(a: Float32Array, from: number, to: number): number {
  let i = from;
  for (; i < to; i++) {
    const v = a[i]!;
    if (!(v >= 0 && v < BINS) || (v | 0) !== v) break;
  }
  if (i === to) return 1;
  for (const scale of [10, 100]) {
    const exact = exactOf(scale);
    let j = from;
    for (; j < to; j++) {
      const v = a[j]!;
      const k = Math.round(v * scale);
      if (!(k >= 0 && k < BINS) || exact[k] !== v) break;
    }
    if (j === to) return scale;
  }
  return 0;
}

/** Nearest-rank quantiles of n values counted in `row` (bin b is the value (b + first) / scale); the row is left as is. */
function walkRow(row: Uint32Array, n: number, qs: readonly number[], scale: number, first: number): (number | null)[] {
  const out: (number | null)[] = qs.map(() => null);
  if (n === 0) return out;
  const ranks = qs.map((q) => Math.max(1, Math.ceil(q * n)));
  let seen = 0;
  let t = 0;
  for (let b = 0; b < row.length && t < ranks.length; b++) {
    seen += row[b]!;
    while (t < ranks.length && ranks[t]! <= seen) out[t++] = fromFloat32(Math.fround((b + first) / scale));
  }
  return out;
}

/** Nearest-rank quantiles from a histogram of n values over bins [lo, hi], which it clears. */
function walk(hist: Uint32Array, lo: number, hi: number, n: number, qs: readonly number[], scale: number): (number | null)[] {
  const out: (number | null)[] = qs.map(() => null);
  if (n === 0) return out;
  const ranks = qs.map((q) => Math.max(1, Math.ceil(q * n)));
  let seen = 0;
  for (let k = lo; k <= hi; k++) {
    const c = hist[k]!;
    if (c === 0) continue;
    hist[k] = 0;
    const before = seen;
    seen += c;
    for (let t = 0; t < ranks.length; t++) if (ranks[t]! > before && ranks[t]! <= seen) out[t] = fromFloat32(Math.fround(k / scale));
  }
  return out;
}

/** Month indexes of a table, computed once per table (every breakdown uses them). */
const monthCache = new WeakMap<SessionTable, { monthOf: Int32Array; months: string[] }>();

/**
 * What every breakdown of a table shares, computed once per table: each row's month and each
 * number column's bins. The panel runs it right after a load; the bench times it on its own.
 */
export function prepareExperience(table: SessionTable): void {
  if (!monthCache.has(table)) monthCache.set(table, monthsOf(table));
  for (const name of ['latency', 'bandwidth', 'framerate'] as const) binsOf(table, name);
}

/** The breakdown of a table by one column (or by user), with each group's months. */
export function experienceBreakdown(
  table: SessionTable,
  dimension: ExperienceDimension | 'user',
  thresholdsMs: readonly number[] = DEFAULT_LATENCY_THRESHOLDS_MS,
): ExperienceBreakdown {
  const thresholds = checkThresholds(thresholdsMs);
  const values = table.dictionaries[dimension];
  let m = monthCache.get(table);
  if (!m) {
    m = monthsOf(table);
    monthCache.set(table, m);
  }
  const { monthOf, months } = m;
  const M = months.length;
  const { totals, slots } = breakdownFigures(table, dimension, thresholds, monthOf, M);
  const out: ExperienceGroup[] = [];
  for (let g = 0; g < values.length; g++) {
    if (totals[g]!.sessions === 0) continue;
    const monthly: ExperienceGroup['months'] = [];
    for (let k = 0; k < M; k++) {
      const f = slots[g * (M + 1) + k]!;
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

/** Table rows (in table order) whose text column is exactly `value`: the sessions behind a group or a user. */
export function rowsWhere(table: SessionTable, column: TableTextColumn, value: string): Uint32Array {
  const id = table.dictionaries[column].indexOf(value);
  if (id < 0) return new Uint32Array(0);
  const out: number[] = [];
  let at = 0;
  for (const p of table.parts) {
    const ids = p.columns[column];
    const map = p.remap[column];
    for (let r = 0; r < p.rows; r++, at++) if (map[ids[r]!] === id) out.push(at);
  }
  return Uint32Array.from(out);
}
