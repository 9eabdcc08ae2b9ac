/** Add / Edit / Rename / Remove Connection, Update Secret, Test Connection. */
import * as vscode from 'vscode';
import { FrameAdminClient, FrameClient, normalizeBaseUrl } from '../core/api';
import type { Scheme } from '../core/signing';
import { apiKindOf, type Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ClientFactory } from '../connections/clients';
import { runConnectionWizard } from '../connections/connectionWizard';
import { messageOf, showError } from '../ui/errors';
import type { AccountsTreeProvider } from '../views/accountsTree';
import { pickConnection } from './pickers';

export interface ConnectionCommandDeps {
  store: ConnectionStore;
  clients: ClientFactory;
  tree: AccountsTreeProvider;
  log: vscode.LogOutputChannel;
}

/** `frameAdmin.addConnection` arguments for scripts and tests (the wizard asks for the same). */
export interface ConnectionInput {
  name: string;
  baseUrl: string;
  scheme?: Scheme;
  clientId: string;
  secret: string;
  /** Verify with a request before saving (default true). */
  verify?: boolean;
}

function isConnectionInput(v: unknown): v is ConnectionInput {
  return (
    !!v && typeof v === 'object' && typeof (v as ConnectionInput).baseUrl === 'string' && typeof (v as ConnectionInput).secret === 'string'
  );
}

function fromInput(i: ConnectionInput, secretOptional = false): { fields: Omit<Connection, 'id'>; secret: string } | undefined {
  if (!i.name?.trim() || !i.clientId?.trim() || (!i.secret && !secretOptional))
    throw new Error('A connection needs name, baseUrl, clientId and secret.');
  return {
    fields: { name: i.name.trim(), baseUrl: normalizeBaseUrl(i.baseUrl).href, scheme: i.scheme ?? 'frame', clientId: i.clientId.trim() },
    secret: i.secret,
  };
}

/** A node from the Accounts view, an id (from a notification button), or nothing (palette). */
type ConnectionArg = { connection: Connection } | string | undefined;

export function registerConnectionCommands(deps: ConnectionCommandDeps): vscode.Disposable[] {
  const { store, log } = deps;
  const resolve = async (arg: ConnectionArg): Promise<Connection | undefined> => {
    if (typeof arg === 'string') return store.get(arg);
    if (arg && typeof arg === 'object' && 'connection' in arg) return store.get(arg.connection.id) ?? arg.connection;
    return pickConnection(store);
  };

  return [
    vscode.commands.registerCommand('frameAdmin.addConnection', async (arg?: unknown) => {
      // Menus pass their own context (a view, a node); only a ConnectionInput skips the wizard.
      const given = isConnectionInput(arg) ? arg : undefined;
      const result = given ? fromInput(given) : await runConnectionWizard();
      if (!result) return undefined;
      const ok = given?.verify === false || (await verifyOrConfirm(deps, result.fields, result.secret));
      if (!ok) return undefined;
      try {
        const connection = await store.add(result.fields, result.secret);
        log.info(`Added connection "${connection.name}" (${connection.baseUrl}, ${connection.scheme}).`);
        return connection.id;
      } catch (e) {
        await showError(e, log);
        return undefined;
      }
    }),

    vscode.commands.registerCommand('frameAdmin.editConnection', async (arg?: ConnectionArg, changes?: Partial<ConnectionInput>) => {
      const existing = await resolve(arg);
      if (!existing) return;
      // With `changes` (scripts and tests) the wizard is skipped; the result is verified all the same.
      const result = changes
        ? fromInput({ ...existing, secret: '', ...changes, baseUrl: changes.baseUrl ?? existing.baseUrl }, true)
        : await runConnectionWizard(existing);
      if (!result) return;
      const secret = result.secret || (await store.getSecret(existing.id).catch(() => undefined)) || '';
      if (secret && !(await verifyOrConfirm(deps, result.fields, secret))) return;
      try {
        if (result.secret) await store.storeSecret(existing.id, result.secret);
        await store.update({ ...existing, ...result.fields });
        log.info(`Updated connection "${result.fields.name}".`);
      } catch (e) {
        await showError(e, log, { connection: existing });
      }
    }),

    vscode.commands.registerCommand('frameAdmin.renameConnection', async (arg?: ConnectionArg, newName?: string) => {
      const existing = await resolve(arg);
      if (!existing) return;
      const name =
        newName ??
        (await vscode.window.showInputBox({
          title: 'Rename Connection',
          value: existing.name,
          prompt: 'New name',
          validateInput: (s) => (s.trim() ? undefined : 'Enter a name.'),
        }));
      if (name?.trim()) await store.update({ ...existing, name: name.trim() });
    }),

    vscode.commands.registerCommand('frameAdmin.removeConnection', async (arg?: ConnectionArg, options?: { confirm?: boolean }) => {
      const existing = await resolve(arg);
      if (!existing) return;
      if (options?.confirm !== false) {
        const answer = await vscode.window.showWarningMessage(
          `Remove the connection "${existing.name}"? Its client secret is deleted from VS Code's secret storage.`,
          { modal: true },
          'Remove',
        );
        if (answer !== 'Remove') return;
      }
      await store.remove(existing.id);
      log.info(`Removed connection "${existing.name}".`);
    }),

    vscode.commands.registerCommand('frameAdmin.updateSecret', async (arg?: ConnectionArg, secretForTests?: string) => {
      const existing = await resolve(arg);
      if (!existing) return;
      const secret =
        secretForTests ??
        (await vscode.window.showInputBox({
          title: `Update Secret: ${existing.name}`,
          prompt: `Client secret for client ID ${existing.clientId}. Stored only in VS Code secret storage.`,
          password: true,
          ignoreFocusOut: true,
          validateInput: (s) => (s ? undefined : 'Enter the client secret.'),
        }));
      if (!secret) return;
      try {
        await store.storeSecret(existing.id, secret);
        deps.tree.refresh();
        log.info(`Updated the client secret of "${existing.name}".`);
      } catch (e) {
        await showError(e, log);
      }
    }),

    vscode.commands.registerCommand('frameAdmin.testConnection', async (arg?: ConnectionArg) => {
      const existing = await resolve(arg);
      if (!existing) return undefined;
      try {
        const summary = await withTestProgress(existing.name, (signal) => testConnection(deps, existing, signal));
        void vscode.window.showInformationMessage(`"${existing.name}" works: ${summary}.`);
        return summary;
      } catch (e) {
        void showError(e, log, {
          connection: existing,
          retry: () => vscode.commands.executeCommand('frameAdmin.testConnection', existing.id),
        });
        return undefined;
      }
    }),
  ];
}

function withTestProgress<T>(name: string, task: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Testing "${name}"…`, cancellable: true },
    (_p, token) => {
      const ctrl = new AbortController();
      token.onCancellationRequested(() => ctrl.abort());
      return task(ctrl.signal);
    },
  );
}

/** One cheap authenticated request; returns what it found, in words. */
async function testConnection(deps: ConnectionCommandDeps, connection: Connection, signal?: AbortSignal): Promise<string> {
  switch (apiKindOf(connection.baseUrl)) {
    case 'web':
      return summarizeWeb(await deps.clients.web(connection), signal);
    case 'admin':
      return summarizeAdmin(await deps.clients.admin(connection), signal);
    default:
      return 'the credentials are stored; this API has no standard endpoint to test, so use Send Signed Request…';
  }
}

async function summarizeWeb(client: FrameClient, signal?: AbortSignal): Promise<string> {
  const accounts = await client.listAccounts(signal);
  return `${accounts.length} account${accounts.length === 1 ? '' : 's'} visible`;
}

async function summarizeAdmin(client: FrameAdminClient, signal?: AbortSignal): Promise<string> {
  const page = await client.listCustomers({ limit: 100, signal });
  return `${page.items.length}${page.hasMore ? '+' : ''} customer${page.items.length === 1 ? '' : 's'} visible`;
}

/**
 * Verifies new credentials with a real request before saving. If that fails, the user chooses
 * between fixing them (nothing saved) and saving anyway (offline, or an API we cannot test).
 */
async function verifyOrConfirm(deps: ConnectionCommandDeps, fields: Omit<Connection, 'id'>, secret: string): Promise<boolean> {
  const kind = apiKindOf(fields.baseUrl);
  if (kind === 'other') return true;
  const options = {
    baseUrl: fields.baseUrl,
    credentials: { scheme: fields.scheme, clientId: fields.clientId, clientSecret: secret },
    transport: deps.clients.http,
  };
  try {
    const summary = await withTestProgress(fields.name, (signal) =>
      kind === 'web' ? summarizeWeb(new FrameClient(options), signal) : summarizeAdmin(new FrameAdminClient(options), signal),
    );
    deps.log.info(`Verified "${fields.name}": ${summary}.`);
    return true;
  } catch (e) {
    const choice = await vscode.window.showWarningMessage(
      `Could not verify "${fields.name}": ${messageOf(e)}`,
      { modal: true },
      'Save Anyway',
    );
    return choice === 'Save Anyway';
  }
}
