/**
 * The HTTP transport every request goes through: one undici keep-alive pool per origin, timeouts,
 * retries with fresh signatures, redirects that never carry credentials to another origin, body
 * size caps, cancellation, and errors mapped to FrameApiError.
 *
 * Why not undici's RetryHandler/redirect interceptor: the retry handler re-dispatches a copy of the
 * original options, so every attempt would carry the same signature (Frame wants one per attempt),
 * and the redirect interceptor strips `Authorization` but not `X-Frame-*` on a cross-origin hop.
 * The loop below is small; undici still does pooling, keep-alive, timeouts and abort (see ./undici
 * for why it is imported by path).
 */
import * as l10n from '@vscode/l10n';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { Agent, request, type ResponseData } from './undici';
import { FrameApiError, displayUrl, excerptOf, htmlTitle, isFrameApiError, type ApiErrorKind } from './errors';
import { Deadline } from './deadline';
import { Redactor } from './redact';
import {
  cancelled,
  deadlineExceeded,
  headerError,
  mapTransportError,
  redirectTarget,
  refusedUrl,
  statusError,
  tooLarge,
  withAttempts,
} from './failures';
import { backoffDelay, isIdempotent, isRetryableStatus, isSafeMethod, parseRetryAfter, type RetryOptions } from './retryPolicy';
import { assertAllowedUrl, redactUrlForLog } from './urls';
import { clampDeadline, resolveLimits, type TransportLimits } from './limits';
import { methodProblem } from './headers';
import { escapeForLog } from '../text';
import type { HttpResponse } from './response';

export type { HttpResponse } from './response';

/** Numeric options are rounded and clamped (./limits): timeouts 1 s..600 s, retries 0..10. */
export interface TransportOptions {
  connectTimeoutMs?: number;
  /** Time to wait for the response headers. */
  headersTimeoutMs?: number;
  /** Longest silence while the body is arriving. */
  bodyTimeoutMs?: number;
  /** Sockets kept per origin (the pool size). */
  connectionsPerOrigin?: number;
  maxRedirects?: number;
  /** Longest a whole request may take: every attempt, redirect, retry wait and the body (default 5 min). */
  deadlineMs?: number;
  /** The same for requestStream, i.e. report downloads (default 60 min). */
  streamDeadlineMs?: number;
  retry?: Partial<RetryOptions>;
  /** One entry per attempt: for the "Frame" log. Never receives headers. */
  onLog?: (entry: RequestLogEntry) => void;
  /** Clock (ms) used for Retry-After dates and clock skew; injectable for tests. */
  now?: () => number;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

export interface RequestLogEntry {
  method: string;
  /** Origin, path and query with signature-like values masked. */
  url: string;
  status?: number;
  ms: number;
  attempt: number;
  /** The error kind when the attempt failed without a status, or was retried. */
  error?: ApiErrorKind;
}

export interface HttpRequest {
  method: string;
  url: URL;
  /**
   * Fresh authentication headers for one attempt at `url`. Called before every attempt (a retry or a
   * same-origin redirect re-signs); never called once a redirect has left the original origin.
   */
  sign?: (url: URL) => Record<string, string>;
  /** Headers that carry no secret (Accept, Content-Type). */
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
  /** Defaults to the method's idempotency (GET, HEAD, PUT, DELETE, OPTIONS). */
  retryable?: boolean;
  /**
   * Defaults to true for GET, HEAD and OPTIONS only: a write is never sent again, so a redirect
   * answering it is an error ("may or may not have taken effect"), not a hop.
   */
  followRedirects?: boolean;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** This request's total deadline, instead of the transport's deadlineMs / streamDeadlineMs. */
  deadlineMs?: number;
  /**
   * A check of the first URL and of every redirect hop, before anything is sent there (e.g.
   * iconUrlAllowed for icons named by API data); a refused URL is an invalid-request error.
   */
  allowUrl?: (url: URL) => boolean;
  /**
   * Values that must never appear in error text, such as the client secret. The credential headers
   * `sign` returns are added on every attempt (see ./redact).
   */
  redact?: readonly string[];
  /**
   * Every final status is an answer (request files show a 404 or 500 as received): non-2xx
   * responses are read like 2xx ones and returned, not thrown, and not retried.
   */
  everyStatus?: boolean;
}

/** Bytes of an error response kept to explain it. */
const ERROR_BODY_BYTES = 16 * 1024;

/** Reads one response body; stream failures (including the deadline) become FrameApiErrors inside. */
type ReadBody<T> = (body: Readable, res: HttpResponse<undefined>, deadline: Deadline) => Promise<T>;

/** Internal: an attempt failed in a way that may be retried. */
class RetryableFailure extends Error {
  constructor(
    readonly error: FrameApiError,
    readonly retryAfterMs?: number,
  ) {
    super(error.message);
  }
}

export class HttpTransport {
  private readonly agent: Agent;
  private readonly options: TransportLimits;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly onLog?: (entry: RequestLogEntry) => void;

  constructor(options: TransportOptions = {}) {
    this.options = resolveLimits(options);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.onLog = options.onLog;
    this.agent = new Agent({
      connections: this.options.connectionsPerOrigin,
      connect: { timeout: this.options.connectTimeoutMs },
      headersTimeout: this.options.headersTimeoutMs,
      bodyTimeout: this.options.bodyTimeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  /** The whole body as a Buffer (at most `maxBytes`). Non-2xx statuses throw FrameApiError. */
  requestBuffer(req: HttpRequest): Promise<HttpResponse<Buffer>> {
    return this.send(req, this.options.deadlineMs, (body, res, deadline) => readCapped(body, req, res, deadline));
  }

  /** The whole body as UTF-8 text (at most `maxBytes`). */
  async requestText(req: HttpRequest): Promise<HttpResponse<string>> {
    const res = await this.requestBuffer(req);
    return { ...res, body: res.body.toString('utf8') };
  }

  /**
   * The body parsed as JSON. An HTML page or unparsable text is a bad-response error with an excerpt.
   */
  async requestJson(req: HttpRequest): Promise<HttpResponse<unknown>> {
    const res = await this.requestText({ ...req, headers: { Accept: 'application/json', ...req.headers } });
    const contentType = res.headers['content-type'] ?? '';
    const where = `${req.method} ${displayUrl(res.url)}`;
    // Error text is built from the scrubbed body only (a server may echo credentials, see ./redact).
    const shown = (): string => res.redact(res.body);
    if (/text\/html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(res.body)) {
      const page = shown();
      const title = htmlTitle(page);
      throw new FrameApiError(
        'bad-response',
        title
          ? l10n.t(
              'Expected JSON from {0} but got an HTML page ("{1}"). Check that the connection\'s base URL points at the API (for example {2}), not at a web page or a login portal.',
              where,
              excerptOf(title, 80),
              'https://api.fra.me/v1alpha',
            )
          : l10n.t(
              "Expected JSON from {0} but got an HTML page. Check that the connection's base URL points at the API (for example {1}), not at a web page or a login portal.",
              where,
              'https://api.fra.me/v1alpha',
            ),
        { method: req.method, url: displayUrl(res.url), status: res.status, excerpt: excerptOf(page) },
      );
    }
    try {
      return { ...res, body: JSON.parse(res.body) as unknown };
    } catch {
      // Not the parser's message: it quotes the body, unscrubbed.
      throw new FrameApiError(
        'bad-response',
        res.body.length
          ? l10n.t(
              'The response to {0} is not valid JSON. The server or a proxy in between may be misbehaving; try again, and check the log if it persists.',
              where,
            )
          : l10n.t(
              'The response to {0} is not valid JSON (the body is empty). The server or a proxy in between may be misbehaving; try again, and check the log if it persists.',
              where,
            ),
        { method: req.method, url: displayUrl(res.url), status: res.status, excerpt: res.body.length ? excerptOf(shown()) : undefined },
      );
    }
  }

  /**
   * Streams the body to `consume` (for large downloads). The stream is already size-capped and
   * aborts with the request's signal. Not retried once `consume` has started.
   */
  requestStream<T>(
    req: HttpRequest,
    consume: (body: AsyncIterable<Buffer>, res: HttpResponse<undefined>) => Promise<T>,
  ): Promise<HttpResponse<T>> {
    return this.send({ ...req, retryable: false }, this.options.streamDeadlineMs, (body, res, deadline) =>
      consume(capStream(body, req, res, deadline), res),
    );
  }

  /** Closes every pooled socket. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  private async send<T>(req: HttpRequest, defaultDeadlineMs: number, readBody: ReadBody<T>): Promise<HttpResponse<T>> {
    const method = req.method.toUpperCase();
    if (methodProblem(method)) {
      throw new FrameApiError(
        'invalid-request',
        l10n.t('"{0}" is not an HTTP method (GET, POST, PUT, DELETE…); nothing was sent.', escapeForLog(req.method.slice(0, 40))),
        { url: displayUrl(req.url) },
      );
    }
    const retryable = req.retryable ?? isIdempotent(method);
    const { retry } = this.options;
    const deadline = new Deadline(clampDeadline(req.deadlineMs, defaultDeadlineMs), req.signal);
    const redactor = new Redactor(req.redact);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.attemptWithRedirects({ ...req, method }, attempt, readBody, deadline, redactor);
        } catch (e) {
          if (!(e instanceof RetryableFailure)) throw e;
          const err = e.error;
          // A spent deadline is final: another attempt would start with no time left.
          if (!retryable || attempt > retry.maxRetries || deadline.expired) throw withAttempts(err, attempt);
          if (e.retryAfterMs !== undefined && e.retryAfterMs > retry.retryAfterCapMs) throw withAttempts(err, attempt);
          const delay = e.retryAfterMs ?? backoffDelay(attempt, retry, this.random);
          // A wait that would end past the deadline is not waited for: the server's answer stands.
          if (delay >= deadline.remainingMs) throw withAttempts(err, attempt);
          try {
            await sleep(delay, undefined, { signal: deadline.signal });
          } catch {
            throw deadline.expired ? deadlineExceeded(method, req.url, deadline.limitMs) : cancelled(method, req.url);
          }
        }
      }
    } catch (e) {
      // Every error leaving the transport, whoever built it, is scrubbed once more.
      throw isFrameApiError(e) ? redactor.scrubError(e) : e;
    } finally {
      deadline.dispose();
    }
  }

  /** One attempt, following redirects: same origin re-signs, another origin gets no credentials. */
  private async attemptWithRedirects<T>(
    req: HttpRequest,
    attempt: number,
    readBody: ReadBody<T>,
    deadline: Deadline,
    redactor: Redactor,
  ): Promise<HttpResponse<T>> {
    const origin = req.url.origin;
    let url = req.url;
    let method = req.method;
    let body = req.body;
    let leftOrigin = false;
    let from: URL | undefined; // the URL that redirected here
    for (let hop = 0; ; hop++) {
      assertAllowedUrl(url);
      if (req.allowUrl && !req.allowUrl(url)) throw refusedUrl(method, url, from);
      if (deadline.cancelled) throw cancelled(method, url);
      if (deadline.expired) throw deadlineExceeded(method, url, deadline.limitMs);
      leftOrigin ||= url.origin !== origin;
      const auth = !leftOrigin && req.sign ? req.sign(url) : {};
      redactor.addHeaders(auth);
      const headers: Record<string, string> = { ...req.headers, ...auth };
      if (leftOrigin) for (const k of Object.keys(headers)) if (/^(authorization|x-frame-|cookie)/i.test(k)) delete headers[k];
      const started = this.now();
      const log = (status?: number, error?: ApiErrorKind) =>
        this.onLog?.({ method, url: redactUrlForLog(url), status, ms: this.now() - started, attempt, error });
      const unsendable = headerError(method, url, headers, auth);
      if (unsendable) {
        log(undefined, unsendable.kind);
        throw unsendable;
      }

      let res: ResponseData;
      try {
        res = await request(this.agent, {
          origin: url.origin,
          path: url.pathname + url.search,
          method: method as 'GET',
          headers,
          body,
          signal: deadline.signal,
        });
      } catch (e) {
        const err = mapTransportError(e, method, url, deadline);
        log(undefined, err.kind);
        if (err.kind === 'network' || err.kind === 'timeout') throw new RetryableFailure(err);
        throw err;
      }

      const response: HttpResponse<undefined> = {
        status: res.statusCode,
        headers: flattenHeaders(res.headers),
        url,
        body: undefined,
        redact: (text) => redactor.scrub(text),
      };
      const status = res.statusCode;

      if (status >= 300 && status < 400 && response.headers.location !== undefined) {
        // Dropped, not drained: a redirect body can be endless, and draining it kept downloading
        // after the request had returned. The socket is closed instead of reused; redirects are rare.
        res.body.on('error', () => {}).destroy(); // (it reports the abort as an error: expected)
        log(status);
        if (!(req.followRedirects ?? isSafeMethod(req.method))) {
          throw new FrameApiError(
            'http',
            l10n.t(
              '{0} {1} was answered with a redirect (HTTP {2}), which was not followed: a write is never sent twice. The request reached the server, so it may or may not have taken effect.',
              method,
              displayUrl(url),
              status,
            ),
            { method, url: displayUrl(url), status },
          );
        }
        if (hop >= this.options.maxRedirects) {
          throw new FrameApiError(
            'http',
            l10n.t(
              "Too many redirects (more than {0}) from {1} {2}. Check the connection's base URL.",
              this.options.maxRedirects,
              method,
              displayUrl(req.url),
            ),
            { method, url: displayUrl(req.url), status },
          );
        }
        const next = redirectTarget(method, url, status, response.headers.location);
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        from = url;
        url = next;
        continue;
      }

      if ((status < 200 || status >= 300) && !req.everyStatus) {
        const text = redactor.scrub(await readErrorBody(res.body));
        const err = statusError(method, url, response, text, this.now());
        log(status, isRetryableStatus(status) ? err.kind : undefined);
        if (isRetryableStatus(status)) throw new RetryableFailure(err, parseRetryAfter(response.headers['retry-after'], this.now()));
        throw err;
      }

      try {
        const result = await readBody(res.body, response, deadline);
        log(status);
        return { ...response, body: result };
      } catch (e) {
        res.body.destroy();
        // Body failures arrive here already mapped (capStream); anything else is the consumer's own
        // error (a full disk, say) and passes through unchanged.
        if (!isFrameApiError(e)) throw e;
        log(status, e.kind);
        if (e.kind === 'network' || e.kind === 'timeout') throw new RetryableFailure(e);
        throw e;
      }
    }
  }
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

async function readErrorBody(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= ERROR_BODY_BYTES) break;
    }
  } catch {
    // The error body is only used to explain the status: a broken one is not worth another error.
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES).toString('utf8');
}

/** Reads a body into memory, refusing more than maxBytes (announced or actual). */
async function readCapped(body: Readable, req: HttpRequest, res: HttpResponse<undefined>, deadline: Deadline): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of capStream(body, req, res, deadline)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The body as chunks, capped at req.maxBytes; stream failures become FrameApiErrors here. */
async function* capStream(body: Readable, req: HttpRequest, res: HttpResponse<undefined>, deadline: Deadline): AsyncGenerator<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > req.maxBytes) throw tooLarge(res, req.maxBytes, declared);
  let size = 0;
  const chunks = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = await chunks.next();
    } catch (e) {
      throw mapTransportError(e, req.method, res.url, deadline, true);
    }
    if (next.done) return;
    size += next.value.length;
    if (size > req.maxBytes) throw tooLarge(res, req.maxBytes);
    yield next.value;
  }
}
