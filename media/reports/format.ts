/** Number, duration and date formatting for the reports view (en-US, like the rest of VS Code's UI). */
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
export { formatDuration } from '../../src/protocol/reports';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const DASH = '—';

export function formatInt(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : int.format(n);
}

/** Hours with one decimal below 1,000 and none above (big totals read better without). */
export function formatHours(h: number | null | undefined): string {
  if (h === null || h === undefined || !Number.isFinite(h)) return DASH;
  return Math.abs(h) >= 1000 ? int.format(h) : one.format(h);
}

export function formatNumber(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  return digits === 0 ? int.format(n) : digits === 1 ? one.format(n) : two.format(n);
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  const p = fraction * 100;
  return `${p > 0 && p < 0.1 ? '<0.1' : one.format(p)} %`;
}

/** Epoch ms as "2026-11-03 14:22" in UTC (report times are UTC). */
export function formatUtc(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return DASH;
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** yyyy-MM-dd as "3 Nov 2026" (no time zone conversion: the string is already a calendar day). */
export function formatDay(day: string, withYear = true): string {
  const [y, m, d] = day.split('-');
  const month = MONTHS[Number(m) - 1] ?? m;
  return withYear ? `${Number(d)} ${month} ${y}` : `${Number(d)} ${month}`;
}

export function formatRange(from: string, to: string): string {
  if (from === to) return formatDay(from);
  return from.slice(0, 4) === to.slice(0, 4) ? `${formatDay(from, false)} – ${formatDay(to)}` : `${formatDay(from)} – ${formatDay(to)}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}
