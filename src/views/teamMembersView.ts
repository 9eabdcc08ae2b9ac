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
import { CONTEXT, VIEWS } from '../contract';
import { NodeTreeProvider } from './tree/nodeTreeProvider';
import { PagedNode, TreeNode, type NodeTree } from './tree/treeNode';

export type StatusFilter = 'all' | 'active' | 'pending';

/** What the view shows: members with a status, whose name or email contains a text. */
export interface MemberFilter {
  status: StatusFilter;
  /** Case-insensitive, matched against name and email; '' for everyone. */
  text: string;
}

export function matchesFilter(m: TeamMember, f: MemberFilter): boolean {
  if (f.status !== 'all' && m.status !== f.status) return false;
  const text = f.text.trim().toLowerCase();
  return !text || m.name.toLowerCase().includes(text) || m.email.toLowerCase().includes(text);
}

export class MemberNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly member: TeamMember,
  ) {
    super(parent, `member:${member.email || member.name}`);
  }

  getTreeItem(): vscode.TreeItem {
    const m = this.member;
    const noName = vscode.l10n.t('(no name)');
    const item = this.item(m.name || m.email || noName, CONTEXT.member);
    item.description = m.email;
    // The status is Frame's word ("active", "pending"): shown as Frame gives it.
    item.tooltip = textTooltip(m.name || noName, m.email, vscode.l10n.t('Status: {0}', m.status));
    // Screen readers hear the status too, which the icon alone only shows.
    item.accessibilityInformation = { label: [m.name || noName, m.status, m.email].filter(Boolean).join(', ') };
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
  protected readonly failedLabel = vscode.l10n.t('Could not load team members');
  private loading: Promise<TeamMember[]> | undefined;
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
    if (this.all)
      parts.push(this.all.length === 1 ? vscode.l10n.t('1 member') : vscode.l10n.t('{0} members', this.all.length.toLocaleString('en-US')));
    const { status, text } = this.view.filter;
    if (status !== 'all') parts.push(status === 'active' ? vscode.l10n.t('active') : vscode.l10n.t('pending'));
    if (text.trim()) parts.push(vscode.l10n.t('“{0}”', text.trim()));
    if ((status !== 'all' || text.trim()) && this.counts.total !== undefined)
      parts.push(vscode.l10n.t('{0} shown', this.counts.total.toLocaleString('en-US')));
    return parts.join(' · ');
  }

  /** The loaded members (undefined until they are), for the filter picker's counts. */
  get members(): readonly TeamMember[] | undefined {
    return this.all;
  }

  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem(VIEWS.teamMembers);
  }

  protected override emptyLabel(): string {
    return this.all?.length ? vscode.l10n.t('No team members match the filter') : vscode.l10n.t('This account has no team members');
  }

  protected pageSize(): number {
    return this.view.pageSize();
  }

  protected async fetchPage(offset: number, limit: number): Promise<{ items: TeamMember[]; hasMore: boolean; total: number }> {
    this.loading ??= this.view.clients
      .web(this.selected.connection)
      .then((client) => client.listTeamMembers(this.selected.account.accountId))
      .then((list) => list.sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email)));
    try {
      this.all = await this.loading;
    } catch (e) {
      this.loading = undefined;
      throw e;
    }
    const filter = this.view.filter;
    const matching = this.all.filter((m) => matchesFilter(m, filter));
    return { items: matching.slice(offset, offset + limit), hasMore: offset + limit < matching.length, total: matching.length };
  }

  protected toNode(member: TeamMember): TreeNode {
    return new MemberNode(this, member);
  }

  /** Pages cut from one list read whole: nothing repeats, and two members with one email stay two. */
  protected override itemKey(): undefined {
    return undefined;
  }
}

export class TeamMembersView implements vscode.Disposable {
  readonly tree: NodeTreeProvider;
  private current: MemberFilter = { status: 'all', text: '' };
  private readonly disposables: vscode.Disposable[];

  constructor(
    selection: AccountSelection,
    readonly clients: ClientFactory,
    readonly pageSize: () => number,
  ) {
    this.tree = new NodeTreeProvider(VIEWS.teamMembers, () => (selection.value ? new TeamMembersRoot(this, selection.value) : undefined), {
      canSelectMany: true,
    });
    this.disposables = [this.tree, selection.onDidChange(() => this.tree.refresh())];
  }

  get filter(): MemberFilter {
    return this.current;
  }

  /** The members loaded for the selected account, if they are (for counts in the filter picker). */
  get loaded(): readonly TeamMember[] | undefined {
    return (this.tree.current as TeamMembersRoot | undefined)?.members;
  }

  /** Shows only matching members (status and text, over every member, not just a page); the loaded list is kept. */
  setFilter(filter: Partial<MemberFilter>): void {
    this.current = { ...this.current, ...filter };
    this.tree.current?.invalidate(); // drops the pages, keeps the loaded members
    this.tree.redraw();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
