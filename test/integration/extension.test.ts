// The extension inside a real extension host, against the Frame simulator over real sockets:
// connections and secrets, the Accounts view (Web and Admin API), commands and the log. Every
// test makes sure of the state it needs (Fixture), so each can run alone with --grep.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FrameApiError } from '../../src/core/http';
import type { ErrorNode, MessageNode, ReportMonthNode, TreeNode } from '../../src/views';
import { CONTEXT } from '../../src/contract';
import { DEMO_CREDENTIALS } from '../simulator';
import { EXT_ID, Fixture, WEB_CONNECTION, contextOf, isWebAccount, label } from './fixture';
import { waitFor } from './waitFor';

const isError = (n: TreeNode | undefined): n is ErrorNode => !!n && contextOf(n).startsWith('error');

describe('Frame Admin in a real extension host', function () {
  this.timeout(60_000);
  const f = Fixture.forSuite({ sessionsPerMonth: 800 });

  describe('connections', () => {
    it('shows the welcome content when there is no connection: an empty tree', async () => {
      for (const c of f.api.store.list()) await f.api.store.remove(c.id);
      assert.deepEqual(await f.api.accounts.connections(), []);
      assert.deepEqual(await f.api.accounts.tree.getChildren(), [], 'nothing at all, so viewsWelcome shows');
    });

    it('Add Connection verifies against the API and keeps the secret only in SecretStorage', async () => {
      for (const c of f.api.store.list()) await f.api.store.remove(c.id);
      const id = await f.addConnection(WEB_CONNECTION, 'web');
      assert.ok(
        f.sim.requests.some((r) => r.path === '/v1alpha/accounts/' && r.status === 200),
        'verified with a real request',
      );
      assert.equal(await f.api.store.getSecret(id), DEMO_CREDENTIALS.clientSecret);
      assert.deepEqual(Object.keys(f.api.store.get(id)!).sort(), ['apiKind', 'baseUrl', 'clientId', 'id', 'name', 'scheme']);
      assert.equal(f.api.store.get(id)!.apiKind, 'web', 'the API kind recorded once, when saved');
      assert.ok(!f.nonSecretStorage().includes(DEMO_CREDENTIALS.clientSecret), 'secret absent from globalState, settings and the log');
    });

    it('Add Connection refuses a client id with a line break, sending nothing, and other connections keep working', async () => {
      const before = f.api.store.list().length;
      const id = await vscode.commands.executeCommand('frameAdmin.addConnection', {
        name: 'Pasted badly',
        baseUrl: f.sim.webApiBase,
        clientId: `${DEMO_CREDENTIALS.clientId}\nX-Injected: 1`,
        secret: DEMO_CREDENTIALS.clientSecret,
      });
      assert.equal(id, undefined);
      assert.equal(f.api.store.list().length, before, 'nothing saved');
      assert.deepEqual(f.sim.requests, [], 'nothing sent');
      await f.logShows(/The client ID contains a line break at position \d+/);
      const good = await f.webConnection();
      assert.equal(
        await vscode.commands.executeCommand('frameAdmin.testConnection', good),
        `${f.sim.data.accounts.length} accounts visible`,
      );
    });

    it('Test Connection reports what it found', async () => {
      const id = await f.webConnection();
      const summary = await vscode.commands.executeCommand<string>('frameAdmin.testConnection', id);
      assert.equal(summary, `${f.sim.data.accounts.length} accounts visible`);
    });

    it('Rename Connection keeps the secret', async () => {
      const id = await f.addConnection('To rename', 'web', false);
      await vscode.commands.executeCommand('frameAdmin.renameConnection', id, { name: 'Renamed' });
      assert.equal(f.api.store.get(id)?.name, 'Renamed');
      assert.equal(await f.api.store.getSecret(id), DEMO_CREDENTIALS.clientSecret);
      await f.api.store.remove(id);
    });

    it('Edit Connection changes fields after verifying them, keeping the stored secret', async () => {
      const id = await f.addConnection('To edit', 'web', false);
      await vscode.commands.executeCommand('frameAdmin.editConnection', id, { name: 'Edited', baseUrl: f.sim.webApiBase + '/accounts/' });
      const edited = f.api.store.get(id)!;
      assert.equal(edited.name, 'Edited');
      assert.equal(edited.baseUrl, f.sim.webApiBase, 'normalized');
      assert.ok(
        f.sim.requests.some((r) => r.path === '/v1alpha/accounts/' && r.status === 200),
        'verified with a request',
      );
      assert.equal(await f.api.store.getSecret(id), DEMO_CREDENTIALS.clientSecret);
      await f.api.store.remove(id);
    });

    it('Remove Connection deletes the connection and its secret', async () => {
      const id = await f.addConnection('To remove', 'web', false);
      await vscode.commands.executeCommand('frameAdmin.removeConnection', id, { confirm: false });
      assert.equal(f.api.store.get(id), undefined);
      assert.equal(await f.api.store.getSecret(id), undefined);
      assert.ok(!(await f.api.accounts.connections()).some((n) => n.connection.id === id));
    });

    it('several connections side by side, each with its own API kind', async () => {
      const webId = await f.webConnection();
      const adminId = await f.addConnection('Simulator Admin', 'admin');
      const regId = await f.addConnection('Registration', 'janrain-signature');
      try {
        const nodes = await waitFor(async () => {
          const all = await f.api.accounts.connections();
          return [webId, adminId, regId].every((id) => all.some((n) => n.connection.id === id)) ? all : undefined;
        }, 'three connections');
        const byId = (id: string) => nodes.find((n) => n.connection.id === id)!.getTreeItem();
        assert.match(String(byId(adminId).description), /^Admin API · 127\.0\.0\.1:/);
        assert.match(String(byId(regId).description), /^signed requests only/);
        assert.match(String(byId(webId).description), /^Web API/);
      } finally {
        await vscode.commands.executeCommand('frameAdmin.removeConnection', adminId, { confirm: false });
        await vscode.commands.executeCommand('frameAdmin.removeConnection', regId, { confirm: false });
      }
      assert.equal(await f.api.store.getSecret(regId), undefined, 'secret deleted with its connection');
    });
  });

  describe('Accounts view (Web API)', () => {
    it('lists the accounts of the connection, with id and email', async () => {
      const nodes = await f.accountNodes(await f.webConnection());
      const expected = [...f.sim.data.accounts].sort((a, b) => a.name.localeCompare(b.name));
      assert.deepEqual(
        nodes.map((n) => n.account.accountId),
        expected.map((a) => a.account_id),
      );
      const item = nodes[0]!.getTreeItem();
      // A short id (the side bar's default width), the whole one in the tooltip.
      const id = expected[0]!.account_id;
      assert.equal(item.description, id.length > 12 ? `${id.slice(0, 9)}…` : id);
      assert.ok(String(item.description).length <= 12);
      assert.ok((item.tooltip as vscode.MarkdownString).value.replace(/\\/g, '').includes(`Account ID: ${id}`));
      assert.equal(item.contextValue, CONTEXT.webAccount);
      assert.ok(
        (item.tooltip as vscode.MarkdownString).value.includes(expected[0]!.email.replace(/[.+-]/g, (c) => '\\' + c)),
        'email in the tooltip',
      );
    });

    it('renders an account name with markup as text in its tooltip', async () => {
      const xss = await f.accountNode(await f.webConnection(), f.sim.data.xssAccountId);
      const tooltip = xss.getTreeItem().tooltip as vscode.MarkdownString;
      assert.ok(!tooltip.value.includes('<img'), tooltip.value);
      assert.ok(tooltip.value.includes('&lt;img'), 'the markup is kept, as text');
      assert.ok(!tooltip.supportHtml);
      assert.equal(label(xss), 'QA Lab <img src=x onerror=alert(1)>');
    });

    it('shows Usage, Session Reports (newest month first) and Recent Sessions under an account', async () => {
      const [account] = await f.accountNodes(await f.webConnection());
      const kids = await account!.getChildren();
      assert.deepEqual(kids.map(contextOf), [CONTEXT.usage, CONTEXT.sessionReports, CONTEXT.recentSessions]);
      const months = (await kids[1]!.getChildren()) as ReportMonthNode[];
      assert.equal(months.length, f.sim.data.reportMonths.length);
      const newest = f.sim.data.reportMonths.at(-1)!;
      assert.deepEqual([months[0]!.report.year, months[0]!.report.month], [newest.year, newest.month]);
    });

    it('Refresh on a node reloads only that node', async () => {
      const [account] = await f.accountNodes(await f.webConnection());
      const reports = (await account!.getChildren())[1]!;
      await reports.getChildren();
      const count = () => f.sim.requests.filter((r) => r.path.endsWith('/sessions')).length;
      const before = count();
      await reports.getChildren();
      assert.equal(count(), before, 'cached');
      await vscode.commands.executeCommand('frameAdmin.refreshNode', reports);
      await reports.getChildren();
      assert.equal(count(), before + 1, 'reloaded once');
    });

    it('reveals and selects an account node (stable ids), and the selection follows', async () => {
      const [account] = await f.accountNodes(await f.webConnection());
      await waitFor(async () => {
        try {
          await f.api.accounts.tree.view.reveal(account!, { select: true, focus: false, expand: false });
          return true;
        } catch {
          return false;
        }
      }, 'reveal');
      await waitFor(() => f.api.selection.value?.account.accountId === account!.account.accountId, 'selection follows the tree');
    });

    it('turns a failing load into an error node, and Retry recovers', async () => {
      const id = await f.webConnection();
      f.sim.inject({ kind: 'html-error', status: 502 }, { path: '/v1alpha/accounts/', times: Infinity });
      f.api.accounts.refresh();
      const kids = await (await f.connectionNode(id)).getChildren();
      assert.equal(kids.length, 1);
      const error = kids[0];
      assert.ok(isError(error));
      assert.equal(label(error), 'Could not load accounts');
      assert.match(error.message, /HTTP 502/);
      assert.doesNotMatch(error.message, /at .*\.js:\d+/, 'no stack trace');
      assert.equal(error.getTreeItem().command?.command, 'frameAdmin.retry');
      f.sim.clearFaults();
      await vscode.commands.executeCommand('frameAdmin.retry', error);
      const again = await (await f.connectionNode(id)).getChildren();
      assert.ok(again.every(isWebAccount) && again.length === f.sim.data.accounts.length);
    });

    it('a rejected secret shows an error node offering Update Secret, and Update Secret fixes it', async () => {
      const id = await f.webConnection();
      await vscode.commands.executeCommand('frameAdmin.updateSecret', id, { secret: 'a-wrong-secret-0123' });
      const [error] = await (await f.connectionNode(id)).getChildren();
      assert.ok(isError(error));
      assert.equal(contextOf(error), CONTEXT.authError);
      assert.match(error.message, /HTTP 401.*update the client secret/);
      assert.ok(!error.message.includes('a-wrong-secret-0123'));
      await vscode.commands.executeCommand('frameAdmin.updateSecret', error, { secret: DEMO_CREDENTIALS.clientSecret });
      assert.equal((await f.accountNodes(id)).length, f.sim.data.accounts.length, 'Update Secret from the error node itself');
    });

    it('a secret that vanished shows the "secret missing" state with its action', async () => {
      const id = await f.webConnection();
      await f.api.store.deleteSecret(id);
      const node = await waitFor(async () => {
        const n = await f.connectionNode(id);
        return n.secretState === 'missing' ? n : undefined;
      }, 'secret missing state');
      assert.equal(contextOf(node), CONTEXT.connectionSecretMissing);
      const [message] = (await node.getChildren()) as MessageNode[];
      assert.equal(message && contextOf(message), CONTEXT.message);
      assert.equal(message!.command?.command, 'frameAdmin.updateSecret');
      await vscode.commands.executeCommand('frameAdmin.updateSecret', id, { secret: DEMO_CREDENTIALS.clientSecret });
      await waitFor(async () => (await f.connectionNode(id)).secretState === 'present', 'secret present again');
    });

    it('API data with duplicate ids still shows every item, each with its own tree id', async () => {
      const id = await f.webConnection();
      const [a, b] = f.sim.data.accounts;
      f.sim.inject(
        {
          kind: 'status',
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify([{ ...a, account_id: 2 }, { ...b, account_id: '2' }, a, a]),
        },
        { path: '/v1alpha/accounts/', times: Infinity },
      );
      f.api.accounts.refresh();
      const nodes = await f.accountNodes(id);
      assert.equal(nodes.length, 4);
      assert.equal(new Set(nodes.map((n) => n.id)).size, 4, 'unique ids');
      await waitFor(async () => {
        try {
          await f.api.accounts.tree.view.reveal(nodes[3]!, { select: false, focus: false, expand: false });
          return true;
        } catch {
          return false;
        }
      }, 'VS Code registers every item');
      f.sim.clearFaults();
      f.api.accounts.refresh();
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
      const id = await f.webConnection();
      f.api.accounts.refresh();
      await f.accountNodes(id);
      const text = await f.logShows(/GET http:\/\/127\.0\.0\.1:\d+\/v1alpha\/accounts\/ → 200 in \d+ ms \(attempt 1\)/);
      assert.ok(!text.includes(DEMO_CREDENTIALS.clientSecret));
      const signatures = f.sim.requests.map((r) => r.headers['x-frame-signature']).filter((s): s is string => !!s);
      assert.ok(signatures.length > 0 && signatures.every((s) => !text.includes(s)), 'no signature in the log');
    });

    it('reports errors as FrameApiError messages, not stack traces', async () => {
      const id = await f.webConnection();
      f.sim.inject({ kind: 'malformed-json' }, { path: '/v1alpha/accounts/', times: Infinity });
      const error = await (await f.api.clients.web(f.api.store.get(id)!)).listAccounts().then(
        () => assert.fail('expected an error'),
        (e: unknown) => e as FrameApiError,
      );
      assert.equal(error.name, 'FrameApiError');
      assert.equal(error.kind, 'bad-response');
      assert.doesNotMatch(error.message, /\n\s+at /);
    });

    it('a failing command logs its message once and returns nothing (no raw error reaches VS Code)', async () => {
      const id = await f.webConnection();
      f.sim.inject(
        { kind: 'status', status: 500, body: '{"detail":"recent sessions store is down"}' },
        { path: /recent_sessions/, times: Infinity },
      );
      const account = await f.accountNode(id, f.sim.data.accounts[0]!.account_id);
      assert.equal(await vscode.commands.executeCommand('frameAdmin.openRecentSessions', account), undefined);
      await f.logShows(/The server failed \(HTTP 500\).*recent sessions store is down/);
    });
  });
});
