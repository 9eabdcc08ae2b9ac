/**
 * The Accounts view: one node per connection; below it the Web API accounts or the Admin API
 * tenant tree. Selecting anything under a Web API account selects that account for the Team
 * Members and Applications views.
 */
import * as vscode from 'vscode';
import { apiKindOf, describeApiKind, type Connection } from '../connections/connection';
import type { ConnectionStore, SecretState } from '../connections/connectionStore';
import type { AccountSelection } from '../connections/selection';
import { COMMANDS } from '../commands/ids';
import { textTooltip } from '../ui/markdown';
import { customerNodes } from './adminApiNodes';
import { CONTEXT, VIEWS } from './contextValues';
import type { NodeContext } from './nodeContext';
import { NodeTreeProvider } from './tree/nodeTreeProvider';
import { MessageNode, ParentNode, RootNode, type NodeTree, type TreeNode } from './tree/treeNode';
import { AccountNode } from './webApiNodes';

export class ConnectionNode extends ParentNode {
  protected readonly what: string;

  constructor(
    parent: TreeNode,
    private readonly saved: Connection,
    readonly secretState: SecretState,
    private readonly ctx: NodeContext,
  ) {
    super(parent, `conn:${saved.id}`);
    this.what = apiKindOf(saved.baseUrl) === 'admin' ? 'customers' : 'accounts';
  }

  override get connection(): Connection {
    return this.saved;
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.saved;
    const ok = this.secretState === 'present';
    const item = this.item(c.name, ok ? CONTEXT.connection : CONTEXT.connectionSecretMissing, vscode.TreeItemCollapsibleState.Collapsed);
    let host = c.baseUrl;
    try {
      host = new URL(c.baseUrl).host;
    } catch {
      // shown as typed
    }
    item.description = `${describeApiKind(apiKindOf(c.baseUrl))} · ${host}`;
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
    switch (apiKindOf(this.saved.baseUrl)) {
      case 'web': {
        const accounts = await (await this.ctx.clients.web(this.saved)).listAccounts();
        return accounts.sort((a, b) => a.name.localeCompare(b.name)).map((a) => new AccountNode(this, a, this.ctx));
      }
      case 'admin':
        return customerNodes(this, this.ctx);
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
    private readonly ctx: NodeContext,
  ) {
    super(tree);
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
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly store: ConnectionStore,
    ctx: NodeContext,
    selection: AccountSelection,
  ) {
    this.tree = new NodeTreeProvider(VIEWS.accounts, (tree) => new ConnectionsRoot(tree, store, ctx), { showCollapseAll: true });
    this.disposables = [
      this.tree,
      store.onDidChange(() => {
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

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'frameAdmin.hasConnections', this.store.list().length > 0);
  }
}
