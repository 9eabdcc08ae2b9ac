import * as assert from 'node:assert/strict';
import { signRequest } from '../../../src/core/signing';
import { HttpTransport, type HttpRequest, type RequestLogEntry, type TransportOptions } from '../../../src/core/http/transport';
import { failsWith } from '../../support/failsWith';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

/** Rejects unless the promise fails with a FrameApiError of that kind; returns the error. */
describe('HTTP transport against the simulator (real sockets)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let transport: HttpTransport;
  let logs: RequestLogEntry[];
  let signCalls: URL[];
  const creds = { scheme: 'frame' as const, ...DEMO_CREDENTIALS };

  function makeTransport(extra: TransportOptions = {}): HttpTransport {
    return new HttpTransport({ retry: { baseDelayMs: 5, maxDelayMs: 20 }, onLog: (e) => logs.push(e), ...extra });
  }

  function get(path: string, extra: Partial<HttpRequest> = {}): HttpRequest {
    return {
      method: 'GET',
      url: new URL(sim.webApiBase + path),
      sign: (url) => {
        signCalls.push(url);
        return signRequest(creds, { method: 'GET', path: url.pathname });
      },
      maxBytes: 1024 * 1024,
      ...extra,
    };
  }

  before(async () => {
    sim = await startSimulator();
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(() => {
    sim.reset();
    logs = [];
    signCalls = [];
    transport = makeTransport();
  });
  afterEach(async () => {
    await transport.close();
  });

  it('sends a signed GET and parses JSON', async () => {
    const res = await transport.requestJson(get('/accounts/'));
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(res.body) && res.body.length > 0);
    assert.equal(signCalls.length, 1);
    const seen = sim.requests.at(-1)!;
    assert.equal(seen.headers['x-frame-clientid'], DEMO_CREDENTIALS.clientId);
    assert.match(seen.headers['x-frame-signature'] ?? '', /^[0-9a-f]{64}$/);
  });

  it('reuses sockets: the count never exceeds the pool size, sequential or concurrent', async () => {
    transport = makeTransport({ connectionsPerOrigin: 4 });
    const before = sim.connectionCount;
    for (let i = 0; i < 20; i++) await transport.requestJson(get('/accounts/'));
    assert.ok(sim.connectionCount - before <= 2, `sequential: ${sim.connectionCount - before} sockets for 20 requests`);
    await Promise.all(Array.from({ length: 60 }, () => transport.requestJson(get('/accounts/'))));
    assert.ok(sim.connectionCount - before <= 4, `concurrent: ${sim.connectionCount - before} sockets, pool of 4`);
  });

  it('retries 503 and re-signs every attempt', async () => {
    sim.inject({ kind: 'status', status: 503 }, { path: '/v1alpha/accounts/', times: 2 });
    const res = await transport.requestJson(get('/accounts/'));
    assert.equal(res.status, 200);
    assert.equal(signCalls.length, 3, 'one signature per attempt');
    assert.deepEqual(
      logs.map((l) => [l.attempt, l.status]),
      [
        [1, 503],
        [2, 503],
        [3, 200],
      ],
    );
  });

  it('retries 502 and 504 too, but not 500', async () => {
    sim.inject({ kind: 'status', status: 502 }, { path: '/v1alpha/accounts/' });
    sim.inject({ kind: 'status', status: 504 }, { path: '/v1alpha/accounts/' });
    assert.equal((await transport.requestJson(get('/accounts/'))).status, 200);
    sim.inject({ kind: 'status', status: 500 }, { path: '/v1alpha/accounts/' });
    const err = await failsWith(transport.requestJson(get('/accounts/')), 'server');
    assert.equal(err.status, 500);
  });

  it('gives up after the configured retries with a clear server error', async () => {
    sim.inject({ kind: 'status', status: 503 }, { path: '/v1alpha/accounts/', times: Infinity });
    const err = await failsWith(transport.requestJson(get('/accounts/')), 'server');
    assert.equal(err.attempts, 4);
    assert.match(err.message, /HTTP 503.*Tried 4 times/);
    assert.equal(signCalls.length, 4);
  });

  it('does not retry a POST', async () => {
    sim.inject({ kind: 'status', status: 503 }, { path: '/v1alpha/accounts/', times: Infinity });
    await failsWith(transport.requestText({ ...get('/accounts/'), method: 'POST', body: 'x=1' }), 'server');
    assert.equal(sim.requests.length, 1);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    sim.inject({ kind: 'status', status: 429, retryAfter: '0' }, { path: '/v1alpha/accounts/' });
    sim.inject({ kind: 'status', status: 429, retryAfter: new Date(Date.now() - 1000).toUTCString() }, { path: '/v1alpha/accounts/' });
    assert.equal((await transport.requestJson(get('/accounts/'))).status, 200);
    assert.equal(sim.requests.length, 3);
  });

  it('stops at once when Retry-After exceeds the cap, saying how long to wait', async () => {
    transport = makeTransport({ retry: { retryAfterCapMs: 1000 } });
    sim.inject({ kind: 'status', status: 429, retryAfter: '120' }, { path: '/v1alpha/accounts/', times: Infinity });
    const err = await failsWith(transport.requestJson(get('/accounts/')), 'rate-limited');
    assert.equal(err.retryAfterSeconds, 120);
    assert.match(err.message, /wait 2 min/);
    assert.equal(sim.requests.length, 1);
  });

  it('retries a reset connection, and reports a network error when it persists', async () => {
    sim.inject({ kind: 'reset' }, { path: '/v1alpha/accounts/' });
    assert.equal((await transport.requestJson(get('/accounts/'))).status, 200);
    sim.inject({ kind: 'reset' }, { path: '/v1alpha/accounts/', times: Infinity });
    const err = await failsWith(transport.requestJson(get('/accounts/')), 'network');
    assert.match(err.message, new RegExp(`Could not reach 127\\.0\\.0\\.1:${new URL(sim.url).port}`));
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startSimulator();
    const url = closed.webApiBase;
    await closed.close();
    const err = await failsWith(transport.requestJson({ ...get('/accounts/'), url: new URL(url + '/accounts/') }), 'network');
    assert.match(err.message, /nothing is listening/);
  });

  it('times out waiting for headers', async () => {
    transport = makeTransport({ headersTimeoutMs: 1000, retry: { maxRetries: 0 } }); // 1 s: the shortest allowed
    sim.inject({ kind: 'hang' }, { path: '/v1alpha/accounts/' });
    const err = await failsWith(transport.requestJson(get('/accounts/')), 'timeout');
    assert.match(err.message, /did not answer in time/);
  });

  it('times out when the body stalls', async () => {
    transport = makeTransport({ bodyTimeoutMs: 1000, retry: { maxRetries: 0 } }); // 1 s: the shortest allowed
    sim.inject({ kind: 'slow-body', chunkDelayMs: 3000, chunks: 3 }, { path: '/v1alpha/accounts/' });
    const err = await failsWith(transport.requestJson(get('/accounts/')), 'timeout');
    assert.match(err.message, /stalled/);
  });

  it('treats a truncated body as an error, and retries it', async () => {
    sim.inject({ kind: 'truncated-body' }, { path: '/v1alpha/accounts/' });
    assert.equal((await transport.requestJson(get('/accounts/'))).status, 200);
    assert.equal(logs[0]?.error, 'network');
    sim.inject({ kind: 'truncated-body' }, { path: '/v1alpha/accounts/', times: Infinity });
    const err = await failsWith(transport.requestJson(get('/accounts/')), 'network');
    assert.match(err.message, /truncated/);
  });

  it('refuses bodies over the cap, announced or streamed', async () => {
    sim.inject({ kind: 'huge-body', bytes: 5 * 1024 * 1024 }, { path: '/v1alpha/accounts/' });
    const err = await failsWith(transport.requestJson(get('/accounts/', { maxBytes: 1024 * 1024 })), 'too-large');
    assert.match(err.message, /larger than the 1 MB allowed/);
    const small = await failsWith(transport.requestJson(get('/accounts/', { maxBytes: 100 })), 'too-large');
    assert.doesNotMatch(small.message, /\d+ MB announced.*\d+ MB announced/);
  });

  it('explains malformed JSON with an excerpt', async () => {
    sim.inject({ kind: 'malformed-json' }, { path: '/v1alpha/accounts/' });
    const err = await failsWith(transport.requestJson(get('/accounts/')), 'bad-response');
    assert.match(err.message, /not valid JSON/);
    assert.ok(err.excerpt && err.excerpt.length > 0);
  });

  it('explains an HTML error page from a proxy', async () => {
    sim.inject({ kind: 'html-error', status: 502 }, { path: '/v1alpha/accounts/', times: Infinity });
    const err = await failsWith(transport.requestJson(get('/accounts/')), 'server');
    assert.match(err.message, /HTTP 502/);
    assert.doesNotMatch(err.message, /<html|<body/i);
    sim.clearFaults();
    sim.inject({ kind: 'html-error', status: 200 }, { path: '/v1alpha/accounts/' });
    const html200 = await failsWith(transport.requestJson(get('/accounts/')), 'bad-response');
    assert.match(html200.message, /got an HTML page/);
  });

  it('follows a same-origin redirect and signs the new request', async () => {
    sim.inject({ kind: 'redirect', status: 307, target: 'same-origin' }, { path: '/v1alpha/accounts/' });
    const res = await transport.requestJson(get('/accounts/'));
    assert.equal(res.status, 200);
    assert.equal(signCalls.length, 2);
    assert.ok(sim.requests.every((r) => r.headers['x-frame-signature']));
  });

  it('never carries credentials on a redirect to another origin', async () => {
    sim.inject({ kind: 'redirect', status: 302, target: 'other-origin' }, { path: '/v1alpha/accounts/' });
    await transport.requestText(get('/accounts/'));
    const other = sim.otherOrigin.requests;
    assert.equal(other.length, 1, 'the other origin was reached');
    for (const name of Object.keys(other[0]!.headers)) assert.doesNotMatch(name, /^(x-frame-|authorization|cookie)/);
    assert.equal(signCalls.length, 1, 'not signed for the other origin');
  });

  it('cancels before sending and in the middle of a body', async () => {
    const early = new AbortController();
    early.abort();
    await failsWith(transport.requestJson(get('/accounts/', { signal: early.signal })), 'cancelled');

    sim.inject({ kind: 'slow-body', chunkDelayMs: 300, chunks: 5 }, { path: '/v1alpha/accounts/' });
    const mid = new AbortController();
    const chunks: number[] = [];
    const p = transport.requestStream(get('/accounts/', { signal: mid.signal }), async (body) => {
      for await (const c of body) {
        chunks.push(c.length);
        mid.abort();
      }
    });
    await failsWith(p, 'cancelled');
    assert.equal(chunks.length, 1, 'stopped after the first chunk');
  });

  it('cancels while waiting to retry', async () => {
    transport = makeTransport({ retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    sim.inject({ kind: 'status', status: 503 }, { path: '/v1alpha/accounts/', times: Infinity });
    const ctrl = new AbortController();
    const p = transport.requestJson(get('/accounts/', { signal: ctrl.signal }));
    setTimeout(() => ctrl.abort(), 100);
    await failsWith(p, 'cancelled');
  });

  it('says when a 401 comes from clock skew, from the server Date header', async () => {
    sim.setClockOffset(10 * 60 * 1000); // server 10 min ahead of us
    const err = await failsWith(transport.requestJson(get('/accounts/')), 'auth');
    assert.ok(err.clockSkewSeconds !== undefined && Math.abs(err.clockSkewSeconds - 600) <= 2, String(err.clockSkewSeconds));
    assert.match(err.message, /clock is 10 min behind/);
  });

  it('a wrong secret is an auth error that names what to fix and leaks nothing', async () => {
    const wrong = { scheme: 'frame' as const, clientId: DEMO_CREDENTIALS.clientId, clientSecret: 'not-the-secret-123' };
    let sent = '';
    const err = await failsWith(
      transport.requestJson(
        get('/accounts/', {
          sign: (url) => {
            const h = signRequest(wrong, { method: 'GET', path: url.pathname });
            sent = h['X-Frame-Signature'] ?? '';
            return h;
          },
        }),
      ),
      'auth',
    );
    assert.match(err.message, /update the client secret/);
    assert.ok(sent.length === 64);
    const everything = JSON.stringify({ message: err.message, excerpt: err.excerpt, logs });
    assert.ok(!everything.includes(sent), 'signature not in the error or the log');
    assert.ok(!everything.includes('not-the-secret-123'), 'secret not in the error or the log');
  });

  it('logs method, URL, status, time and attempt without any header', async () => {
    await transport.requestJson(get('/accounts/'));
    assert.equal(logs.length, 1);
    const entry = logs[0]!;
    assert.equal(entry.method, 'GET');
    assert.equal(entry.url, sim.webApiBase + '/accounts/');
    assert.equal(entry.status, 200);
    assert.equal(entry.attempt, 1);
    assert.ok(entry.ms >= 0);
    assert.deepEqual(Object.keys(entry).sort(), ['attempt', 'error', 'method', 'ms', 'status', 'url']);
  });

  it('refuses plain http to a non-loopback host before sending anything', async () => {
    const err = await failsWith(
      transport.requestJson({ ...get('/accounts/'), url: new URL('http://api.fra.me/v1alpha/accounts/') }),
      'invalid-request',
    );
    assert.match(err.message, /plain http/);
    assert.equal(signCalls.length, 0);
  });
});
