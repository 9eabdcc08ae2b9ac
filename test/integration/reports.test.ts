// The reports panel in a real extension host, against the simulator: the panel opens per account,
// its real webview starts and talks to the host, and every protocol request works (ranges, scope,
// grouping data, month selection, rows, export, errors with Retry, cancellation, the serializer).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FrameAdminApi } from '../../src/extension';
import type { ReportsPanel } from '../../src/reports/reportsPanel';
import type { RpcRequestError } from '../../src/protocol/rpc';
import type { SessionsResult, UsageQuery } from '../../src/protocol/reports';
import type { AccountNode } from '../../src/views/accountNodes';
import { waitFor } from './waitFor';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../simulator';

async function rejects(p: Promise<unknown>): Promise<RpcRequestError['error']> {
  try {
    await p;
  } catch (e) {
    const err = (e as RpcRequestError).error;
    assert.ok(err && typeof err.message === 'string', `an RpcRequestError, got ${String(e)}`);
    return err;
  }
  assert.fail('expected the request to fail');
}

function addDays(day: string, n: number): string {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

describe('reports panel in a real extension host', function () {
  this.timeout(90_000);
  let api: FrameAdminApi;
  let sim: Simulator;
  let connectionId: string;
  let account: AccountNode;
  let panel: ReportsPanel;

  before(async () => {
    sim = await startSimulator({ sessionsPerMonth: 2000 });
    api = await vscode.extensions.getExtension<FrameAdminApi>('frame-admin.frame-admin')!.activate();
    connectionId = (await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
      name: 'Reports sim',
      baseUrl: sim.webApiBase,
      clientId: DEMO_CREDENTIALS.clientId,
      secret: DEMO_CREDENTIALS.clientSecret,
    }))!;
    const node = (await api.accounts.connections()).find((c) => c.connection.id === connectionId)!;
    const kids = (await node.getChildren()) as AccountNode[];
    account = kids.find((k) => k.account.accountId === sim.data.accounts[1]!.account_id)!;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('frameAdmin.removeConnection', connectionId, { confirm: false });
    await sim.close();
  });

  beforeEach(() => sim.reset());

  it('Show Reports opens one panel per account, titled with its name', async () => {
    const title = await vscode.commands.executeCommand<string>('frameAdmin.showReports', account);
    assert.equal(title, `Frame Reports: ${account.account.name}`);
    panel = api.reportsPanels.get(connectionId, account.account.accountId)!;
    assert.ok(panel);
    await vscode.commands.executeCommand('frameAdmin.showReports', account);
    assert.equal(api.reportsPanels.get(connectionId, account.account.accountId), panel, 'the same panel is revealed');
    assert.equal(panel.panel.viewType, 'frameAdmin.reports');
    const opts = panel.panel.webview.options;
    assert.equal(opts.enableScripts, true);
    const root = vscode.extensions.getExtension('frame-admin.frame-admin')!.extensionUri.path;
    assert.deepEqual(
      opts.localResourceRoots?.map((u) => u.path.slice(root.length)),
      ['/dist/webview', '/media'],
      'resources only from the extension',
    );
  });

  it('serves a page with a strict nonce CSP and no remote resources', () => {
    const html = panel.panel.webview.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a script nonce');
    // webview.cspSource is VS Code's own resource origin (an https URL): the only one allowed.
    assert.doesNotMatch(csp.split(panel.panel.webview.cspSource).join(''), /unsafe-inline|unsafe-eval|https?:\/\/|\*/);
    const scripts = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0 && scripts.every((s) => s.includes(`nonce="${nonce}"`)), 'every script carries the nonce');
    const links = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(
      links.length >= 2 && links.every((l) => l.startsWith(panel.panel.webview.asWebviewUri(vscode.Uri.file('/')).scheme + ':')),
      `only webview resource URLs: ${links.join(', ')}`,
    );
  });

  it('the real webview starts under that CSP and asks the host for its data', async () => {
    await waitFor(() => (panel.received.get('init') ?? 0) > 0, 'the webview to send init');
  });

  it('init lists the monthly reports newest first, today in Pacific time, and who the panel is for', async () => {
    const init = await panel.rpc.call('init', null);
    assert.deepEqual(init.panel, { connectionId, accountId: account.account.accountId, accountName: account.account.name });
    assert.equal(init.months.length, sim.data.reportMonths.length);
    const newest = sim.data.reportMonths.at(-1)!;
    assert.equal(init.months[0]!.key, `${newest.year}-${String(newest.month).padStart(2, '0')}`);
    assert.equal(init.todayPacific, sim.data.today);
    assert.equal(init.monthsError, undefined);
  });

  it('usage for a range matches the simulator, with every grouping', async () => {
    const to = sim.data.today;
    const from = addDays(to, -29);
    const result = await panel.rpc.call('usage', { from, to, scope: 'account' });
    const raw = sim.data.usage(account.account.accountId, from, to);
    const expected = raw.reduce((s, r) => s + r.hours_used, 0);
    assert.ok(Math.abs(result.aggregate.totalHours - expected) < 1e-6, `${result.aggregate.totalHours} vs ${expected}`);
    assert.deepEqual([...result.aggregate.by.instance_type.keys].sort(), [...new Set(raw.map((r) => r.instance_type))].sort());
    assert.deepEqual([...result.aggregate.by.datacenter.keys].sort(), [...new Set(raw.map((r) => r.datacenter))].sort());
    assert.deepEqual([...result.aggregate.by.server_type.keys].sort(), [...new Set(raw.map((r) => r.server_type))].sort());
    assert.equal(result.accounts, 1);
  });

  it('the "all accounts" rollup adds up every account of the connection', async () => {
    const to = sim.data.today;
    const from = addDays(to, -6);
    const result = await panel.rpc.call('usage', { from, to, scope: 'all' });
    const expected = sim.data.accounts.reduce(
      (s, a) => s + sim.data.usage(a.account_id, from, to).reduce((t, r) => t + r.hours_used, 0),
      0,
    );
    assert.equal(result.accounts, sim.data.accounts.length);
    assert.ok(Math.abs(result.aggregate.totalHours - expected) < 1e-6);
    assert.deepEqual(result.failedAccounts, []);
  });

  it('an API error reaches the webview as a retryable message, and Retry then works', async () => {
    const query: UsageQuery = { from: addDays(sim.data.today, -6), to: sim.data.today, scope: 'account' };
    sim.inject({ kind: 'status', status: 503 }, { path: /\/usage\?/, times: Infinity });
    const error = await rejects(panel.rpc.call('usage', query));
    assert.equal(error.kind, 'server');
    assert.equal(error.retryable, true);
    assert.match(error.message, /HTTP 503/);
    assert.doesNotMatch(error.message, /\n\s+at /);
    sim.clearFaults();
    assert.ok((await panel.rpc.call('usage', query)).aggregate.records > 0);
  });

  let sessions: SessionsResult;
  it('loads chosen months plus recent sessions into aggregates, downloading without Frame headers', async () => {
    const months = sim.data.reportMonths.slice(-3, -1).map((m) => `${m.year}-${String(m.month).padStart(2, '0')}`);
    sessions = await panel.rpc.call('loadSessions', { months, recent: true });
    const expectedRows =
      sim.data.reportMonths
        .slice(-3, -1)
        .reduce((s, m) => s + sim.data.monthlyReportRows(account.account.accountId, m.year, m.month).length, 0) +
      sim.data.recentSessionRows(account.account.accountId).length;
    assert.equal(sessions.rows, expectedRows);
    assert.equal(sessions.aggregate.sessions, expectedRows);
    assert.deepEqual(
      sessions.sources.map((s) => s.key),
      [...months, 'recent'],
    );
    assert.equal(
      sessions.histogram.counts.reduce((a, b) => a + b, 0),
      sessions.aggregate.duration.count,
    );
    assert.ok(sessions.aggregate.applications.top.length > 0 && sessions.aggregate.quality.latencyMs.p50! > 0);
    const presigned = sim.requests.filter((r) => r.path.startsWith('/presigned/'));
    assert.equal(presigned.length, 2);
    assert.ok(presigned.every((r) => !Object.keys(r.headers).some((h) => /^(x-frame-|authorization)/.test(h))));
  });

  it('keeps the last result for a webview recreated after hide/show', async () => {
    const current = await panel.rpc.call('currentSessions', null);
    assert.equal(current?.rows, sessions.rows);
    assert.deepEqual(current?.query, sessions.query);
  });

  it('pages rows sorted and filtered by the host', async () => {
    const page = await panel.rpc.call('rows', { offset: 0, limit: 50, sort: { column: 'duration', descending: true }, filter: '' });
    assert.equal(page.total, sessions.rows);
    assert.equal(page.rows.length, 50);
    assert.equal(page.rows[0]![3], sessions.aggregate.duration.maxSeconds);
    const chrome = await panel.rpc.call('rows', { offset: 0, limit: 1000, sort: { column: 'start', descending: false }, filter: 'chrome' });
    assert.ok(chrome.total > 0 && chrome.total < sessions.rows);
    assert.ok(chrome.rows.every((r) => [r[1], r[2], r[4], r[5]].some((v) => v.toLowerCase().includes('chrome'))));
    const starts = chrome.rows.map((r) => r[0]!);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
  });

  it('cancels a load on request', async () => {
    sim.inject({ kind: 'slow-body', chunkDelayMs: 400, chunks: 20 }, { path: /^\/presigned\// });
    const month = sim.data.reportMonths[0]!;
    const loading = panel.rpc.call('loadSessions', { months: [`${month.year}-${String(month.month).padStart(2, '0')}`], recent: false });
    await waitFor(() => sim.requests.some((r) => r.path.startsWith('/presigned/')), 'the download to start');
    await panel.rpc.call('cancel', { what: 'sessions' });
    const error = await rejects(loading);
    assert.equal(error.kind, 'cancelled');
  });

  it('Export CSV and Open CSV open read-only editor tabs', async () => {
    const query: UsageQuery = { from: addDays(sim.data.today, -6), to: sim.data.today, scope: 'all' };
    await panel.rpc.call('usage', query);
    await panel.rpc.call('exportUsage', query);
    const usageDoc = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'frame-report' && d.uri.path.includes('(all accounts).usage.')),
      'the usage CSV',
    );
    assert.equal(usageDoc.lineAt(0).text, 'account,date (Pacific time),datacenter,instance_type,server_type,hours_used');
    await panel.rpc.call('openCsv', { recent: true });
    await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('.recent_sessions.csv')), 'the recent sessions CSV');
  });

  it('restores a panel after a reload from its saved state (serializer)', async () => {
    const restored = vscode.window.createWebviewPanel('frameAdmin.reports', 'restored', vscode.ViewColumn.Active, {});
    await api.reportsPanels.deserializeWebviewPanel(restored, {
      connectionId,
      accountId: sim.data.accounts[0]!.account_id,
      accountName: sim.data.accounts[0]!.name,
    });
    const again = api.reportsPanels.get(connectionId, sim.data.accounts[0]!.account_id)!;
    assert.equal(again.panel, restored);
    assert.equal((await again.rpc.call('init', null)).accountId, sim.data.accounts[0]!.account_id);
    const orphan = vscode.window.createWebviewPanel('frameAdmin.reports', 'orphan', vscode.ViewColumn.Active, {});
    await api.reportsPanels.deserializeWebviewPanel(orphan, { connectionId: 'gone', accountId: 'x', accountName: 'x' });
    assert.match(orphan.webview.html, /no longer exists/);
    restored.dispose();
    orphan.dispose();
  });

  it('an account named with markup gets a plain-text title', async () => {
    const node = (await api.accounts.connections()).find((c) => c.connection.id === connectionId)!;
    const xss = ((await node.getChildren()) as AccountNode[]).find((k) => k.account.accountId === sim.data.xssAccountId)!;
    const title = await vscode.commands.executeCommand<string>('frameAdmin.showReports', xss);
    assert.equal(title, 'Frame Reports: QA Lab <img src=x onerror=alert(1)>');
    const p = api.reportsPanels.get(connectionId, sim.data.xssAccountId)!;
    assert.ok(!p.panel.webview.html.includes('<img'), 'the name is not in the page HTML; the webview renders it as text');
    p.panel.dispose();
  });
});
