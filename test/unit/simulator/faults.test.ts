import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { startSimulator, type Simulator } from '../../simulator';
import { frameHeaders, request, signedGet } from './client';

/** Resolves with the error a request fails with (rejects if it succeeds). */
async function failure(p: Promise<unknown>): Promise<Error & { code?: string; partial?: Buffer }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  assert.fail('expected the request to fail');
}

describe('simulator: faults', function () {
  let sim: Simulator;
  let accountsUrl: string;
  before(async () => {
    sim = await startSimulator({ seed: 11 });
    accountsUrl = `${sim.webApiBase}/accounts/`;
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  it('status: applies before authentication, with Retry-After and the default JSON body, once by default', async () => {
    sim.inject({ kind: 'status', status: 429, retryAfter: '2' }, { path: '/v1alpha/accounts/' });
    const res = await request(accountsUrl); // unsigned: the fault still wins
    assert.equal(res.status, 429);
    assert.equal(res.headers['retry-after'], '2');
    assert.equal(typeof (JSON.parse(res.text) as { detail: string }).detail, 'string');
    assert.ok(res.headers['date']);
    assert.equal(sim.requests.at(-1)?.status, 429);
    assert.equal((await signedGet(accountsUrl)).status, 200, 'consumed after one use');
  });

  it('status: custom body and content type, several times, HTTP-date Retry-After', async () => {
    const when = new Date(Date.now() + 5000).toUTCString();
    sim.inject({ kind: 'status', status: 503, retryAfter: when, body: 'down', contentType: 'text/plain' }, { times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await signedGet(accountsUrl);
      assert.equal(res.status, 503);
      assert.equal(res.text, 'down');
      assert.equal(res.headers['content-type'], 'text/plain');
      assert.equal(res.headers['retry-after'], when);
    }
    assert.equal((await signedGet(accountsUrl)).status, 200);
  });

  it('matches by exact pathname, by RegExp on pathname+search, and by method; Infinity keeps it; clearFaults removes it', async () => {
    sim.inject({ kind: 'status', status: 500 }, { path: '/v1alpha/accounts', times: Infinity });
    assert.equal((await signedGet(accountsUrl)).status, 200, 'exact pathname: the trailing slash differs');
    assert.equal((await signedGet(`${sim.webApiBase}/accounts`)).status, 500);
    assert.equal((await signedGet(`${sim.webApiBase}/accounts`)).status, 500);
    sim.clearFaults();
    assert.equal((await signedGet(`${sim.webApiBase}/accounts`)).status, 200);

    sim.inject({ kind: 'status', status: 502 }, { path: /usage\?date_from=2025/ });
    const id = sim.data.accounts[0]?.account_id as string;
    assert.equal((await signedGet(`${sim.webApiBase}/accounts/${id}/usage?date_from=2024-01-01`)).status, 200);
    assert.equal((await signedGet(`${sim.webApiBase}/accounts/${id}/usage?date_from=2025-01-01`)).status, 502);

    sim.inject({ kind: 'status', status: 504 }, { method: 'post' });
    assert.equal((await signedGet(accountsUrl)).status, 200);
    assert.equal((await request(accountsUrl, { method: 'POST', headers: frameHeaders(), body: 'x=1' })).status, 504);
    assert.equal(sim.requests.at(-1)?.body, 'x=1');
  });

  it('latency: waits, then answers normally', async () => {
    sim.inject({ kind: 'latency', ms: 50 });
    const res = await signedGet(accountsUrl);
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.text), sim.data.accounts);
  });

  it('malformed-json: 200 application/json that does not parse', async () => {
    sim.inject({ kind: 'malformed-json' });
    const res = await signedGet(accountsUrl);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.throws(() => JSON.parse(res.text), SyntaxError);
  });

  it('wrong-types: 200 valid JSON of the wrong shape', async () => {
    sim.inject({ kind: 'wrong-types' });
    const res = await signedGet(accountsUrl);
    assert.equal(res.status, 200);
    const body = JSON.parse(res.text) as Record<string, unknown>;
    assert.ok(!Array.isArray(body) && typeof body === 'object');
    assert.equal(typeof body['count'], 'string');
  });

  it('html-error: a text/html page, 502 by default or the given status', async () => {
    sim.inject({ kind: 'html-error' });
    sim.inject({ kind: 'html-error', status: 503 });
    const a = await signedGet(accountsUrl);
    assert.equal(a.status, 502);
    assert.equal(a.headers['content-type'], 'text/html');
    assert.match(a.text, /<html>[\s\S]*502 Bad Gateway/);
    assert.equal((await signedGet(accountsUrl)).status, 503);
  });

  it('truncated-body: Content-Length larger than what arrives, then the socket closes', async () => {
    sim.inject({ kind: 'truncated-body' });
    const err = await failure(signedGet(accountsUrl));
    const full = Buffer.byteLength(JSON.stringify(sim.data.accounts));
    assert.equal(err.message, 'aborted');
    assert.ok(err.partial && err.partial.length > 0 && err.partial.length < full, `got ${err.partial?.length} of ${full}`);
    assert.equal(sim.requests.at(-1)?.status, 200);
  });

  it('slow-body: the real body arrives in several chunks', async () => {
    sim.inject({ kind: 'slow-body', chunkDelayMs: 30, chunks: 4 });
    let chunks = 0;
    const res = await request(accountsUrl, { headers: frameHeaders(), onChunk: () => chunks++ });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.text), sim.data.accounts);
    assert.ok(chunks >= 2, `chunks: ${chunks}`);
  });

  it('huge-body: exactly that many bytes of valid JSON, streamed', async () => {
    const bytes = 3 * 1024 * 1024 + 17;
    sim.inject({ kind: 'huge-body', bytes });
    let chunks = 0;
    const res = await request(accountsUrl, { onChunk: () => chunks++ });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-length'], String(bytes));
    assert.equal(res.body.length, bytes);
    assert.ok(chunks > 1);
    const parsed = JSON.parse(res.text) as unknown[];
    assert.ok(Array.isArray(parsed) && parsed.length > 1000);
  });

  it('redirect: Location on the same origin or on the other origin, same path and query', async () => {
    const id = sim.data.accounts[0]?.account_id as string;
    const pathAndQuery = `/v1alpha/accounts/${id}/usage?date_from=2025-01-01&date_to=2025-01-31`;
    sim.inject({ kind: 'redirect', target: 'same-origin' });
    sim.inject({ kind: 'redirect', status: 307, target: 'other-origin' });
    const a = await signedGet(sim.url + pathAndQuery);
    assert.equal(a.status, 302);
    assert.equal(a.headers['location'], sim.url + pathAndQuery);
    const b = await signedGet(sim.url + pathAndQuery);
    assert.equal(b.status, 307);
    assert.equal(b.headers['location'], sim.otherOrigin.url + pathAndQuery);
    assert.notEqual(new URL(sim.otherOrigin.url).port, new URL(sim.url).port);
  });

  it('other origin: records every request and answers ok', async () => {
    const res = await request(`${sim.otherOrigin.url}/v1alpha/accounts/?x=1`, { headers: { 'X-Test': 'yes' } });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.text), { ok: true, origin: 'other' });
    const rec = sim.otherOrigin.requests.at(-1);
    assert.equal(rec?.path, '/v1alpha/accounts/?x=1');
    assert.equal(rec?.headers['x-test'], 'yes');
    assert.equal(rec?.status, 200);
    sim.reset();
    assert.equal(sim.otherOrigin.requests.length, 0);
  });

  it('reset: the connection drops without a response', async () => {
    sim.inject({ kind: 'reset' });
    const err = await failure(signedGet(accountsUrl));
    assert.match(String(err.code ?? err.message), /ECONNRESET|socket hang up/);
    assert.equal(sim.requests.at(-1)?.status, 0);
    assert.equal((await signedGet(accountsUrl)).status, 200);
  });

  it('counts TCP connections', async () => {
    const before = sim.connectionCount;
    await signedGet(accountsUrl);
    await signedGet(accountsUrl);
    assert.equal(sim.connectionCount - before, 2, 'the test client opens one connection per request');
  });
});

describe('simulator: close()', () => {
  it('is prompt with a hanging request, a slow body, a long latency and an idle keep-alive socket', async () => {
    const sim = await startSimulator();
    sim.inject({ kind: 'hang' }, { path: '/v1alpha/accounts/' });
    sim.inject({ kind: 'slow-body', chunkDelayMs: 60_000, chunks: 3 }, { path: '/v1alpha/accounts' });
    sim.inject({ kind: 'latency', ms: 60_000 }, { path: '/' });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${sim.url}/icons/none.png`, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });
    const outcomes = [`${sim.webApiBase}/accounts/`, `${sim.webApiBase}/accounts`, `${sim.url}/`].map((u) =>
      request(u, { headers: frameHeaders() }).then(
        () => 'answered',
        () => 'failed',
      ),
    );
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(sim.requests.length, 4);
    await sim.close();
    assert.deepEqual(await Promise.all(outcomes), ['failed', 'failed', 'failed']);
    await sim.close(); // idempotent
    agent.destroy();
  });
});

describe('simulator: determinism and startup', () => {
  it('gives the same data and bytes for the same seed and now, different for another seed', async () => {
    const now = new Date('2025-06-15T08:00:00Z');
    const [a, b, c] = await Promise.all([
      startSimulator({ seed: 5, now }),
      startSimulator({ seed: 5, now }),
      startSimulator({ seed: 6, now }),
    ]);
    try {
      assert.deepEqual(a.data.accounts, b.data.accounts);
      assert.deepEqual(a.data.tenant.accounts, b.data.tenant.accounts);
      assert.deepEqual(a.data.tenant.auditTrail(), b.data.tenant.auditTrail());
      assert.notDeepEqual(a.data.accounts, c.data.accounts);
      const id = a.data.accounts[4]?.account_id as string;
      assert.deepEqual(a.data.usage(id), b.data.usage(id));
      assert.deepEqual(a.data.teamMembers(id), b.data.teamMembers(id));
      const m = a.data.reportMonths[3];
      assert.ok(m);
      const za = await request(a.reportUrl(id, m.year, m.month));
      const zb = await request(b.reportUrl(id, m.year, m.month));
      assert.equal(za.status, 200);
      assert.ok(za.body.equals(zb.body));
      const la = (await signedGet(`${a.webApiBase}/accounts/${id}/recent_sessions`)).text;
      const lb = (await signedGet(`${b.webApiBase}/accounts/${id}/recent_sessions`)).text;
      assert.equal(la, lb);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
