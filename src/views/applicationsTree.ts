/** The Applications view: applications of the selected account, with their icons. */
import * as vscode from 'vscode';
import type { Application } from '../core/api';
import type { ClientFactory } from '../connections/clients';
import { messageOf, needsSecret } from '../ui/errors';
import type { IconCache } from './iconCache';
import { errorTreeItem } from './treeNode';
import type { AccountSelection } from './selection';

export const APPLICATIONS_VIEW = 'frameAdmin.applications';

export type AppItem =
  { kind: 'app'; app: Application; icon: vscode.Uri | undefined; key: string } | { kind: 'error'; message: string; auth: boolean };

export class ApplicationsTreeProvider implements vscode.TreeDataProvider<AppItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AppItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private items: Thenable<AppItem[]> | undefined;
  private view: vscode.TreeView<AppItem> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly selection: AccountSelection,
    private readonly clients: ClientFactory,
    private readonly icons: IconCache,
  ) {
    this.subscription = selection.onDidChange(() => this.refresh());
  }

  attach(view: vscode.TreeView<AppItem>): void {
    this.view = view;
    this.updateDescription();
  }

  refresh(): void {
    this.items = undefined;
    this.updateDescription();
    this.changed.fire(undefined);
  }

  getTreeItem(item: AppItem): vscode.TreeItem {
    if (item.kind === 'error')
      return errorTreeItem('apps/error', 'Could not load applications', item.message, item.auth, APPLICATIONS_VIEW);
    const t = new vscode.TreeItem(item.app.name, vscode.TreeItemCollapsibleState.None);
    t.id = item.key;
    t.iconPath = item.icon ?? new vscode.ThemeIcon('window');
    t.tooltip = item.app.iconUrl ? item.app.name : `${item.app.name}\n(no icon)`;
    t.contextValue = 'application';
    return t;
  }

  async getChildren(item?: AppItem): Promise<AppItem[]> {
    const selected = this.selection.value;
    if (item || !selected) return [];
    this.items ??= vscode.window.withProgress({ location: { viewId: APPLICATIONS_VIEW } }, async () => {
      try {
        const client = await this.clients.web(selected.connection);
        const apps = await client.listApplications(selected.account.accountId);
        apps.sort((a, b) => a.name.localeCompare(b.name));
        // Icons load in parallel; one that fails just shows the codicon.
        const icons = await Promise.all(apps.map((a) => (a.iconUrl ? this.icons.get(a.iconUrl) : Promise.resolve(undefined))));
        return apps.map((app, i): AppItem => ({ kind: 'app', app, icon: icons[i], key: `apps/${app.name}#${i}` }));
      } catch (e) {
        this.items = undefined;
        return [{ kind: 'error', message: messageOf(e), auth: needsSecret(e) }];
      }
    });
    const items: AppItem[] = await this.items;
    if (this.view) this.view.message = items.length ? undefined : 'This account has no applications.';
    return items;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private updateDescription(): void {
    if (this.view)
      this.view.description = this.selection.value
        ? this.selection.value.account.name || this.selection.value.account.accountId
        : undefined;
  }
}
