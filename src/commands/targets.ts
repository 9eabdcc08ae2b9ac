/**
 * What a command acts on, from its first argument: a tree node that carries it, an id (from a
 * notification button or a script), or, when run from the palette, the selected account or a
 * QuickPick.
 */
import * as vscode from 'vscode';
import type { Account } from '../core/api';
import { FrameError } from '../core/errors';
import type { ClientFactory } from '../connections/clients';
import { describeApiKind, type Connection, type SelectedAccount } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import type { AccountSelection } from '../connections/selection';
import { withCancellableProgress } from '../ui/progress';
import { COMMANDS } from '../contract';

export interface TargetDeps {
  store: ConnectionStore;
  clients: ClientFactory;
  selection: AccountSelection;
}

export function hasConnection(arg: unknown): arg is { connection: Connection } {
  const c = (arg as { connection?: Partial<Connection> } | undefined)?.connection;
  return !!c && typeof c === 'object' && typeof c.id === 'string' && typeof c.baseUrl === 'string';
}

export function hasAccount(arg: unknown): arg is SelectedAccount {
  const a = (arg as { account?: Partial<Account> } | undefined)?.account;
  return hasConnection(arg) && !!a && typeof a === 'object' && typeof a.accountId === 'string';
}

/** The connection of a node, the connection with this id, or (no argument) one the user picks. */
export async function connectionTarget(arg: unknown, store: ConnectionStore): Promise<Connection | undefined> {
  if (typeof arg === 'string') {
    const found = store.get(arg);
    if (!found) throw new FrameError('connection-removed', vscode.l10n.t('That Frame connection no longer exists.'));
    return found;
  }
  if (hasConnection(arg)) return store.get(arg.connection.id) ?? arg.connection;
  return pickConnection(store);
}

/** The Admin API connection a command acts on: the node's, the one with this id, or one the user picks. */
export async function adminConnectionTarget(target: unknown, store: ConnectionStore): Promise<Connection | undefined> {
  const isAdmin = (c: Connection) => c.apiKind === 'admin';
  const connection =
    target === undefined
      ? await pickConnection(store, isAdmin, vscode.l10n.t('Choose a Frame Admin API connection'))
      : await connectionTarget(target, store);
  if (connection && !isAdmin(connection))
    throw new FrameError(
      'invalid-request',
      vscode.l10n.t(
        '"{0}" is not a Frame Admin API connection (such as https://api.console.nutanix.com/v1): this works only there.',
        connection.name,
      ),
    );
  return connection;
}

/**
 * The account an account command acts on: the node's (any node under an account), else the
 * selected account (`preferSelection`), else one the user picks. Only any-API commands
 * (`anyApi`) accept an Admin API account; the others would call the Web API against the Admin base.
 */
export async function accountTarget(
  arg: unknown,
  deps: TargetDeps,
  options: { preferSelection?: boolean; anyApi?: boolean } = {},
): Promise<SelectedAccount | undefined> {
  let target: SelectedAccount | undefined;
  if (hasAccount(arg)) target = { connection: arg.connection, account: arg.account };
  else if (options.preferSelection !== false && deps.selection.value) target = deps.selection.value;
  else target = await pickAccount(deps);
  if (target && !options.anyApi && target.connection.apiKind !== 'web') {
    throw new FrameError(
      'invalid-request',
      vscode.l10n.t(
        'Sessions, usage, team members and applications are read through a Frame Web API connection (such as https://api.fra.me/v1alpha); "{0}" is not one ({1}).',
        target.connection.name,
        describeApiKind(target.connection.apiKind),
      ),
    );
  }
  return target;
}

export async function pickConnection(
  store: ConnectionStore,
  filter: (c: Connection) => boolean = () => true,
  placeHolder = vscode.l10n.t('Choose a Frame connection'),
): Promise<Connection | undefined> {
  const connections = store.list().filter(filter);
  if (connections.length === 0) {
    const addConnection = vscode.l10n.t('Add Connection');
    const add = await vscode.window.showInformationMessage(vscode.l10n.t('There is no suitable Frame connection yet.'), addConnection);
    if (add === addConnection) await vscode.commands.executeCommand(COMMANDS.addConnection);
    return undefined;
  }
  if (connections.length === 1) return connections[0];
  const picked = await vscode.window.showQuickPick(
    connections.map((c) => ({ label: c.name, description: `${describeApiKind(c.apiKind)} · ${c.baseUrl}`, connection: c })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.connection;
}

/** A Web API connection, then one of its accounts (loaded with progress and Cancel). */
async function pickAccount(deps: TargetDeps): Promise<SelectedAccount | undefined> {
  const connection = await pickConnection(deps.store, (c) => c.apiKind === 'web', vscode.l10n.t('Choose a Frame Web API connection'));
  if (!connection) return undefined;
  const accounts = await withCancellableProgress({ title: vscode.l10n.t('Loading accounts of {0}…', connection.name) }, async (signal) =>
    (await deps.clients.web(connection)).listAccounts(signal),
  );
  const picked = await vscode.window.showQuickPick(
    accounts.map((a) => ({ label: a.name || a.accountId, description: a.accountId, detail: a.email || undefined, account: a })),
    { placeHolder: vscode.l10n.t('Choose an account'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked ? { connection, account: picked.account } : undefined;
}
