/**
 * Sending a request file's requests from the editor (Send, Send All, the Test Explorer): the
 * Restricted Mode refusal, the saved connection each `# @connection` names (or the one chosen),
 * and the answers of named requests kept per document, so a later run (and the hover on a
 * reference) reads what they answered last. The requests go through the same core runner as the
 * headless CI runner.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FrameError } from '../core/errors';
import type { FileBodyPlaces, ParsedRequest, RequestFile, RequestOutcome, ResponseRecord } from '../core/requests';
import { requestEngine } from '../lazyEngine';
import type { ClientFactory } from '../connections/clients';
import type { Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';

export interface FileRun {
  outcomes: RequestOutcome[];
  /** The connection a request went to (every request of the run has one). */
  connectionOf(request: ParsedRequest): Connection;
}

export class RequestFileRunner {
  /** Named requests' last answers, per document URI. */
  private readonly answers = new Map<string, Map<string, ResponseRecord>>();

  constructor(
    private readonly store: ConnectionStore,
    private readonly clients: ClientFactory,
  ) {}

  /** What the named request of this document answered last, if it was sent in this window. */
  lastAnswer(uri: vscode.Uri, name: string): ResponseRecord | undefined {
    return this.answers.get(uri.toString())?.get(name);
  }

  /**
   * Runs the requests `only` names (all when absent) of a parsed file. Connections are chosen first
   * (a pick inside a progress notification would hide behind it), then `send` wraps the sending
   * (progress, a test run's cancellation).
   */
  async run(
    uri: vscode.Uri,
    file: RequestFile,
    name: string,
    options: {
      only?: ReadonlySet<number>;
      send: (go: (signal: AbortSignal) => Promise<RequestOutcome[]>) => Thenable<RequestOutcome[]>;
      onOutcome?: (outcome: RequestOutcome) => void;
    },
  ): Promise<FileRun> {
    // A request file comes from the workspace and says where signed requests go: in Restricted Mode
    // nothing is sent (package.json `capabilities` says so).
    if (!vscode.workspace.isTrusted) {
      throw new FrameError(
        'invalid-request',
        vscode.l10n.t(
          'Request files are not sent in Restricted Mode: a file from a folder you have not trusted could send signed requests with your connection. Trust the folder (Workspaces: Manage Workspace Trust) to send it.',
        ),
      );
    }
    const connections = new Map<string | undefined, Promise<Connection>>();
    const connectionFor = (connectionName: string | undefined): Promise<Connection> => {
      let entry = connections.get(connectionName);
      if (!entry) {
        entry = pickConnection(this.store, connectionName);
        connections.set(connectionName, entry);
      }
      return entry;
    };
    const chosen = new Map<string | undefined, Connection>();
    for (const [i, r] of file.requests.entries())
      if (!options.only || options.only.has(i)) chosen.set(r.connection, await connectionFor(r.connection));
    const key = uri.toString();
    const responses = this.answers.get(key) ?? new Map<string, ResponseRecord>();
    this.answers.set(key, responses);
    const outcomes = await options.send((signal) =>
      requestEngine().runRequestFile(file, name, {
        senderFor: async (c) => this.clients.signed(await connectionFor(c)),
        env: process.env,
        signal,
        only: options.only,
        responses,
        onOutcome: options.onOutcome,
        files: filePlaces(uri),
      }),
    );
    return { outcomes, connectionOf: (request) => chosen.get(request.connection)! };
  }
}

/** The saved connection `# @connection` names; without one, the only connection or the one chosen. */
async function pickConnection(store: ConnectionStore, name: string | undefined): Promise<Connection> {
  const all = store.list();
  if (name !== undefined) {
    const found = all.find((c) => c.name === name);
    if (!found)
      throw new FrameError(
        'invalid-request',
        vscode.l10n.t(
          'No saved connection is named "{0}" (from "# @connection"). Fix the name, or add the connection in the Frame view.',
          name.slice(0, 80),
        ),
      );
    return found;
  }
  if (all.length === 1) return all[0]!;
  if (!all.length)
    throw new FrameError('invalid-request', vscode.l10n.t('Add a Frame connection first: the requests are signed with its credentials.'));
  const picked = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.name, description: c.baseUrl, connection: c })),
    { title: vscode.l10n.t('Send to which connection? (name it in the file with "# @connection NAME")') },
  );
  if (!picked) throw new FrameError('cancelled', vscode.l10n.t('No connection chosen.'));
  return picked.connection;
}

/** Where a document's `< path` bodies are read: beside it, inside its workspace folder (or its own folder). */
function filePlaces(uri: vscode.Uri): FileBodyPlaces | undefined {
  if (uri.scheme !== 'file') return undefined;
  const baseDir = path.dirname(uri.fsPath);
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return { baseDir, root: folder?.uri.scheme === 'file' ? folder.uri.fsPath : baseDir };
}
