/** Usage date ranges. Days are Pacific-time calendar days (yyyy-MM-dd), handled as plain dates. */
import type { UsagePreset } from '../../src/protocol/reports';

export const PRESETS: { id: UsagePreset; label: string }[] = [
  { id: 'last7', label: 'Last 7 days' },
  { id: 'last30', label: 'Last 30 days' },
  { id: 'last90', label: 'Last 90 days' },
  { id: 'thisMonth', label: 'This month' },
  { id: 'lastMonth', label: 'Last month' },
  { id: 'custom', label: 'Custom range' },
];

const DAY_MS = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(s: unknown): s is string {
  return typeof s === 'string' && DAY_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

// Calendar arithmetic in UTC so no local time zone or DST shift can move a day.
function toMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}
function toDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return toDay(toMs(day) + n * DAY_MS);
}

/** The inclusive range of a preset, relative to today (Pacific). Custom keeps its own dates. */
export function presetRange(preset: Exclude<UsagePreset, 'custom'>, today: string): { from: string; to: string } {
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'lastMonth': {
      const firstThis = `${today.slice(0, 7)}-01`;
      const lastPrev = addDays(firstThis, -1);
      return { from: `${lastPrev.slice(0, 7)}-01`, to: lastPrev };
    }
  }
}

/** Every day from `from` to `to` inclusive (for charts: days without usage still get a slot). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = toMs(to);
  for (let t = toMs(from); t <= end && out.length < 4000; t += DAY_MS) out.push(toDay(t));
  return out;
}

/** A yyyy-MM-dd day as uPlot's x value (seconds, UTC midnight; the chart formats x in UTC). */
export function dayToX(day: string): number {
  return toMs(day) / 1000;
}
