// Team Members and Applications in a real extension host: they follow the selected account, page,
// filter, show errors with Retry and Update Secret, and fill icons in after the list.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ApplicationNode, ErrorNode, LoadMoreNode, MemberNode, TreeNode } from '../../src/views';
import { CONTEXT } from '../../src/contract';
import { DEMO_CREDENTIALS } from '../simulator';
import { Fixture, contextOf, label } from './fixture';
import { waitFor } from './waitFor';

const members = (nodes: TreeNode[]) => nodes.filter((n): n is MemberNode => contextOf(n) === CONTEXT.member);

describe('Team Members and Applications follow the selected account', function () {
  this.timeout(60_000);
  const f = Fixture.forSuite({ sessionsPerMonth: 100 });

  /** Selects the account with thousands of members (and icons) and waits for the views to follow. */
  async function selectBig(): Promise<string> {
    const id = await f.webConnection();
    const big = await f.accountNode(id, f.sim.data.bigAccountId);
    await vscode.commands.executeCommand('frameAdmin.selectAccount', big);
    await waitFor(() => f.api.selection.value?.account.accountId === f.sim.data.bigAccountId, 'the selection');
    await vscode.commands.executeCommand('frameAdmin.filterTeamMembers', undefined, { status: 'all', text: '' });
    return id;
  }

  it('pages thousands of members with a "Load more" entry; the view says whose and how many', async () => {
    await selectBig();
    f.api.teamMembers.tree.refresh();
    const pageSize = vscode.workspace.getConfiguration('frameAdmin.teamMembers').get<number>('pageSize', 200);
    const total = f.sim.data.teamMembers(f.sim.data.bigAccountId).length;
    const first = await f.api.teamMembers.tree.getChildren();
    assert.equal(first.length, pageSize + 1);
    const more = first.at(-1)! as LoadMoreNode;
    assert.equal(contextOf(more), CONTEXT.loadMore);
    assert.equal(label(more), `Load more (${(total - pageSize).toLocaleString('en-US')} more)`);
    assert.match(String(f.api.teamMembers.tree.view.description), new RegExp(`${total.toLocaleString('en-US')} members`));
    await vscode.commands.executeCommand('frameAdmin.loadMore', more);
    assert.equal((await f.api.teamMembers.tree.getChildren()).length, 2 * pageSize + 1);
  });

  it("filters by status with status icons, keeping each member's id (no index-based ids)", async () => {
    await selectBig();
    await vscode.commands.executeCommand('frameAdmin.filterTeamMembers', undefined, { status: 'pending' });
    const pending = members(await f.api.teamMembers.tree.getChildren());
    assert.ok(pending.length > 0 && pending.every((m) => m.member.status === 'pending'));
    assert.equal((pending[0]!.getTreeItem().iconPath as vscode.ThemeIcon).id, 'clock');
    assert.match(String(f.api.teamMembers.tree.view.description), /pending/);
    const copied = await vscode.commands.executeCommand<string>('frameAdmin.copyEmail', pending[0]);
    assert.equal(copied, pending[0]!.member.email);
    assert.equal(await vscode.env.clipboard.readText(), pending[0]!.member.email);
    // The same member under another filter (every status, found by its email) keeps its id.
    const first = pending[0]!;
    await vscode.commands.executeCommand('frameAdmin.filterTeamMembers', undefined, { status: 'all', text: first.member.email });
    const again = members(await f.api.teamMembers.tree.getChildren()).filter((m) => m.member.email === first.member.email);
    assert.equal(again.length, 1, 'found by its email with every status shown');
    assert.equal(again[0]!.id, first.id, 'the same member keeps its id under a filter');
    await vscode.commands.executeCommand('frameAdmin.filterTeamMembers', undefined, { status: 'all', text: '' });
  });

  it('searches names and emails over every member (not just the page), says so, and Load All shows the rest', async () => {
    await selectBig();
    const everyone = f.sim.data.teamMembers(f.sim.data.bigAccountId);
    const needle = everyone.at(-1)!.email.split('@')[0]!.slice(0, 6).toUpperCase(); // case-insensitive, past the first page
    const expected = everyone.filter((m) => `${m.name} ${m.email}`.toLowerCase().includes(needle.toLowerCase()));
    await vscode.commands.executeCommand('frameAdmin.filterTeamMembers', undefined, { text: needle });
    const shown = await f.api.teamMembers.tree.getChildren();
    const found = members(shown);
    assert.ok(
      found.some((m) => m.member.email === everyone.at(-1)!.email),
      'a member from beyond the first page',
    );
    const pageSize = vscode.workspace.getConfiguration('frameAdmin.teamMembers').get<number>('pageSize', 200);
    assert.equal(found.length, Math.min(expected.length, pageSize));
    assert.ok(found.every((m) => `${m.member.name} ${m.member.email}`.toLowerCase().includes(needle.toLowerCase())));
    assert.match(
      String(f.api.teamMembers.tree.view.description),
      new RegExp(`“${needle}” · ${expected.length.toLocaleString('en-US')} shown`),
    );
    await vscode.commands.executeCommand('frameAdmin.filterTeamMembers', undefined, { status: 'all', text: '' });
    const more = (await f.api.teamMembers.tree.getChildren()).at(-1)! as LoadMoreNode;
    await vscode.commands.executeCommand('frameAdmin.loadAll', more);
    assert.equal(members(await f.api.teamMembers.tree.getChildren()).length, everyone.length);
    await vscode.commands.executeCommand('frameAdmin.refresh');
  });

  it('copies the emails of several selected members at once, a name, and says the status to screen readers', async () => {
    await selectBig();
    const [a, b] = members(await f.api.teamMembers.tree.getChildren());
    const copied = await vscode.commands.executeCommand<string>('frameAdmin.copyEmails', a, [a, b]);
    assert.equal(copied, `${a!.member.email}\n${b!.member.email}`);
    assert.equal(await vscode.env.clipboard.readText(), copied);
    assert.equal(await vscode.commands.executeCommand('frameAdmin.copyName', a), a!.member.name);
    assert.equal(a!.getTreeItem().accessibilityInformation?.label, `${a!.member.name}, ${a!.member.status}, ${a!.member.email}`);
  });

  it('shows an error item with Retry when team members cannot be loaded', async () => {
    await selectBig();
    f.sim.inject({ kind: 'status', status: 500 }, { path: /team_members/, times: Infinity });
    f.api.teamMembers.tree.refresh();
    const [error] = (await f.api.teamMembers.tree.getChildren()) as ErrorNode[];
    assert.equal(contextOf(error!), CONTEXT.error);
    assert.match(String(error!.getTreeItem().description), /HTTP 500/);
    f.sim.clearFaults();
    await vscode.commands.executeCommand('frameAdmin.retry', error);
    assert.equal(contextOf((await f.api.teamMembers.tree.getChildren())[0]!), CONTEXT.member);
  });

  it('a rejected secret in Team Members offers Update Secret too (as in the Accounts view)', async () => {
    const id = await selectBig();
    await f.api.store.storeSecret(id, 'wrong-secret-for-members');
    f.api.teamMembers.tree.refresh();
    const [error] = (await f.api.teamMembers.tree.getChildren()) as ErrorNode[];
    assert.equal(contextOf(error!), CONTEXT.authError);
    await vscode.commands.executeCommand('frameAdmin.updateSecret', error, { secret: DEMO_CREDENTIALS.clientSecret });
    f.api.teamMembers.tree.refresh();
    assert.equal(contextOf((await f.api.teamMembers.tree.getChildren())[0]!), CONTEXT.member);
  });

  it('lists applications at once, then fills in icons as data URIs (a codicon when there is none)', async () => {
    await selectBig();
    f.api.applications.tree.refresh();
    const apps = (await f.api.applications.tree.getChildren()) as ApplicationNode[];
    assert.equal(apps.length, f.sim.data.applications(f.sim.data.bigAccountId).length);
    assert.ok(apps.every((a) => contextOf(a) === CONTEXT.application));
    const withIcon = apps.find((a) => a.app.iconUrl && !/missing|404/.test(a.app.iconUrl));
    assert.ok(withIcon, 'an application with an icon');
    const icon = await waitFor(
      () => {
        const path = withIcon.getTreeItem().iconPath;
        return path instanceof vscode.Uri ? path : undefined;
      },
      'the icon to arrive',
      10_000,
    );
    assert.equal(icon.scheme, 'data');
    assert.match(icon.toString(true), /^data:image\/png;base64,/);
    const without = apps.find((a) => !a.app.iconUrl)!;
    assert.ok(without.getTreeItem().iconPath instanceof vscode.ThemeIcon);
    // Screen readers say each row as its name, with nothing after it.
    for (const app of apps) assert.equal(app.getTreeItem().accessibilityInformation?.label, app.app.name);
    const iconRequests = f.sim.requests.filter((r) => r.path.startsWith('/icons/'));
    assert.ok(
      iconRequests.every((r) => !Object.keys(r.headers).some((h) => /^(x-frame-|authorization)/.test(h))),
      'icons fetched without Frame headers',
    );
  });

  it('Copy Account ID copies the selected account id', async () => {
    await selectBig();
    const id = await vscode.commands.executeCommand<string>('frameAdmin.copyAccountId');
    assert.equal(id, f.sim.data.bigAccountId);
    assert.equal(await vscode.env.clipboard.readText(), f.sim.data.bigAccountId);
  });
});
