/**
 * Typed values out of report text. Hand-written because they run for every row of a report
 * (millions of calls): no regular expressions, no Date parsing of strings, never NaN.
 */

/** A finite number, or null for empty, blank or unparsable text. */
export function parseNumber(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  const v = +s;
  if (!Number.isFinite(v)) return null;
  // `+'  '` is 0: blank text is missing, not zero.
  if (v === 0 && s.trim() === '') return null;
  return v;
}

function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1; // written this way so NaN (past the end) fails too
    v = v * 10 + d;
  }
  return v;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/**
 * Session start times, epoch ms. Reports use `YYYY-MM-DD HH:MM:SS` in UTC; also accepted: a `T`
 * separator, fractional seconds, `HH:MM` without seconds, a date alone (midnight), and a `Z` or
 * `±HH:MM` / `±HHMM` suffix. Anything else (including impossible dates) is null.
 */
export function parseReportTime(input: string | undefined): number | null {
  if (input === undefined) return null;
  const s = input.length > 0 && (input.charCodeAt(0) === 32 || input.charCodeAt(input.length - 1) === 32) ? input.trim() : input;
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let i = 10;
  if (i < s.length) {
    const sep = s.charCodeAt(i);
    if (sep !== 32 && sep !== 84 && sep !== 116) return null; // ' ', 'T', 't'
    hour = digits(s, 11, 2);
    minute = s.charCodeAt(13) === 58 ? digits(s, 14, 2) : -1;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
    i = 16;
    if (s.charCodeAt(i) === 58) {
      second = digits(s, 17, 2);
      if (second < 0 || second > 59) return null;
      i = 19;
      if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
        // Fractional seconds: keep millisecond precision, ignore further digits.
        let j = i + 1;
        let scale = 100;
        while (j < s.length && isDigit(s.charCodeAt(j))) {
          ms += (s.charCodeAt(j) - 48) * scale;
          scale /= 10;
          j++;
        }
        if (j === i + 1) return null;
        ms = Math.floor(ms);
        i = j;
      }
    }
  }
  let offsetMinutes = 0;
  if (i < s.length) {
    const c = s.charCodeAt(i);
    if ((c === 90 || c === 122) && i === s.length - 1) {
      // 'Z'
    } else if (c === 43 || c === 45) {
      const oh = digits(s, i + 1, 2);
      const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
      const om = digits(s, i + 3 + colon, 2);
      if (oh < 0 || oh > 23 || om < 0 || om > 59 || i + 5 + colon !== s.length) return null;
      offsetMinutes = (c === 43 ? 1 : -1) * (oh * 60 + om);
    } else {
      return null;
    }
  }
  return utcMillis(year, month, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/**
 * Epoch ms of a UTC date and time, for any year 0..9999. `Date.UTC` maps years 0..99 to 1900..1999
 * (`0050` would become 1950, and `0000-02-29` 1900-03-01): such years are computed in 2000 (a leap
 * year, so Feb 29 exists) and moved back with setUTCFullYear, which keeps the year as written.
 */
export function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  d.setUTCFullYear(year);
  return d.getTime();
}

/**
 * Session length in seconds: plain seconds (`1834`, `12.5`) or `H:MM:SS` (`0:30:34`, `26:00:00`,
 * fractional seconds allowed). Negative or unparsable values are null.
 */
export function parseDuration(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  const colon = s.indexOf(':');
  if (colon === -1) {
    const v = parseNumber(s);
    return v === null || v < 0 ? null : v;
  }
  const t = s.trim();
  const c1 = t.indexOf(':');
  const c2 = t.indexOf(':', c1 + 1);
  if (c1 < 1 || c2 !== c1 + 3 || t.indexOf(':', c2 + 1) !== -1) return null;
  const h = digits(t, 0, c1);
  const m = digits(t, c1 + 1, 2);
  const secText = t.slice(c2 + 1);
  if (h < 0 || m < 0 || m > 59 || secText.length < 2 || !isDigit(secText.charCodeAt(0)) || !isDigit(secText.charCodeAt(1))) return null;
  const sec = parseNumber(secText);
  if (sec === null || sec < 0 || sec >= 60) return null;
  return h * 3600 + m * 60 + sec;
}

/** Calendar day (UTC) of an epoch-ms time, as `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
