/**
 * Send Signed Request… (any method, path and parameters, with all three schemes; the response in a
 * read-only tab with its status, time, size and headers above the body; the last requests of each
 * connection offered again) and Copy Request as cURL (signed headers for one request, never the
 * secret; also from a response tab, for the request that produced it).
 */
import * as vscode from 'vscode';
import {
  BASIC_SECRET_HINT,
  SIGNED_REQUEST_METHODS,
  httpMethod,
  jsonText,
  toCurl,
  type SignedRequest,
  type SignedResponse,
} from '../core/api';
import type { ClientFactory } from '../connections/clients';
import type { Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import type { RequestHistory, SavedRequest } from '../connections/requestHistory';
import type { DocumentTabs } from '../documents/documentTabs';
import { withCancellableProgress } from '../ui/progress';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';
import { connectionTarget } from './targets';

export interface RequestCommandDeps extends CommandHost {
  store: ConnectionStore;
  clients: ClientFactory;
  tabs: DocumentTabs;
  history: RequestHistory;
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
  /** Which request each response tab shows (for Copy Request as cURL from the tab). */
  const sent = new Map<string, Prepared>();
  return [
    registerCommand(
      COMMANDS.sendSignedRequest,
      async (target?: unknown, options?: RequestOptions) => {
        const input = await askRequest(deps, target, options ?? {});
        if (!input) return undefined;
        const api = await deps.clients.signed(input.connection);
        const started = performance.now();
        const res = await withCancellableProgress({ title: `${input.request.method} ${input.request.path}` }, (signal) =>
          api.send({ ...input.request, signal }),
        );
        const ms = performance.now() - started;
        await deps.history.add(input.connection.id, input.request);
        const { content, extension } = responseDocument(input.request, res, ms);
        const uri = await deps.tabs.showResponse(input.connection, input.request.method, input.request.path, content, extension);
        sent.set(uri.toString(), input);
        return { status: res.status, document: uri.toString() };
      },
      deps,
    ),

    registerCommand(
      COMMANDS.copyRequestAsCurl,
      async (target?: unknown, options?: RequestOptions) => {
        // From a response tab's title bar: the request that produced it.
        const input = target instanceof vscode.Uri ? sent.get(target.toString()) : await askRequest(deps, target, options ?? {});
        if (!input) {
          if (target instanceof vscode.Uri)
            void vscode.window.showInformationMessage('This response was sent before the window reloaded: send it again first.');
          return undefined;
        }
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
        { label: '$(add) New request…', description: connection.name },
        { label: 'Recent requests', kind: vscode.QuickPickItemKind.Separator },
        ...recent.map((r) => ({
          label: `$(history) ${r.method} ${r.path}`,
          description: new URLSearchParams(r.params).toString(),
          request: r,
        })),
      ],
      { title: `Send Signed Request: ${connection.name}`, placeHolder: 'Send a recent request again, or a new one' },
    );
    if (!picked) return undefined;
    if (picked.request) return { connection, request: picked.request };
  }
  const method =
    given.method ??
    (await vscode.window.showQuickPick([...SIGNED_REQUEST_METHODS], {
      title: 'Send Signed Request (1/3): method',
      placeHolder: `Method (${connection.name})`,
    }));
  if (!method) return undefined;
  const example = recent[0]?.path ?? (connection.scheme === 'frame' ? '/accounts/' : '/entity.count');
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
    });
    if (raw === undefined) return undefined;
    params = Object.fromEntries(new URLSearchParams(raw.trim()));
  }
  return { connection, request: { method: httpMethod(method), path: path.trim(), params } };
}

/**
 * The response as a document: status, time, size and headers above the body (as REST clients
 * show them). JSON becomes JSON with comments (the header lines are comments, the body keeps its
 * highlighting and folding); anything else is plain text.
 */
function responseDocument(request: SignedRequest, res: SignedResponse, ms: number): { content: string; extension: 'jsonc' | 'txt' } {
  const bytes = Buffer.byteLength(res.text);
  const size = bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
  const head = [
    `${request.method} ${request.path}${request.params && Object.keys(request.params).length ? '?' + new URLSearchParams(request.params).toString() : ''}`,
    `HTTP ${res.status} · ${Math.round(ms)} ms · ${size}`,
    ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (res.json !== undefined)
    return { content: head.map((l) => `// ${l}`).join('\n') + '\n\n' + jsonText(res.json) + '\n', extension: 'jsonc' };
  return { content: head.join('\n') + '\n\n' + res.text, extension: 'txt' };
}
