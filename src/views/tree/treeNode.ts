/**
 * The one node model of every view (after vscode-pull-request-github's treeNodes): each node builds
 * its own TreeItem and children; parent nodes cache their children and turn a failure into an
 * error node with Retry, and "nothing there" into a message, so a view is never silently empty.
 * Ids are stable (built from the parent's id and the entity's own id, never a list index) and
 * unique among siblings whatever an API returns.
 */
import * as vscode from 'vscode';
import { needsSecret, userMessage } from '../../core/errors';
import { Pager, type PageRead } from '../../core/api/paging';
import type { Connection } from '../../connections/connection';
import { COMMANDS, CONTEXT, type ContextValue } from '../../contract';

/** What a node needs of the view it is shown in. */
export interface NodeTree {
  readonly viewId: string;
  /** Forget the node's cached children and show it again (everything when no node). */
  refresh(node?: TreeNode): void;
  /** Show the node again with the children it has (after "Load more", an icon arriving). */
  redraw(node?: TreeNode): void;
}

export abstract class TreeNode {
  /** Unique in its view; `uniqueIds()` may add a suffix when siblings share a key. */
  id: string;

  constructor(
    readonly parent: TreeNode | undefined,
    key: string,
  ) {
    this.id = parent ? `${parent.id}/${encodeURIComponent(key)}` : encodeURIComponent(key);
  }

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }

  /** Forget cached children (the next expand reloads them). */
  invalidate(): void {
    // Leaf nodes cache nothing.
  }

  /**
   * Fills in what is costly to know (a tooltip from an extra request) when VS Code asks: on hover,
   * for the properties getTreeItem left undefined. Most nodes have nothing to add.
   */
  resolveTreeItem(item: vscode.TreeItem, _signal: AbortSignal): Promise<vscode.TreeItem> {
    return Promise.resolve(item);
  }

  /** The view this node is shown in. */
  get tree(): NodeTree {
    if (!this.parent) throw new Error(vscode.l10n.t('Tree node {0} has no root.', this.id));
    return this.parent.tree;
  }

  /** The connection whose credentials read this node, if any (for "Update Secret"). */
  get connection(): Connection | undefined {
    return this.parent?.connection;
  }

  /** A TreeItem with this node's id and context value: the one place both are set. */
  protected item(label: string, context: ContextValue, collapsible = vscode.TreeItemCollapsibleState.None): vscode.TreeItem {
    const item = new vscode.TreeItem(label, collapsible);
    item.id = this.id;
    item.contextValue = context;
    return item;
  }
}

/** A node whose children are loaded (once, until refreshed) and may fail. */
export abstract class ParentNode extends TreeNode {
  private children: Promise<TreeNode[]> | undefined;

  /** The error node's label when the load fails ("Could not load accounts"): a whole sentence, translated. */
  protected abstract readonly failedLabel: string;

  protected abstract load(): Promise<TreeNode[]>;

  /** Shown when there are no children ("No accounts"); undefined shows nothing (so the view's welcome content appears). */
  protected abstract emptyLabel(): string | undefined;

  override getChildren(): Promise<TreeNode[]> {
    this.children ??= this.load().then(
      (nodes) => this.withEmpty(uniqueIds(nodes)),
      (e: unknown) => [new ErrorNode(this, this.failedLabel, e)],
    );
    return this.children;
  }

  override invalidate(): void {
    this.children = undefined;
  }

  /** Replaces the cached children without loading (paging appends this way). */
  protected setChildren(nodes: TreeNode[]): void {
    this.children = Promise.resolve(this.withEmpty(uniqueIds(nodes)));
  }

  private withEmpty(nodes: TreeNode[]): TreeNode[] {
    const empty = nodes.length ? undefined : this.emptyLabel();
    return empty ? [new MessageNode(this, 'empty', empty, 'info')] : nodes;
  }
}

/** The invisible root of a view: its children are the view's top-level items. */
export abstract class RootNode extends ParentNode {
  constructor(private readonly view: NodeTree) {
    super(undefined, view.viewId);
  }

  override get tree(): NodeTree {
    return this.view;
  }

  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem(this.view.viewId);
  }
}

/**
 * A page at a time, with a "Load more" item while more may follow. Paging is core's Pager: a short
 * page is not the end, a page cut or repeated by the server is noted, each item becomes a node once.
 */
export abstract class PagedNode<T> extends ParentNode {
  // Items typed unknown here so that any PagedNode<T> is a PagedNode<unknown> (LoadMoreNode's).
  private pager: Pager<unknown, TreeNode> | undefined;
  private nodes: TreeNode[] = [];

  protected abstract pageSize(): number;
  /** Items from `offset` on (at most `limit`), and whether more follow (false only at the list's end). */
  protected abstract fetchPage(offset: number, limit: number): Promise<PageRead<T>>;
  protected abstract toNode(item: T): TreeNode;

  protected async load(): Promise<TreeNode[]> {
    this.nodes = [];
    this.pager = new Pager<unknown, TreeNode>(
      (offset, limit) => this.fetchPage(offset, limit),
      (item) => this.toNode(item as T),
      (node) => this.itemKey(node),
    );
    return this.append(await this.pager.take(this.limit()));
  }

  /** Fetches the next page and shows it below the ones already there. */
  async loadMore(): Promise<void> {
    if (!this.pager?.more) return;
    this.setChildren(this.append(await this.pager.take(this.limit())));
    this.tree.redraw(this);
  }

  /** Fetches every remaining page (bounded: at most `maxItems` in all), then shows them. */
  async loadAll(maxItems = 100_000): Promise<void> {
    if (!this.pager?.more) return;
    this.setChildren(this.append(await this.pager.takeAll(this.limit(), maxItems)));
    this.tree.redraw(this);
  }

  /** How many items are shown, and how many there are when known. */
  get counts(): { shown: number; total: number | undefined } {
    return { shown: this.nodes.length, total: this.pager?.total };
  }

  /** What makes an item the same as one already shown: its node id (built from the entity's id); undefined never repeats. */
  protected itemKey(node: TreeNode): string | undefined {
    return node.id;
  }

  private limit(): number {
    return Math.max(1, this.pageSize());
  }

  /** The nodes so far, the server's misbehaviour noted, and "Load more" while more may follow. */
  private append(page: TreeNode[]): TreeNode[] {
    for (const node of page) this.nodes.push(node);
    const pager = this.pager!;
    const shown = [...this.nodes];
    pager.notes.forEach((note, i) => shown.push(new MessageNode(this, `paging${i}`, note, 'warning')));
    if (pager.more) shown.push(new LoadMoreNode(this, pager.total === undefined ? undefined : Math.max(0, pager.total - pager.count)));
    return shown;
  }

  override invalidate(): void {
    super.invalidate();
    this.nodes = [];
    this.pager = undefined;
  }
}

export class MessageNode extends TreeNode {
  constructor(
    parent: TreeNode,
    /** What the message is about ('empty' for "nothing there"). */
    readonly key: string,
    readonly label: string,
    readonly icon: string,
    readonly command?: vscode.Command,
  ) {
    super(parent, `message:${key}`);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(this.label, CONTEXT.message);
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.command = this.command;
    return item;
  }
}

/** A failed load: the message, Retry on click, and Show Log / Update Secret as inline actions. */
export class ErrorNode extends TreeNode {
  readonly message: string;

  constructor(
    readonly failed: ParentNode,
    readonly label: string,
    readonly error: unknown,
  ) {
    super(failed, 'error');
    this.message = userMessage(error);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(this.label, needsSecret(this.error) ? CONTEXT.authError : CONTEXT.error);
    item.description = this.message.length > 90 ? this.message.slice(0, 89) + '…' : this.message;
    item.tooltip = this.message;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.command = { command: COMMANDS.retry, title: vscode.l10n.t('Retry'), arguments: [this] };
    return item;
  }

  /** Loads the failed node again. */
  retry(): void {
    this.failed.tree.refresh(this.failed);
  }
}

export class LoadMoreNode extends TreeNode {
  constructor(
    readonly pages: PagedNode<unknown>,
    readonly remaining: number | undefined,
  ) {
    super(pages, 'more');
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(
      this.remaining === undefined
        ? vscode.l10n.t('Load more…')
        : vscode.l10n.t('Load more ({0} more)', this.remaining.toLocaleString('en-US')),
      CONTEXT.loadMore,
    );
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.command = { command: COMMANDS.loadMore, title: vscode.l10n.t('Load More'), arguments: [this] };
    return item;
  }
}

/** Gives siblings that share an id (duplicate ids in API data) distinct ones, in order. */
export function uniqueIds<N extends TreeNode>(nodes: N[]): N[] {
  const seen = new Map<string, number>();
  for (const n of nodes) {
    const count = seen.get(n.id) ?? 0;
    seen.set(n.id, count + 1);
    if (count > 0) n.id = `${n.id}~${count + 1}`;
  }
  // A suffixed id can itself collide with a real one ("a~2" from the API): go again until unique.
  return new Set(nodes.map((n) => n.id)).size === nodes.length ? nodes : uniqueIds(nodes);
}
