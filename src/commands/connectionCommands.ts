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
    throw new FrameError('invalid-request', vscode.l10n.t('A connection needs a name, a base URL, a client ID and a client secret.'));
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
          if (verdict.outcome === 'verified')
            void vscode.window.showInformationMessage(vscode.l10n.t('Added "{0}": {1}.', connection.name, verdict.summary));
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
          title: vscode.l10n.t('Rename Connection'),
          value: existing.name,
          prompt: vscode.l10n.t('New name'),
          validateInput: (s) => (s.trim() ? undefined : vscode.l10n.t('Enter a name.')),
        }));
      if (name?.trim()) await store.update({ ...existing, name: name.trim() });
    }),

    onConnection<{ confirm?: boolean }>(COMMANDS.removeConnection, async (existing, options) => {
      if (options?.confirm !== false) {
        const remove = vscode.l10n.t('Remove');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('Remove the connection "{0}"? Its client secret is deleted from VS Code\'s secret storage.', existing.name),
          { modal: true },
          remove,
        );
        if (answer !== remove) return;
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
            title: vscode.l10n.t('Update Secret: {0}', existing.name),
            prompt: vscode.l10n.t('Client secret for client ID {0}. Stored only in VS Code secret storage.', existing.clientId),
            password: true,
            ignoreFocusOut: true,
            validateInput: (s) => (s ? undefined : vscode.l10n.t('Enter the client secret.')),
          }));
        if (!secret) return;
        const verdict = check ? await verify(deps, existing, secret, true) : UNVERIFIED;
        if (verdict.outcome === 're-enter' && options?.secret === undefined) continue;
        if (verdict.outcome === 'cancel' || verdict.outcome === 're-enter') return;
        await store.storeSecret(existing.id, secret);
        deps.accounts.refresh();
        log.info(logLine`Updated the client secret of "${existing.name}".`);
        if (verdict.outcome === 'verified')
          void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" works with the new secret: {1}.', existing.name, verdict.summary));
        return;
      }
    }),

    onConnection<never>(COMMANDS.testConnection, async (existing) => {
      const secret = await store.getSecret(existing.id);
      if (!secret) throw new MissingSecretError(existing);
      const summary = await testCredentials(deps, existing, secret);
      void vscode.window.showInformationMessage(vscode.l10n.t('"{0}" works: {1}.', existing.name, summary));
      return summary;
    }),
  ];
}

/**
 * One cheap authenticated request with progress and Cancel; what it found, in words (the display
 * language's: the notifications put it after a colon, and the log line quotes it as it is).
 */
function testCredentials(deps: ConnectionCommandDeps, fields: Omit<Connection, 'id'>, secret: string): Thenable<string> {
  const options = deps.clients.optionsWith(fields, secret);
  return withCancellableProgress({ title: vscode.l10n.t('Testing "{0}"…', fields.name) }, async (signal) => {
    switch (fields.apiKind) {
      case 'web': {
        const accounts = await new FrameClient(options).listAccounts(signal);
        return accounts.length === 1 ? vscode.l10n.t('1 account visible') : vscode.l10n.t('{0} accounts visible', accounts.length);
      }
      case 'admin':
        return describeAdminAccess(new FrameAdminClient(options), signal);
      default:
        return vscode.l10n.t('the credentials are stored; this API has no standard endpoint to test, so use Send Signed Request…');
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
    return vscode.l10n.t('customer "{0}" visible', (await admin.getCustomer(signal)).name);
  } catch (e) {
    if (!refused(e)) throw e;
  }
  try {
    const orgs = firstPage((offset, limit) => admin.listOrganizations({}, { offset, limit, signal }));
    const items = await orgs.take(100);
    // {0} is a count, with "+" when there are more than were read.
    const count = `${items.length}${orgs.more ? '+' : ''}`;
    if (items.length)
      return items.length === 1
        ? vscode.l10n.t('organization-scoped: {0} organization visible', count)
        : vscode.l10n.t('organization-scoped: {0} organizations visible', count);
  } catch (e) {
    if (!refused(e)) throw e;
  }
  const accounts = firstPage((offset, limit) => admin.listAccounts({}, { offset, limit, signal }));
  const items = await accounts.take(100);
  const count = `${items.length}${accounts.more ? '+' : ''}`;
  return items.length === 1
    ? vscode.l10n.t('account-scoped: {0} account visible', count)
    : vscode.l10n.t('account-scoped: {0} accounts visible', count);
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
  const startedMs = Date.now();
  try {
    const summary = await testCredentials(deps, fields, secret);
    deps.log.info(logLine`Verified "${fields.name}": ${summary}.`);
    return { outcome: 'verified', summary };
  } catch (e) {
    if (isCancellation(e)) return { outcome: 'cancel' };
    deps.log.warn(logLine`Could not verify "${fields.name}": ${userMessage(e)}`);
    if (!interactive) throw e;
    // The "Testing …" notification closes before the modal opens, not behind it.
    await progressClosed(startedMs);
    const reEnter = vscode.l10n.t('Re-enter Secret');
    const saveAnyway = vscode.l10n.t('Save Anyway');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Could not verify "{0}"', fields.name),
      { modal: true, detail: userMessage(e) },
      // The first button is the default (Enter): fixing the secret, not saving a broken connection.
      reEnter,
      saveAnyway,
    );
    return { outcome: choice === reEnter ? 're-enter' : choice === saveAnyway ? 'unverified' : 'cancel' };
  }
}

/**
 * VS Code keeps a progress notification up for at least 800 ms after it started, even when its
 * work ended sooner (the workbench's progress service): a fast refusal would open the modal with
 * the "Testing …" toast still there. Waits until that time is over.
 */
const PROGRESS_MIN_MS = 800;
function progressClosed(startedMs: number): Promise<void> {
  const left = startedMs + PROGRESS_MIN_MS + 50 - Date.now();
  return left > 0 ? new Promise((resolve) => setTimeout(resolve, left)) : Promise.resolve();
}
