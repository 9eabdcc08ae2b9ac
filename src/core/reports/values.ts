/**
 * Typed values out of report text. Hand-written because they run for every row of a report
 * (millions of calls): no regular expressions, no Date parsing of strings, never NaN.
 */

import { decodeBytes } from './csvTokenizer';

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
 * Epoch ms of a valid UTC date and time, for any year 0..9999, by calendar arithmetic (days from
 * civil, H. Hinnant). Not `Date.UTC`: it maps years 0..99 to 1900..1999, so `0050` would become
 * 1950 and `0000-02-29` 1900-03-01.
 */
export function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

// Straight from UTF-8 bytes, for the columnar reader: no string is made for the common forms, and
// anything else falls back to the text parsers above (so both give the same values). NaN = none.
// The bytes are a plain field's (FieldKind.Plain); callers decode other kinds themselves.

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** `parseNumber` of the bytes `b[s..e)`, NaN where it gives null. */
export function numberFromBytes(b: Uint8Array, s: number, e: number): number {
  if (s >= e) return NaN;
  let i = s;
  const negative = b[i] === 45; // '-'
  if (negative) i++;
  let m = 0;
  let digits = 0;
  let scale = -1;
  for (; i < e; i++) {
    const d = b[i]! - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits++;
    } else if (d === -2 && scale < 0) {
      scale = i; // '.'
    } else {
      break;
    }
  }
  if (i === e && digits > 0 && digits <= 15) {
    // m and 10^k are exact, so one division is correctly rounded: the same double as `+text`.
    const k = scale < 0 ? 0 : e - scale - 1;
    const v = k === 0 ? m : m / POW10[k]!;
    return negative ? -v : v;
  }
  const v = parseNumber(decodeBytes(b, s, e));
  return v === null ? NaN : v;
}

/** `parseDuration` of the bytes, NaN where it gives null. */
export function durationFromBytes(b: Uint8Array, s: number, e: number): number {
  if (s < e && b[s] !== 45) {
    let plain = true;
    for (let i = s; i < e; i++) if (b[i] === 58) plain = false; // ':'
    if (plain) {
      const v = numberFromBytes(b, s, e);
      return v < 0 ? NaN : v;
    }
  }
  const v = parseDuration(decodeBytes(b, s, e));
  return v === null ? NaN : v;
}

function digit2(b: Uint8Array, i: number): number {
  const a = b[i]! - 48;
  const c = b[i + 1]! - 48;
  return a >= 0 && a <= 9 && c >= 0 && c <= 9 ? a * 10 + c : -1;
}

/**
 * The last month read in place: its first day's epoch ms and its length. Rows in no order still
 * come from one month (a report is a month), so the calendar is worked out once, not per row.
 */
let lastYm = -1;
let lastMonthStart = 0;
let lastMonthDays = 0;

/** `parseReportTime` of the bytes, NaN where it gives null; `YYYY-MM-DD HH:MM:SS` is read in place. */
export function timeFromBytes(b: Uint8Array, s: number, e: number): number {
  if (e - s === 19 && b[s + 4] === 45 && b[s + 7] === 45 && b[s + 10] === 32 && b[s + 13] === 58 && b[s + 16] === 58) {
    const hi = digit2(b, s);
    const lo = digit2(b, s + 2);
    const month = digit2(b, s + 5);
    const day = digit2(b, s + 8);
    const hour = digit2(b, s + 11);
    const minute = digit2(b, s + 14);
    const second = digit2(b, s + 17);
    if (hi >= 0 && lo >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0) {
      const year = hi * 100 + lo;
      if (hour > 23 || minute > 59 || second > 59) return NaN;
      const ym = year * 100 + month;
      if (ym !== lastYm) {
        if (month < 1 || month > 12) return NaN;
        lastMonthStart = utcMillis(year, month, 1, 0, 0, 0, 0);
        lastMonthDays = daysIn(year, month);
        lastYm = ym;
      }
      if (day < 1 || day > lastMonthDays) return NaN;
      return lastMonthStart + (day - 1) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000;
    }
  }
  const v = parseReportTime(decodeBytes(b, s, e));
  return v === null ? NaN : v;
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
