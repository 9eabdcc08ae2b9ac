/**
 * What went wrong, for people: every failure of a request (refused before sending, a transport
 * error, an unexpected status, a body over its cap) as a FrameApiError that says what happened
 * and what to do.
 */
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
      `The ${fromCredentials ? name : `"${escapeForLog(name.slice(0, 60))}"`} header of ${method} ${displayUrl(url)} contains ${problem}, which HTTP does not allow; nothing was sent.` +
        (fromCredentials
          ? " It comes from the connection's credentials: edit the connection and paste the client ID again (letters, digits and punctuation only, no spaces or line breaks)."
          : ''),
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
      `${method} ${displayUrl(url)} was redirected (HTTP ${status}) to an address that is not a valid URL ("${excerptOf(location.split(/[?#]/, 1)[0] ?? '', 80)}"). The server or a proxy in between is misconfigured; check the connection's base URL, and report it if it persists.`,
      { method, url: displayUrl(url), status },
    );
  }
}

/** A URL the request's allowUrl check refused, first or after a redirect from `from`. */
export function refusedUrl(method: string, url: URL, from?: URL): FrameApiError {
  return new FrameApiError(
    'invalid-request',
    from
      ? `Refused to follow the redirect of ${method} ${displayUrl(from)} to ${displayUrl(url)}: that address is not allowed for this request. Nothing was sent there.`
      : `Refused to request ${displayUrl(url)}: that address is not allowed for this request (for example plain http, or a local or private host). Nothing was sent.`,
    { method, url: displayUrl(url) },
  );
}

/** The total deadline passed (see ./deadline). */
export function deadlineExceeded(method: string, url: URL, limitMs: number): FrameApiError {
  return new FrameApiError(
    'timeout',
    `${method} ${displayUrl(url)} took longer than ${formatDuration(limitMs / 1000)} in total and was stopped: the server (or a proxy) is sending the response too slowly. Try again later; if it keeps happening, check the network or proxy.`,
    { method, url: displayUrl(url) },
  );
}

export function withAttempts(err: FrameApiError, attempts: number): FrameApiError {
  if (attempts <= 1) return err;
  return new FrameApiError(err.kind, `${err.message} (Tried ${attempts} times.)`, { ...err, attempts, cause: err.cause });
}

export function cancelled(method: string, url: URL): FrameApiError {
  return new FrameApiError('cancelled', `${method} ${displayUrl(url)} was cancelled.`, { method, url: displayUrl(url) });
}

export function tooLarge(res: HttpResponse<undefined>, maxBytes: number, declared?: number): FrameApiError {
  const mb = (n: number) => (n / 1048576).toFixed(n < 1048576 ? 2 : 0);
  return new FrameApiError(
    'too-large',
    `The response from ${displayUrl(res.url)} is larger than the ${mb(maxBytes)} MB allowed${declared !== undefined ? ` (${mb(declared)} MB announced)` : ''}; it was not read. Narrow the request (for example a shorter date range).`,
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
    return new FrameApiError('cancelled', `${where} was cancelled.`, details);
  }
  if (e instanceof undiciErrors.ConnectTimeoutError) {
    return new FrameApiError(
      'timeout',
      `Could not connect to ${url.host} in time (${where}). Check the network, VPN or proxy, and that the base URL is right.`,
      details,
    );
  }
  if (e instanceof undiciErrors.HeadersTimeoutError) {
    return new FrameApiError(
      'timeout',
      `${url.host} accepted the connection but did not answer in time (${where}). The service may be overloaded; try again later.`,
      details,
    );
  }
  if (e instanceof undiciErrors.BodyTimeoutError) {
    return new FrameApiError(
      'timeout',
      `The response from ${where} stalled before it was complete. Try again; if it keeps happening, check the network.`,
      details,
    );
  }
  // undici refuses a request it cannot send (a bad option or header). Not a network problem, and
  // retrying cannot help.
  if (e instanceof undiciErrors.InvalidArgumentError || e instanceof undiciErrors.NotSupportedError) {
    return new FrameApiError(
      'invalid-request',
      `${where} could not be sent: the HTTP client refused it (${String((e as Error).message)
        .split('\n', 1)[0]
        ?.slice(0, 120)}). This is a problem with the request itself, not the network; nothing was sent.`,
      details,
    );
  }
  if (inBody) {
    return new FrameApiError(
      'network',
      `The connection closed before the whole response to ${where} arrived (truncated body). Try again; if it persists, check the network or proxy.`,
      details,
    );
  }
  const code = (e as { code?: string })?.code ?? '';
  const reason: Record<string, string> = {
    ECONNREFUSED: `nothing is listening at ${url.host}`,
    ENOTFOUND: `the host name ${url.hostname} could not be resolved`,
    EAI_AGAIN: `the host name ${url.hostname} could not be resolved right now`,
    ECONNRESET: 'the connection was reset',
    EPIPE: 'the connection was closed',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: `the host ${url.hostname} is unreachable`,
    ENETUNREACH: 'the network is unreachable',
    UND_ERR_SOCKET: 'the server closed the connection',
    CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: 'the server presented a self-signed TLS certificate',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's TLS certificate could not be verified",
  };
  const causeCode = (e as { cause?: { code?: string } })?.cause?.code ?? '';
  const why = reason[code] ?? reason[causeCode] ?? 'the request failed before a response arrived';
  return new FrameApiError(
    'network',
    `Could not reach ${url.host}: ${why} (${where}). Check the base URL, your network, VPN or proxy, then retry.`,
    details,
  );
}

/** The error for a non-2xx status, with the server's own explanation when it gave one. */
export function statusError(method: string, url: URL, res: HttpResponse<undefined>, body: string, nowMs: number): FrameApiError {
  const status = res.status;
  const where = `${method} ${displayUrl(url)}`;
  const isHtml = /text\/html/i.test(res.headers['content-type'] ?? '') || /^\s*<(!doctype|html)/i.test(body);
  const said = isHtml ? htmlTitle(body) : serverDetail(body);
  const because = said
    ? ` The server said: ${quoteSentence(excerptOf(said, 160))}`
    : isHtml
      ? ' The server returned an HTML error page, typically from a proxy or load balancer.'
      : '';
  const details = { method, url: displayUrl(url), status, excerpt: body ? excerptOf(body) : undefined };
  switch (true) {
    case status === 401: {
      const serverDate = parseHttpDate(res.headers['date'] ?? '', nowMs);
      const skew = serverDate === undefined ? undefined : Math.round((serverDate - nowMs) / 1000);
      const skewText =
        skew !== undefined && Math.abs(skew) >= 60
          ? ` This computer's clock is ${formatDuration(Math.abs(skew))} ${skew > 0 ? 'behind' : 'ahead of'} the server's; signatures more than 5 minutes off are rejected. Correct the system clock (turn on automatic time sync) and retry.`
          : ' Check the client ID and update the client secret (they are shown only once in the Frame console; create a new pair if needed).';
      return new FrameApiError('auth', `Frame rejected the credentials (HTTP 401) for ${where}.${because}${skewText}`, {
        ...details,
        clockSkewSeconds: skew,
      });
    }
    case status === 403:
      return new FrameApiError(
        'forbidden',
        `Access denied (HTTP 403) for ${where}.${because} The API credentials may lack the role this needs; ask a Frame administrator to grant it.`,
        details,
      );
    case status === 404:
      return new FrameApiError(
        'not-found',
        `Not found (HTTP 404): ${where}.${because} The item may have been removed, or the connection's base URL is wrong (for example https://api.fra.me/v1alpha).`,
        details,
      );
    case status === 429: {
      const wait = parseRetryAfter(res.headers['retry-after'], nowMs);
      const secs = wait === undefined ? undefined : Math.ceil(wait / 1000);
      return new FrameApiError(
        'rate-limited',
        `Frame is rate limiting requests (HTTP 429) for ${where}.${secs !== undefined ? ` It asked to wait ${formatDuration(secs)}.` : ''} Try again later.`,
        { ...details, retryAfterSeconds: secs },
      );
    }
    case status >= 500:
      return new FrameApiError(
        'server',
        `The server failed (HTTP ${status}) for ${where}.${because} This is usually temporary; try again later.`,
        details,
      );
    default:
      return new FrameApiError('http', `Unexpected HTTP ${status} for ${where}.${because}`, details);
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
