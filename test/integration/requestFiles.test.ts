// Signed request files in the real host: the language, CodeLens, diagnostics, and Send / Send All
// against the simulator (a 404 is shown as an answer).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEMO_CREDENTIALS } from '../simulator';
import { Fixture, WEB_CONNECTION } from './fixture';
import { waitFor } from './waitFor';

interface SentRequest {
  label: string;
  verdict: string;
  status?: number;
  document?: string;
}

describe('signed request files (*.frame.http)', function () {
  this.timeout(60_000);
  const f = Fixture.forSuite();
  let dir: string;
  before(() => void (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-http-int-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const open = async (name: string, text: string): Promise<vscode.TextDocument> => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    return doc;
  };

  it('gives *.frame.http its own language with Send / Send All CodeLens, and leaves plain .http files alone', async () => {
    const doc = await open(
      'lens.frame.http',
      '# @name list\nGET /accounts/\n\n###\nGET /accounts/{{list.response.body.$[0].account_id}}/team_members\n',
    );
    assert.equal(doc.languageId, 'frame-http');
    const lenses = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return found?.length ? found : undefined;
    }, 'CodeLens');
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [1, 'Send'],
        [1, 'Send All'],
        [4, 'Send'],
      ],
    );
    const plain = await open('plain.http', 'GET /accounts/\n');
    assert.notEqual(plain.languageId, 'frame-http');
  });

  it('shows malformed lines and unknown variables as problems', async () => {
    const doc = await open('bad.frame.http', 'GET /accounts/{{nope}}\n?? status === 200\n');
    const problems = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length === 2 ? d : undefined;
    }, 'diagnostics');
    assert.deepEqual(
      problems.map((p) => [p.range.start.line, p.range.start.character]),
      [
        [0, 14],
        [1, 0],
      ],
    );
    assert.match(problems[0]!.message, /Unknown variable "nope"/);
  });

  it('Send shows a 404 as an answer, in a response tab with the failed assertion; Send All runs the chain', async () => {
    await f.webConnection();
    const doc = await open(
      'send.frame.http',
      `# @connection ${WEB_CONNECTION}\n# @name list\nGET /accounts/\n?? status == 200\n\n###\nGET /accounts/no-such-account/team_members\n?? status == 200\n\n###\nGET /accounts/{{list.response.body.$[0].account_id}}/applications\n?? status == 200\n`,
    );
    const [missing] = (await vscode.commands.executeCommand<SentRequest[]>('frameAdmin.sendRequestInFile', doc.uri, 1))!;
    assert.deepEqual([missing!.verdict, missing!.status], ['failed', 404]);
    const tab = vscode.workspace.textDocuments.find((d) => d.uri.toString() === missing!.document)!;
    assert.match(tab.getText(), /HTTP 404 · \d+ ms/);
    assert.match(tab.getText(), /\?\? status == 200\n\/\/ +expected: == 200\n\/\/ +actual: +404/);
    // Send on a request that reads `list`, which has not answered yet: `list` is sent first, then it.
    const before = f.sim.requests.length;
    const sent = (await vscode.commands.executeCommand<SentRequest[]>('frameAdmin.sendRequestInFile', doc.uri, 2))!;
    assert.deepEqual(
      sent.map((r) => [r.verdict, r.status]),
      [['passed', 200]],
      'only its own answer is shown',
    );
    // (The views may read too meanwhile: only the order of these two is asserted.)
    const paths = f.sim.requests.slice(before).map((r) => r.path.replace(/\?.*/, ''));
    const list = paths.indexOf('/v1alpha/accounts/');
    const apps = paths.indexOf(`/v1alpha/accounts/${f.sim.data.accounts[0]!.account_id}/applications`);
    assert.ok(list >= 0 && apps > list, `list sent before the request that reads it: ${paths.join(', ')}`);
    const all = (await vscode.commands.executeCommand<SentRequest[]>('frameAdmin.sendAllRequestsInFile', doc.uri))!;
    assert.deepEqual(
      all.map((r) => [r.verdict, r.status]),
      [
        ['passed', 200],
        ['failed', 404],
        ['passed', 200],
      ],
    );
    const summary = vscode.workspace.textDocuments.find((d) => d.uri.toString() === all[0]!.document)!;
    assert.ok(!summary.getText().includes(DEMO_CREDENTIALS.clientSecret));
  });

  it('lists requests with ?? lines in the Test Explorer; runs one with the requests it references first, and a folder, with expected/actual for a failure', async () => {
    await f.webConnection();
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the integration host opens a workspace folder');
    const uri = vscode.Uri.joinPath(root.uri, 'requests', 'checks.frame.http');
    const text = [
      `# @connection ${WEB_CONNECTION}`,
      '# @name list',
      'GET /accounts/',
      '',
      '###',
      '# @name members',
      'GET /accounts/{{list.response.body.$[0].account_id}}/team_members',
      '?? status == 200',
      '',
      '###',
      '# @name missing',
      'GET /accounts/no-such-account/team_members',
      '?? status == 200',
      '?? header content-type includes json',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    const tests = f.api.requestTests;
    await tests.discover();
    // Found on disk (findFiles, then the watcher): "list" has no assertions, so it is no test.
    const items = await waitFor(() => {
      const found = tests.itemsOf(uri);
      return found.length === 2 ? found : undefined;
    }, 'test items of checks.frame.http');
    assert.deepEqual(
      items.map((i) => [i.label, i.range?.start.line]),
      [
        ['members', 6],
        ['missing', 11],
      ],
    );
    const [members, missing] = items as [vscode.TestItem, vscode.TestItem];
    assert.equal(members.parent?.parent?.label, 'requests', 'file items sit under their folder');

    f.sim.requests.length = 0;
    await tests.runItems([members]);
    assert.deepEqual(tests.results.get(members.id), { state: 'passed', messages: [] });
    const first = f.sim.data.accounts[0]!.account_id;
    assert.deepEqual(
      f.sim.requests.map((r) => `${r.method} ${r.path}`),
      ['GET /v1alpha/accounts/', `GET /v1alpha/accounts/${first}/team_members`],
      'the referenced request is sent first',
    );

    tests.results.clear();
    await tests.runItems([members.parent!.parent!]); // the folder
    assert.equal(tests.results.get(members.id)?.state, 'passed');
    const failed = tests.results.get(missing.id);
    assert.equal(failed?.state, 'failed');
    assert.deepEqual(failed?.messages, [{ message: '?? status == 200 (HTTP 404)', expected: '200', actual: '404', line: 12 }]);
    await vscode.workspace.fs.delete(uri);
    await waitFor(() => (tests.itemsOf(uri).length === 0 ? true : undefined), 'items removed with the file');
  });

  it('Send Signed Request shows a 404 as an answer; Send Again, Compare with Previous (diff editor), Save to Request File', async () => {
    const id = await f.webConnection();
    const earlier = (await f.api.responses.history.list(id)).length;
    const result = await vscode.commands.executeCommand<{ status: number; document: string }>('frameAdmin.sendSignedRequest', id, {
      method: 'GET',
      path: '/accounts/no-such-account/team_members',
      params: {},
    });
    assert.equal(result.status, 404);
    const uri = vscode.Uri.parse(result.document);
    const tab = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.document)!;
    assert.match(tab.getText(), /^\/\/ GET \/accounts\/no-such-account\/team_members\n\/\/ HTTP 404 · \d+ ms · \d+ B\n/);
    const [kept] = await f.api.responses.history.list(id);
    assert.equal(kept?.status, 404, 'the 404 is in the history, with its body');
    assert.equal(kept?.body, f.api.responses.entryOf(uri)?.body);

    const again = await vscode.commands.executeCommand<{ status: number; document: string }>('frameAdmin.sendAgain', uri);
    assert.deepEqual(again, { status: 404, document: result.document });
    assert.equal((await f.api.responses.history.list(id)).length, earlier + 2);
    const left = await vscode.commands.executeCommand<string>('frameAdmin.compareWithPrevious', uri);
    assert.ok(left, 'an earlier answer to compare with');
    const diff = await waitFor(
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === result.document),
      'the diff editor',
    );
    assert.equal((diff.input as vscode.TabInputTextDiff).original.toString(), left);

    const target = vscode.Uri.file(path.join(dir, 'saved'));
    const saver = f.api.requestFileSaver;
    const ask = saver.askFile;
    saver.askFile = () => Promise.resolve(target);
    try {
      const saved = await vscode.commands.executeCommand<string>('frameAdmin.saveToRequestFile', uri);
      assert.equal(saved, vscode.Uri.file(path.join(dir, 'saved.frame.http')).toString(), 'the file gets the .frame.http name');
      const text = fs.readFileSync(path.join(dir, 'saved.frame.http'), 'utf8');
      assert.equal(text, `###\n# @connection ${WEB_CONNECTION}\nGET /accounts/no-such-account/team_members\n`);
    } finally {
      saver.askFile = ask;
    }
  });

  it('"Use Frame Signing Here" switches a plain .http document to frame-http (CodeLens then), and nothing else does', async () => {
    const plain = await open('plain-switch.http', 'GET /accounts/\n');
    assert.notEqual(plain.languageId, 'frame-http');
    const none = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', plain.uri);
    assert.deepEqual(
      (none ?? []).filter((l) => /^Send/.test(l.command?.title ?? '')),
      [],
    );
    const language = await vscode.commands.executeCommand<string>('frameAdmin.useFrameSigning', plain.uri);
    assert.equal(language, 'frame-http');
    const lenses = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', plain.uri);
      return found?.length ? found : undefined;
    }, 'CodeLens after the switch');
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['Send', 'Send All'],
    );
  });

  it('completes connection names, {{ references and documented endpoints; hover shows what a reference reads now', async () => {
    await f.webConnection();
    const doc = await open(
      'assist.frame.http',
      `# @connection ${WEB_CONNECTION}\n# @name list\nGET /accounts/\n\n###\nGET /accounts/{{list.response.body.$[0].account_id}}/usage?\n`,
    );
    const complete = async (line: number, character: number, trigger?: string): Promise<string[]> => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        doc.uri,
        new vscode.Position(line, character),
        trigger,
      );
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    assert.ok((await complete(0, 14)).includes(WEB_CONNECTION), 'connection names after # @connection');
    const paths = await complete(2, 5, '/');
    assert.ok(paths.includes('/accounts/{account_id}/usage'), paths.join(', '));
    assert.ok(!paths.includes('/organizations'), 'only the Web API endpoints for a Web API connection');
    const params = await complete(5, doc.lineAt(5).text.length, '?');
    assert.ok(params.includes('date_from') && params.includes('date_to'), params.join(', '));
    const inside = await complete(5, 'GET /accounts/{{'.length, '{');
    assert.ok(inside.includes('list.response.body.$') && inside.includes('$processEnv'), inside.join(', '));

    const hoverAt = new vscode.Position(5, 'GET /accounts/{{li'.length);
    const text = async () =>
      ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, hoverAt)) ?? [])
        .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
        .join('\n')
        // Text in hovers is markdown-escaped (appendText): read it back as text.
        .replace(/&nbsp;/g, ' ')
        .replace(/\\([\\`*_{}[\]()#+\-.!<>])/g, '$1');
    assert.match(await text(), /"list" has not answered in this window yet/);
    await vscode.commands.executeCommand('frameAdmin.sendRequestInFile', doc.uri, 0);
    assert.ok((await text()).includes(f.sim.data.accounts[0]!.account_id), 'the value from the last answer');
  });
});
