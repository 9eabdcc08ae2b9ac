import * as assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FrameClient, SignedApi } from '../../../src/core/api';
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
    for (const path of ['/v1alpha/accounts/', '/registration/entity.find']) server.route(path, (req, res) => answer(req, res));
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
      const api = new SignedApi({ baseUrl: server.url + '/registration', credentials: basic, transport });
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
});
