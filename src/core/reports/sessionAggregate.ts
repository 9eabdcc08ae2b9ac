/**
 * Aggregation of sessions for the reports view, in one pass and mergeable: a month (or any part of
 * one) is aggregated where it is parsed, in a worker, into an `AggregateState` keyed by dictionary
 * ids; states of many parts merge into the state of the whole. Memory grows with distinct keys
 * (days, users, applications, countries, regions) and value ranges, never with the row count.
 *
 * Days are calendar days of the session start in **UTC** (reports carry UTC start times; this is
 * unlike usage, whose days are PST as the API returns them). Hours are session_duration / 3600.
 * Quantiles come from `QuantileSketch` (relative error ≤ `relativeAccuracy`, 0.5% by default).
 */
import type { SessionRecord } from './columns';
import type { DayStat, DurationHistogram, DurationStats, KeyStat, SessionAggregate, TopList } from './aggregateTypes';
import { QuantileSketch, percentilesOf, type SketchState } from './stats';
import { utcDay } from './values';

export type { DayStat, DurationStats, KeyStat, SessionAggregate, TopList };

const DAY_MS = 86_400_000;

/** Fixed duration bins (minutes) for the reports view's histogram; the last bin is open-ended. */
export const DURATION_EDGES_MINUTES = [0, 5, 15, 30, 60, 120, 240, 480];

/** Text columns counted per key (top lists, unique users). */
export const KEY_COLUMNS = ['application', 'user', 'country', 'region'] as const;
export type KeyColumn = (typeof KEY_COLUMNS)[number];

export interface SessionAggregateOptions {
  /** Length of each top list. Default 10. */
  topN?: number;
  /** Quantile relative accuracy. Default 0.005. */
  relativeAccuracy?: number;
}

/** An aggregation as plain data (structured-clonable, and what the columnar cache stores). */
export interface AggregateState {
  sessions: number;
  undated: number;
  firstStart: number;
  lastStart: number;
  totalSeconds: number;
  /** Triples: day number (UTC days since the epoch), sessions, seconds. */
  days: Float64Array;
  durations: SketchState;
  latency: SketchState;
  bandwidth: SketchState;
  framerate: SketchState;
  /** Per key column, sessions and seconds by dictionary id. */
  keys: Record<KeyColumn, { sessions: Float64Array; seconds: Float64Array }>;
  /** Counts per DURATION_EDGES_MINUTES bin. */
  histogram: Float64Array;
}

interface DayCounter {
  sessions: number;
  seconds: number;
}

/** Sessions and seconds by dictionary id, in arrays that grow with the ids. */
class IdCounter {
  sessions = new Float64Array(64);
  seconds = new Float64Array(64);

  add(id: number, seconds: number, n = 1): void {
    if (id >= this.sessions.length) this.grow(id);
    this.sessions[id]! += n;
    this.seconds[id]! += seconds;
  }

  private grow(id: number): void {
    const size = Math.max(id + 1, this.sessions.length * 2);
    const s = new Float64Array(size);
    const t = new Float64Array(size);
    s.set(this.sessions);
    t.set(this.seconds);
    this.sessions = s;
    this.seconds = t;
  }
}

function histogramBin(seconds: number): number {
  const m = seconds / 60;
  let bin = DURATION_EDGES_MINUTES.length - 1;
  while (bin > 0 && m < DURATION_EDGES_MINUTES[bin]!) bin--;
  return bin;
}

/** The aggregation itself, over dictionary ids (the hot path of every reader). */
export class SessionAggregateBuilder {
  private sessions = 0;
  private undated = 0;
  private firstStart = Infinity;
  private lastStart = -Infinity;
  private totalSeconds = 0;
  /** Keyed by day number since the epoch (UTC); rows come mostly in time order, so the last day is kept at hand. */
  private readonly days = new Map<number, DayCounter>();
  private lastDay = NaN;
  private lastDayCounter: DayCounter = { sessions: 0, seconds: 0 };
  /** Day number → its counter for the last 64 days met (by day mod 64), before the Map. */
  private readonly slotDay = new Float64Array(64).fill(NaN);
  private readonly slotCounter = new Array<DayCounter | undefined>(64).fill(undefined);
  private durations: QuantileSketch;
  private latency: QuantileSketch;
  private bandwidth: QuantileSketch;
  private framerate: QuantileSketch;
  private readonly keys: Record<KeyColumn, IdCounter> = {
    application: new IdCounter(),
    user: new IdCounter(),
    country: new IdCounter(),
    region: new IdCounter(),
  };
  private readonly histogram = new Float64Array(DURATION_EDGES_MINUTES.length);

  constructor(readonly relativeAccuracy = 0.005) {
    this.durations = new QuantileSketch(relativeAccuracy);
    this.latency = new QuantileSketch(relativeAccuracy);
    this.bandwidth = new QuantileSketch(relativeAccuracy);
    this.framerate = new QuantileSketch(relativeAccuracy);
  }

  /** One session; NaN for an unknown number. */
  add(
    start: number,
    duration: number,
    latency: number,
    bandwidth: number,
    framerate: number,
    application: number,
    user: number,
    country: number,
    region: number,
  ): void {
    this.sessions++;
    let seconds = 0;
    if (duration === duration) {
      seconds = duration;
      this.totalSeconds += duration;
      this.durations.add(duration);
      this.histogram[histogramBin(duration)]!++;
    }
    if (start === start) {
      if (start < this.firstStart) this.firstStart = start;
      if (start > this.lastStart) this.lastStart = start;
      const day = Math.floor(start / DAY_MS);
      let c = this.lastDayCounter;
      if (day !== this.lastDay) {
        // Rows in no order change day every row: a month's days each have a slot of their own here.
        const slot = day & 63;
        if (this.slotDay[slot] === day) {
          c = this.slotCounter[slot]!;
        } else {
          const found = this.days.get(day);
          if (found) c = found;
          else this.days.set(day, (c = { sessions: 0, seconds: 0 }));
          this.slotDay[slot] = day;
          this.slotCounter[slot] = c;
        }
        this.lastDay = day;
        this.lastDayCounter = c;
      }
      c.sessions++;
      c.seconds += seconds;
    } else {
      this.undated++;
    }
    if (latency === latency) this.latency.add(latency);
    if (bandwidth === bandwidth) this.bandwidth.add(bandwidth);
    if (framerate === framerate) this.framerate.add(framerate);
    this.keys.application.add(application, seconds);
    this.keys.user.add(user, seconds);
    this.keys.country.add(country, seconds);
    this.keys.region.add(region, seconds);
  }

  state(): AggregateState {
    const days = new Float64Array(this.days.size * 3);
    let k = 0;
    for (const [day, c] of this.days) {
      days[k++] = day;
      days[k++] = c.sessions;
      days[k++] = c.seconds;
    }
    const keys = {} as AggregateState['keys'];
    for (const col of KEY_COLUMNS) keys[col] = { sessions: this.keys[col].sessions.slice(), seconds: this.keys[col].seconds.slice() };
    return {
      sessions: this.sessions,
      undated: this.undated,
      firstStart: this.firstStart,
      lastStart: this.lastStart,
      totalSeconds: this.totalSeconds,
      days,
      durations: this.durations.state(),
      latency: this.latency.state(),
      bandwidth: this.bandwidth.state(),
      framerate: this.framerate.state(),
      keys,
      histogram: this.histogram.slice(),
    };
  }

  /** Adds the state of another part; `remap[col][id]` is this builder's id for the part's id. */
  merge(s: AggregateState, remap: Record<KeyColumn, ArrayLike<number>>): void {
    this.sessions += s.sessions;
    this.undated += s.undated;
    if (s.firstStart < this.firstStart) this.firstStart = s.firstStart;
    if (s.lastStart > this.lastStart) this.lastStart = s.lastStart;
    this.totalSeconds += s.totalSeconds;
    for (let k = 0; k < s.days.length; k += 3) {
      const day = s.days[k]!;
      const c = this.days.get(day);
      if (c) {
        c.sessions += s.days[k + 1]!;
        c.seconds += s.days[k + 2]!;
      } else {
        this.days.set(day, { sessions: s.days[k + 1]!, seconds: s.days[k + 2]! });
      }
    }
    this.lastDay = NaN;
    this.durations.merge(QuantileSketch.fromState(s.durations));
    this.latency.merge(QuantileSketch.fromState(s.latency));
    this.bandwidth.merge(QuantileSketch.fromState(s.bandwidth));
    this.framerate.merge(QuantileSketch.fromState(s.framerate));
    for (const col of KEY_COLUMNS) {
      const { sessions, seconds } = s.keys[col];
      const map = remap[col];
      for (let id = 0; id < sessions.length && id < map.length; id++) {
        if (sessions[id]! > 0) this.keys[col].add(map[id]!, seconds[id]!, sessions[id]!);
      }
    }
    for (let b = 0; b < this.histogram.length; b++) this.histogram[b]! += s.histogram[b] ?? 0;
  }

  /** The aggregate for the webview; `dictionaries[col][id]` names this builder's ids. */
  result(dictionaries: Record<KeyColumn, readonly string[]>, topN = 10): SessionAggregate {
    const byDay = [...this.days.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([d, c]): DayStat => ({ day: utcDay(d * DAY_MS), sessions: c.sessions, hours: c.seconds / 3600 }));
    const d = this.durations;
    const top = (col: KeyColumn) => topList(this.keys[col], dictionaries[col], topN);
    const users = top('user');
    return {
      sessions: this.sessions,
      undated: this.undated,
      firstStart: this.days.size ? this.firstStart : null,
      lastStart: this.days.size ? this.lastStart : null,
      totalHours: this.totalSeconds / 3600,
      byDay,
      duration: {
        count: d.count,
        totalSeconds: this.totalSeconds,
        meanSeconds: d.mean,
        medianSeconds: d.quantile(0.5),
        p95Seconds: d.quantile(0.95),
        minSeconds: d.count ? d.min : null,
        maxSeconds: d.count ? d.max : null,
      },
      uniqueUsers: users.distinct,
      applications: top('application'),
      users,
      countries: top('country'),
      regions: top('region'),
      quality: {
        latencyMs: percentilesOf(this.latency),
        bandwidthMbps: percentilesOf(this.bandwidth),
        framerateFps: percentilesOf(this.framerate),
      },
    };
  }

  histogramResult(): DurationHistogram {
    return { edgesMinutes: [...DURATION_EDGES_MINUTES], counts: Array.from(this.histogram) };
  }
}

function topList(counter: IdCounter, names: readonly string[], n: number): TopList {
  const all: KeyStat[] = [];
  for (let id = 0; id < counter.sessions.length; id++) {
    const sessions = counter.sessions[id]!;
    if (sessions > 0) all.push({ key: names[id] ?? '', sessions, hours: counter.seconds[id]! / 3600 });
  }
  all.sort((a, b) => b.sessions - a.sessions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { distinct: all.length, top: all.slice(0, n) };
}

/** Interns strings (the record-at-a-time path). */
class StringIds {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(v: string): number {
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(v);
      this.ids.set(v, id);
    }
    return id;
  }
}

/** The aggregation, one `SessionRecord` at a time (records already in memory, tests, the csv-parse oracle). */
export class SessionAggregator {
  private readonly builder: SessionAggregateBuilder;
  private readonly ids: Record<KeyColumn, StringIds> = {
    application: new StringIds(),
    user: new StringIds(),
    country: new StringIds(),
    region: new StringIds(),
  };
  private readonly topN: number;

  constructor(options: SessionAggregateOptions = {}) {
    this.topN = options.topN ?? 10;
    this.builder = new SessionAggregateBuilder(options.relativeAccuracy ?? 0.005);
  }

  add(r: SessionRecord): void {
    const n = (v: number | null) => (v === null ? NaN : v);
    this.builder.add(
      n(r.startTime),
      n(r.durationSeconds),
      n(r.avgLatency),
      n(r.avgBandwidth),
      n(r.avgFramerate),
      this.ids.application.id(r.application),
      this.ids.user.id(r.username),
      this.ids.country.id(r.country),
      this.ids.region.id(r.region),
    );
  }

  result(): SessionAggregate {
    return this.builder.result(
      {
        application: this.ids.application.values,
        user: this.ids.user.values,
        country: this.ids.country.values,
        region: this.ids.region.values,
      },
      this.topN,
    );
  }
}

/** Aggregates records already in memory. */
export function aggregateSessions(records: Iterable<SessionRecord>, options?: SessionAggregateOptions): SessionAggregate {
  const agg = new SessionAggregator(options);
  for (const r of records) agg.add(r);
  return agg.result();
}
