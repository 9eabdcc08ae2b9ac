/** Add / Edit / Rename / Remove Connection, Update Secret, Test Connection. */
import * as vscode from 'vscode';
import { FrameAdminClient, FrameClient, Pager, apiKindOf, normalizeBaseUrl, type PageFetch } from '../core/api';
import { logLine } from '../core/logLine';
import { FrameError, isCancellation, isFrameError, userMessage } from '../core/errors';
import type { Scheme } from '../core/signing';
import { clientIdProblem } from '../core/signing/clientId';
import type { Connection } from '../connections/connection';
import { MissingSecretError, type ClientFactory } from '../connections/clients';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ResponseHistory } from '../core/requests/history';
import type { RequestHistory } from '../connections/requestHistory';
import { runConnectionWizard } from '../connections/connectionWizard';
import { withCancellableProgress } from '../ui/progress';
import type { AccountsView } from '../views';
import { COMMANDS, type CommandId } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';
import { connectionTarget } from './targets';

export interface ConnectionCommandDeps extends CommandHost {
  store: ConnectionStore;
  clients: ClientFactory;
  accounts: AccountsView;
  history: RequestHistory;
  /** Responses with bodies, forgotten with their connection. */
  responseHistory: Pick<ResponseHistory, 'forget'>;
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
  /**
   * Refuse write actions (Publish Sandbox). The wizard asks for Admin API connections; a script that
   * does not say gets a read-only Admin API connection (the safe side) and a writable other one.
   */
  readOnly?: boolean;
}

function isConnectionInput(v: unknown): v is ConnectionInput {
  const i = v as Partial<ConnectionInput> | undefined;
  return !!i && typeof i === 'object' && typeof i.baseUrl === 'string' && typeof i.secret === 'string';
}

function fromInput(i: ConnectionInput, secretOptional = false): { fields: Omit<Connection, 'id'>; secret: string } {
  if (!i.name?.trim() || !i.clientId?.trim() || (!i.secret && !secretOptional)) {
    throw new FrameError('invalid-request', 'A connection needs a name, a base URL, a client ID and a client secret.');
  }
  const problem = clientIdProblem(i.clientId.trim(), i.scheme ?? 'frame');
  if (problem) throw new FrameError('invalid-request', problem);
  const baseUrl = normalizeBaseUrl(i.baseUrl).href;
  const apiKind = apiKindOf(baseUrl);
  const readOnly = typeof i.readOnly === 'boolean' ? i.readOnly : apiKind === 'admin';
  return {
    fields: {
      name: i.name.trim(),
      baseUrl,
      apiKind,
      scheme: i.scheme ?? 'frame',
      clientId: i.clientId.trim(),
      ...(readOnly ? { readOnly } : {}),
    },
    secret: i.secret,
  };
}

export function registerConnectionCommands(deps: ConnectionCommandDeps): vscode.Disposable[] {
  const { store, log } = deps;
  /** A command on one connection: the node's, the one with the given id, or one the user picks. */
  const onConnection = <O>(id: CommandId, body: (connection: Connection, options: O | undefined) => unknown) =>
    registerCommand(
      id,
      async (target?: unknown, options?: O) => {
        const connection = await connectionTarget(target, store);
        return connection && body(connection, options);
      },
      deps,
    );
  return [
    registerCommand(
      COMMANDS.addConnection,
      async (input?: unknown) => {
        // Menus pass their own context (a view, a node); only a ConnectionInput skips the wizard.
        const given = isConnectionInput(input) ? input : undefined;
        let draft: Omit<Connection, 'id'> | undefined;
        for (;;) {
          const result = given ? fromInput(given) : await runConnectionWizard(undefined, draft);
          if (!result) return undefined;
          const verdict = given?.verify === false ? UNVERIFIED : await verify(deps, result.fields, result.secret, !given);
          if (verdict.outcome === 're-enter') {
            draft = result.fields;
            continue;
          }
          if (verdict.outcome === 'cancel') return undefined;
          const connection = await store.add(result.fields, result.secret);
          log.info(
            logLine`Added connection "${connection.name}" (${connection.baseUrl}, ${connection.scheme}${connection.readOnly ? ', read-only' : ''}).`,
          );
          await deps.accounts.reveal(connection.id);
          if (verdict.outcome === 'verified') void vscode.window.showInformationMessage(`Added "${connection.name}": ${verdict.summary}.`);
          return connection.id;
        }
      },
      deps,
    ),

    onConnection<Partial<ConnectionInput>>(COMMANDS.editConnection, async (existing, changes) => {
      let draft: Omit<Connection, 'id'> | undefined;
      for (;;) {
        // With `changes` (scripts and tests) the wizard is skipped; the result is verified all the same.
        const result = changes
          ? fromInput(
              { ...existing, secret: '', readOnly: existing.readOnly ?? false, ...changes, baseUrl: changes.baseUrl ?? existing.baseUrl },
              true,
            )
          : await runConnectionWizard(existing, draft);
        if (!result) return;
        const secret = result.secret || (await store.getSecret(existing.id).catch(() => undefined)) || '';
        const verdict = secret ? await verify(deps, result.fields, secret, !changes) : UNVERIFIED;
        if (verdict.outcome === 're-enter') {
          draft = result.fields;
          continue;
        }
        if (verdict.outcome === 'cancel') return;
        if (result.secret) await store.storeSecret(existing.id, result.secret);
        // readOnly is replaced, not merged: a connection made writable loses the flag.
        const { readOnly: _dropped, ...rest } = existing;
        await store.update({ ...rest, ...result.fields });
        log.info(logLine`Updated connection "${result.fields.name}"${result.fields.readOnly ? ' (read-only)' : ''}.`);
        return;
      }
    }),

    onConnection<{ name?: string }>(COMMANDS.renameConnection, async (existing, options) => {
      const name =
        options?.name ??
        (await vscode.window.showInputBox({
          title: 'Rename Connection',
          value: existing.name,
          prompt: 'New name',
          validateInput: (s) => (s.trim() ? undefined : 'Enter a name.'),
        }));
      if (name?.trim()) await store.update({ ...existing, name: name.trim() });
    }),

    onConnection<{ confirm?: boolean }>(COMMANDS.removeConnection, async (existing, options) => {
      if (options?.confirm !== false) {
        const answer = await vscode.window.showWarningMessage(
          `Remove the connection "${existing.name}"? Its client secret is deleted from VS Code's secret storage.`,
          { modal: true },
          'Remove',
        );
        if (answer !== 'Remove') return;
      }
      await store.remove(existing.id);
      await deps.history.forget(existing.id);
      await deps.responseHistory.forget(existing.id);
      log.info(logLine`Removed connection "${existing.name}".`);
    }),

    onConnection<{ secret?: string; verify?: boolean }>(COMMANDS.updateSecret, async (existing, options) => {
      // A typed secret is checked before it replaces the stored one; a scripted one when asked to.
      const check = options?.secret === undefined || options.verify === true;
      for (;;) {
        const secret =
          options?.secret ??
          (await vscode.window.showInputBox({
            title: `Update Secret: ${existing.name}`,
            prompt: `Client secret for client ID ${existing.clientId}. Stored only in VS Code secret storage.`,
            password: true,
            ignoreFocusOut: true,
            validateInput: (s) => (s ? undefined : 'Enter the client secret.'),
          }));
        if (!secret) return;
        const verdict = check ? await verify(deps, existing, secret, true) : UNVERIFIED;
        if (verdict.outcome === 're-enter' && options?.secret === undefined) continue;
        if (verdict.outcome === 'cancel' || verdict.outcome === 're-enter') return;
        await store.storeSecret(existing.id, secret);
        deps.accounts.refresh();
        log.info(logLine`Updated the client secret of "${existing.name}".`);
        if (verdict.outcome === 'verified')
          void vscode.window.showInformationMessage(`"${existing.name}" works with the new secret: ${verdict.summary}.`);
        return;
      }
    }),

    onConnection<never>(COMMANDS.testConnection, async (existing) => {
      const secret = await store.getSecret(existing.id);
      if (!secret) throw new MissingSecretError(existing);
      const summary = await testCredentials(deps, existing, secret);
      void vscode.window.showInformationMessage(`"${existing.name}" works: ${summary}.`);
      return summary;
    }),
  ];
}

/** One cheap authenticated request with progress and Cancel; what it found, in words. */
function testCredentials(deps: ConnectionCommandDeps, fields: Omit<Connection, 'id'>, secret: string): Thenable<string> {
  const options = deps.clients.optionsWith(fields, secret);
  return withCancellableProgress({ title: `Testing "${fields.name}"…` }, async (signal) => {
    switch (fields.apiKind) {
      case 'web': {
        const accounts = await new FrameClient(options).listAccounts(signal);
        return `${accounts.length} account${accounts.length === 1 ? '' : 's'} visible`;
      }
      case 'admin':
        return describeAdminAccess(new FrameAdminClient(options), signal);
      default:
        return 'the credentials are stored; this API has no standard endpoint to test, so use Send Signed Request…';
    }
  });
}

/** What verifying credentials before saving them came to. */
type Verdict = { outcome: 'verified'; summary: string } | { outcome: 'unverified' | 're-enter' | 'cancel' };
const UNVERIFIED: Verdict = { outcome: 'unverified' };

/** What Admin API credentials can see: the customer, else organizations, else accounts (scoped credentials). */
async function describeAdminAccess(admin: FrameAdminClient, signal: AbortSignal): Promise<string> {
  const refused = (e: unknown) => isFrameError(e, 'forbidden') || isFrameError(e, 'not-found');
  try {
    return `customer "${(await admin.getCustomer(signal)).name}" visible`;
  } catch (e) {
    if (!refused(e)) throw e;
  }
  try {
    const orgs = firstPage((offset, limit) => admin.listOrganizations({}, { offset, limit, signal }));
    const items = await orgs.take(100);
    if (items.length)
      return `organization-scoped: ${items.length}${orgs.more ? '+' : ''} organization${items.length === 1 ? '' : 's'} visible`;
  } catch (e) {
    if (!refused(e)) throw e;
  }
  const accounts = firstPage((offset, limit) => admin.listAccounts({}, { offset, limit, signal }));
  const items = await accounts.take(100);
  return `account-scoped: ${items.length}${accounts.more ? '+' : ''} account${items.length === 1 ? '' : 's'} visible`;
}

/** A list read page by page (a short page is not its end: see Pager). */
function firstPage<T extends { id: string }>(fetch: PageFetch<T>): Pager<T> {
  return new Pager(
    fetch,
    (item) => item,
    (item) => item.id,
  );
}

/**
 * Verifies credentials with a real request before they are saved. When that fails, the user
 * chooses: Re-enter Secret (the default: back to the secret, everything else kept), Save Anyway
 * (offline, or an API we cannot test), or cancel. `interactive` false (scripts) never asks.
 */
async function verify(deps: ConnectionCommandDeps, fields: Omit<Connection, 'id'>, secret: string, interactive: boolean): Promise<Verdict> {
  if (fields.apiKind === 'other') return UNVERIFIED;
  try {
    const summary = await testCredentials(deps, fields, secret);
    deps.log.info(logLine`Verified "${fields.name}": ${summary}.`);
    return { outcome: 'verified', summary };
  } catch (e) {
    if (isCancellation(e)) return { outcome: 'cancel' };
    deps.log.warn(logLine`Could not verify "${fields.name}": ${userMessage(e)}`);
    if (!interactive) throw e;
    const choice = await vscode.window.showWarningMessage(
      `Could not verify "${fields.name}"`,
      { modal: true, detail: userMessage(e) },
      // The first button is the default (Enter): fixing the secret, not saving a broken connection.
      'Re-enter Secret',
      'Save Anyway',
    );
    return { outcome: choice === 'Re-enter Secret' ? 're-enter' : choice === 'Save Anyway' ? 'unverified' : 'cancel' };
  }
}
