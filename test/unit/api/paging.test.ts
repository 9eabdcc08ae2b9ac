// Paging Admin API lists from servers that page differently than asked (issue 18, classes 1 and
// 5): a server that serves fewer items per page than asked (the simulator with a page cap), one
// that ignores offset and repeats or rotates its pages, and one that sends far more than asked.
import * as assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Pager, type AdminOrganization } from '../../../src/core/api';
import { AuditController } from '../../../src/audit/auditController';
import { AUDIT_ENTRIES, DEMO_CREDENTIALS } from '../../simulator';
import { adminOnHostileServer, adminOnSimulator } from '../../support/adminFixture';

describe('paging: a short page is not the end of a list', function () {
  this.timeout(30_000);
  const fx = adminOnSimulator();

  const auditPanel = (log: string[] = []) => {
    const t = fx.sim.data.tenant;
    return new AuditController({
      connection: {
        id: 'c1',
        name: 'Sim Admin',
        baseUrl: fx.sim.adminApiBase,
        clientId: DEMO_CREDENTIALS.clientId,
        scheme: 'frame',
        apiKind: 'admin',
      },
      scope: { kind: 'customer', id: t.customer.id, name: t.customer.name },
      admin: async () => fx.admin,
      editor: { show: async () => undefined },
      log: (line) => void log.push(line),
    });
  };

  it('the audit trail reads every entry from a server that serves 50 per page when 100 are asked', async () => {
    fx.sim.setPageCap(50);
    const panel = auditPanel();
    let r = await panel.handlers.load({ search: '', kind: '' });
    assert.equal(r.loaded, 100, 'a page of 100 is filled from two pages of 50');
    assert.equal(r.hasMore, true);
    while (r.hasMore) r = await panel.handlers.more(null);
    assert.equal(r.loaded, AUDIT_ENTRIES, 'all of them, not the first 50');
    const last = new URL(fx.sim.requests.at(-1)!.path, 'http://x').searchParams;
    assert.equal(last.get('offset'), String(AUDIT_ENTRIES), 'the end is an empty page');
  });

  it('the accounts picker lists every account from a server that serves 3 per page when 100 are asked', async () => {
    fx.sim.setPageCap(3);
    const all = await fx.admin.all((p) => fx.admin.listAccounts({}, p));
    assert.deepEqual(all.map((a) => a.id).sort(), fx.sim.data.tenant.accounts.map((a) => a.id).sort());
    assert.equal(
      fx.sim.requests.length,
      Math.ceil(fx.sim.data.tenant.accounts.length / 3) + 1,
      'one request per served page, and the empty one',
    );
  });

  it('one page: a short page is followed by hasMore (only an empty page or a total ends the list)', async () => {
    fx.sim.setPageCap(2);
    const first = await fx.admin.listOrganizations({}, { offset: 0, limit: 100 });
    assert.equal(first.items.length, 2);
    assert.equal(first.hasMore, true);
    const end = await fx.admin.listOrganizations({}, { offset: 100, limit: 100 });
    assert.deepEqual(end.items, []);
    assert.equal(end.hasMore, false);
  });
});

describe('paging: repeated, rotated and oversized pages are bounded', function () {
  this.timeout(30_000);
  let answer: (req: IncomingMessage, res: ServerResponse) => void;

  /** 100 distinct organizations; the server ignores offset and rotates its list by the offset asked. */
  const distinct = Array.from({ length: 100 }, (_, i) => ({ id: `org-${i}`, name: `Org ${i}` }));
  const rotating = (req: IncomingMessage, res: ServerResponse) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const shift = Number(q.get('offset')) % distinct.length;
    const limit = Number(q.get('limit'));
    const rotated = [...distinct.slice(shift), ...distinct.slice(0, shift)].slice(0, limit);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rotated));
  };

  const answerEach = (req: IncomingMessage, res: ServerResponse) => answer(req, res);
  const fx = adminOnHostileServer({ '/v1/organizations': answerEach, '/v1/customers/C1/audit-trails': answerEach });

  it('a server that ignores offset and rotates its pages: each organization once, a bounded number of requests', async () => {
    answer = rotating;
    const all = await fx.admin.all((p) => fx.admin.listOrganizations({}, p), { pageSize: 50 });
    assert.deepEqual(
      all.map((o) => o.id),
      distinct.map((o) => o.id),
    );
    assert.ok(fx.server.hits.length <= 4, `${fx.server.hits.length} requests`);
  });

  it('a server that sends the same page whatever the offset: the audit trail keeps each entry once and says why it stopped', async () => {
    const entries = Array.from({ length: 100 }, (_, i) => ({ id: `e${i}`, time: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` }));
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(entries));
    const log: string[] = [];
    const panel = new AuditController({
      connection: { id: 'c1', name: 'Hostile', baseUrl: `${fx.server.url}/v1`, clientId: 'c', scheme: 'frame', apiKind: 'admin' },
      scope: { kind: 'customer', id: 'C1', name: 'Customer' },
      admin: async () => fx.admin,
      editor: { show: async () => undefined },
      log: (line) => void log.push(line),
    });
    let r = await panel.handlers.load({ search: '', kind: '' });
    while (r.hasMore) r = await panel.handlers.more(null);
    assert.equal(r.loaded, 100);
    assert.ok(fx.server.hits.length <= 3, `${fx.server.hits.length} requests`);
    assert.ok(
      log.some((l) => /already seen/.test(l)),
      log.join('\n'),
    );
  });

  it('an oversized page (100,000 items for a page of 50) is cut to what was asked, and says how many came', async () => {
    const huge = JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ id: `o${i}` })));
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(huge);
    const page = await fx.admin.listOrganizations({}, { offset: 0, limit: 50 });
    assert.equal(page.items.length, 50);
    assert.equal(page.oversized, 100_000);
    assert.equal(page.hasMore, true);
  });

  it('a total, where a server gives one, ends the list without an empty page', async () => {
    answer = (req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const offset = Number(q.get('offset'));
      const items = distinct.slice(offset, offset + Math.min(20, Number(q.get('limit'))));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items, total: distinct.length }));
    };
    const all: AdminOrganization[] = await fx.admin.all((p) => fx.admin.listOrganizations({}, p));
    assert.equal(all.length, 100);
    assert.equal(fx.server.hits.length, 5, 'five pages of 20, no empty page after the total');
  });
});

describe('Pager: each item mapped once, whatever the number of pages', () => {
  it('Load all over 1,000 items served 50 at a time: 1,000 maps, 21 requests', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    let requests = 0;
    let maps = 0;
    const pager = new Pager<number, string>(
      async (offset, limit) => {
        requests++;
        const page = items.slice(offset, offset + Math.min(limit, 50));
        return { items: page, hasMore: page.length > 0 };
      },
      (n) => {
        maps++;
        return `item-${n}`;
      },
      (s) => s,
    );
    const first = await pager.take(100);
    const rest = await pager.takeAll(100, 100_000);
    assert.equal(first.length + rest.length, 1000);
    assert.equal(maps, 1000);
    assert.equal(requests, 21);
    assert.equal(pager.more, false);
  });
});
