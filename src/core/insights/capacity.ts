/**
 * Capacity figures of a session table, per `system_type` and for all sessions ("*"), in three
 * passes over the table's columns and one sweep over its events, bucketed by minute.
 *
 * Definitions (all on the report's own clock, see clock.ts; times are the table's epoch ms):
 * - A session occupies [start, start + session_duration). Durations are the table's float32
 *   seconds taken to the millisecond (whole seconds, what Frame writes, are exact up to 194 days).
 *   A session ending at t does not overlap one starting at t (at an instant, ends come first).
 * - Sessions without a start time are left out of every figure (`counts.noStart`). Sessions with an
 *   empty (unknown) or zero duration count as starts (arrivals, starts heatmap) but occupy nothing:
 *   no concurrency, no session hours, never "waited" (`counts.unknownDuration`, `zeroDuration`).
 * - Every session ends at the latest `horizonDays` (default 31) after the last start of the table:
 *   a longer one is a broken row, and it would otherwise stretch the timeline over years
 *   (`counts.clampedSessions`). Session hours use the same clamped end.
 * - Peak concurrency: the exact maximum number of sessions open at one instant (a sweep over every
 *   start and end, not a sample); `peakAt`: the first instant it is reached.
 * - Timeline: per minute [m, m + 60 s) of the report clock, the most sessions open at any instant
 *   in it, from the first start's minute to the last (clamped) end's minute.
 * - 95th-percentile concurrency: nearest rank (the ⌈0.95·n⌉-th smallest) of the timeline's values
 *   over every minute of the timeline, idle minutes included.
 * - 2-minute arrivals: session starts per clock-aligned bucket floor(epoch seconds / 120); the
 *   maximum and the first bucket (its start) that holds it.
 * - Busy hours of a key: clock hours floor(epoch seconds / 3600) with at least half as many starts
 *   of that key as its busiest hour (BUSY_HOUR_SHARE; "an hour with a start" made one stray
 *   login at 3 a.m. a busy hour, and the buffer 1 on any real pool). The 95th percentile of 2-minute arrivals is the nearest rank over the 30 buckets of every busy
 *   hour (empty buckets included); `medianConcurrencyBusy` is the nearest-rank median of the
 *   timeline over the minutes of the busy hours.
 * - Session hours per day: each session split at the report clock's midnights, so one longer than
 *   a day adds to every day it spans.
 * - Starts heatmap: starts per ISO weekday (1 = Monday) × hour of the start. Concurrency heatmap:
 *   per weekday × hour, the max and the mean of the timeline over the minutes in that cell.
 * - Waited at max = M: replaying history without a queue, sessions admitted one by one in start
 *   order (ties at an instant in any order: the count does not depend on it), a session waits when
 *   M sessions of its key are already open as it starts (it would be the (M+1)-th). Sessions that
 *   started at the same instant count each other as already open, one after the other.
 *
 * Memory: 4 bytes per start and per end for the sweep (freed after), plus a few arrays per minute,
 * per 2 minutes and per day for each key.
 */
import * as l10n from '@vscode/l10n';
import { FrameError } from '../errors';
import { fromFloat32, type SessionTable } from '../reports/sessionTable';
import { DAY_MS, HOUR_MS, MINUTE_MS, TWO_MINUTES_MS, clockDay, hourOfDay, isoWeekday } from './clock';
import { BUSY_HOUR_SHARE } from './busyHours';
import { MAX_TYPES, eventLayout, histogramOf, histogramQuantile, sweep } from './sweep';

/** Key of the figures over every session. */
export const ALL = '*';
const WEEK_CELLS = 7 * 24;

export interface CapacityOptions {
  /** Sessions end at the latest this many days after the last start. Default 31. */
  horizonDays?: number;
}

/** The figures of one key (a `system_type`, or "*" for all). */
export interface KeyCapacity {
  key: string;
  /** Sessions with a start time. */
  sessions: number;
  peakConcurrency: number;
  /** First instant of the peak (report-clock epoch ms); null without any session that occupies time. */
  peakAt: number | null;
  p95Concurrency: number;
  maxArrivals2min: number;
  /** Start of the first 2-minute bucket with the most starts; null without starts. */
  maxArrivalsAt: number | null;
  p95Arrivals2minBusy: number;
  busyHours: number;
  medianConcurrencyBusy: number;
  sessionHours: number;
}

export interface CapacityCounts {
  rows: number;
  noStart: number;
  unknownDuration: number;
  zeroDuration: number;
  clampedSessions: number;
}

interface KeySeries {
  figures: KeyCapacity;
  /** Per timeline minute, the most sessions open. */
  timeline: Int32Array;
  /** admitted[c] = starts that were the c-th open session of the key as they started. */
  admitted: Int32Array;
  hoursByDay: Float64Array;
  starts: Float64Array;
  concurrencyMax: Int32Array;
  concurrencyMean: Float64Array;
}

export class CapacityInsights {
  private readonly byKey: Map<string, KeySeries>;

  constructor(
    /** "*" first, then the system types in name order. */
    readonly keys: readonly string[],
    series: readonly KeySeries[],
    /** Report-clock ms of the timeline's first minute (NaN when the table has no start). */
    readonly firstMinute: number,
    /** Report-clock ms of the first day of `sessionHoursByDay`. */
    readonly firstDay: number,
    readonly counts: CapacityCounts,
  ) {
    this.byKey = new Map(series.map((s) => [s.figures.key, s]));
  }

  figures(key: string): KeyCapacity {
    return this.series(key).figures;
  }

  /** Most sessions open per minute, from `firstMinute`. */
  timeline(key: string): Int32Array {
    return this.series(key).timeline;
  }

  /** Sessions of `key` that would have waited with at most `max` instances (see the module's definition). */
  waitedAt(key: string, max: number): number {
    const admitted = this.series(key).admitted;
    const m = Math.max(0, Math.floor(max));
    let n = 0;
    for (let c = m + 1; c < admitted.length; c++) n += admitted[c]!;
    return n;
  }

  /** Session hours of each day (yyyy-MM-dd) with any, in day order. */
  sessionHoursByDay(key: string): { day: string; hours: number }[] {
    const hours = this.series(key).hoursByDay;
    const out: { day: string; hours: number }[] = [];
    hours.forEach((h, d) => {
      if (h > 0) out.push({ day: clockDay(this.firstDay + d * DAY_MS), hours: h });
    });
    return out;
  }

  /** Starts per cell (weekday - 1) × 24 + hour. */
  startsHeatmap(key: string): Float64Array {
    return this.series(key).starts;
  }

  /** Per cell (weekday - 1) × 24 + hour, the max and the mean of the timeline's minutes in it. */
  concurrencyHeatmap(key: string): { max: Int32Array; mean: Float64Array } {
    const s = this.series(key);
    return { max: s.concurrencyMax, mean: s.concurrencyMean };
  }

  private series(key: string): KeySeries {
    const s = this.byKey.get(key);
    if (!s) throw new FrameError('invalid-request', l10n.t('No sessions of system type "{0}" in these reports.', key));
    return s;
  }
}

/** Milliseconds a session lasts, from the table's float32 seconds (NaN when unknown). */
function durationMs(seconds: number): number {
  return Number.isInteger(seconds) ? seconds * 1000 : Math.round(fromFloat32(seconds) * 1000);
}

export function computeCapacity(table: SessionTable, options: CapacityOptions = {}): CapacityInsights {
  const horizonDays = options.horizonDays ?? 31;
  const types = table.dictionaries.systemType;
  const counts: CapacityCounts = { rows: table.size, noStart: 0, unknownDuration: 0, zeroDuration: 0, clampedSessions: 0 };

  // Pass 0: the range of starts, and the system types that have any.
  const { minStart, maxStart, present } = startsRange(table);
  const typeIds = [...types.keys()]
    .filter((id) => present[id])
    .sort((a, b) => (types[a]! < types[b]! ? -1 : types[a]! > types[b]! ? 1 : 0));
  if (typeIds.length > MAX_TYPES) {
    throw new FrameError(
      'bad-report',
      l10n.t('These reports name {0} system types; capacity figures handle at most {1}.', typeIds.length, MAX_TYPES),
    );
  }
  // Key 0 is "*"; each system type present gets 1, 2, … in name order.
  const keys = [ALL, ...typeIds.map((id) => types[id]!)];
  const nKeys = keys.length;
  const any = minStart <= maxStart;
  const horizon = maxStart + horizonDays * DAY_MS;
  const firstHour = any ? Math.floor(minStart / HOUR_MS) : 0;
  const hours = any ? Math.floor(maxStart / HOUR_MS) - firstHour + 1 : 0;
  const firstTwo = firstHour * 30;
  const firstMinute = any ? Math.floor(minStart / MINUTE_MS) : 0;
  const firstDay = any ? Math.floor(minStart / DAY_MS) : 0;

  // Pass 1: starts per 2 minutes (key-interleaved: [bucket × nKeys + key]), events per bucket of
  // the sweep (see eventLayout; up to the horizon), the latest (clamped) end.
  const { keyBits, bucketMinutes } = eventLayout(nKeys);
  const bucketMs = bucketMinutes * MINUTE_MS;
  const firstBucket = Math.floor(firstMinute / bucketMinutes);
  const arrivals = new Int32Array(hours * 30 * nKeys);
  const bucketStart = new Uint32Array(any ? Math.floor(horizon / bucketMs) - firstBucket + 2 : 1);
  const sessions = new Float64Array(nKeys);
  let maxEnd = maxStart;
  const keyMaps = table.parts.map((p) => {
    const keyOfType = new Uint16Array(types.length);
    typeIds.forEach((id, i) => (keyOfType[id] = i + 1));
    return Uint16Array.from(p.remap.systemType, (id) => keyOfType[id]!);
  });
  table.parts.forEach((p, pi) => {
    const { start, duration } = p.columns;
    const ids = p.columns.systemType;
    const keyOf = keyMaps[pi]!;
    for (let r = 0; r < p.rows; r++) {
      const s = start[r]!;
      if (s !== s) {
        counts.noStart++;
        continue;
      }
      const k = keyOf[ids[r]!]!;
      sessions[k]!++;
      const b = (Math.floor(s / TWO_MINUTES_MS) - firstTwo) * nKeys;
      arrivals[b]!++;
      arrivals[b + k]!++;
      const d = duration[r]!;
      if (!(d > 0)) {
        if (d !== d) counts.unknownDuration++;
        else counts.zeroDuration++;
        continue;
      }
      let e = s + durationMs(d);
      if (e > horizon) {
        e = horizon;
        counts.clampedSessions++;
      }
      if (e > maxEnd) maxEnd = e;
      bucketStart[Math.floor(s / bucketMs) - firstBucket]!++;
      bucketStart[Math.floor(e / bucketMs) - firstBucket]!++;
    }
  });
  sessions[0] = table.size - counts.noStart;
  const minutes = any ? Math.max(Math.floor(maxStart / MINUTE_MS), Math.floor((maxEnd - 1) / MINUTE_MS)) - firstMinute + 1 : 0;
  // Counts → where each bucket's events start (an end after the timeline's last minute is placed
  // but not swept).
  let total = 0;
  for (let b = 0; b < bucketStart.length; b++) {
    const c = bucketStart[b]!;
    bucketStart[b] = total;
    total += c;
  }

  // Pass 2: the events, placed by bucket. An event is (offset in its bucket in ms × 2 + 1 for a
  // start) × 2^keyBits + key: sorted as numbers, a bucket's events come in time order, ends first.
  const days = minutes > 0 ? Math.floor((firstMinute + minutes - 1) / 1440) - firstDay + 1 : 0;
  const layout = { keyBits, bucketMinutes, firstBucketMinute: firstBucket * bucketMinutes };
  const { events, hoursByDay } = placeEvents(table, keyMaps, bucketStart, {
    ...layout,
    firstBucket,
    horizon,
    total,
    firstDay,
    days,
    nKeys,
  });

  // The sweep, bucket by bucket, minute by minute.
  const buckets = minutes > 0 ? Math.floor((firstMinute + minutes - 1) / bucketMinutes) - firstBucket + 1 : 0;
  const swept = sweep(events, bucketStart.subarray(0, buckets + 1), layout, firstMinute, minutes, nKeys);
  const { peak, peakAt, timeline, admitted, stride } = swept;
  // Per key: percentiles, busy hours, heatmaps.
  const clock: ClockRange = { firstHour, hours, firstTwo, firstMinute, minutes, nKeys };
  const series: KeySeries[] = keys.map((key, k) => {
    const line = timeline[k]!;
    const busy = busyHourFigures(arrivals, line, peak[k]!, k, clock);
    const perMinute = [new Float64Array(peak[k]! + 1)];
    histogramOf(line, 0, minutes, perMinute, 0);
    const hoursOfDays = hoursByDay[k]!;
    return {
      figures: {
        key,
        sessions: sessions[k]!,
        peakConcurrency: peak[k]!,
        peakAt: Number.isNaN(peakAt[k]!) ? null : peakAt[k]!,
        p95Concurrency: histogramQuantile(perMinute[0]!, 0.95),
        maxArrivals2min: busy.maxArrivals,
        maxArrivalsAt: busy.maxArrivalsAt,
        p95Arrivals2minBusy: histogramQuantile(busy.arrivals, 0.95),
        busyHours: busy.hours,
        medianConcurrencyBusy: histogramQuantile(busy.minutes, 0.5),
        sessionHours: hoursOfDays.reduce((a, b) => a + b, 0),
      },
      timeline: line,
      admitted: admitted.slice(k * stride, (k + 1) * stride),
      hoursByDay: hoursOfDays,
      starts: busy.starts,
      ...concurrencyByWeekHour(line, firstMinute, minutes),
    };
  });
  return new CapacityInsights(keys, series, any ? firstMinute * MINUTE_MS : NaN, firstDay * DAY_MS, counts);
}

/** The earliest and latest start of the table, and which system types (dictionary ids) have a start. */
function startsRange(table: SessionTable) {
  const present = new Uint8Array(table.dictionaries.systemType.length);
  let minStart = Infinity;
  let maxStart = -Infinity;
  for (const p of table.parts) {
    const { start } = p.columns;
    const ids = p.columns.systemType;
    const remap = p.remap.systemType;
    const seen = new Uint8Array(remap.length); // the part's own ids, mapped to the table's after
    for (let r = 0; r < p.rows; r++) {
      const s = start[r]!;
      if (s !== s) continue;
      if (s < minStart) minStart = s;
      if (s > maxStart) maxStart = s;
      seen[ids[r]!] = 1;
    }
    seen.forEach((y, id) => {
      if (y) present[remap[id]!] = 1;
    });
  }
  return { minStart, maxStart, present };
}

/**
 * The sweep's events placed by bucket (`bucketStart`: where each bucket's events begin; see
 * eventLayout). An event is (offset in its bucket in ms × 2 + 1 for a start) × 2^keyBits + key:
 * sorted as numbers, a bucket's events come in time order, ends first. With them, the session
 * hours of each day per key: each session's ms in each day it spans, added up as exact integers,
 * divided once per day.
 */
function placeEvents(
  table: SessionTable,
  keyMaps: readonly Uint16Array[],
  bucketStart: Uint32Array,
  range: {
    keyBits: number;
    bucketMinutes: number;
    firstBucket: number;
    horizon: number;
    total: number;
    firstDay: number;
    days: number;
    nKeys: number;
  },
): { events: Int32Array; hoursByDay: Float64Array[] } {
  const { keyBits, firstBucket, horizon, firstDay, nKeys } = range;
  const bucketMs = range.bucketMinutes * MINUTE_MS;
  const events = new Int32Array(range.total);
  const fill = bucketStart.slice();
  // Key-interleaved: [day × nKeys + key], in ms.
  const ms = new Float64Array(range.days * nKeys);
  table.parts.forEach((p, pi) => {
    const { start, duration } = p.columns;
    const ids = p.columns.systemType;
    const keyOf = keyMaps[pi]!;
    for (let r = 0; r < p.rows; r++) {
      const s = start[r]!;
      const d = duration[r]!;
      if (s !== s || !(d > 0)) continue;
      const k = keyOf[ids[r]!]!;
      const e = Math.min(s + durationMs(d), horizon);
      const bs = Math.floor(s / bucketMs);
      events[fill[bs - firstBucket]!++] = (((s - bs * bucketMs) * 2 + 1) << keyBits) | k;
      const be = Math.floor(e / bucketMs);
      events[fill[be - firstBucket]!++] = (((e - be * bucketMs) * 2) << keyBits) | k;
      if (e <= s) continue;
      let day = Math.floor(s / DAY_MS);
      const lastDay = Math.floor((e - 1) / DAY_MS);
      let from = s;
      for (; day < lastDay; day++) {
        const to = (day + 1) * DAY_MS;
        const at = (day - firstDay) * nKeys;
        ms[at]! += to - from;
        ms[at + k]! += to - from;
        from = to;
      }
      const at = (day - firstDay) * nKeys;
      ms[at]! += e - from;
      ms[at + k]! += e - from;
    }
  });
  const hoursByDay = Array.from({ length: nKeys }, (_, k) =>
    Float64Array.from({ length: range.days }, (_, d) => ms[d * nKeys + k]! / HOUR_MS),
  );
  return { events, hoursByDay };
}

/** Where the clock-aligned series of computeCapacity start, and their lengths. */
interface ClockRange {
  firstHour: number;
  hours: number;
  firstTwo: number;
  firstMinute: number;
  minutes: number;
  nKeys: number;
}

/**
 * One key's figures over its busy hours (see BUSY_HOUR_SHARE): the most 2-minute arrivals and
 * when, histograms of the busy hours' 2-minute arrivals and of their minutes' concurrency, and the
 * starts per weekday × hour. `arrivals` is key-interleaved: [bucket × nKeys + key].
 */
function busyHourFigures(arrivals: Int32Array, line: Int32Array, peak: number, k: number, c: ClockRange) {
  const busyArrivals = [new Float64Array(16)];
  const busyMinutes = [new Float64Array(peak + 1)];
  const starts = new Float64Array(WEEK_CELLS);
  let maxArrivals = 0;
  let maxArrivalsAt: number | null = null;
  // First the starts of every hour (and the busiest 2 minutes), then the busy hours' figures.
  const perHour = new Int32Array(c.hours);
  let busiestHour = 0;
  for (let h = 0; h < c.hours; h++) {
    let n = 0;
    for (let j = 0; j < 30; j++) {
      const a = arrivals[(h * 30 + j) * c.nKeys + k]!;
      n += a;
      if (a > maxArrivals) {
        maxArrivals = a;
        maxArrivalsAt = (c.firstTwo + h * 30 + j) * TWO_MINUTES_MS;
      }
    }
    perHour[h] = n;
    if (n > busiestHour) busiestHour = n;
    if (n > 0) starts[weekHour((c.firstHour + h) * HOUR_MS)]! += n;
  }
  let hours = 0;
  const hourArrivals = new Int32Array(30);
  for (let h = 0; h < c.hours; h++) {
    const n = perHour[h]!;
    if (n === 0 || n < BUSY_HOUR_SHARE * busiestHour) continue;
    hours++;
    for (let j = 0; j < 30; j++) hourArrivals[j] = arrivals[(h * 30 + j) * c.nKeys + k]!;
    histogramOf(hourArrivals, 0, 30, busyArrivals, 0);
    const m0 = (c.firstHour + h) * 60 - c.firstMinute;
    const a = Math.max(0, m0);
    const b = Math.min(c.minutes, m0 + 60);
    histogramOf(line, a, b, busyMinutes, 0);
    busyMinutes[0]![0]! += 60 - (b - a); // the hour's minutes before or after the timeline: none open
  }
  return { hours, maxArrivals, maxArrivalsAt, arrivals: busyArrivals[0]!, minutes: busyMinutes[0]!, starts };
}

/** Concurrency per weekday × hour: the max and the mean of the timeline, an hour of the clock at a time. */
function concurrencyByWeekHour(line: Int32Array, firstMinute: number, minutes: number) {
  const concurrencyMax = new Int32Array(WEEK_CELLS);
  const sum = new Float64Array(WEEK_CELLS);
  const n = new Float64Array(WEEK_CELLS);
  for (let m = 0; m < minutes;) {
    const abs = firstMinute + m;
    const end = Math.min(minutes, m + 60 - (((abs % 60) + 60) % 60));
    const cell = weekHour(abs * MINUTE_MS);
    let max = concurrencyMax[cell]!;
    let total = 0;
    for (let x = m; x < end; x++) {
      const v = line[x]!;
      if (v > max) max = v;
      total += v;
    }
    concurrencyMax[cell] = max;
    sum[cell]! += total;
    n[cell]! += end - m;
    m = end;
  }
  const concurrencyMean = sum.map((s, c) => (n[c]! > 0 ? s / n[c]! : 0));
  return { concurrencyMax, concurrencyMean };
}

/** Cell (weekday - 1) × 24 + hour of a report-clock time. */
function weekHour(ms: number): number {
  return (isoWeekday(ms) - 1) * 24 + hourOfDay(ms);
}

const computed = new WeakMap<SessionTable, CapacityInsights>();

/**
 * The figures of a table with the default options, computed once per table (a table never
 * changes; a new load makes a new one). Asking again is instant: the panel can start this as soon
 * as a load has built its table, so that the Capacity view has its figures when opened.
 */
export function capacityOf(table: SessionTable): CapacityInsights {
  let insights = computed.get(table);
  if (!insights) {
    insights = computeCapacity(table);
    computed.set(table, insights);
  }
  return insights;
}

/**
 * Table row indexes of the sessions of `key` open at some instant of [from, to) (report-clock
 * ms), in table order: what a click on a timeline minute or a heatmap cell filters the table to.
 */
export function sessionsOpenDuring(table: SessionTable, from: number, to: number, key: string = ALL): Uint32Array {
  const out: number[] = [];
  let row = 0;
  for (const p of table.parts) {
    const { start, duration } = p.columns;
    const ids = p.columns.systemType;
    const types = table.dictionaries.systemType;
    const remap = p.remap.systemType;
    for (let r = 0; r < p.rows; r++, row++) {
      const s = start[r]!;
      const d = duration[r]!;
      if (s !== s || !(d > 0) || s >= to || s + durationMs(d) <= from) continue;
      if (key !== ALL && types[remap[ids[r]!]!] !== key) continue;
      out.push(row);
    }
  }
  return Uint32Array.from(out);
}
