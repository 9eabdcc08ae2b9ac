/**
 * Send Signed Request… (any method, path and parameters, with all three schemes; every answer,
 * whatever its status, in a read-only tab with its status, time, size and headers above the body,
 * and in the connection's response history; the last requests of each connection offered again),
 * Copy Request as cURL (signed headers for one request, never the secret; also from a response
 * tab, for the request that produced it), and a response tab's Send Again, Compare with Previous
 * and Save to Request File.
 */
import * as vscode from 'vscode';
import { BASIC_SECRET_HINT, SIGNED_REQUEST_METHODS, httpMethod, paramsInBody, toCurl } from '../core/api';
import type { ClientFactory } from '../connections/clients';
import type { Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import type { RequestHistory, SavedRequest } from '../connections/requestHistory';
import type { RequestFileSaver } from '../documents/requestFileSave';
import type { Answer, ResponseTabs } from '../documents/responseTabs';
import { withCancellableProgress } from '../ui/progress';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';
import { connectionTarget } from './targets';

export interface RequestCommandDeps extends CommandHost {
  store: ConnectionStore;
  clients: ClientFactory;
  responses: ResponseTabs;
  history: RequestHistory;
  saver: RequestFileSaver;
}

/** The request, for scripts and tests; anything missing is asked for. */
export interface RequestOptions {
  method?: string;
  path?: string;
  params?: Record<string, string>;
}

interface Prepared {
  connection: Connection;
  request: SavedRequest;
}

export function registerRequestCommands(deps: RequestCommandDeps): vscode.Disposable[] {
  /** Sends the request; every status is an answer. */
  const send = async (input: Prepared): Promise<Answer> => {
    const api = await deps.clients.signed(input.connection);
    const { method, path, params } = input.request;
    const started = performance.now();
    const response = await withCancellableProgress({ title: `${method} ${path}` }, (signal) =>
      api.send({ ...input.request, signal, everyStatus: true }),
    );
    const ms = performance.now() - started;
    await deps.history.add(input.connection.id, input.request);
    const query = Object.keys(params).length && !paramsInBody(method) ? `?${new URLSearchParams(params).toString()}` : '';
    return { request: { method, path: `${path}${query}` }, response, ms };
  };
  /** The request a response tab (a URI) shows, or the one asked for. */
  const requestOf = async (target: unknown, options?: RequestOptions): Promise<Prepared | undefined> => {
    if (!(target instanceof vscode.Uri)) return askRequest(deps, target, options ?? {});
    const input = deps.responses.tagOf(target) as Prepared | undefined;
    if (!input)
      void vscode.window.showInformationMessage(vscode.l10n.t('This response was sent before the window reloaded: send it again first.'));
    return input;
  };
  return [
    registerCommand(
      COMMANDS.sendSignedRequest,
      async (target?: unknown, options?: RequestOptions) => {
        const input = await askRequest(deps, target, options ?? {});
        if (!input) return undefined;
        const answer = await send(input);
        const uri = await deps.responses.show(input.connection, answer, () => send(input), input);
        return { status: answer.response.status, document: uri.toString() };
      },
      deps,
    ),

    registerCommand(
      COMMANDS.copyRequestAsCurl,
      async (target?: unknown, options?: RequestOptions) => {
        // From a response tab's title bar: the request that produced it.
        const input = await requestOf(target, options);
        if (!input) return undefined;
        const api = await deps.clients.signed(input.connection);
        const { url, headers } = api.describeRequest(input.request);
        const basic = input.connection.scheme === 'basic';
        const curl = toCurl(input.request, url, headers, basic ? input.connection.clientId : undefined);
        await vscode.env.clipboard.writeText(curl);
        const { method, path } = input.request;
        // Whole messages per scheme (word order differs between languages).
        const message = basic
          ? vscode.l10n.t({
              message:
                'Copied a cURL command for {0} {1}. Basic authentication sends the secret itself, so the command reads it from $FRAME_CLIENT_SECRET: set it first without leaving it in your shell history ({2}).',
              args: [method, path, BASIC_SECRET_HINT],
              comment: ['$FRAME_CLIENT_SECRET is an environment variable: keep it as it is. {2} is a shell command.'],
            })
          : vscode.l10n.t('Copied a cURL command for {0} {1}. Frame accepts the signature for about 5 minutes.', method, path);
        const saveToFile = vscode.l10n.t('Save to Request File');
        void vscode.window.showInformationMessage(message, saveToFile).then((choice) => {
          if (choice === saveToFile) void vscode.commands.executeCommand(COMMANDS.saveToRequestFile, input);
        });
        return curl;
      },
      deps,
    ),

    registerCommand(
      COMMANDS.saveToRequestFile,
      async (target?: unknown, options?: RequestOptions) => {
        const input = isPrepared(target) ? target : await requestOf(target, options);
        if (!input) return undefined;
        const uri = await deps.saver.save(input.connection, input.request);
        return uri?.toString();
      },
      deps,
    ),

    registerCommand(
      COMMANDS.sendAgain,
      async (target?: unknown) => {
        const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
        if (!uri) return undefined;
        const entry = await deps.responses.sendAgain(uri);
        return { status: entry.status, document: uri.toString() };
      },
      deps,
    ),

    registerCommand(
      COMMANDS.compareWithPrevious,
      async (target?: unknown) => {
        const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
        if (!uri) return undefined;
        return (await deps.responses.compareWithPrevious(uri))?.toString();
      },
      deps,
    ),
  ];
}

function isPrepared(v: unknown): v is Prepared {
  const p = v as Partial<Prepared> | null;
  return !!p && typeof p === 'object' && !!p.connection && !!p.request && typeof p.request.method === 'string';
}

type RecentItem = vscode.QuickPickItem & { request?: SavedRequest };

/** The connection, then a recent request of it or a new one (method, path, parameters: three steps). */
async function askRequest(deps: RequestCommandDeps, target: unknown, given: RequestOptions): Promise<Prepared | undefined> {
  const connection = await connectionTarget(target, deps.store);
  if (!connection) return undefined;
  const scripted = given.method !== undefined || given.path !== undefined || given.params !== undefined;
  const recent = scripted ? [] : deps.history.list(connection.id);
  if (recent.length) {
    const picked = await vscode.window.showQuickPick<RecentItem>(
      [
        { label: `$(add) ${vscode.l10n.t('New request…')}`, description: connection.name },
        { label: vscode.l10n.t('Recent requests'), kind: vscode.QuickPickItemKind.Separator },
        ...recent.map((r) => ({
          label: `$(history) ${r.method} ${r.path}`,
          description: new URLSearchParams(r.params).toString(),
          request: r,
        })),
      ],
      {
        title: vscode.l10n.t('Send Signed Request: {0}', connection.name),
        placeHolder: vscode.l10n.t('Send a recent request again, or a new one'),
      },
    );
    if (!picked) return undefined;
    if (picked.request) return { connection, request: picked.request };
  }
  const method =
    given.method ??
    (await vscode.window.showQuickPick([...SIGNED_REQUEST_METHODS], {
      title: vscode.l10n.t('Send Signed Request (1/3): method'),
      placeHolder: vscode.l10n.t('Method ({0})', connection.name),
    }));
  if (!method) return undefined;
  const example = recent[0]?.path ?? (connection.scheme === 'frame' ? '/accounts/' : '/entity.count');
  const path =
    given.path ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Send Signed Request (2/3): path'),
      prompt: vscode.l10n.t('Path below {0}', connection.baseUrl),
      value: example,
      valueSelection: [0, example.length],
      validateInput: (s) => (s.trim() ? undefined : vscode.l10n.t('Enter a path.')),
    }));
  if (!path) return undefined;
  let params = given.params;
  if (!params) {
    const raw = await vscode.window.showInputBox({
      title: vscode.l10n.t('Send Signed Request (3/3): parameters'),
      prompt: vscode.l10n.t('Parameters as key=value, separated by &, or empty (values are URL-encoded for you)'),
      placeHolder: 'date_from=2026-01-01&date_to=2026-01-31',
    });
    if (raw === undefined) return undefined;
    params = Object.fromEntries(new URLSearchParams(raw.trim()));
  }
  return { connection, request: { method: httpMethod(method), path: path.trim(), params } };
}
