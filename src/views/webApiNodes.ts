/** Web API nodes of the Accounts view: account → Usage / Session Reports (months) / Recent Sessions. */
import * as vscode from 'vscode';
import type { Account, SessionReportLink } from '../core/api';
import { monthKey, monthLabel } from '../core/dates';
import type { Connection } from '../connections/connection';
import { COMMANDS, CONTEXT } from '../contract';
import { textTooltip } from '../ui/markdown';
import { ACCOUNT_ICON, type NodeContext } from './nodeContext';
import { ParentNode, TreeNode } from './tree/treeNode';

/** A parent that knows its connection for certain (a connection node). */
export type ConnectionOwner = TreeNode & { readonly connection: Connection };

export class AccountNode extends TreeNode {
  constructor(
    private readonly owner: ConnectionOwner,
    readonly account: Account,
    readonly ctx: NodeContext,
  ) {
    super(owner, `acct:${account.accountId}`);
  }

  override get connection(): Connection {
    return this.owner.connection;
  }

  getTreeItem(): vscode.TreeItem {
    const a = this.account;
    const item = this.item(a.name || a.accountId, CONTEXT.webAccount, vscode.TreeItemCollapsibleState.Collapsed);
    // A short id (the side bar is narrow); the whole id is in the tooltip and Copy Account ID.
    item.description = shortId(a.accountId);
    item.tooltip = textTooltip(
      a.name || vscode.l10n.t('(no name)'),
      vscode.l10n.t('Account ID: {0}', a.accountId),
      a.email ? vscode.l10n.t('Email: {0}', a.email) : vscode.l10n.t('No email'),
    );
    item.iconPath = new vscode.ThemeIcon(ACCOUNT_ICON);
    return item;
  }

  override getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([new AccountLeafNode(this, 'usage'), new SessionReportsNode(this), new AccountLeafNode(this, 'recent')]);
  }
}

/** An id cut to its first 9 characters and "…" when longer than 12 (ids are unique long before that). */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 9)}…` : id;
}

/** A child of an account: the account and connection a command started from it acts on. */
abstract class AccountChild extends TreeNode {
  constructor(
    readonly accountNode: AccountNode,
    key: string,
  ) {
    super(accountNode, key);
  }
  override get connection(): Connection {
    return this.accountNode.connection;
  }
  get account(): Account {
    return this.accountNode.account;
  }
}

/** The two leaves under an account: each opens something on click (words read when shown: the display language's). */
const LEAVES = {
  usage: () => ({
    label: vscode.l10n.t('Usage'),
    description: vscode.l10n.t('hours per day, charts'),
    icon: 'graph',
    context: CONTEXT.usage,
    command: COMMANDS.showReports,
    title: vscode.l10n.t('Show Reports'),
  }),
  recent: () => ({
    label: vscode.l10n.t('Recent Sessions'),
    description: vscode.l10n.t('last 24 h, CSV'),
    icon: 'history',
    context: CONTEXT.recentSessions,
    command: COMMANDS.openRecentSessions,
    title: vscode.l10n.t('Open Recent Sessions'),
  }),
} as const;

export class AccountLeafNode extends AccountChild {
  constructor(
    accountNode: AccountNode,
    readonly leaf: keyof typeof LEAVES,
  ) {
    super(accountNode, leaf);
  }
  getTreeItem(): vscode.TreeItem {
    const spec = LEAVES[this.leaf]();
    const item = this.item(spec.label, spec.context);
    item.description = spec.description;
    item.iconPath = new vscode.ThemeIcon(spec.icon);
    item.command = { command: spec.command, title: spec.title, arguments: [this] };
    return item;
  }
}

export class SessionReportsNode extends ParentNode {
  protected readonly failedLabel = vscode.l10n.t('Could not load session reports');

  constructor(readonly accountNode: AccountNode) {
    super(accountNode, 'reports');
  }
  override get connection(): Connection {
    return this.accountNode.connection;
  }
  get account(): Account {
    return this.accountNode.account;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(vscode.l10n.t('Session Reports'), CONTEXT.sessionReports, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = vscode.l10n.t('monthly CSV');
    item.iconPath = new vscode.ThemeIcon('archive');
    return item;
  }

  protected override emptyLabel(): string {
    return vscode.l10n.t('No session reports');
  }

  protected async load(): Promise<TreeNode[]> {
    const client = await this.accountNode.ctx.clients.web(this.connection);
    const reports = await client.listSessionReports(this.account.accountId);
    return reports.map((r) => new ReportMonthNode(this, r));
  }
}

export class ReportMonthNode extends TreeNode {
  constructor(
    readonly reportsNode: SessionReportsNode,
    readonly report: SessionReportLink,
  ) {
    super(reportsNode, monthKey(report));
  }
  override get connection(): Connection {
    return this.reportsNode.connection;
  }
  get account(): Account {
    return this.reportsNode.account;
  }

  getTreeItem(): vscode.TreeItem {
    const item = this.item(monthLabel(this.report), CONTEXT.reportMonth);
    item.description = 'CSV.zip';
    item.iconPath = new vscode.ThemeIcon('file-zip');
    item.command = { command: COMMANDS.openMonthlyReport, title: vscode.l10n.t('Open Monthly Session Report'), arguments: [this] };
    return item;
  }
}
