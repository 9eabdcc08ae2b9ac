/**
 * Timestamps from Frame's Admin API and how they are shown. Frame's examples write them as ISO-8601
 * text, sometimes with a zone (`inserted_at`: `…Z`) and sometimes without (`last_publish`:
 * `2018-07-12T11:26:18.879116`). A timestamp without a zone is taken as UTC: that is an assumption
 * (the documents do not say), and the UI says "UTC" wherever it shows one.
 */

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
  const units: [number, string][] = [
    [365 * 86_400, 'year'],
    [30 * 86_400, 'month'],
    [7 * 86_400, 'week'],
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  if (s < 60) return 'just now';
  for (const [size, unit] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
      return future ? `in ${text}` : `${text} ago`;
    }
  }
  return 'just now';
}

/** "2026-11-03 14:22 UTC". */
export function formatUtcTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}
