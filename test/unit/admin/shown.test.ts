// What the Admin API nodes show beside and over their label (src/core/admin: tooltips.ts,
// publishTasks.ts, entityKey.ts), in bare Node against the simulator over real sockets: tooltip
// lines and descriptions of each entity, the publish tasks with the decision to reload while one
// is under way, an unreadable answer, and tree keys that never fall back to a list index.
import * as assert from 'node:assert/strict';
import {
  PUBLISH_TASKS_REFRESH_MS,
  accountSummary,
  cloudProviderSummary,
  cloudProviderTooltip,
  customerTooltip,
  datacenterTooltip,
  entityKey,
  organizationTooltip,
  publishTaskSummary,
  publishTaskTooltip,
  publishTasksRefreshDelay,
  readPublishTasks,
} from '../../../src/core/admin';
import { parseDatacenters, publishTaskInfo, type AdminAccount } from '../../../src/core/api';
import { adminOnSimulator } from '../../support/adminFixture';

describe('Admin API: tooltips, descriptions, publish tasks and tree keys', function () {
  this.timeout(20_000);
  const fx = adminOnSimulator();

  const accountNamed = async (name: string): Promise<AdminAccount> => {
    const page = await fx.admin.listAccounts({ name }, { limit: 100 });
    const account = page.items.find((a) => a.name === name);
    assert.ok(account, name);
    return account;
  };

  it('lists the customer and organization fields that have a value, nothing empty', async () => {
    const t = fx.sim.data.tenant;
    const customer = customerTooltip(await fx.admin.getCustomer());
    assert.equal(customer.title, t.customer.name);
    assert.deepEqual(customer.lines.slice(0, 3), [
      `Customer ID: ${t.customer.id}`,
      `URL slug: ${t.customer.url_slug}`,
      `Owner: ${t.customer.owner_email}`,
    ]);
    assert.equal(customer.lines.at(-1), 'Status: active');
    assert.ok(
      customer.lines.every((l) => !/: $/.test(l)),
      customer.lines.join('\n'),
    );
    const org = t.organizations[2]!;
    const [listed] = (await fx.admin.listOrganizations({ name: org.name })).items;
    const tooltip = organizationTooltip(listed!);
    assert.equal(tooltip.title, org.name);
    assert.equal(tooltip.lines[0], `Organization ID: ${org.id}`);
    assert.equal(
      tooltip.lines.some((l) => l.startsWith('Website:')),
      !!org.website,
    );
  });

  it('describes an account by whether it is active and when it was last published', async () => {
    assert.equal(accountSummary(await accountNamed('Engineering Sandbox (retired)')), 'inactive · published 1 year ago');
    assert.equal(accountSummary(await accountNamed('Render Farm AMER')), 'published 3 days ago');
    assert.equal(accountSummary(await accountNamed('Dev Pilot Nordics')), 'inactive · never published');
    const odd = { ...(await accountNamed('Render Farm AMER')), active: undefined, lastPublish: 'last Tuesday' };
    assert.equal(accountSummary(odd), 'published last Tuesday', 'a time it cannot read, as sent; unknown status as active');
  });

  it('describes cloud providers and datacenters from what Frame lists', async () => {
    const [aws] = await fx.admin.listCloudProviders();
    assert.equal(cloudProviderSummary(aws!), 'BYO compatible');
    assert.equal(cloudProviderSummary({ ...aws!, byoCompatible: false }), 'not BYO compatible');
    assert.equal(cloudProviderSummary({ ...aws!, byoCompatible: undefined }), '');
    const tooltip = cloudProviderTooltip(aws!);
    assert.equal(tooltip.title, fx.sim.data.tenant.cloudProviders[0]!.display_name);
    assert.ok(tooltip.lines.includes(`External ID: ${fx.sim.data.tenant.cloudProviders[0]!.external_id}`));
    assert.ok(tooltip.lines.includes('Bring your own subscription: compatible'));
    assert.ok(cloudProviderTooltip({ ...aws!, byoCompatible: undefined }).lines.includes('Bring your own subscription: not said'));
    const [dc] = parseDatacenters(await fx.admin.listDatacenters())!;
    assert.deepEqual(datacenterTooltip(dc!), { title: dc!.label, lines: [`ID: ${dc!.id}`, `Cloud provider: ${dc!.provider}`] });
  });

  describe('publish tasks', () => {
    it('reloads a list while a task is under way, newest first, saying so in its description and tooltip', async () => {
      const stuck = fx.sim.data.tenant.stuckPublishAccountId;
      const read = await readPublishTasks(fx.admin, stuck);
      assert.ok('tasks' in read);
      assert.equal(read.refreshInMs, PUBLISH_TASKS_REFRESH_MS);
      const [running, ...rest] = read.tasks;
      assert.equal(running!.phase, 'running');
      assert.equal(fx.sim.requests.at(-1)!.path, `/v1/accounts/${stuck}/publish/tasks`);
      assert.equal(publishTaskSummary(running!), 'started 1 hour ago · still running');
      const tooltip = publishTaskTooltip(running!);
      assert.equal(tooltip.title, 'Publish task: in_progress');
      assert.deepEqual(tooltip.lines.slice(0, 2), [`Task ID: ${running!.id}`, 'Meaning: not finished']);
      assert.match(tooltip.lines[2]!, /^Started: \d{4}-\d\d-\d\d \d\d:\d\d UTC \(1 hour ago\)$/);
      assert.ok(rest.length > 0 && rest.every((t) => t.phase !== 'running'));
      assert.match(publishTaskSummary(rest[0]!), /^started \d+ \w+ ago · finished \d+ \w+ ago$/);
    });

    it('does not reload a list whose tasks are all over', async () => {
      const read = await readPublishTasks(fx.admin, (await accountNamed('Render Farm AMER')).id);
      assert.ok('tasks' in read && read.tasks.length >= 3);
      assert.ok(read.tasks.every((t) => t.phase !== 'running'));
      assert.equal(read.refreshInMs, undefined);
      assert.equal(publishTasksRefreshDelay([]), undefined);
      assert.equal(publishTasksRefreshDelay([...read.tasks, publishTaskInfo({ state: 'something new' })]), PUBLISH_TASKS_REFRESH_MS);
    });

    it('keeps an answer of a shape it does not recognise, to show as received', async () => {
      const account = await accountNamed('Render Farm AMER');
      fx.sim.inject({ kind: 'status', status: 200, body: '{"queue":"empty"}' }, { path: `/v1/accounts/${account.id}/publish/tasks` });
      assert.deepEqual(await readPublishTasks(fx.admin, account.id), { unreadable: { queue: 'empty' } });
    });
  });

  describe('tree keys', () => {
    it('uses the entity id when there is one', async () => {
      const [dc] = parseDatacenters(await fx.admin.listDatacenters())!;
      assert.equal(entityKey(dc!.id, dc!.raw), fx.sim.data.tenant.datacenters[0]!.id);
    });

    it('derives a key from the content without an id: the same wherever the entity is in the list, distinct for others', async () => {
      const entries = [
        { region: 'eu', display_name: 'Europe' },
        { region: 'us', display_name: 'Americas' },
        { display_name: 'No id or name' },
      ];
      fx.sim.inject({ kind: 'status', status: 200, body: JSON.stringify(entries) }, { path: '/v1/datacenters' });
      fx.sim.inject({ kind: 'status', status: 200, body: JSON.stringify([...entries].reverse()) }, { path: '/v1/datacenters' });
      const keysOf = async () => parseDatacenters(await fx.admin.listDatacenters())!.map((d) => [d.label, entityKey(d.id, d.raw)]);
      const first = await keysOf();
      const reversed = await keysOf();
      const noId = first.find(([label]) => label === 'No id or name')![1]!;
      assert.match(noId, /^~[0-9a-f]{8}$/);
      assert.deepEqual(new Set(first.map(([, k]) => k)).size, 3);
      assert.deepEqual(Object.fromEntries(reversed), Object.fromEntries(first), 'each entity keeps its key when the order changes');
      const tasks = [publishTaskInfo({ state: 'success', started_at: '2026-01-01T00:00:00Z' }), publishTaskInfo({ state: 'failed' })];
      const keys = tasks.map((t) => entityKey(t.id, t.raw));
      assert.notEqual(keys[0], keys[1]);
      assert.deepEqual(
        keys,
        tasks.map((t) => entityKey(t.id, JSON.parse(JSON.stringify(t.raw)))),
        'stable for the same content',
      );
    });
  });
});
