/** URL rules shared by the transport and the clients. */
import { FrameApiError } from './errors';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/**
 * Only https: is allowed, except plain http: to loopback (the simulator, local proxies).
 * Throws an invalid-request error that says what to change.
 */
export function assertAllowedUrl(url: URL): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopback(url)) return;
  throw new FrameApiError(
    'invalid-request',
    url.protocol === 'http:'
      ? `Refusing to send a request over plain http to ${url.host}: use an https:// URL (http is only allowed for 127.0.0.1, [::1] and localhost).`
      : `Unsupported URL scheme "${url.protocol}" for ${url.host || 'this URL'}: use an https:// URL.`,
    { url: url.origin },
  );
}

/** Parses user input into a URL, with a clear error instead of a TypeError. */
export function parseUrl(input: string | URL, what = 'URL'): URL {
  if (input instanceof URL) return input;
  try {
    return new URL(input.trim());
  } catch {
    throw new FrameApiError(
      'invalid-request',
      `The ${what} "${String(input).slice(0, 200)}" is not a valid URL; expected something like https://api.fra.me/v1alpha.`,
    );
  }
}

const SENSITIVE_PARAM = /sig|token|secret|key|credential|auth|pass|session/i;

/** Path and query for logs, with signature-like query values (presigned URLs) masked. */
export function redactUrlForLog(url: URL): string {
  const params = [...url.searchParams].map(([k, v]) => `${k}=${SENSITIVE_PARAM.test(k) ? '***' : v}`);
  return url.origin + url.pathname + (params.length ? '?' + params.join('&') : '');
}
