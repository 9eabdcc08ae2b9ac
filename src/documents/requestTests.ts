/**
 * Request files in VS Code's Test Explorer: each request with `??` assertion lines is a test item,
 * under its file, under its folders (workspace `*.frame.http` files, found when the Testing view
 * first asks and kept current by a file watcher; open documents as they are typed). Running an
 * item, a file or a folder sends those requests and, first, the requests they reference (in file
 * order); a failed assertion is a failure with its expected and actual values (a diff).
 */
import * as vscode from 'vscode';
import { userMessage } from '../core/errors';
import type { RequestFile, RequestOutcome } from '../core/requests';
import { requestEngine } from '../lazyEngine';
import { withAbortSignal } from '../ui/progress';
import type { RequestFileRunner } from './requestRunner';
import { FRAME_HTTP_LANGUAGE } from './requestFiles';

const GLOB = '**/*.frame.http';

/** What a run reported for an item, for scripts and the integration tests (the Testing API has no reader). */
export interface ReportedResult {
  state: 'passed' | 'failed' | 'errored' | 'skipped';
  messages: { message: string; expected?: string; actual?: string; line?: number }[];
}

export class RequestTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('frameAdmin.requestFiles', vscode.l10n.t('Frame Request Files'));
  /** Each test item's result in the latest run that included it, by test id. */
  readonly results = new Map<string, ReportedResult>();
  private readonly disposables: vscode.Disposable[] = [this.controller];
  private discovered: Promise<void> | undefined;
  /** Whether the file watcher exists (Refresh discovers again, with the same watcher). */
  private watching = false;

  constructor(private readonly runner: RequestFileRunner) {
    this.controller.resolveHandler = (item) => (item ? Promise.resolve() : this.discover());
    this.controller.createRunProfile(
      vscode.l10n.t('Run'),
      vscode.TestRunProfileKind.Run,
      (request, token) => this.run(request, token),
      true,
    );
    this.controller.refreshHandler = () => {
      this.discovered = undefined;
      return this.discover();
    };
    const typed = (d: vscode.TextDocument): void => {
      if (d.languageId === FRAME_HTTP_LANGUAGE && d.uri.scheme !== 'git') this.update(d.uri, d.getText());
    };
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument(typed),
      vscode.workspace.onDidChangeTextDocument((e) => typed(e.document)),
    );
    for (const d of vscode.workspace.textDocuments) typed(d);
  }

  /** Finds the workspace's request files (once) and watches them. */
  discover(): Promise<void> {
    this.discovered ??= (async () => {
      if (!this.watching) {
        this.watching = true;
        const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
        this.disposables.push(
          watcher,
          watcher.onDidCreate((uri) => void this.read(uri)),
          watcher.onDidChange((uri) => void this.read(uri)),
          watcher.onDidDelete((uri) => this.remove(uri)),
        );
      }
      for (const uri of await vscode.workspace.findFiles(GLOB, '**/node_modules/**')) await this.read(uri);
    })();
    return this.discovered;
  }

  /** The test items of a file, by request index (for scripts and tests). */
  itemsOf(uri: vscode.Uri): vscode.TestItem[] {
    const file = this.fileItem(uri);
    const items: vscode.TestItem[] = [];
    file?.children.forEach((c) => items.push(c));
    return items;
  }

  /** Runs these items (or everything) as the Test Explorer's Run does; resolves when the run ended. */
  runItems(items?: readonly vscode.TestItem[]): Promise<void> {
    const cancel = new vscode.CancellationTokenSource();
    return this.run(new vscode.TestRunRequest(items), cancel.token).finally(() => cancel.dispose());
  }

  private async read(uri: vscode.Uri): Promise<void> {
    // An open document is read as typed, not as saved.
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    try {
      this.update(uri, Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
    } catch {
      this.remove(uri); // gone between the event and the read
    }
  }

  /** Makes the file's items match its text: one per request with assertions. */
  private update(uri: vscode.Uri, text: string): void {
    const file = requestEngine().parseRequestFile(text);
    const tested = file.requests.flatMap((r, index) => (r.assertions.length ? [{ r, index }] : []));
    if (!tested.length) return this.remove(uri);
    const fileItem = this.fileItem(uri) ?? this.createFileItem(uri);
    const problems = file.diagnostics.length;
    fileItem.error =
      problems === 0
        ? undefined
        : problems === 1
          ? vscode.l10n.t('1 problem in this file (see Problems): it is not run until it is fixed.')
          : vscode.l10n.t('{0} problems in this file (see Problems): it is not run until they are fixed.', problems);
    fileItem.children.replace(
      tested.map(({ r, index }) => {
        const item = this.controller.createTestItem(requestId(uri, r.name, index), requestEngine().labelOf(r), uri);
        item.range = new vscode.Range(r.firstLine, 0, r.lastLine, 0);
        item.description = r.connection ? `→ ${r.connection}` : undefined;
        return item;
      }),
    );
  }

  private remove(uri: vscode.Uri): void {
    let item = this.fileItem(uri);
    while (item) {
      const parent = item.parent;
      (parent ? parent.children : this.controller.items).delete(item.id);
      if (!parent || parent.children.size) break;
      item = parent;
    }
  }

  /** The chain of folder items from the workspace folder down to the file's folder, by URI. */
  private folderChain(uri: vscode.Uri): vscode.Uri[] {
    const root = vscode.workspace.getWorkspaceFolder(uri);
    if (!root) return [];
    const chain: vscode.Uri[] = [root.uri];
    const relative = uri.path
      .slice(root.uri.path.replace(/\/$/, '').length + 1)
      .split('/')
      .slice(0, -1);
    for (const segment of relative) chain.push(vscode.Uri.joinPath(chain[chain.length - 1]!, segment));
    return chain;
  }

  private fileItem(uri: vscode.Uri): vscode.TestItem | undefined {
    let collection = this.controller.items;
    for (const folder of this.folderChain(uri)) {
      const next = collection.get(folder.toString());
      if (!next) return undefined;
      collection = next.children;
    }
    return collection.get(uri.toString());
  }

  private createFileItem(uri: vscode.Uri): vscode.TestItem {
    let collection = this.controller.items;
    for (const folder of this.folderChain(uri)) {
      let item = collection.get(folder.toString());
      if (!item) {
        item = this.controller.createTestItem(folder.toString(), folder.path.split('/').pop() || folder.path, folder);
        collection.add(item);
      }
      collection = item.children;
    }
    const label = vscode.workspace.getWorkspaceFolder(uri) ? uri.path.split('/').pop()! : vscode.workspace.asRelativePath(uri);
    const item = this.controller.createTestItem(uri.toString(), label, uri);
    collection.add(item);
    return item;
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const excluded = new Set((request.exclude ?? []).map((i) => i.id));
    // The request items to run, grouped by file.
    const byFile = new Map<string, { uri: vscode.Uri; items: vscode.TestItem[] }>();
    const collect = (item: vscode.TestItem): void => {
      if (excluded.has(item.id)) return;
      if (item.children.size) return item.children.forEach(collect);
      if (!item.uri || !item.id.includes('#')) return; // a file or folder without requests
      const key = item.uri.toString();
      const entry = byFile.get(key) ?? { uri: item.uri, items: [] };
      entry.items.push(item);
      byFile.set(key, entry);
    };
    if (request.include) request.include.forEach(collect);
    else this.controller.items.forEach(collect);
    const report = (item: vscode.TestItem, result: ReportedResult, duration?: number): void => {
      this.results.set(item.id, result);
      const messages = result.messages.map((m) => {
        const message =
          m.expected !== undefined ? vscode.TestMessage.diff(m.message, m.expected, m.actual ?? '') : new vscode.TestMessage(m.message);
        if (m.line !== undefined && item.uri) message.location = new vscode.Location(item.uri, new vscode.Position(m.line, 0));
        return message;
      });
      if (result.state === 'passed') run.passed(item, duration);
      else if (result.state === 'failed') run.failed(item, messages, duration);
      else if (result.state === 'errored') run.errored(item, messages, duration);
      else run.skipped(item);
    };
    try {
      for (const { uri, items } of byFile.values()) {
        if (token.isCancellationRequested) {
          for (const item of items) report(item, { state: 'skipped', messages: [] });
          continue;
        }
        await this.runFile(uri, items, run, report, token);
      }
    } finally {
      run.end();
    }
  }

  private async runFile(
    uri: vscode.Uri,
    items: vscode.TestItem[],
    run: vscode.TestRun,
    report: (item: vscode.TestItem, result: ReportedResult, duration?: number) => void,
    token: vscode.CancellationToken,
  ): Promise<void> {
    for (const item of items) run.started(item);
    const name = vscode.workspace.asRelativePath(uri);
    let file: RequestFile;
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      file = requestEngine().parseRequestFile(
        open ? open.getText() : Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'),
      );
      requestEngine().assertRunnable(file, name);
    } catch (e) {
      for (const item of items) report(item, { state: 'errored', messages: [{ message: userMessage(e) }] });
      return;
    }
    // Items are matched to the file as it is now: a request edited away is not run.
    const wanted = new Map<number, vscode.TestItem>();
    for (const item of items) {
      const index = file.requests.findIndex((r, i) => requestId(uri, r.name, i) === item.id);
      if (index < 0) report(item, { state: 'skipped', messages: [] });
      else wanted.set(index, item);
    }
    if (!wanted.size) return;
    const lineToIndex = new Map(file.requests.map((r, i) => [r.firstLine, i]));
    const reported = new Set<number>();
    const onOutcome = (o: RequestOutcome): void => {
      const index = lineToIndex.get(o.line)!;
      const item = wanted.get(index);
      run.appendOutput(
        requestEngine().describeOutcome(o).replace(/\r?\n/g, '\r\n'),
        new vscode.Location(uri, new vscode.Position(o.line, 0)),
        item,
      );
      if (!item) return; // a request run because a test references it
      reported.add(index);
      report(item, resultOf(o), o.durationMs);
    };
    try {
      await this.runner.run(uri, file, name, {
        only: new Set(requestEngine().withDependencies(file, wanted.keys())),
        send: (go) => withAbortSignal(token, go),
        onOutcome,
      });
    } catch (e) {
      const state = token.isCancellationRequested ? 'skipped' : 'errored';
      for (const [index, item] of wanted)
        if (!reported.has(index)) report(item, { state, messages: state === 'errored' ? [{ message: userMessage(e) }] : [] });
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** A request's test id: its file and its name (stable while lines move), else its place. */
function requestId(uri: vscode.Uri, name: string | undefined, index: number): string {
  return `${uri.toString()}#${name ? `@${name}` : index}`;
}

/** A request's outcome as the Test Explorer shows it. */
function resultOf(o: RequestOutcome): ReportedResult {
  switch (o.verdict) {
    case 'passed':
      return { state: 'passed', messages: [] };
    case 'skipped':
      return { state: 'skipped', messages: [] };
    case 'error':
      return { state: 'errored', messages: [{ message: o.message ?? vscode.l10n.t('No answer.'), line: o.line }] };
    case 'failed': {
      const messages: ReportedResult['messages'] = o.message ? [{ message: o.message, line: o.line }] : [];
      const status = o.response ? ` (HTTP ${o.response.status})` : '';
      for (const a of o.assertions)
        // VS Code writes a diff as "actual != expected": an equality shows its value alone ("200 != 201").
        if (!a.passed)
          messages.push({ message: `?? ${a.text}${status}`, expected: a.expected.replace(/^== /, ''), actual: a.actual, line: a.line });
      return { state: 'failed', messages };
    }
  }
}
