// Session CSVs, usage and signed-request responses in read-only editor tabs, in a real extension
// host against the simulator.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { monthKey } from '../../src/core/dates';
import type { AccountNode, ReportMonthNode } from '../../src/views';
import { DEMO_CREDENTIALS, DEMO_REGISTRATION_CREDENTIALS, startSimulator } from '../simulator';
import { Fixture, isWebAccount } from './fixture';
import { waitFor } from './waitFor';

/** The open tab of a document. */
function tabOf(uri: vscode.Uri): vscode.Tab {
  const tab = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => (t.input as { uri?: vscode.Uri })?.uri?.toString() === uri.toString());
  assert.ok(tab, `a tab for ${uri.path}`);
  return tab;
}

/** A response tab's header block (comment lines) and its JSON body. */
function splitResponse(text: string): [string, string] {
  const at = text.indexOf('\n\n');
  return [text.slice(0, at), text.slice(at + 2)];
}

describe('reports in editor tabs', function () {
  this.timeout(60_000);
  const f = Fixture.forSuite({ sessionsPerMonth: 800 });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function account(): Promise<AccountNode> {
    return f.accountNode(await f.webConnection(), f.sim.data.accounts[1]!.account_id);
  }

  async function reportMonths(node: AccountNode): Promise<ReportMonthNode[]> {
    return (await (await node.getChildren())[1]!.getChildren()) as ReportMonthNode[];
  }

  it("Open Recent Sessions: read-only, titled by the account (Frame's file name in the path), language csv, not dirty", async () => {
    const node = await account();
    const [, , recent] = await node.getChildren();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openRecentSessions', recent);
    const editor = await waitFor(() => vscode.window.activeTextEditor, 'an editor');
    const doc = editor.document;
    assert.equal(doc.uri.toString(), uri.toString());
    assert.equal(doc.uri.scheme, 'frame-report');
    const name = node.account.name;
    assert.equal(path.posix.basename(doc.uri.path), `${name} — recent sessions.csv`);
    // The file name Frame gave (Content-Disposition) stays in the path: the tooltip and breadcrumb show it.
    assert.match(path.posix.basename(path.posix.dirname(doc.uri.path)), /^[A-Za-z0-9]{16}\.recent_sessions\.csv$/);
    assert.equal(tabOf(uri).label, `${name} — recent sessions.csv`);
    assert.equal(doc.languageId, 'csv');
    assert.equal(doc.isDirty, false);
    assert.equal(doc.isUntitled, false);
    assert.ok(doc.lineAt(0).text.startsWith('"username","application"'));
    assert.equal(vscode.workspace.fs.isWritableFileSystem('frame-report'), false, 'a read-only file system');
  });

  it('Recent Sessions has one tab per account, refreshed in place, with the account in its path', async () => {
    const node = await account();
    const first = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openRecentSessions', node);
    const second = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openRecentSessions', node);
    assert.equal(second.toString(), first.toString(), 'the same tab');
    assert.ok(first.path.startsWith(`/${node.account.name}/recent/`), first.path);
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => (t.input as { uri?: vscode.Uri })?.uri?.toString() === first.toString());
    assert.equal(tabs.length, 1);
  });

  it('a tab restored after a reload loads its content again, or says why it cannot', async () => {
    const id = await f.webConnection();
    const accountId = f.sim.data.accounts[0]!.account_id;
    // A URI this window has not opened yet: what a restored tab asks the file system for.
    const restored = vscode.Uri.from({
      scheme: 'frame-report',
      path: `/Restored/recent/restored.recent_sessions.csv`,
      query: `connection=${id}&account=${accountId}`,
    });
    const doc = await vscode.workspace.openTextDocument(restored);
    assert.ok(doc.getText().startsWith('"username"'), 'fetched again from the API');
    const gone = vscode.Uri.from({
      scheme: 'frame-report',
      path: `/Gone/recent/gone.recent_sessions.csv`,
      query: `connection=removed-connection&account=${accountId}`,
    });
    const orphan = await vscode.workspace.openTextDocument(gone);
    assert.match(orphan.getText(), /connection that has since been removed/);
    const response = vscode.Uri.from({
      scheme: 'frame-report',
      path: `/Sim/response/99/GET accounts_.jsonc`,
      query: `connection=${id}&account=-`,
    });
    assert.match((await vscode.workspace.openTextDocument(response)).getText(), /not kept after a window reload/);
  });

  it('Refresh Report fetches the CSV again', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openRecentSessions', await account());
    const count = () => f.sim.requests.filter((r) => r.path.endsWith('/recent_sessions')).length;
    const before = count();
    await vscode.commands.executeCommand('frameAdmin.refreshDocument', uri);
    assert.equal(count(), before + 1);
  });

  it('Open Monthly Session Report downloads the zip without Frame headers, extracts and opens the CSV, once', async () => {
    const node = await account();
    const month = (await reportMonths(node))[1]!;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openMonthlyReport', month);
    const doc = await waitFor(
      () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri?.toString()),
      'the report document',
    );
    assert.equal(doc.languageId, 'csv');
    assert.equal(path.posix.basename(doc.uri.path), `${node.account.name} — ${monthKey(month.report)} sessions.csv`);
    assert.ok(path.posix.dirname(doc.uri.path).endsWith(`.${monthKey(month.report)}.sessions.csv`), 'the file name kept in the path');
    assert.equal(tabOf(uri).label, `${node.account.name} — ${monthKey(month.report)} sessions.csv`);
    assert.ok(doc.lineAt(0).text.startsWith('"username"'));
    const presigned = () => f.sim.requests.filter((r) => r.path.startsWith('/presigned/'));
    assert.ok(presigned().length <= 1, 'at most one download (none if an earlier test downloaded it)');
    assert.ok(presigned().every((r) => !Object.keys(r.headers).some((h) => /^(x-frame-|authorization)/.test(h))));
    f.sim.reset();
    await vscode.commands.executeCommand('frameAdmin.openMonthlyReport', month);
    assert.equal(presigned().length, 0, 'a second open uses the extracted CSV on disk');
  });

  it('Open Monthly Session Report from the palette with a month option', async () => {
    const node = await account();
    const month = (await reportMonths(node))[2]!;
    const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openMonthlyReport', node, { month: monthKey(month.report) });
    assert.ok(uri.path.endsWith(`/${node.account.name} — ${monthKey(month.report)} sessions.csv`));
  });

  it('Open Usage Hours opens the last 30 days as CSV', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openUsage', await account());
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(0).text, 'date (Pacific time),datacenter,instance_type,server_type,hours_used');
    assert.ok(doc.lineCount > 2);
  });

  it('a failed download shows the error and leaves no editor and no partial file', async () => {
    const node = await account();
    const month = (await reportMonths(node))[3]!;
    f.sim.inject({ kind: 'truncated-body' }, { path: /^\/presigned\//, times: Infinity });
    assert.equal(await vscode.commands.executeCommand('frameAdmin.openMonthlyReport', month), undefined);
    assert.equal(vscode.window.activeTextEditor, undefined);
    const ref = { connectionId: month.connection.id, accountId: month.account.accountId, ...month.report };
    assert.equal(await f.api.tabs.monthly.isDownloaded(ref), false);
    await f.logShows(/truncated body/);
  });

  it('Export Sessions as Parquet writes account=…/month=YYYY-MM/part-0.parquet into the chosen folder', async () => {
    const node = await account();
    const months = (await reportMonths(node)).slice(1, 3).map((m) => monthKey(m.report));
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-parquet-'));
    const ask = f.api.tabs.askExportFolder;
    f.api.tabs.askExportFolder = async () => [vscode.Uri.file(folder)];
    try {
      const result = await vscode.commands.executeCommand<{ folder: string; files: number }>('frameAdmin.exportSessionsParquet', node, {
        months,
      });
      assert.deepEqual(result, { folder, files: 2 });
      for (const m of months) {
        const found = fs
          .readdirSync(folder, { recursive: true })
          .map(String)
          .find((p) => p.endsWith(path.join(`month=${m}`, 'part-0.parquet')));
        assert.ok(found?.startsWith('account='), `account=…/month=${m}/part-0.parquet written`);
        const head = fs.readFileSync(path.join(folder, found!)).subarray(0, 4).toString('latin1');
        assert.equal(head, 'PAR1', 'a Parquet file');
      }
      // A cancelled folder dialog writes nothing.
      f.api.tabs.askExportFolder = async () => undefined;
      assert.equal(await vscode.commands.executeCommand('frameAdmin.exportSessionsParquet', node, { months }), null);
    } finally {
      f.api.tabs.askExportFolder = ask;
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('Export Sessions as Parquet at a workspace folder writes into a frame-sessions-parquet sub-folder, not the root', async () => {
    const node = await account();
    const months = (await reportMonths(node)).slice(1, 2).map((m) => monthKey(m.report));
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root && root.uri.scheme === 'file', 'the test host opens a workspace folder');
    const ask = f.api.tabs.askExportFolder;
    f.api.tabs.askExportFolder = async () => [root.uri];
    const sub = path.join(root.uri.fsPath, 'frame-sessions-parquet');
    try {
      const result = await vscode.commands.executeCommand<{ folder: string; files: number }>('frameAdmin.exportSessionsParquet', node, {
        months,
      });
      assert.deepEqual(result, { folder: sub, files: 1 });
      assert.ok(!fs.readdirSync(root.uri.fsPath).some((n) => n.startsWith('account=')), 'nothing account=… in the root');
      assert.ok(
        fs.readdirSync(sub).some((n) => n.startsWith('account=')),
        'account=… in the sub-folder',
      );
    } finally {
      f.api.tabs.askExportFolder = ask;
      fs.rmSync(sub, { recursive: true, force: true });
    }
  });

  it('Export Sessions as Parquet refuses a folder that is not on this machine (a virtual workspace), saying so', async () => {
    const node = await account();
    const months = (await reportMonths(node)).slice(1, 2).map((m) => monthKey(m.report));
    const ask = f.api.tabs.askExportFolder;
    f.api.tabs.askExportFolder = async () => [vscode.Uri.parse('vscode-vfs://github/acme/reports')];
    try {
      await assert.rejects(f.api.tabs.exportParquet(node, months), (e: Error) => {
        assert.equal(e.name, 'FrameError');
        assert.match(e.message, /only be written to a folder on this machine.*vscode-vfs:\/\/github\/acme\/reports.*choose a local folder/);
        return true;
      });
      // Through the command: nothing is returned, and the refusal is what the log says.
      assert.equal(await vscode.commands.executeCommand('frameAdmin.exportSessionsParquet', node, { months }), undefined);
      await f.logShows(/only be written to a folder on this machine/);
    } finally {
      f.api.tabs.askExportFolder = ask;
    }
  });

  it('Clear Report Cache empties the columnar cache and says how much it freed', async () => {
    const freed = await vscode.commands.executeCommand<number>('frameAdmin.clearReportCache', undefined, { confirm: false });
    assert.equal(typeof freed, 'number');
    assert.equal(
      await vscode.commands.executeCommand<number>('frameAdmin.clearReportCache', undefined, { confirm: false }),
      0,
      'nothing left the second time',
    );
  });

  it('a monthly report over 50 MB is stored on disk and opened by URI', async function () {
    this.timeout(180_000);
    const big = await startSimulator({ sessionsPerMonth: 200_000 });
    const id = (await vscode.commands.executeCommand<string>('frameAdmin.addConnection', {
      name: 'Big reports',
      baseUrl: big.webApiBase,
      clientId: DEMO_CREDENTIALS.clientId,
      secret: DEMO_CREDENTIALS.clientSecret,
      verify: false,
    }))!;
    try {
      const acct = (await (await f.connectionNode(id)).getChildren()).find(isWebAccount)!;
      // months[0] is the current, partial month: take the last full one.
      const uri = await vscode.commands.executeCommand<vscode.Uri>('frameAdmin.openMonthlyReport', (await reportMonths(acct))[1]);
      const size = (await vscode.workspace.fs.stat(uri)).size;
      assert.ok(size > 50 * 1024 * 1024, `report is ${size} bytes`);
      const tab = await waitFor(
        () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .find((t) => (t.input as { uri?: vscode.Uri })?.uri?.toString() === uri.toString()),
        'a tab for the large report',
      );
      assert.ok(tab.label.endsWith(' sessions.csv'), tab.label);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'not synced to extensions (over 50 MB)');
    } finally {
      await vscode.commands.executeCommand('frameAdmin.removeConnection', id, { confirm: false });
      await big.close();
    }
  });

  describe('signed requests', () => {
    it('Send Signed Request shows the JSON response in a read-only tab titled by method and path', async () => {
      const id = await f.webConnection();
      const accountId = f.sim.data.accounts[0]!.account_id;
      const result = await vscode.commands.executeCommand<{ status: number; document: string }>('frameAdmin.sendSignedRequest', id, {
        method: 'GET',
        path: `/accounts/${accountId}/usage`,
        params: { date_from: f.sim.data.today, date_to: f.sim.data.today },
      });
      assert.equal(result.status, 200);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.document)!;
      assert.equal(doc.languageId, 'jsonc');
      const [head, body] = splitResponse(doc.getText());
      assert.match(head, /^\/\/ GET \/accounts\/[^/]+\/usage\?date_from=/m);
      assert.match(head, /^\/\/ HTTP 200 · \d+ ms · [\d.]+ (B|KB)$/m);
      assert.match(head, /^\/\/ content-type: application\/json/m);
      assert.ok(Array.isArray(JSON.parse(body)));
      assert.equal(doc.isUntitled, false, 'a read-only tab, not an untitled document to save');
      assert.equal(doc.uri.scheme, 'frame-report');
      assert.match(doc.uri.path, /\/GET accounts_[^/]+_usage\.jsonc$/);
      // Copy as cURL from the response tab: the same request, signed afresh.
      const curl = await vscode.commands.executeCommand<string>('frameAdmin.copyRequestAsCurl', doc.uri);
      assert.match(curl, new RegExp(`/v1alpha/accounts/${accountId}/usage\\?date_from=`));
      // And the request is offered again next time (no secret kept with it).
      const saved = JSON.stringify(f.api.requestHistory.list(id));
      assert.match(saved, /usage/);
      assert.ok(!saved.includes(DEMO_CREDENTIALS.clientSecret));
    });

    it('Send Signed Request sends HEAD: the status and headers in the tab, no body', async () => {
      const id = await f.webConnection();
      const accountId = f.sim.data.accounts[0]!.account_id;
      const result = await vscode.commands.executeCommand<{ status: number; document: string }>('frameAdmin.sendSignedRequest', id, {
        method: 'HEAD',
        path: `/accounts/${accountId}/usage`,
        params: { date_from: f.sim.data.today, date_to: f.sim.data.today },
      });
      assert.equal(result.status, 200);
      assert.equal(f.sim.requests.at(-1)!.method, 'HEAD');
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.document)!;
      const [head, body] = splitResponse(doc.getText());
      assert.match(head, /^HEAD \/accounts\/[^/]+\/usage\?date_from=/m);
      assert.match(head, /^HTTP 200 · \d+ ms · 0 B$/m);
      assert.match(head, /^content-type: application\/json/m);
      assert.equal(body, '');
      assert.match(doc.uri.path, /\/HEAD accounts_[^/]+_usage\.txt$/);
    });

    it('Send Signed Request works with the janrain-signature and basic schemes', async () => {
      for (const scheme of ['janrain-signature', 'basic'] as const) {
        const id = await f.addConnection(`Registration ${scheme}`, scheme);
        try {
          const result = await vscode.commands.executeCommand<{ status: number; document: string }>('frameAdmin.sendSignedRequest', id, {
            method: 'POST',
            path: '/entity.count',
            params: { type_name: 'user' },
          });
          const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.document)!;
          assert.equal(JSON.parse(splitResponse(doc.getText())[1]).stat, 'ok', scheme);
        } finally {
          await vscode.commands.executeCommand('frameAdmin.removeConnection', id, { confirm: false });
        }
      }
    });

    it('Copy Request as cURL carries signed headers, never the secret', async () => {
      const curl = await vscode.commands.executeCommand<string>('frameAdmin.copyRequestAsCurl', await f.webConnection(), {
        method: 'GET',
        path: '/accounts/',
        params: {},
      });
      assert.match(curl, /^curl -sS -X 'GET' 'http:\/\/127\.0\.0\.1:\d+\/v1alpha\/accounts\/'/);
      assert.match(curl, /-H 'X-Frame-Signature: [0-9a-f]{64}'/);
      assert.ok(!curl.includes(DEMO_CREDENTIALS.clientSecret));
      assert.equal(await vscode.env.clipboard.readText(), curl);
    });

    it('Copy Request as cURL refuses a method that is not a token (it would run in a shell)', async () => {
      const id = await f.webConnection();
      await vscode.env.clipboard.writeText('untouched');
      const curl = await vscode.commands.executeCommand('frameAdmin.copyRequestAsCurl', id, {
        method: 'GET; touch /tmp/pwned #',
        path: '/accounts/',
        params: {},
      });
      assert.equal(curl, undefined);
      assert.equal(await vscode.env.clipboard.readText(), 'untouched');
    });

    it('Copy Request as cURL never puts a Basic secret on the clipboard, even encoded', async () => {
      const id = await f.addConnection('Basic', 'basic');
      try {
        const curl = await vscode.commands.executeCommand<string>('frameAdmin.copyRequestAsCurl', id, {
          method: 'POST',
          path: '/entity.count',
          params: { type_name: 'user' },
        });
        const { clientId, clientSecret } = DEMO_REGISTRATION_CREDENTIALS;
        const encoded = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
        assert.ok(!curl.includes(clientSecret) && !curl.includes(encoded), curl);
        assert.ok(curl.includes(`-u '${clientId}:'"$FRAME_CLIENT_SECRET"`), curl);
        assert.ok(curl.includes("--data 'type_name=user'"));
      } finally {
        await vscode.commands.executeCommand('frameAdmin.removeConnection', id, { confirm: false });
      }
    });
  });
});
