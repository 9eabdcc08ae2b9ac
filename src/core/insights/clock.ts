/**
 * The report's own clock. Session reports write `starttime` as `yyyy-MM-dd HH:mm:ss` without a
 * zone and the table keeps it as the epoch ms of that wall time read as UTC, so UTC arithmetic on
 * those numbers IS the report's clock: no time-zone conversion happens anywhere in the insights.
 */

export const MINUTE_MS = 60_000;
export const TWO_MINUTES_MS = 120_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** ISO weekday (1 = Monday … 7 = Sunday) of a report-clock time. 1970-01-01 was a Thursday. */
export function isoWeekday(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Hour of the day, 0..23, on the report's clock. */
export function hourOfDay(ms: number): number {
  return Math.floor((ms - Math.floor(ms / DAY_MS) * DAY_MS) / HOUR_MS);
}

/** Index of a weekday × hour cell: (weekday - 1) × 24 + hour. */
export function weekHourCell(ms: number): number {
  return (isoWeekday(ms) - 1) * 24 + hourOfDay(ms);
}

/** `yyyy-MM-dd HH:mm:ss` on the report's clock (milliseconds dropped). */
export function formatClock(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `yyyy-MM-dd` of a report-clock time. */
export function clockDay(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}
