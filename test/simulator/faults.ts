/**
 * Injected faults: a queue matched against each request on the main origin, and the code that
 * writes each fault's (mis)behaviour onto the socket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './reply';

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; retryAfter?: string; body?: string; contentType?: string }
  | { kind: 'malformed-json' }
  | { kind: 'wrong-types' }
  | { kind: 'html-error'; status?: number }
  | { kind: 'truncated-body' }
  | { kind: 'slow-body'; chunkDelayMs: number; chunks?: number }
  | { kind: 'huge-body'; bytes: number }
  | { kind: 'redirect'; status?: 301 | 302 | 307 | 308; target: 'same-origin' | 'other-origin' }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /** The request is handled (a POST takes effect), then answered with this status instead. */
  | { kind: 'status-after'; status: number; body?: string };

export interface FaultMatch {
  /** A string is compared with the pathname exactly; a RegExp is tested on pathname + search. */
  path?: string | RegExp;
  method?: string;
  /** How many matching requests the fault applies to (default 1; Infinity allowed). */
  times?: number;
}

interface Entry {
  fault: Fault;
  match: FaultMatch;
  remaining: number;
}

export class FaultQueue {
  private entries: Entry[] = [];

  add(fault: Fault, match: FaultMatch = {}): void {
    const times = match.times ?? 1;
    if (!(times > 0)) throw new Error('inject: times must be positive');
    this.entries.push({ fault, match, remaining: times });
  }

  clear(): void {
    this.entries = [];
  }

  /** The first fault matching the request, consumed (undefined when none matches). */
  take(method: string, pathname: string, path: string): Fault | undefined {
    const i = this.entries.findIndex(({ match }) => {
      if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
      if (match.path === undefined) return true;
      if (typeof match.path === 'string') return match.path === pathname;
      match.path.lastIndex = 0;
      return match.path.test(path);
    });
    if (i < 0) return undefined;
    const entry = this.entries[i] as Entry;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.entries.splice(i, 1);
    return entry.fault;
  }
}

/** Waits, unless the simulator closes first (then resolves false). */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Writes that resolve when the socket accepted the data (respecting backpressure); false when the response is gone. */
function write(res: ServerResponse, chunk: Buffer | string): Promise<boolean> {
  return new Promise((resolve) => {
    if (res.destroyed || res.writableEnded) return resolve(false);
    if (res.write(chunk)) return resolve(true);
    const done = (ok: boolean) => (): void => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

export const DEFAULT_HTML_ERROR_STATUS = 502;

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function htmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>awselb/2.0</center>\r\n</body>\r\n</html>\r\n`;
}

/** A body valid as JSON but of the wrong shape for any endpoint: an object, numbers as strings, fields missing or mistyped. */
export const WRONG_TYPES_BODY = JSON.stringify({
  count: '3',
  results: [
    { account_id: 12345, name: null, hours_used: '7.5', time: 20240101, status: 1 },
    { email: ['not', 'a', 'string'], month: 'January', year: '2024' },
  ],
  stat: 404,
});

/** An application/json body cut mid-object. */
export const MALFORMED_JSON_BODY = '[{"account_id": "ABCD-1234-DEFF-5678", "name": "Superadmin", "email": "admin@exa';

/** Replies that are complete responses of their own (no real handler involved). */
export function staticFaultReply(fault: Fault, locationBase: { same: string; other: string }, path: string): Reply | undefined {
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = { 'content-type': fault.contentType ?? 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      const body = fault.body ?? JSON.stringify({ detail: `Simulated ${fault.status} response.` });
      return { status: fault.status, headers, body };
    }
    case 'malformed-json':
      return { status: 200, headers: { 'content-type': 'application/json' }, body: MALFORMED_JSON_BODY };
    case 'wrong-types':
      return { status: 200, headers: { 'content-type': 'application/json' }, body: WRONG_TYPES_BODY };
    case 'html-error': {
      const status = fault.status ?? DEFAULT_HTML_ERROR_STATUS;
      return { status, headers: { 'content-type': 'text/html' }, body: htmlErrorPage(status) };
    }
    case 'redirect': {
      const base = fault.target === 'other-origin' ? locationBase.other : locationBase.same;
      return { status: fault.status ?? 302, headers: { location: base + path, 'content-type': 'text/plain' }, body: '' };
    }
    default:
      return undefined;
  }
}

/** Sends the headers with the real Content-Length, half the body, then destroys the socket. */
export function writeTruncated(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body);
  const sent = body.length > 1 ? Math.floor(body.length / 2) : 0;
  const length = Math.max(body.length, sent + 1);
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(length) });
  res.write(body.subarray(0, sent), () => {
    setTimeout(() => req.socket.destroy(), 20);
  });
}

/** Sends the headers at once, then the body in `chunks` pieces `chunkDelayMs` apart. */
export async function writeSlow(
  res: ServerResponse,
  reply: Reply,
  chunkDelayMs: number,
  chunks: number,
  signal: AbortSignal,
): Promise<void> {
  const body = Buffer.from(reply.body);
  const n = Math.max(1, Math.min(chunks, Math.max(1, body.length)));
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.flushHeaders();
  const size = Math.ceil(body.length / n);
  for (let i = 0; i < n; i++) {
    if (i > 0 && !(await sleep(chunkDelayMs, signal))) return;
    if (!(await write(res, body.subarray(i * size, (i + 1) * size)))) return;
  }
  res.end();
}

/** A valid JSON array of exactly `bytes` bytes (at least 2), streamed in 64 KiB pieces. */
export async function writeHuge(res: ServerResponse, bytes: number, headOnly: boolean): Promise<void> {
  const total = Math.max(2, Math.floor(bytes));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(total) });
  if (headOnly) {
    res.end();
    return;
  }
  const record = '{"name":"Huge Body","email":"huge.body@example.com","status":"active"}';
  const unit = Buffer.from(',' + record);
  const per = Math.floor(65536 / unit.length);
  const block = Buffer.concat(Array.from({ length: per }, () => unit));
  let remaining = total - 2; // between '[' and ']'
  let first = true;
  if (!(await write(res, '['))) return;
  while (remaining > 0) {
    let chunk: Buffer;
    if (first && remaining >= record.length) {
      chunk = Buffer.from(record);
      first = false;
    } else if (!first && remaining >= block.length) {
      chunk = block;
    } else if (!first && remaining >= unit.length) {
      chunk = block.subarray(0, Math.floor(remaining / unit.length) * unit.length);
    } else {
      chunk = Buffer.alloc(remaining, 0x20); // whitespace is valid JSON padding
    }
    remaining -= chunk.length;
    if (!(await write(res, chunk))) return;
  }
  res.end(']');
}
