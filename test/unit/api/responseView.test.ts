// What the response view of Send Signed Request may show (SECURITY.md): the response as received,
// except the credentials this request sent, which a server echoing them back never gets shown.
import * as assert from 'node:assert/strict';
import { SignedApi } from '../../../src/core/api';
import { HttpTransport } from '../../../src/core/http/transport';
import type { Credentials } from '../../../src/core/signing';
import { startHostileServer, type HostileServer } from '../../support/hostileServer';

describe('Send Signed Request: a server echoing the credentials back', function () {
  this.timeout(20_000);
  let server: HostileServer;
  let transport: HttpTransport;
  const basic: Credentials = { scheme: 'basic', clientId: 'echo-client', clientSecret: 'S3cr3t/Value+xyz' };
  const token = Buffer.from(`${basic.clientId}:${basic.clientSecret}`).toString('base64');

  before(async () => {
    server = await startHostileServer({
      '/v1/echo': (req, res) => {
        const auth = req.headers.authorization ?? '';
        res
          .writeHead(200, { 'content-type': 'application/json', 'x-echo': auth })
          .end(JSON.stringify({ youSent: auth, secret: basic.clientSecret, rows: [1, 2] }));
      },
    });
    transport = new HttpTransport({ retry: { maxRetries: 0 } });
  });
  after(async () => {
    await transport.close();
    await server.close();
  });

  it('the text, the JSON and the headers hold none of the credentials sent; the rest is as received', async () => {
    const api = new SignedApi({ baseUrl: `${server.url}/v1`, credentials: basic, transport });
    const res = await api.send({ method: 'GET', path: '/echo' });
    const shown = JSON.stringify([res.text, res.json, res.headers]);
    for (const leak of [basic.clientSecret, token]) assert.ok(!shown.includes(leak), `${leak} in ${shown}`);
    assert.deepEqual((res.json as { rows: number[] }).rows, [1, 2]);
    assert.equal(res.status, 200);
  });
});
