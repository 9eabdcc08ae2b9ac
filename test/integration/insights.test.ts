// The reports panel's Experience and People tabs in a real extension host: the controller the
// panel built, with the settings VS Code holds and the real clipboard and save dialog seam. The
// figures themselves are tested in bare Node (test/unit/insights, test/unit/reports/insightsPanel.test.ts);
// what the webview draws, in the e2e.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { monthKey } from '../../src/core/dates';
import { Fixture } from './fixture';

describe('Experience and People tabs in a real extension host', function () {
  this.timeout(120_000);
  const f = Fixture.forSuite({ sessionsPerMonth: 1500 });
  const config = () => vscode.workspace.getConfiguration('frameAdmin');

  afterEach(async () => {
    for (const k of ['experience.latencyThresholdsMs', 'offHours.timeZone', 'offHours.quietStart'])
      await config().update(k, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Acme's panel with the current month and the four before it loaded. */
  async function loadedAcme() {
    const connectionId = await f.webConnection();
    const accountId = f.sim.data.bigAccountId;
    await vscode.commands.executeCommand('frameAdmin.showReports', await f.accountNode(connectionId, accountId));
    const panel = f.api.reportsPanels.get(connectionId, accountId);
    assert.ok(panel);
    const handlers = panel.controller.handlers;
    await handlers.init(null);
    await handlers.loadSessions({ months: f.sim.data.reportMonths.slice(-5).map(monthKey), recent: false });
    return handlers;
  }

  it('Experience shows the slow city (São Paulo) with the thresholds of the settings', async () => {
    const handlers = await loadedAcme();
    const byCity = (await handlers.experience({ dimension: 'city' }))!;
    assert.deepEqual(byCity.thresholdsMs, [100, 200]);
    const sp = byCity.groups.find((g) => g.key === 'São Paulo')!;
    assert.ok(sp.overPct[1]! > 50, `São Paulo ${sp.overPct[1]} % over 200 ms`);
    assert.ok(byCity.worstUsers.length > 0 && byCity.worstUsers[0]!.p95Latency! > 200);
    // A change of the setting applies at the next request.
    await config().update('experience.latencyThresholdsMs', [250, 150, 150], vscode.ConfigurationTarget.Global);
    const again = (await handlers.experience({ dimension: 'city' }))!;
    assert.deepEqual(again.thresholdsMs, [150, 250]);
    assert.ok(again.groups.find((g) => g.key === 'São Paulo')!.overPct[1]! < sp.overPct[1]!);
  });

  it('People shows the dormant and never-seen members, copies e-mails to the clipboard and saves the CSV where the dialog says', async () => {
    const handlers = await loadedAcme();
    const people = (await handlers.people({ scope: 'account', refresh: false }))!;
    assert.ok(people.counts.dormant30 > 0 && people.counts.dormant90 > 0 && people.counts.never > 0 && people.counts.pending > 0);
    assert.ok(people.rows.some((r) => r.seat === 'dormant30' && r.daysSince !== null && Math.abs(r.daysSince - 45) <= 1));
    assert.equal(people.matching[0]!.column, 'username');
    const dormant = people.rows.filter((r) => r.seat.startsWith('dormant')).map((r) => r.email);
    assert.deepEqual(await handlers.copyEmails({ emails: dormant }), { copied: dormant.length });
    assert.equal(await vscode.env.clipboard.readText(), dormant.join('\n'));

    const tabs = f.api.tabs;
    const ask = tabs.askSaveLocation;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-people-'));
    const file = vscode.Uri.file(path.join(folder, 'seats.csv'));
    const asked: vscode.SaveDialogOptions[] = [];
    tabs.askSaveLocation = async (options) => (asked.push(options), file);
    try {
      await handlers.exportInsights({ table: 'people', scope: 'account', seat: 'dormant90' });
      assert.equal(path.basename(asked[0]!.defaultUri!.fsPath), 'Acme Engineering seats (dormant90).csv');
      const lines = fs.readFileSync(file.fsPath, 'utf8').trimEnd().split('\r\n');
      assert.equal(
        lines[0],
        'account_id,account_name,name,email,member_status,seat,sessions,hours,last_session (report clock),days_since_last',
      );
      assert.equal(lines.length, 1 + people.counts.dormant90);
    } finally {
      tabs.askSaveLocation = ask;
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('off-hours usage follows the quiet-hours settings, and a bad one is said plainly', async () => {
    const handlers = await loadedAcme();
    await config().update('offHours.timeZone', 'America/Los_Angeles', vscode.ConfigurationTarget.Global);
    const off = (await handlers.offHours(null))!;
    assert.equal(off.quiet.timeZone, 'America/Los_Angeles');
    assert.equal(off.accounts[0]!.accountName, 'Acme Engineering');
    await config().update('offHours.timeZone', 'Mars/Olympus_Mons', vscode.ConfigurationTarget.Global);
    await assert.rejects(handlers.offHours(null), /not a time zone this system knows/);
  });
});
