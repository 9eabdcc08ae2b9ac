/**
 * The Accounts view: one node per connection; below it the Web API accounts or the Admin API
 * tenant tree. Selecting anything under a Web API account selects that account for the Team
 * Members and Applications views.
 */
import * as vscode from 'vscode';
import { describeApiKind, isReadOnly, type Connection } from '../connections/connection';
import type { ConnectionStore, SecretState } from '../connections/connectionStore';
import type { AccountSelection } from '../connections/selection';
import { COMMANDS, CONTEXT, VIEWS } from '../contract';
import { textTooltip } from '../ui/markdown';
import { adminConnectionChildren } from './admin/tenantTree';
import { AdminViewState, type AdminFilter } from './adminViewState';
import type { AccountsContext, NodeContext } from './nodeContext';
import { NodeTreeProvider } from './tree/nodeTreeProvider';
import { MessageNode, ParentNode, RootNode, type NodeTree, type TreeNode } from './tree/treeNode';
import { AccountNode } from './webApiNodes';

export class ConnectionNode extends ParentNode {
  protected readonly what: string;

  constructor(
    parent: TreeNode,
    private readonly saved: Connection,
    readonly secretState: SecretState,
    private readonly ctx: AccountsContext,
  ) {
    super(parent, `conn:${saved.id}`);
    this.what = saved.apiKind === 'admin' ? 'the customer' : 'accounts';
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
      `${describeApiKind(c.apiKind)} · ${host}`,
      admin && isReadOnly(c) ? 'read-only' : '',
      filter ? `filter: ${filter}` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    const secretText = {
      present: 'stored in VS Code secret storage',
      missing: 'missing: use Update Secret',
      unavailable: 'secret storage unavailable',
    }[this.secretState];
    item.tooltip = textTooltip(
      c.name,
      `Base URL: ${c.baseUrl}`,
      `Client ID: ${c.clientId}`,
      `Signing: ${c.scheme}`,
      `Client secret: ${secretText}`,
      ...(admin ? [isReadOnly(c) ? 'Read-only: write actions (Publish Sandbox) are not offered or run.' : 'Write actions allowed.'] : []),
      ...(filter ? [`Filtered by name: ${filter}`] : []),
    );
    item.iconPath = new vscode.ThemeIcon(ok ? 'plug' : 'warning', ok ? undefined : new vscode.ThemeColor('problemsWarningIcon.foreground'));
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    if (this.secretState !== 'present') {
      const label =
        this.secretState === 'missing' ? 'Client secret missing: click to enter it' : 'Secret storage unavailable: click to retry';
      return [new MessageNode(this, 'secret', label, 'key', { command: COMMANDS.updateSecret, title: 'Update Secret', arguments: [this] })];
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
          new MessageNode(this, 'signed-only', 'Signed requests only: use Send Signed Request…', 'send', {
            command: COMMANDS.sendSignedRequest,
            title: 'Send Signed Request…',
            arguments: [this],
          }),
        ];
    }
  }
}

class ConnectionsRoot extends RootNode {
  protected readonly what = 'connections';

  constructor(
    tree: NodeTree,
    private readonly store: ConnectionStore,
    private readonly ctx: AccountsContext,
  ) {
    super(tree);
  }

  /** The view's description: active name filters and the inactive-accounts toggle. */
  get description(): string | undefined {
    const admin = this.ctx.admin;
    const filtered = this.store.list().filter((c) => admin.isFiltered(c.id));
    const parts = [
      filtered.length === 1
        ? `filter: ${admin.describeFilter(filtered[0]!.id)}`
        : filtered.length > 1
          ? `${filtered.length} connections filtered`
          : '',
      admin.hideInactive && this.store.list().some((c) => c.apiKind === 'admin') ? 'inactive hidden' : '',
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : undefined;
  }

  /** Nothing at all when there is no connection, so the view's welcome content shows. */
  protected override emptyLabel(): undefined {
    return undefined;
  }

  protected async load(): Promise<TreeNode[]> {
    return Promise.all(this.store.list().map(async (c) => new ConnectionNode(this, c, await this.store.secretState(c.id), this.ctx)));
  }
}

export class AccountsView implements vscode.Disposable {
  readonly tree: NodeTreeProvider;
  /** Filters, the inactive toggle and the Publish Tasks nodes of the Admin API part of the view. */
  readonly admin: AdminViewState;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly store: ConnectionStore,
    ctx: NodeContext,
    selection: AccountSelection,
    adminPageSize: () => number = () => 50,
  ) {
    this.admin = new AdminViewState(adminPageSize);
    const accountsCtx: AccountsContext = { ...ctx, admin: this.admin };
    this.tree = new NodeTreeProvider(VIEWS.accounts, (tree) => new ConnectionsRoot(tree, store, accountsCtx), { showCollapseAll: true });
    this.disposables = [
      this.tree,
      store.onDidChange(() => {
        this.admin.prune((id) => !!store.get(id));
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
    this.tree.refresh();
    void this.updateContext();
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
