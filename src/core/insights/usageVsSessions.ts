/**
 * Usage vs sessions (elasticity efficiency): per day and instance type, the hours instances ran
 * (the `usage` endpoint's `hours_used` by `instance_type`) against the hours sessions used them
 * (the report's session hours by `system_type`). The difference is idle or buffer time, the ratio
 * the efficiency.
 *
 * Matching: an instance type and a system type are the same when their names are equal after
 * trimming and ignoring case, or when the caller's `aliases` (instance type → system type, what an
 * admin confirmed) says so. Nothing else is guessed: types on one side only are listed as
 * unmatched with their hours, and are left out of the rows.
 *
 * Days: usage days are Pacific-time days (the API's documented zone); session days are the report
 * clock's, which Frame does not state. Both are taken as written; hours near midnight may fall on
 * different days on the two sides, which the totals per type do not suffer from. Only days both
 * sides were read for are compared (`compared`): a day outside the usage range is not a day with
 * no instance running, nor a day outside the loaded months one without sessions.
 */
import type { UsageRecord } from '../api';
import type { CapacityInsights } from './capacity';
import { ALL } from './capacity';

export interface UsageSessionRow {
  day: string;
  instanceType: string;
  systemType: string;
  usageHours: number;
  sessionHours: number;
  /** usage − session hours (negative when sessions add up to more than the instances ran). */
  idleHours: number;
  /** session / usage hours; null without usage that day. */
  efficiency: number | null;
}

export interface UsageVsSessions {
  rows: UsageSessionRow[];
  /** Per matched pair, over every day. */
  totals: Omit<UsageSessionRow, 'day'>[];
  unmatchedInstanceTypes: { instanceType: string; usageHours: number }[];
  unmatchedSystemTypes: { systemType: string; sessionHours: number }[];
  /** Usage records without a day, an instance type or a number of hours. */
  skippedUsageRecords: number;
  /** What was left out: days with hours on one side only read (not compared), and their hours. */
  leftOut: { days: number; usageHours: number; sessionHours: number };
}

const norm = (s: string) => s.trim().toLowerCase();

export function usageVsSessions(
  usage: readonly UsageRecord[],
  sessions: CapacityInsights,
  aliases: Readonly<Record<string, string>> = {},
  compared: (day: string) => boolean = () => true,
): UsageVsSessions {
  // instance type → day → hours
  const used = new Map<string, Map<string, number>>();
  const leftOutDays = new Set<string>();
  const leftOut = { days: 0, usageHours: 0, sessionHours: 0 };
  let skipped = 0;
  for (const r of usage) {
    const hours = r.hoursUsed;
    if (!r.day || !r.instanceType || typeof hours !== 'number' || !Number.isFinite(hours)) {
      skipped++;
      continue;
    }
    if (!compared(r.day)) {
      leftOutDays.add(r.day);
      leftOut.usageHours += hours;
      continue;
    }
    let days = used.get(r.instanceType);
    if (!days) used.set(r.instanceType, (days = new Map()));
    days.set(r.day, (days.get(r.day) ?? 0) + hours);
  }
  const systemTypes = sessions.keys.filter((k) => k !== ALL);
  /** A system type's session hours per day, on the compared days only (call once per type: it counts what it leaves out). */
  const sessionHoursByDay = (systemType: string) =>
    sessions.sessionHoursByDay(systemType).filter((d) => {
      if (compared(d.day)) return true;
      leftOutDays.add(d.day);
      leftOut.sessionHours += d.hours;
      return false;
    });
  const byName = new Map(systemTypes.map((t) => [norm(t), t]));
  const aliasOf = new Map(Object.entries(aliases).map(([i, s]) => [norm(i), s]));
  const matched = new Set<string>();
  const rows: UsageSessionRow[] = [];
  const totals: UsageVsSessions['totals'] = [];
  const unmatchedInstanceTypes: UsageVsSessions['unmatchedInstanceTypes'] = [];
  for (const [instanceType, days] of [...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const alias = aliasOf.get(norm(instanceType));
    const systemType = alias !== undefined && systemTypes.includes(alias) ? alias : byName.get(norm(instanceType));
    if (systemType === undefined) {
      unmatchedInstanceTypes.push({ instanceType, usageHours: [...days.values()].reduce((a, b) => a + b, 0) });
      continue;
    }
    matched.add(systemType);
    const sessionDays = new Map(sessionHoursByDay(systemType).map((d) => [d.day, d.hours]));
    const allDays = [...new Set([...days.keys(), ...sessionDays.keys()])].sort();
    let u = 0;
    let s = 0;
    for (const day of allDays) {
      const usageHours = days.get(day) ?? 0;
      const sessionHours = sessionDays.get(day) ?? 0;
      u += usageHours;
      s += sessionHours;
      rows.push(row(day, instanceType, systemType, usageHours, sessionHours));
    }
    const { day: _, ...total } = row('', instanceType, systemType, u, s);
    totals.push(total);
  }
  const unmatchedSystemTypes = systemTypes
    .filter((t) => !matched.has(t))
    .map((systemType) => ({ systemType, sessionHours: sessionHoursByDay(systemType).reduce((n, d) => n + d.hours, 0) }));
  return {
    rows,
    totals,
    unmatchedInstanceTypes,
    unmatchedSystemTypes,
    skippedUsageRecords: skipped,
    leftOut: { ...leftOut, days: leftOutDays.size },
  };
}

function row(day: string, instanceType: string, systemType: string, usageHours: number, sessionHours: number): UsageSessionRow {
  return {
    day,
    instanceType,
    systemType,
    usageHours,
    sessionHours,
    idleHours: usageHours - sessionHours,
    efficiency: usageHours > 0 ? sessionHours / usageHours : null,
  };
}
