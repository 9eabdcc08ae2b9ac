/** The Accounts view: one root per connection; loading shows progress on the view itself. */
import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import { ConnectionNode, type NodeContext } from './accountNodes';
import type { TreeNode } from './treeNode';

export const ACCOUNTS_VIEW = 'frameAdmin.accounts';

export class AccountsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ConnectionNode[] | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ConnectionStore,
    private readonly ctx: NodeContext,
  ) {
    this.subscription = store.onDidChange(() => this.refresh());
    void this.updateContext();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return vscode.window.withProgress({ location: { viewId: ACCOUNTS_VIEW } }, () => node.getChildren());
    this.roots ??= await Promise.all(
      this.store.list().map(async (c) => new ConnectionNode(c, await this.store.secretState(c.id), this.ctx)),
    );
    return this.roots;
  }

  /** The current root nodes (loaded on demand). */
  async connections(): Promise<ConnectionNode[]> {
    return (await this.getChildren()) as ConnectionNode[];
  }

  /** Reloads a node's children, or everything. */
  refresh(node?: TreeNode): void {
    if (node) {
      node.invalidate();
      this.changed.fire(node);
      return;
    }
    this.roots = undefined;
    void this.updateContext();
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'frameAdmin.hasConnections', this.store.list().length > 0);
  }
}
