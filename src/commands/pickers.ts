/** QuickPicks that choose a connection or an account when a command is run from the palette. */
import * as vscode from 'vscode';
import type { Account } from '../core/api';
import { apiKindOf, describeApiKind, type Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ClientFactory } from '../connections/clients';
import type { SelectedAccount } from '../views/selection';

export async function pickConnection(
  store: ConnectionStore,
  filter: (c: Connection) => boolean = () => true,
  placeHolder = 'Choose a Frame connection',
): Promise<Connection | undefined> {
  const connections = store.list().filter(filter);
  if (connections.length === 0) {
    const add = await vscode.window.showInformationMessage('There is no suitable Frame connection yet.', 'Add Connection');
    if (add) await vscode.commands.executeCommand('frameAdmin.addConnection');
    return undefined;
  }
  if (connections.length === 1) return connections[0];
  const picked = await vscode.window.showQuickPick(
    connections.map((c) => ({ label: c.name, description: `${describeApiKind(apiKindOf(c.baseUrl))} · ${c.baseUrl}`, connection: c })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.connection;
}

/** A Web API connection, then one of its accounts (loaded with progress). */
export async function pickAccount(store: ConnectionStore, clients: ClientFactory): Promise<SelectedAccount | undefined> {
  const connection = await pickConnection(store, (c) => apiKindOf(c.baseUrl) === 'web', 'Choose a Frame Web API connection');
  if (!connection) return undefined;
  const accounts = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Loading accounts of ${connection.name}…`, cancellable: true },
    async (_p, token) => {
      const ctrl = new AbortController();
      token.onCancellationRequested(() => ctrl.abort());
      return (await clients.web(connection)).listAccounts(ctrl.signal);
    },
  );
  const picked = await vscode.window.showQuickPick(
    accounts.map((a: Account) => ({ label: a.name || a.accountId, description: a.accountId, detail: a.email || undefined, account: a })),
    { placeHolder: 'Choose an account', matchOnDescription: true, matchOnDetail: true },
  );
  return picked ? { connection, account: picked.account } : undefined;
}
