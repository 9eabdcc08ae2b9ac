// The Admin API client in bare Node against the simulator over real sockets: the tenant tree,
// account details and its sections, publishing (sent once, never retried), following a task,
// audit trails and infrastructure, scoped credentials, and shapes read defensively.
import * as assert from 'node:assert/strict';
import {
  auditCell,
  auditColumns,
  auditCsv,
  detailsDocument,
  findTaskId,
  parseDatacenters,
  parsePublishTasks,
  pollDelay,
  publishFailureMeans,
  taskPhase,
  watchPublishTask,
} from '../../../src/core/api';
import { FrameError } from '../../../src/core/errors';
import { parseApiTime, relativeTime } from '../../../src/core/time';
import { failsWith } from '../../support/failsWith';
import { ACCOUNT_SCOPED_CREDENTIALS, ORGANIZATION_SCOPED_CREDENTIALS } from '../../simulator';
import { PRODUCT_RETRIES, adminOnSimulator } from '../../support/adminFixture';

describe('Admin API client against the simulator', function () {
  this.timeout(20_000);
  // Retries enabled (as in the product): the publish POST must still be sent once.
  const fx = adminOnSimulator(PRODUCT_RETRIES);

  describe('tenant tree', () => {
    it('reads the customer with its documented fields, keeping the raw object', async () => {
      const c = await fx.admin.getCustomer();
      const t = fx.sim.data.tenant.customer;
      assert.equal(c.id, t.id);
      assert.equal(c.name, 'Acme Corporation');
      assert.equal(c.ownerEmail, t.owner_email);
      assert.equal(c.tenantDomain, t.tenant_domain);
      assert.equal(c.active, true);
      assert.deepEqual(c.raw, t);
      assert.equal(fx.sim.requests.at(-1)?.path, '/v1/customers/');
    });

    it('lists organizations sorted by name without deleted ones, a page at a time', async () => {
      const expected = fx.sim.data.tenant.organizations.map((o) => o.name).sort((a, b) => a.localeCompare(b));
      const first = await fx.admin.listOrganizations({}, { offset: 0, limit: 2 });
      assert.equal(first.hasMore, true, 'a full page may be followed by another');
      const second = await fx.admin.listOrganizations({}, { offset: 2, limit: 2 });
      assert.equal(second.hasMore, true, 'a short page is not the end: a server may serve fewer than asked');
      const end = await fx.admin.listOrganizations({}, { offset: 4, limit: 2 });
      assert.deepEqual([end.items, end.hasMore], [[], false], 'an empty page is');
      assert.deepEqual(
        [...first.items, ...second.items].map((o) => o.name),
        expected,
      );
      const sent = new URL(fx.sim.requests[0]!.path, 'http://x').searchParams;
      assert.deepEqual(Object.fromEntries(sent), { show_deleted: 'false', order_by: 'name', order: 'asc', offset: '0', limit: '2' });
      const named = await fx.admin.listOrganizations({ name: 'design' });
      assert.deepEqual(
        named.items.map((o) => o.name),
        ['Acme – Design'],
      );
    });

    it('lists the accounts of an organization (paged, name filter) and reads one with its details', async () => {
      const t = fx.sim.data.tenant;
      const org = t.organizations[0]!;
      const all = await fx.admin.all((p) => fx.admin.listAccounts({ organizationId: org.id }, p), { pageSize: 5 });
      assert.deepEqual(
        all.map((a) => a.id),
        t.accounts.filter((a) => t.organizationOf(a.id) === org.id).map((a) => a.id),
      );
      assert.ok(fx.sim.requests.some((r) => r.path.includes('offset=5&limit=5')));
      assert.ok(all.some((a) => a.active === false));
      const renders = await fx.admin.listAccounts({ organizationId: org.id, name: 'Render' });
      assert.deepEqual(
        renders.items.map((a) => a.name),
        ['Render Farm AMER'],
      );
      const d = await fx.admin.getAccount(t.accounts[0]!.id);
      assert.equal(d.kind, 'frame');
      assert.equal(d.urlSlug, t.accounts[0]!.url_slug);
      assert.match(d.insertedAt, /Z$/);
      assert.match(d.lastPublish, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/, 'as sent: no zone');
    });

    it('reads the account sections as received; a missing one is a not-found error', async () => {
      const t = fx.sim.data.tenant;
      assert.ok(Array.isArray(await fx.admin.getAccountSection(t.accounts[0]!.id, 'availabilityZones')));
      assert.ok(Array.isArray(await fx.admin.getAccountSection(t.accounts[0]!.id, 'upgradeGroups')));
      assert.equal(typeof (await fx.admin.getAccountSection(t.accounts[0]!.id, 'userVolumes')), 'object');
      const e = await failsWith(fx.admin.getAccountSection(t.noUpgradeGroupsAccountId, 'upgradeGroups'), 'not-found');
      assert.match(e.message, /not enabled for this account/);
    });

    it('cuts a page to what was asked when a server ignores offset/limit (more than a page comes back)', async () => {
      const big = Array.from({ length: 7 }, (_, i) => ({ id: `a${i}`, name: `A ${i}` }));
      fx.sim.inject({ kind: 'status', status: 200, body: JSON.stringify(big) }, { path: '/v1/accounts' });
      const page = await fx.admin.listAccounts({}, { offset: 0, limit: 5 });
      assert.deepEqual(
        page.items.map((a) => a.id),
        ['a0', 'a1', 'a2', 'a3', 'a4'],
      );
      assert.equal(page.oversized, 7);
    });

    it('accepts a list under "items" and refuses an entity without an id, naming the field', async () => {
      fx.sim.inject(
        { kind: 'status', status: 200, body: JSON.stringify({ items: [{ id: 'x1', name: 'Wrapped' }] }) },
        { path: '/v1/organizations' },
      );
      assert.deepEqual(
        (await fx.admin.listOrganizations()).items.map((o) => o.name),
        ['Wrapped'],
      );
      fx.sim.inject({ kind: 'status', status: 200, body: JSON.stringify([{ name: 'no id' }]) }, { path: '/v1/organizations' });
      const e = await failsWith(fx.admin.listOrganizations(), 'bad-response');
      assert.match(e.message, /\[0\]\.id/);
    });
  });

  describe('scoped credentials', () => {
    it('organization-scoped: the customer is refused (403), its organization and accounts are visible', async () => {
      const org = fx.client(ORGANIZATION_SCOPED_CREDENTIALS);
      await failsWith(org.getCustomer(), 'forbidden');
      const orgs = await org.listOrganizations();
      assert.deepEqual(
        orgs.items.map((o) => o.id),
        [fx.sim.data.tenant.organizations[0]!.id],
      );
      const t = fx.sim.data.tenant;
      const outside = t.accounts.find((a) => t.organizationOf(a.id) !== t.organizations[0]!.id)!;
      const e = await failsWith(org.getAccount(outside.id), 'forbidden');
      assert.match(e.message, /HTTP 403/);
    });

    it('account-scoped: customer and organizations refused, its one account listed', async () => {
      const one = fx.client(ACCOUNT_SCOPED_CREDENTIALS);
      await failsWith(one.getCustomer(), 'forbidden');
      await failsWith(one.listOrganizations(), 'forbidden');
      assert.deepEqual(
        (await one.listAccounts()).items.map((a) => a.name),
        ['Design Studio DACH'],
      );
    });

    it('an account of another customer is refused even with customer credentials', async () => {
      await failsWith(fx.admin.getAccount(fx.sim.data.tenant.outsideAccountId), 'forbidden');
    });
  });

  describe('publishing', () => {
    it('POSTs once with no body and finds the task id in the answer', async () => {
      const id = fx.sim.data.tenant.accounts[1]!.id;
      const res = await fx.admin.publishSandbox(id);
      const posts = fx.sim.requests.filter((r) => r.method === 'POST');
      assert.equal(posts.length, 1);
      assert.equal(posts[0]!.path, `/v1/accounts/${id}/publish`);
      assert.equal(posts[0]!.body, '');
      assert.ok(posts[0]!.headers['x-frame-signature'], 'signed');
      const task = findTaskId(res.body);
      assert.equal(task?.key, 'task_id');
      assert.equal(task?.id, fx.sim.data.tenant.publishTasks(id)[0]!.id);
    });

    it('is never retried: a 503, a 502 after the POST took effect and a reset each mean one POST', async () => {
      const id = fx.sim.data.tenant.accounts[3]!.id;
      for (const fault of [{ kind: 'status', status: 503 }, { kind: 'status-after', status: 502 }, { kind: 'reset' }] as const) {
        fx.sim.reset();
        fx.sim.inject(fault, { method: 'POST', times: 5 });
        const err = await fx.admin.publishSandbox(id).then(
          () => assert.fail('expected a failure'),
          (e: unknown) => e,
        );
        assert.equal(fx.sim.requests.filter((r) => r.method === 'POST').length, 1, fault.kind);
        assert.equal(publishFailureMeans(err), 'unknown', `${fault.kind}: may or may not have started`);
      }
    });

    it('a refusal (403 outside the scope) means the publish did not start', async () => {
      const err = await failsWith(fx.admin.publishSandbox(fx.sim.data.tenant.outsideAccountId), 'forbidden');
      assert.equal(publishFailureMeans(err), 'not-started');
      assert.equal(publishFailureMeans(new FrameError('invalid-request', 'refused before sending')), 'not-started');
    });

    it('follows a task to success with growing delays, reporting each state', async () => {
      const id = fx.sim.data.tenant.accounts[0]!.id;
      const taskId = findTaskId((await fx.admin.publishSandbox(id)).body)!.id;
      const states: string[] = [];
      const result = await watchPublishTask({
        read: (signal) => fx.admin.getPublishTask(id, taskId, signal),
        timeoutMs: 10_000,
        baseDelayMs: 5,
        onState: (s) => states.push(s),
      });
      assert.equal(result.outcome, 'finished');
      assert.equal(result.outcome === 'finished' && result.phase, 'succeeded');
      assert.deepEqual(states, ['queued', 'in_progress', 'in_progress', 'success']);
    });

    it('a failing publish ends "failed"', async () => {
      const id = fx.sim.data.tenant.failingPublishAccountId;
      const taskId = findTaskId((await fx.admin.publishSandbox(id)).body)!.id;
      const result = await watchPublishTask({ read: (s) => fx.admin.getPublishTask(id, taskId, s), timeoutMs: 10_000, baseDelayMs: 5 });
      assert.equal(result.outcome === 'finished' && result.phase, 'failed');
    });

    it('a task that never finishes: the watcher gives up at the watch time, with the last state', async () => {
      const id = fx.sim.data.tenant.stuckPublishAccountId;
      const taskId = findTaskId((await fx.admin.publishSandbox(id)).body)!.id;
      const result = await watchPublishTask({ read: (s) => fx.admin.getPublishTask(id, taskId, s), timeoutMs: 300, baseDelayMs: 20 });
      assert.equal(result.outcome, 'timeout');
      assert.equal(result.outcome === 'timeout' && result.state, 'in_progress');
    });

    it('Cancel stops watching at once (the task itself goes on)', async () => {
      const id = fx.sim.data.tenant.stuckPublishAccountId;
      const taskId = findTaskId((await fx.admin.publishSandbox(id)).body)!.id;
      const ctrl = new AbortController();
      const result = await watchPublishTask({
        read: (s) => fx.admin.getPublishTask(id, taskId, s),
        timeoutMs: 60_000,
        baseDelayMs: 60_000,
        signal: ctrl.signal,
        onState: () => setImmediate(() => ctrl.abort()),
      });
      assert.equal(result.outcome, 'stopped');
      assert.equal(fx.sim.data.tenant.publishTasks(id)[0]!.state, 'in_progress');
    });

    it('an answer without a state is "unreadable" (shown as received), repeated read errors "lost"', async () => {
      const unreadable = await watchPublishTask({ read: async () => ({ progress: 40 }), timeoutMs: 1000, baseDelayMs: 1 });
      assert.deepEqual(unreadable, { outcome: 'unreadable', body: { progress: 40 }, polls: 1 });
      const id = fx.sim.data.tenant.accounts[0]!.id;
      fx.sim.inject({ kind: 'status', status: 404 }, { path: /\/publish\/missing-task$/, times: Infinity });
      const lost = await watchPublishTask({ read: (s) => fx.admin.getPublishTask(id, 'missing-task', s), timeoutMs: 5000, baseDelayMs: 1 });
      assert.equal(lost.outcome, 'lost');
      assert.match(lost.outcome === 'lost' ? lost.error : '', /HTTP 404/);
    });

    it('lists publish tasks newest first, in every state', async () => {
      const t = fx.sim.data.tenant;
      const phases = new Set<string>();
      for (const a of t.accounts) {
        const tasks = parsePublishTasks(await fx.admin.listPublishTasks(a.id))!;
        assert.ok(
          tasks.every((x, i) => i === 0 || (x.startedMs ?? 0) <= (tasks[i - 1]!.startedMs ?? 0)),
          'newest first',
        );
        for (const x of tasks) phases.add(x.phase);
      }
      assert.deepEqual([...phases].sort(), ['canceled', 'failed', 'running', 'succeeded']);
    });
  });

  describe('audit trails and infrastructure', () => {
    it('pages the customer audit trail with search and kind; columns are those clearly there', async () => {
      const scope = { kind: 'customer' as const, id: fx.sim.data.tenant.customer.id };
      const first = await fx.admin.listAuditTrail(scope, {}, { offset: 0, limit: 100 });
      assert.equal(first.items.length, 100);
      assert.ok(first.hasMore);
      const columns = auditColumns(first.items);
      assert.deepEqual(
        columns.slice(0, 6).map((c) => c.title),
        ['Time', 'User', 'Kind', 'Description', 'Email', 'Identity provider'],
      );
      assert.ok(columns.some((c) => c.title === 'IP address'));
      assert.match(auditCell(first.items[0]!, columns[0]!), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
      const launchpad = await fx.admin.listAuditTrail(scope, { kind: 'launchpad' }, { limit: 100 });
      assert.ok(launchpad.items.length > 0 && launchpad.items.every((e) => String(e.kind).startsWith('launchpad')));
      assert.match(fx.sim.requests.at(-1)!.path, /kind=launchpad/);
      const org = await fx.admin.listAuditTrail({ kind: 'organization', id: fx.sim.data.tenant.organizations[2]!.id }, { search: 'okta' });
      assert.ok(org.items.every((e) => e.identity_provider === 'Okta'));
    });

    it('exports audit entries as formula-safe CSV', async () => {
      const entries = [
        { inserted_at: '2026-01-02T03:04:05Z', kind: 'x', description: '=HYPERLINK("https://evil.example","x")' },
        { inserted_at: '2026-01-01T00:00:00Z', kind: '+1', description: 'plain, with comma' },
      ];
      const csv = auditCsv(auditColumns(entries), entries);
      assert.equal(
        csv,
        'Time,Kind,Description\r\n2026-01-02 03:04 UTC,x,"\'=HYPERLINK(""https://evil.example"",""x"")"\r\n2026-01-01 00:00 UTC,"\'+1","plain, with comma"\r\n',
      );
    });

    it('lists cloud providers (display name, BYO) and reads datacenters defensively', async () => {
      const providers = await fx.admin.listCloudProviders();
      assert.deepEqual(
        providers.map((p) => [p.displayName, p.byoCompatible]),
        [
          ['AWS', true],
          ['Azure', true],
          ['Google', true],
          ['Nutanix-AHV', true],
        ],
      );
      const dcs = parseDatacenters(await fx.admin.listDatacenters())!;
      assert.equal(dcs.length, 3);
      assert.equal(dcs[0]!.label, 'US East (N. Virginia) (us-east-1)');
      assert.deepEqual(dcs[0]!.instanceTypes?.[0], 'Air 16GB (GPU) (g4dn.xlarge)');
      assert.deepEqual(dcs[2]!.imageFamilies, ['windows-server-2022', 'windows-server-2019'], 'plain strings too');
      assert.equal(parseDatacenters({ unexpected: true }), undefined, 'not a list: not understood');
      assert.deepEqual(parseDatacenters([{ region: 'x' }])![0]!.imageFamilies, undefined);
    });
  });
});

describe('Admin API: pure helpers', () => {
  it('finds the task id under a few plausible keys, never the account id', () => {
    assert.deepEqual(findTaskId({ task_id: 'a' }), { id: 'a', key: 'task_id' });
    assert.deepEqual(findTaskId({ account: { id: 'acc' }, task: { id: 7 } }), { id: '7', key: 'task.id' });
    assert.deepEqual(findTaskId({ publish_task_id: 'p', id: 'x' }), { id: 'p', key: 'publish_task_id' });
    assert.deepEqual(findTaskId({ account: { id: 'acc' }, id: 'top' }), { id: 'top', key: 'id' });
    assert.equal(findTaskId({ account: { id: 'acc' } }), undefined);
    assert.equal(findTaskId('task-1'), undefined);
    assert.equal(findTaskId({ task_id: '  ' }), undefined);
  });

  it('reads terminal state words case-insensitively; anything else is still running', () => {
    for (const s of ['success', 'SUCCEEDED', 'Successful', 'done', 'completed']) assert.equal(taskPhase(s), 'succeeded', s);
    for (const s of ['failed', 'FAILING', 'error']) assert.equal(taskPhase(s), 'failed', s);
    for (const s of ['canceled', 'Cancelled']) assert.equal(taskPhase(s), 'canceled', s);
    for (const s of ['queued', 'in_progress', 'succeeding', 'canceling', '', undefined]) assert.equal(taskPhase(s), 'running', String(s));
  });

  it('polls every few seconds at first, then slower, up to 30 s', () => {
    const d = Array.from({ length: 10 }, (_, i) => pollDelay(i));
    assert.deepEqual(d, [2000, 2000, 3000, 5000, 5000, 10000, 15000, 30000, 30000, 30000]);
  });

  it('reads Frame timestamps: a zone-less one as UTC', () => {
    assert.equal(parseApiTime('2018-07-12T11:26:18.879116'), Date.UTC(2018, 6, 12, 11, 26, 18, 879));
    assert.equal(parseApiTime('2018-07-12T11:26:18Z'), Date.UTC(2018, 6, 12, 11, 26, 18));
    assert.equal(parseApiTime('2018-07-12T13:26:18+02:00'), Date.UTC(2018, 6, 12, 11, 26, 18));
    assert.equal(parseApiTime('yesterday'), undefined);
    assert.equal(parseApiTime(null), undefined);
    const now = Date.UTC(2026, 0, 10);
    assert.equal(relativeTime(now - 3 * 86_400_000, now), '3 days ago');
    assert.equal(relativeTime(now - 3_600_000, now), '1 hour ago');
    assert.equal(relativeTime(now - 5_000, now), 'just now');
    assert.equal(relativeTime(now - 400 * 86_400_000, now), '1 year ago');
  });

  it('builds a labelled details document; a failed section is a note, the rest stays', () => {
    const text = detailsDocument(
      'Account "A"',
      [
        { key: 'account', label: 'GET /accounts/1', documented: true, value: { id: '1', name: 'A\nB' } },
        {
          key: 'upgrade_groups',
          label: 'GET /accounts/1/deployment_groups: upgrade groups',
          documented: false,
          error: 'Not found (HTTP 404).',
        },
      ],
      new Date(Date.UTC(2026, 0, 1)),
    );
    assert.match(text, /^\/\/ Account "A", as the Frame Admin API returned it on 2026-01-01 00:00 UTC\./);
    assert.match(text, /\/\/ GET \/accounts\/1\/deployment_groups: upgrade groups \(could not be read: Not found \(HTTP 404\)\.\)/);
    const json = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
    assert.deepEqual(json, { account: { id: '1', name: 'A\nB' }, upgrade_groups: { error: 'Not found (HTTP 404).' } });
  });
});
