/**
 * The transport's numeric settings, rounded and clamped once: they come from user settings
 * (`timeoutSeconds: 1.2345` made undici refuse every request; `maxRetries: 1e6` retried for hours),
 * so every value is a whole number in a sane range, and anything that is not a number at all
 * falls back to the default.
 */
import { DEFAULT_RETRY, type RetryOptions } from './retryPolicy';

export interface TransportLimits {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  connectionsPerOrigin: number;
  maxRedirects: number;
  deadlineMs: number;
  streamDeadlineMs: number;
  retry: RetryOptions;
}

export const TRANSPORT_DEFAULTS: TransportLimits = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  connectionsPerOrigin: 6,
  maxRedirects: 5,
  deadlineMs: 5 * 60_000,
  streamDeadlineMs: 60 * 60_000,
  retry: DEFAULT_RETRY,
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

/** A whole number in [min, max]; NaN or a non-number gives `fallback` (±Infinity clamps). */
export function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

type LimitsInput = Partial<Omit<TransportLimits, 'retry'>> & { retry?: Partial<RetryOptions> };

export function resolveLimits(o: LimitsInput): TransportLimits {
  const d = TRANSPORT_DEFAULTS;
  const r = o.retry ?? {};
  const timeout = (v: number | undefined, fallback: number) => clampInt(v, SECOND, 10 * MINUTE, fallback);
  return {
    connectTimeoutMs: timeout(o.connectTimeoutMs, d.connectTimeoutMs),
    headersTimeoutMs: timeout(o.headersTimeoutMs, d.headersTimeoutMs),
    bodyTimeoutMs: timeout(o.bodyTimeoutMs, d.bodyTimeoutMs),
    connectionsPerOrigin: clampInt(o.connectionsPerOrigin, 1, 64, d.connectionsPerOrigin),
    maxRedirects: clampInt(o.maxRedirects, 0, 20, d.maxRedirects),
    deadlineMs: clampDeadline(o.deadlineMs, d.deadlineMs),
    streamDeadlineMs: clampDeadline(o.streamDeadlineMs, d.streamDeadlineMs),
    retry: {
      maxRetries: clampInt(r.maxRetries, 0, 10, d.retry.maxRetries),
      baseDelayMs: clampInt(r.baseDelayMs, 0, MINUTE, d.retry.baseDelayMs),
      maxDelayMs: clampInt(r.maxDelayMs, 0, 10 * MINUTE, d.retry.maxDelayMs),
      retryAfterCapMs: clampInt(r.retryAfterCapMs, 0, 60 * MINUTE, d.retry.retryAfterCapMs),
    },
  };
}

/** A total deadline: 1 s to 24 h. */
export function clampDeadline(value: number | undefined, fallback: number): number {
  return clampInt(value, SECOND, DAY, fallback);
}
