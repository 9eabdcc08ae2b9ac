/** Show Reports, Show Capacity, Open Recent Sessions, Open Monthly Session Report, Open Usage Hours, Refresh Report. */
import * as vscode from 'vscode';
import { monthKey, monthLabel } from '../core/dates';
import type { SessionReportLink } from '../core/api';
import type { SelectedAccount } from '../connections/connection';
import { parseReportUri, REPORT_SCHEME } from '../documents/documentFileSystem';
import type { DocumentTabs } from '../documents/documentTabs';
import type { ReportsPanels } from '../reports/reportsPanel';
import { withCancellableProgress } from '../ui/progress';
import { ConnectionNode, ReportMonthNode } from '../views';
import { ALL_ACCOUNTS_ID, ORGANIZATION_ID_PREFIX } from '../protocol/reports';
import { ACCOUNTS_SETTING, parseCostSettings } from '../core/insights/costSettings';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';
import { accountTarget, type TargetDeps } from './targets';

export interface ReportCommandDeps extends CommandHost, TargetDeps {
  tabs: DocumentTabs;
  panels: ReportsPanels;
}

export function registerReportCommands(deps: ReportCommandDeps): vscode.Disposable[] {
  const { tabs } = deps;
  /** The account's monthly reports (with progress and Cancel), or undefined after saying there are none. */
  const listedReports = async (account: SelectedAccount): Promise<SessionReportLink[] | undefined> => {
    const reports = await withCancellableProgress({ title: vscode.l10n.t('Listing monthly session reports…') }, async (signal) =>
      (await deps.clients.web(account.connection)).listSessionReports(account.account.accountId, signal),
    );
    if (reports.length) return reports;
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} has no monthly session reports yet.', account.account.name || account.account.accountId),
    );
    return undefined;
  };
  return [
    // The account is the node's, the selected one, or one the user picks (Web API only).
    ...(
      [
        [COMMANDS.showReports, (account: SelectedAccount) => deps.panels.show(account).panel.title],
        [COMMANDS.openRecentSessions, (account: SelectedAccount) => tabs.openRecent(account)],
        [COMMANDS.openUsage, (account: SelectedAccount) => tabs.openUsage(account)],
      ] as const
    ).map(([id, run]) =>
      registerCommand(
        id,
        async (target?: unknown) => {
          const account = await accountTarget(target, deps);
          return account && run(account);
        },
        deps,
      ),
    ),
    // On an account: its panel. On a Web API connection: the all-accounts panel (every account's
    // sessions in one table, the rollup).
    registerCommand(
      COMMANDS.showCapacity,
      async (target?: unknown) => {
        if (target instanceof ConnectionNode && target.connection.apiKind === 'web') {
          // Organizations are the ones the admin gave accounts in the settings (the Web API names none).
          const { accounts } = parseCostSettings(undefined, vscode.workspace.getConfiguration().get<unknown>(ACCOUNTS_SETTING));
          const organizations = [...new Set(Object.values(accounts).flatMap((a) => (a.organization ? [a.organization] : [])))].sort();
          const allAccounts = vscode.l10n.t('All accounts');
          let scope: { accountId: string; name: string } | undefined = { accountId: ALL_ACCOUNTS_ID, name: allAccounts };
          if (organizations.length)
            scope = await vscode.window.showQuickPick(
              [
                { label: allAccounts, accountId: ALL_ACCOUNTS_ID, name: allAccounts },
                ...organizations.map((o) => ({
                  label: vscode.l10n.t('Organization: {0}', o),
                  description: vscode.l10n.t('accounts given this organization in frameAdmin.capacity.accounts'),
                  accountId: `${ORGANIZATION_ID_PREFIX}${o}`,
                  name: vscode.l10n.t('Organization {0}', o),
                })),
              ],
              {
                title: vscode.l10n.t('Show Capacity of {0}', target.connection.name),
                placeHolder: vscode.l10n.t('All accounts, or one organization?'),
              },
            );
          if (!scope) return undefined;
          const panel = { connection: target.connection, account: { accountId: scope.accountId, name: scope.name, email: '' } };
          return deps.panels.show(panel, 'capacity').panel.title;
        }
        const account = await accountTarget(target, deps);
        return account && deps.panels.show(account, 'capacity').panel.title;
      },
      deps,
    ),
    registerCommand(
      COMMANDS.openMonthlyReport,
      async (target?: unknown, options?: { month?: string }) => {
        const account = await accountTarget(target, deps);
        if (!account) return undefined;
        if (target instanceof ReportMonthNode) return tabs.openMonthly(account, monthKey(target.report), target.report);
        if (options?.month) return tabs.openMonthly(account, options.month);
        const reports = await listedReports(account);
        if (!reports) return undefined;
        const picked = await vscode.window.showQuickPick(
          reports.map((r): vscode.QuickPickItem & { report: SessionReportLink } => ({ label: monthLabel(r), report: r })),
          { placeHolder: vscode.l10n.t('Which month?') },
        );
        return picked && tabs.openMonthly(account, monthKey(picked.report), picked.report);
      },
      deps,
    ),
    registerCommand(
      COMMANDS.exportSessionsParquet,
      async (target?: unknown, options?: { months?: string[] }) => {
        const account = await accountTarget(target, deps);
        if (!account) return undefined;
        let months = options?.months;
        if (!months) {
          const reports = await listedReports(account);
          if (!reports) return undefined;
          const picked = await vscode.window.showQuickPick(
            reports.map((r) => ({ label: monthLabel(r), description: monthKey(r), month: monthKey(r) })),
            {
              title: vscode.l10n.t('Export Sessions as Parquet'),
              placeHolder: vscode.l10n.t('Which months? (each becomes month=YYYY-MM/part-0.parquet)'),
              canPickMany: true,
            },
          );
          months = picked?.map((p) => p.month);
        }
        return months?.length ? tabs.exportParquet(account, months) : undefined;
      },
      deps,
    ),
    registerCommand(
      COMMANDS.clearReportCache,
      async (_target?: unknown, options?: { confirm?: boolean }) => {
        if (options?.confirm !== false) {
          const clear = vscode.l10n.t('Clear');
          const answer = await vscode.window.showWarningMessage(
            vscode.l10n.t(
              'Clear the report cache? Months already read are read again from their CSV next time (the downloaded CSVs stay).',
            ),
            { modal: true },
            clear,
          );
          if (answer !== clear) return undefined;
        }
        const freed = await tabs.clearReportCache();
        void vscode.window.showInformationMessage(vscode.l10n.t('Cleared the report cache ({0} MB freed).', (freed / 1048576).toFixed(1)));
        return freed;
      },
      deps,
    ),
    registerCommand(
      COMMANDS.refreshDocument,
      async (uri?: vscode.Uri) => {
        const target = uri ?? vscode.window.activeTextEditor?.document.uri;
        if (!target || target.scheme !== REPORT_SCHEME || !parseReportUri(target)) return;
        await withCancellableProgress({ title: vscode.l10n.t('Refreshing report…') }, (signal) => tabs.fs.refresh(target, signal));
      },
      deps,
    ),
  ];
}
