import * as l10n from '@vscode/l10n';
import { FrameError, type ErrorKind } from '../errors';
import { replaceControls, stripInvisible } from '../text';

/**
 * Typed errors a UI can act on. Every message says what happened and what to do, and never
 * contains a secret, a signature or a presigned URL's query string.
 */

/** The kinds an API call can fail with (a subset of the one error model's kinds). */
export type ApiErrorKind = Extract<
  ErrorKind,
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'http'
  | 'network'
  | 'timeout'
  | 'bad-response'
  | 'too-large'
  | 'cancelled'
  | 'invalid-request'
>;

export interface ApiErrorDetails {
  method?: string;
  /** Origin + path only; query strings are never kept. */
  url?: string;
  status?: number;
  /** Seconds the server's clock is ahead of ours (negative: behind), from its Date header. */
  clockSkewSeconds?: number;
  /** For rate limiting: what the server asked us to wait. */
  retryAfterSeconds?: number;
  /** For bad responses: where the problem is, e.g. `[3].account_id`. */
  field?: string;
  /** A short, printable excerpt of the offending body. */
  excerpt?: string;
  /** How many attempts were made. */
  attempts?: number;
  cause?: unknown;
}

export class FrameApiError extends FrameError {
  override readonly name = 'FrameApiError';
  declare readonly kind: ApiErrorKind;
  readonly method?: string;
  readonly url?: string;
  readonly status?: number;
  readonly clockSkewSeconds?: number;
  readonly retryAfterSeconds?: number;
  readonly field?: string;
  readonly excerpt?: string;
  readonly attempts?: number;

  constructor(kind: ApiErrorKind, message: string, details: ApiErrorDetails = {}) {
    super(kind, message, { cause: details.cause });
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.clockSkewSeconds = details.clockSkewSeconds;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.field = details.field;
    this.excerpt = details.excerpt;
    this.attempts = details.attempts;
  }
}

export function isFrameApiError(e: unknown, kind?: ApiErrorKind): e is FrameApiError {
  // By name, not prototype: an error from the other bundle's copy of this class counts too.
  return e instanceof FrameError && e.name === 'FrameApiError' && (kind === undefined || e.kind === kind);
}

/** Origin and path of a URL, without query or fragment (presigned URLs carry signatures there). */
export function displayUrl(url: URL | string): string {
  try {
    const u = typeof url === 'string' ? new URL(url) : url;
    return u.origin + u.pathname;
  } catch {
    return l10n.t('(invalid URL)');
  }
}

/** A short single-line excerpt of a body for error messages: controls and line breaks folded, bidi controls dropped, capped. */
export function excerptOf(body: string, max = 160): string {
  const flat = replaceControls(stripInvisible(body), ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}

/** The <title> of an HTML error page, or its first heading, when there is one. */
export function htmlTitle(body: string): string | undefined {
  const m = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(body) ?? /<h1[^>]*>([^<]{1,200})<\/h1>/i.exec(body);
  return m?.[1]?.trim() || undefined;
}
