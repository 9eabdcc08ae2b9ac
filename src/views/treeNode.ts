/**
 * Tree node base classes (after vscode-pull-request-github's treeNodes): each node builds its own
 * TreeItem and children; loading nodes cache their children and turn failures into an error node
 * with Retry, so a view is never silently empty.
 */
import * as vscode from 'vscode';
import { messageOf, needsSecret } from '../ui/errors';
import type { Connection } from '../connections/connection';

export abstract class TreeNode {
  constructor(readonly parent: TreeNode | undefined) {}

  /** Stable across refreshes, so VS Code keeps expansion and selection. */
  abstract readonly id: string;

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }

  /** Forget cached children (the next expand reloads them). */
  invalidate(): void {
    // Leaf nodes cache nothing.
  }
}

export abstract class LoadingNode extends TreeNode {
  private children: Promise<TreeNode[]> | undefined;

  /** The connection whose credentials load this node (for "Update Secret" on auth errors). */
  abstract readonly connection: Connection;

  /** What is being loaded, for the error node: "accounts", "session reports"... */
  protected abstract readonly what: string;

  protected abstract load(): Promise<TreeNode[]>;

  override getChildren(): Promise<TreeNode[]> {
    this.children ??= this.load().then(
      (nodes) => (nodes.length ? nodes : [new MessageNode(this, `No ${this.what}`, 'info')]),
      (e: unknown) => [new ErrorNode(this, this.what, e, this.connection)],
    );
    return this.children;
  }

  override invalidate(): void {
    this.children = undefined;
  }
}

export class MessageNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode | undefined,
    readonly label: string,
    readonly icon: string,
    readonly command?: vscode.Command,
    readonly tooltip?: string,
  ) {
    super(parent);
    this.id = `${parent?.id ?? 'root'}/message:${label}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.command = this.command;
    item.tooltip = this.tooltip;
    item.contextValue = 'message';
    return item;
  }
}

/** A failed load: the message, and Retry / Update Secret / Show Log as inline actions. */
export class ErrorNode extends TreeNode {
  readonly id: string;
  readonly message: string;

  constructor(
    parent: TreeNode,
    what: string,
    readonly error: unknown,
    readonly connection: Connection | undefined,
  ) {
    super(parent);
    this.id = `${parent.id}/error`;
    this.message = messageOf(error);
    this.label = `Could not load ${what}`;
  }

  readonly label: string;

  getTreeItem(): vscode.TreeItem {
    return errorTreeItem(this.id, this.label, this.message, needsSecret(this.error), this);
  }
}

/**
 * The tree item of a failed load, in any view: the message, and Retry (on click, with `retryArg`),
 * Show Log and, for credential problems, Update Secret as inline actions (menus match `error*`).
 */
export function errorTreeItem(id: string, label: string, message: string, auth: boolean, retryArg: unknown): vscode.TreeItem {
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = message.length > 90 ? message.slice(0, 89) + '…' : message;
  item.tooltip = message;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.contextValue = auth ? 'error.authError' : 'error';
  item.command = { command: 'frameAdmin.retry', title: 'Retry', arguments: [retryArg] };
  return item;
}
