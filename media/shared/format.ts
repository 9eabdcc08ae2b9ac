/**
 * Every number and date of a webview page, in ONE locale: the webview's (navigator.language,
 * which mountPage (page.ts) passes to setLocale before anything renders), so that numbers, dates and the
 * browser's own date inputs all read the same way. Durations use the formatter shared with the
 * host (src/protocol). Pure: no DOM, so it is unit-tested in bare Node (test/unit/webview).
 */
export { formatDuration } from '../../src/protocol/format';

export const DASH = '—';

interface Formats {
  int: Intl.NumberFormat;
  fixed: Intl.NumberFormat[];
  percent: Intl.NumberFormat;
  compact: Intl.NumberFormat;
  day: Intl.DateTimeFormat;
  dayNoYear: Intl.DateTimeFormat;
  month: Intl.DateTimeFormat;
  monthYear: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
}

function build(locale: string): Formats {
  const utc = { timeZone: 'UTC' } as const;
  return {
    int: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
    // Fixed decimals: the values of one column or table line up and read alike ("6.60" under "10.24").
    fixed: [0, 1, 2].map((d) => new Intl.NumberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d })),
    percent: new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    compact: new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }),
    day: new Intl.DateTimeFormat(locale, { ...utc, year: 'numeric', month: 'short', day: 'numeric' }),
    dayNoYear: new Intl.DateTimeFormat(locale, { ...utc, month: 'short', day: 'numeric' }),
    month: new Intl.DateTimeFormat(locale, { ...utc, month: 'short' }),
    monthYear: new Intl.DateTimeFormat(locale, { ...utc, month: 'short', year: 'numeric' }),
    dateTime: new Intl.DateTimeFormat(locale, {
      ...utc,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }),
  };
}

let current = 'en-US';
let f = build(current);

/**
 * Sets the locale of every format (a BCP 47 tag such as navigator.language); an unknown or
 * unsupported tag keeps the current one. Returns the locale in use.
 */
export function setLocale(tag: string | undefined | null): string {
  if (tag && tag !== current) {
    try {
      if (Intl.NumberFormat.supportedLocalesOf([tag]).length) {
        f = build(tag);
        current = tag;
      }
    } catch {
      // RangeError: not a well-formed tag.
    }
  }
  return current;
}

export function locale(): string {
  return current;
}

function known(n: number | null | undefined): n is number {
  return n !== null && n !== undefined && Number.isFinite(n);
}

export function formatInt(n: number | null | undefined): string {
  return known(n) ? f.int.format(n) : DASH;
}

/** Hours, always with one decimal, so a column of them lines up ("3,049.0" above "676.2"). */
export function formatHours(h: number | null | undefined): string {
  return known(h) ? f.fixed[1]!.format(h) : DASH;
}

/** A number with exactly `digits` decimals (0, 1 or 2). */
export function formatNumber(n: number | null | undefined, digits: 0 | 1 | 2 = 1): string {
  return known(n) ? f.fixed[digits]!.format(n) : DASH;
}

/** A fraction (0..1) as a percentage with one decimal; "<0.1%" rather than "0.0%" for a sliver. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return DASH;
  return fraction > 0 && fraction < 0.0005 ? `<${f.percent.format(0.001)}` : f.percent.format(fraction);
}

/** Short axis numbers: "950", "1.2K", "35K" (in the locale's own compact notation). */
export function formatCompact(n: number): string {
  return known(n) ? f.compact.format(n) : DASH;
}

function dayDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** A calendar day (yyyy-MM-dd) as e.g. "Nov 3, 2026"; no time zone conversion (it already is a day). */
export function formatDay(day: string, withYear = true): string {
  const d = dayDate(day);
  if (Number.isNaN(d.getTime())) return day;
  return (withYear ? f.day : f.dayNoYear).format(d);
}

/** The month of a day (yyyy-MM-dd): "Nov", or "Nov 2026" with the year. */
export function formatMonth(day: string, withYear = false): string {
  const d = dayDate(day);
  if (Number.isNaN(d.getTime())) return day;
  return (withYear ? f.monthYear : f.month).format(d);
}

/** An inclusive range of days, e.g. "Oct 20 – Nov 18, 2026" (the locale decides what repeats). */
export function formatRange(from: string, to: string): string {
  const a = dayDate(from);
  const b = dayDate(to);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return `${from} – ${to}`;
  if (from === to) return f.day.format(a);
  return a < b ? f.day.formatRange(a, b) : `${f.day.format(a)} – ${f.day.format(b)}`;
}

/**
 * Epoch ms as a date and time in UTC, e.g. "Nov 3, 2026, 2:22 PM": a report's times are read as UTC
 * wall time, so this shows them as written (Frame does not say their time zone).
 */
export function formatDateTime(ms: number | null | undefined): string {
  return known(ms) ? f.dateTime.format(new Date(ms)) : DASH;
}

/** The UTC days of two instants as a range: "Dec 1, 2025 – Nov 17, 2026". */
export function formatDayRangeUtc(fromMs: number, toMs: number): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return formatRange(day(fromMs), day(toMs));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInt(n)} ${n === 1 ? one : many}`;
}
