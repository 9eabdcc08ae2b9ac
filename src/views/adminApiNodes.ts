/** Admin API nodes of the Accounts view: customer → organizations → accounts. */
import * as vscode from 'vscode';
import type { Account, AdminAccount, AdminEntity, FrameAdminClient } from '../core/api';
import type { Connection } from '../connections/connection';
import { textTooltip } from '../ui/markdown';
import { CONTEXT, type ContextValue } from './contextValues';
import type { NodeContext } from './nodeContext';
import { ParentNode, TreeNode } from './tree/treeNode';
import type { ConnectionOwner } from './webApiNodes';

/** The two levels above accounts differ only in words, icon and what they list below them. */
interface Level {
  key: string;
  description: string;
  idLabel: string;
  icon: string;
  context: ContextValue;
  what: string;
  children(admin: FrameAdminClient, parent: AdminEntityNode): Promise<TreeNode[]>;
}

const CUSTOMER: Level = {
  key: 'cust',
  description: 'customer',
  idLabel: 'Customer ID',
  icon: 'briefcase',
  context: CONTEXT.customer,
  what: 'organizations',
  async children(admin, parent) {
    const orgs = await admin.all((p) => admin.listOrganizations({ customerId: parent.entity.id }, p));
    return orgs.map((o) => new AdminEntityNode(parent, ORGANIZATION, o, parent.ctx));
  },
};

const ORGANIZATION: Level = {
  key: 'org',
  description: 'organization',
  idLabel: 'Organization ID',
  icon: 'symbol-namespace',
  context: CONTEXT.organization,
  what: 'accounts',
  async children(admin, parent) {
    const accounts = await admin.all((p) => admin.listAccounts({ organizationId: parent.entity.id }, p));
    return accounts.map((a) => new AdminAccountNode(parent, a));
  },
};

export class AdminEntityNode extends ParentNode {
  protected readonly what: string;

  constructor(
    private readonly owner: ConnectionOwner,
    readonly level: Level,
    readonly entity: AdminEntity,
    readonly ctx: NodeContext,
  ) {
    super(owner, `${level.key}:${entity.id}`);
    this.what = level.what;
  }

  override get connection(): Connection {
    return this.owner.connection;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(this.entity.name || this.entity.id, this.level.context, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = this.level.description;
    item.tooltip = textTooltip(this.entity.name || '(no name)', `${this.level.idLabel}: ${this.entity.id}`);
    item.iconPath = new vscode.ThemeIcon(this.level.icon);
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    return this.level.children(await this.ctx.clients.admin(this.connection), this);
  }
}

/** Customers at the top of an Admin API connection. */
export async function customerNodes(owner: ConnectionOwner, ctx: NodeContext): Promise<TreeNode[]> {
  const admin = await ctx.clients.admin(owner.connection);
  const customers = await admin.all((p) => admin.listCustomers(p));
  return customers.map((c) => new AdminEntityNode(owner, CUSTOMER, c, ctx));
}

/** An Admin API account: a leaf (its sessions and members are read through a Web API connection). */
export class AdminAccountNode extends TreeNode {
  constructor(
    private readonly owner: ConnectionOwner,
    readonly adminAccount: AdminAccount,
  ) {
    super(owner, `aacct:${adminAccount.id}`);
  }

  override get connection(): Connection {
    return this.owner.connection;
  }

  /** As a Web API account, for Copy Account ID. */
  get account(): Account {
    return { accountId: this.adminAccount.accountId || this.adminAccount.id, name: this.adminAccount.name, email: '' };
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.adminAccount;
    const item = this.item(a.name || a.id, CONTEXT.adminAccount);
    item.description = a.accountId || a.id;
    item.tooltip = textTooltip(
      a.name || '(no name)',
      `Account ID: ${a.accountId || '(none)'}`,
      `Admin API ID: ${a.id}`,
      `Organization ID: ${a.organizationId}`,
      'Usage, sessions, team members and applications are read through a Web API connection.',
    );
    item.iconPath = new vscode.ThemeIcon('organization');
    return item;
  }
}
