// The reports panel in a real extension host: one panel per account, its page and CSP, the
// serializer after a reload, and the controller's editor side (Export CSV, Open CSV) opening real
// tabs. The controller's request handling itself is tested in bare Node
// (test/unit/reports/reportsController.test.ts); the webview's UI in the e2e.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addDays, monthKey } from '../../src/core/dates';
import type { ReportsPanel } from '../../src/reports/reportsPanel';
import { Fixture } from './fixture';
import { waitFor } from './waitFor';

describe('reports panel in a real extension host', function () {
  this.timeout(90_000);
  const f = Fixture.forSuite({ sessionsPerMonth: 2000 });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function openPanel(accountIndex = 1): Promise<{ panel: ReportsPanel; connectionId: string; accountId: string }> {
    const connectionId = await f.webConnection();
    const accountId = f.sim.data.accounts[accountIndex]!.account_id;
    const node = await f.accountNode(connectionId, accountId);
    const title = await vscode.commands.executeCommand<string>('frameAdmin.showReports', node);
    assert.equal(title, `Frame Reports: ${node.account.name}`);
    const panel = f.api.reportsPanels.get(connectionId, accountId);
    assert.ok(panel, 'a panel for the account');
    return { panel, connectionId, accountId };
  }

  it('Show Reports opens one panel per account, titled with its name, and reveals it the second time', async () => {
    const first = await openPanel(1);
    const second = await openPanel(1);
    assert.equal(second.panel, first.panel, 'the same panel');
    const other = await openPanel(2);
    assert.notEqual(other.panel, first.panel);
  });

  it('serves a page with a strict nonce CSP and no remote resources', async () => {
    const { panel } = await openPanel();
    const html = panel.panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    assert.doesNotMatch(csp, /unsafe-(inline|eval)/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    for (const tag of html.match(/<script[^>]*>/g) ?? []) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    assert.doesNotMatch(html, /https?:\/\/(?!.*vscode-(cdn|resource))/, 'no remote URLs');
    const roots = panel.panel.webview.options.localResourceRoots?.map((u) => u.path) ?? [];
    assert.ok(roots.length === 2 && roots.every((r) => /\/(dist\/webview|media)$/.test(r)), roots.join());
  });

  it('Export CSV and Open CSV open read-only editor tabs', async () => {
    const { panel } = await openPanel();
    const handlers = panel.controller.handlers;
    await handlers.init(null);
    const query = { from: addDays(f.sim.data.today, -6), to: f.sim.data.today, scope: 'all' as const };
    await handlers.usage(query);
    await handlers.exportUsage(query);
    const usageDoc = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'frame-report' && d.uri.path.includes('(all accounts).usage.')),
      'the usage CSV',
    );
    assert.equal(usageDoc.lineAt(0).text, 'account,date (Pacific time),datacenter,instance_type,server_type,hours_used');
    await handlers.openCsv({ recent: true });
    await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('.recent_sessions.csv')), 'the recent sessions CSV');
    const month = monthKey(f.sim.data.reportMonths.at(-2)!);
    await handlers.openCsv({ month });
    await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith(`.${month}.sessions.csv`)), 'the monthly CSV');
  });

  it('restores a panel after a reload from its saved state (serializer), or says why it cannot', async () => {
    const connectionId = await f.webConnection();
    const account = f.sim.data.accounts[0]!;
    const restored = vscode.window.createWebviewPanel('frameAdmin.reports', 'restored', vscode.ViewColumn.Active, {});
    await f.api.reportsPanels.deserializeWebviewPanel(restored, { connectionId, accountId: account.account_id, accountName: account.name });
    const again = f.api.reportsPanels.get(connectionId, account.account_id)!;
    assert.equal(again.panel, restored);
    assert.equal((await again.controller.handlers.init(null)).accountId, account.account_id);
    const orphan = vscode.window.createWebviewPanel('frameAdmin.reports', 'orphan', vscode.ViewColumn.Active, {});
    await f.api.reportsPanels.deserializeWebviewPanel(orphan, { connectionId: 'gone', accountId: 'x', accountName: 'x' });
    assert.match(orphan.webview.html, /no longer exists/);
    restored.dispose();
    orphan.dispose();
  });

  it('an account named with markup gets a plain-text title, and the page never contains the name', async () => {
    const connectionId = await f.webConnection();
    const xss = await f.accountNode(connectionId, f.sim.data.xssAccountId);
    const title = await vscode.commands.executeCommand<string>('frameAdmin.showReports', xss);
    assert.equal(title, 'Frame Reports: QA Lab <img src=x onerror=alert(1)>');
    const p = f.api.reportsPanels.get(connectionId, f.sim.data.xssAccountId)!;
    assert.ok(!p.panel.webview.html.includes('<img'), 'the name is not in the page HTML; the webview renders it as text');
  });
});
