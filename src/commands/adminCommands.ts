/**
 * Admin API commands that only read: Copy ID, Show Details, Filter… / Clear Filter, Hide / Show
 * Inactive Accounts, Show Audit Trail. (Publish Sandbox, the one write action, is publishCommand.ts.)
 */
import * as vscode from 'vscode';
import { detailsDocument, type AuditScope } from '../core/api';
import { FrameError } from '../core/errors';
import type { ClientFactory } from '../connections/clients';
import { type Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import type { DocumentTabs } from '../documents/documentTabs';
import { withCancellableProgress } from '../ui/progress';
import { CustomerNode, OrganizationNode, isAdminItem, type AccountsView, type AdminFilter } from '../views';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';
import { adminConnectionTarget, pickConnection } from './targets';

/** Whose audit trail a panel shows. */
export type AuditTarget = { connection: Connection; scope: AuditScope & { name: string } };

export interface AdminCommandDeps extends CommandHost {
  store: ConnectionStore;
  clients: ClientFactory;
  accounts: AccountsView;
  tabs: DocumentTabs;
  /** Opens (or reveals) the audit-trail panel of a customer or organization; returns its title. */
  showAuditTrail: (target: AuditTarget) => string;
}

export function registerAdminCommands(deps: AdminCommandDeps): vscode.Disposable[] {
  const { accounts } = deps;
  return [
    registerCommand(
      COMMANDS.copyId,
      async (target?: unknown) => {
        if (!isAdminItem(target) || !target.copyable.id) {
          void vscode.window.showInformationMessage(vscode.l10n.t('There is no ID to copy here.'));
          return undefined;
        }
        await vscode.env.clipboard.writeText(target.copyable.id);
        // The item says the whole sentence ("Copied account ID 42"): word order is the language's.
        vscode.window.setStatusBarMessage(target.copyable.copied, 3000);
        return target.copyable.id;
      },
      deps,
    ),

    registerCommand(
      COMMANDS.showDetails,
      async (target?: unknown) => {
        if (!isAdminItem(target))
          throw new FrameError('invalid-request', vscode.l10n.t('Show Details works on an item of the Accounts view.'));
        const { title, fileName, sections } = await withCancellableProgress({ title: vscode.l10n.t('Reading details…') }, (signal) =>
          target.details(signal),
        );
        const uri = await deps.tabs.showDocument(target.connection, fileName, detailsDocument(title, sections), 'jsonc');
        return uri.toString();
      },
      deps,
    ),

    registerCommand(
      COMMANDS.filterAdmin,
      async (target?: unknown, options?: AdminFilter) => {
        const connection = await adminConnectionTarget(target, deps.store);
        if (!connection) return undefined;
        const current = accounts.admin.filterOf(connection.id);
        const filter = options ?? (await askFilter(connection, current));
        if (!filter) return undefined;
        await accounts.setFilter(connection.id, filter);
        return accounts.admin.filterOf(connection.id);
      },
      deps,
    ),

    registerCommand(
      COMMANDS.clearAdminFilter,
      async (target?: unknown) => {
        const connection =
          target === undefined
            ? await pickConnection(
                deps.store,
                (c) => accounts.admin.isFiltered(c.id),
                vscode.l10n.t('Clear the filter of which connection?'),
              )
            : await adminConnectionTarget(target, deps.store);
        if (connection) await accounts.setFilter(connection.id, {});
      },
      deps,
    ),

    registerCommand(COMMANDS.hideInactiveAccounts, () => accounts.setHideInactive(true), deps),
    registerCommand(COMMANDS.showInactiveAccounts, () => accounts.setHideInactive(false), deps),

    registerCommand(
      COMMANDS.showAuditTrail,
      async (target?: unknown) => {
        const picked =
          target instanceof CustomerNode || target instanceof OrganizationNode
            ? { connection: target.connection, scope: target.auditScope }
            : await pickAuditScope(deps, target);
        return picked && deps.showAuditTrail(picked);
      },
      deps,
    ),
  ];
}

/** Filter… : which list, then the (partial) name; an empty name clears that part. */
async function askFilter(connection: Connection, current: AdminFilter): Promise<AdminFilter | undefined> {
  type Item = vscode.QuickPickItem & { part: 'accounts' | 'organizations' | 'clear' };
  const now = (text: string | undefined) => (text ? vscode.l10n.t('now “{0}”', text) : undefined);
  const items: Item[] = [
    { label: vscode.l10n.t('Accounts named like…'), description: now(current.accounts), part: 'accounts' },
    { label: vscode.l10n.t('Organizations named like…'), description: now(current.organizations), part: 'organizations' },
  ];
  if (current.accounts || current.organizations) items.push({ label: vscode.l10n.t('Clear the filter'), part: 'clear' });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Filter {0}', connection.name),
    placeHolder: vscode.l10n.t('Filter what, by name (Frame matches full or partial names)?'),
  });
  if (!picked) return undefined;
  if (picked.part === 'clear') return {};
  // Whole sentences per list (word order differs between languages).
  const accountsPart = picked.part === 'accounts';
  const name = await vscode.window.showInputBox({
    title: accountsPart
      ? vscode.l10n.t('Filter {0}: accounts', connection.name)
      : vscode.l10n.t('Filter {0}: organizations', connection.name),
    prompt: accountsPart
      ? vscode.l10n.t('Show only accounts whose name contains this text (asked of Frame). Empty: no filter on accounts.')
      : vscode.l10n.t('Show only organizations whose name contains this text (asked of Frame). Empty: no filter on organizations.'),
    value: current[picked.part] ?? '',
  });
  return name === undefined ? undefined : { ...current, [picked.part]: name };
}

/** From the palette: an Admin API connection, then its customer or one of its organizations. */
async function pickAuditScope(deps: AdminCommandDeps, target: unknown): Promise<AuditTarget | undefined> {
  const connection = await adminConnectionTarget(target, deps.store);
  if (!connection) return undefined;
  const choices = await withCancellableProgress({ title: vscode.l10n.t('Reading {0}…', connection.name) }, async (signal) => {
    const admin = await deps.clients.admin(connection);
    const out: (vscode.QuickPickItem & { scope: AuditTarget['scope'] })[] = [];
    try {
      const c = await admin.getCustomer(signal);
      out.push({
        label: c.name || c.id,
        description: vscode.l10n.t('customer'),
        detail: c.id,
        scope: { kind: 'customer', id: c.id, name: c.name || c.id },
      });
    } catch (e) {
      if (!(e instanceof FrameError) || (e.kind !== 'forbidden' && e.kind !== 'not-found')) throw e;
    }
    let orgs: Awaited<ReturnType<typeof admin.listOrganizations>>['items'] = [];
    try {
      orgs = await admin.all((p) => admin.listOrganizations({}, { ...p, signal }), { maxItems: 1000 });
    } catch (e) {
      if (!(e instanceof FrameError) || (e.kind !== 'forbidden' && e.kind !== 'not-found')) throw e;
    }
    for (const o of orgs)
      out.push({
        label: o.name || o.id,
        description: vscode.l10n.t('organization'),
        detail: o.id,
        scope: { kind: 'organization', id: o.id, name: o.name || o.id },
      });
    return out;
  });
  if (!choices.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'The credentials of "{0}" can see neither the customer nor an organization, and audit trails belong to those.',
        connection.name,
      ),
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t('Whose audit trail?'), matchOnDetail: true });
  return picked && { connection, scope: picked.scope };
}
