/**
 * The Capacity tab's tables as CSV (formula-safe: src/core/csvWriter.ts), what its Export CSV
 * buttons save: every system type's figures and advice, a key's heatmaps, its per-minute timeline
 * and its session hours per day. Times and days are the report's own clock. No vscode.
 */
import * as l10n from '@vscode/l10n';
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
  if (!insights.keys.includes(key))
    throw new FrameError('invalid-request', l10n.t('No sessions of system type "{0}" in these reports.', key));
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

/** What the user reads about a Capacity table's export: the save dialog's title and, once saved, the confirmation. */
export interface ExportTexts {
  title: string;
  exported: (file: string) => string;
}

/**
 * A Capacity table's export in whole sentences (the CSV titles above stay English: they make file
 * names): `key` a system type, undefined for all of them; `who` the panel's account(s).
 */
export function capacityExportTexts(table: CapacityCsvTable, key: string | undefined, who: string): ExportTexts {
  switch (table) {
    case 'figures':
      return {
        title: l10n.t('Export the capacity figures ({0})', who),
        exported: (file) => l10n.t('Exported the capacity figures ({0}) to "{1}".', who, file),
      };
    case 'starts':
      return key === undefined
        ? {
            title: l10n.t('Export the session starts by weekday and hour ({0})', who),
            exported: (file) => l10n.t('Exported the session starts by weekday and hour ({0}) to "{1}".', who, file),
          }
        : {
            title: l10n.t('Export the session starts by weekday and hour of {0} ({1})', key, who),
            exported: (file) => l10n.t('Exported the session starts by weekday and hour of {0} ({1}) to "{2}".', key, who, file),
          };
    case 'concurrency':
      return key === undefined
        ? {
            title: l10n.t('Export the concurrency by weekday and hour ({0})', who),
            exported: (file) => l10n.t('Exported the concurrency by weekday and hour ({0}) to "{1}".', who, file),
          }
        : {
            title: l10n.t('Export the concurrency by weekday and hour of {0} ({1})', key, who),
            exported: (file) => l10n.t('Exported the concurrency by weekday and hour of {0} ({1}) to "{2}".', key, who, file),
          };
    case 'timeline':
      return key === undefined
        ? {
            title: l10n.t('Export the sessions open per minute ({0})', who),
            exported: (file) => l10n.t('Exported the sessions open per minute ({0}) to "{1}".', who, file),
          }
        : {
            title: l10n.t('Export the sessions open per minute of {0} ({1})', key, who),
            exported: (file) => l10n.t('Exported the sessions open per minute of {0} ({1}) to "{2}".', key, who, file),
          };
    case 'hoursByDay':
      return key === undefined
        ? {
            title: l10n.t('Export the session hours per day ({0})', who),
            exported: (file) => l10n.t('Exported the session hours per day ({0}) to "{1}".', who, file),
          }
        : {
            title: l10n.t('Export the session hours per day of {0} ({1})', key, who),
            exported: (file) => l10n.t('Exported the session hours per day of {0} ({1}) to "{2}".', key, who, file),
          };
  }
}
