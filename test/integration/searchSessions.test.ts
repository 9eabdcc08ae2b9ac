// Frame: Search Sessions… in a real extension host against the simulator: a month read through
// the reports panel is searched from the connection, a hit opens its 25 fields in a tab, and
// "Read more months" downloads and reads the newest month of every account. The search itself is
// tested against a naive filter in bare Node (test/unit/reports/sessionSearch.test.ts); the
// QuickPick in the e2e.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { parseMonthKey } from '../../src/core/dates';
import { SESSION_COLUMNS } from '../../src/core/reports/columns';
import { Fixture } from './fixture';

interface SearchResult {
  hits: { account: string; month: string; user: string; application: string; field: string }[];
  summary: { matches: number; monthsSearched: number; monthsSkipped: number; sessions: number };
  skipped: { account: string; month: string; reason: string }[];
  opened?: string;
  readResult?: { read: number; failed: { label: string; message: string }[] };
}

describe('Search Sessions in a real extension host', function () {
  this.timeout(120_000);
  const f = Fixture.forSuite({ sessionsPerMonth: 1500 });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('frameAdmin').update('search.months', undefined, vscode.ConfigurationTarget.Global);
  });

  it('searches a month read in the panel from its connection, and opens a hit’s 25 fields', async () => {
    const connectionId = await f.webConnection();
    const account = f.sim.data.accounts[1]!;
    const node = await f.accountNode(connectionId, account.account_id);
    await vscode.commands.executeCommand('frameAdmin.showReports', node);
    const panel = f.api.reportsPanels.get(connectionId, account.account_id)!;
    const init = await panel.controller.handlers.init(null);
    const month = init.months[1]!.key;
    await panel.controller.handlers.loadSessions({ months: [month], recent: false });
    const page = await panel.controller.handlers.rows({ offset: 0, limit: 1, sort: { column: 'start', descending: true }, filter: '' });
    const user = page.rows[0]![1] as string;

    const result = (await vscode.commands.executeCommand('frameAdmin.searchSessions', node, {
      query: `user:${user}`,
      openFirst: true,
    })) as SearchResult;
    assert.ok(result.hits.length > 0, 'hits');
    assert.ok(result.hits.every((h) => h.account === account.name && h.month === month && h.user.includes(user) && h.field === 'user'));
    assert.equal(result.summary.monthsSearched, 1);
    assert.deepEqual(result.skipped, []);
    assert.ok(result.opened, 'a hit was opened');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.opened)!;
    const text = doc.getText();
    assert.ok(text.startsWith(`Session of ${account.name} (${account.account_id}), ${month} report`), text.slice(0, 200));
    for (const column of SESSION_COLUMNS) assert.match(text, new RegExp(`^${column.replace(' ', '\\s')}\\s`, 'm'), column);
    assert.match(text, new RegExp(`^username\\s+${user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), result.opened, 'shown in the editor');
  });

  it('a cached month that does not check out is skipped with the reason, and "Read more months" reads it again from its CSV', async () => {
    const connectionId = await f.webConnection();
    const account = f.sim.data.accounts[1]!;
    const node = await f.accountNode(connectionId, account.account_id);
    const store = f.api.tabs.monthly;
    // The month the first test read: one month asked, so it is not among the newest asked.
    await vscode.workspace.getConfiguration('frameAdmin').update('search.months', 1, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('frameAdmin.showReports', node);
    const month = (await f.api.reportsPanels.get(connectionId, account.account_id)!.controller.handlers.init(null)).months[1]!.key;
    const csv = store.csvPath({ connectionId, accountId: account.account_id, ...parseMonthKey(month)! });
    const entry = store.columnar.entryPath(csv);
    const good = fs.readFileSync(entry);
    const bad = Buffer.from(good);
    bad.write('NOTACOLS', 0, 'latin1');
    fs.writeFileSync(entry, bad);
    const skipped = (await vscode.commands.executeCommand('frameAdmin.searchSessions', node, { query: 'app:a' })) as SearchResult;
    assert.deepEqual(
      skipped.skipped.map((s) => [s.account, s.month]),
      [[account.name, month]],
    );
    assert.match(skipped.skipped[0]!.reason, /wrong magic/);
    assert.ok(skipped.hits.every((h) => h.month !== month));
    const again = (await vscode.commands.executeCommand('frameAdmin.searchSessions', node, {
      query: 'app:a',
      readMissing: true,
    })) as SearchResult;
    assert.deepEqual(again.readResult!.failed, []);
    assert.deepEqual(again.skipped, []);
    assert.ok(again.hits.some((h) => h.month === month));
  });

  it('"Read more months" reads the newest month of every account, which the search then covers (account names, not ids)', async () => {
    const connectionId = await f.webConnection();
    await vscode.workspace.getConfiguration('frameAdmin').update('search.months', 1, vscode.ConfigurationTarget.Global);
    const connection = (await f.connectionNode(connectionId)).connection;
    const result = (await vscode.commands.executeCommand(
      'frameAdmin.searchSessions',
      { connection },
      {
        query: 'app:a',
        readMissing: true,
      },
    )) as SearchResult;
    const accounts = f.sim.data.accounts;
    assert.ok(result.readResult, 'months were read');
    assert.deepEqual(result.readResult.failed, []);
    assert.ok(result.readResult.read >= 1);
    const searchedAccounts = new Set(result.hits.map((h) => h.account));
    assert.ok(searchedAccounts.size > 1, [...searchedAccounts].join());
    for (const name of searchedAccounts)
      assert.ok(
        accounts.some((a) => a.name === name),
        `${name} is an account name`,
      );
    // Again: nothing is missing any more.
    const again = (await vscode.commands.executeCommand(
      'frameAdmin.searchSessions',
      { connection },
      {
        query: 'app:a',
        readMissing: true,
      },
    )) as SearchResult;
    assert.equal(again.readResult!.read, 0);
    assert.equal(again.summary.matches, result.summary.matches);
  });
});
