/**
 * Switching and finding: the status-bar switcher (one sorted "connection › account" pick), "Frame:
 * Go to Account…" (every connection, organization and account, names cached, Frame's name filter
 * for the rest; reveals the node), Pin / Unpin (Favourites), and the Activity view's click and Clear.
 */
import * as vscode from 'vscode';
import { FrameError, userMessage } from '../core/errors';
import { logLine } from '../core/logLine';
import type { Connection } from '../connections/connection';
import type { ActivityLog } from '../connections/activityLog';
import type { ConnectionStore } from '../connections/connectionStore';
import type { AccountSelection } from '../connections/selection';
import {
  AccountNode,
  ActivityNode,
  AdminAccountNode,
  FavouriteNode,
  OrganizationNode,
  type AccountsView,
  type DirectoryEntry,
} from '../views';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';

export interface NavigationCommandDeps extends CommandHost {
  store: ConnectionStore;
  selection: AccountSelection;
  accounts: AccountsView;
  activity: ActivityLog;
}

/** For scripts and tests: what Go to Account goes to without asking. */
export interface GoToOptions {
  connectionId: string;
  kind: DirectoryEntry['kind'];
  /** The organization's or account's id (not for a connection). */
  id?: string;
}

type EntryItem = vscode.QuickPickItem & { entry?: DirectoryEntry; key: string };

const ICONS: Record<DirectoryEntry['kind'], string> = { connection: 'plug', organization: 'organization', account: 'vm' };

/** "connection › organization" above an entry, for sorting and for the pick's description. */
function pathOf(e: DirectoryEntry): string {
  if (e.kind === 'connection') return '';
  const org = e.kind === 'account' ? e.organization?.name : undefined;
  return [e.connection.name, org].filter(Boolean).join(' › ');
}

function keyOf(e: DirectoryEntry): string {
  return `${e.kind}:${e.connection.id}:${e.kind === 'connection' ? '' : e.id}`;
}

function nameOf(e: DirectoryEntry): string {
  return e.kind === 'connection' ? e.connection.name : e.name;
}

function itemOf(e: DirectoryEntry): EntryItem {
  const kind =
    e.kind === 'connection'
      ? vscode.l10n.t('connection')
      : e.kind === 'organization'
        ? vscode.l10n.t('organization')
        : vscode.l10n.t('account');
  return {
    label: `$(${ICONS[e.kind]}) ${nameOf(e)}`,
    description: [pathOf(e), kind].filter(Boolean).join(' · '),
    detail: undefined,
    entry: e,
    key: keyOf(e),
  };
}

function sortEntries(entries: DirectoryEntry[]): DirectoryEntry[] {
  const rank = { connection: 0, organization: 1, account: 2 };
  return [...entries].sort(
    (a, b) =>
      a.connection.name.localeCompare(b.connection.name) ||
      (a.kind === 'connection' ? -1 : b.kind === 'connection' ? 1 : 0) ||
      pathOf(a).localeCompare(pathOf(b)) ||
      rank[a.kind] - rank[b.kind] ||
      nameOf(a).localeCompare(nameOf(b)),
  );
}

export function registerNavigationCommands(deps: NavigationCommandDeps): vscode.Disposable[] {
  const { store, accounts } = deps;
  const directory = accounts.directory;

  const reveal = async (entry: DirectoryEntry, options: { publishTasks?: boolean } = {}) => {
    if (entry.kind === 'account' && entry.webAccount) deps.selection.set({ connection: entry.connection, account: entry.webAccount });
    const shown = await accounts.revealEntry(entry, options);
    if (!shown)
      void vscode.window.showWarningMessage(
        vscode.l10n.t('"{0}" is not in the Accounts view (removed, or an inactive account while inactive ones are hidden).', nameOf(entry)),
      );
    return shown;
  };

  return [
    registerCommand(
      COMMANDS.selectAccount,
      async (target?: unknown) => {
        // A node or a { connection, account } (scripts, tests) selects at once; otherwise the switcher.
        const given = target as { connection?: Connection; account?: { accountId?: string } } | undefined;
        if (given?.connection && typeof given.account?.accountId === 'string') {
          const picked = { connection: given.connection, account: given.account as AccountNode['account'] };
          deps.selection.set(picked);
          return picked.account.accountId;
        }
        const picked = await switchAccount(deps);
        if (picked) deps.selection.set(picked);
        return picked?.account.accountId;
      },
      deps,
    ),

    registerCommand(
      COMMANDS.goToAccount,
      async (target?: unknown, options?: GoToOptions) => {
        if (target instanceof FavouriteNode) return reveal(target.entry);
        if (options) {
          const connection = store.get(options.connectionId);
          if (!connection) throw new FrameError('connection-removed', vscode.l10n.t('That Frame connection no longer exists.'));
          const listing = await directory.listing(connection);
          const entry =
            options.kind === 'connection'
              ? listing.entries[0]
              : listing.entries.find((e) => e.kind === options.kind && e.kind !== 'connection' && e.id === options.id);
          if (!entry) throw new FrameError('not-found', notFound(options, connection.name));
          return reveal(entry);
        }
        const entry = await pickEntry(deps);
        return entry ? reveal(entry) : undefined;
      },
      deps,
    ),

    registerCommand(
      COMMANDS.pinAccount,
      async (target?: unknown) => {
        const favourite =
          target instanceof AccountNode
            ? { connectionId: target.connection.id, accountId: target.account.accountId, name: target.account.name, api: 'web' as const }
            : target instanceof AdminAccountNode
              ? {
                  connectionId: target.connection.id,
                  accountId: target.adminAccount.id,
                  name: target.adminAccount.name || target.adminAccount.id,
                  api: 'admin' as const,
                  organization:
                    target.parent instanceof OrganizationNode
                      ? { id: target.parent.organization.id, name: target.parent.organization.name || target.parent.organization.id }
                      : undefined,
                }
              : undefined;
        if (!favourite) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Pin to Favourites works on an account in the Accounts view.'));
          return false;
        }
        if (!(await accounts.favourites.pin(favourite)))
          throw new FrameError('invalid-request', vscode.l10n.t('Favourites are full (100 accounts): unpin one first.'));
        deps.log.info(logLine`Pinned account "${favourite.name}" (${favourite.accountId}).`);
        return true;
      },
      deps,
    ),

    registerCommand(
      COMMANDS.unpinAccount,
      async (target?: unknown) => {
        const key =
          target instanceof FavouriteNode
            ? target.favourite
            : target instanceof AccountNode
              ? { connectionId: target.connection.id, accountId: target.account.accountId }
              : target instanceof AdminAccountNode
                ? { connectionId: target.connection.id, accountId: target.adminAccount.id }
                : undefined;
        return key ? accounts.favourites.unpin(key.connectionId, key.accountId) : false;
      },
      deps,
    ),

    registerCommand(
      COMMANDS.openActivity,
      async (target?: unknown) => {
        if (!(target instanceof ActivityNode)) return false;
        const e = target.entry;
        const connection = store.get(e.connectionId);
        if (!connection)
          throw new FrameError('connection-removed', vscode.l10n.t('The connection "{0}" no longer exists.', e.connectionName));
        if (!e.accountId) return reveal({ kind: 'connection', connection });
        // The directory knows the account's organization: the tree is walked there first.
        const listing = await directory.listing(connection);
        const known = listing.entries.find((x) => x.kind === 'account' && x.id === e.accountId);
        const entry: DirectoryEntry = known ?? { kind: 'account', connection, id: e.accountId, name: e.accountName };
        // A publish that started a task: its account's Publish Tasks (reloaded), else the account.
        return reveal(entry, { publishTasks: !!e.taskId });
      },
      deps,
    ),

    registerCommand(
      COMMANDS.clearActivity,
      async (_target?: unknown, options?: { confirm?: boolean }) => {
        if (options?.confirm !== false) {
          const clear = vscode.l10n.t('Clear');
          const answer = await vscode.window.showWarningMessage(
            vscode.l10n.t('Clear the Activity list? The "Frame" log keeps its lines.'),
            { modal: true },
            clear,
          );
          if (answer !== clear) return false;
        }
        await deps.activity.clear();
        return true;
      },
      deps,
    ),

    // A changed connection list reads the names again.
    store.onDidChange(() => directory.forget()),
  ];
}

/** Go to Account's "no such entry" (for scripts and tests), one whole sentence per kind. */
function notFound(options: GoToOptions, connectionName: string): string {
  const id = options.id ?? '';
  switch (options.kind) {
    case 'connection':
      return vscode.l10n.t('No connection with the id {0} on "{1}".', id, connectionName);
    case 'organization':
      return vscode.l10n.t('No organization with the id {0} on "{1}".', id, connectionName);
    default:
      return vscode.l10n.t('No account with the id {0} on "{1}".', id, connectionName);
  }
}

/** The switcher: every Web API account as one sorted "connection › account" list (the current one active). */
async function switchAccount(deps: NavigationCommandDeps) {
  const web = deps.store.list().filter((c) => c.apiKind === 'web');
  if (web.length === 0) {
    const addConnection = vscode.l10n.t('Add Connection');
    const add = await vscode.window.showInformationMessage(
      vscode.l10n.t('Team Members and Applications follow an account of a Frame Web API connection; there is none yet.'),
      addConnection,
    );
    if (add === addConnection) await vscode.commands.executeCommand(COMMANDS.addConnection);
    return undefined;
  }
  type Item = vscode.QuickPickItem & {
    selected?: { connection: Connection; account: NonNullable<DirectoryEntry & { kind: 'account' }>['webAccount'] };
  };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = vscode.l10n.t('Switch Frame Account');
  pick.placeholder = vscode.l10n.t('Type to find an account (connection › account)');
  pick.matchOnDescription = true;
  pick.busy = true;
  const current = deps.selection.value;
  const items: Item[] = [];
  const failures: Item[] = [];
  const render = () => {
    items.sort((a, b) => a.label.localeCompare(b.label));
    pick.items = [...items, ...failures];
    const active = items.find(
      (i) => i.selected?.connection.id === current?.connection.id && i.selected?.account?.accountId === current?.account.accountId,
    );
    if (active) pick.activeItems = [active];
  };
  const loads = web.map(async (connection) => {
    const listing = await deps.accounts.directory.listing(connection);
    if (listing.error !== undefined)
      failures.push({
        label: `$(error) ${connection.name}`,
        description: vscode.l10n.t('could not list accounts: {0}', userMessage(listing.error)),
      });
    for (const e of listing.entries)
      if (e.kind === 'account' && e.webAccount)
        items.push({
          label: `${connection.name} › ${e.name}`,
          description:
            e.connection.id === current?.connection.id && e.id === current?.account.accountId
              ? vscode.l10n.t('{0} (current)', e.webAccount.accountId)
              : e.webAccount.accountId,
          detail: undefined,
          selected: { connection, account: e.webAccount },
        });
    render();
  });
  void Promise.all(loads).finally(() => (pick.busy = false));
  render();
  const chosen = await new Promise<Item | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      if (item?.selected) resolve(item);
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  const s = chosen?.selected;
  return s?.account ? { connection: s.connection, account: s.account } : undefined;
}

/** Go to Account's pick: every connection's names as they arrive; typed text asked of Frame where a tenant was read only in part. */
async function pickEntry(deps: NavigationCommandDeps): Promise<DirectoryEntry | undefined> {
  const connections = deps.store.list();
  if (connections.length === 0) {
    const addConnection = vscode.l10n.t('Add Connection');
    const add = await vscode.window.showInformationMessage(vscode.l10n.t('There is no Frame connection yet.'), addConnection);
    if (add === addConnection) await vscode.commands.executeCommand(COMMANDS.addConnection);
    return undefined;
  }
  const pick = vscode.window.createQuickPick<EntryItem>();
  pick.title = vscode.l10n.t('Go to Account');
  pick.placeholder = vscode.l10n.t('Type a connection, organization or account name');
  pick.matchOnDescription = true;
  pick.busy = true;
  const known = new Map<string, DirectoryEntry>();
  const notes: EntryItem[] = [];
  const partial = new Set<Connection>();
  pick.keepScrollPosition = true;
  const render = () => {
    // Rows are drawn again as names and organizations arrive: the highlighted one stays highlighted.
    const active = pick.activeItems[0]?.key;
    pick.items = [...sortEntries([...known.values()]).map(itemOf), ...notes];
    const again = active === undefined ? undefined : pick.items.find((i) => i.key === active);
    if (again) pick.activeItems = [again];
  };
  const add = (entries: DirectoryEntry[]) => {
    for (const e of entries) if (!known.has(keyOf(e))) known.set(keyOf(e), e);
  };
  let pending = connections.length;
  // Admin API accounts' organizations, learnt in the background while the pick is open (the rows
  // drawn again at most five times a second as they arrive).
  const background = new AbortController();
  let redraw: ReturnType<typeof setTimeout> | undefined;
  const renderSoon = () => {
    redraw ??= setTimeout(() => {
      redraw = undefined;
      if (!background.signal.aborted) render();
    }, 200);
  };
  for (const connection of connections) {
    void deps.accounts.directory.listing(connection).then((listing) => {
      add(listing.entries);
      if (connection.apiKind === 'admin' && listing.error === undefined)
        void deps.accounts.directory.fillOrganizations(connection, background.signal, renderSoon);
      if (listing.error !== undefined)
        notes.push({
          label: `$(error) ${connection.name}`,
          description: vscode.l10n.t('could not read its names: {0}', userMessage(listing.error)),
          key: `error:${connection.id}`,
          alwaysShow: true,
        });
      if (!listing.complete) partial.add(connection);
      if (--pending === 0) pick.busy = false;
      render();
    });
  }
  // Frame's name filter for tenants read only in part: asked once typing pauses.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let search = new AbortController();
  pick.onDidChangeValue((text) => {
    if (timer) clearTimeout(timer);
    search.abort();
    if (!text.trim() || partial.size === 0) return;
    timer = setTimeout(() => {
      search = new AbortController();
      const signal = search.signal;
      pick.busy = true;
      void Promise.all(
        [...partial].map((c) => deps.accounts.directory.searchAdmin(c, text.trim(), signal).catch(() => [] as DirectoryEntry[])),
      ).then((found) => {
        if (signal.aborted) return;
        add(found.flat());
        pick.busy = pending > 0;
        render();
      });
    }, 300);
  });
  render();
  const chosen = await new Promise<EntryItem | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      if (item?.entry) resolve(item);
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  if (timer) clearTimeout(timer);
  search.abort();
  background.abort();
  if (redraw) clearTimeout(redraw);
  pick.dispose();
  return chosen?.entry;
}
