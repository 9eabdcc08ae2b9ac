/** Refresh, Refresh (a node), Retry, Load More, Filter Team Members. */
import * as vscode from 'vscode';
import {
  ErrorNode,
  LoadMoreNode,
  TreeNode,
  type AccountsView,
  type ApplicationsView,
  type StatusFilter,
  type TeamMembersView,
} from '../views';
import { COMMANDS } from './ids';
import { registerCommand, type CommandHost } from './registerCommand';

export interface ViewCommandDeps extends CommandHost {
  accounts: AccountsView;
  teamMembers: TeamMembersView;
  applications: ApplicationsView;
}

const FILTERS: { label: string; value: StatusFilter }[] = [
  { label: 'All team members', value: 'all' },
  { label: 'Active', value: 'active' },
  { label: 'Pending invitations', value: 'pending' },
];

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
      COMMANDS.filterTeamMembers,
      async (_target?: unknown, options?: { filter?: StatusFilter }) => {
        const choice =
          options?.filter ??
          (
            await vscode.window.showQuickPick(
              FILTERS.map((f) => ({ ...f, description: f.value === deps.teamMembers.filter ? '(current)' : undefined })),
              { placeHolder: 'Show which team members?' },
            )
          )?.value;
        if (choice) deps.teamMembers.setFilter(choice);
        return choice;
      },
      deps,
    ),
  ];
}
