/**
 * Calendar days and report months, one module for the host and (through src/protocol) the
 * webview. Days are yyyy-MM-dd strings handled as plain calendar dates in UTC arithmetic, so no
 * local time zone or DST shift can move one. The Web API documents usage days "in the PST time
 * zone"; we read that as Pacific time (America/Los_Angeles: PST in winter, PDT in summer), which is
 * what a Frame admin on the US west coast sees as "today". No imports but the strings' own: the webview bundles
 * this.
 */
import * as l10n from '@vscode/l10n';

export const FRAME_USAGE_TIME_ZONE = 'America/Los_Angeles';

const DAY_MS = 86_400_000;
let pacificDay: Intl.DateTimeFormat | undefined;

/** The Pacific-time calendar day of an instant, as yyyy-MM-dd. */
export function toPacificDay(instant: Date): string {
  pacificDay ??= new Intl.DateTimeFormat('en-CA', { timeZone: FRAME_USAGE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  const parts = Object.fromEntries(pacificDay.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Whether a value is a real calendar day written yyyy-MM-dd (2026-02-30 is not). */
export function isDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && toDay(toMs(value)) === value;
}

function toDay(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

function toMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // Date.UTC maps the years 0–99 to 1900–1999: set the year separately.
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}

/** Adds whole days to a yyyy-MM-dd day. */
export function addDays(day: string, days: number): string {
  return toDay(toMs(day) + days * DAY_MS);
}

/** Every day from `from` to `to` inclusive (at most `max`): charts give days without data a slot too. */
export function daysBetween(from: string, to: string, max = 4000): string[] {
  const out: string[] = [];
  const end = toMs(to);
  for (let t = toMs(from); t <= end && out.length < max; t += DAY_MS) out.push(toDay(t));
  return out;
}

/** A report month's key: yyyy-MM. */
export function monthKey(m: { year: number; month: number }): string {
  return `${String(m.year).padStart(4, '0')}-${String(m.month).padStart(2, '0')}`;
}

/** yyyy-MM back to year and month (1–12), or undefined when it is not one. */
export function parseMonthKey(key: unknown): { year: number; month: number } | undefined {
  if (typeof key !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year, month } : undefined;
}

/** "November 2026". */
export function monthLabel(m: { year: number; month: number }): string {
  // Month and year as one phrase per month: the order and form differ between languages.
  const year = String(m.year);
  switch (m.month) {
    case 1:
      return l10n.t('January {0}', year);
    case 2:
      return l10n.t('February {0}', year);
    case 3:
      return l10n.t('March {0}', year);
    case 4:
      return l10n.t('April {0}', year);
    case 5:
      return l10n.t('May {0}', year);
    case 6:
      return l10n.t('June {0}', year);
    case 7:
      return l10n.t('July {0}', year);
    case 8:
      return l10n.t('August {0}', year);
    case 9:
      return l10n.t('September {0}', year);
    case 10:
      return l10n.t('October {0}', year);
    case 11:
      return l10n.t('November {0}', year);
    case 12:
      return l10n.t('December {0}', year);
    default:
      return `${m.month} ${year}`;
  }
}
