// The reports panel in a real extension host: one panel per account, its page and CSP, the
// serializer after a reload, and the controller's editor side (Export CSV, Open CSV) opening real
// tabs. The controller's request handling itself is tested in bare Node
// (test/unit/reports/reportsController.test.ts); the webview's UI in the e2e.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { addDays, monthKey } from '../../src/core/dates';
import type { ReportsPanel } from '../../src/reports/reportsPanel';
import { ALL_ACCOUNTS_ID } from '../../src/protocol/reports';
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

  /**
   * A new panel's page loads usage on its own (its first tab) when it gets to it; a test's load sent
   * before that one would be cancelled by it (one load per kind at a time): wait for it to end.
   */
  async function pageLoadedUsage(panel: ReportsPanel): Promise<void> {
    await waitFor(() => panel.controller.loadsEnded('usage') > 0, 'the page’s own usage load', 60_000);
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

  it('Show Capacity… opens the account’s panel (the same one Show Reports opens) and saves a Capacity table where the dialog says', async () => {
    const connectionId = await f.webConnection();
    const account = f.sim.data.accounts[1]!;
    const node = await f.accountNode(connectionId, account.account_id);
    const title = await vscode.commands.executeCommand<string>('frameAdmin.showCapacity', node);
    assert.equal(title, `Frame Reports: ${node.account.name}`);
    const { panel } = await openPanel(1);
    assert.equal(f.api.reportsPanels.get(connectionId, account.account_id), panel);
    const handlers = panel.controller.handlers;
    const init = await handlers.init(null);
    await handlers.loadSessions({ months: [init.months[1]!.key], recent: false });
    const tabs = f.api.tabs;
    const ask = tabs.askSaveLocation;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-capacity-'));
    const asked: vscode.SaveDialogOptions[] = [];
    const file = vscode.Uri.file(path.join(folder, 'figures.csv'));
    tabs.askSaveLocation = async (options) => (asked.push(options), file);
    try {
      await handlers.exportCapacity({ table: 'figures', key: '*' });
      assert.equal(path.basename(asked[0]!.defaultUri!.fsPath), `${account.name} capacity figures.csv`);
      const view = (await handlers.capacity(null))!;
      const lines = fs.readFileSync(file.fsPath, 'utf8').trimEnd().split('\r\n');
      assert.equal(lines.length, 1 + view.keys.length);
      assert.ok(lines[1]!.startsWith(`* (all),${view.keys[0]!.figures.sessions},${view.keys[0]!.figures.peakConcurrency},`), lines[1]);
    } finally {
      tabs.askSaveLocation = ask;
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('Show Capacity… on a Web API connection opens the All accounts panel: every account’s months in one table', async () => {
    const connectionId = await f.webConnection();
    const node = await f.connectionNode(connectionId);
    const title = await vscode.commands.executeCommand<string>('frameAdmin.showCapacity', node);
    assert.equal(title, 'Frame Reports: All accounts');
    const panel = f.api.reportsPanels.get(connectionId, ALL_ACCOUNTS_ID);
    assert.ok(panel, 'the all-accounts panel');
    const handlers = panel.controller.handlers;
    const init = await handlers.init(null);
    assert.match(init.accountName, /^All accounts of /);
    assert.equal(init.tab, 'capacity');
    const month = init.months[1]!.key;
    const loaded = await handlers.loadSessions({ months: [month], recent: false });
    const [y, m] = month.split('-').map(Number) as [number, number];
    const expected = f.sim.data.accounts.reduce((n, a) => n + f.sim.data.monthlyReportRows(a.account_id, y, m).length, 0);
    assert.equal(loaded.rows, expected);
    assert.equal(loaded.sources.length, f.sim.data.accounts.length);
    assert.ok((await handlers.capacity(null))!.keys[0]!.figures.peakConcurrency > 0);
  });

  it('costs usage at the prices in the user settings, follows an edit of them, saves the cost CSV and a chart PNG where the dialogs say', async () => {
    const { panel } = await openPanel(1);
    const handlers = panel.controller.handlers;
    const init = await handlers.init(null);
    await pageLoadedUsage(panel);
    const config = vscode.workspace.getConfiguration();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-cost-'));
    const tabs = f.api.tabs;
    const ask = tabs.askSaveLocation;
    const asked: vscode.SaveDialogOptions[] = [];
    let answer: vscode.Uri | undefined;
    tabs.askSaveLocation = async (options) => (asked.push(options), answer);
    try {
      const to = f.sim.data.today;
      const from = `${to.slice(0, 7)}-01`;
      await handlers.usage({ from, to, scope: 'account' });
      const unpriced = (await handlers.capacityCost(null))!;
      assert.equal(unpriced.instancePrices, 0, 'no price in a fresh profile');
      const type = unpriced.estimate.unpriced[0]!.instanceType;
      // The real settings: what the Settings editor (Edit Prices) writes.
      await config.update(
        'frameAdmin.capacity.prices',
        { instances: [{ instanceType: type, datacenter: '*', perHour: 1.5 }] },
        vscode.ConfigurationTarget.Global,
      );
      // The host's configuration follows the write asynchronously: ask until it has.
      const priced = await waitFor(async () => {
        const v = (await handlers.capacityCost(null))!;
        return v.instancePrices === 1 ? v : undefined;
      }, 'the new price in the host’s configuration');
      const hours = unpriced.estimate.unpriced.filter((u) => u.instanceType === type).reduce((n, u) => n + u.hours, 0);
      assert.ok(Math.abs(priced.estimate.total.instanceCost - 1.5 * hours) < 1e-6 * Math.max(1, hours));
      assert.ok(priced.estimate.forecast, 'a range from the 1st has a run rate');
      answer = vscode.Uri.file(path.join(folder, 'cost.csv'));
      await handlers.exportCost(null);
      assert.ok(path.basename(asked.at(-1)!.defaultUri!.fsPath).endsWith(`cost ${from} to ${to}.csv`));
      const csv = fs.readFileSync(answer.fsPath, 'utf8');
      assert.ok(
        csv.startsWith('level,name,organization,customer,hours,instance_cost,storage_cost,total_cost,unpriced_hours\r\naccount,'),
        csv.slice(0, 120),
      );
      // A chart image: the host decodes the PNG the webview's canvas made and writes it.
      await handlers.loadSessions({ months: [init.months[1]!.key], recent: false });
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      answer = vscode.Uri.file(path.join(folder, 'timeline.png'));
      await handlers.saveChart({ chart: 'timeline', key: '*', format: 'png', data: `data:image/png;base64,${png.toString('base64')}` });
      assert.deepEqual(asked.at(-1)!.filters, { 'PNG images': ['png'] });
      assert.deepEqual(fs.readFileSync(answer.fsPath), png);
      // Edit Prices opens the Settings editor (on the cost settings).
      await handlers.editPrices(null);
      await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.label.includes('Settings') || undefined, 'the Settings editor');
    } finally {
      tabs.askSaveLocation = ask;
      await config.update('frameAdmin.capacity.prices', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('Export CSV asks where to save (a name that says the scope and range), writes the file, and can open it; Cancel does nothing', async () => {
    const { panel, connectionId } = await openPanel();
    const handlers = panel.controller.handlers;
    await handlers.init(null);
    await pageLoadedUsage(panel);
    const tabs = f.api.tabs;
    const ask = tabs.askSaveLocation;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-export-'));
    const asked: vscode.SaveDialogOptions[] = [];
    let answer: vscode.Uri | undefined;
    // The seam for the save dialog (the e2e sees the real one): record what it was asked, answer with a file.
    tabs.askSaveLocation = async (options) => (asked.push(options), answer);
    try {
      const from = addDays(f.sim.data.today, -6);
      const to = f.sim.data.today;
      const all = vscode.Uri.file(path.join(folder, 'all.csv'));
      answer = all;
      const rollup = await handlers.usage({ from, to, scope: 'all' });
      // Stack by account (issue 20): one key per account, by name, the days' stacks adding up to the total.
      const byAccount = rollup.aggregate.by.account;
      assert.deepEqual([...byAccount.keys].sort(), f.sim.data.accounts.map((a) => a.name).sort());
      const stacked = byAccount.series.reduce((t, d) => t + d.values.reduce((a, b) => a + b, 0), 0);
      assert.ok(Math.abs(stacked - rollup.aggregate.totalHours) < 1e-6);
      await handlers.exportUsage({ from, to, scope: 'all' });
      const connection = f.api.store.get(connectionId)!;
      assert.equal(path.basename(asked[0]!.defaultUri!.fsPath), `${connection.name} (all accounts).usage.${from}_${to}.csv`);
      assert.ok(asked[0]!.title!.includes(`all accounts of ${connection.name}, ${from} to ${to}`), asked[0]!.title);
      assert.deepEqual(asked[0]!.filters, { 'CSV files': ['csv'] });
      const text = fs.readFileSync(all.fsPath, 'utf8');
      assert.ok(text.startsWith('account,date (Pacific time),datacenter,instance_type,server_type,hours_used\r\n'), text.slice(0, 80));
      // One account: its name in the file name; the next dialog opens where the last export went.
      const one = vscode.Uri.file(path.join(folder, 'one.csv'));
      answer = one;
      await handlers.exportUsage({ from, to, scope: 'account' });
      const account = f.sim.data.accounts[1]!;
      assert.equal(asked[1]!.defaultUri!.fsPath, path.join(folder, `${account.name}.usage.${from}_${to}.csv`));
      assert.ok(fs.readFileSync(one.fsPath, 'utf8').startsWith('date (Pacific time),datacenter,instance_type,server_type,hours_used\r\n'));
      // "Open" in the notification opens the saved file, titled by its name.
      await tabs.openFile(all);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, all.fsPath);
      assert.equal(vscode.window.activeTextEditor?.document.languageId, 'csv');
      // Cancelled: nothing is written, nothing opens.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      answer = undefined;
      const before = fs.readdirSync(folder).sort();
      await handlers.exportUsage({ from, to, scope: 'all' });
      assert.equal(asked.length, 3);
      assert.deepEqual(fs.readdirSync(folder).sort(), before);
      assert.equal(vscode.window.activeTextEditor, undefined);
    } finally {
      tabs.askSaveLocation = ask;
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('Open CSV opens read-only editor tabs', async () => {
    const { panel } = await openPanel();
    const handlers = panel.controller.handlers;
    await handlers.init(null);
    await handlers.openCsv({ recent: true });
    await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith(' — recent sessions.csv')),
      'the recent sessions CSV',
    );
    const month = monthKey(f.sim.data.reportMonths.at(-2)!);
    await handlers.openCsv({ month });
    await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith(` — ${month} sessions.csv`)), 'the monthly CSV');
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
