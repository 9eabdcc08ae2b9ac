/**
 * The Accounts view: one node per connection; below it the Web API accounts or the Admin API
 * tenant tree. Selecting anything under a Web API account selects that account for the Team
 * Members and Applications views.
 */
import * as vscode from 'vscode';
import { describeApiKind, isReadOnly, type Connection } from '../connections/connection';
import type { ConnectionStore, SecretState } from '../connections/connectionStore';
import type { AccountSelection } from '../connections/selection';
import type { Favourite, Favourites } from '../connections/favourites';
import { COMMANDS, CONTEXT, VIEWS } from '../contract';
import { textTooltip } from '../ui/markdown';
import { adminConnectionChildren } from './admin/tenantTree';
import { AdminAccountNode } from './admin/accounts';
import { PublishTasksNode } from './admin/publishTasks';
import { AdminViewState, type AdminFilter } from './adminViewState';
import { AccountDirectory, type DirectoryEntry } from './accountDirectory';
import { findEntryNode } from './entryFinder';
import type { AccountsContext, NodeContext } from './nodeContext';
import { NodeTreeProvider } from './tree/nodeTreeProvider';
import { MessageNode, ParentNode, RootNode, TreeNode, type NodeTree } from './tree/treeNode';
import { AccountNode } from './webApiNodes';

export class ConnectionNode extends ParentNode {
  protected readonly failedLabel: string;

  constructor(
    parent: TreeNode,
    private readonly saved: Connection,
    readonly secretState: SecretState,
    private readonly ctx: AccountsContext,
  ) {
    super(parent, `conn:${saved.id}`);
    this.failedLabel = saved.apiKind === 'admin' ? vscode.l10n.t('Could not load the customer') : vscode.l10n.t('Could not load accounts');
  }

  protected override emptyLabel(): string {
    return this.saved.apiKind === 'admin' ? vscode.l10n.t('No customer') : vscode.l10n.t('No accounts');
  }

  override get connection(): Connection {
    return this.saved;
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.saved;
    const ok = this.secretState === 'present';
    const admin = c.apiKind === 'admin';
    const filter = admin ? this.ctx.admin.describeFilter(c.id) : '';
    const context = !ok
      ? CONTEXT.connectionSecretMissing
      : admin
        ? filter
          ? CONTEXT.connectionAdminFiltered
          : CONTEXT.connectionAdmin
        : CONTEXT.connection;
    const item = this.item(c.name, context, vscode.TreeItemCollapsibleState.Collapsed);
    let host = c.baseUrl;
    try {
      host = new URL(c.baseUrl).host;
    } catch {
      // shown as typed
    }
    item.description = [
      vscode.l10n.t('{0} · {1}', describeApiKind(c.apiKind), host),
      admin && isReadOnly(c) ? vscode.l10n.t('read-only') : '',
      filter ? vscode.l10n.t('filter: {0}', filter) : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const secretText = {
      present: () => vscode.l10n.t('Client secret: stored in VS Code secret storage'),
      missing: () => vscode.l10n.t('Client secret: missing: use Update Secret'),
      unavailable: () => vscode.l10n.t('Client secret: secret storage unavailable'),
    }[this.secretState]();
    item.tooltip = textTooltip(
      c.name,
      vscode.l10n.t('Base URL: {0}', c.baseUrl),
      vscode.l10n.t('Client ID: {0}', c.clientId),
      vscode.l10n.t('Signing: {0}', c.scheme),
      secretText,
      ...(admin
        ? [
            isReadOnly(c)
              ? vscode.l10n.t('Read-only: write actions (Publish Sandbox) are not offered or run.')
              : vscode.l10n.t('Write actions allowed.'),
          ]
        : []),
      ...(filter ? [vscode.l10n.t('Filtered by name: {0}', filter)] : []),
    );
    item.iconPath = new vscode.ThemeIcon(ok ? 'plug' : 'warning', ok ? undefined : new vscode.ThemeColor('problemsWarningIcon.foreground'));
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    if (this.secretState !== 'present') {
      const label =
        this.secretState === 'missing'
          ? vscode.l10n.t('Client secret missing: click to enter it')
          : vscode.l10n.t('Secret storage unavailable: click to retry');
      return [
        new MessageNode(this, 'secret', label, 'key', {
          command: COMMANDS.updateSecret,
          title: vscode.l10n.t('Update Secret'),
          arguments: [this],
        }),
      ];
    }
    switch (this.saved.apiKind) {
      case 'web': {
        const accounts = await (await this.ctx.clients.web(this.saved)).listAccounts();
        return accounts.sort((a, b) => a.name.localeCompare(b.name)).map((a) => new AccountNode(this, a, this.ctx));
      }
      case 'admin':
        return adminConnectionChildren(this, this.ctx);
      default:
        return [
          new MessageNode(this, 'signed-only', vscode.l10n.t('Signed requests only: use Send Signed Request…'), 'send', {
            command: COMMANDS.sendSignedRequest,
            title: vscode.l10n.t('Send Signed Request…'),
            arguments: [this],
          }),
        ];
    }
  }
}

class ConnectionsRoot extends RootNode {
  protected readonly failedLabel = vscode.l10n.t('Could not load connections');

  constructor(
    tree: NodeTree,
    private readonly store: ConnectionStore,
    private readonly ctx: AccountsContext,
    private readonly favourites: Favourites,
  ) {
    super(tree);
  }

  /** The view's description: active name filters and the inactive-accounts toggle. */
  get description(): string | undefined {
    const admin = this.ctx.admin;
    const filtered = this.store.list().filter((c) => admin.isFiltered(c.id));
    const parts = [
      filtered.length === 1
        ? vscode.l10n.t('filter: {0}', admin.describeFilter(filtered[0]!.id))
        : filtered.length > 1
          ? vscode.l10n.t('{0} connections filtered', filtered.length)
          : '',
      admin.hideInactive && this.store.list().some((c) => c.apiKind === 'admin') ? vscode.l10n.t('inactive hidden') : '',
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : undefined;
  }

  /** Nothing at all when there is no connection, so the view's welcome content shows. */
  protected override emptyLabel(): undefined {
    return undefined;
  }

  protected async load(): Promise<TreeNode[]> {
    const connections = await Promise.all(
      this.store.list().map(async (c) => new ConnectionNode(this, c, await this.store.secretState(c.id), this.ctx)),
    );
    // Pinned accounts first, in a group of their own (only while there are some).
    const pinned = this.favourites.list().filter((f) => this.store.get(f.connectionId));
    return pinned.length ? [new FavouritesNode(this, pinned, this.store), ...connections] : connections;
  }
}

/** "Favourites": the pinned accounts, each a click away from its place in the tree. */
export class FavouritesNode extends ParentNode {
  protected readonly failedLabel = vscode.l10n.t('Could not load favourites');

  constructor(
    parent: TreeNode,
    private readonly pinned: Favourite[],
    private readonly store: ConnectionStore,
  ) {
    super(parent, 'favourites');
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(vscode.l10n.t('Favourites'), CONTEXT.favourites, vscode.TreeItemCollapsibleState.Expanded);
    item.description = String(this.pinned.length);
    item.iconPath = new vscode.ThemeIcon('star-full');
    item.tooltip = vscode.l10n.t('Pinned accounts (Pin to Favourites on an account; Unpin here). Click one to show it in its connection.');
    return item;
  }

  protected override emptyLabel(): string {
    return vscode.l10n.t('No favourites');
  }

  protected async load(): Promise<TreeNode[]> {
    const named = this.pinned.map((f) => ({ f, connection: this.store.get(f.connectionId)! }));
    named.sort((a, b) => a.connection.name.localeCompare(b.connection.name) || a.f.name.localeCompare(b.f.name));
    return named.map(({ f, connection }) => new FavouriteNode(this, f, connection));
  }
}

/** A pinned account: its name and connection; a click reveals the account where it is in the tree. */
export class FavouriteNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly favourite: Favourite,
    private readonly saved: Connection,
  ) {
    super(parent, `fav:${favourite.connectionId}/${favourite.accountId}`);
  }

  override get connection(): Connection {
    return this.saved;
  }

  /** Where "Go to Account" takes it. */
  get entry(): DirectoryEntry {
    const f = this.favourite;
    return { kind: 'account', connection: this.saved, id: f.accountId, name: f.name, organization: f.organization };
  }

  getTreeItem(): vscode.TreeItem {
    const f = this.favourite;
    const item = this.item(f.name || f.accountId, CONTEXT.favourite);
    item.description = [this.saved.name, f.organization?.name].filter(Boolean).join(' › ');
    item.tooltip = textTooltip(
      f.name || f.accountId,
      vscode.l10n.t('Account ID: {0}', f.accountId),
      vscode.l10n.t('Connection: {0}', this.saved.name),
      ...(f.organization ? [vscode.l10n.t('Organization: {0}', f.organization.name)] : []),
      vscode.l10n.t('Click to show it in the tree.'),
    );
    item.iconPath = new vscode.ThemeIcon('star-full');
    item.command = { command: COMMANDS.goToAccount, title: vscode.l10n.t('Go to Account'), arguments: [this] };
    return item;
  }
}

export class AccountsView implements vscode.Disposable {
  readonly tree: NodeTreeProvider;
  /** Filters, the inactive toggle and the Publish Tasks nodes of the Admin API part of the view. */
  readonly admin: AdminViewState;
  /** The names Go to Account and the switcher search (read again after a refresh). */
  readonly directory: AccountDirectory;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly store: ConnectionStore,
    ctx: NodeContext,
    selection: AccountSelection,
    readonly favourites: Favourites,
    adminPageSize: () => number = () => 50,
  ) {
    this.admin = new AdminViewState(adminPageSize);
    this.directory = new AccountDirectory(ctx.clients);
    const accountsCtx: AccountsContext = { ...ctx, admin: this.admin };
    this.tree = new NodeTreeProvider(VIEWS.accounts, (tree) => new ConnectionsRoot(tree, store, accountsCtx, favourites), {
      showCollapseAll: true,
    });
    this.disposables = [
      this.tree,
      favourites.onDidChange(() => this.tree.refresh()),
      store.onDidChange(() => {
        this.admin.prune((id) => !!store.get(id));
        void favourites.prune((id) => !!store.get(id));
        this.refresh();
        // A removed connection must not stay selected.
        if (selection.value && !store.get(selection.value.connection.id)) selection.set(undefined);
      }),
      // Anything selected under a Web API account selects that account.
      this.tree.view.onDidChangeSelection((e) => {
        let node: TreeNode | undefined = e.selection[0];
        while (node && !(node instanceof AccountNode)) node = node.parent;
        if (node instanceof AccountNode) selection.set({ connection: node.connection, account: node.account });
      }),
    ];
    void this.updateContext();
  }

  /** The connection nodes, loaded on demand. */
  async connections(): Promise<ConnectionNode[]> {
    return ((await this.tree.getChildren()) as TreeNode[]).filter((n): n is ConnectionNode => n instanceof ConnectionNode);
  }

  refresh(): void {
    this.directory.forget();
    this.tree.refresh();
    void this.updateContext();
  }

  /**
   * Shows a connection, organization or account in the tree, selected and focused (loading pages,
   * or setting the connection's name filter, to reach it); false when it is not there.
   */
  async revealEntry(given: DirectoryEntry, options: { publishTasks?: boolean } = {}): Promise<boolean> {
    // An Admin API account's organization is learnt now if it is not yet (the tree is walked there):
    // organizations listed until it is found, which a large tenant makes visible, so the view says it is busy.
    const entry = await vscode.window
      .withProgress({ location: { viewId: VIEWS.accounts } }, () => this.directory.withOrganization(given))
      .then(
        (e) => e,
        () => given,
      );
    let node = await findEntryNode(
      {
        connectionNode: async (id) => (await this.connections()).find((c) => c.connection.id === id),
        setFilter: (id, filter) => this.setFilter(id, filter),
      },
      entry,
    );
    if (!node) return false;
    // An Admin API account's Publish Tasks (the Activity view's click on a publish).
    if (options.publishTasks && node instanceof AdminAccountNode)
      node = (await node.getChildren()).find((n) => n instanceof PublishTasksNode) ?? node;
    try {
      await this.tree.view.reveal(node, {
        select: true,
        focus: true,
        expand: entry.kind === 'connection' || node instanceof PublishTasksNode,
      });
      return true;
    } catch {
      return false;
    }
  }

  /** Shows a connection expanded and selected (a new connection, right after it was saved). */
  async reveal(connectionId: string): Promise<void> {
    const node = (await this.connections()).find((c) => c.connection.id === connectionId);
    if (!node) return;
    await Promise.resolve(this.tree.view.reveal(node, { select: true, focus: false, expand: true })).catch(() => undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** Sets (or clears) the name filter of an Admin API connection and reloads what it lists. */
  async setFilter(connectionId: string, filter: AdminFilter): Promise<void> {
    this.admin.setFilter(connectionId, filter);
    const node = (await this.connections()).find((n) => n.connection.id === connectionId);
    if (node) this.tree.refresh(node);
    else this.tree.refresh();
    void this.updateContext();
  }

  /** Hides or shows inactive Admin API accounts (no request: the loaded lists are redrawn). */
  setHideInactive(hide: boolean): void {
    this.admin.hideInactive = hide;
    this.tree.redraw();
    void this.updateContext();
  }

  /** Reloads the Publish Tasks of an account, if it is shown. */
  refreshPublishTasks(connectionId: string, accountId: string): void {
    const node = this.admin.tasksNode(connectionId, accountId);
    if (node) this.tree.refresh(node);
  }

  /**
   * Reloads the list an account is shown in (its row's "published … ago" comes from that list); false
   * when the account is not in the view.
   */
  refreshAccount(connectionId: string, accountId: string): boolean {
    const list = this.admin.accountNode(connectionId, accountId)?.parent;
    if (!list) return false;
    this.tree.refresh(list);
    return true;
  }

  /** Shows the Publish Tasks of an account (expanded, selected); false when the account is not in the view yet. */
  async revealPublishTasks(connectionId: string, accountId: string): Promise<boolean> {
    const node = this.admin.tasksNode(connectionId, accountId);
    if (!node) return false;
    this.tree.refresh(node);
    try {
      await this.tree.view.reveal(node, { expand: true, select: true, focus: true });
      return true;
    } catch {
      return false;
    }
  }

  private async updateContext(): Promise<void> {
    const all = this.store.list();
    const admin = all.filter((c) => c.apiKind === 'admin');
    const set = (key: string, value: boolean) => vscode.commands.executeCommand('setContext', key, value);
    await Promise.all([
      set('frameAdmin.hasConnections', all.length > 0),
      set('frameAdmin.hasAdminConnections', admin.length > 0),
      set(
        'frameAdmin.hasWritableAdminConnection',
        admin.some((c) => !isReadOnly(c)),
      ),
      set('frameAdmin.adminFilterActive', this.admin.anyFilter()),
      set('frameAdmin.hideInactiveAccounts', this.admin.hideInactive),
    ]);
  }
}
