/**
 * Refresh / Retry / Load More, Copy Account ID / Email, Filter Team Members, and the report
 * commands (Open Recent Sessions, Open Monthly Session Report, Open Usage Hours, Refresh Report).
 */
import * as vscode from 'vscode';
import type { Account, SessionReportLink } from '../core/api';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ClientFactory } from '../connections/clients';
import type { Connection } from '../connections/connection';
import { showError } from '../ui/errors';
import { AccountNode, monthLabel } from '../views/accountNodes';
import type { AccountsTreeProvider } from '../views/accountsTree';
import { APPLICATIONS_VIEW, type ApplicationsTreeProvider } from '../views/applicationsTree';
import type { AccountSelection, SelectedAccount } from '../views/selection';
import { TEAM_MEMBERS_VIEW, type MemberItem, type StatusFilter, type TeamMembersTreeProvider } from '../views/teamMembersTree';
import { ErrorNode, type TreeNode } from '../views/treeNode';
import { parseReportUri, REPORT_SCHEME, type ReportFileSystem } from '../reports/reportDocuments';
import type { ReportService } from '../reports/reportService';
import type { ReportsPanels } from '../reports/reportsPanel';
import { pickAccount } from './pickers';

export interface AccountCommandDeps {
  store: ConnectionStore;
  clients: ClientFactory;
  selection: AccountSelection;
  accounts: AccountsTreeProvider;
  teamMembers: TeamMembersTreeProvider;
  applications: ApplicationsTreeProvider;
  reports: ReportService;
  reportFs: ReportFileSystem;
  reportsPanels: ReportsPanels;
  log: vscode.LogOutputChannel;
}

/** Nodes that carry an account (AccountNode and its children, AdminAccountNode). */
type AccountArg = { connection: Connection; account: Account } | SelectedAccount | undefined;

export function registerAccountCommands(deps: AccountCommandDeps): vscode.Disposable[] {
  const { selection, log } = deps;

  /** The account a command is about: its node, else the selected account, else a QuickPick. */
  const accountOf = async (arg: AccountArg, preferSelection = true): Promise<SelectedAccount | undefined> => {
    if (arg && 'account' in arg && arg.account && arg.connection) return { connection: arg.connection, account: arg.account };
    if (preferSelection && selection.value) return selection.value;
    return pickAccount(deps.store, deps.clients);
  };

  /** Runs a command body and shows failures as notifications with Retry. */
  const guarded =
    <A extends unknown[]>(body: (...args: A) => Promise<unknown>) =>
    async (...args: A): Promise<unknown> => {
      try {
        return await body(...args);
      } catch (e) {
        const connection = args.find((a): a is { connection: Connection } => !!a && typeof a === 'object' && 'connection' in a)?.connection;
        void showError(e, log, { retry: () => guarded(body)(...args), connection });
        return undefined;
      }
    };

  return [
    vscode.commands.registerCommand('frameAdmin.refresh', (view?: string) => {
      if (view === TEAM_MEMBERS_VIEW) return deps.teamMembers.refresh();
      if (view === APPLICATIONS_VIEW) return deps.applications.refresh();
      deps.accounts.refresh();
      deps.teamMembers.refresh();
      deps.applications.refresh();
    }),
    vscode.commands.registerCommand('frameAdmin.refreshNode', (node?: TreeNode) => deps.accounts.refresh(node)),
    vscode.commands.registerCommand('frameAdmin.retry', (target?: ErrorNode | string) => {
      if (target === TEAM_MEMBERS_VIEW) deps.teamMembers.refresh();
      else if (target === APPLICATIONS_VIEW) deps.applications.refresh();
      else if (target instanceof ErrorNode) deps.accounts.refresh(target.parent);
      else deps.accounts.refresh();
    }),
    vscode.commands.registerCommand('frameAdmin.loadMore', () => deps.teamMembers.loadMore()),

    vscode.commands.registerCommand(
      'frameAdmin.selectAccount',
      guarded(async (arg?: AccountArg) => {
        const picked = await accountOf(arg, false);
        if (picked) selection.set(picked);
        return picked?.account.accountId;
      }),
    ),

    vscode.commands.registerCommand(
      'frameAdmin.copyAccountId',
      guarded(async (arg?: AccountArg) => {
        const target = await accountOf(arg);
        if (!target) return undefined;
        await vscode.env.clipboard.writeText(target.account.accountId);
        vscode.window.setStatusBarMessage(`Copied account ID ${target.account.accountId}`, 3000);
        return target.account.accountId;
      }),
    ),

    vscode.commands.registerCommand(
      'frameAdmin.copyEmail',
      guarded(async (arg?: AccountArg | MemberItem) => {
        let email: string | undefined;
        if (arg && 'kind' in arg) email = arg.kind === 'member' ? arg.member.email : undefined;
        else email = (await accountOf(arg))?.account.email;
        if (!email) {
          void vscode.window.showInformationMessage('There is no email address to copy.');
          return undefined;
        }
        await vscode.env.clipboard.writeText(email);
        vscode.window.setStatusBarMessage(`Copied ${email}`, 3000);
        return email;
      }),
    ),

    vscode.commands.registerCommand('frameAdmin.filterTeamMembers', async (filter?: StatusFilter) => {
      const choice =
        filter ??
        (
          await vscode.window.showQuickPick(
            [
              { label: 'All team members', value: 'all' as const },
              { label: 'Active', value: 'active' as const },
              { label: 'Pending invitations', value: 'pending' as const },
            ].map((i) => ({ ...i, description: i.value === deps.teamMembers.filter ? '(current)' : undefined })),
            { placeHolder: 'Show which team members?' },
          )
        )?.value;
      if (choice) deps.teamMembers.setFilter(choice);
      return choice;
    }),

    vscode.commands.registerCommand(
      'frameAdmin.openRecentSessions',
      guarded(async (arg?: AccountArg) => {
        const target = await accountOf(arg);
        return target && deps.reports.openRecent(target);
      }),
    ),

    vscode.commands.registerCommand(
      'frameAdmin.showReports',
      guarded(async (arg?: AccountArg) => {
        const target = await accountOf(arg);
        return target && deps.reportsPanels.show(target).panel.title;
      }),
    ),

    vscode.commands.registerCommand(
      'frameAdmin.openUsage',
      guarded(async (arg?: AccountArg) => {
        const target = await accountOf(arg);
        return target && deps.reports.openUsage(target);
      }),
    ),

    vscode.commands.registerCommand(
      'frameAdmin.openMonthlyReport',
      guarded(
        async (
          arg?: { connection: Connection; account: Account; report?: SessionReportLink } | SelectedAccount,
          report?: SessionReportLink,
        ) => {
          const target = await accountOf(arg);
          if (!target) return undefined;
          let chosen = report ?? (arg && 'report' in arg ? arg.report : undefined);
          if (!chosen) {
            const reports = await vscode.window.withProgress(
              { location: vscode.ProgressLocation.Notification, title: 'Listing monthly session reports…' },
              async () => (await deps.clients.web(target.connection)).listSessionReports(target.account.accountId),
            );
            if (reports.length === 0) {
              void vscode.window.showInformationMessage(
                `${target.account.name || target.account.accountId} has no monthly session reports yet.`,
              );
              return undefined;
            }
            chosen = (
              await vscode.window.showQuickPick(
                reports.map((r) => ({ label: monthLabel(r), report: r })),
                { placeHolder: 'Which month?' },
              )
            )?.report;
          }
          return chosen && deps.reports.openMonthly(target, chosen);
        },
      ),
    ),

    vscode.commands.registerCommand(
      'frameAdmin.refreshDocument',
      guarded(async (uri?: vscode.Uri) => {
        const target = uri ?? vscode.window.activeTextEditor?.document.uri;
        if (!target || target.scheme !== REPORT_SCHEME || !parseReportUri(target)) return;
        await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Refreshing report…' }, () =>
          deps.reportFs.refresh(target),
        );
      }),
    ),
  ];
}

/** Keeps the selection in step with the Accounts view: any node under an account selects it. */
export function followAccountSelection(view: vscode.TreeView<TreeNode>, selection: AccountSelection): vscode.Disposable {
  return view.onDidChangeSelection((e) => {
    let node: TreeNode | undefined = e.selection[0];
    while (node && !(node instanceof AccountNode)) node = node.parent;
    if (node instanceof AccountNode) selection.set({ connection: node.connection, account: node.account });
  });
}
