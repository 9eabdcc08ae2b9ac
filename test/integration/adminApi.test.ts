// The Admin API connection inside a real extension host, against the simulator over real sockets:
// every node type of the tenant tree, the toggles and the filter, scoped credentials, Copy ID and
// Show Details, Publish Sandbox (read-only refusal, success, failure, a task that never finishes,
// a 5xx after the POST, an answer without a task id), Publish Tasks, the audit-trail panel, and
// Test Connection. Every test makes sure of its own state (Fixture), so each runs alone (--grep).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/views';
import { CONTEXT } from '../../src/contract';
import { ACCOUNT_SCOPED_CREDENTIALS, DEMO_CREDENTIALS, ORGANIZATION_SCOPED_CREDENTIALS } from '../simulator';
import { Fixture, contextOf, label } from './fixture';
import { waitFor } from './waitFor';

/** What Publish Sandbox returns (src/commands/publishCommand.ts PublishResult). */
interface PublishResult {
  outcome: string;
  taskId?: string;
  state?: string;
  message: string;
}

const FAST = { confirm: false, pollBaseMs: 20, watchSeconds: 20 };

describe('Admin API connection in a real extension host', function () {
  this.timeout(90_000);
  const f = Fixture.forSuite();

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const description = (n: TreeNode) => String(n.getTreeItem().description ?? '');
  const byContext = (nodes: TreeNode[], context: string) => nodes.filter((n) => contextOf(n) === context);
  const tooltipOf = (item: vscode.TreeItem) => (item.tooltip as vscode.MarkdownString | undefined)?.value ?? '';

  /** The connection's children: the customer, Cloud Providers, Datacenters. */
  async function top(id: string) {
    const kids = await (await f.connectionNode(id)).getChildren();
    const [customer] = byContext(kids, CONTEXT.customer);
    return { kids, customer: customer! };
  }

  async function organization(id: string, name: string) {
    const { customer } = await top(id);
    const org = (await customer.getChildren()).find((o) => label(o) === name);
    assert.ok(org, `organization ${name}`);
    return org;
  }

  /** An account node by name, in whichever organization it is. */
  async function accountNode(id: string, name: string) {
    const t = f.sim.data.tenant;
    const account = t.accounts.find((a) => a.name === name)!;
    const orgName = t.organizations.find((o) => o.id === t.organizationOf(account.id))!.name;
    const node = (await (await organization(id, orgName)).getChildren()).find((n) => label(n) === name);
    assert.ok(node, `account ${name}`);
    return node;
  }

  describe('the tenant tree', () => {
    it('starts at the customer by name, then organizations sorted by name (deleted left out), then accounts; infrastructure beside', async () => {
      const id = await f.adminConnection();
      const { kids, customer } = await top(id);
      assert.deepEqual(kids.map(contextOf), [CONTEXT.customer, CONTEXT.cloudProviders, CONTEXT.datacenters]);
      assert.equal(label(customer), 'Acme Corporation');
      assert.equal(customer.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
      assert.match(tooltipOf(customer.getTreeItem()), /frame\\-owner@acme\\.example\\.com/);
      const orgs = await customer.getChildren();
      assert.deepEqual(
        orgs.map(label),
        f.sim.data.tenant.organizations.map((o) => o.name).sort((a, b) => a.localeCompare(b)),
      );
      assert.ok(orgs.every((o) => contextOf(o) === CONTEXT.organization));
      const req = f.sim.requests.find((r) => r.path.startsWith('/v1/organizations?'))!;
      assert.match(req.path, /show_deleted=false/);
      assert.match(req.path, /order_by=name/);
      const accounts = await orgs[1]!.getChildren();
      assert.ok(accounts.length > 0 && accounts.every((a) => contextOf(a) === CONTEXT.adminAccount));
      const [tasks] = await accounts[0]!.getChildren();
      assert.equal(contextOf(tasks!), CONTEXT.publishTasks);
      // Organizations have the organization icon (not `{ }`); accounts, which hold desktops, another one.
      const icon = (n: TreeNode) => (n.getTreeItem().iconPath as vscode.ThemeIcon).id;
      assert.deepEqual([...new Set(orgs.map(icon))], ['organization']);
      assert.deepEqual([...new Set(accounts.filter((a) => !description(a).startsWith('inactive')).map(icon))], ['vm']);
    });

    it('marks inactive accounts, says when each was last published, and shows details on hover as text', async () => {
      const id = await f.adminConnection();
      const retired = await accountNode(id, 'Engineering Sandbox (retired)');
      assert.match(description(retired), /^inactive · published 1 year ago$/);
      assert.equal((retired.getTreeItem().iconPath as vscode.ThemeIcon).id, 'circle-slash');
      assert.equal(description(await accountNode(id, 'Render Farm AMER')), 'published 3 days ago');
      assert.equal(description(await accountNode(id, 'Dev Pilot Nordics')), 'inactive · never published');
      const qa = await accountNode(id, 'QA Lab <img src=x onerror=alert(1)>');
      const item = qa.getTreeItem();
      assert.equal(item.tooltip, undefined, 'resolved on hover');
      const resolved = await f.api.accounts.tree.resolveTreeItem(item, qa, new vscode.CancellationTokenSource().token);
      const md = resolved.tooltip as vscode.MarkdownString;
      assert.ok(md.value.includes('&lt;img src=x onerror=alert\\(1\\)&gt;'), md.value);
      assert.ok(md.value.includes('&lt;b&gt;must&lt;/b&gt;'), 'the description is text too');
      assert.match(md.value, /Kind: frame/);
      assert.match(md.value, /URL slug: /);
      assert.match(md.value, /Created: \d{4}\\-\d\d\\-\d\d \d\d:\d\d UTC/);
      assert.ok(!md.supportHtml);
      assert.ok(
        f.sim.requests.some((r) => r.path === `/v1/accounts/${f.sim.data.tenant.markupAccountId}`),
        'GET /accounts/{id}',
      );
    });

    it('Hide Inactive Accounts hides them with a note (no request), Show Inactive Accounts brings them back', async () => {
      const id = await f.adminConnection();
      const org = await organization(id, 'Acme – Engineering');
      const all = await org.getChildren();
      const requests = f.sim.requests.length;
      await vscode.commands.executeCommand('frameAdmin.hideInactiveAccounts');
      const shown = await org.getChildren();
      assert.ok(!shown.some((n) => /inactive ·/.test(description(n))));
      const note = shown.find((n) => contextOf(n) === CONTEXT.message)!;
      assert.equal(label(note), '2 inactive accounts hidden');
      assert.equal(f.api.accounts.tree.view.description, 'inactive hidden');
      assert.equal(f.sim.requests.length, requests, 'the loaded list is only redrawn');
      await vscode.commands.executeCommand('frameAdmin.showInactiveAccounts');
      assert.deepEqual((await org.getChildren()).map(label), all.map(label));
    });

    it('pages accounts at the page-size setting, with Load more', async () => {
      const config = vscode.workspace.getConfiguration('frameAdmin');
      await config.update('adminApi.pageSize', 5, vscode.ConfigurationTarget.Global);
      try {
        const id = await f.adminConnection();
        f.api.accounts.refresh();
        const org = await organization(id, 'Acme – Engineering');
        const first = await org.getChildren();
        assert.equal(first.length, 6);
        const more = first.at(-1)!;
        assert.equal(contextOf(more), CONTEXT.loadMore);
        await vscode.commands.executeCommand('frameAdmin.loadMore', more);
        const all = await org.getChildren();
        assert.equal(all.length, 7);
        assert.ok(f.sim.requests.some((r) => /\/v1\/accounts\?organization_id=[^&]+&offset=5&limit=5$/.test(r.path)));
        assert.equal(new Set(all.map((n) => n.id)).size, all.length, 'unique ids');
      } finally {
        await config.update('adminApi.pageSize', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('a server serving fewer per page than the page size asks: the tree shows every account (no short page ends a list)', async () => {
      const config = vscode.workspace.getConfiguration('frameAdmin');
      await config.update('adminApi.pageSize', 100, vscode.ConfigurationTarget.Global);
      f.sim.setPageCap(2);
      try {
        const id = await f.adminConnection();
        f.api.accounts.refresh();
        const org = await organization(id, 'Acme – Engineering');
        const kids = await org.getChildren();
        const t = f.sim.data.tenant;
        const expected = t.accounts.filter(
          (a) => t.organizationOf(a.id) === t.organizations.find((o) => o.name === 'Acme – Engineering')!.id,
        );
        assert.deepEqual(
          kids.map(contextOf).filter((c) => c === CONTEXT.loadMore),
          [],
          'the list ended with an empty page',
        );
        assert.equal(kids.filter((n) => contextOf(n) !== CONTEXT.message).length, expected.length);
      } finally {
        f.sim.setPageCap(undefined);
        await config.update('adminApi.pageSize', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('Filter… asks Frame by name, shows the filter in the descriptions, and Clear Filter restores the tree', async () => {
      const id = await f.adminConnection();
      const filter = await vscode.commands.executeCommand('frameAdmin.filterAdmin', id, { accounts: 'farm' });
      assert.deepEqual(filter, { accounts: 'farm' });
      const conn = await f.connectionNode(id);
      assert.equal(contextOf(conn), CONTEXT.connectionAdminFiltered);
      assert.match(description(conn), /filter: accounts “farm”$/);
      assert.equal(f.api.accounts.tree.view.description, 'filter: accounts “farm”');
      const eng = await organization(id, 'Acme – Engineering');
      assert.deepEqual((await eng.getChildren()).map(label), ['Render Farm AMER']);
      assert.ok(
        f.sim.requests.some((r) => /\/v1\/accounts\?organization_id=[^&]+&name=farm&/.test(r.path)),
        'server-side',
      );
      // Organizations without a matching account are left out under the filter, with a line saying so.
      const t = f.sim.data.tenant;
      const withMatch = t.organizations.filter((o) => t.accounts.some((a) => /farm/i.test(a.name) && t.organizationOf(a.id) === o.id));
      const hidden = t.organizations.length - withMatch.length;
      assert.ok(hidden > 0 && withMatch.length > 0, 'the simulator has organizations with and without a match');
      assert.deepEqual((await (await top(id)).customer.getChildren()).map(label), [
        ...withMatch.map((o) => o.name).sort((a, b) => a.localeCompare(b)),
        `${hidden} organization${hidden === 1 ? '' : 's'} without an account named like “farm” hidden`,
      ]);
      await vscode.commands.executeCommand('frameAdmin.filterAdmin', id, { organizations: 'fin' });
      assert.deepEqual((await (await top(id)).customer.getChildren()).map(label), ['Acme – Finance']);
      await vscode.commands.executeCommand('frameAdmin.clearAdminFilter', await f.connectionNode(id));
      assert.equal(contextOf(await f.connectionNode(id)), CONTEXT.connectionAdmin);
      assert.equal((await (await top(id)).customer.getChildren()).length, 3);
      assert.equal(f.api.accounts.tree.view.description, undefined);
    });

    it('organization-scoped credentials start at their organizations, with a note saying why', async () => {
      const id = await f.adminConnection({ name: 'Org scoped', credentials: ORGANIZATION_SCOPED_CREDENTIALS });
      const kids = await (await f.connectionNode(id)).getChildren();
      assert.deepEqual(kids.map(contextOf), [CONTEXT.message, CONTEXT.adminList, CONTEXT.cloudProviders, CONTEXT.datacenters]);
      assert.match(label(kids[0]!), /The customer is refused \(HTTP 403\) for these credentials: showing the organizations they can see/);
      const orgs = await kids[1]!.getChildren();
      assert.deepEqual(orgs.map(label), ['Acme – Engineering']);
      assert.ok((await orgs[0]!.getChildren()).length >= 5);
      const summary = await vscode.commands.executeCommand<string>('frameAdmin.testConnection', id);
      assert.equal(summary, 'organization-scoped: 1 organization visible');
    });

    it('account-scoped credentials start at their accounts; an account outside the scope is refused (403), so nothing starts', async () => {
      const id = await f.adminConnection({ name: 'Account scoped', credentials: ACCOUNT_SCOPED_CREDENTIALS });
      const kids = await (await f.connectionNode(id)).getChildren();
      assert.match(label(kids[0]!), /customer and its organizations are refused \(HTTP 403\).*showing the accounts they can see/);
      const accounts = await kids[1]!.getChildren();
      assert.deepEqual(accounts.map(label), ['Design Studio DACH']);
      // An account outside the scope (a script can name any id): Frame refuses it (403), so nothing starts.
      const outside = f.sim.data.tenant.accounts.find((a) => a.name === 'Render Farm AMER')!;
      const result = await vscode.commands.executeCommand<PublishResult>('frameAdmin.publishSandbox', id, {
        ...FAST,
        accountId: outside.id,
      });
      assert.equal(result.outcome, 'not-started');
      assert.match(result.message, /was not published: Access denied \(HTTP 403\)/);
      assert.equal(f.sim.requests.filter((r) => r.method === 'POST').length, 1, 'sent once, refused');
    });

    it('lists cloud providers (display name, BYO compatibility) and datacenters with their image families and instance types', async () => {
      const id = await f.adminConnection();
      const { kids } = await top(id);
      const providers = await kids[1]!.getChildren();
      assert.deepEqual(providers.map(label), ['AWS', 'Azure', 'Google', 'Nutanix-AHV']);
      assert.ok(providers.every((p) => contextOf(p) === CONTEXT.cloudProvider && description(p) === 'BYO compatible'));
      const dcs = await kids[2]!.getChildren();
      assert.equal(dcs.length, 3);
      assert.ok(dcs.every((d) => contextOf(d) === CONTEXT.datacenter));
      const groups = await dcs[0]!.getChildren();
      assert.deepEqual(groups.map(label), ['Image families', 'Instance types']);
      assert.deepEqual(groups.map(description), ['3', '3']);
      assert.deepEqual((await groups[1]!.getChildren()).map(label)[0], 'Air 16GB (GPU) (g4dn.xlarge)');
      f.sim.inject({ kind: 'status', status: 200, body: '{"regions":{"eu":1}}' }, { path: '/v1/datacenters' });
      await vscode.commands.executeCommand('frameAdmin.refreshNode', kids[2]);
      const [odd] = await kids[2]!.getChildren();
      assert.match(label(odd!), /shape this extension does not recognise/);
      const uri = await vscode.commands.executeCommand<string>('frameAdmin.showDetails', odd);
      assert.match((await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText(), /"regions": \{/);
    });
  });

  describe('Copy ID and Show Details', () => {
    it('Copy ID copies the id of every kind of entity', async () => {
      const id = await f.adminConnection();
      const t = f.sim.data.tenant;
      const { kids, customer } = await top(id);
      const org = (await customer.getChildren())[0]!;
      const account = (await org.getChildren())[0]!;
      const task = (await (await account.getChildren())[0]!.getChildren())[0]!;
      const provider = (await kids[1]!.getChildren())[0]!;
      const dc = (await kids[2]!.getChildren())[0]!;
      const accountId = t.accounts.find((a) => a.name === label(account))!.id;
      // The tree lists tasks newest first (by start time): the first is the newest the simulator holds.
      const newestTask = [...t.publishTasks(accountId)].sort((a, b) => b.started_at.localeCompare(a.started_at))[0]!;
      for (const [node, want] of [
        [customer, t.customer.id],
        [org, t.organizations[1]!.id],
        [account, accountId],
        [task, newestTask.id],
        [provider, 'gateway-prod.1000'],
        [dc, 'dc-aws-us-east-1'],
      ] as const) {
        const copied = await vscode.commands.executeCommand<string>('frameAdmin.copyId', node);
        assert.equal(copied, want, contextOf(node));
        assert.equal(await vscode.env.clipboard.readText(), want, contextOf(node));
      }
    });

    it('Show Details opens an account as read-only JSON, each section labelled, a failing section as a note', async () => {
      const id = await f.adminConnection();
      const node = await accountNode(id, 'GIS Analytics APAC');
      const uri = await vscode.commands.executeCommand<string>('frameAdmin.showDetails', node);
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      assert.equal(doc.languageId, 'jsonc');
      assert.match(doc.uri.path, /Account GIS Analytics APAC\.jsonc$/);
      const text = doc.getText();
      assert.match(text, /^\/\/ Account "GIS Analytics APAC", as the Frame Admin API returned it/);
      assert.match(text, /\/\/ GET \/accounts\/[^:]+: the account \(fields documented by Frame\)/);
      assert.match(text, /\/availability_zones: availability zones \(shape not documented by Frame: shown as received\)/);
      assert.match(text, /\/deployment_groups: upgrade groups \(could not be read: Not found \(HTTP 404\).*not enabled for this account/);
      assert.match(text, /\/user_volumes_settings: user-volume settings \(shape not documented/);
      const json = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
      assert.deepEqual(Object.keys(json), ['account', 'availability_zones', 'upgrade_groups', 'user_volumes_settings']);
      assert.equal((json.account as { name: string }).name, 'GIS Analytics APAC');
      await assert.rejects(
        Promise.resolve(vscode.workspace.fs.writeFile(doc.uri, Buffer.from('x'))),
        /NoPermissions|permission/i,
        'read-only',
      );
      // The customer, an organization and a task show the objects as received.
      const { customer } = await top(id);
      const custDoc = await vscode.workspace.openTextDocument(
        vscode.Uri.parse(await vscode.commands.executeCommand<string>('frameAdmin.showDetails', customer)),
      );
      assert.match(custDoc.getText(), /"tenant_domain": "acme\.frame\.example\.com"/);
    });
  });

  describe('Publish Sandbox', () => {
    it('a read-only connection offers no write action and refuses to run it, sending nothing', async () => {
      const id = await f.adminConnection({ readOnly: true });
      const conn = await f.connectionNode(id);
      assert.match(description(conn), /· read-only$/);
      const node = await accountNode(id, 'Render Farm AMER');
      assert.equal(contextOf(node), CONTEXT.adminAccountReadOnly, 'no Publish Sandbox in its menu');
      f.sim.reset();
      const result = await vscode.commands.executeCommand<PublishResult>('frameAdmin.publishSandbox', node, { confirm: false });
      assert.equal(result.outcome, 'refused-read-only');
      assert.match(result.message, /read-only connection: Publish Sandbox was not run/);
      assert.ok(!f.sim.requests.some((r) => r.method === 'POST'), 'nothing sent');
      await f.logShows(
        /Write action: Publish Sandbox of account "Render Farm AMER" .* refused, the connection is read-only; nothing was sent \(\d{4}-/,
      );
    });

    it('publishes and follows the task to success; logs what, which account, when and the outcome; never the secret', async () => {
      const id = await f.adminConnection();
      const node = await accountNode(id, 'CAD Workstations EMEA');
      assert.equal(contextOf(node), CONTEXT.adminAccount);
      const result = await vscode.commands.executeCommand<PublishResult>('frameAdmin.publishSandbox', node, FAST);
      assert.equal(result.outcome, 'succeeded');
      assert.equal(result.state, 'success');
      assert.match(result.message, /The Sandbox of "CAD Workstations EMEA" is published: Frame reports "success"/);
      assert.equal(f.sim.requests.filter((r) => r.method === 'POST').length, 1);
      const polls = f.sim.requests.filter((r) => r.path.endsWith(`/publish/${result.taskId}`));
      assert.equal(polls.length, 4, 'queued, in_progress, in_progress, success');
      const log = await f.logShows(/Publish Sandbox of account "CAD Workstations EMEA" .*: succeeded \("success"\), task /);
      assert.match(
        log,
        /Publish Sandbox of account "CAD Workstations EMEA" \([0-9a-f-]+\) on connection "Simulator Admin": requested \(\d{4}-\d\d-\d\dT/,
      );
      assert.match(log, /accepted by Frame, task [0-9a-f-]+/);
      assert.ok(!log.includes(DEMO_CREDENTIALS.clientSecret));
    });

    it("asks for the account's name to be typed: Escape or a wrong name sends nothing; the name publishes, and the row says so", async () => {
      const id = await f.adminConnection();
      const before = await accountNode(id, 'Acme Engineering');
      assert.match(description(before), /^published 1 month ago$/);
      const asked: vscode.InputBoxOptions[] = [];
      const prompt = f.api.publishPrompt.ask;
      const answer = (typed: string | undefined) => {
        f.api.publishPrompt.ask = async (options) => {
          asked.push(options);
          return typed;
        };
      };
      const publish = (node: TreeNode) =>
        vscode.commands.executeCommand<PublishResult | undefined>('frameAdmin.publishSandbox', node, { ...FAST, confirm: true });
      try {
        f.sim.reset();
        for (const typed of [undefined, '', 'acme engineering', 'Acme']) {
          answer(typed);
          assert.equal(await publish(before), undefined, `typed ${JSON.stringify(typed)}`);
        }
        assert.ok(!f.sim.requests.some((r) => r.method === 'POST'), 'nothing sent');
        await f.logShows(/Acme Engineering.*: not confirmed \(the account's name was not typed\); nothing was sent/);
        // What the box says: the question, what happens where, and what to type (its validation too).
        const options = asked[0]!;
        assert.equal(options.title, 'Publish the Sandbox of "Acme Engineering"?');
        assert.match(
          options.prompt!,
          /will be replaced by the Sandbox image.*Connection: Simulator Admin\. Type the account's name to publish; Escape cancels\.$/,
        );
        assert.equal(options.placeHolder, 'Acme Engineering');
        assert.equal(options.validateInput!('Acme'), 'Type "Acme Engineering" exactly to publish its Sandbox; Escape cancels.');
        assert.equal(options.validateInput!('Acme Engineering'), undefined);

        answer('Acme Engineering');
        const result = await publish(before);
        assert.equal(result?.outcome, 'succeeded');
        assert.equal(f.sim.requests.filter((r) => r.method === 'POST').length, 1);
        // No manual refresh: the account's row is read again and says when it was published.
        const after = await waitFor(async () => {
          const node = await accountNode(id, 'Acme Engineering');
          return description(node) === 'published just now' ? node : undefined;
        }, 'the account row updated');
        assert.notEqual(after, before, 'a new row, read from Frame');
      } finally {
        f.api.publishPrompt.ask = prompt;
      }
    });

    it('a publish that fails ends with Frame\'s "failed"', async () => {
      const id = await f.adminConnection();
      const node = await accountNode(id, 'Umbrella Research – Zürich');
      const result = await vscode.commands.executeCommand<PublishResult>('frameAdmin.publishSandbox', node, FAST);
      assert.equal(result.outcome, 'failed');
      assert.match(result.message, /Publishing the Sandbox of "Umbrella Research – Zürich" failed: Frame reports "failed"/);
      await f.logShows(/Umbrella Research – Zürich.*: failed \("failed"\)/);
    });

    it("an account's name with line breaks and bidi controls: the notification is one line, without them", async () => {
      const id = await f.adminConnection();
      const account = f.sim.data.tenant.accounts.find((a) => a.name === 'CAD Workstations EMEA')!;
      const forged = 'CAD\u202E\nAccount ID: fake\u2028Connection: Staging';
      f.sim.inject(
        { kind: 'status', status: 200, body: JSON.stringify({ id: account.id, name: forged }) },
        { path: `/v1/accounts/${account.id}`, method: 'GET' },
      );
      const result = await vscode.commands.executeCommand<PublishResult>('frameAdmin.publishSandbox', id, {
        ...FAST,
        accountId: account.id,
      });
      assert.equal(result.outcome, 'succeeded');
      assert.doesNotMatch(result.message, /[\n\r\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      assert.match(result.message, /The Sandbox of "CAD Account ID: fake Connection: Staging" is published/);
      await f.logShows(/Publish Sandbox of account "CAD Account ID: fake Connection: Staging" .*: succeeded/);
    });

    it('a task that never finishes: the watcher gives up after the watch time and says so', async () => {
      const id = await f.adminConnection();
      const node = await accountNode(id, 'Initech Finance');
      const result = await vscode.commands.executeCommand<PublishResult>('frameAdmin.publishSandbox', node, { ...FAST, watchSeconds: 1 });
      assert.equal(result.outcome, 'timeout');
      assert.match(
        result.message,
        /Stopped watching the publish of "Initech Finance" after 1 s: Frame reports "in_progress". It may still finish: see Publish Tasks/,
      );
    });

    it('a 5xx after the POST was received: one POST, its task found in Publish Tasks and followed', async () => {
      const id = await f.adminConnection();
      const node = await accountNode(id, 'Support Field EMEA');
      const account = f.sim.data.tenant.accounts.find((a) => a.name === 'Support Field EMEA')!;
      const before = f.sim.data.tenant.publishTasks(account.id).length;
      f.sim.inject({ kind: 'status-after', status: 503 }, { method: 'POST', times: 5 });
      const result = await vscode.commands.executeCommand<PublishResult>('frameAdmin.publishSandbox', node, FAST);
      assert.equal(f.sim.requests.filter((r) => r.method === 'POST').length, 1, 'never retried (503 is retried for GETs)');
      assert.equal(f.sim.data.tenant.publishTasks(account.id).length, before + 1, 'it had started');
      assert.equal(
        result.taskId,
        f.sim.data.tenant.publishTasks(account.id)[0]!.id,
        'the task the POST started, not the one queued before',
      );
      assert.equal(result.outcome, 'succeeded');
      assert.match(
        result.message,
        /answer to the publish request was lost; its task was found in Publish Tasks\. The Sandbox of "Support Field EMEA" is published/,
      );
      await f.logShows(/Support Field EMEA.*: answer lost \(The server failed \(HTTP 503\)/);
    });

    it('a 5xx before anything started: "may or may not have started", no task taken for ours, no "try again"', async () => {
      const id = await f.adminConnection();
      const node = await accountNode(id, 'Support Field EMEA');
      f.sim.inject({ kind: 'status', status: 503 }, { method: 'POST', times: 5 });
      const result = await vscode.commands.executeCommand<PublishResult>('frameAdmin.publishSandbox', node, FAST);
      assert.equal(result.outcome, 'unknown');
      assert.match(result.message, /may or may not have started: .*See Publish Tasks before publishing again\./);
      assert.doesNotMatch(result.message, /try again/i);
      assert.equal(f.sim.requests.filter((r) => r.method === 'POST').length, 1);
    });

    it('an answer without a task id opens in a read-only tab, and nothing is followed', async () => {
      const id = await f.adminConnection();
      const node = await accountNode(id, 'Design Studio DACH');
      f.sim.inject({ kind: 'status', status: 200, body: '{"account":{"id":"x"},"result":"accepted"}' }, { method: 'POST' });
      const result = await vscode.commands.executeCommand<PublishResult>('frameAdmin.publishSandbox', node, FAST);
      assert.equal(result.outcome, 'no-task-id');
      const doc = await waitFor(
        () => vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('Publish Design Studio DACH.jsonc')),
        'the answer in a tab',
      );
      assert.match(
        doc.getText(),
        /^\/\/ Frame accepted the publish of "Design Studio DACH", but its answer has no task id under task_id, publish_task_id/,
      );
      assert.match(doc.getText(), /"result": "accepted"/);
      assert.ok(!f.sim.requests.some((r) => /\/publish\/[^t]/.test(r.path)), 'no task polled');
    });

    it('Publish Tasks lists newest first with state icons and times, and reloads itself while one is running', async () => {
      // The 5 s reload shortened so the wait below is for the reload, not for a timer under a loaded machine.
      f.api.accounts.admin.publishTasksRefreshMs = 200;
      try {
        await publishTasksReload();
      } finally {
        f.api.accounts.admin.publishTasksRefreshMs = undefined;
      }
    });

    async function publishTasksReload() {
      const id = await f.adminConnection();
      const node = await accountNode(id, 'Initech Finance');
      const [tasksNode] = await node.getChildren();
      const tasks = await tasksNode!.getChildren();
      assert.ok(tasks.length >= 3 && tasks.every((t) => contextOf(t) === CONTEXT.publishTask));
      assert.equal(label(tasks[0]!), 'in_progress');
      assert.equal((tasks[0]!.getTreeItem().iconPath as vscode.ThemeIcon).id, 'sync~spin');
      assert.match(description(tasks[0]!), /^started (\d+ \w+ ago|just now) · still running$/);
      const icons = new Set(tasks.map((t) => (t.getTreeItem().iconPath as vscode.ThemeIcon).id));
      assert.ok(icons.has('pass'), [...icons].join());
      assert.match(description(tasks.at(-1)!), /^started .* ago · finished .* ago$/);
      assert.equal(tasks[0]!.getTreeItem().command?.command, 'frameAdmin.showDetails');
      // Shown (expanded) in the view, a list with a running task reloads itself.
      const path = `/v1/accounts/${f.sim.data.tenant.stuckPublishAccountId}/publish/tasks`;
      const count = () => f.sim.requests.filter((r) => r.path === path).length;
      await waitFor(async () => {
        try {
          await f.api.accounts.tree.view.reveal(tasksNode!, { expand: true, select: false, focus: false });
          return true;
        } catch {
          return false;
        }
      }, 'reveal Publish Tasks');
      const seen = count();
      await waitFor(() => count() > seen, 'a reload of the running list');
    }
  });

  describe('audit trail', () => {
    it('Show Audit Trail opens one panel per customer or organization, with a strict CSP', async () => {
      const id = await f.adminConnection();
      const { customer } = await top(id);
      const title = await vscode.commands.executeCommand<string>('frameAdmin.showAuditTrail', customer);
      assert.equal(title, 'Frame Audit Trail: Acme Corporation');
      const panel = f.api.auditPanels.get(id, f.sim.data.tenant.customer.id)!;
      assert.ok(panel);
      const html = panel.panel.webview.html;
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
      assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
      assert.match(html, /audit\.main\.js/);
      const org = (await customer.getChildren())[0]!;
      await vscode.commands.executeCommand('frameAdmin.showAuditTrail', org);
      assert.notEqual(f.api.auditPanels.get(id, f.sim.data.tenant.organizations[1]!.id), undefined);
      assert.equal(await vscode.commands.executeCommand('frameAdmin.showAuditTrail', customer), title, 'revealed, not a second one');
    });

    it('the panel pages entries from Frame, and Export CSV / Open in Editor open read-only tabs', async () => {
      const id = await f.adminConnection();
      const { customer } = await top(id);
      await vscode.commands.executeCommand('frameAdmin.showAuditTrail', customer);
      const { handlers } = f.api.auditPanels.get(id, f.sim.data.tenant.customer.id)!.controller;
      const first = await handlers.load({ search: '', kind: 'launchpad' });
      assert.ok(first.loaded > 0);
      const rows = await handlers.rows({ offset: 0, limit: 5, sort: { key: first.columns[0]!.key, descending: true } });
      await handlers.openEntry({ n: rows.rows[0]!.n });
      await handlers.exportCsv(null);
      const csv = await waitFor(
        () => vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('Audit trail Acme Corporation.csv')),
        'CSV tab',
      );
      assert.match(csv.getText(), /^Time,User,Kind,Description,Email/);
      const entry = vscode.workspace.textDocuments.find((d) => /Audit entry \d+ of Acme Corporation\.json$/.test(d.uri.path));
      assert.ok(entry && JSON.parse(entry.getText()).kind.startsWith('launchpad'));
    });
  });

  describe('audit trail after a reload', () => {
    it('restores an audit-trail panel with its filters from its saved state (serializer), or says why it cannot', async () => {
      const connectionId = await f.adminConnection();
      const org = f.sim.data.tenant.organizations[2]!;
      const restored = vscode.window.createWebviewPanel('frameAdmin.auditTrail', 'restored', vscode.ViewColumn.Active, {});
      const ui = { search: 'okta', kind: '', sort: null };
      await f.api.auditPanels.deserializeWebviewPanel(restored, {
        connectionId,
        scope: { kind: 'organization', id: org.id, name: org.name },
        ui,
      });
      const again = f.api.auditPanels.get(connectionId, org.id)!;
      assert.equal(again.panel, restored);
      const init = await again.controller.handlers.init(null);
      assert.deepEqual(init.ui, ui);
      assert.equal(init.panel.scope.name, org.name);
      const orphan = vscode.window.createWebviewPanel('frameAdmin.auditTrail', 'orphan', vscode.ViewColumn.Active, {});
      await f.api.auditPanels.deserializeWebviewPanel(orphan, { connectionId: 'gone', scope: { kind: 'customer', id: 'x', name: 'x' } });
      assert.match(orphan.webview.html, /no longer exists/);
      restored.dispose();
      orphan.dispose();
    });
  });

  describe('connections', () => {
    it('an Admin API connection added by a script is read-only unless it says otherwise; Edit Connection changes it', async () => {
      const id = await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
        name: 'Scripted Admin',
        baseUrl: f.sim.adminApiBase,
        clientId: DEMO_CREDENTIALS.clientId,
        secret: DEMO_CREDENTIALS.clientSecret,
      });
      try {
        assert.equal(f.api.store.get(id)?.readOnly, true);
        assert.equal(await vscode.commands.executeCommand<string>('frameAdmin.testConnection', id), 'customer "Acme Corporation" visible');
        await vscode.commands.executeCommand('frameAdmin.editConnection', id, { readOnly: false });
        assert.equal(f.api.store.get(id)?.readOnly, undefined, 'writable: no flag stored');
        await vscode.commands.executeCommand('frameAdmin.editConnection', id, { name: 'Scripted Admin 2' });
        assert.equal(f.api.store.get(id)?.readOnly, undefined, 'an unrelated edit keeps it writable');
      } finally {
        await f.api.store.remove(id);
      }
    });
  });
});
