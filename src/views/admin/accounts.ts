/** Accounts: a list of them (of an organization, or at the top for account-scoped credentials) and each one. */
import * as vscode from 'vscode';
import type { AdminAccount, FrameAdminClient, Page } from '../../core/api';
import { AccountTooltip, accountSummary, readAccountDetails } from '../../core/admin';
import { COMMANDS, CONTEXT } from '../../contract';
import { MessageNode, type TreeNode } from '../tree/treeNode';
import { AdminPagedNode, AdminParentNode, tooltipOf, type AdminItem, type AdminSource } from './adminNode';
import { ACCOUNT_ICON } from '../nodeContext';
import { PublishTasksNode } from './publishTasks';

/** A list of accounts, a page at a time, filtered by name on the server; inactive ones may be hidden. */
export abstract class AccountListNode extends AdminPagedNode<AdminAccount> {
  protected readonly failedLabel = vscode.l10n.t('Could not load accounts');

  protected toNode(a: AdminAccount): TreeNode {
    return new AdminAccountNode(this, this.src, a);
  }

  protected override emptyLabel(): string {
    const name = this.src.filter.accounts;
    return name ? vscode.l10n.t('No account named like “{0}”', name) : vscode.l10n.t('No accounts');
  }

  /** The loaded accounts, without the inactive ones while they are hidden (and a line saying so). */
  override async getChildren(): Promise<TreeNode[]> {
    const nodes = await super.getChildren();
    if (!this.src.state.hideInactive) return nodes;
    const shown = nodes.filter((n) => !(n instanceof AdminAccountNode && n.inactive));
    const hidden = nodes.length - shown.length;
    if (hidden === 0) return nodes;
    const label = hidden === 1 ? vscode.l10n.t('1 inactive account hidden') : vscode.l10n.t('{0} inactive accounts hidden', hidden);
    const note = new MessageNode(this, 'inactive-hidden', label, 'eye-closed', {
      command: COMMANDS.showInactiveAccounts,
      title: vscode.l10n.t('Show Inactive Accounts'),
    });
    const more = shown.findIndex((n) => n.getTreeItem().contextValue === CONTEXT.loadMore);
    shown.splice(more < 0 ? shown.length : more, 0, note);
    return shown;
  }
}

/** The accounts account-scoped credentials can see. */
export class ScopedAccountsNode extends AccountListNode {
  constructor(parent: TreeNode, src: AdminSource) {
    super(parent, 'accounts', src);
  }

  protected list(admin: FrameAdminClient, offset: number, limit: number): Promise<Page<AdminAccount>> {
    return admin.listAccounts({ name: this.src.filter.accounts }, { offset, limit });
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(vscode.l10n.t('Accounts'), CONTEXT.adminList, vscode.TreeItemCollapsibleState.Expanded);
    item.description = vscode.l10n.t('visible to these credentials');
    item.iconPath = new vscode.ThemeIcon(ACCOUNT_ICON);
    return item;
  }
}

/** An Admin API account: inactive marked, its last publish, details on hover; Publish Tasks below. */
export class AdminAccountNode extends AdminParentNode implements AdminItem {
  protected readonly failedLabel = vscode.l10n.t('Could not load publish tasks');
  private readonly hover: AccountTooltip;

  constructor(
    parent: TreeNode,
    src: AdminSource,
    readonly adminAccount: AdminAccount,
  ) {
    super(parent, `aacct:${adminAccount.id}`, src);
    src.state.registerAccount(src.connection.id, adminAccount.id, this);
    this.hover = new AccountTooltip(adminAccount, async (signal) => (await src.client()).getAccount(adminAccount.id, signal));
  }

  /** The account as the account commands see it (Copy Account ID accepts any API). */
  get account() {
    return { accountId: this.adminAccount.id, name: this.adminAccount.name, email: '' };
  }

  get copyable() {
    const id = this.adminAccount.id;
    return { id, copied: vscode.l10n.t('Copied account ID {0}', id) };
  }

  /** Frame said it is inactive (an account Frame says nothing about counts as active). */
  get inactive(): boolean {
    return this.adminAccount.active === false;
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.adminAccount;
    const context = this.connection.readOnly === true ? CONTEXT.adminAccountReadOnly : CONTEXT.adminAccount;
    const item = this.item(a.name || a.id, context, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = accountSummary(a);
    item.iconPath = this.inactive
      ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
      : new vscode.ThemeIcon(ACCOUNT_ICON);
    // The tooltip needs GET /accounts/{id}: resolved on hover (resolveTreeItem).
    item.tooltip = undefined;
    return item;
  }

  override async resolveTreeItem(item: vscode.TreeItem, signal: AbortSignal): Promise<vscode.TreeItem> {
    item.tooltip = tooltipOf(await this.hover.load(signal));
    return item;
  }

  override invalidate(): void {
    super.invalidate();
    this.hover.forget();
  }

  protected override emptyLabel(): string {
    return vscode.l10n.t('No publish tasks');
  }

  protected async load(): Promise<TreeNode[]> {
    return [new PublishTasksNode(this)];
  }

  async details(signal: AbortSignal) {
    return readAccountDetails(await this.src.client(), this.adminAccount, signal);
  }
}
