import * as assert from 'node:assert/strict';
import { signRequest, type Credentials } from '../../../src/core/signing';
import { HttpTransport, type HttpRequest, type TransportOptions } from '../../../src/core/http/transport';
import { resolveLimits, TRANSPORT_DEFAULTS } from '../../../src/core/http/limits';
import { iconUrlAllowed } from '../../../src/core/http/urls';
import { failsWith } from '../../support/failsWith';
import { endlessBody, startHostileServer, trickle, type HostileServer } from '../../support/hostileServer';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

/** The transport against servers and inputs that misbehave on purpose (issue 8). */
describe('HTTP transport: hostile input and servers', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let transport: HttpTransport;

  function makeTransport(extra: TransportOptions = {}): HttpTransport {
    return new HttpTransport({ retry: { baseDelayMs: 5, maxDelayMs: 20 }, ...extra });
  }

  function signedGet(clientId: string, extra: Partial<HttpRequest> = {}): HttpRequest {
    const creds = { scheme: 'frame' as const, clientId, clientSecret: DEMO_CREDENTIALS.clientSecret };
    return {
      method: 'GET',
      url: new URL(sim.webApiBase + '/accounts/'),
      sign: (url) => signRequest(creds, { method: 'GET', path: url.pathname }),
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
    transport = makeTransport();
  });
  afterEach(async () => {
    await transport.close();
  });

  describe('header values (item 1)', () => {
    it('refuses a bad client id before sending, not retried, and a good connection to the same origin still works after 20 refusals', async () => {
      const bad = ['demo\r\nX-Injected: 1', 'demo\nid', 'clïent-☃-id', 'id\u0000'];
      for (let i = 0; i < 20; i++) {
        const err = await failsWith(transport.requestJson(signedGet(bad[i % bad.length]!)), 'invalid-request');
        assert.match(err.message, /X-Frame-ClientId/);
        assert.match(err.message, /client ID/);
        assert.equal(err.attempts, undefined, 'not retried');
      }
      const headerErr = await failsWith(
        transport.requestJson(signedGet(DEMO_CREDENTIALS.clientId, { headers: { Accept: 'application/json\r\nX-Evil: 1' } })),
        'invalid-request',
      );
      assert.match(headerErr.message, /Accept/);
      assert.equal(sim.requests.length, 0, 'nothing reached the server');
      // The pool is not wedged: a good request on the same transport and origin still goes through.
      const res = await transport.requestJson(signedGet(DEMO_CREDENTIALS.clientId, { signal: AbortSignal.timeout(5_000) }));
      assert.equal(res.status, 200);
    });

    it('framing headers undici refuses (Expect, Transfer-Encoding, Host…) are refused before dispatch, and do not wedge the pool', async () => {
      for (let i = 0; i < 10; i++) {
        for (const name of ['Expect', 'Transfer-Encoding', 'Connection', 'Upgrade', 'Host', 'Content-Length']) {
          const err = await failsWith(
            transport.requestJson(signedGet(DEMO_CREDENTIALS.clientId, { headers: { [name]: 'x' } })),
            'invalid-request',
          );
          assert.match(err.message, new RegExp(name));
        }
      }
      assert.equal(sim.requests.length, 0);
      assert.equal((await transport.requestJson(signedGet(DEMO_CREDENTIALS.clientId, { signal: AbortSignal.timeout(5_000) }))).status, 200);
    });

    it('an invalid method token is refused before sending', async () => {
      await failsWith(transport.requestJson(signedGet(DEMO_CREDENTIALS.clientId, { method: 'GET /x HTTP/1.1\r\n' })), 'invalid-request');
      assert.equal(sim.requests.length, 0);
    });
  });

  describe('numeric options (item 12)', () => {
    it('rounds and clamps its numeric options itself: fractional timeouts work, retries stop at 10', async () => {
      transport = makeTransport({
        connectTimeoutMs: 1234.5,
        headersTimeoutMs: 1.2345 * 1000,
        bodyTimeoutMs: 0.5,
        retry: { maxRetries: 1e6, baseDelayMs: 1.5, maxDelayMs: 2.5 },
      });
      assert.equal((await transport.requestJson(signedGet(DEMO_CREDENTIALS.clientId))).status, 200);
      sim.inject({ kind: 'status', status: 503 }, { path: '/v1alpha/accounts/', times: 12 });
      const err = await failsWith(transport.requestJson(signedGet(DEMO_CREDENTIALS.clientId)), 'server');
      assert.equal(err.attempts, 11, 'the first attempt and 10 retries');
    });

    it('resolves settings to whole milliseconds in range, defaults for what is not a number', () => {
      const r = resolveLimits({
        connectTimeoutMs: NaN,
        headersTimeoutMs: 1.2345 * 1000,
        bodyTimeoutMs: 1e12,
        connectionsPerOrigin: 0,
        maxRedirects: -3,
        retry: { maxRetries: Infinity, baseDelayMs: -1, maxDelayMs: 'x' as unknown as number },
      });
      assert.deepEqual(r, {
        connectTimeoutMs: TRANSPORT_DEFAULTS.connectTimeoutMs,
        headersTimeoutMs: 1235,
        bodyTimeoutMs: 600_000,
        connectionsPerOrigin: 1,
        maxRedirects: 0,
        deadlineMs: TRANSPORT_DEFAULTS.deadlineMs,
        streamDeadlineMs: TRANSPORT_DEFAULTS.streamDeadlineMs,
        retry: {
          maxRetries: 10,
          baseDelayMs: 0,
          maxDelayMs: TRANSPORT_DEFAULTS.retry.maxDelayMs,
          retryAfterCapMs: TRANSPORT_DEFAULTS.retry.retryAfterCapMs,
        },
      });
      assert.equal(resolveLimits({ headersTimeoutMs: 10 }).headersTimeoutMs, 1000);
    });
  });

  describe('total deadline (item 3)', () => {
    let hostile: HostileServer;
    before(async () => {
      // One byte every 200 ms: never silent long enough for the body timeout. Ends by itself after
      // 12 s so that a transport without a deadline still finishes (and the test fails, bounded).
      hostile = await startHostileServer({
        '/trickle': async (_req, res, signal) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          await trickle(res, signal, { intervalMs: 200, maxMs: 12_000 });
        },
      });
    });
    after(async () => {
      await hostile.close();
    });

    const trickled = (extra: Partial<HttpRequest> = {}): HttpRequest => ({
      method: 'GET',
      url: new URL(hostile.url + '/trickle'),
      maxBytes: 1024 * 1024,
      ...extra,
    });

    it('a body trickling one byte at a time fails with timeout at the deadline, not retried', async () => {
      transport = makeTransport({ deadlineMs: 1500, bodyTimeoutMs: 5000 });
      const started = Date.now();
      const err = await failsWith(transport.requestJson(trickled()), 'timeout');
      assert.ok(Date.now() - started < 10_000, 'failed within 10 s');
      assert.match(err.message, /took longer than 2 s in total/);
      assert.equal(err.attempts, undefined, 'a spent deadline is not retried');
      assert.equal(hostile.hits.length, 1);
    });

    it('downloads (requestStream) have their own deadline; a request may set its own', async () => {
      transport = makeTransport({ deadlineMs: 600_000, streamDeadlineMs: 1500 });
      const err = await failsWith(
        transport.requestStream(trickled(), async (body) => {
          for await (const _ of body);
        }),
        'timeout',
      );
      assert.match(err.message, /took longer than 2 s in total/);
      await failsWith(transport.requestText(trickled({ deadlineMs: 1000 })), 'timeout');
    });

    it('cancelling is still a cancellation, not a timeout', async () => {
      transport = makeTransport({ deadlineMs: 60_000 });
      const ctrl = new AbortController();
      setTimeout(() => ctrl.abort(), 300);
      await failsWith(transport.requestJson(trickled({ signal: ctrl.signal })), 'cancelled');
    });
  });

  describe('redirects (item 8)', () => {
    let hostile: HostileServer;
    let redirectBodyBytes: Promise<number> | undefined;
    before(async () => {
      hostile = await startHostileServer({
        '/bad-host': (_req, res) => void res.writeHead(302, { location: 'http://[::1' }).end(),
        '/bad-port': (_req, res) => void res.writeHead(302, { location: 'http://127.0.0.1:99999/x' }).end(),
        '/endless-redirect': (_req, res, signal) => {
          res.writeHead(302, { location: '/ok', 'content-type': 'application/octet-stream' });
          // At most 128 MB, so that a transport that drains it all still ends (and fails the test).
          redirectBodyBytes = endlessBody(res, signal, 128 * 1024 * 1024);
        },
        '/ok': (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('[]'),
      });
    });
    after(async () => {
      await hostile.close();
    });
    const get = (path: string): HttpRequest => ({ method: 'GET', url: new URL(hostile.url + path), maxBytes: 1024 * 1024 });

    it('a Location that is not a valid URL is a clean bad-response error, not a TypeError', async () => {
      for (const path of ['/bad-host', '/bad-port']) {
        const err = await failsWith(transport.requestJson(get(path)), 'bad-response');
        assert.match(err.message, /redirected \(HTTP 302\) to an address that is not a valid URL/);
      }
    });

    it('the body of a redirect is dropped, not downloaded after the request returned', async () => {
      const res = await transport.requestJson(get('/endless-redirect'));
      assert.deepEqual(res.body, []);
      const written = await redirectBodyBytes!;
      assert.ok(written < 32 * 1024 * 1024, `the server wrote ${(written / 1048576).toFixed(0)} MB of the redirect body`);
    });
  });

  describe('icons: a hop check on every redirect (item 11)', () => {
    let api: HostileServer; // stands for a loopback API (a local simulator or proxy)
    let admin: HostileServer; // another local service, with an "admin" endpoint
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    before(async () => {
      admin = await startHostileServer({
        '/admin/shutdown': (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('shutting down'),
      });
      api = await startHostileServer({
        '/icons/to-admin.png': (_req, res) => void res.writeHead(302, { location: `${admin.url}/admin/shutdown?confirm=yes` }).end(),
        '/icons/moved.png': (_req, res) => void res.writeHead(301, { location: '/icons/real.png' }).end(),
        '/icons/real.png': (_req, res) => void res.writeHead(200, { 'content-type': 'image/png' }).end(png),
      });
    });
    after(async () => {
      await api.close();
      await admin.close();
    });
    beforeEach(() => {
      api.hits.length = 0;
      admin.hits.length = 0;
    });

    const icon = (url: string, apiBase: string): HttpRequest => ({
      method: 'GET',
      url: new URL(url),
      maxBytes: 256 * 1024,
      headers: { Accept: 'image/*' },
      allowUrl: (u) => iconUrlAllowed(u, apiBase),
    });

    it('a redirect from an icon to another local service is refused before it is sent', async () => {
      const err = await failsWith(transport.requestBuffer(icon(`${api.url}/icons/to-admin.png`, `${api.url}/v1alpha`)), 'invalid-request');
      assert.match(err.message, /redirect/);
      assert.equal(admin.hits.length, 0, 'the admin endpoint was never reached');
    });

    it('a loopback icon is refused outright when the API is not on loopback', async () => {
      await failsWith(transport.requestBuffer(icon(`${api.url}/icons/real.png`, 'https://api.fra.me/v1alpha')), 'invalid-request');
      assert.equal(api.hits.length, 0);
    });

    it('an icon on the loopback API itself, redirected within it, is fetched', async () => {
      const res = await transport.requestBuffer(icon(`${api.url}/icons/moved.png`, `${api.url}/v1alpha`));
      assert.deepEqual(res.body, png);
    });

    it('iconUrlAllowed: https only; loopback and private hosts only when the API is one; no credentials in the URL', () => {
      const publicApi = 'https://api.fra.me/v1alpha';
      const localApi = 'http://127.0.0.1:4000/v1alpha';
      const cases: [string, string, boolean][] = [
        ['https://cdn.example.com/icons/a.png', publicApi, true],
        ['https://cdn.example.com/icons/a.png', localApi, true],
        ['http://cdn.example.com/icons/a.png', publicApi, false],
        ['http://127.0.0.1:4000/icons/a.png', localApi, true],
        ['http://localhost:4000/icons/a.png', 'http://localhost:4000/v1alpha', true],
        ['http://127.0.0.1:5000/admin/shutdown', localApi, false],
        ['http://127.0.0.1:4000/icons/a.png', publicApi, false],
        ['https://127.0.0.1/icons/a.png', publicApi, false],
        ['https://127.1.2.3/icons/a.png', publicApi, false],
        ['https://2130706433/icons/a.png', publicApi, false],
        ['https://localhost/icons/a.png', publicApi, false],
        ['https://app.localhost/icons/a.png', publicApi, false],
        ['https://[::1]/icons/a.png', publicApi, false],
        ['https://[::ffff:127.0.0.1]/icons/a.png', publicApi, false],
        ['https://10.0.0.5/icons/a.png', publicApi, false],
        ['https://172.16.3.4/icons/a.png', publicApi, false],
        ['https://192.168.1.1/icons/a.png', publicApi, false],
        ['https://169.254.169.254/latest/meta-data', publicApi, false],
        ['https://0.0.0.0/icons/a.png', publicApi, false],
        ['https://[fd00::1]/icons/a.png', publicApi, false],
        ['https://[fe80::1]/icons/a.png', publicApi, false],
        ['https://10.1.2.3/icons/a.png', 'https://10.1.2.4/v1alpha', true],
        ['https://user:pw@cdn.example.com/icons/a.png', publicApi, false],
        ['ftp://cdn.example.com/icons/a.png', publicApi, false],
        ['data:image/png;base64,iVBORw0KGgo=', publicApi, false],
        ['javascript:alert(1)', publicApi, false],
        ['not a url', publicApi, false],
        ['https://cdn.example.com/icons/a.png', 'not a url', false],
      ];
      for (const [url, base, allowed] of cases) assert.equal(iconUrlAllowed(url, base), allowed, `${url} (API ${base})`);
    });
  });

  describe('credentials never reach error text (item 2)', () => {
    let echo: HostileServer;
    const basic = { scheme: 'basic' as const, clientId: 'hostile-client', clientSecret: 'S3cr3t/Value+xyz' };
    const idSecret = `${basic.clientId}:${basic.clientSecret}`;
    const token = Buffer.from(idSecret).toString('base64');
    const forbidden = [
      basic.clientSecret,
      idSecret,
      token,
      Buffer.from(basic.clientSecret).toString('base64'),
      token.replace(/\//g, '\\/'),
    ];
    before(async () => {
      const auth = (req: { headers: Record<string, unknown> }) => String(req.headers['authorization'] ?? '');
      const decoded = (req: { headers: Record<string, unknown> }) => Buffer.from(auth(req).slice(6), 'base64').toString('utf8');
      const send = (status: number, type: string, body: string) => (res: import('node:http').ServerResponse) =>
        void res.writeHead(status, { 'content-type': type }).end(body);
      echo = await startHostileServer({
        '/401-token': (req, res) => send(401, 'application/json', JSON.stringify({ detail: `Bad credentials: ${auth(req)}` }))(res),
        '/403-decoded': (req, res) => send(403, 'application/json', JSON.stringify({ detail: `Client ${decoded(req)} may not` }))(res),
        '/500-php-escaped': (req, res) => send(500, 'application/json', JSON.stringify({ error: auth(req) }).replace(/\//g, '\\/'))(res),
        '/200-text': (req, res) => send(200, 'text/plain', `${auth(req)} ${decoded(req)} ${JSON.stringify(req.headers)}`)(res),
        '/200-html': (req, res) => send(200, 'text/html', `<html><title>${auth(req)}</title></html>`)(res),
        '/200-signature': (req, res) => send(200, 'text/plain', `sig=${String(req.headers['x-frame-signature'])}`)(res),
      });
    });
    after(async () => {
      await echo.close();
    });

    const get = (path: string, scheme: Credentials = basic): HttpRequest => ({
      method: 'GET',
      url: new URL(echo.url + path),
      sign: (url) => signRequest(scheme, { method: 'GET', path: url.pathname }),
      redact: [scheme.clientSecret],
      maxBytes: 1024 * 1024,
    });
    const assertClean = (err: { message: string; excerpt?: string }, sent: string[]) => {
      const text = JSON.stringify({ message: err.message, excerpt: err.excerpt });
      for (const s of sent) assert.ok(!text.includes(s), `${JSON.stringify(s)} leaked into ${text}`);
    };

    it('a server echoing the Basic token or id:secret in an error status: scrubbed from message and excerpt', async () => {
      for (const [path, kind] of [
        ['/401-token', 'auth'],
        ['/403-decoded', 'forbidden'],
        ['/500-php-escaped', 'server'],
      ] as const) {
        const err = await failsWith(transport.requestJson(get(path)), kind);
        assert.match(err.message + (err.excerpt ?? ''), /\[redacted\]/, path);
        assertClean(err, forbidden);
      }
    });

    it('2xx bodies too: non-JSON text and an HTML title keep no credential', async () => {
      const text = await failsWith(transport.requestJson(get('/200-text')), 'bad-response');
      assertClean(text, forbidden);
      const html = await failsWith(transport.requestJson(get('/200-html')), 'bad-response');
      assertClean(html, forbidden);
    });

    it('a frame signature echoed in a 2xx body is scrubbed from the excerpt', async () => {
      const frame = { scheme: 'frame' as const, clientId: 'hostile-client', clientSecret: 'another-secret-value' };
      let sent = '';
      const err = await failsWith(
        transport.requestJson({
          ...get('/200-signature', frame),
          sign: () => {
            const h = signRequest(frame, { method: 'GET', path: '/' });
            sent = h['X-Frame-Signature']!;
            return h;
          },
        }),
        'bad-response',
      );
      assert.equal(sent.length, 64);
      assertClean(err, [sent]);
    });
  });
});
