// Show Details and the account's hover tooltip (src/core/admin: details.ts, accountTooltips.ts) in
// bare Node against the simulator over real sockets: each entity's document as Frame returned it,
// an account read again with its sections (a failing one kept as a note), cancellation, and the
// tooltip's one read per account until a refresh, its failure text and its retry.
import * as assert from 'node:assert/strict';
import {
  AccountTooltip,
  cloudProviderDetails,
  customerDetails,
  datacenterDetails,
  organizationDetails,
  publishTaskDetails,
  readAccountDetails,
  unreadableDetails,
} from '../../../src/core/admin';
import { detailsDocument, parseDatacenters, parsePublishTasks, type AdminAccount } from '../../../src/core/api';
import { isCancellation } from '../../../src/core/errors';
import { adminOnSimulator } from '../../support/adminFixture';

describe('Admin API: Show Details and the account tooltip', function () {
  this.timeout(20_000);
  const fx = adminOnSimulator();

  /** A listed account by name (as the tree has it), and the simulator's full record of it. */
  async function listed(name: string): Promise<{ account: AdminAccount; full: (typeof fx.sim.data.tenant.accounts)[number] }> {
    const full = fx.sim.data.tenant.accounts.find((a) => a.name === name)!;
    const page = await fx.admin.listAccounts({ organizationId: fx.sim.data.tenant.organizationOf(full.id) }, { limit: 100 });
    const account = page.items.find((a) => a.id === full.id);
    assert.ok(account, name);
    return { account, full };
  }

  describe('Show Details', () => {
    it('shows the customer, an organization, a cloud provider and a datacenter as listed, documented or not', async () => {
      const t = fx.sim.data.tenant;
      const customer = customerDetails(await fx.admin.getCustomer());
      assert.equal(customer.title, `Customer "${t.customer.name}"`);
      assert.equal(customer.fileName, `Customer ${t.customer.name}`);
      assert.deepEqual(customer.sections, [
        { key: 'customer', label: 'GET /customers/: the customer', documented: true, value: t.customer },
      ]);

      const [org] = (await fx.admin.listOrganizations({ name: t.organizations[2]!.name })).items;
      const orgDetails = organizationDetails(org!);
      assert.equal(orgDetails.title, `Organization "${t.organizations[2]!.name}"`);
      assert.deepEqual(orgDetails.sections[0]!.value, t.organizations[2]);

      const [provider] = await fx.admin.listCloudProviders();
      const providerDetails = cloudProviderDetails(provider!);
      assert.equal(providerDetails.title, `Cloud provider "${t.cloudProviders[0]!.display_name}"`);
      assert.deepEqual(providerDetails.sections, [
        { key: 'cloud_provider', label: 'GET /cloud_providers: one provider', documented: true, value: t.cloudProviders[0] },
      ]);

      const [dc] = parseDatacenters(await fx.admin.listDatacenters())!;
      const dcDetails = datacenterDetails(dc!);
      assert.equal(dcDetails.fileName, `Datacenter ${dc!.label}`);
      assert.deepEqual(dcDetails.sections, [
        { key: 'datacenter', label: 'GET /datacenters: one datacenter', documented: false, value: t.datacenters[0] },
      ]);
    });

    it('reads an account again with its zones, upgrade groups and user volumes, a failing section kept as its note', async () => {
      const { account, full } = await listed('GIS Analytics APAC');
      fx.sim.reset();
      const details = await readAccountDetails(fx.admin, account);
      assert.equal(details.title, 'Account "GIS Analytics APAC"');
      assert.equal(details.fileName, 'Account GIS Analytics APAC');
      assert.deepEqual(
        details.sections.map((s) => [s.key, s.documented]),
        [
          ['account', true],
          ['availability_zones', false],
          ['upgrade_groups', false],
          ['user_volumes_settings', false],
        ],
      );
      const [acct, zones, groups, volumes] = details.sections;
      assert.deepEqual(acct!.value, full);
      assert.deepEqual(zones!.value, fx.sim.data.tenant.availabilityZones(full.id));
      assert.deepEqual(volumes!.value, fx.sim.data.tenant.userVolumesSettings(full.id));
      assert.equal(groups!.value, undefined);
      assert.match(groups!.error!, /^Not found \(HTTP 404\)/);
      assert.equal(groups!.label, `GET /accounts/${full.id}/deployment_groups: upgrade groups`);
      assert.deepEqual(fx.sim.requests.map((r) => r.path).sort(), [
        `/v1/accounts/${full.id}`,
        `/v1/accounts/${full.id}/availability_zones`,
        `/v1/accounts/${full.id}/deployment_groups`,
        `/v1/accounts/${full.id}/user_volumes_settings`,
      ]);
      assert.match(detailsDocument(details.title, details.sections), /"upgrade_groups": \{\n\s+"error": "Not found \(HTTP 404\)/);
    });

    it('stops on cancellation instead of turning it into notes', async () => {
      const { account } = await listed('Render Farm AMER');
      const stop = new AbortController();
      stop.abort();
      await assert.rejects(readAccountDetails(fx.admin, account, stop.signal), (e) => isCancellation(e));
    });

    it('shows a publish task and an unreadable answer as received', async () => {
      const { account } = await listed('Initech Finance');
      const [task] = parsePublishTasks(await fx.admin.listPublishTasks(account.id))!;
      const details = publishTaskDetails(task!, account.name);
      assert.equal(details.title, `Publish task ${task!.id} of "Initech Finance"`);
      assert.equal(details.fileName, `Publish task ${task!.id}`);
      assert.deepEqual(details.sections, [
        { key: 'task', label: 'GET /accounts/{id}/publish/tasks: one task', documented: false, value: task!.raw },
      ]);
      const body = { regions: { eu: 1 } };
      assert.deepEqual(unreadableDetails('Datacenters', body), {
        title: 'Datacenters',
        fileName: 'Datacenters',
        sections: [{ key: 'response', label: 'The answer as received', documented: false, value: body }],
      });
    });
  });

  describe('the account tooltip on hover', () => {
    const reader = (account: AdminAccount) => new AccountTooltip(account, (signal) => fx.admin.getAccount(account.id, signal));

    it('adds what only GET /accounts/{id} has, as text, reading it once until forgotten', async () => {
      const { account, full } = await listed('QA Lab <img src=x onerror=alert(1)>');
      const tooltip = reader(account);
      fx.sim.reset();
      const now = Date.now();
      const first = await tooltip.load(undefined, now);
      assert.equal(first.title, full.name, 'the name as it is: the view escapes it');
      assert.ok(first.lines.includes(`Account ID: ${full.id}`));
      assert.ok(first.lines.includes(`Kind: ${full.kind}`));
      assert.ok(first.lines.includes(`URL slug: ${full.url_slug}`));
      assert.ok(first.lines.includes(`Description: ${full.description}`));
      assert.ok(first.lines.some((l) => /^Created: \d{4}-\d\d-\d\d \d\d:\d\d UTC \(.+\)$/.test(l)));
      assert.equal(first.lines.at(-1), 'Times are UTC (Frame sends some without a time zone; they are read as UTC).');
      assert.deepEqual(await tooltip.load(undefined, now), first);
      assert.equal(fx.sim.requests.length, 1, 'one read for two hovers');
      tooltip.forget();
      await tooltip.load(undefined, now);
      assert.equal(fx.sim.requests.length, 2, 'read again after a refresh');
    });

    it('says why the details are missing when the read fails, and tries again on the next hover', async () => {
      const { account } = await listed('Render Farm AMER');
      const tooltip = reader(account);
      fx.sim.inject({ kind: 'status', status: 500, body: '{"error":"boom"}' }, { path: `/v1/accounts/${account.id}` });
      const failed = await tooltip.load();
      assert.equal(failed.title, 'Render Farm AMER');
      assert.ok(failed.lines.includes(`Account ID: ${account.id}`));
      assert.match(failed.lines.at(-1)!, /^Details could not be read: .*HTTP 500/);
      assert.ok(!failed.lines.some((l) => l.startsWith('Kind:')));
      const again = await tooltip.load();
      assert.ok(
        again.lines.some((l) => l.startsWith('Kind:')),
        again.lines.join('\n'),
      );
    });

    it('stops silently on cancellation and keeps nothing of it', async () => {
      const { account } = await listed('Render Farm AMER');
      const tooltip = reader(account);
      const stop = new AbortController();
      stop.abort();
      await assert.rejects(tooltip.load(stop.signal), (e) => isCancellation(e));
      assert.ok((await tooltip.load()).lines.some((l) => l.startsWith('Kind:')));
    });
  });
});
