/**
 * Send Signed Request… (any method, path and parameters, with all three schemes; the response in
 * an editor tab) and Copy Request as cURL (signed headers for one request, never the secret).
 */
import * as vscode from 'vscode';
import { BASIC_SECRET_HINT, httpMethod, toCurl, type SignedRequest, type SignedResponse } from '../core/api';
import type { ClientFactory } from '../connections/clients';
import type { Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ReportTabs } from '../reports/reportTabs';
import { withCancellableProgress } from '../ui/progress';
import { COMMANDS } from './ids';
import { registerCommand, type CommandHost } from './registerCommand';
import { connectionTarget } from './targets';

export interface RequestCommandDeps extends CommandHost {
  store: ConnectionStore;
  clients: ClientFactory;
  tabs: ReportTabs;
}

/** The request, for scripts and tests; anything missing is asked for. */
export interface RequestOptions {
  method?: string;
  path?: string;
  params?: Record<string, string>;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

export function registerRequestCommands(deps: RequestCommandDeps): vscode.Disposable[] {
  /** The last request asked for: the prompts start from it (so Retry is three Enters). */
  let last: Required<RequestOptions> | undefined;
  const ask = async (target: unknown, given: RequestOptions = {}) => {
    const input = await askRequest(deps, target, given, last);
    if (input) last = { method: input.request.method, path: input.request.path, params: input.request.params ?? {} };
    return input;
  };
  return [
    registerCommand(
      COMMANDS.sendSignedRequest,
      async (target?: unknown, options?: RequestOptions) => {
        const input = await ask(target, options);
        if (!input) return undefined;
        const api = await deps.clients.signed(input.connection);
        const res = await withCancellableProgress({ title: `${input.request.method} ${input.request.path}` }, (signal) =>
          api.send({ ...input.request, signal }),
        );
        const { content, extension } = responseDocument(res);
        const uri = await deps.tabs.showResponse(input.connection, input.request.method, input.request.path, content, extension);
        return { status: res.status, document: uri.toString() };
      },
      deps,
    ),

    registerCommand(
      COMMANDS.copyRequestAsCurl,
      async (target?: unknown, options?: RequestOptions) => {
        const input = await ask(target, options);
        if (!input) return undefined;
        const api = await deps.clients.signed(input.connection);
        const { url, headers } = api.describeRequest(input.request);
        const basic = input.connection.scheme === 'basic';
        const curl = toCurl(input.request, url, headers, basic ? input.connection.clientId : undefined);
        await vscode.env.clipboard.writeText(curl);
        const note = basic
          ? ` Basic authentication sends the secret itself, so the command reads it from $FRAME_CLIENT_SECRET: set it first without leaving it in your shell history (${BASIC_SECRET_HINT}).`
          : ' Frame accepts the signature for about 5 minutes.';
        void vscode.window.showInformationMessage(`Copied a cURL command for ${input.request.method} ${input.request.path}.${note}`);
        return curl;
      },
      deps,
    ),
  ];
}

async function askRequest(
  deps: RequestCommandDeps,
  target: unknown,
  given: RequestOptions,
  last: Required<RequestOptions> | undefined,
): Promise<{ connection: Connection; request: SignedRequest } | undefined> {
  const connection = await connectionTarget(target, deps.store);
  if (!connection) return undefined;
  const method =
    given.method ??
    (await vscode.window.showQuickPick(
      // The last method first, so Enter repeats it.
      METHODS.filter((m) => m === last?.method).concat(METHODS.filter((m) => m !== last?.method)),
      { title: 'Send Signed Request (1/3): method', placeHolder: `Method (${connection.name})` },
    ));
  if (!method) return undefined;
  const example = last?.path ?? (connection.scheme === 'frame' ? '/accounts/' : '/entity.count');
  const path =
    given.path ??
    (await vscode.window.showInputBox({
      title: 'Send Signed Request (2/3): path',
      prompt: `Path below ${connection.baseUrl}`,
      value: example,
      valueSelection: [0, example.length],
      validateInput: (s) => (s.trim() ? undefined : 'Enter a path.'),
    }));
  if (!path) return undefined;
  let params = given.params;
  if (!params) {
    const raw = await vscode.window.showInputBox({
      title: 'Send Signed Request (3/3): parameters',
      prompt: 'Parameters as key=value, separated by &, or empty (values are URL-encoded for you)',
      placeHolder: 'date_from=2026-01-01&date_to=2026-01-31',
      value: last ? new URLSearchParams(last.params).toString() : '',
    });
    if (raw === undefined) return undefined;
    params = Object.fromEntries(new URLSearchParams(raw.trim()));
  }
  return { connection, request: { method: httpMethod(method), path: path.trim(), params } };
}

/** The response as text (JSON pretty-printed) and the file extension that picks its language. */
function responseDocument(res: SignedResponse): { content: string; extension: 'json' | 'csv' | 'html' | 'txt' } {
  if (res.json !== undefined) return { content: JSON.stringify(res.json, null, 2) + '\n', extension: 'json' };
  if (/csv/i.test(res.contentType)) return { content: res.text, extension: 'csv' };
  return { content: res.text, extension: /html/i.test(res.contentType) ? 'html' : 'txt' };
}
