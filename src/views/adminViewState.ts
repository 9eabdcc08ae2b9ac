/**
 * What the Admin API part of the Accounts view remembers while VS Code runs: the name filter of
 * each connection, whether inactive accounts are hidden, and the node and Publish Tasks node of each
 * account currently shown (so a publish can refresh and reveal them). Nodes are rebuilt on every
 * refresh; this outlives them.
 */
import * as l10n from '@vscode/l10n';
import type { TreeNode } from './tree/treeNode';

/** Server-side `name` filters (Frame's `name` parameter: full or partial name). */
export interface AdminFilter {
  organizations?: string;
  accounts?: string;
}

export class AdminViewState {
  private readonly filters = new Map<string, AdminFilter>();
  private readonly taskNodes = new Map<string, TreeNode>();
  private readonly accountNodes = new Map<string, TreeNode>();
  hideInactive = false;
  /** Overrides how soon a Publish Tasks list with a task under way reloads (tests shorten the 5 s). */
  publishTasksRefreshMs: number | undefined;

  constructor(
    /** Items per page of organizations and accounts (a setting). */
    readonly pageSize: () => number,
  ) {}

  filterOf(connectionId: string): AdminFilter {
    return this.filters.get(connectionId) ?? {};
  }

  /** Sets (or, with nothing in it, clears) the filter of a connection. */
  setFilter(connectionId: string, filter: AdminFilter): void {
    const clean: AdminFilter = {};
    if (filter.organizations?.trim()) clean.organizations = filter.organizations.trim();
    if (filter.accounts?.trim()) clean.accounts = filter.accounts.trim();
    if (clean.organizations || clean.accounts) this.filters.set(connectionId, clean);
    else this.filters.delete(connectionId);
  }

  isFiltered(connectionId: string): boolean {
    return this.filters.has(connectionId);
  }

  anyFilter(): boolean {
    return this.filters.size > 0;
  }

  /** `accounts “ren”, organizations “eng”`, or '' without a filter. */
  describeFilter(connectionId: string): string {
    const { accounts, organizations } = this.filterOf(connectionId);
    if (accounts && organizations) return l10n.t('accounts “{0}”, organizations “{1}”', accounts, organizations);
    if (accounts) return l10n.t('accounts “{0}”', accounts);
    return organizations ? l10n.t('organizations “{0}”', organizations) : '';
  }

  /** Forgets the filters of connections that no longer exist. */
  prune(exists: (connectionId: string) => boolean): void {
    for (const id of [...this.filters.keys()]) if (!exists(id)) this.filters.delete(id);
  }

  /** The Publish Tasks node now shown for an account (the newest one built wins). */
  registerTasks(connectionId: string, accountId: string, node: TreeNode): void {
    this.taskNodes.set(`${connectionId}/${accountId}`, node);
  }

  /** The node now shown for an account (the newest one built wins). */
  registerAccount(connectionId: string, accountId: string, node: TreeNode): void {
    this.accountNodes.set(`${connectionId}/${accountId}`, node);
  }

  accountNode(connectionId: string, accountId: string): TreeNode | undefined {
    return this.accountNodes.get(`${connectionId}/${accountId}`);
  }

  tasksNode(connectionId: string, accountId: string): TreeNode | undefined {
    return this.taskNodes.get(`${connectionId}/${accountId}`);
  }

  isCurrentTasks(connectionId: string, accountId: string, node: TreeNode): boolean {
    return this.taskNodes.get(`${connectionId}/${accountId}`) === node;
  }
}
