import * as assert from 'node:assert/strict';
import { SignedApi } from '../../../src/core/api';
import { HttpTransport } from '../../../src/core/http/transport';
import { failsWithKind } from '../../support/failsWith';
import { DEMO_REGISTRATION_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

/** Generic signed requests with hostile parameters, verified by the simulator's own code (issue 8, item 10). */
describe('signed requests: hostile parameters', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let transport: HttpTransport;
  let api: SignedApi;
  before(async () => {
    sim = await startSimulator();
    transport = new HttpTransport({ retry: { maxRetries: 0 } });
    api = new SignedApi({
      baseUrl: sim.registrationBase,
      credentials: { scheme: 'janrain-signature', ...DEMO_REGISTRATION_CREDENTIALS },
      transport,
    });
  });
  after(async () => {
    await transport.close();
    await sim.close();
  });
  beforeEach(() => sim.reset());

  it('a parameter value with a newline is refused before anything is sent', async () => {
    const err = await failsWithKind(
      api.send({ method: 'POST', path: '/entity.find', params: { type_name: 'user', filter: 'id = 1\ntype_name=admin' } }),
      'invalid-request',
    );
    assert.match(err.message, /"filter"/);
    assert.equal(sim.requests.length, 0);
    assert.throws(() => api.describeRequest({ method: 'GET', path: '/entity.count?filter=a%0Ab' }), /line break/);
  });

  it('a "__proto__" parameter is sent and signed, not silently dropped (from params or the path)', async () => {
    const params = JSON.parse('{"type_name":"user","__proto__":"p"}') as Record<string, string>;
    const res = await api.send({ method: 'POST', path: '/entity.count', params });
    assert.equal((res.json as { stat: string }).stat, 'ok', 'the simulator verified the signature over both parameters');
    assert.match(sim.requests.at(-1)!.body, /(^|&)__proto__=p(&|$)/);
    const viaPath = await api.send({ method: 'GET', path: '/entity.count?type_name=user&__proto__=q' });
    assert.equal((viaPath.json as { stat: string }).stat, 'ok');
    assert.match(sim.requests.at(-1)!.path, /[?&]__proto__=q(&|$)/);
  });
});
