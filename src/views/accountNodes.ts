/**
 * Nodes of the Accounts view: connection → accounts → Usage / Session Reports / Recent Sessions
 * (Web API), or connection → customers → organizations → accounts (Admin API).
 */
import * as vscode from 'vscode';
import type { Account, AdminAccount, AdminEntity, SessionReportLink } from '../core/api';
import { apiKindOf, describeApiKind, type Connection } from '../connections/connection';
import type { ClientFactory } from '../connections/clients';
import type { SecretState } from '../connections/connectionStore';
import { textTooltip } from '../ui/markdown';
import { LoadingNode, MessageNode, TreeNode } from './treeNode';

export interface NodeContext {
  clients: ClientFactory;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthLabel(report: Pick<SessionReportLink, 'year' | 'month'>): string {
  return `${MONTHS[report.month - 1] ?? report.month} ${report.year}`;
}

export class ConnectionNode extends LoadingNode {
  readonly id: string;
  protected readonly what: string;

  constructor(
    readonly connection: Connection,
    readonly secretState: SecretState,
    private readonly ctx: NodeContext,
  ) {
    super(undefined);
    this.id = `conn:${connection.id}`;
    this.what = apiKindOf(connection.baseUrl) === 'admin' ? 'customers' : 'accounts';
  }

  getTreeItem(): vscode.TreeItem {
    const c = this.connection;
    const kind = apiKindOf(c.baseUrl);
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    let host = c.baseUrl;
    try {
      host = new URL(c.baseUrl).host;
    } catch {
      // shown as typed
    }
    item.description = `${describeApiKind(kind)} · ${host}`;
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
    item.iconPath = new vscode.ThemeIcon(
      this.secretState === 'present' ? 'plug' : 'warning',
      this.secretState === 'present' ? undefined : new vscode.ThemeColor('problemsWarningIcon.foreground'),
    );
    item.contextValue = this.secretState === 'present' ? 'connection' : 'connection.secretMissing';
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    if (this.secretState !== 'present') {
      const label =
        this.secretState === 'missing' ? 'Client secret missing: click to enter it' : 'Secret storage unavailable: click to retry';
      return [new MessageNode(this, label, 'key', { command: 'frameAdmin.updateSecret', title: 'Update Secret', arguments: [this] })];
    }
    switch (apiKindOf(this.connection.baseUrl)) {
      case 'web': {
        const accounts = await (await this.ctx.clients.web(this.connection)).listAccounts();
        return accounts.sort((a, b) => a.name.localeCompare(b.name)).map((a) => new AccountNode(this, this.connection, a, this.ctx));
      }
      case 'admin': {
        const admin = await this.ctx.clients.admin(this.connection);
        const customers = await admin.all((p) => admin.listCustomers(p));
        return customers.map((c) => new CustomerNode(this, this.connection, c, this.ctx));
      }
      default:
        return [
          new MessageNode(this, 'Signed requests only: use Send Signed Request…', 'send', {
            command: 'frameAdmin.sendSignedRequest',
            title: 'Send Signed Request…',
            arguments: [this],
          }),
        ];
    }
  }
}

/** A Web API account, or an Admin API account that carries a Web API account id. */
export class AccountNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly connection: Connection,
    readonly account: Account,
    readonly ctx: NodeContext,
  ) {
    super(parent);
    this.id = `${parent.id}/acct:${account.accountId}`;
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.account;
    const item = new vscode.TreeItem(a.name || a.accountId, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = a.accountId;
    item.tooltip = textTooltip(a.name || '(no name)', `Account ID: ${a.accountId}`, a.email ? `Email: ${a.email}` : 'No email');
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = 'account';
    return item;
  }

  override getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([new UsageNode(this), new SessionReportsNode(this), new RecentSessionsNode(this)]);
  }
}

/** A child of an account: knows its account and connection. */
abstract class AccountChild extends TreeNode {
  constructor(readonly accountNode: AccountNode) {
    super(accountNode);
  }
  get connection(): Connection {
    return this.accountNode.connection;
  }
  get account(): Account {
    return this.accountNode.account;
  }
}

export class UsageNode extends AccountChild {
  get id(): string {
    return `${this.accountNode.id}/usage`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Usage', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = 'hours per day, charts';
    item.iconPath = new vscode.ThemeIcon('graph');
    item.contextValue = 'usage';
    item.command = { command: 'frameAdmin.showReports', title: 'Show Reports', arguments: [this] };
    return item;
  }
}

export class RecentSessionsNode extends AccountChild {
  get id(): string {
    return `${this.accountNode.id}/recent`;
  }
  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Recent Sessions', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = 'last 24 h, CSV';
    item.iconPath = new vscode.ThemeIcon('history');
    item.contextValue = 'recentSessions';
    item.command = { command: 'frameAdmin.openRecentSessions', title: 'Open Recent Sessions', arguments: [this] };
    return item;
  }
}

export class SessionReportsNode extends LoadingNode {
  protected readonly what = 'session reports';

  constructor(readonly accountNode: AccountNode) {
    super(accountNode);
  }

  get id(): string {
    return `${this.accountNode.id}/reports`;
  }
  get connection(): Connection {
    return this.accountNode.connection;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Session Reports', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = 'monthly CSV';
    item.iconPath = new vscode.ThemeIcon('archive');
    item.contextValue = 'reports';
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    const client = await this.accountNode.ctx.clients.web(this.connection);
    const reports = await client.listSessionReports(this.accountNode.account.accountId);
    return reports.map((r) => new ReportMonthNode(this, r));
  }
}

export class ReportMonthNode extends TreeNode {
  readonly id: string;

  constructor(
    readonly reportsNode: SessionReportsNode,
    readonly report: SessionReportLink,
  ) {
    super(reportsNode);
    this.id = `${reportsNode.id}/${report.year}-${report.month}`;
  }
  get connection(): Connection {
    return this.reportsNode.connection;
  }
  get account(): Account {
    return this.reportsNode.accountNode.account;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(monthLabel(this.report), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = 'CSV.zip';
    item.iconPath = new vscode.ThemeIcon('file-zip');
    item.contextValue = 'reportMonth';
    item.command = { command: 'frameAdmin.openMonthlyReport', title: 'Open Monthly Session Report', arguments: [this] };
    return item;
  }
}

export class CustomerNode extends LoadingNode {
  readonly id: string;
  protected readonly what = 'organizations';

  constructor(
    parent: TreeNode,
    readonly connection: Connection,
    readonly customer: AdminEntity,
    private readonly ctx: NodeContext,
  ) {
    super(parent);
    this.id = `${parent.id}/cust:${customer.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.customer.name || this.customer.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = 'customer';
    item.tooltip = textTooltip(this.customer.name, `Customer ID: ${this.customer.id}`);
    item.iconPath = new vscode.ThemeIcon('briefcase');
    item.contextValue = 'customer';
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    const admin = await this.ctx.clients.admin(this.connection);
    const orgs = await admin.all((p) => admin.listOrganizations({ customerId: this.customer.id }, p));
    return orgs.map((o) => new OrganizationNode(this, this.connection, o, this.ctx));
  }
}

export class OrganizationNode extends LoadingNode {
  readonly id: string;
  protected readonly what = 'accounts';

  constructor(
    parent: TreeNode,
    readonly connection: Connection,
    readonly organization: AdminEntity,
    private readonly ctx: NodeContext,
  ) {
    super(parent);
    this.id = `${parent.id}/org:${organization.id}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.organization.name || this.organization.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = 'organization';
    item.tooltip = textTooltip(this.organization.name, `Organization ID: ${this.organization.id}`);
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = 'organization';
    return item;
  }

  protected async load(): Promise<TreeNode[]> {
    const admin = await this.ctx.clients.admin(this.connection);
    const accounts = await admin.all((p) => admin.listAccounts({ organizationId: this.organization.id }, p));
    return accounts.map((a) => new AdminAccountNode(this, this.connection, a));
  }
}

/** An Admin API account: a leaf (its sessions and members are read through a Web API connection). */
export class AdminAccountNode extends TreeNode {
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly connection: Connection,
    readonly adminAccount: AdminAccount,
  ) {
    super(parent);
    this.id = `${parent.id}/aacct:${adminAccount.id}`;
  }

  /** As a Web API account, for Copy Account ID. */
  get account(): Account {
    return { accountId: this.adminAccount.accountId || this.adminAccount.id, name: this.adminAccount.name, email: '' };
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.adminAccount;
    const item = new vscode.TreeItem(a.name || a.id, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = a.accountId || a.id;
    item.tooltip = textTooltip(
      a.name,
      `Account ID: ${a.accountId || '(none)'}`,
      `Admin API ID: ${a.id}`,
      `Organization ID: ${a.organizationId}`,
      'Usage, sessions, team members and applications are read through a Web API connection.',
    );
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = 'account.admin';
    return item;
  }
}
