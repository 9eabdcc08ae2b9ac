/**
 * The Applications view: applications of the selected account. The list shows at once; icons
 * arrive afterwards, each on its own (a slow or failing icon host never holds the list up).
 */
import * as vscode from 'vscode';
import type { Application } from '../core/api';
import type { ClientFactory } from '../connections/clients';
import type { Connection, SelectedAccount } from '../connections/connection';
import type { AccountSelection } from '../connections/selection';
import { textTooltip } from '../ui/markdown';
import { CONTEXT, VIEWS } from '../contract';
import type { IconCache } from './iconCache';
import { NodeTreeProvider } from './tree/nodeTreeProvider';
import { RootNode, TreeNode, type NodeTree } from './tree/treeNode';

export class ApplicationNode extends TreeNode {
  icon: vscode.Uri | undefined;

  constructor(
    parent: TreeNode,
    readonly app: Application,
  ) {
    super(parent, `app:${app.name}`);
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(this.app.name, CONTEXT.application);
    item.iconPath = this.icon ?? new vscode.ThemeIcon('window');
    item.tooltip = textTooltip(this.app.name);
    // Said as its name: the label the workbench builds from a Markdown tooltip ends with a space.
    item.accessibilityInformation = { label: this.app.name };
    return item;
  }
}

class ApplicationsRoot extends RootNode {
  protected readonly failedLabel = vscode.l10n.t('Could not load applications');

  constructor(
    tree: NodeTree,
    private readonly selected: SelectedAccount,
    private readonly clients: ClientFactory,
    private readonly icons: IconCache,
  ) {
    super(tree);
  }

  override get connection(): Connection {
    return this.selected.connection;
  }

  get description(): string {
    return this.selected.account.name || this.selected.account.accountId;
  }

  protected override emptyLabel(): string {
    return vscode.l10n.t('This account has no applications');
  }

  protected async load(): Promise<TreeNode[]> {
    const client = await this.clients.web(this.selected.connection);
    const apps = await client.listApplications(this.selected.account.accountId);
    apps.sort((a, b) => a.name.localeCompare(b.name));
    const nodes = apps.map((app) => new ApplicationNode(this, app));
    for (const node of nodes) {
      if (!node.app.iconUrl) continue;
      void this.icons.get(node.app.iconUrl, this.selected.connection.baseUrl).then((icon) => {
        if (!icon) return;
        node.icon = icon;
        this.tree.redraw(node);
      });
    }
    return nodes;
  }
}

export class ApplicationsView implements vscode.Disposable {
  readonly tree: NodeTreeProvider;
  private readonly disposables: vscode.Disposable[];

  constructor(selection: AccountSelection, clients: ClientFactory, icons: IconCache) {
    this.tree = new NodeTreeProvider(VIEWS.applications, (tree) =>
      selection.value ? new ApplicationsRoot(tree, selection.value, clients, icons) : undefined,
    );
    this.disposables = [this.tree, selection.onDidChange(() => this.tree.refresh())];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
