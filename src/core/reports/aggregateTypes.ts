/**
 * Shapes of what the reports engine computes (queries, aggregates, results), with no code: the
 * webview's protocol builds on them, and the webview is type-checked without Node's types.
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

/** `account`: the account's name (its id when it has none or shares its name), one key per account read. */
export type UsageDimension = 'datacenter' | 'instance_type' | 'server_type' | 'account';

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

export interface UsageQuery {
  /** yyyy-MM-dd, Pacific time, inclusive. */
  from: string;
  to: string;
  /** This account, or every account of the connection added up. */
  scope: 'account' | 'all';
}

export interface UsageResult {
  query: UsageQuery;
  aggregate: UsageAggregate;
  /** Accounts included (1 for scope "account"). */
  accounts: number;
  /** Accounts of an "all" rollup whose usage could not be read, with why. */
  failedAccounts: { name: string; message: string }[];
}

export interface SessionsQuery {
  /** Monthly reports to include, yyyy-MM. */
  months: string[];
  /** Include the last 24 hours (recent_sessions). */
  recent: boolean;
}

export interface DurationHistogram {
  /** Bin lower edges in minutes; the last bin is open-ended. */
  edgesMinutes: number[];
  counts: number[];
}

export interface SessionsResult {
  query: SessionsQuery;
  aggregate: SessionAggregate;
  histogram: DurationHistogram;
  /** Rows in the table (all sources). */
  rows: number;
  /** Rows that could not be read and were skipped. */
  malformedRows: number;
  /** What was read: key is the month (yyyy-MM) or "recent". */
  sources: { key: string; label: string; rows: number }[];
}
