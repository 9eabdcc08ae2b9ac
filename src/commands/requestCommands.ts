/**
 * Send Signed Request… (any method, path and parameters, with all three schemes; the response in
 * an editor tab) and Copy Request as cURL (signed headers for one request, never the secret).
 */
import * as vscode from 'vscode';
import type { SignedRequest, SignedResponse } from '../core/api';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ClientFactory } from '../connections/clients';
import type { Connection } from '../connections/connection';
import { showError } from '../ui/errors';
import type { ReportService } from '../reports/reportService';
import { pickConnection } from './pickers';

export interface RequestCommandDeps {
  store: ConnectionStore;
  clients: ClientFactory;
  reports: ReportService;
  log: vscode.LogOutputChannel;
}

/** Arguments for scripts and tests; anything missing is asked for. */
export interface RequestArgs {
  connectionId?: string;
  method?: string;
  path?: string;
  params?: Record<string, string>;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

export function registerRequestCommands(deps: RequestCommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('frameAdmin.sendSignedRequest', async (arg?: RequestArgs | { connection: Connection }) => {
      const input = await askRequest(deps, arg);
      if (!input) return undefined;
      try {
        const api = await deps.clients.signed(input.connection);
        const res = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `${input.request.method} ${input.request.path}`, cancellable: true },
          (_p, token) => {
            const ctrl = new AbortController();
            token.onCancellationRequested(() => ctrl.abort());
            return api.send({ ...input.request, signal: ctrl.signal });
          },
        );
        const { content, extension } = responseDocument(res);
        const uri = await deps.reports.showResponse(input.connection, input.request.method, input.request.path, content, extension);
        return { status: res.status, document: uri.toString() };
      } catch (e) {
        void showError(e, deps.log, {
          connection: input.connection,
          retry: () =>
            vscode.commands.executeCommand('frameAdmin.sendSignedRequest', { ...input.request, connectionId: input.connection.id }),
        });
        return undefined;
      }
    }),

    vscode.commands.registerCommand('frameAdmin.copyRequestAsCurl', async (arg?: RequestArgs | { connection: Connection }) => {
      const input = await askRequest(deps, arg);
      if (!input) return undefined;
      try {
        const api = await deps.clients.signed(input.connection);
        const { url, headers } = api.describeRequest(input.request);
        const basic = input.connection.scheme === 'basic';
        const curl = toCurl(input.request, url, headers, basic ? input.connection.clientId : undefined);
        await vscode.env.clipboard.writeText(curl);
        const note = basic
          ? ' Basic authentication sends the secret itself, so the command reads it from $FRAME_CLIENT_SECRET: set that variable in your shell first.'
          : ' Frame accepts the signature for about 5 minutes.';
        void vscode.window.showInformationMessage(`Copied a cURL command for ${input.request.method} ${input.request.path}.${note}`);
        return curl;
      } catch (e) {
        void showError(e, deps.log, { connection: input.connection });
        return undefined;
      }
    }),
  ];
}

async function askRequest(
  deps: RequestCommandDeps,
  arg?: RequestArgs | { connection: Connection },
): Promise<{ connection: Connection; request: SignedRequest } | undefined> {
  const given: RequestArgs = arg && 'connection' in arg ? { connectionId: arg.connection.id } : (arg ?? {});
  const connection = given.connectionId ? deps.store.get(given.connectionId) : await pickConnection(deps.store);
  if (!connection) return undefined;
  const method = given.method ?? (await vscode.window.showQuickPick(METHODS, { placeHolder: `Method (${connection.name})` }));
  if (!method) return undefined;
  const example = connection.scheme === 'frame' ? '/accounts/' : '/entity.count';
  const path =
    given.path ??
    (await vscode.window.showInputBox({
      title: 'Send Signed Request',
      prompt: `Path below ${connection.baseUrl}`,
      value: example,
      valueSelection: [0, example.length],
      validateInput: (s) => (s.trim() ? undefined : 'Enter a path.'),
    }));
  if (!path) return undefined;
  let params = given.params;
  if (!params) {
    const raw = await vscode.window.showInputBox({
      title: 'Send Signed Request',
      prompt: 'Parameters as key=value, separated by &, or empty (values are URL-encoded for you)',
      placeHolder: 'date_from=2026-01-01&date_to=2026-01-31',
    });
    if (raw === undefined) return undefined;
    params = Object.fromEntries(new URLSearchParams(raw.trim()));
  }
  return { connection, request: { method: method.toUpperCase(), path: path.trim(), params } };
}

/** The response as text (JSON pretty-printed) and the file extension that picks its language. */
function responseDocument(res: SignedResponse): { content: string; extension: 'json' | 'csv' | 'html' | 'txt' } {
  if (res.json !== undefined) return { content: JSON.stringify(res.json, null, 2) + '\n', extension: 'json' };
  if (/csv/i.test(res.contentType)) return { content: res.text, extension: 'csv' };
  return { content: res.text, extension: /html/i.test(res.contentType) ? 'html' : 'txt' };
}

/**
 * A copy-pasteable cURL command (POSIX shell quoting). With `basicClientId` the Authorization
 * header (which would be the secret, merely base64-encoded) is replaced by `-u id:$FRAME_CLIENT_SECRET`.
 */
export function toCurl(request: SignedRequest, url: string, headers: Record<string, string>, basicClientId?: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = ['curl', '-sS', '-X', request.method.toUpperCase(), q(url)];
  if (basicClientId !== undefined) parts.push('-u', `${q(basicClientId + ':')}"$FRAME_CLIENT_SECRET"`);
  for (const [k, v] of Object.entries(headers))
    if (basicClientId === undefined || k.toLowerCase() !== 'authorization') parts.push('-H', q(`${k}: ${v}`));
  const inBody = request.method.toUpperCase() === 'POST' || request.method.toUpperCase() === 'PUT';
  if (inBody && request.params && Object.keys(request.params).length)
    parts.push('--data', q(new URLSearchParams(request.params).toString()));
  return parts.join(' ');
}
