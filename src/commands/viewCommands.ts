/** Refresh, Refresh (a node), Retry, Load More / Load All, Filter Team Members. */
import * as vscode from 'vscode';
import {
  ErrorNode,
  LoadMoreNode,
  TreeNode,
  type AccountsView,
  type ApplicationsView,
  type MemberFilter,
  type StatusFilter,
  type TeamMembersView,
} from '../views';
import type { TeamMember } from '../core/api';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';

export interface ViewCommandDeps extends CommandHost {
  accounts: AccountsView;
  teamMembers: TeamMembersView;
  applications: ApplicationsView;
}

/** The statuses the filter offers, in the display language. */
function statuses(): { label: string; status: StatusFilter }[] {
  return [
    { label: vscode.l10n.t('All team members'), status: 'all' },
    { label: vscode.l10n.t('Active'), status: 'active' },
    { label: vscode.l10n.t('Pending invitations'), status: 'pending' },
  ];
}

type FilterItem = vscode.QuickPickItem & { filter: MemberFilter };

/**
 * The filter picker: statuses with their counts, and whatever is typed searches names and emails
 * of every member (not just the page on screen). Resolves to the chosen filter, or undefined.
 */
function pickMemberFilter(current: MemberFilter, members: readonly TeamMember[] | undefined): Promise<MemberFilter | undefined> {
  const count = (status: StatusFilter) => (members ? members.filter((m) => status === 'all' || m.status === status).length : undefined);
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<FilterItem>();
    pick.title = vscode.l10n.t('Filter Team Members');
    pick.placeholder = vscode.l10n.t('Pick a status, or type to search names and emails');
    pick.value = current.text;
    const render = () => {
      const text = pick.value.trim();
      const items: FilterItem[] = statuses().map(({ label, status }) => {
        const n = count(status);
        return {
          label,
          description: [
            n === undefined ? undefined : n.toLocaleString('en-US'),
            status === current.status ? vscode.l10n.t('(current)') : undefined,
          ]
            .filter(Boolean)
            .join(' '),
          detail: text ? vscode.l10n.t('…whose name or email contains “{0}”', text) : undefined,
          alwaysShow: true,
          filter: { status, text },
        };
      });
      if (current.status !== 'all' || current.text)
        items.push({ label: `$(clear-all) ${vscode.l10n.t('Clear the filter')}`, alwaysShow: true, filter: { status: 'all', text: '' } });
      pick.items = items;
    };
    render();
    pick.onDidChangeValue(render);
    let done = false;
    const finish = (v: MemberFilter | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      pick.dispose();
    };
    pick.onDidAccept(() => finish((pick.selectedItems[0] ?? pick.activeItems[0])?.filter));
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

export function registerViewCommands(deps: ViewCommandDeps): vscode.Disposable[] {
  return [
    registerCommand(
      COMMANDS.refresh,
      () => {
        deps.accounts.refresh();
        deps.teamMembers.tree.refresh();
        deps.applications.tree.refresh();
      },
      deps,
    ),
    registerCommand(
      COMMANDS.refreshNode,
      (node?: TreeNode) => (node instanceof TreeNode ? node.tree.refresh(node) : deps.accounts.refresh()),
      deps,
    ),
    registerCommand(COMMANDS.retry, (node?: ErrorNode) => (node instanceof ErrorNode ? node.retry() : deps.accounts.refresh()), deps),
    registerCommand(COMMANDS.loadMore, (node?: LoadMoreNode) => node instanceof LoadMoreNode && node.pages.loadMore(), deps),
    registerCommand(
      COMMANDS.loadAll,
      async (node?: LoadMoreNode) => {
        if (node instanceof LoadMoreNode) await node.pages.loadAll();
      },
      deps,
    ),
    registerCommand(
      COMMANDS.filterTeamMembers,
      async (_target?: unknown, options?: Partial<MemberFilter>) => {
        const view = deps.teamMembers;
        const choice = options ?? (await pickMemberFilter(view.filter, view.loaded));
        if (choice) view.setFilter(choice);
        return choice && view.filter;
      },
      deps,
    ),
  ];
}
