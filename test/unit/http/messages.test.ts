// Error messages read as sentences: a server's own sentence is quoted without a doubled period.
import * as assert from 'node:assert/strict';
import { FrameClient } from '../../../src/core/api';
import { HttpTransport } from '../../../src/core/http/transport';
import { failsWith } from '../../support/failsWith';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

describe('error messages', () => {
  let sim: Simulator;
  let transport: HttpTransport;
  let web: FrameClient;
  before(async () => {
    sim = await startSimulator({ sessionsPerMonth: 10 });
    transport = new HttpTransport({ retry: { maxRetries: 0 } });
    web = new FrameClient({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
  });
  after(async () => {
    await transport.close();
    await sim.close();
  });

  it('quotes "Invalid signature." without a doubled period, and "no access" with one', async () => {
    sim.inject(
      { kind: 'status', status: 401, body: '{"detail":"Invalid signature."}', contentType: 'application/json' },
      { path: '/v1alpha/accounts/' },
    );
    const signature = await failsWith(web.listAccounts(), 'auth');
    assert.match(signature.message, /The server said: "Invalid signature\." /);
    assert.doesNotMatch(signature.message, /\."\./);
    sim.inject(
      { kind: 'status', status: 403, body: '{"detail":"no access"}', contentType: 'application/json' },
      { path: '/v1alpha/accounts/' },
    );
    const forbidden = await failsWith(web.listAccounts(), 'forbidden');
    assert.match(forbidden.message, /The server said: "no access"\. /);
  });
});
