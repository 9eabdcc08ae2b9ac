/**
 * Usage hours (the `usage` endpoint's JSON) aggregated for the reports view in one pass: totals,
 * hours per day, and per day stacked by datacenter / instance type / server type / account.
 * Days are the first 10 characters of `time`, kept as given: the API reports them in PST, and
 * shifting them to another zone would move hours across days.
 */
import type { UsageRecord } from '../api';
import type { UsageAggregate, UsageBreakdown, UsageDimension } from './aggregateTypes';

export type { UsageAggregate, UsageBreakdown, UsageDimension };

export const USAGE_DIMENSIONS: readonly UsageDimension[] = ['datacenter', 'instance_type', 'server_type', 'account'];

const UNKNOWN = '(unknown)';

function dayOf(time: unknown): string | null {
  if (typeof time !== 'string' || time.length < 10) return null;
  const d = time.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
}

function hoursOf(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

function keyOf(v: unknown): string {
  return typeof v === 'string' && v !== '' ? v : UNKNOWN;
}

export class UsageAggregator {
  private records = 0;
  private skipped = 0;
  private total = 0;
  private readonly days = new Map<string, number>();
  /** dimension → key → day → hours */
  private readonly cells = new Map<UsageDimension, Map<string, Map<string, number>>>(USAGE_DIMENSIONS.map((d) => [d, new Map()]));

  /**
   * Takes the client's validated records; a record without a day or hours is counted as skipped.
   * `account` is the label of the account it was read from (the "account" stack).
   */
  add(r: UsageRecord, account?: string): void {
    const day = dayOf(r.time);
    const hours = hoursOf(r.hoursUsed);
    if (day === null || hours === null) {
      this.skipped++;
      return;
    }
    this.records++;
    this.total += hours;
    this.days.set(day, (this.days.get(day) ?? 0) + hours);
    for (const dim of USAGE_DIMENSIONS) {
      const byKey = this.cells.get(dim) as Map<string, Map<string, number>>;
      const key = keyOf(
        dim === 'datacenter' ? r.datacenter : dim === 'instance_type' ? r.instanceType : dim === 'server_type' ? r.serverType : account,
      );
      let byDay = byKey.get(key);
      if (!byDay) byKey.set(key, (byDay = new Map()));
      byDay.set(day, (byDay.get(day) ?? 0) + hours);
    }
  }

  result(): UsageAggregate {
    const days = [...this.days.keys()].sort();
    const by = {} as Record<UsageDimension, UsageBreakdown>;
    for (const dim of USAGE_DIMENSIONS) {
      const byKey = this.cells.get(dim) as Map<string, Map<string, number>>;
      const totals = [...byKey.entries()].map(([key, m]) => ({ key, hours: [...m.values()].reduce((a, b) => a + b, 0) }));
      totals.sort((a, b) => b.hours - a.hours || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const keys = totals.map((t) => t.key);
      by[dim] = {
        keys,
        totals,
        series: days.map((day) => ({ day, values: keys.map((k) => byKey.get(k)?.get(day) ?? 0) })),
      };
    }
    return {
      records: this.records,
      skipped: this.skipped,
      totalHours: this.total,
      hoursByDay: days.map((day) => ({ day, hours: this.days.get(day) ?? 0 })),
      by,
    };
  }
}

export function aggregateUsage(records: Iterable<UsageRecord>): UsageAggregate {
  const agg = new UsageAggregator();
  for (const r of records) agg.add(r);
  return agg.result();
}
