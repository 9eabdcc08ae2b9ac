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

export function isRetryableStatus(status: number): boolean {
  return RETRY_STATUS.has(status);
}

/**
 * Milliseconds asked for by a Retry-After header (delta-seconds or an HTTP date), or undefined
 * when absent or unparsable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Backoff before retry number `retry` (1-based): "equal jitter", between half and all of the step. */
export function backoffDelay(retry: number, options: RetryOptions, random: () => number): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
