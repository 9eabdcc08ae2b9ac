/**
 * The Team Members view: members of the account selected in Accounts, sorted by name, with a
 * status filter and a "Load more" entry so thousands of members stay responsive.
 */
import * as vscode from 'vscode';
import type { TeamMember } from '../core/api';
import type { ClientFactory } from '../connections/clients';
import { messageOf, needsSecret } from '../ui/errors';
import { textTooltip } from '../ui/markdown';
import { errorTreeItem } from './treeNode';
import type { AccountSelection, SelectedAccount } from './selection';

export const TEAM_MEMBERS_VIEW = 'frameAdmin.teamMembers';

export type StatusFilter = 'all' | 'active' | 'pending';

export type MemberItem =
  | { kind: 'member'; member: TeamMember; key: string }
  | { kind: 'more'; remaining: number }
  | { kind: 'error'; message: string; auth: boolean };

export class TeamMembersTreeProvider implements vscode.TreeDataProvider<MemberItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<MemberItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private members: Promise<TeamMember[]> | undefined;
  private shown = 0;
  private filterValue: StatusFilter = 'all';
  private view: vscode.TreeView<MemberItem> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly selection: AccountSelection,
    private readonly clients: ClientFactory,
    private readonly pageSize: () => number,
  ) {
    this.subscription = selection.onDidChange(() => this.refresh());
  }

  attach(view: vscode.TreeView<MemberItem>): void {
    this.view = view;
    this.updateDescription();
  }

  get filter(): StatusFilter {
    return this.filterValue;
  }

  setFilter(filter: StatusFilter): void {
    this.filterValue = filter;
    this.shown = 0;
    this.updateDescription();
    this.changed.fire(undefined);
  }

  refresh(): void {
    this.members = undefined;
    this.shown = 0;
    this.updateDescription();
    this.changed.fire(undefined);
  }

  loadMore(): void {
    this.shown += this.pageSize();
    this.changed.fire(undefined);
  }

  getTreeItem(item: MemberItem): vscode.TreeItem {
    switch (item.kind) {
      case 'member': {
        const m = item.member;
        const t = new vscode.TreeItem(m.name || m.email || '(no name)', vscode.TreeItemCollapsibleState.None);
        t.id = item.key;
        t.description = m.email;
        t.tooltip = textTooltip(m.name || '(no name)', m.email, `Status: ${m.status}`);
        t.iconPath =
          m.status === 'active'
            ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
            : m.status === 'pending'
              ? new vscode.ThemeIcon('clock', new vscode.ThemeColor('problemsWarningIcon.foreground'))
              : new vscode.ThemeIcon('question');
        t.contextValue = 'member';
        return t;
      }
      case 'more': {
        const t = new vscode.TreeItem(`Load more (${item.remaining} more)`, vscode.TreeItemCollapsibleState.None);
        t.id = 'members/more';
        t.iconPath = new vscode.ThemeIcon('ellipsis');
        t.command = { command: 'frameAdmin.loadMore', title: 'Load More', arguments: [TEAM_MEMBERS_VIEW] };
        t.contextValue = 'loadMore';
        return t;
      }
      case 'error':
        return errorTreeItem('members/error', 'Could not load team members', item.message, item.auth, TEAM_MEMBERS_VIEW);
    }
  }

  async getChildren(item?: MemberItem): Promise<MemberItem[]> {
    const selected = this.selection.value;
    if (item || !selected) return [];
    let all: TeamMember[];
    try {
      all = await vscode.window.withProgress({ location: { viewId: TEAM_MEMBERS_VIEW } }, () => (this.members ??= this.load(selected)));
    } catch (e) {
      this.members = undefined;
      return [{ kind: 'error', message: messageOf(e), auth: needsSecret(e) }];
    }
    const filtered = this.filterValue === 'all' ? all : all.filter((m) => m.status === this.filterValue);
    const limit = this.pageSize() + this.shown;
    const page: MemberItem[] = filtered
      .slice(0, limit)
      .map((member, i) => ({ kind: 'member', member, key: `members/${member.email || member.name}#${i}` }));
    if (filtered.length > limit) page.push({ kind: 'more', remaining: filtered.length - limit });
    if (this.view)
      this.view.message = filtered.length
        ? undefined
        : all.length
          ? `No ${this.filterValue} team members.`
          : 'This account has no team members.';
    return page;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async load(selected: SelectedAccount): Promise<TeamMember[]> {
    const client = await this.clients.web(selected.connection);
    const members = await client.listTeamMembers(selected.account.accountId);
    return members.sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email));
  }

  private updateDescription(): void {
    if (!this.view) return;
    const s = this.selection.value;
    this.view.description = s
      ? `${s.account.name || s.account.accountId}${this.filterValue === 'all' ? '' : ` · ${this.filterValue}`}`
      : undefined;
  }
}
