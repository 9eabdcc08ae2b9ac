/**
 * The Team Members view: members of the selected account, sorted by name, a page at a time with
 * "Load more", filtered by status; the view's description says whose members, how many, and the
 * filter.
 */
import * as vscode from 'vscode';
import type { TeamMember } from '../core/api';
import type { ClientFactory } from '../connections/clients';
import type { Connection, SelectedAccount } from '../connections/connection';
import type { AccountSelection } from '../connections/selection';
import { textTooltip } from '../ui/markdown';
import { CONTEXT, VIEWS } from './contextValues';
import { NodeTreeProvider } from './tree/nodeTreeProvider';
import { PagedNode, TreeNode, type NodeTree } from './tree/treeNode';

export type StatusFilter = 'all' | 'active' | 'pending';

export class MemberNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly member: TeamMember,
  ) {
    super(parent, `member:${member.email || member.name}`);
  }

  getTreeItem(): vscode.TreeItem {
    const m = this.member;
    const item = this.item(m.name || m.email || '(no name)', CONTEXT.member);
    item.description = m.email;
    item.tooltip = textTooltip(m.name || '(no name)', m.email, `Status: ${m.status}`);
    item.iconPath =
      m.status === 'active'
        ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
        : m.status === 'pending'
          ? new vscode.ThemeIcon('clock', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : new vscode.ThemeIcon('question');
    return item;
  }
}

class TeamMembersRoot extends PagedNode<TeamMember> {
  protected readonly what = 'team members';
  private members: Promise<TeamMember[]> | undefined;
  private all: TeamMember[] | undefined;

  constructor(
    private readonly view: TeamMembersView,
    private readonly selected: SelectedAccount,
  ) {
    super(undefined, 'members');
  }

  override get tree(): NodeTree {
    return this.view.tree;
  }

  override get connection(): Connection {
    return this.selected.connection;
  }

  get description(): string {
    const a = this.selected.account;
    const parts = [a.name || a.accountId];
    if (this.all) parts.push(`${this.all.length.toLocaleString('en-US')} member${this.all.length === 1 ? '' : 's'}`);
    if (this.view.filter !== 'all') parts.push(this.view.filter);
    return parts.join(' · ');
  }

  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem(VIEWS.teamMembers);
  }

  protected override emptyLabel(): string {
    return this.all?.length ? `No ${this.view.filter} team members` : 'This account has no team members';
  }

  protected pageSize(): number {
    return this.view.pageSize();
  }

  protected async fetchPage(offset: number, limit: number): Promise<{ items: TeamMember[]; hasMore: boolean; total: number }> {
    this.members ??= this.view.clients
      .web(this.selected.connection)
      .then((client) => client.listTeamMembers(this.selected.account.accountId))
      .then((list) => list.sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email)));
    try {
      this.all = await this.members;
    } catch (e) {
      this.members = undefined;
      throw e;
    }
    const filter = this.view.filter;
    const matching = filter === 'all' ? this.all : this.all.filter((m) => m.status === filter);
    return { items: matching.slice(offset, offset + limit), hasMore: offset + limit < matching.length, total: matching.length };
  }

  protected toNode(member: TeamMember): TreeNode {
    return new MemberNode(this, member);
  }
}

export class TeamMembersView implements vscode.Disposable {
  readonly tree: NodeTreeProvider;
  private statusFilter: StatusFilter = 'all';
  private readonly disposables: vscode.Disposable[];

  constructor(
    selection: AccountSelection,
    readonly clients: ClientFactory,
    readonly pageSize: () => number,
  ) {
    this.tree = new NodeTreeProvider(VIEWS.teamMembers, () => (selection.value ? new TeamMembersRoot(this, selection.value) : undefined));
    this.disposables = [this.tree, selection.onDidChange(() => this.tree.refresh())];
  }

  get filter(): StatusFilter {
    return this.statusFilter;
  }

  /** Shows only members with this status; the loaded list is kept. */
  setFilter(filter: StatusFilter): void {
    this.statusFilter = filter;
    this.tree.current?.invalidate(); // drops the pages, keeps the loaded members
    this.tree.redraw();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
