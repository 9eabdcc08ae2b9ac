/** When to retry, and how long to wait: exponential backoff with jitter, Retry-After honoured up to a cap. */

export interface RetryOptions {
  /** Retries after the first attempt (0 disables retrying). */
  maxRetries: number;
  /** First backoff step. */
  baseDelayMs: number;
  /** Longest backoff step. */
  maxDelayMs: number;
  /** Longest Retry-After we are willing to wait; a longer one ends the retries at once. */
  retryAfterCapMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 400, maxDelayMs: 8_000, retryAfterCapMs: 30_000 };

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
const RETRY_STATUS = new Set([429, 502, 503, 504]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/** GET, HEAD and OPTIONS: they change nothing, so following a redirect with them is harmless. */
export function isSafeMethod(method: string): boolean {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

export function isRetryableStatus(status: number): boolean {
  return RETRY_STATUS.has(status);
}

/**
 * Milliseconds asked for by a Retry-After header, or undefined when absent or unparsable. Only
 * delta-seconds (a non-negative integer) and real HTTP dates count: `Date.parse` reads "-1" or "1.5"
 * as dates in 2001, which meant "retry at once". A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = parseHttpDate(v, nowMs);
  return at === undefined ? undefined : Math.max(0, at - nowMs);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) (${MONTH}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`);
const RFC850 = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-(${MONTH})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`,
);
const ASCTIME = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (${MONTH}) ( \\d|\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$`);

/**
 * An HTTP-date (RFC 9110 §5.6.7) as epoch ms: IMF-fixdate, or the obsolete RFC 850 and asctime
 * forms; undefined for anything else, including impossible dates (Feb 30).
 */
export function parseHttpDate(value: string, nowMs: number): number | undefined {
  let m = IMF_FIXDATE.exec(value);
  if (m) return utc(Number(m[3]), m[2]!, Number(m[1]), m[4]!, m[5]!, m[6]!);
  m = RFC850.exec(value);
  if (m) {
    // A two-digit year more than 50 years ahead is in the past century (RFC 9110).
    const century = Math.floor(new Date(nowMs).getUTCFullYear() / 100) * 100;
    let year = century + Number(m[3]);
    if (year > new Date(nowMs).getUTCFullYear() + 50) year -= 100;
    return utc(year, m[2]!, Number(m[1]), m[4]!, m[5]!, m[6]!);
  }
  m = ASCTIME.exec(value);
  if (m) return utc(Number(m[6]), m[1]!, Number(m[2]!.trim()), m[3]!, m[4]!, m[5]!);
  return undefined;
}

function utc(year: number, month: string, day: number, h: string, min: string, sec: string): number | undefined {
  const mo = MONTHS.indexOf(month);
  const [hh, mm, ss] = [Number(h), Number(min), Number(sec)];
  if (hh > 23 || mm > 59 || ss > 60) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, mo, day);
  if (date.getUTCMonth() !== mo || date.getUTCDate() !== day) return undefined;
  return date.getTime() + ((hh * 60 + mm) * 60 + Math.min(ss, 59)) * 1000;
}

/** Backoff before retry number `retry` (1-based): "equal jitter", between half and all of the step. */
export function backoffDelay(retry: number, options: RetryOptions, random: () => number): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
