/** URL rules shared by the transport and the clients. */
import * as l10n from '@vscode/l10n';
import { FrameApiError } from './errors';
import { escapeForLog } from '../text';

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
      ? l10n.t(
          'Refusing to send a request over plain http to {0}: use an https:// URL (http is only allowed for 127.0.0.1, [::1] and localhost).',
          url.host,
        )
      : url.host
        ? l10n.t('Unsupported URL scheme "{0}" for {1}: use an https:// URL.', url.protocol, url.host)
        : l10n.t('Unsupported URL scheme "{0}" for this URL: use an https:// URL.', url.protocol),
    { url: url.origin },
  );
}

/** Parses user input into a URL, with a clear error instead of a TypeError. */
export function parseUrl(input: string | URL, what: UrlRole = 'URL'): URL {
  if (input instanceof URL) return input;
  try {
    return new URL(input.trim());
  } catch {
    throw new FrameApiError('invalid-request', notAUrl(what, String(input).slice(0, 200)));
  }
}

/** Which URL parseUrl reads, for its message. */
export type UrlRole = 'URL' | 'base URL' | 'request URL' | 'report link' | 'icon URL';

function notAUrl(what: UrlRole, text: string): string {
  const example = 'https://api.fra.me/v1alpha';
  switch (what) {
    case 'URL':
      return l10n.t('The URL "{0}" is not a valid URL; expected something like {1}.', text, example);
    case 'base URL':
      return l10n.t('The base URL "{0}" is not a valid URL; expected something like {1}.', text, example);
    case 'request URL':
      return l10n.t('The request URL "{0}" is not a valid URL; expected something like {1}.', text, example);
    case 'report link':
      return l10n.t('The report link "{0}" is not a valid URL; expected something like {1}.', text, example);
    case 'icon URL':
      return l10n.t('The icon URL "{0}" is not a valid URL; expected something like {1}.', text, example);
  }
}

const SENSITIVE_PARAM = /sig|token|secret|key|credential|auth|pass|session/i;

/** Path and query for logs, with signature-like query values (presigned URLs) masked; decoded values are escaped (one line). */
export function redactUrlForLog(url: URL): string {
  const params = [...url.searchParams].map(([k, v]) => `${escapeForLog(k)}=${SENSITIVE_PARAM.test(k) ? '***' : escapeForLog(v)}`);
  return url.origin + url.pathname + (params.length ? '?' + params.join('&') : '');
}

export type HostClass = 'loopback' | 'private' | 'public';

/**
 * The kind of network a URL's host is on, from the host as written (no DNS lookup): loopback,
 * private (RFC 1918, link-local and cloud metadata, CGNAT, unique-local, unspecified, multicast) or
 * public. The URL parser has already normalised odd IPv4 forms (`2130706433`, `0x7f.1`).
 */
export function hostClass(url: URL): HostClass {
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) return ipv4Class(Number(v4[1]), Number(v4[2]));
  if (!host.startsWith('[')) return 'public';
  const v6 = host.slice(1, -1);
  if (v6 === '::1') return 'loopback';
  if (v6 === '::') return 'private';
  // IPv4-mapped (::ffff:7f00:1) and IPv4-compatible (::7f00:1) addresses: the IPv4 inside decides.
  const embedded = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (embedded) {
    const hi = parseInt(embedded[1]!, 16);
    return ipv4Class(hi >> 8, hi & 0xff);
  }
  return /^(f[cd]|fe[89ab]|ff)[0-9a-f]{0,2}:/.test(v6) ? 'private' : 'public';
}

function ipv4Class(a: number, b: number): HostClass {
  if (a === 127) return 'loopback';
  const priv =
    a === 0 ||
    a === 10 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224;
  return priv ? 'private' : 'public';
}

/**
 * Whether an application icon may be fetched from `iconUrl` (checked again on every redirect hop):
 * https only, no credentials in the URL, and no reaching into this machine or its network on
 * behalf of API data: a private host only when the API is itself on a private host, a loopback
 * host only on the API's own origin (another local port is another service: an "admin" endpoint
 * was reached that way), where plain http is allowed too.
 */
export function iconUrlAllowed(iconUrl: string | URL, apiBaseUrl: string | URL): boolean {
  const icon = tryUrl(iconUrl);
  const api = tryUrl(apiBaseUrl);
  if (!icon || !api || icon.username || icon.password) return false;
  if (icon.protocol !== 'https:' && icon.protocol !== 'http:') return false;
  const where = hostClass(icon);
  if (where === 'loopback') return hostClass(api) === 'loopback' && icon.origin === api.origin;
  if (icon.protocol !== 'https:') return false;
  return where === 'public' || where === hostClass(api);
}

function tryUrl(input: string | URL): URL | undefined {
  if (input instanceof URL) return input;
  try {
    return new URL(input);
  } catch {
    return undefined;
  }
}
