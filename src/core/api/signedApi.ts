/**
 * What every API client shares: a normalized base URL, credentials, the shared signer and the
 * transport. Also the generic signed request behind "Send Signed Request" and "Copy as cURL".
 */
import * as l10n from '@vscode/l10n';
import { signRequest, type Credentials } from '../signing';
import { FrameApiError, displayUrl } from '../http/errors';
import type { HttpRequest, HttpTransport, HttpResponse } from '../http/transport';
import { assertAllowedUrl, parseUrl } from '../http/urls';
import type { Where } from './validate';

/** Caps on response bodies read into memory. */
/** The methods Send Signed Request offers (any other can be given by a script). */
export const SIGNED_REQUEST_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

/** POST, PUT and PATCH send their parameters form-encoded in the body; the others in the query string. */
export function paramsInBody(method: string): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH';
}

export const LIMITS = {
  json: 16 * 1024 * 1024,
  csv: 200 * 1024 * 1024,
  report: 1024 * 1024 * 1024,
  generic: 50 * 1024 * 1024,
};

export interface ClientOptions {
  /** Includes the API's version path, e.g. https://api.fra.me/v1alpha or https://api.console.nutanix.com/v1. */
  baseUrl: string;
  credentials: Credentials;
  transport: HttpTransport;
}

export interface SignedRequest {
  method: string;
  /** Endpoint relative to the base URL, e.g. `/accounts/` or `/entity.count`; a full URL on the same origin is accepted too. */
  path: string;
  params?: Record<string, string>;
  signal?: AbortSignal;
  maxBytes?: number;
  /** Every status is an answer (Send Signed Request shows a 404 as one); otherwise non-2xx throws. */
  everyStatus?: boolean;
}

export interface SignedResponse {
  status: number;
  headers: Record<string, string>;
  contentType: string;
  text: string;
  /** The parsed body when it is JSON. */
  json?: unknown;
}

/**
 * Strips trailing slashes and a trailing `/accounts` segment, so that users may paste either the
 * API base (`…/v1alpha`) or the accounts URL (`…/v1alpha/accounts/`).
 */
export function normalizeBaseUrl(input: string): URL {
  const url = parseUrl(input, 'base URL');
  assertAllowedUrl(url);
  if (url.search || url.hash)
    throw new FrameApiError(
      'invalid-request',
      l10n.t('The base URL should not contain "?" or "#": use something like {0}.', 'https://api.fra.me/v1alpha'),
    );
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/accounts$/, '');
  return url;
}

/** Which API a base URL is for: it decides what a connection shows and which client it gets. */
export type ApiKind = 'web' | 'admin' | 'other';

export const API_KINDS: readonly ApiKind[] = ['web', 'admin', 'other'];

/**
 * The API a base URL is for, by the version path of its normalized form: `…/v1alpha` is the Web
 * API, `…/v1` the Admin API; anything else (or a URL no client would accept) is for signed requests
 * only. A connection records it once, when its base URL is saved.
 */
export function apiKindOf(baseUrl: string): ApiKind {
  let path: string;
  try {
    path = normalizeBaseUrl(baseUrl).pathname;
  } catch {
    return 'other';
  }
  if (/\/v1alpha$/i.test(path)) return 'web';
  if (/\/v1$/i.test(path)) return 'admin';
  return 'other';
}

/**
 * A value (an id from the API or the user) as one URL path segment: percent-encoded, and never "."
 * or "..", which the URL parser collapses however they are encoded (`/accounts/..` → `/team_members`).
 */
export function pathSegment(value: string, what: 'account ID' | 'value taken from a response'): string {
  if (value === '.' || value === '..')
    throw new FrameApiError(
      'invalid-request',
      what === 'account ID'
        ? l10n.t('The account ID "{0}" cannot be used in a request: it would address another part of the API. Check the account ID.', value)
        : l10n.t(
            'The value taken from a response "{0}" cannot be used in a request: it would address another part of the API. Check the value taken from a response.',
            value,
          ),
    );
  return encodeURIComponent(value);
}

/** A request as written in a request file: the signer adds only the credential headers. */
export interface RawSignedRequest {
  method: string;
  /** Endpoint below the base URL (path segments already encoded) or a full URL on the same origin. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  maxBytes?: number;
}

/** What a raw request answered, whatever its status, scrubbed of credentials. */
export interface SignedExchange extends SignedResponse {
  /** The URL that answered, for display (no query secrets). */
  url: string;
}

export class SignedApi {
  readonly baseUrl: URL;

  constructor(protected readonly options: ClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
  }

  get credentials(): Credentials {
    return this.options.credentials;
  }

  /** The absolute URL of an endpoint below the base URL; path segments must already be encoded. */
  protected urlFor(path: string, query?: Record<string, string>): URL {
    const url = new URL(this.baseUrl.href);
    url.pathname = this.baseUrl.pathname.replace(/\/+$/, '') + (path.startsWith('/') ? path : '/' + path);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return url;
  }

  /** The endpoint as the janrain-signature scheme signs it: the path below the base URL. */
  protected endpointOf(url: URL): string {
    const base = this.baseUrl.pathname.replace(/\/+$/, '');
    return url.pathname.startsWith(base) ? url.pathname.slice(base.length) || '/' : url.pathname;
  }

  /**
   * What every signed request carries: a signer (fresh headers on every attempt) and the secret,
   * which the transport keeps out of any error text along with the headers it signs.
   */
  protected signed(method: string, params?: Record<string, string>): Pick<HttpRequest, 'sign' | 'redact'> {
    return {
      sign: (url) => signRequest(this.options.credentials, { method, path: this.endpointOf(url), params }),
      redact: [this.options.credentials.clientSecret],
    };
  }

  /** Where a response came from, for validation errors; they scrub what they quote with `res.redact`. */
  protected where(method: string, url: URL, res: HttpResponse<unknown>): Where {
    return { request: `${method} ${displayUrl(url)}`, url: displayUrl(url), redact: res.redact };
  }

  /** Signed GET returning parsed JSON. */
  protected async getJson(
    path: string,
    query?: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<{ body: unknown; where: Where; res: HttpResponse<unknown> }> {
    const url = this.urlFor(path, query);
    const res = await this.options.transport.requestJson({
      method: 'GET',
      url,
      ...this.signed('GET', query),
      signal,
      maxBytes: LIMITS.json,
    });
    return { body: res.body, where: this.where('GET', url, res), res };
  }

  /**
   * Any signed request: POST, PUT and PATCH send their parameters form-encoded (as the Registration API
   * expects); other methods put them in the query string. The answer comes back as received, with
   * its JSON parsed when it is JSON (an API that fails inside a 2xx body says so in its subclass:
   * RegistrationApi).
   */
  async send(req: SignedRequest): Promise<SignedResponse> {
    const { method, params, inBody, url } = this.prepare(req);
    const res = await this.options.transport.requestText({
      method,
      url,
      ...this.signed(method, params),
      headers: inBody
        ? { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json, text/csv, */*' }
        : { Accept: 'application/json, text/csv, */*' },
      body: inBody ? new URLSearchParams(params).toString() : undefined,
      signal: req.signal,
      maxBytes: req.maxBytes ?? LIMITS.generic,
      everyStatus: req.everyStatus,
    });
    const contentType = res.headers['content-type'] ?? '';
    // Shown as received, except the credentials this request sent (a server may echo them back).
    const text = res.redact(res.body);
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, res.redact(v)]));
    const out: SignedResponse = { status: res.status, headers, contentType, text };
    if (/json/i.test(contentType) || /^\s*[[{]/.test(text)) {
      try {
        out.json = JSON.parse(text) as unknown;
      } catch {
        // Not JSON after all: the caller gets the text.
      }
    }
    // An error status is already the answer's verdict: the API's own error inside a 2xx body is the check's.
    if (res.status >= 200 && res.status < 300) this.checkAnswer(method, url, res, out);
    return out;
  }

  /**
   * Where an API that fails inside a 2xx body throws the error it means (RegistrationApi); the
   * generic request hands every answer back as received.
   */
  protected checkAnswer(_method: string, _url: URL, _res: HttpResponse<string>, _out: SignedResponse): void {}

  /** The URL and headers of a signed request, for "Copy Request as cURL". */
  describeRequest(req: SignedRequest, now?: Date): { url: string; headers: Record<string, string> } {
    const { method, params, url } = this.prepare(req);
    return { url: url.href, headers: signRequest(this.options.credentials, { method, path: this.endpointOf(url), params, now }) };
  }

  /**
   * Any signed request as written in a request file: its own headers and body, and every status is
   * an answer (a 404 or 500 comes back, not thrown). The body and header values are scrubbed of
   * every credential sent, for a server that echoes them. Transport failures still throw.
   */
  async exchange(req: RawSignedRequest): Promise<SignedExchange> {
    const method = req.method.toUpperCase();
    const url = this.resolvePath(req.path);
    // janrain-signature signs every parameter: the query's and a form body's.
    const params: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of url.searchParams) params[k] = v;
    const contentType = Object.entries(req.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    if (req.body !== undefined && /application\/x-www-form-urlencoded/i.test(contentType))
      for (const [k, v] of new URLSearchParams(req.body)) params[k] = v;
    const res = await this.options.transport.requestText({
      method,
      url,
      ...this.signed(method, params),
      // The file's own Accept (in any case) replaces the default: both would be sent.
      headers: Object.keys(req.headers ?? {}).some((k) => k.toLowerCase() === 'accept')
        ? { ...req.headers }
        : { Accept: 'application/json, text/csv, */*', ...req.headers },
      body: req.body,
      signal: req.signal,
      maxBytes: req.maxBytes ?? LIMITS.generic,
      everyStatus: true,
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) headers[k] = res.redact(v);
    const text = res.redact(res.body);
    const out: SignedExchange = { status: res.status, headers, contentType: headers['content-type'] ?? '', text, url: displayUrl(res.url) };
    if (/json/i.test(out.contentType) || /^\s*[[{]/.test(text)) {
      try {
        out.json = JSON.parse(text) as unknown;
      } catch {
        // Not JSON after all: the caller gets the text.
      }
    }
    return out;
  }

  /** A path below the base URL (with any `?query`) or a full URL on this connection's origin only. */
  private resolvePath(path: string): URL {
    if (/^https?:\/\//i.test(path)) {
      const url = parseUrl(path, 'request URL');
      if (url.origin !== this.baseUrl.origin) {
        throw new FrameApiError(
          'invalid-request',
          l10n.t("Signed requests only go to this connection's API ({0}); {1} is another host.", this.baseUrl.origin, url.origin),
        );
      }
      return url;
    }
    const q = path.indexOf('?');
    const url = this.urlFor(q < 0 ? path : path.slice(0, q));
    url.search = q < 0 ? '' : path.slice(q + 1);
    return url;
  }

  /**
   * Method, parameters (including any `?query` written into the path, so they are signed too) and
   * the URL: on this connection's origin only, whether given as a path or a full URL.
   */
  private prepare(req: SignedRequest): { method: string; params: Record<string, string>; inBody: boolean; url: URL } {
    const method = req.method.toUpperCase();
    const inBody = paramsInBody(method);
    const url = this.resolvePath(req.path);
    // Null prototype: on a plain object, assigning "__proto__" sets the prototype, and the parameter
    // was silently dropped (neither signed nor sent).
    const params: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of url.searchParams) params[k] = v;
    for (const [k, v] of Object.entries(req.params ?? {})) params[k] = v;
    url.search = '';
    if (!inBody) for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return { method, params, inBody, url };
  }
}
