/**
 * Send / Send All from a signed request file (`*.frame.http`): the requests go through the same
 * core runner as the headless CI runner, to the saved connection each `# @connection` names (or the
 * one chosen), and every answer, whatever its status, opens in a read-only response tab with its
 * assertions' verdicts. Answers of named requests are kept per document, so "Send" on a request can
 * read what the requests above it answered last time.
 */
import * as vscode from 'vscode';
import { FrameError } from '../core/errors';
import { assertRunnable, describeOutcome, type RequestOutcome } from '../core/requests';
import type { DocumentTabs } from '../documents/documentTabs';
import type { RequestFileEditor } from '../documents/requestFiles';
import type { RequestFileRunner } from '../documents/requestRunner';
import { withCancellableProgress } from '../ui/progress';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';

export interface RequestFileCommandDeps extends CommandHost {
  tabs: DocumentTabs;
  editor: RequestFileEditor;
  runner: RequestFileRunner;
}

/** What a command returns, for scripts and tests. */
export interface SentRequest {
  label: string;
  verdict: RequestOutcome['verdict'];
  status?: number;
  document?: string;
}

export function registerRequestFileCommands(deps: RequestFileCommandDeps): vscode.Disposable[] {
  const run = async (target: unknown, only?: ReadonlySet<number>): Promise<SentRequest[] | undefined> => {
    const document = await documentOf(target);
    const file = deps.editor.parse(document);
    const name = vscode.workspace.asRelativePath(document.uri);
    assertRunnable(file, name);
    const { outcomes, connectionOf } = await deps.runner.run(document.uri, file, name, {
      only,
      send: (go) => withCancellableProgress({ title: only?.size === 1 ? 'Sending request' : `Sending ${name}` }, go),
    });
    const results: SentRequest[] = [];
    for (const o of outcomes) {
      const request = file.requests.find((r) => r.firstLine === o.line)!;
      let uri: vscode.Uri | undefined;
      if (only?.size === 1 || outcomes.length === 1) {
        const text = responseText(o);
        uri = await deps.tabs.showResponse(
          connectionOf(request),
          request.method,
          o.response ? new URL(o.response.url).pathname : request.url.text,
          text.content,
          text.extension,
        );
      }
      results.push({ label: o.label, verdict: o.verdict, status: o.response?.status, document: uri?.toString() });
    }
    if (!only || only.size > 1) {
      const summary = outcomes.map(describeOutcome).join('');
      const first = file.requests[0];
      if (first) {
        const uri = await deps.tabs.showDocument(connectionOf(first), `${name.replace(/.*\//, '')} results`, summary, 'txt');
        for (const r of results) r.document ??= uri.toString();
      }
    }
    return results;
  };
  return [
    registerCommand(
      COMMANDS.sendRequestInFile,
      (target?: unknown, index?: unknown) => run(target, new Set([typeof index === 'number' ? index : 0])),
      deps,
    ),
    registerCommand(COMMANDS.sendAllRequestsInFile, (target?: unknown) => run(target), deps),
  ];
}

/** The document a command is about: a URI (CodeLens, scripts) or the active editor's. */
async function documentOf(target: unknown): Promise<vscode.TextDocument> {
  const uri =
    target instanceof vscode.Uri
      ? target
      : typeof target === 'string'
        ? vscode.Uri.parse(target)
        : vscode.window.activeTextEditor?.document.uri;
  if (!uri) throw new FrameError('invalid-request', 'Open a .frame.http request file first.');
  return vscode.workspace.openTextDocument(uri);
}

/** One answer for its tab: verdicts, status, time, size and headers above the body. */
function responseText(o: RequestOutcome): { content: string; extension: 'jsonc' | 'txt' } {
  const head = describeOutcome(o).trimEnd().split('\n');
  const res = o.response;
  if (res) {
    const bytes = Buffer.byteLength(res.text);
    head.push(
      `HTTP ${res.status} · ${Math.round(o.durationMs ?? 0)} ms · ${bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`}`,
    );
    head.push(...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`));
    for (const a of o.assertions) if (a.passed) head.push(`✓ ?? ${a.text}`);
  }
  if (res?.json !== undefined)
    return { content: head.map((l) => `// ${l}`).join('\n') + '\n\n' + JSON.stringify(res.json, null, 2) + '\n', extension: 'jsonc' };
  return { content: head.join('\n') + '\n\n' + (res?.text ?? ''), extension: 'txt' };
}
