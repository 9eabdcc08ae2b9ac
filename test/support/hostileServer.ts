/**
 * A small misbehaving HTTP server on 127.0.0.1 for tests that the simulator's fault list does not
 * cover (trickled bodies, endless redirect bodies, broken Location headers, echoed credentials).
 * Each route is a plain node:http handler; every handler gets a signal that aborts when the test
 * closes the server, so a slow or endless writer always stops.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type HostileHandler = (req: http.IncomingMessage, res: http.ServerResponse, signal: AbortSignal) => void | Promise<void>;

export interface Hit {
  method: string;
  /** pathname + search */
  path: string;
  /** lower-case names */
  headers: Record<string, string>;
  body: string;
}

export interface HostileServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request received, in order. */
  readonly hits: Hit[];
  /** Answers `path` (exact pathname) with `handler`; unknown paths get 404. */
  route(path: string, handler: HostileHandler): void;
  close(): Promise<void>;
}

export async function startHostileServer(routes: Record<string, HostileHandler> = {}): Promise<HostileServer> {
  const table = new Map(Object.entries(routes));
  const hits: Hit[] = [];
  const closing = new AbortController();
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      hits.push({ method: req.method ?? '', path: url.pathname + url.search, headers, body: Buffer.concat(chunks).toString('utf8') });
      const handler = table.get(url.pathname);
      if (!handler) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"Not found."}');
        return;
      }
      Promise.resolve(handler(req, res, closing.signal)).catch(() => res.destroy());
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    route: (path, handler) => void table.set(path, handler),
    close: async () => {
      closing.abort();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits `ms`, or less when `signal` aborts first (then resolves false). */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    const stop = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Writes `body` one byte every `intervalMs` (never silent long enough for a body timeout), for at
 * most `maxMs`, then ends the response: the test stays bounded even when the client never gives up.
 */
export async function trickle(res: http.ServerResponse, signal: AbortSignal, opts: { intervalMs: number; maxMs: number }): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < opts.maxMs && !res.destroyed) {
    res.write(' ');
    if (!(await pause(opts.intervalMs, signal))) break;
  }
  if (!res.destroyed) res.end('[]');
}

/**
 * Writes zeros as fast as the client reads them, up to `maxBytes`. Resolves with the bytes the
 * client accepted before it closed the connection (or all of them when it read everything).
 */
export async function endlessBody(res: http.ServerResponse, signal: AbortSignal, maxBytes: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024);
  let written = 0;
  while (written < maxBytes && !res.destroyed && !signal.aborted) {
    written += chunk.length;
    if (!res.write(chunk)) {
      const goOn = await new Promise<boolean>((resolve) => {
        const settle = (drained: boolean) => () => {
          res.off('drain', onDrain).off('close', onClose);
          resolve(drained);
        };
        const onDrain = settle(true);
        const onClose = settle(false);
        res.on('drain', onDrain).on('close', onClose);
      });
      if (!goOn) break;
    }
  }
  if (!res.destroyed) res.end();
  return written;
}
