/**
 * The aggregates every implementation must agree on, in one comparable JSON shape (the pandas
 * script prints the same shape), and the comparison itself.
 */
import type { SessionAggregate, TopList } from '../src/core/reports';

export interface BenchSummary {
  sessions: number;
  undated: number;
  totalSeconds: number;
  uniqueUsers: number;
  /** day → [sessions, seconds] */
  days: Record<string, [number, number]>;
  top: Record<'applications' | 'users' | 'countries' | 'regions', { key: string; sessions: number; seconds: number }[]>;
  /** name → value; percentiles are approximate in our implementation (sketch, 0.5%). */
  quantiles: Record<string, number | null>;
}

function top(t: TopList): BenchSummary['top']['applications'] {
  return t.top.map((k) => ({ key: k.key, sessions: k.sessions, seconds: k.hours * 3600 }));
}

export function summarize(a: SessionAggregate): BenchSummary {
  const q = a.quality;
  return {
    sessions: a.sessions,
    undated: a.undated,
    totalSeconds: a.duration.totalSeconds,
    uniqueUsers: a.uniqueUsers,
    days: Object.fromEntries(a.byDay.map((d) => [d.day, [d.sessions, d.hours * 3600]])),
    top: { applications: top(a.applications), users: top(a.users), countries: top(a.countries), regions: top(a.regions) },
    quantiles: {
      duration_mean: a.duration.meanSeconds,
      duration_p50: a.duration.medianSeconds,
      duration_p95: a.duration.p95Seconds,
      latency_p50: q.latencyMs.p50,
      latency_p90: q.latencyMs.p90,
      latency_p95: q.latencyMs.p95,
      latency_p99: q.latencyMs.p99,
      bandwidth_p50: q.bandwidthMbps.p50,
      bandwidth_p90: q.bandwidthMbps.p90,
      bandwidth_p95: q.bandwidthMbps.p95,
      bandwidth_p99: q.bandwidthMbps.p99,
      framerate_p50: q.framerateFps.p50,
      framerate_p90: q.framerateFps.p90,
      framerate_p95: q.framerateFps.p95,
      framerate_p99: q.framerateFps.p99,
    },
  };
}

function close(a: number, b: number, rel: number): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-9);
}

/**
 * Differences between two summaries (empty when they agree). Counts and keys must match exactly;
 * sums to 1e-9 relative (summation order differs); quantiles to `quantileTolerance` relative.
 */
export function compareSummaries(a: BenchSummary, b: BenchSummary, quantileTolerance: number): string[] {
  const diffs: string[] = [];
  for (const k of ['sessions', 'undated', 'uniqueUsers'] as const) if (a[k] !== b[k]) diffs.push(`${k}: ${a[k]} vs ${b[k]}`);
  if (!close(a.totalSeconds, b.totalSeconds, 1e-9)) diffs.push(`totalSeconds: ${a.totalSeconds} vs ${b.totalSeconds}`);
  const days = new Set([...Object.keys(a.days), ...Object.keys(b.days)]);
  for (const d of days) {
    const x = a.days[d];
    const y = b.days[d];
    if (!x || !y || x[0] !== y[0] || !close(x[1], y[1], 1e-9)) diffs.push(`day ${d}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
  }
  for (const list of ['applications', 'users', 'countries', 'regions'] as const) {
    const x = a.top[list];
    const y = b.top[list];
    if (x.length !== y.length) diffs.push(`top ${list}: ${x.length} vs ${y.length} entries`);
    x.forEach((e, i) => {
      const f = y[i];
      if (!f || f.key !== e.key || f.sessions !== e.sessions || !close(f.seconds, e.seconds, 1e-9)) {
        diffs.push(`top ${list}[${i}]: ${JSON.stringify(e)} vs ${JSON.stringify(f)}`);
      }
    });
  }
  for (const [k, v] of Object.entries(a.quantiles)) {
    const w = b.quantiles[k];
    if (v === null || w === null || w === undefined ? v !== w : !close(v, w, quantileTolerance)) diffs.push(`${k}: ${v} vs ${w}`);
  }
  return diffs;
}
