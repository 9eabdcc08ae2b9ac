/**
 * The one error model. Every error whose message is written for people extends FrameError; every
 * caller that shows, logs or posts an error asks only `userMessage()` and `isCancellation()`
 * (and, to offer actions, `isRetryable()` and `needsSecret()`). Anything else that is thrown is a
 * bug or a platform failure: it is shown as "Unexpected error: <first line>", never as a stack.
 */
import * as l10n from '@vscode/l10n';

export type ErrorKind =
  // Talking to an API (FrameApiError)
  | 'auth' // 401: credentials rejected (maybe clock skew)
  | 'forbidden' // 403
  | 'not-found' // 404
  | 'rate-limited' // 429 after retries
  | 'server' // 5xx after retries
  | 'http' // any other unexpected status
  | 'network' // connection refused/reset, DNS, truncated body
  | 'timeout' // connect, headers or body timeout, total deadline
  | 'bad-response' // unparsable, wrong shape, HTML instead of JSON
  | 'too-large' // body over the cap
  | 'invalid-request' // refused before sending (bad URL, insecure origin, bad header value)
  // Reading reports
  | 'bad-report' // not a session report, or a malformed one in strict mode
  | 'bad-archive' // not a zip, corrupt, over a cap, unsafe names
  | 'not-listed' // Frame does not (or no longer) list what was asked for
  // Credentials and connections
  | 'secret-missing' // no secret in SecretStorage for a connection
  | 'secret-storage' // the OS keyring failed
  | 'connection-removed' // the connection something belonged to is gone
  // Anything
  | 'cancelled'; // the user (or closing a view) stopped it: never shown as an error

/**
 * Marks every FrameError with a global symbol: the extension is two bundles (the activation bundle
 * and the engine loaded on first use, see src/lazyEngine.ts), each with its own copy of this
 * class, so `instanceof FrameError` checks the mark instead of the prototype chain.
 */
const BRAND = Symbol.for('frameAdmin.FrameError');

export class FrameError extends Error {
  override readonly name: string = 'FrameError';

  constructor(
    readonly kind: ErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Any bundle's FrameError is a FrameError; subclasses keep the ordinary prototype check. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== FrameError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return !!value && typeof value === 'object' && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

export function isFrameError(e: unknown, kind?: ErrorKind): e is FrameError {
  return e instanceof FrameError && (kind === undefined || e.kind === kind);
}

/**
 * Whether `e` means "stopped on purpose": a cancelled FrameError (API calls, report extraction),
 * or a platform AbortError (fetch, streams, timers, `AbortSignal.abort()`).
 */
export function isCancellation(e: unknown): boolean {
  if (e instanceof FrameError) return e.kind === 'cancelled';
  const err = e as { name?: unknown; code?: unknown } | null | undefined;
  return !!err && typeof err === 'object' && (err.name === 'AbortError' || err.code === 'ABORT_ERR');
}

/** A message for people from anything thrown: FrameErrors as written, anything else flagged as unexpected. */
export function userMessage(e: unknown): string {
  if (e instanceof FrameError) return e.message;
  if (isCancellation(e)) return l10n.t('Cancelled.');
  const text = e instanceof Error ? e.message : String(e);
  return l10n.t('Unexpected error: {0}', firstLine(text) || (e instanceof Error ? e.name : 'unknown'));
}

const RETRYABLE: ReadonlySet<ErrorKind> = new Set(['network', 'timeout', 'server', 'rate-limited', 'secret-storage']);

/** Whether trying the same thing again may help. */
export function isRetryable(e: unknown): boolean {
  return e instanceof FrameError ? RETRYABLE.has(e.kind) : !isCancellation(e);
}

/** Whether updating the connection's secret is a sensible next step. */
export function needsSecret(e: unknown): boolean {
  return e instanceof FrameError && (e.kind === 'auth' || e.kind === 'secret-missing' || e.kind === 'secret-storage');
}

/** The kind of anything thrown, for envelopes that cross a boundary (the webview). */
export function errorKindOf(e: unknown): ErrorKind | 'internal' {
  if (e instanceof FrameError) return e.kind;
  return isCancellation(e) ? 'cancelled' : 'internal';
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/, 1)[0] ?? '').trim().slice(0, 300);
}
