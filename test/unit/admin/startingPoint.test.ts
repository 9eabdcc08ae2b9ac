// Where the tenant tree starts (src/core/admin/startingPoint.ts), in bare Node against the
// simulator over real sockets: customer-wide, organization-scoped and account-scoped credentials,
// a 404 instead of a 403, and failures that are not about scope (they are reported, not hidden).
import * as assert from 'node:assert/strict';
import { startingPoint } from '../../../src/core/admin';
import { failsWith } from '../../support/failsWith';
import { ACCOUNT_SCOPED_CREDENTIALS, DEMO_CREDENTIALS, ORGANIZATION_SCOPED_CREDENTIALS } from '../../simulator';
import { adminOnSimulator } from '../../support/adminFixture';

describe('Admin API: where the tenant tree starts', function () {
  this.timeout(20_000);
  const fx = adminOnSimulator();

  it('starts at the customer for customer-wide credentials, with one request', async () => {
    const point = await startingPoint(fx.client(DEMO_CREDENTIALS));
    assert.equal(point.level, 'customer');
    assert.equal(point.level === 'customer' && point.customer.id, fx.sim.data.tenant.customer.id);
    assert.deepEqual(
      fx.sim.requests.map((r) => r.path),
      ['/v1/customers/'],
    );
  });

  it('starts at the organizations when the customer is refused but organizations are listed, and says why', async () => {
    const point = await startingPoint(fx.client(ORGANIZATION_SCOPED_CREDENTIALS));
    assert.deepEqual(point, {
      level: 'organizations',
      note: 'The customer is refused (HTTP 403) for these credentials: showing the organizations they can see.',
    });
    assert.match(fx.sim.requests[1]!.path, /^\/v1\/organizations\?.*limit=1$/, 'one organization is enough to know');
  });

  it('starts at the accounts when the organizations are refused too, and says why', async () => {
    const point = await startingPoint(fx.client(ACCOUNT_SCOPED_CREDENTIALS));
    assert.deepEqual(point, {
      level: 'accounts',
      note: 'The customer and its organizations are refused (HTTP 403) for these credentials: showing the accounts they can see.',
    });
  });

  it('reads a 404 for the customer as out of scope too, and names it', async () => {
    fx.sim.inject({ kind: 'status', status: 404, body: '{"error":"not found"}' }, { path: '/v1/customers/' });
    const point = await startingPoint(fx.client(DEMO_CREDENTIALS));
    assert.deepEqual(point, {
      level: 'organizations',
      note: 'The customer is not found (HTTP 404) for these credentials: showing the organizations they can see.',
    });
  });

  it('starts at the accounts when the organization list is empty', async () => {
    fx.sim.inject({ kind: 'status', status: 403, body: '{"error":"forbidden"}' }, { path: '/v1/customers/' });
    fx.sim.inject({ kind: 'status', status: 200, body: '[]' }, { path: '/v1/organizations' });
    const point = await startingPoint(fx.client(DEMO_CREDENTIALS));
    assert.equal(point.level, 'accounts');
  });

  it('reports a failure that is not about scope (a 500, wrong credentials) instead of starting lower', async () => {
    fx.sim.inject({ kind: 'status', status: 500, body: '{"error":"boom"}' }, { path: '/v1/customers/' });
    await failsWith(startingPoint(fx.client(DEMO_CREDENTIALS)), 'server');
    fx.sim.inject({ kind: 'status', status: 403, body: '{"error":"forbidden"}' }, { path: '/v1/customers/' });
    fx.sim.inject({ kind: 'status', status: 502, body: '{"error":"bad gateway"}' }, { path: '/v1/organizations' });
    await failsWith(startingPoint(fx.client(DEMO_CREDENTIALS)), 'server');
    await failsWith(startingPoint(fx.client({ ...DEMO_CREDENTIALS, clientSecret: 'wrong' })), 'auth');
  });
});
