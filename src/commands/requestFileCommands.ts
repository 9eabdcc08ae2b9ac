/**
 * Send / Send All from a signed request file (`*.frame.http`): the requests go through the same
 * core runner as the headless CI runner, to the saved connection each `# @connection` names (or the
 * one chosen), and every answer, whatever its status, opens in a read-only response tab with its
 * assertions' verdicts. Answers of named requests are kept per document, so "Send" on a request can
 * read what the requests above it answered last time.
 */
import * as vscode from 'vscode';
import { FrameError } from '../core/errors';
import type { RequestOutcome } from '../core/requests';
import { requestEngine } from '../lazyEngine';
import type { DocumentTabs } from '../documents/documentTabs';
import { FRAME_HTTP_LANGUAGE, type RequestFileEditor } from '../documents/requestFiles';
import type { RequestFileRunner } from '../documents/requestRunner';
import type { Answer, ResponseTabs } from '../documents/responseTabs';
import { withCancellableProgress } from '../ui/progress';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';

export interface RequestFileCommandDeps extends CommandHost {
  tabs: DocumentTabs;
  editor: RequestFileEditor;
  runner: RequestFileRunner;
  responses: ResponseTabs;
}

/** What a command returns, for scripts and tests. */
export interface SentRequest {
  label: string;
  verdict: RequestOutcome['verdict'];
  status?: number;
  document?: string;
}

export function registerRequestFileCommands(deps: RequestFileCommandDeps): vscode.Disposable[] {
  /** Send Again from a response tab: the request once more, as the file says now. */
  const sendOne = async (uri: vscode.Uri, index: number): Promise<RequestOutcome> => {
    const document = await vscode.workspace.openTextDocument(uri);
    const file = deps.editor.parse(document);
    const name = vscode.workspace.asRelativePath(uri);
    requestEngine().assertRunnable(file, name);
    const { outcomes } = await deps.runner.run(uri, file, name, {
      only: new Set([index]),
      send: (go) => withCancellableProgress({ title: vscode.l10n.t('Sending request') }, go),
    });
    return (
      outcomes[0] ?? Promise.reject(new FrameError('invalid-request', vscode.l10n.t('{0} no longer has request {1}.', name, index + 1)))
    );
  };
  const run = async (target: unknown, only?: ReadonlySet<number>): Promise<SentRequest[] | undefined> => {
    const document = await documentOf(target);
    const file = deps.editor.parse(document);
    const name = vscode.workspace.asRelativePath(document.uri);
    requestEngine().assertRunnable(file, name);
    // One request sent from its CodeLens: the requests it references that have not answered in this
    // window are sent first, in file order (as the Test Explorer does); only its own answer is shown.
    const wanted = only?.size === 1 ? [...only][0]! : undefined;
    const answered = (i: number) => !!file.requests[i]?.name && !!deps.runner.lastAnswer(document.uri, file.requests[i]!.name!);
    const toSend =
      wanted === undefined
        ? only
        : new Set(
            requestEngine()
              .withDependencies(file, [wanted])
              .filter((i) => i === wanted || !answered(i)),
          );
    const { outcomes, connectionOf } = await deps.runner.run(document.uri, file, name, {
      only: toSend,
      send: (go) =>
        withCancellableProgress(
          { title: wanted !== undefined ? vscode.l10n.t('Sending request') : vscode.l10n.t('Sending {0}', name) },
          go,
        ),
    });
    const results: SentRequest[] = [];
    for (const o of outcomes) {
      const index = file.requests.findIndex((r) => r.firstLine === o.line);
      if (wanted !== undefined && index !== wanted) continue;
      const request = file.requests[index]!;
      let uri: vscode.Uri | undefined;
      if (wanted !== undefined || outcomes.length === 1) {
        const connection = connectionOf(request);
        uri = o.response
          ? await deps.responses.show(connection, answerOf(o, request.method), async () =>
              answerOf(await sendOne(document.uri, index), request.method),
            )
          : await deps.tabs.showDocument(connection, requestEngine().labelOf(request), requestEngine().describeOutcome(o), 'txt');
      }
      results.push({ label: o.label, verdict: o.verdict, status: o.response?.status, document: uri?.toString() });
    }
    if (!only || only.size > 1) {
      const summary = outcomes.map((o) => requestEngine().describeOutcome(o)).join('');
      const first = file.requests[0];
      if (first) {
        const uri = await deps.tabs.showDocument(
          connectionOf(first),
          vscode.l10n.t('{0} results', name.replace(/.*\//, '')),
          summary,
          'txt',
        );
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
    // A plain .http file stays REST Client's or httpYac's unless asked: this document only, until it closes.
    registerCommand(
      COMMANDS.useFrameSigning,
      async (target?: unknown) => {
        const document = await documentOf(target);
        if (document.languageId === FRAME_HTTP_LANGUAGE) return document.languageId;
        const switched = await vscode.languages.setTextDocumentLanguage(document, FRAME_HTTP_LANGUAGE);
        void vscode.window.showInformationMessage(
          vscode.l10n.t(
            '{0} is sent with Frame signing while it is open. To keep it so, rename it to *.frame.http.',
            vscode.workspace.asRelativePath(document.uri),
          ),
        );
        return switched.languageId;
      },
      deps,
    ),
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
  if (!uri) throw new FrameError('invalid-request', vscode.l10n.t('Open a .frame.http request file first.'));
  return vscode.workspace.openTextDocument(uri);
}

/** A request file's answer for its tab: the verdicts above status, time, size and headers. */
function answerOf(o: RequestOutcome, method: string): Answer {
  const res = o.response;
  if (!res) throw new FrameError('invalid-request', o.message ?? vscode.l10n.t('"{0}" got no answer.', o.label));
  const url = new URL(res.url);
  const above = requestEngine().describeOutcome(o).trimEnd().split('\n');
  for (const a of o.assertions) if (a.passed) above.push(`✓ ?? ${a.text}`);
  return { request: { method, path: url.pathname + url.search }, response: res, ms: o.durationMs ?? 0, above };
}
