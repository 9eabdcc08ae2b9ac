// Go to Account's names in a bounded number of requests (src/core/admin/adminNames.ts) and an
// account's organization learnt lazily (accountOrganizations.ts), in bare Node over real sockets:
// against the simulator's tenant, and a large tenant served by a plain server (150 organizations,
// 1,800 accounts) where listing every organization first would cost hundreds of requests.
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { AccountOrganizations, readAdminNames } from '../../../src/core/admin';
import { ACCOUNT_SCOPED_CREDENTIALS } from '../../simulator';
import { adminOnHostileServer, adminOnSimulator } from '../../support/adminFixture';

const BOUND = { organizations: 200, accounts: 2000 };

describe('Admin API names for Go to Account: a few requests, organizations learnt lazily', function () {
  this.timeout(30_000);

  describe('the simulator tenant', () => {
    const fx = adminOnSimulator();
    const orgRefs = () => fx.sim.data.tenant.organizations.map((o) => ({ id: o.id, name: o.name }));

    it('reads organizations and every account with GET /accounts, no request per organization', async () => {
      const names = await readAdminNames(fx.admin, BOUND);
      const t = fx.sim.data.tenant;
      assert.equal(names.complete, true);
      assert.deepEqual(names.accounts.map((a) => a.id).sort(), t.accounts.map((a) => a.id).sort());
      assert.deepEqual(names.organizations.map((o) => o.id).sort(), t.organizations.map((o) => o.id).sort());
      const paths = fx.sim.requests.map((r) => r.path);
      assert.ok(!paths.some((p) => p.includes('organization_id')), paths.join('\n'));
      // The customer, then organizations and accounts (a page each and the empty page that ends it).
      assert.equal(paths.length, 5, paths.join('\n'));
    });

    it('account-scoped credentials: the accounts they see, no organization list', async () => {
      const names = await readAdminNames(fx.client(ACCOUNT_SCOPED_CREDENTIALS), BOUND);
      assert.deepEqual(names.organizations, []);
      assert.ok(names.accounts.length > 0);
    });

    it('finds an account’s organization by listing organizations until it is found, once', async () => {
      const t = fx.sim.data.tenant;
      const orgs = orgRefs();
      const last = orgs.at(-1)!;
      const account = t.accounts.find((a) => t.organizationOf(a.id) === last.id)!;
      const learnt: string[] = [];
      const index = new AccountOrganizations(fx.admin, orgs, (o) => learnt.push(o.id));
      assert.equal(index.knownFor(account.id), undefined);
      assert.deepEqual(await index.find(account.id), last);
      const listings = fx.sim.requests.filter((r) => r.path.includes('organization_id='));
      assert.ok(listings.length >= 1 && listings.length <= orgs.length * 2, String(listings.length));
      assert.ok(learnt.includes(last.id));
      // Known now: no request.
      const before = fx.sim.requests.length;
      assert.deepEqual(await index.find(account.id), last);
      assert.deepEqual(index.knownFor(account.id), last);
      assert.equal(fx.sim.requests.length, before);
      // The background fill lists only what is left, then nothing.
      await index.fill();
      assert.equal(index.complete, true);
      for (const a of t.accounts) assert.equal(index.knownFor(a.id)?.id, t.organizationOf(a.id), a.name);
      const after = fx.sim.requests.length;
      await index.fill();
      assert.equal(fx.sim.requests.length, after);
    });

    it('an account in no organization listed: undefined after listing each organization once', async () => {
      const index = new AccountOrganizations(fx.admin, orgRefs());
      assert.equal(await index.find('00000000-0000-4000-8000-000000000000'), undefined);
      const listed = new Set(fx.sim.requests.map((r) => /organization_id=([^&]+)/.exec(r.path)?.[1]).filter(Boolean));
      assert.equal(listed.size, orgRefs().length);
    });
  });

  describe('a large tenant (150 organizations, 1,800 accounts)', () => {
    const ORGS = Array.from({ length: 150 }, (_, i) => ({ id: `org-${String(i).padStart(3, '0')}`, name: `Org ${i}` }));
    const ACCOUNTS = ORGS.flatMap((o, i) =>
      Array.from({ length: 12 }, (_, j) => ({ id: `acc-${i}-${j}`, name: `Account ${i}.${j}`, organization: o.id })),
    );
    const paged = (items: readonly object[]) => (req: http.IncomingMessage, res: http.ServerResponse) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const offset = Number(q.get('offset') ?? 0);
      const limit = Number(q.get('limit') ?? 50);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(items.slice(offset, offset + limit)));
    };
    const fx = adminOnHostileServer({
      '/v1/customers/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"cust-1","name":"Big"}');
      },
      '/v1/organizations': paged(ORGS),
      '/v1/accounts': (req, res) => {
        const org = new URL(req.url ?? '/', 'http://x').searchParams.get('organization_id');
        const list = ACCOUNTS.filter((a) => org === null || a.organization === org).map(({ id, name }) => ({ id, name, active: true }));
        paged(list)(req, res);
      },
    });

    it('the names in 23 requests (1 + 3 organization pages + 19 account pages), where one list per organization took 304', async () => {
      const names = await readAdminNames(fx.admin, BOUND);
      assert.equal(names.organizations.length, 150);
      assert.equal(names.accounts.length, 1800);
      assert.equal(names.complete, true);
      assert.equal(fx.server.hits.length, 23, fx.server.hits.map((h) => h.path).join('\n'));
      // What the organizations' listings cost, for comparison: each organization a page and the empty page.
      fx.server.hits.length = 0;
      const index = new AccountOrganizations(fx.admin, ORGS);
      await index.fill();
      assert.equal(fx.server.hits.length, 300);
      assert.equal(index.knownFor('acc-149-11')?.id, 'org-149');
    });

    it('a fill stops when its signal aborts: nothing more is asked', async () => {
      const stop = new AbortController();
      const index = new AccountOrganizations(fx.admin, ORGS);
      const unsubscribe = index.onProgress(() => stop.abort());
      await assert.rejects(index.fill(stop.signal));
      unsubscribe();
      // Requests already on the wire when it aborted may still arrive; then nothing more.
      await new Promise((r) => setTimeout(r, 100));
      const asked = fx.server.hits.length;
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(fx.server.hits.length, asked, 'no request after the abort');
      assert.ok(asked <= 3 * 2 + 3, `${asked} requests: a few organizations at a time`);
      assert.equal(index.complete, false);
    });

    it('a pick of an account of the 10th organization costs its organization and the ones listed beside it', async () => {
      const index = new AccountOrganizations(fx.admin, ORGS);
      assert.equal((await index.find('acc-9-5'))?.id, 'org-009');
      // Three at a time: the first twelve organizations at most (a page and the empty page each).
      assert.ok(fx.server.hits.length <= 12 * 2, String(fx.server.hits.length));
    });
  });
});
