// The extension inside a real extension host, against the Frame simulator over real sockets:
// connections and secrets, the three views, every command, CSV documents, and fault cases.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
// Type imports only: the extension runs from its bundle (dist/), so its classes are not the ones
// tsc compiles into out/; nodes are told apart by contextValue, as VS Code menus do.
import type { FrameAdminApi } from '../../src/extension';
import type { FrameApiError } from '../../src/core/http';
import type { AccountNode, ConnectionNode, ReportMonthNode } from '../../src/views/accountNodes';
import type { ErrorNode, MessageNode, TreeNode } from '../../src/views/treeNode';
import type { MemberItem } from '../../src/views/teamMembersTree';
import type { AppItem } from '../../src/views/applicationsTree';
import { waitFor } from './waitFor';
import { DEMO_CREDENTIALS, DEMO_REGISTRATION_CREDENTIALS, startSimulator, type Simulator } from '../simulator';

const EXT_ID = 'frame-admin.frame-admin';

function contextOf(node: TreeNode): string {
  return node.getTreeItem().contextValue ?? '';
}
const isAccount = (n: TreeNode): n is AccountNode => contextOf(n) === 'account';
const isError = (n: TreeNode | undefined): n is ErrorNode => !!n && contextOf(n).startsWith('error');

function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('Frame Admin in a real extension host', function () {
  this.timeout(60_000);
  let api: FrameAdminApi;
  let sim: Simulator;
  let connectionId: string;

  /** Everything the extension may have written outside SecretStorage. */
  function nonSecretStorage(): string {
    const logs = fs.existsSync(api.logUri.fsPath)
      ? fs
          .readdirSync(api.logUri.fsPath, { recursive: true })
          .map(String)
          .filter((f) => f.endsWith('.log'))
          .map((f) => fs.readFileSync(path.join(api.logUri.fsPath, f), 'utf8'))
          .join('\n')
      : '';
    return JSON.stringify({ connections: api.store.list(), settings: vscode.workspace.getConfiguration('frameAdmin') }) + logs;
  }

  async function connectionNode(id = connectionId): Promise<ConnectionNode> {
    return waitFor(async () => (await api.accounts.connections()).find((c) => c.connection.id === id), 'connection node');
  }

  async function accountNodes(): Promise<AccountNode[]> {
    const kids = await (await connectionNode()).getChildren();
    return kids.filter(isAccount);
  }

  before(async () => {
    sim = await startSimulator({ sessionsPerMonth: 800 });
    const ext = vscode.extensions.getExtension<FrameAdminApi>(EXT_ID);
    assert.ok(ext);
    api = await ext.activate();
    await vscode.commands.executeCommand('workbench.view.extension.frameAdmin');
  });

  after(async () => {
    for (const c of api.store.list()) await api.store.remove(c.id);
    await sim.close();
  });

  beforeEach(() => sim.reset());

  describe('connections', () => {
    it('shows the welcome content first: no connections', async () => {
      assert.deepEqual(await api.accounts.connections(), []);
    });

    it('Add Connection verifies against the API and keeps the secret only in SecretStorage', async () => {
      const id = await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
        name: 'Simulator Web',
        baseUrl: sim.webApiBase,
        clientId: DEMO_CREDENTIALS.clientId,
        secret: DEMO_CREDENTIALS.clientSecret,
      });
      assert.ok(id, 'a connection id');
      connectionId = id;
      assert.ok(
        sim.requests.some((r) => r.path === '/v1alpha/accounts/' && r.status === 200),
        'verified with a real request',
      );
      assert.equal(await api.store.getSecret(id), DEMO_CREDENTIALS.clientSecret);
      const saved = api.store.get(id)!;
      assert.deepEqual(Object.keys(saved).sort(), ['baseUrl', 'clientId', 'id', 'name', 'scheme']);
      assert.ok(!nonSecretStorage().includes(DEMO_CREDENTIALS.clientSecret), 'secret absent from globalState, settings and the log');
    });

    it('Test Connection reports what it found', async () => {
      const summary = await vscode.commands.executeCommand<string>('frameAdmin.testConnection', connectionId);
      assert.equal(summary, `${sim.data.accounts.length} accounts visible`);
    });

    it('Rename Connection keeps the secret', async () => {
      await vscode.commands.executeCommand('frameAdmin.renameConnection', connectionId, 'Simulator (renamed)');
      assert.equal(api.store.get(connectionId)?.name, 'Simulator (renamed)');
      assert.equal(await api.store.getSecret(connectionId), DEMO_CREDENTIALS.clientSecret);
    });

    it('Edit Connection changes fields after verifying them, keeping the stored secret', async () => {
      const before = sim.requests.length;
      await vscode.commands.executeCommand('frameAdmin.editConnection', connectionId, {
        name: 'Simulator (edited)',
        baseUrl: sim.webApiBase + '/accounts/',
      });
      const edited = api.store.get(connectionId)!;
      assert.equal(edited.name, 'Simulator (edited)');
      assert.equal(edited.baseUrl, sim.webApiBase, 'normalized');
      assert.ok(
        sim.requests.slice(before).some((r) => r.path === '/v1alpha/accounts/' && r.status === 200),
        'verified with a request',
      );
      assert.equal(await api.store.getSecret(connectionId), DEMO_CREDENTIALS.clientSecret);
      await vscode.commands.executeCommand('frameAdmin.renameConnection', connectionId, 'Simulator (renamed)');
    });

    it('several connections side by side, each with its own API kind', async () => {
      const adminId = await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
        name: 'Simulator Admin',
        baseUrl: sim.adminApiBase,
        clientId: DEMO_CREDENTIALS.clientId,
        secret: DEMO_CREDENTIALS.clientSecret,
      });
      const regId = await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
        name: 'Registration',
        baseUrl: sim.registrationBase,
        scheme: 'janrain-signature',
        clientId: DEMO_REGISTRATION_CREDENTIALS.clientId,
        secret: DEMO_REGISTRATION_CREDENTIALS.clientSecret,
      });
      const nodes = await waitFor(async () => {
        const all = await api.accounts.connections();
        return all.length === 3 ? all : undefined;
      }, 'three connections');
      const byName = Object.fromEntries(nodes.map((n) => [n.connection.name, n.getTreeItem()]));
      assert.match(String(byName['Simulator Admin']?.description), /^Admin API · 127\.0\.0\.1:/);
      assert.match(String(byName['Registration']?.description), /^signed requests only/);
      assert.match(String(byName['Simulator (renamed)']?.description), /^Web API/);
      // Admin API: customers → organizations → accounts.
      const adminNode = nodes.find((n) => n.connection.id === adminId)!;
      const customers = await adminNode.getChildren();
      assert.deepEqual(
        customers.map((c) => label(c.getTreeItem())),
        sim.data.customers.map((c) => c.name),
      );
      const orgs = await customers[0]!.getChildren();
      assert.ok(orgs.length > 0);
      const accounts = await orgs[0]!.getChildren();
      assert.ok(accounts.length > 0 && accounts.every((a) => a.getTreeItem().contextValue === 'account.admin'));
      await vscode.commands.executeCommand('frameAdmin.removeConnection', adminId, { confirm: false });
      await vscode.commands.executeCommand('frameAdmin.removeConnection', regId, { confirm: false });
      assert.equal(await api.store.getSecret(regId), undefined, 'secret deleted with its connection');
    });
  });

  describe('Accounts view', () => {
    it('lists the accounts of the connection, with id and email', async () => {
      const nodes = await accountNodes();
      const expected = [...sim.data.accounts].sort((a, b) => a.name.localeCompare(b.name));
      assert.deepEqual(
        nodes.map((n) => n.account.accountId),
        expected.map((a) => a.account_id),
      );
      const item = nodes[0]!.getTreeItem();
      assert.equal(item.description, expected[0]!.account_id);
      assert.equal(item.contextValue, 'account');
      assert.ok(
        (item.tooltip as vscode.MarkdownString).value.includes(expected[0]!.email.replace(/[.+-]/g, (c) => '\\' + c)),
        'email in the tooltip',
      );
    });

    it('renders an account name with markup as text in its tooltip', async () => {
      const xss = (await accountNodes()).find((n) => n.account.accountId === sim.data.xssAccountId)!;
      const tooltip = xss.getTreeItem().tooltip as vscode.MarkdownString;
      assert.ok(!tooltip.value.includes('<img'), tooltip.value);
      assert.ok(tooltip.value.includes('&lt;img'), 'the markup is kept, as text');
      assert.ok(!tooltip.supportHtml);
      assert.equal(label(xss.getTreeItem()), 'QA Lab <img src=x onerror=alert(1)>');
    });

    it('shows Usage, Session Reports (newest month first) and Recent Sessions under an account', async () => {
      const [account] = await accountNodes();
      const kids = await account!.getChildren();
      assert.deepEqual(kids.map(contextOf), ['usage', 'reports', 'recentSessions']);
      const months = (await kids[1]!.getChildren()) as ReportMonthNode[];
      assert.equal(months.length, sim.data.reportMonths.length);
      const newest = sim.data.reportMonths.at(-1)!;
      assert.deepEqual([months[0]!.report.year, months[0]!.report.month], [newest.year, newest.month]);
    });

    it('Refresh on a node reloads only that node', async () => {
      const [account] = await accountNodes();
      const reports = (await account!.getChildren())[1]!;
      await reports.getChildren();
      const before = sim.requests.filter((r) => r.path.endsWith('/sessions')).length;
      await reports.getChildren();
      assert.equal(sim.requests.filter((r) => r.path.endsWith('/sessions')).length, before, 'cached');
      await vscode.commands.executeCommand('frameAdmin.refreshNode', reports);
      await reports.getChildren();
      assert.equal(sim.requests.filter((r) => r.path.endsWith('/sessions')).length, before + 1, 'reloaded once');
    });

    it('reveals and selects an account node (stable ids)', async () => {
      const [account] = await accountNodes();
      await waitFor(async () => {
        try {
          await api.accountsView.reveal(account, { select: true, focus: false, expand: false });
          return true;
        } catch {
          return false;
        }
      }, 'reveal');
      await waitFor(() => api.selection.value?.account.accountId === account!.account.accountId, 'selection follows the tree');
    });

    it('turns a failing load into an error node, and Retry recovers', async () => {
      sim.inject({ kind: 'html-error', status: 502 }, { path: '/v1alpha/accounts/', times: Infinity });
      api.accounts.refresh();
      const kids = await (await connectionNode()).getChildren();
      assert.equal(kids.length, 1);
      const error = kids[0];
      assert.ok(isError(error));
      const item = error.getTreeItem();
      assert.equal(label(item), 'Could not load accounts');
      assert.match(error.message, /HTTP 502/);
      assert.doesNotMatch(error.message, /at .*\.js:\d+/, 'no stack trace');
      assert.equal(item.command?.command, 'frameAdmin.retry');
      sim.clearFaults();
      await vscode.commands.executeCommand('frameAdmin.retry', error);
      const again = await (await connectionNode()).getChildren();
      assert.ok(again.every(isAccount) && again.length === sim.data.accounts.length);
    });

    it('a rejected secret shows an error node offering Update Secret, and Update Secret fixes it', async () => {
      await vscode.commands.executeCommand('frameAdmin.updateSecret', connectionId, 'a-wrong-secret-0123');
      const kids = await (await connectionNode()).getChildren();
      const error = kids[0];
      assert.ok(isError(error));
      assert.equal(error.getTreeItem().contextValue, 'error.authError');
      assert.match(error.message, /HTTP 401.*update the client secret/);
      assert.ok(!error.message.includes('a-wrong-secret-0123'));
      await vscode.commands.executeCommand('frameAdmin.updateSecret', connectionId, DEMO_CREDENTIALS.clientSecret);
      assert.equal((await accountNodes()).length, sim.data.accounts.length);
    });

    it('a secret that vanished shows the "secret missing" state with its action', async () => {
      await api.store.deleteSecret(connectionId);
      const node = await waitFor(async () => {
        const n = await connectionNode();
        return n.secretState === 'missing' ? n : undefined;
      }, 'secret missing state');
      assert.equal(node.getTreeItem().contextValue, 'connection.secretMissing');
      const [message] = (await node.getChildren()) as MessageNode[];
      assert.equal(message && contextOf(message), 'message');
      assert.equal(message!.command?.command, 'frameAdmin.updateSecret');
      await vscode.commands.executeCommand('frameAdmin.updateSecret', connectionId, DEMO_CREDENTIALS.clientSecret);
      await waitFor(async () => (await connectionNode()).secretState === 'present', 'secret present again');
    });
  });

  describe('Team Members and Applications follow the selected account', () => {
    before(async () => {
      const big = (await accountNodes()).find((n) => n.account.accountId === sim.data.bigAccountId)!;
      await vscode.commands.executeCommand('frameAdmin.selectAccount', big);
    });

    it('pages thousands of members with a "Load more" entry', async () => {
      const pageSize = vscode.workspace.getConfiguration('frameAdmin.teamMembers').get<number>('pageSize', 200);
      const total = sim.data.teamMembers(sim.data.bigAccountId).length;
      const first = await api.teamMembers.getChildren();
      assert.equal(first.length, pageSize + 1);
      const more = first.at(-1)!;
      assert.equal(more.kind, 'more');
      assert.equal(label(api.teamMembers.getTreeItem(more)), `Load more (${total - pageSize} more)`);
      await vscode.commands.executeCommand('frameAdmin.loadMore');
      assert.equal((await api.teamMembers.getChildren()).length, 2 * pageSize + 1);
    });

    it('filters by status and shows status icons', async () => {
      await vscode.commands.executeCommand('frameAdmin.filterTeamMembers', 'pending');
      const items = (await api.teamMembers.getChildren()).filter((i): i is Extract<MemberItem, { kind: 'member' }> => i.kind === 'member');
      assert.ok(items.length > 0 && items.every((i) => i.member.status === 'pending'));
      assert.equal((api.teamMembers.getTreeItem(items[0]!).iconPath as vscode.ThemeIcon).id, 'clock');
      const copied = await vscode.commands.executeCommand<string>('frameAdmin.copyEmail', items[0]);
      assert.equal(copied, items[0]!.member.email);
      assert.equal(await vscode.env.clipboard.readText(), items[0]!.member.email);
      await vscode.commands.executeCommand('frameAdmin.filterTeamMembers', 'all');
    });

    it('lists applications with icons as data URIs, a codicon when there is none', async () => {
      const items = (await api.applications.getChildren()).filter((i): i is Extract<AppItem, { kind: 'app' }> => i.kind === 'app');
      assert.equal(items.length, sim.data.applications(sim.data.bigAccountId).length);
      const withIcon = items.find((i) => i.app.iconUrl && !/missing|404/.test(i.app.iconUrl));
      assert.ok(withIcon, 'an application with an icon');
      const icon = api.applications.getTreeItem(withIcon).iconPath as vscode.Uri;
      assert.equal(icon.scheme, 'data');
      assert.match(icon.toString(true), /^data:image\/png;base64,/);
      const without = items.find((i) => !i.app.iconUrl)!;
      assert.ok(api.applications.getTreeItem(without).iconPath instanceof vscode.ThemeIcon);
      const iconRequests = sim.requests.filter((r) => r.path.startsWith('/icons/'));
      assert.ok(
        iconRequests.every((r) => !Object.keys(r.headers).some((h) => /^(x-frame-|authorization)/.test(h))),
        'icons fetched without Frame headers',
      );
    });

    it('shows an error item with Retry when team members cannot be loaded', async () => {
      sim.inject({ kind: 'status', status: 500 }, { path: /team_members/, times: Infinity });
      await vscode.commands.executeCommand('frameAdmin.refresh', 'frameAdmin.teamMembers');
      const [error] = await api.teamMembers.getChildren();
      assert.equal(error?.kind, 'error');
      assert.match(api.teamMembers.getTreeItem(error!).description as string, /HTTP 500/);
      sim.clearFaults();
      await vscode.commands.executeCommand('frameAdmin.retry', 'frameAdmin.teamMembers');
      assert.equal((await api.teamMembers.getChildren())[0]?.kind, 'member');
    });

    it('Copy Account ID copies the selected account id', async () => {
      const id = await vscode.commands.executeCommand<string>('frameAdmin.copyAccountId');
      assert.equal(id, sim.data.bigAccountId);
      assert.equal(await vscode.env.clipboard.readText(), sim.data.bigAccountId);
    });
  });

  describe('session CSVs in editor tabs', () => {
    let account: AccountNode;
    before(async () => {
      account = (await accountNodes()).find((n) => n.account.accountId === sim.data.accounts[1]!.account_id)!;
    });
    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('Open Recent Sessions: read-only, titled by Content-Disposition, language csv, not dirty', async () => {
      const [, , recent] = await account.getChildren();
      const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openRecentSessions', recent);
      const editor = await waitFor(() => vscode.window.activeTextEditor, 'an editor');
      const doc = editor.document;
      assert.equal(doc.uri.toString(), uri.toString());
      assert.equal(doc.uri.scheme, 'frame-report');
      assert.match(path.posix.basename(doc.uri.path), /^[A-Za-z0-9]{16}\.recent_sessions\.csv$/);
      assert.equal(doc.languageId, 'csv');
      assert.equal(doc.isDirty, false);
      assert.equal(doc.isUntitled, false);
      assert.equal(doc.lineCount - 1, sim.data.recentSessionRows(account.account.accountId).length + 1);
      assert.ok(doc.lineAt(0).text.startsWith('"username","application"'));
      assert.equal(vscode.workspace.fs.isWritableFileSystem('frame-report'), false, 'a read-only file system');
    });

    it('Refresh Report fetches the CSV again', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openRecentSessions', account);
      const before = sim.requests.filter((r) => r.path.endsWith('/recent_sessions')).length;
      await vscode.commands.executeCommand('frameAdmin.refreshDocument', uri);
      assert.equal(sim.requests.filter((r) => r.path.endsWith('/recent_sessions')).length, before + 1);
    });

    it('Open Monthly Session Report downloads the zip without Frame headers, extracts and opens the CSV', async () => {
      const reports = (await (await account.getChildren())[1]!.getChildren()) as ReportMonthNode[];
      const month = reports[1]!;
      const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openMonthlyReport', month);
      const doc = await waitFor(
        () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri?.toString()),
        'the report document',
      );
      assert.equal(doc.languageId, 'csv');
      assert.match(
        path.posix.basename(doc.uri.path),
        new RegExp(`\\.${month.report.year}-${String(month.report.month).padStart(2, '0')}\\.sessions\\.csv$`),
      );
      const rows = sim.data.monthlyReportRows(account.account.accountId, month.report.year, month.report.month);
      assert.equal(doc.getText().trimEnd().split(/\r?\n/).length, rows.length + 1);
      const presigned = sim.requests.filter((r) => r.path.startsWith('/presigned/'));
      assert.equal(presigned.length, 1);
      assert.ok(!Object.keys(presigned[0]!.headers).some((h) => /^(x-frame-|authorization)/.test(h)));
      // A second open uses the extracted CSV on disk: no second download.
      await vscode.commands.executeCommand('frameAdmin.openMonthlyReport', month);
      assert.equal(sim.requests.filter((r) => r.path.startsWith('/presigned/')).length, 1);
    });

    it('Open Usage Hours opens the last 30 days as CSV', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openUsage', account);
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.lineAt(0).text, 'date (Pacific time),datacenter,instance_type,server_type,hours_used');
      assert.ok(doc.lineCount > 2);
    });

    it('a monthly report over 50 MB is stored on disk and opened by URI', async function () {
      this.timeout(180_000);
      const big = await startSimulator({ sessionsPerMonth: 150_000 });
      const id = (await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
        name: 'Big reports',
        baseUrl: big.webApiBase,
        clientId: DEMO_CREDENTIALS.clientId,
        secret: DEMO_CREDENTIALS.clientSecret,
        verify: false,
      }))!;
      try {
        const node = (await api.accounts.connections()).find((c) => c.connection.id === id)!;
        const acct = ((await node.getChildren()) as AccountNode[]).find(isAccount)!;
        const months = (await (await acct.getChildren())[1]!.getChildren()) as ReportMonthNode[];
        // months[0] is the current, partial month: take the last full one.
        const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openMonthlyReport', months[1]);
        const size = (await vscode.workspace.fs.stat(uri)).size;
        assert.ok(size > 50 * 1024 * 1024, `report is ${size} bytes`);
        const tab = await waitFor(
          () =>
            vscode.window.tabGroups.all
              .flatMap((g) => g.tabs)
              .find((t) => (t.input as { uri?: vscode.Uri })?.uri?.toString() === uri.toString()),
          'a tab for the large report',
        );
        assert.ok(tab.label.endsWith('.sessions.csv'));
        assert.ok(
          !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()),
          'not synced to extensions (over 50 MB)',
        );
      } finally {
        await vscode.commands.executeCommand('frameAdmin.removeConnection', id, { confirm: false });
        await big.close();
      }
    });

    it('a failed download shows the error and leaves no editor', async () => {
      const reports = (await (await account.getChildren())[1]!.getChildren()) as ReportMonthNode[];
      sim.inject({ kind: 'truncated-body' }, { path: /^\/presigned\//, times: Infinity });
      const result = await vscode.commands.executeCommand('frameAdmin.openMonthlyReport', reports[2]);
      assert.equal(result, undefined);
      assert.equal(vscode.window.activeTextEditor, undefined);
    });
  });

  describe('signed requests', () => {
    it('Send Signed Request shows the JSON response in an editor', async () => {
      const id = sim.data.accounts[0]!.account_id;
      const result = await vscode.commands.executeCommand<{ status: number; document: string }>('frameAdmin.sendSignedRequest', {
        connectionId,
        method: 'GET',
        path: `/accounts/${id}/usage`,
        params: { date_from: sim.data.today, date_to: sim.data.today },
      });
      assert.equal(result.status, 200);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.document)!;
      assert.equal(doc.languageId, 'json');
      assert.ok(Array.isArray(JSON.parse(doc.getText())));
      assert.equal(doc.isUntitled, false, 'a read-only tab, not an untitled document to save');
      assert.equal(doc.uri.scheme, 'frame-report');
      assert.match(doc.uri.path, /\/GET accounts_[^/]+_usage\.json$/);
    });

    it('Send Signed Request works with the janrain-signature and basic schemes', async () => {
      for (const scheme of ['janrain-signature', 'basic'] as const) {
        const id = await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
          name: `Registration ${scheme}`,
          baseUrl: sim.registrationBase,
          scheme,
          clientId: DEMO_REGISTRATION_CREDENTIALS.clientId,
          secret: DEMO_REGISTRATION_CREDENTIALS.clientSecret,
        });
        const result = await vscode.commands.executeCommand<{ status: number; document: string }>('frameAdmin.sendSignedRequest', {
          connectionId: id,
          method: 'POST',
          path: '/entity.count',
          params: { type_name: 'user' },
        });
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.document)!;
        assert.equal(JSON.parse(doc.getText()).stat, 'ok', scheme);
        await vscode.commands.executeCommand('frameAdmin.removeConnection', id, { confirm: false });
      }
    });

    it('Copy Request as cURL carries signed headers, never the secret', async () => {
      const curl = await vscode.commands.executeCommand<string>('frameAdmin.copyRequestAsCurl', {
        connectionId,
        method: 'GET',
        path: '/accounts/',
        params: {},
      });
      assert.match(curl, /^curl -sS -X GET 'http:\/\/127\.0\.0\.1:\d+\/v1alpha\/accounts\/'/);
      assert.match(curl, /-H 'X-Frame-Signature: [0-9a-f]{64}'/);
      assert.ok(!curl.includes(DEMO_CREDENTIALS.clientSecret));
      assert.equal(await vscode.env.clipboard.readText(), curl);
    });

    it('Copy Request as cURL never puts a Basic secret on the clipboard, even encoded', async () => {
      const id = await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
        name: 'Basic',
        baseUrl: sim.registrationBase,
        scheme: 'basic',
        clientId: DEMO_REGISTRATION_CREDENTIALS.clientId,
        secret: DEMO_REGISTRATION_CREDENTIALS.clientSecret,
      });
      try {
        const curl = await vscode.commands.executeCommand<string>('frameAdmin.copyRequestAsCurl', {
          connectionId: id,
          method: 'POST',
          path: '/entity.count',
          params: { type_name: 'user' },
        });
        const encoded = Buffer.from(`${DEMO_REGISTRATION_CREDENTIALS.clientId}:${DEMO_REGISTRATION_CREDENTIALS.clientSecret}`).toString(
          'base64',
        );
        assert.ok(!curl.includes(DEMO_REGISTRATION_CREDENTIALS.clientSecret) && !curl.includes(encoded), curl);
        assert.ok(curl.includes(`-u '${DEMO_REGISTRATION_CREDENTIALS.clientId}:'"$FRAME_CLIENT_SECRET"`), curl);
        assert.ok(curl.includes("--data 'type_name=user'"));
      } finally {
        await vscode.commands.executeCommand('frameAdmin.removeConnection', id, { confirm: false });
      }
    });
  });

  describe('commands and log', () => {
    it('registers every contributed command', async () => {
      const contributed = (vscode.extensions.getExtension(EXT_ID)!.packageJSON.contributes.commands as { command: string }[]).map(
        (c) => c.command,
      );
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(
        contributed.filter((c) => !registered.has(c)),
        [],
      );
    });

    it('logs requests (method, path, status, ms, attempt) with no secret or signature', async () => {
      api.accounts.refresh();
      await accountNodes();
      const text = await waitFor(() => {
        const t = nonSecretStorage();
        return /GET http:\/\/127\.0\.0\.1:\d+\/v1alpha\/accounts\/ → 200 in \d+ ms \(attempt 1\)/.test(t) ? t : undefined;
      }, 'a request line in the log file');
      assert.ok(!text.includes(DEMO_CREDENTIALS.clientSecret));
      const signatures = sim.requests.map((r) => r.headers['x-frame-signature']).filter((s): s is string => !!s);
      assert.ok(signatures.length > 0 && signatures.every((s) => !text.includes(s)), 'no signature in the log');
    });

    it('reports errors as FrameApiError messages, not stack traces', async () => {
      sim.inject({ kind: 'malformed-json' }, { path: '/v1alpha/accounts/', times: Infinity });
      try {
        await (await api.clients.web(api.store.get(connectionId)!)).listAccounts();
        assert.fail('expected an error');
      } catch (e) {
        sim.clearFaults();
        const err = e as FrameApiError;
        assert.equal(err.name, 'FrameApiError');
        assert.equal(err.kind, 'bad-response');
        assert.doesNotMatch(err.message, /\n\s+at /);
      }
    });

    it('Remove Connection deletes the connection and its secret', async () => {
      await vscode.commands.executeCommand('frameAdmin.removeConnection', connectionId, { confirm: false });
      assert.equal(api.store.get(connectionId), undefined);
      assert.equal(await api.store.getSecret(connectionId), undefined);
      const left: TreeNode[] = await api.accounts.connections();
      assert.ok(!left.some((n) => (n as ConnectionNode).connection.id === connectionId));
    });
  });
});
