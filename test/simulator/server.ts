/**
 * The simulator's HTTP servers: the main origin (Frame Web API, Admin API, Registration API,
 * presigned report downloads, icons) and a second listener that stands for another origin.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { lookupFrom, verifyFrame } from './auth';
import {
  ACCOUNT_SCOPED_CREDENTIALS,
  DEMO_CREDENTIALS,
  DEMO_REGISTRATION_CREDENTIALS,
  ORGANIZATION_SCOPED_CREDENTIALS,
} from './credentials';
import type { TenantScope } from './adminData';
import { createData, type SimulatorData } from './data';
import { FaultQueue, sleep, staticFaultReply, writeHuge, writeSlow, writeTruncated, type Fault, type FaultMatch } from './faults';
import { Presigner, s3Error } from './presign';
import { handleRegistration, REGISTRATION_PREFIX } from './registration';
import { detail, json, notFound, type Reply, type RequestContext } from './reply';
import { handleWebApi } from './webApi';
import { handleAdminApi } from './adminApi';
import { craftedZip, isCraftedZip, reportZip, type CraftedZipName } from './zips';
import { sessionCsv } from '../fixtures/sessions';
import { deriveSeed } from './util';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  seed?: number;
  now?: Date;
  sessionsPerMonth?: number;
  log?: (line: string) => void;
  /** The most items an Admin API list serves per page, whatever `limit` asks (Frame documents no maximum). */
  pageCap?: number;
}

export interface RecordedRequest {
  method: string;
  /** pathname + search */
  path: string;
  /** lower-case names */
  headers: Record<string, string>;
  /** Response status; 0 when no response was sent (reset, hang, or still in progress). */
  status: number;
  /** Request body, utf8, '' if none. */
  body: string;
}

export interface Simulator {
  readonly url: string;
  readonly webApiBase: string;
  readonly adminApiBase: string;
  readonly registrationBase: string;
  readonly otherOrigin: { readonly url: string; readonly requests: RecordedRequest[] };
  readonly data: SimulatorData;
  readonly requests: RecordedRequest[];
  readonly connectionCount: number;
  inject(fault: Fault, match?: FaultMatch): void;
  clearFaults(): void;
  setClockOffset(ms: number): void;
  /** (extra) Serve at most `n` items per Admin API page whatever `limit` asks; undefined serves `limit` (reset() restores the option). */
  setPageCap(n: number | undefined): void;
  reset(): void;
  close(): Promise<void>;
  /** (extra) Absolute presigned URL of a crafted test zip; expiresInSeconds < 0 gives an already expired URL. */
  presignedUrl(name: CraftedZipName, opts?: { expiresInSeconds?: number }): string;
  /** (extra) Absolute presigned URL of a monthly report (the same form `sessions` lists). */
  reportUrl(accountId: string, year: number, month: number, opts?: { expiresInSeconds?: number }): string;
  /** (extra) The server clock: real clock + offset, epoch ms. */
  serverNow(): number;
}

const MAX_BODY = 1024 * 1024;

function recordHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function readBody(req: http.IncomingMessage): Promise<{ body: string; tooLarge: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY }));
    req.on('error', () => resolve({ body: Buffer.concat(chunks).toString('utf8'), tooLarge: false }));
    req.on('close', () => resolve({ body: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY }));
  });
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function trackSockets(server: http.Server, sockets: Set<Socket>, onConnection?: () => void): void {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    onConnection?.();
    socket.once('close', () => sockets.delete(socket));
  });
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  const seed = opts.seed ?? 1;
  const log = opts.log;
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const otherRequests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  let clockOffset = 0;
  let pageCap = opts.pageCap;
  let connectionCount = 0;
  const serverNow = (): number => Date.now() + clockOffset;
  const frameLookup = lookupFrom([DEMO_CREDENTIALS, ORGANIZATION_SCOPED_CREDENTIALS, ACCOUNT_SCOPED_CREDENTIALS]);
  const registrationLookup = lookupFrom([DEMO_REGISTRATION_CREDENTIALS]);
  const presigner = new Presigner(`sim-presign-${deriveSeed(seed, 'presign')}`);

  const mainServer = http.createServer();
  const otherServer = http.createServer();
  trackSockets(mainServer, sockets, () => connectionCount++);
  trackSockets(otherServer, sockets);
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  const mainPort = await listen(mainServer, opts.port ?? 0, host);
  const otherPort = await listen(otherServer, 0, host);
  const url = `http://${hostForUrl}:${mainPort}`;
  const otherUrl = `http://${hostForUrl}:${otherPort}`;

  const data = createData({ seed, now: opts.now ?? new Date(), sessionsPerMonth: opts.sessionsPerMonth ?? 1500, baseUrl: url });

  const zipCache = new Map<string, Buffer>();
  const cachedZip = (key: string, make: () => Buffer): Buffer => {
    let z = zipCache.get(key);
    if (!z) {
      z = make();
      zipCache.set(key, z);
    }
    return z;
  };
  const monthlyZip = (accountId: string, year: number, month: number): Buffer =>
    cachedZip(`${accountId}/${year}/${month}`, () => {
      const name = data.reportFileName(accountId, year, month);
      return reportZip(name, sessionCsv(data.monthlyReportRows(accountId, year, month)), new Date(Date.UTC(year, month - 1, 28)));
    });
  const reportPath = (accountId: string, year: number, month: number): string =>
    `/presigned/p01/${data.reportFileName(accountId, year, month)}.zip`;
  const reportUrl = (accountId: string, year: number, month: number, nowMs: number, ttl?: number): string =>
    url + presigner.sign(reportPath(accountId, year, month), nowMs, ttl);

  let tokenIndex: Map<string, string> | undefined;
  const accountByToken = (token: string): string | undefined => {
    tokenIndex ??= new Map(
      [...data.accounts.map((a) => a.account_id), ...data.tenant.accounts.map((a) => a.id)].map((id) => [data.reportToken(id), id]),
    );
    return tokenIndex.get(token);
  };

  const presigned = (ctx: RequestContext): Reply => {
    const refused = presigner.check(ctx);
    if (refused) return refused;
    const zipReply = (body: Buffer): Reply => ({
      status: 200,
      headers: { 'content-type': 'application/zip', 'x-amz-request-id': 'SIMULATOR' },
      body,
    });
    const crafted = /^\/presigned\/p01\/crafted\/([a-z-]+)\.csv\.zip$/.exec(ctx.pathname);
    if (crafted && isCraftedZip(crafted[1] as string)) {
      const name = crafted[1] as CraftedZipName;
      return zipReply(
        cachedZip(`crafted/${name}`, () =>
          craftedZip(name, () => {
            const first = data.accounts[0];
            const month = data.reportMonths[0];
            return first && month ? monthlyZip(first.account_id, month.year, month.month) : Buffer.alloc(0);
          }),
        ),
      );
    }
    const m = /^\/presigned\/p01\/([A-Za-z0-9]{16})\.(\d{4})\.(\d{1,2})\.([0-9a-f]{5})\.csv\.zip$/.exec(ctx.pathname);
    const accountId = m ? accountByToken(m[1] as string) : undefined;
    if (m && accountId) {
      const year = Number(m[2]);
      const month = Number(m[3]);
      const listed = data.reportMonths.some((r) => r.year === year && r.month === month);
      if (listed && reportPath(accountId, year, month) === ctx.pathname) return zipReply(monthlyZip(accountId, year, month));
    }
    return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
  };

  /** What each set of frame credentials may see of the Admin API tenant. */
  const scopeOf = (clientId: string): TenantScope =>
    clientId === ORGANIZATION_SCOPED_CREDENTIALS.clientId
      ? { kind: 'organization', organizationId: data.tenant.organizations[0]!.id }
      : clientId === ACCOUNT_SCOPED_CREDENTIALS.clientId
        ? { kind: 'account', accountId: data.tenant.accounts.find((a) => a.name === 'Design Studio DACH')!.id }
        : { kind: 'customer' };

  const route = (ctx: RequestContext): Reply => {
    const p = ctx.pathname;
    if (p === '/v1alpha' || p.startsWith('/v1alpha/') || p === '/v1' || p.startsWith('/v1/')) {
      const auth = verifyFrame(ctx.headers, ctx.nowMs, frameLookup);
      if (!auth.ok) return detail(401, auth.reason);
      if (p.startsWith('/v1alpha'))
        return auth.clientId === DEMO_CREDENTIALS.clientId
          ? handleWebApi(ctx, { data, reportUrl })
          : detail(403, 'These credentials are for the Admin API only.');
      return handleAdminApi({ ...ctx, pageCap }, data.tenant, scopeOf(auth.clientId));
    }
    if (p.startsWith(REGISTRATION_PREFIX + '/')) return handleRegistration(ctx, data, registrationLookup);
    if (p.startsWith('/presigned/')) return presigned(ctx);
    if (p.startsWith('/icons/')) {
      const icon = data.icons.get(p.slice('/icons/'.length));
      if (icon) return { status: 200, headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=86400' }, body: icon };
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
    }
    if (p === '/') {
      return json(200, {
        name: 'Frame API simulator',
        webApiBase: `${url}/v1alpha`,
        adminApiBase: `${url}/v1`,
        registrationBase: `${url}/registration`,
      });
    }
    return notFound();
  };

  const send = (res: http.ServerResponse, record: RecordedRequest, reply: Reply): void => {
    record.status = reply.status;
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };

  const stamp = (res: http.ServerResponse): void => {
    res.sendDate = false;
    res.setHeader('date', new Date(serverNow()).toUTCString());
  };

  mainServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    const record: RecordedRequest = { method, path, headers: recordHeaders(req), status: 0, body: '' };
    requests.push(record);
    res.once('close', () => log?.(`${method} ${path} ${record.status || '-'} ${Math.round(performance.now() - started)}ms`));
    void (async () => {
      const { body, tooLarge } = await readBody(req);
      record.body = body;
      if (closing.signal.aborted) return;
      let parsed: URL;
      try {
        parsed = new URL(path, 'http://simulator.invalid');
      } catch {
        stamp(res);
        return send(res, record, detail(400, 'Malformed request target.'));
      }
      const pathname = parsed.pathname;
      const fault = faults.take(method, pathname, path);
      if (fault?.kind === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      if (fault?.kind === 'hang') return; // the socket is destroyed by close()
      if (fault?.kind === 'latency' && !(await sleep(fault.ms, closing.signal))) return;
      const ctx: RequestContext = {
        method,
        pathname,
        path,
        query: parsed.searchParams,
        headers: record.headers,
        body,
        nowMs: serverNow(),
      };
      stamp(res);
      if (fault?.kind === 'huge-body') {
        record.status = 200;
        return writeHuge(res, fault.bytes, method === 'HEAD');
      }
      const canned = fault ? staticFaultReply(fault, { same: url, other: otherUrl }, path) : undefined;
      if (canned) return send(res, record, canned);
      let reply = tooLarge ? detail(413, 'Request body too large.') : route(ctx);
      if (fault?.kind === 'status-after')
        reply = staticFaultReply({ kind: 'status', status: fault.status, body: fault.body }, { same: url, other: otherUrl }, path)!;
      record.status = reply.status;
      if (fault?.kind === 'truncated-body') return writeTruncated(req, res, reply);
      if (fault?.kind === 'slow-body') return writeSlow(res, reply, fault.chunkDelayMs, fault.chunks ?? 5, closing.signal);
      send(res, record, reply);
    })().catch((err: unknown) => {
      log?.(`simulator error on ${method} ${path}: ${String(err)}`);
      if (!res.headersSent) {
        stamp(res);
        send(res, record, detail(500, 'Simulator internal error.'));
      } else {
        res.destroy();
      }
    });
  });

  otherServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const record: RecordedRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: req.url ?? '/',
      headers: recordHeaders(req),
      status: 0,
      body: '',
    };
    otherRequests.push(record);
    void readBody(req).then(({ body }) => {
      record.body = body;
      if (closing.signal.aborted) return;
      stamp(res);
      send(res, record, json(200, { ok: true, origin: 'other' }));
    });
  });

  let closed: Promise<void> | undefined;
  const closeServer = (server: http.Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

  return {
    url,
    webApiBase: `${url}/v1alpha`,
    adminApiBase: `${url}/v1`,
    registrationBase: `${url}${REGISTRATION_PREFIX}`,
    otherOrigin: { url: otherUrl, requests: otherRequests },
    data,
    requests,
    get connectionCount() {
      return connectionCount;
    },
    inject: (fault, match) => faults.add(fault, match),
    clearFaults: () => faults.clear(),
    setClockOffset: (ms) => {
      clockOffset = ms;
    },
    setPageCap: (n) => {
      pageCap = n;
    },
    reset: () => {
      pageCap = opts.pageCap;
      faults.clear();
      requests.length = 0;
      otherRequests.length = 0;
      clockOffset = 0;
    },
    close: () => {
      closed ??= (async () => {
        closing.abort();
        const done = Promise.all([closeServer(mainServer), closeServer(otherServer)]);
        for (const s of sockets) s.destroy();
        sockets.clear();
        await done;
      })();
      return closed;
    },
    presignedUrl: (name, o) => url + presigner.sign(`/presigned/p01/crafted/${name}.csv.zip`, serverNow(), o?.expiresInSeconds),
    reportUrl: (accountId, year, month, o) => reportUrl(accountId, year, month, serverNow(), o?.expiresInSeconds),
    serverNow,
  };
}
