/**
 * What went wrong, for people: every failure of a request (refused before sending, a transport
 * error, an unexpected status, a body over its cap) as a FrameApiError that says what happened
 * and what to do.
 */
import * as l10n from '@vscode/l10n';
import { errors as undiciErrors } from './undici';
import { FrameApiError, displayUrl, excerptOf, htmlTitle } from './errors';
import { headerNameProblem, headerValueProblem } from './headers';
import { escapeForLog } from '../text';
import { parseHttpDate, parseRetryAfter } from './retryPolicy';
import type { Deadline } from './deadline';
import type { HttpResponse } from './response';
import { formatDuration } from '../format';

/** The error for the first header that cannot be sent (checked before dispatch, see ./headers). */
export function headerError(
  method: string,
  url: URL,
  headers: Record<string, string>,
  auth: Record<string, string>,
): FrameApiError | undefined {
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerNameProblem(name) ?? headerValueProblem(value);
    if (!problem) continue;
    const fromCredentials = Object.hasOwn(auth, name);
    return new FrameApiError(
      'invalid-request',
      fromCredentials
        ? l10n.t(
            "The {0} header of {1} {2} contains {3}, which HTTP does not allow; nothing was sent. It comes from the connection's credentials: edit the connection and paste the client ID again (letters, digits and punctuation only, no spaces or line breaks).",
            name,
            method,
            displayUrl(url),
            problem,
          )
        : l10n.t(
            'The {0} header of {1} {2} contains {3}, which HTTP does not allow; nothing was sent.',
            `"${escapeForLog(name.slice(0, 60))}"`,
            method,
            displayUrl(url),
            problem,
          ),
      { method, url: displayUrl(url) },
    );
  }
  return undefined;
}

/** Where a redirect points, or a bad-response error when its Location is not a URL (`http://[::1`, port 99999). */
export function redirectTarget(method: string, url: URL, status: number, location: string): URL {
  try {
    return new URL(location, url);
  } catch {
    // Shown without its query: a presigned link carries its signature there.
    throw new FrameApiError(
      'bad-response',
      l10n.t(
        '{0} {1} was redirected (HTTP {2}) to an address that is not a valid URL ("{3}"). The server or a proxy in between is misconfigured; check the connection\'s base URL, and report it if it persists.',
        method,
        displayUrl(url),
        status,
        excerptOf(location.split(/[?#]/, 1)[0] ?? '', 80),
      ),
      { method, url: displayUrl(url), status },
    );
  }
}

/** A URL the request's allowUrl check refused, first or after a redirect from `from`. */
export function refusedUrl(method: string, url: URL, from?: URL): FrameApiError {
  return new FrameApiError(
    'invalid-request',
    from
      ? l10n.t(
          'Refused to follow the redirect of {0} {1} to {2}: that address is not allowed for this request. Nothing was sent there.',
          method,
          displayUrl(from),
          displayUrl(url),
        )
      : l10n.t(
          'Refused to request {0}: that address is not allowed for this request (for example plain http, or a local or private host). Nothing was sent.',
          displayUrl(url),
        ),
    { method, url: displayUrl(url) },
  );
}

/** The total deadline passed (see ./deadline). */
export function deadlineExceeded(method: string, url: URL, limitMs: number): FrameApiError {
  return new FrameApiError(
    'timeout',
    l10n.t(
      '{0} {1} took longer than {2} in total and was stopped: the server (or a proxy) is sending the response too slowly. Try again later; if it keeps happening, check the network or proxy.',
      method,
      displayUrl(url),
      formatDuration(limitMs / 1000),
    ),
    { method, url: displayUrl(url) },
  );
}

export function withAttempts(err: FrameApiError, attempts: number): FrameApiError {
  if (attempts <= 1) return err;
  return new FrameApiError(err.kind, l10n.t('{0} (Tried {1} times.)', err.message, attempts), { ...err, attempts, cause: err.cause });
}

export function cancelled(method: string, url: URL): FrameApiError {
  return new FrameApiError('cancelled', l10n.t('{0} {1} was cancelled.', method, displayUrl(url)), { method, url: displayUrl(url) });
}

export function tooLarge(res: HttpResponse<undefined>, maxBytes: number, declared?: number): FrameApiError {
  const mb = (n: number) => (n / 1048576).toFixed(n < 1048576 ? 2 : 0);
  return new FrameApiError(
    'too-large',
    declared !== undefined
      ? l10n.t(
          'The response from {0} is larger than the {1} MB allowed ({2} MB announced); it was not read. Narrow the request (for example a shorter date range).',
          displayUrl(res.url),
          mb(maxBytes),
          mb(declared),
        )
      : l10n.t(
          'The response from {0} is larger than the {1} MB allowed; it was not read. Narrow the request (for example a shorter date range).',
          displayUrl(res.url),
          mb(maxBytes),
        ),
    { url: displayUrl(res.url), status: res.status },
  );
}

/** Maps undici/socket errors to FrameApiError kinds. `inBody`: the failure happened while reading the body. */
export function mapTransportError(e: unknown, method: string, url: URL, deadline: Deadline, inBody = false): FrameApiError {
  const where = `${method} ${displayUrl(url)}`;
  const details = { method, url: displayUrl(url), cause: e };
  // The deadline aborts the same signal as a cancel: tell them apart first.
  if (deadline.expired) return deadlineExceeded(method, url, deadline.limitMs);
  if (deadline.cancelled || e instanceof undiciErrors.RequestAbortedError || (e as Error)?.name === 'AbortError') {
    return new FrameApiError('cancelled', l10n.t('{0} was cancelled.', where), details);
  }
  if (e instanceof undiciErrors.ConnectTimeoutError) {
    return new FrameApiError(
      'timeout',
      l10n.t('Could not connect to {0} in time ({1}). Check the network, VPN or proxy, and that the base URL is right.', url.host, where),
      details,
    );
  }
  if (e instanceof undiciErrors.HeadersTimeoutError) {
    return new FrameApiError(
      'timeout',
      l10n.t(
        '{0} accepted the connection but did not answer in time ({1}). The service may be overloaded; try again later.',
        url.host,
        where,
      ),
      details,
    );
  }
  if (e instanceof undiciErrors.BodyTimeoutError) {
    return new FrameApiError(
      'timeout',
      l10n.t('The response from {0} stalled before it was complete. Try again; if it keeps happening, check the network.', where),
      details,
    );
  }
  // undici refuses a request it cannot send (a bad option or header). Not a network problem, and
  // retrying cannot help.
  if (e instanceof undiciErrors.InvalidArgumentError || e instanceof undiciErrors.NotSupportedError) {
    return new FrameApiError(
      'invalid-request',
      l10n.t(
        '{0} could not be sent: the HTTP client refused it ({1}). This is a problem with the request itself, not the network; nothing was sent.',
        where,
        String((e as Error).message)
          .split('\n', 1)[0]
          ?.slice(0, 120) ?? '',
      ),
      details,
    );
  }
  if (inBody) {
    return new FrameApiError(
      'network',
      l10n.t(
        'The connection closed before the whole response to {0} arrived (truncated body). Try again; if it persists, check the network or proxy.',
        where,
      ),
      details,
    );
  }
  const code = (e as { code?: string })?.code ?? '';
  const causeCode = (e as { cause?: { code?: string } })?.cause?.code ?? '';
  const why = networkReason(code, url) ?? networkReason(causeCode, url) ?? l10n.t('the request failed before a response arrived');
  return new FrameApiError(
    'network',
    l10n.t({
      message: 'Could not reach {0}: {1} ({2}). Check the base URL, your network, VPN or proxy, then retry.',
      args: [url.host, why, where],
      comment: ['{1} is a reason such as "the connection was reset".'],
    }),
    details,
  );
}

/** Why a socket failed, for people, from its error code (undefined: a code not known here). */
function networkReason(code: string, url: URL): string | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return l10n.t('nothing is listening at {0}', url.host);
    case 'ENOTFOUND':
      return l10n.t('the host name {0} could not be resolved', url.hostname);
    case 'EAI_AGAIN':
      return l10n.t('the host name {0} could not be resolved right now', url.hostname);
    case 'ECONNRESET':
      return l10n.t('the connection was reset');
    case 'EPIPE':
      return l10n.t('the connection was closed');
    case 'ETIMEDOUT':
      return l10n.t('the connection timed out');
    case 'EHOSTUNREACH':
      return l10n.t('the host {0} is unreachable', url.hostname);
    case 'ENETUNREACH':
      return l10n.t('the network is unreachable');
    case 'UND_ERR_SOCKET':
      return l10n.t('the server closed the connection');
    case 'CERT_HAS_EXPIRED':
      return l10n.t("the server's TLS certificate has expired");
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return l10n.t('the server presented a self-signed TLS certificate');
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return l10n.t("the server's TLS certificate could not be verified");
    default:
      return undefined;
  }
}

/** The error for a non-2xx status, with the server's own explanation when it gave one. */
export function statusError(method: string, url: URL, res: HttpResponse<undefined>, body: string, nowMs: number): FrameApiError {
  const status = res.status;
  const where = `${method} ${displayUrl(url)}`;
  const isHtml = /text\/html/i.test(res.headers['content-type'] ?? '') || /^\s*<(!doctype|html)/i.test(body);
  const said = isHtml ? htmlTitle(body) : serverDetail(body);
  // Each part is a whole sentence of its own, translated as one and appended.
  const because = said
    ? ' ' + l10n.t('The server said: {0}', quoteSentence(excerptOf(said, 160)))
    : isHtml
      ? ' ' + l10n.t('The server returned an HTML error page, typically from a proxy or load balancer.')
      : '';
  const details = { method, url: displayUrl(url), status, excerpt: body ? excerptOf(body) : undefined };
  switch (true) {
    case status === 401: {
      const serverDate = parseHttpDate(res.headers['date'] ?? '', nowMs);
      const skew = serverDate === undefined ? undefined : Math.round((serverDate - nowMs) / 1000);
      const skewText =
        skew !== undefined && Math.abs(skew) >= 60
          ? ' ' +
            (skew > 0
              ? l10n.t(
                  "This computer's clock is {0} behind the server's; signatures more than 5 minutes off are rejected. Correct the system clock (turn on automatic time sync) and retry.",
                  formatDuration(Math.abs(skew)),
                )
              : l10n.t(
                  "This computer's clock is {0} ahead of the server's; signatures more than 5 minutes off are rejected. Correct the system clock (turn on automatic time sync) and retry.",
                  formatDuration(Math.abs(skew)),
                ))
          : ' ' +
            l10n.t(
              'Check the client ID and update the client secret (they are shown only once in the Frame console; create a new pair if needed).',
            );
      return new FrameApiError('auth', l10n.t('Frame rejected the credentials (HTTP 401) for {0}.', where) + because + skewText, {
        ...details,
        clockSkewSeconds: skew,
      });
    }
    case status === 403:
      return new FrameApiError(
        'forbidden',
        l10n.t('Access denied (HTTP 403) for {0}.', where) +
          because +
          ' ' +
          l10n.t('The API credentials may lack the role this needs; ask a Frame administrator to grant it.'),
        details,
      );
    case status === 404:
      return new FrameApiError(
        'not-found',
        l10n.t('Not found (HTTP 404): {0}.', where) +
          because +
          ' ' +
          l10n.t("The item may have been removed, or the connection's base URL is wrong (for example {0}).", 'https://api.fra.me/v1alpha'),
        details,
      );
    case status === 429: {
      const wait = parseRetryAfter(res.headers['retry-after'], nowMs);
      const secs = wait === undefined ? undefined : Math.ceil(wait / 1000);
      return new FrameApiError(
        'rate-limited',
        l10n.t('Frame is rate limiting requests (HTTP 429) for {0}.', where) +
          (secs !== undefined ? ' ' + l10n.t('It asked to wait {0}.', formatDuration(secs)) : '') +
          ' ' +
          l10n.t('Try again later.'),
        { ...details, retryAfterSeconds: secs },
      );
    }
    case status >= 500:
      return new FrameApiError(
        'server',
        l10n.t('The server failed (HTTP {0}) for {1}.', status, where) +
          because +
          ' ' +
          l10n.t('This is usually temporary; try again later.'),
        details,
      );
    default:
      return new FrameApiError('http', l10n.t('Unexpected HTTP {0} for {1}.', status, where) + because, details);
  }
}

/** `detail` / `message` / `error_description` / `error` from a JSON error body. */
function serverDetail(body: string): string | undefined {
  try {
    const v = JSON.parse(body) as Record<string, unknown>;
    for (const k of ['detail', 'message', 'error_description', 'error']) if (typeof v?.[k] === 'string') return v[k] as string;
  } catch {
    // not JSON: fall through
  }
  const text = body.trim();
  return text && text.length <= 200 && !text.startsWith('<') ? text : undefined;
}

/** `"text".` for a quote inside a sentence, or `"text."` when the quote ends a sentence itself (no ".".). */
function quoteSentence(text: string): string {
  return /[.!?…]$/.test(text) ? `"${text}"` : `"${text}".`;
}
