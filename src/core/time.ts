/**
 * Timestamps from Frame's Admin API and how they are shown. Frame's examples write them as ISO-8601
 * text, sometimes with a zone (`inserted_at`: `…Z`) and sometimes without (`last_publish`:
 * `2018-07-12T11:26:18.879116`). A timestamp without a zone is taken as UTC: that is an assumption
 * (the documents do not say), and the UI says "UTC" wherever it shows one.
 */
import * as l10n from '@vscode/l10n';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch ms of an ISO-8601 timestamp (a zone-less one read as UTC), or undefined when it is not one. */
export function parseApiTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = Number((frac + '000').slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.replace(/[^0-9]/g, '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return Number.isFinite(t) ? t : undefined;
}

/** "just now", "5 minutes ago", "3 days ago", "2 months ago", "in 3 hours" (a clock ahead of ours). */
export function relativeTime(ms: number, nowMs: number): string {
  const diff = nowMs - ms;
  const future = diff < 0;
  const s = Math.abs(diff) / 1000;
  const units: [number, TimeUnit][] = [
    [365 * 86_400, 'year'],
    [30 * 86_400, 'month'],
    [7 * 86_400, 'week'],
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  if (s < 60) return l10n.t('just now');
  for (const [size, unit] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return future ? inTime(unit, n) : timeAgo(unit, n);
    }
  }
  return l10n.t('just now');
}

type TimeUnit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute';

// Whole phrases per unit and number (word order and plurals differ between languages).
function timeAgo(unit: TimeUnit, n: number): string {
  const one = n === 1;
  switch (unit) {
    case 'year':
      return one ? l10n.t('1 year ago') : l10n.t('{0} years ago', n);
    case 'month':
      return one ? l10n.t('1 month ago') : l10n.t('{0} months ago', n);
    case 'week':
      return one ? l10n.t('1 week ago') : l10n.t('{0} weeks ago', n);
    case 'day':
      return one ? l10n.t('1 day ago') : l10n.t('{0} days ago', n);
    case 'hour':
      return one ? l10n.t('1 hour ago') : l10n.t('{0} hours ago', n);
    case 'minute':
      return one ? l10n.t('1 minute ago') : l10n.t('{0} minutes ago', n);
  }
}

function inTime(unit: TimeUnit, n: number): string {
  const one = n === 1;
  switch (unit) {
    case 'year':
      return one ? l10n.t('in 1 year') : l10n.t('in {0} years', n);
    case 'month':
      return one ? l10n.t('in 1 month') : l10n.t('in {0} months', n);
    case 'week':
      return one ? l10n.t('in 1 week') : l10n.t('in {0} weeks', n);
    case 'day':
      return one ? l10n.t('in 1 day') : l10n.t('in {0} days', n);
    case 'hour':
      return one ? l10n.t('in 1 hour') : l10n.t('in {0} hours', n);
    case 'minute':
      return one ? l10n.t('in 1 minute') : l10n.t('in {0} minutes', n);
  }
}

/** "2026-11-03 14:22 UTC". */
export function formatUtcTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
