/**
 * Shapes of the aggregates the reports view shows, with no code: the webview's protocol imports
 * them, and the webview is type-checked without Node's types.
 */

export interface Percentiles {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
}

export interface KeyStat {
  key: string;
  sessions: number;
  hours: number;
}

export interface TopList {
  /** Distinct keys seen. */
  distinct: number;
  /** The `topN` keys with most sessions (ties: key order). */
  top: KeyStat[];
}

export interface DayStat {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  sessions: number;
  hours: number;
}

export interface DurationStats {
  /** Sessions with a duration. */
  count: number;
  totalSeconds: number;
  meanSeconds: number | null;
  medianSeconds: number | null;
  p95Seconds: number | null;
  minSeconds: number | null;
  maxSeconds: number | null;
}

export interface SessionAggregate {
  sessions: number;
  /** Sessions without a readable start time: in every total, in no day. */
  undated: number;
  firstStart: number | null;
  lastStart: number | null;
  totalHours: number;
  byDay: DayStat[];
  duration: DurationStats;
  uniqueUsers: number;
  applications: TopList;
  users: TopList;
  countries: TopList;
  regions: TopList;
  quality: {
    latencyMs: Percentiles;
    bandwidthMbps: Percentiles;
    framerateFps: Percentiles;
  };
}

export type UsageDimension = 'datacenter' | 'instance_type' | 'server_type';

export interface UsageBreakdown {
  /** Keys by total hours, largest first (ties: key order); the order of `values` below. */
  keys: string[];
  totals: { key: string; hours: number }[];
  /** One entry per day of `hoursByDay`, `values[k]` the hours of `keys[k]` that day (0 if none). */
  series: { day: string; values: number[] }[];
}

export interface UsageAggregate {
  /** Records counted. */
  records: number;
  /** Records left out: no `YYYY-MM-DD` time, or hours that are not a finite number. */
  skipped: number;
  totalHours: number;
  hoursByDay: { day: string; hours: number }[];
  by: Record<UsageDimension, UsageBreakdown>;
}
