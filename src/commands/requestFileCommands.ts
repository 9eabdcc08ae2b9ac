/**
 * Send / Send All from a signed request file (`*.frame.http`): the requests go through the same
 * core runner as the headless CI runner, to the saved connection each `# @connection` names (or the
 * one chosen), and every answer, whatever its status, opens in a read-only response tab with its
 * assertions' verdicts. Answers of named requests are kept per document, so "Send" on a request can
 * read what the requests above it answered last time.
 */
import * as vscode from 'vscode';
import { FrameError } from '../core/errors';
import {
  assertRunnable,
  describeOutcome,
  runRequestFile,
  type RequestOutcome,
  type RequestSender,
  type ResponseRecord,
} from '../core/requests';
import type { ClientFactory } from '../connections/clients';
import type { Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import type { DocumentTabs } from '../documents/documentTabs';
import type { RequestFileEditor } from '../documents/requestFiles';
import { withCancellableProgress } from '../ui/progress';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';

export interface RequestFileCommandDeps extends CommandHost {
  store: ConnectionStore;
  clients: ClientFactory;
  tabs: DocumentTabs;
  editor: RequestFileEditor;
}

/** What a command returns, for scripts and tests. */
export interface SentRequest {
  label: string;
  verdict: RequestOutcome['verdict'];
  status?: number;
  document?: string;
}

export function registerRequestFileCommands(deps: RequestFileCommandDeps): vscode.Disposable[] {
  const answers = new Map<string, Map<string, ResponseRecord>>();
  const run = async (target: unknown, only?: ReadonlySet<number>): Promise<SentRequest[] | undefined> => {
    // A request file comes from the workspace and says where signed requests go: in Restricted Mode
    // nothing is sent (package.json `capabilities` says so).
    if (!vscode.workspace.isTrusted) {
      throw new FrameError(
        'invalid-request',
        'Request files are not sent in Restricted Mode: a file from a folder you have not trusted could send signed requests with your connection. Trust the folder (Workspaces: Manage Workspace Trust) to send it.',
      );
    }
    const document = await documentOf(target);
    const file = deps.editor.parse(document);
    const name = vscode.workspace.asRelativePath(document.uri);
    assertRunnable(file, name);
    const senders = new Map<string | undefined, Promise<{ connection: Connection; sender: RequestSender }>>();
    const senderFor = (connectionName: string | undefined) => {
      let entry = senders.get(connectionName);
      if (!entry) {
        entry = (async () => {
          const connection = await pickConnection(deps.store, connectionName);
          return { connection, sender: await deps.clients.signed(connection) };
        })();
        senders.set(connectionName, entry);
      }
      return entry;
    };
    // Connections are chosen before the progress notification (a pick inside it would hide behind it).
    for (const [i, r] of file.requests.entries()) if (!only || only.has(i)) await senderFor(r.connection);
    const responses = answers.get(document.uri.toString()) ?? new Map<string, ResponseRecord>();
    answers.set(document.uri.toString(), responses);
    const outcomes = await withCancellableProgress({ title: only?.size === 1 ? 'Sending request' : `Sending ${name}` }, (signal) =>
      runRequestFile(file, name, {
        senderFor: async (c) => (await senderFor(c)).sender,
        env: process.env,
        signal,
        only,
        responses,
      }),
    );
    const results: SentRequest[] = [];
    for (const o of outcomes) {
      const request = file.requests.find((r) => r.firstLine === o.line)!;
      const { connection } = await senderFor(request.connection);
      let uri: vscode.Uri | undefined;
      if (only?.size === 1 || outcomes.length === 1) {
        const text = responseText(o);
        uri = await deps.tabs.showResponse(
          connection,
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
      const first = await senderFor(file.requests[0]?.connection);
      const uri = await deps.tabs.showDocument(first.connection, `${name.replace(/.*\//, '')} results`, summary, 'txt');
      for (const r of results) r.document ??= uri.toString();
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

/** The saved connection `# @connection` names; without one, the only connection or the one chosen. */
async function pickConnection(store: ConnectionStore, name: string | undefined): Promise<Connection> {
  const all = store.list();
  if (name !== undefined) {
    const found = all.find((c) => c.name === name);
    if (!found)
      throw new FrameError(
        'invalid-request',
        `No saved connection is named "${name.slice(0, 80)}" (from "# @connection"). Fix the name, or add the connection in the Frame view.`,
      );
    return found;
  }
  if (all.length === 1) return all[0]!;
  if (!all.length) throw new FrameError('invalid-request', 'Add a Frame connection first: the requests are signed with its credentials.');
  const picked = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.name, description: c.baseUrl, connection: c })),
    { title: 'Send to which connection? (name it in the file with "# @connection NAME")' },
  );
  if (!picked) throw new FrameError('cancelled', 'No connection chosen.');
  return picked.connection;
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
