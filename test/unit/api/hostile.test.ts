import * as assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FrameAdminClient, FrameClient, RegistrationApi } from '../../../src/core/api';
import { HttpTransport } from '../../../src/core/http/transport';
import type { Credentials } from '../../../src/core/signing';
import { failsWith } from '../../support/failsWith';
import { startHostileServer, type HostileServer } from '../../support/hostileServer';

/** The API clients against a server that answers with hostile data (issue 8). */
describe('API clients: hostile responses', function () {
  this.timeout(20_000);
  let server: HostileServer;
  let transport: HttpTransport;
  /** What the next request to each path answers with. */
  let answer: (req: IncomingMessage, res: ServerResponse) => void;

  const basic: Credentials = { scheme: 'basic', clientId: 'hostile-client', clientSecret: 'S3cr3t/Value+xyz' };
  const token = Buffer.from(`${basic.clientId}:${basic.clientSecret}`).toString('base64');
  const leaks = [basic.clientSecret, `${basic.clientId}:${basic.clientSecret}`, token, Buffer.from(basic.clientSecret).toString('base64')];

  const json = (res: ServerResponse, body: unknown, status = 200) =>
    void res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
  const web = (credentials: Credentials = basic) => new FrameClient({ baseUrl: server.url + '/v1alpha', credentials, transport });
  const assertClean = (err: { message: string; excerpt?: string }, sent: string[]) => {
    const text = JSON.stringify({ message: err.message, excerpt: err.excerpt });
    for (const s of sent) assert.ok(!text.includes(s), `${JSON.stringify(s)} leaked into ${text}`);
  };

  before(async () => {
    server = await startHostileServer();
    for (const path of [
      '/v1alpha/accounts/',
      '/registration/entity.find',
      '/v1alpha/accounts/A1/usage',
      '/v1alpha/accounts/A1/sessions',
      '/v1/organizations',
    ])
      server.route(path, (req, res) => answer(req, res));
    transport = new HttpTransport({ retry: { maxRetries: 0 } });
  });
  after(async () => {
    await transport.close();
    await server.close();
  });
  beforeEach(() => {
    server.hits.length = 0;
  });

  describe('credentials never reach error text (item 2)', () => {
    it('a 2xx JSON body of the wrong shape that echoes the Basic token: scrubbed from the validation error', async () => {
      answer = (req, res) =>
        json(res, [{ account_id: { echo: req.headers.authorization, decoded: Buffer.from(token, 'base64').toString() } }]);
      const err = await failsWith(web().listAccounts(), 'bad-response');
      assert.match(err.excerpt ?? '', /\[redacted\]/);
      assertClean(err, leaks);
      answer = (req, res) => json(res, [{ account_id: `id ${req.headers.authorization}`, name: ['x'] }]);
      assertClean(await failsWith(web().listAccounts(), 'bad-response'), leaks);
    });

    it('a frame signature echoed in a 2xx JSON body: scrubbed from the validation error', async () => {
      let sent = '';
      answer = (req, res) => {
        sent = String(req.headers['x-frame-signature']);
        json(res, { signature: sent, headers: req.headers });
      };
      const err = await failsWith(
        web({ scheme: 'frame', clientId: 'hostile-client', clientSecret: 'another-secret' }).listAccounts(),
        'bad-response',
      );
      assert.equal(sent.length, 64);
      assertClean(err, [sent]);
    });

    it('"stat":"error" with HTTP 200 echoing the credentials (generic signed request): scrubbed', async () => {
      const api = new RegistrationApi({ baseUrl: server.url + '/registration', credentials: basic, transport });
      answer = (req, res) =>
        json(res, {
          stat: 'error',
          code: 402,
          error_description: `bad ${req.headers.authorization} for ${basic.clientId}:${basic.clientSecret}`,
        });
      const err = await failsWith(api.send({ method: 'POST', path: '/entity.find', params: { type_name: 'user' } }), 'http');
      assert.match(err.message, /\[redacted\]/);
      assertClean(err, leaks);
    });
  });

  describe('deeply nested JSON (item 4)', () => {
    const deep = (levels: number, open: string, close: string, inner = '') => open.repeat(levels) + inner + close.repeat(levels);

    it('a million nested lists is a clean bad-response error, wherever the nesting is', async () => {
      for (const body of [deep(1_000_000, '[', ']'), `[{"account_id":${deep(1_000_000, '[', ']')}}]`, deep(1_000_000, '{"a":', '}', '1')]) {
        answer = (_req, res) => json(res, body);
        const err = await failsWith(web().listAccounts(), 'bad-response');
        assert.ok((err.excerpt ?? '').length <= 161, 'a short excerpt');
      }
    });
  });

  describe('numbers written as text (item 5)', () => {
    const usage = (hours: unknown) => [
      { datacenter: 'dc', time: '2026-01-01T00:00:00', hours_used: hours, instance_type: 'i', server_type: 's' },
    ];
    const range = { from: '2026-01-01', to: '2026-01-02' };

    it('only decimal text counts as a number: "0x0a", "0b11111101000", "1e1" are refused', async () => {
      for (const hours of [
        '0x0a',
        '0b11111101000',
        '0o12',
        '1e1',
        '.5',
        '5.',
        '1,5',
        'Infinity',
        '',
        ' ',
        '+1',
        '1_000',
        '1' + '0'.repeat(400),
      ]) {
        answer = (_req, res) => json(res, usage(hours));
        const err = await failsWith(web().getUsage('A1', range), 'bad-response');
        assert.match(err.message, /hours_used should be a number/, JSON.stringify(hours));
      }
      for (const [year, month] of [
        ['0b11111101000', 1],
        [2024, '1e1'],
        ['0x7e8', '0x0a'],
      ]) {
        answer = (_req, res) => json(res, [{ url: 'https://s3.example/r.zip', year, month }]);
        await failsWith(web().listSessionReports('A1'), 'bad-response');
      }
    });

    it('decimal text and JSON numbers are still read', async () => {
      answer = (_req, res) => json(res, [...usage('1.5'), ...usage(' 2 '), ...usage('-0.25'), ...usage(3), ...usage(1e1)]);
      assert.deepEqual(
        (await web().getUsage('A1', range)).map((u) => u.hoursUsed),
        [1.5, 2, -0.25, 3, 10],
      );
      answer = (_req, res) => json(res, [{ url: 'https://s3.example/r.zip', year: '2024', month: '10' }]);
      assert.deepEqual(await web().listSessionReports('A1'), [{ url: 'https://s3.example/r.zip', year: 2024, month: 10 }]);
    });

    it('a numeric id must be a safe integer (1e21 would be read back as "1e+21")', async () => {
      for (const id of [1e21, 1.5, 2 ** 53]) {
        answer = (_req, res) => json(res, `[{"account_id":${JSON.stringify(id)}}]`);
        await failsWith(web().listAccounts(), 'bad-response');
      }
      answer = (_req, res) => json(res, '[{"account_id":42}]');
      assert.equal((await web().listAccounts())[0]?.accountId, '42');
    });
  });

  describe('account ids that are dot segments (item 7)', () => {
    it('"." and ".." are refused before anything is sent, for every per-account endpoint', async () => {
      answer = (_req, res) => json(res, []);
      for (const id of ['.', '..']) {
        const client = web();
        for (const call of [
          () => client.listTeamMembers(id),
          () => client.listApplications(id),
          () => client.getUsage(id, { from: '2026-01-01', to: '2026-01-02' }),
          () => client.listSessionReports(id),
          () => client.getRecentSessions(id),
        ]) {
          const err = await failsWith(call(), 'invalid-request');
          assert.match(err.message, /account ID/);
        }
      }
      assert.deepEqual(server.hits, [], 'nothing was sent (/accounts/.. would have been /team_members)');
    });

    it('ids that merely contain dots, or look encoded, stay one segment', async () => {
      answer = (_req, res) => json(res, []);
      for (const id of ['...', '.a', 'a..b', '%2e%2e', '.%2E'])
        await web()
          .listTeamMembers(id)
          .catch(() => undefined);
      assert.deepEqual(
        server.hits.map((h) => h.path),
        ['...', '.a', 'a..b', '%252e%252e', '.%252E'].map((seg) => `/v1alpha/accounts/${seg}/team_members`),
      );
    });
  });

  describe('paging numbers (Admin API)', () => {
    it('a NaN, fractional or out-of-range offset/limit is sent as a sane whole number', async () => {
      answer = (_req, res) => json(res, []);
      const admin = new FrameAdminClient({ baseUrl: server.url + '/v1', credentials: basic, transport });
      await admin.listOrganizations({}, { offset: NaN, limit: NaN });
      await admin.listOrganizations({}, { offset: -5, limit: 1e9 });
      await admin.listOrganizations({}, { offset: 7.9, limit: 0.5 });
      assert.deepEqual(
        server.hits.map((h) => h.path),
        [
          '/v1/organizations?show_deleted=false&order_by=name&order=asc&offset=0&limit=50',
          '/v1/organizations?show_deleted=false&order_by=name&order=asc&offset=0&limit=100',
          '/v1/organizations?show_deleted=false&order_by=name&order=asc&offset=7&limit=1',
        ],
      );
    });
  });
});
