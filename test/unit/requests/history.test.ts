// The response history with bodies (src/core/requests/history.ts): what the response tab shows and
// what is written to disk, against a hostile server that echoes the credentials it was sent.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SignedApi } from '../../../src/core/api';
import { HttpTransport } from '../../../src/core/http/transport';
import {
  HISTORY_LIMITS,
  ResponseHistory,
  appendBlock,
  historyEntry,
  parseRequestFile,
  requestBlock,
  responseDocument,
} from '../../../src/core/requests';
import type { Credentials } from '../../../src/core/signing';
import { startHostileServer, type HostileServer } from '../../support/hostileServer';

describe('request files: response history with bodies', function () {
  this.timeout(20_000);
  let server: HostileServer;
  let transport: HttpTransport;
  let dir: string;
  const frame: Credentials = { scheme: 'frame', clientId: 'echo-client.0123', clientSecret: 'f00dfeed-secret-value-0001' };
  const basic: Credentials = { scheme: 'basic', clientId: 'echo-client', clientSecret: 'S3cr3t/Value+xyz' };

  before(async () => {
    server = await startHostileServer({
      // Echoes every request header in the body (as JSON and as "Name: value" lines) and in its own headers.
      '/v1/echo': (req, res) => {
        const sent = Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`);
        res
          .writeHead(404, {
            'content-type': 'application/json',
            'x-echo-signature': String(req.headers['x-frame-signature'] ?? ''),
            authorization: String(req.headers.authorization ?? 'Bearer something-the-server-made-up'),
          })
          .end(JSON.stringify({ detail: 'Not found.', headers: req.headers, dump: sent.join('\n') }));
      },
      // Claims a different signature than the one sent: only its name says what it is.
      '/v1/forged': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end(
            'X-Frame-Signature: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\nAuthorization: Basic ZWNobzpvdGhlcg==\nok',
          );
      },
      '/v1/big': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(HISTORY_LIMITS.bodyChars + 10));
      },
    });
    transport = new HttpTransport({ retry: { maxRetries: 0 } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-history-'));
  });
  after(async () => {
    await transport.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const leaksIn = (text: string, credentials: Credentials, sent: Record<string, string>): string[] => {
    const values = [credentials.clientSecret, sent['x-frame-signature'], sent.authorization].filter((v): v is string => !!v);
    return values.filter((v) => text.includes(v));
  };

  for (const credentials of [frame, basic]) {
    it(`keeps a 404 as an answer, and neither the tab nor the file on disk holds the echoed credentials (${credentials.scheme})`, async () => {
      const api = new SignedApi({ baseUrl: `${server.url}/v1`, credentials, transport });
      server.hits.length = 0;
      const res = await api.send({ method: 'GET', path: '/echo', everyStatus: true });
      assert.equal(res.status, 404);
      const sent = server.hits[0]!.headers;
      assert.ok(sent['x-frame-signature'] ?? sent.authorization, 'a credential was sent');
      const history = new ResponseHistory(dir);
      const entry = historyEntry({ method: 'GET', path: '/echo' }, res, 12.4, new Date('2026-12-03T10:00:00Z'));
      await history.add('conn-1', entry);
      const onDisk = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
      const shown = responseDocument(entry).content;
      assert.deepEqual(leaksIn(onDisk.join('\n'), credentials, sent), []);
      assert.deepEqual(leaksIn(shown, credentials, sent), []);
      assert.match(shown, /^\/\/ GET \/echo\n\/\/ HTTP 404 · 12 ms · \d+ B\n\/\/ Received 2026-12-03 10:00:00 UTC\n/);
      assert.match(shown, /"detail": "Not found\."/);
      assert.equal(entry.headers.authorization, '[redacted]');
      const [kept] = await history.list('conn-1');
      assert.equal(kept?.status, 404);
    });
  }

  it('redacts a credential the server made up, by its name, in text bodies too', async () => {
    const api = new SignedApi({ baseUrl: `${server.url}/v1`, credentials: frame, transport });
    const res = await api.send({ method: 'GET', path: '/forged', everyStatus: true });
    const entry = historyEntry({ method: 'GET', path: '/forged' }, res, 1);
    assert.equal(entry.body, 'X-Frame-Signature: [redacted]\nAuthorization: [redacted]\nok');
  });

  it('caps bodies, keeps the newest 20 per connection, and finds the previous answer to the same request', async () => {
    const api = new SignedApi({ baseUrl: `${server.url}/v1`, credentials: frame, transport });
    const big = historyEntry({ method: 'GET', path: '/big' }, await api.send({ method: 'GET', path: '/big' }), 1);
    assert.equal(big.body.length, HISTORY_LIMITS.bodyChars);
    assert.equal(big.bytes, HISTORY_LIMITS.bodyChars + 10);
    assert.match(responseDocument(big).content, /the body is cut at 256\.0 KB here/);

    const history = new ResponseHistory(path.join(dir, 'many'));
    const at = (i: number) => new Date(Date.UTC(2026, 11, 3, 10, 0, i));
    const answer = (n: number) => ({ status: 200, headers: {}, text: `{"n":${n}}` });
    // Added at once: each write waits for the one before it.
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        history.add('c', historyEntry({ method: 'GET', path: i % 2 ? '/odd' : '/even' }, answer(i), 1, at(i))),
      ),
    );
    const entries = await history.list('c');
    assert.equal(entries.length, HISTORY_LIMITS.entries);
    assert.deepEqual(
      entries.slice(0, 3).map((e) => e.body),
      ['{"n":24}', '{"n":23}', '{"n":22}'],
    );
    const previous = await history.previous('c', entries[0]!);
    assert.equal(previous?.body, '{"n":22}');
    assert.equal(await history.previous('c', entries[entries.length - 1]!), undefined);
    await history.forget('c');
    assert.deepEqual(await history.list('c'), []);
  });

  it('saves a request as a request-file block that parses back to the same request, without credentials', () => {
    const get = requestBlock('Prod (Web)', { method: 'get', path: '/accounts/', params: { date_from: '2026-01-01', q: 'a b&c' } });
    const post = requestBlock('Registration', { method: 'POST', path: 'entity.count', params: { type_name: 'user' } });
    const text = appendBlock(appendBlock('', get), post);
    assert.equal(
      text,
      [
        '###',
        '# @connection Prod (Web)',
        'GET /accounts/?date_from=2026-01-01&q=a+b%26c',
        '',
        '###',
        '# @connection Registration',
        'POST /entity.count',
        'Content-Type: application/x-www-form-urlencoded',
        '',
        'type_name=user',
        '',
      ].join('\n'),
    );
    const file = parseRequestFile(text);
    assert.deepEqual(file.diagnostics, []);
    assert.deepEqual(
      file.requests.map((r) => [r.connection, r.method, r.url.text, r.body?.text]),
      [
        ['Prod (Web)', 'GET', '/accounts/?date_from=2026-01-01&q=a+b%26c', undefined],
        ['Registration', 'POST', '/entity.count', 'type_name=user'],
      ],
    );
  });
});
