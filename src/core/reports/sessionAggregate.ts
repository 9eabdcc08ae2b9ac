/**
 * One-pass aggregation of session records for the reports view. Memory grows with distinct keys
 * (days, users, applications, countries, regions) and value ranges, never with the row count.
 *
 * Days are calendar days of the session start in **UTC** (reports carry UTC start times; this is
 * unlike usage, whose days are PST as the API returns them). Hours are session_duration / 3600.
 * Quantiles come from `QuantileSketch` (relative error ≤ `relativeAccuracy`, 0.5% by default).
 */
import type { SessionRecord } from './columns';
import type { DayStat, DurationStats, KeyStat, SessionAggregate, TopList } from './aggregateTypes';
import { QuantileSketch, percentilesOf } from './stats';
import { utcDay } from './values';

export type { DayStat, DurationStats, KeyStat, SessionAggregate, TopList };

const DAY_MS = 86_400_000;

export interface SessionAggregateOptions {
  /** Length of each top list. Default 10. */
  topN?: number;
  /** Quantile relative accuracy. Default 0.005. */
  relativeAccuracy?: number;
}

interface Counter {
  sessions: number;
  seconds: number;
}

/**
 * A copy of `s` that does not share memory with the text it was cut from. Field values are V8
 * "sliced strings" that keep their whole source chunk alive; a map key kept for the life of the
 * aggregation must not pin a 64 KB chunk per distinct user.
 */
function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

class KeyCounter {
  private readonly map = new Map<string, Counter>();

  add(key: string, seconds: number): void {
    const c = this.map.get(key);
    if (c) {
      c.sessions++;
      c.seconds += seconds;
    } else {
      this.map.set(detach(key), { sessions: 1, seconds });
    }
  }

  get size(): number {
    return this.map.size;
  }

  top(n: number): TopList {
    const all: KeyStat[] = [];
    for (const [key, c] of this.map) all.push({ key, sessions: c.sessions, hours: c.seconds / 3600 });
    all.sort((a, b) => b.sessions - a.sessions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { distinct: this.map.size, top: all.slice(0, n) };
  }
}

export class SessionAggregator {
  private sessions = 0;
  private undated = 0;
  private firstStart = Infinity;
  private lastStart = -Infinity;
  private totalSeconds = 0;
  /** Keyed by day number since the epoch (UTC): cheaper than formatting a string per row. */
  private readonly days = new Map<number, Counter>();
  private readonly durations: QuantileSketch;
  private readonly latency: QuantileSketch;
  private readonly bandwidth: QuantileSketch;
  private readonly framerate: QuantileSketch;
  private readonly applications = new KeyCounter();
  private readonly users = new KeyCounter();
  private readonly countries = new KeyCounter();
  private readonly regions = new KeyCounter();
  private readonly topN: number;

  constructor(options: SessionAggregateOptions = {}) {
    this.topN = options.topN ?? 10;
    const a = options.relativeAccuracy ?? 0.005;
    this.durations = new QuantileSketch(a);
    this.latency = new QuantileSketch(a);
    this.bandwidth = new QuantileSketch(a);
    this.framerate = new QuantileSketch(a);
  }

  add(r: SessionRecord): void {
    this.sessions++;
    const seconds = r.durationSeconds ?? 0;
    if (r.durationSeconds !== null) {
      this.totalSeconds += seconds;
      this.durations.add(seconds);
    }
    if (r.startTime === null) {
      this.undated++;
    } else {
      if (r.startTime < this.firstStart) this.firstStart = r.startTime;
      if (r.startTime > this.lastStart) this.lastStart = r.startTime;
      const day = Math.floor(r.startTime / DAY_MS);
      const c = this.days.get(day);
      if (c) {
        c.sessions++;
        c.seconds += seconds;
      } else {
        this.days.set(day, { sessions: 1, seconds });
      }
    }
    if (r.avgLatency !== null) this.latency.add(r.avgLatency);
    if (r.avgBandwidth !== null) this.bandwidth.add(r.avgBandwidth);
    if (r.avgFramerate !== null) this.framerate.add(r.avgFramerate);
    this.applications.add(r.application, seconds);
    this.users.add(r.username, seconds);
    this.countries.add(r.country, seconds);
    this.regions.add(r.region, seconds);
  }

  result(): SessionAggregate {
    const byDay = [...this.days.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([d, c]): DayStat => ({ day: utcDay(d * DAY_MS), sessions: c.sessions, hours: c.seconds / 3600 }));
    const d = this.durations;
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
      uniqueUsers: this.users.size,
      applications: this.applications.top(this.topN),
      users: this.users.top(this.topN),
      countries: this.countries.top(this.topN),
      regions: this.regions.top(this.topN),
      quality: {
        latencyMs: percentilesOf(this.latency),
        bandwidthMbps: percentilesOf(this.bandwidth),
        framerateFps: percentilesOf(this.framerate),
      },
    };
  }
}

/** Aggregates records already in memory. */
export function aggregateSessions(records: Iterable<SessionRecord>, options?: SessionAggregateOptions): SessionAggregate {
  const agg = new SessionAggregator(options);
  for (const r of records) agg.add(r);
  return agg.result();
}
