// Switching and finding, Favourites and the Activity view in a real extension host, against the
// simulator over real sockets (issue 20, items 7 and 8): Go to Account reveals the node it names
// (inside its organization, beyond the pages loaded, a Web API account selected for Team Members),
// the names it searches are read once, pinned accounts sit in a Favourites group at the top of the
// view and are kept by id, and every publish is listed in the Activity view with its outcome.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/views';
import { CONTEXT } from '../../src/contract';
import { DEMO_CREDENTIALS } from '../simulator';
import { Fixture, contextOf, label } from './fixture';
import { waitFor } from './waitFor';

const FAST = { confirm: false, pollBaseMs: 20, watchSeconds: 20 };

describe('Switching, finding and the Activity view in a real extension host', function () {
  this.timeout(90_000);
  const f = Fixture.forSuite();

  const selected = () => f.api.accounts.tree.view.selection[0] as TreeNode | undefined;
  const roots = async () => (await f.api.accounts.tree.getChildren()) as TreeNode[];

  /** The simulator's account by name, and the organization it belongs to. */
  const tenantAccount = (name: string) => {
    const t = f.sim.data.tenant;
    const account = t.accounts.find((a) => a.name === name)!;
    const org = t.organizations.find((o) => o.id === t.organizationOf(account.id))!;
    return { account, org };
  };

  /** Waits until the simulator has had no request for 400 ms (the views done loading), so a count is the directory's own. */
  const settled = async () => {
    for (let n = -1; n !== f.sim.requests.length;) {
      n = f.sim.requests.length;
      await new Promise((r) => setTimeout(r, 400));
    }
  };
  const adminPaths = (from: number) =>
    f.sim.requests
      .slice(from)
      .map((r) => r.path)
      .filter((p) => p.startsWith('/v1/'));

  describe('Go to Account', () => {
    it('reveals an Admin API account inside its organization, selected in the tree', async () => {
      const id = await f.adminConnection();
      const { account, org } = tenantAccount('CAD Workstations EMEA');
      const shown = await vscode.commands.executeCommand('frameAdmin.goToAccount', undefined, {
        connectionId: id,
        kind: 'account',
        id: account.id,
      });
      assert.equal(shown, true);
      const node = await waitFor(() => selected(), 'a selection');
      assert.equal(label(node), 'CAD Workstations EMEA');
      assert.equal(contextOf(node), CONTEXT.adminAccount);
      assert.equal(label(node.parent!), org.name);
    });

    it('reveals an organization and a connection', async () => {
      const id = await f.adminConnection();
      const org = f.sim.data.tenant.organizations.find((o) => o.name === 'Acme – Finance')!;
      await vscode.commands.executeCommand('frameAdmin.goToAccount', undefined, { connectionId: id, kind: 'organization', id: org.id });
      assert.equal(label(await waitFor(() => selected(), 'a selection')), 'Acme – Finance');
      await vscode.commands.executeCommand('frameAdmin.goToAccount', undefined, { connectionId: id, kind: 'connection' });
      await waitFor(() => selected() && contextOf(selected()!).startsWith('connection'), 'the connection selected');
    });

    it('finds an account beyond the pages loaded (Load more) without changing the filter', async () => {
      const config = vscode.workspace.getConfiguration('frameAdmin');
      await config.update('adminApi.pageSize', 2, vscode.ConfigurationTarget.Global);
      try {
        const id = await f.adminConnection();
        f.api.accounts.refresh();
        const t = f.sim.data.tenant;
        const org = t.organizations.find((o) => o.name === 'Acme – Engineering')!;
        const inOrg = t.accounts.filter((a) => t.organizationOf(a.id) === org.id).sort((a, b) => a.name.localeCompare(b.name));
        const last = inOrg.at(-1)!;
        assert.ok(inOrg.length > 2, 'more accounts than a page');
        const shown = await vscode.commands.executeCommand('frameAdmin.goToAccount', undefined, {
          connectionId: id,
          kind: 'account',
          id: last.id,
        });
        assert.equal(shown, true);
        assert.equal(label(await waitFor(() => selected(), 'a selection')), last.name);
        assert.equal(f.api.accounts.admin.isFiltered(id), false);
      } finally {
        await config.update('adminApi.pageSize', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('selects a Web API account, so Team Members and Applications follow it', async () => {
      const id = await f.webConnection();
      const target = f.sim.data.accounts[1]!;
      await vscode.commands.executeCommand('frameAdmin.goToAccount', undefined, {
        connectionId: id,
        kind: 'account',
        id: target.account_id,
      });
      assert.equal(label(await waitFor(() => selected(), 'a selection')), target.name);
      assert.equal(f.api.selection.value?.account.accountId, target.account_id);
    });

    it('reads the names in a few requests (none per organization), once; an account’s organization is learnt when it is picked', async () => {
      const id = await f.adminConnection();
      const connection = f.api.store.get(id)!;
      f.api.accounts.directory.forget();
      await settled();
      const start = f.sim.requests.length;
      const listing = await f.api.accounts.directory.listing(connection);
      const asked = adminPaths(start);
      const t = f.sim.data.tenant;
      assert.equal(listing.complete, true);
      assert.equal(listing.entries.filter((e) => e.kind === 'organization').length, t.organizations.length);
      const accounts = listing.entries.filter((e) => e.kind === 'account');
      assert.equal(accounts.length, t.accounts.length);
      // The customer, the organizations and GET /accounts (a page each and the empty page ending it): no list per organization.
      assert.ok(!asked.some((p) => p.includes('organization_id=')), asked.join('\n'));
      assert.equal(asked.length, 5, asked.join('\n'));
      const before = f.sim.requests.length;
      await f.api.accounts.directory.listing(connection);
      assert.equal(f.sim.requests.length, before, 'cached: no request the second time');
      // Picked: its organization is found by listing organizations until it is there, then known.
      const { account, org } = tenantAccount('CAD Workstations EMEA');
      const entry = accounts.find((e) => e.id === account.id)!;
      const withOrg = await f.api.accounts.directory.withOrganization(entry);
      assert.equal(withOrg.kind === 'account' && withOrg.organization?.id, org.id);
      const perOrg = f.sim.requests.slice(before).filter((r) => r.path.includes('organization_id='));
      assert.ok(perOrg.length >= 1 && perOrg.length <= t.organizations.length * 2, String(perOrg.length));
      // The background fill (while the pick is open) gives every account its organization.
      await f.api.accounts.directory.fillOrganizations(connection, new AbortController().signal, () => undefined);
      for (const e of accounts) if (e.kind === 'account') assert.equal(e.organization?.id, t.organizationOf(e.id), e.name);
      // Frame's name filter for what a bounded read leaves out.
      const found = await f.api.accounts.directory.searchAdmin(connection, 'farm');
      assert.ok(found.some((e) => e.kind === 'account' && e.name === 'Render Farm AMER'));
      assert.ok(f.sim.requests.some((r) => /\/v1\/accounts\?name=farm/.test(r.path)));
    });

    it('the pick lists organizations in the background, a few at a time, and stops when it closes', async () => {
      const id = await f.adminConnection();
      const connection = f.api.store.get(id)!;
      f.api.accounts.directory.forget();
      await f.api.accounts.directory.listing(connection);
      await settled();
      // Each organization's listing answers slowly, so the close comes while the first ones are on their way.
      f.sim.inject({ kind: 'latency', ms: 2000 }, { path: /organization_id=/, times: Infinity });
      try {
        const start = f.sim.requests.length;
        const perOrg = () => f.sim.requests.slice(start).filter((r) => r.path.includes('organization_id='));
        const picked = vscode.commands.executeCommand('frameAdmin.goToAccount');
        await waitFor(() => perOrg().length > 0, 'the background listing started');
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        assert.equal(await picked, undefined);
        // Longer than a listing takes: had they gone on, their next pages would be asked by now.
        await new Promise((r) => setTimeout(r, 3000));
        // A few organizations at a time, and nothing more once closed (each listed whole would add its empty last page).
        const asked = perOrg().length;
        assert.ok(asked >= 1 && asked <= 3, `${asked} organization listings`);
        const listing = await f.api.accounts.directory.listing(connection);
        assert.ok(
          listing.entries.every((e) => e.kind !== 'account' || !e.organization),
          'nothing learnt from listings cancelled',
        );
      } finally {
        f.sim.clearFaults();
      }
    });

    it('a large tenant (pages of 2): the names still cost lists of organizations and accounts only', async () => {
      const id = await f.adminConnection();
      const connection = f.api.store.get(id)!;
      f.api.accounts.directory.forget();
      await settled();
      f.sim.setPageCap(2);
      try {
        const start = f.sim.requests.length;
        const listing = await f.api.accounts.directory.listing(connection);
        const asked = adminPaths(start);
        assert.equal(listing.entries.filter((e) => e.kind === 'account').length, f.sim.data.tenant.accounts.length);
        assert.ok(!asked.some((p) => p.includes('organization_id=')), asked.join('\n'));
        // The customer, 3 organization pages (2, 1, empty) and 7 account pages (6 of 2, empty).
        assert.equal(asked.length, 11, asked.join('\n'));
      } finally {
        f.sim.setPageCap(undefined);
        f.api.accounts.directory.forget();
      }
    });
  });

  describe('Favourites', () => {
    it('Pin to Favourites puts the account in a group at the top of the view; its row reveals it; Unpin removes it; kept by id, no secret', async () => {
      const id = await f.adminConnection();
      const { account, org } = tenantAccount('Render Farm AMER');
      await vscode.commands.executeCommand('frameAdmin.goToAccount', undefined, { connectionId: id, kind: 'account', id: account.id });
      const node = await waitFor(() => selected(), 'the account selected');
      assert.equal(await vscode.commands.executeCommand('frameAdmin.pinAccount', node), true);
      const top = await waitFor(async () => {
        const r = await roots();
        return contextOf(r[0]!) === CONTEXT.favourites ? r[0] : undefined;
      }, 'the Favourites group first');
      assert.equal(label(top), 'Favourites');
      const [pinned] = await top.getChildren();
      assert.equal(label(pinned!), 'Render Farm AMER');
      assert.equal(contextOf(pinned!), CONTEXT.favourite);
      assert.match(String(pinned!.getTreeItem().description), new RegExp(`Simulator Admin › ${org.name}`));
      // Stored by id (and the name), never a secret or the connection's credentials.
      const stored = JSON.stringify(f.api.accounts.favourites.list());
      assert.ok(stored.includes(account.id) && stored.includes(id));
      assert.ok(!stored.includes(DEMO_CREDENTIALS.clientSecret) && !stored.includes(DEMO_CREDENTIALS.clientId));
      // The favourite's row reveals the account where it is.
      assert.equal(pinned!.getTreeItem().command?.command, 'frameAdmin.goToAccount');
      await vscode.commands.executeCommand('frameAdmin.goToAccount', pinned);
      await waitFor(
        () => selected() && contextOf(selected()!) === CONTEXT.adminAccount && label(selected()!) === 'Render Farm AMER',
        'the account revealed',
      );
      assert.equal(await vscode.commands.executeCommand('frameAdmin.unpinAccount', pinned), true);
      await waitFor(async () => !(await roots()).some((n) => contextOf(n) === CONTEXT.favourites), 'Favourites gone');
    });
  });

  describe('Activity', () => {
    it('lists a publish with its time, connection, account and outcome; a click shows its Publish Tasks; Clear empties it', async () => {
      const id = await f.adminConnection();
      await vscode.commands.executeCommand('frameAdmin.clearActivity', undefined, { confirm: false });
      const { account } = tenantAccount('CAD Workstations EMEA');
      await vscode.commands.executeCommand('frameAdmin.goToAccount', undefined, { connectionId: id, kind: 'account', id: account.id });
      const node = await waitFor(() => selected(), 'the account selected');
      const startedAt = Date.now();
      const result = await vscode.commands.executeCommand<{ outcome: string; taskId: string }>('frameAdmin.publishSandbox', node, FAST);
      assert.equal(result.outcome, 'succeeded');
      const entry = await waitFor(() => {
        const e = f.api.activity.list()[0];
        return e?.phase === 'succeeded' ? e : undefined;
      }, 'the publish recorded as succeeded');
      assert.equal(entry.action, 'Publish Sandbox');
      assert.equal(entry.accountId, account.id);
      assert.equal(entry.accountName, 'CAD Workstations EMEA');
      assert.equal(entry.connectionName, 'Simulator Admin');
      assert.equal(entry.taskId, result.taskId);
      assert.ok(entry.at >= startedAt - 1000 && entry.at <= Date.now());
      // Grouped under the connection (expanded): the account as the row's label, then when, the outcome and the action.
      const groups = await waitFor(async () => {
        const r = (await f.api.activityView.tree.getChildren()) as TreeNode[];
        return r.length === 1 ? r : undefined;
      }, 'one connection in the Activity view');
      const group = groups[0]!.getTreeItem();
      assert.equal(label(groups[0]!), 'Simulator Admin');
      assert.equal(contextOf(groups[0]!), CONTEXT.activityConnection);
      assert.equal(group.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
      assert.equal(group.description, '1 write action');
      const rows = await groups[0]!.getChildren();
      assert.equal(rows.length, 1);
      const item = rows[0]!.getTreeItem();
      assert.equal(label(rows[0]!), 'CAD Workstations EMEA');
      assert.match(String(item.description), /^(just now|\d+ \w+ ago) · succeeded · Publish Sandbox$/);
      assert.equal(item.command?.command, 'frameAdmin.openActivity');
      const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/\\/g, '');
      assert.match(tooltip, new RegExp(`Task: ${result.taskId}`));
      assert.match(tooltip, /Connection: Simulator Admin/);
      assert.match(tooltip, /Publish Sandbox: CAD Workstations EMEA/);
      // The click: the account, then its Publish Tasks, selected in the Accounts view.
      assert.equal(await vscode.commands.executeCommand('frameAdmin.openActivity', rows[0]), true);
      await waitFor(() => selected() && contextOf(selected()!) === CONTEXT.publishTasks, 'Publish Tasks selected');
      assert.equal(label(selected()!.parent!), 'CAD Workstations EMEA');
      // A read-only connection's refusal is listed too (nothing sent).
      await f.adminConnection({ readOnly: true });
      await vscode.commands.executeCommand('frameAdmin.publishSandbox', id, { ...FAST, accountId: account.id });
      await waitFor(() => f.api.activity.list()[0]?.phase === 'refused', 'the refusal recorded');
      assert.match(f.api.activity.list()[0]!.outcome, /read-only/);
      await vscode.commands.executeCommand('frameAdmin.clearActivity', undefined, { confirm: false });
      assert.deepEqual(f.api.activity.list(), []);
      await waitFor(async () => ((await f.api.activityView.tree.getChildren()) as TreeNode[]).length === 0, 'the view empty');
    });
  });

  describe('names, not ids', () => {
    it('the audit trail shows the organization and account names the tenant tree knows, the id in the tooltip', async () => {
      const id = await f.adminConnection();
      const t = f.sim.data.tenant;
      await vscode.commands.executeCommand('frameAdmin.goToAccount', undefined, { connectionId: id, kind: 'connection' });
      const customer = (await (await f.connectionNode(id)).getChildren()).find((n) => contextOf(n) === CONTEXT.customer)!;
      await vscode.commands.executeCommand('frameAdmin.showAuditTrail', customer);
      const panel = await waitFor(() => f.api.auditPanels.get(id, t.customer.id), 'the audit panel');
      const loaded = await panel.controller.handlers.load({ search: '', kind: '' });
      const orgCol = loaded.columns.findIndex((c) => c.key === 'organization_id');
      assert.equal(loaded.columns[orgCol]?.title, 'Organization');
      const page = await panel.controller.handlers.rows({ offset: 0, limit: 100, sort: null });
      const orgNames = new Set(t.organizations.map((o) => o.name));
      const named = page.rows.filter((r) => orgNames.has(r.cells[orgCol]!));
      assert.ok(named.length > 0, 'organization names shown');
      for (const r of named) {
        const org = t.organizations.find((o) => o.name === r.cells[orgCol])!;
        assert.equal(r.tips?.[orgCol], `Organization ID: ${org.id}`);
      }
    });
  });
});
