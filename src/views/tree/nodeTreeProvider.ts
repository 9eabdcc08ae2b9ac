/**
 * The one TreeDataProvider: every view is a RootNode's children. It shows loading progress on the
 * view, keeps the view's description in step with the root, and rebuilds the root on a full
 * refresh (a new selection, a new connection list).
 */
import * as vscode from 'vscode';
import { withAbortSignal } from '../../ui/progress';
import type { NodeTree, ParentNode, TreeNode } from './treeNode';

/** The invisible top of a view: its children are the view's items; it may describe the view. */
export type ViewRoot = ParentNode & { readonly description?: string };

export class NodeTreeProvider implements vscode.TreeDataProvider<TreeNode>, NodeTree, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<TreeNode>;
  private root: ViewRoot | undefined;
  private built = false;

  constructor(
    readonly viewId: string,
    /** The root for the current state, or undefined for an empty view (its welcome content shows). */
    private readonly makeRoot: (tree: NodeTree) => ViewRoot | undefined,
    options: { showCollapseAll?: boolean; canSelectMany?: boolean } = {},
  ) {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this, ...options });
  }

  /** The current root (built on first use). */
  get current(): ViewRoot | undefined {
    if (!this.built) {
      this.root = this.makeRoot(this);
      this.built = true;
      this.view.description = this.root?.description;
    }
    return this.root;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent === this.root ? undefined : node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const target = node ?? this.current;
    if (!target) return [];
    const children = await vscode.window.withProgress({ location: { viewId: this.viewId } }, () => target.getChildren());
    // A root may describe what it loaded ("1,204 members").
    if (target === this.root) this.view.description = this.root.description;
    return children;
  }

  /** Lets a node fill in a costly tooltip on hover (TreeNode.resolveTreeItem); cancelled when the hover goes. */
  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    return withAbortSignal(token, (signal) => node.resolveTreeItem(item, signal));
  }

  refresh(node?: TreeNode): void {
    if (!node || node === this.root) {
      this.built = false;
      this.root = undefined;
      this.changed.fire(undefined);
      return;
    }
    node.invalidate();
    // A node's refresh may change what the root says about the view (a filter, a toggle).
    if (this.root) this.view.description = this.root.description;
    this.changed.fire(node);
  }

  redraw(node?: TreeNode): void {
    if (this.root) this.view.description = this.root.description;
    this.changed.fire(!node || node === this.root ? undefined : node);
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
