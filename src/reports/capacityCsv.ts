/**
 * The Capacity tab's tables as CSV (formula-safe: src/core/csvWriter.ts), what its Export CSV
 * buttons save: every system type's figures and advice, a key's heatmaps, its per-minute timeline
 * and its session hours per day. Times and days are the report's own clock. No vscode.
 */
import { safeFileName } from '../core/api';
import { csvLine, csvNumber, csvText } from '../core/csvWriter';
import { adviseCapacity, formatClock, type CapacityInsights } from '../core/insights';
import { FrameError } from '../core/errors';

import type { CapacityCsvTable } from '../protocol/reports';

/** What a table is called in a file name and a dialog title. */
export const CAPACITY_CSV_TITLES: Record<CapacityCsvTable, string> = {
  figures: 'capacity figures',
  starts: 'session starts by weekday and hour',
  concurrency: 'concurrency by weekday and hour',
  timeline: 'sessions open per minute',
  hoursByDay: 'session hours per day',
};

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const clock = (ms: number | null) => csvText(ms === null ? '' : formatClock(ms));

/** One table of the Capacity tab as CSV text; `key` ("*" or a system type) for the per-key tables. */
export function capacityCsv(insights: CapacityInsights, table: CapacityCsvTable, key: string): string {
  if (!insights.keys.includes(key)) throw new FrameError('invalid-request', `No sessions of system type "${key}" in these reports.`);
  switch (table) {
    case 'figures': {
      const head = csvLine(
        [
          'system_type',
          'sessions',
          'peak_concurrency',
          'peak_at (report clock)',
          'p95_concurrency',
          'max_starts_2min',
          'max_starts_2min_at (report clock)',
          'p95_starts_2min_busy_hours',
          'busy_hours',
          'median_concurrency_busy_hours',
          'session_hours',
          'suggested_min',
          'suggested_buffer',
          'suggested_max',
        ].map(csvText),
      );
      const rows = insights.keys.map((k) => {
        const f = insights.figures(k);
        const a = adviseCapacity(f);
        return csvLine([
          csvText(k === '*' ? '* (all)' : k),
          csvNumber(f.sessions),
          csvNumber(f.peakConcurrency),
          clock(f.peakAt),
          csvNumber(f.p95Concurrency),
          csvNumber(f.maxArrivals2min),
          clock(f.maxArrivalsAt),
          csvNumber(f.p95Arrivals2minBusy),
          csvNumber(f.busyHours),
          csvNumber(f.medianConcurrencyBusy),
          csvNumber(f.sessionHours),
          csvNumber(a.min),
          csvNumber(a.buffer),
          csvNumber(a.max),
        ]);
      });
      return head + rows.join('');
    }
    case 'starts':
    case 'concurrency': {
      const starts = insights.startsHeatmap(key);
      const heat = insights.concurrencyHeatmap(key);
      const head = csvLine(
        ['system_type', 'iso_weekday', 'weekday', 'hour', ...(table === 'starts' ? ['starts'] : ['max_open', 'mean_open'])].map(csvText),
      );
      const rows = Array.from({ length: 7 * 24 }, (_, cell) =>
        csvLine([
          csvText(key),
          csvNumber(Math.floor(cell / 24) + 1),
          csvText(WEEKDAYS[Math.floor(cell / 24)]!),
          csvNumber(cell % 24),
          ...(table === 'starts' ? [csvNumber(starts[cell])] : [csvNumber(heat.max[cell]), csvNumber(heat.mean[cell])]),
        ]),
      );
      return head + rows.join('');
    }
    case 'timeline': {
      const values = insights.timeline(key);
      const lines = [csvLine(['system_type', 'minute (report clock)', 'most_open'].map(csvText))];
      for (let i = 0; i < values.length; i++)
        lines.push(csvLine([csvText(key), clock(insights.firstMinute + i * 60_000), csvNumber(values[i])]));
      return lines.join('');
    }
    case 'hoursByDay': {
      const head = csvLine(['system_type', 'day (report clock)', 'session_hours'].map(csvText));
      return (
        head +
        insights
          .sessionHoursByDay(key)
          .map((d) => csvLine([csvText(key), csvText(d.day), csvNumber(d.hours)]))
          .join('')
      );
    }
  }
}

/** A file name that says whose, which table and which key, e.g. "Acme capacity figures.csv". */
export function capacityFileName(who: string, table: CapacityCsvTable, key: string): string {
  const of = table === 'figures' || key === '*' ? '' : ` (${key})`;
  return `${safeFileName(`${who} ${CAPACITY_CSV_TITLES[table]}${of}`.replace(/[\\/]/g, '_'))}.csv`;
}
