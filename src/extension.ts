/** Builds the extension's objects and registers them; no logic of its own. */
import * as vscode from 'vscode';
import { registerAccountCommands, followAccountSelection } from './commands/accountCommands';
import { registerConnectionCommands } from './commands/connectionCommands';
import { registerRequestCommands } from './commands/requestCommands';
import { ClientFactory } from './connections/clients';
import { ConnectionStore } from './connections/connectionStore';
import { ensureDemoConnection } from './connections/demoConnection';
import { REPORT_SCHEME, ReportFileSystem } from './reports/reportDocuments';
import { ReportService } from './reports/reportService';
import { ReportsPanels } from './reports/reportsPanel';
import { REPORTS_VIEW_TYPE } from './protocol/reports';
import { createLog } from './ui/log';
import { messageOf } from './ui/errors';
import { ACCOUNTS_VIEW, AccountsTreeProvider } from './views/accountsTree';
import { APPLICATIONS_VIEW, ApplicationsTreeProvider } from './views/applicationsTree';
import { IconCache } from './views/iconCache';
import { AccountSelection } from './views/selection';
import { TEAM_MEMBERS_VIEW, TeamMembersTreeProvider } from './views/teamMembersTree';

/** What activate() returns: the live objects, for integration tests and other extensions. */
export interface FrameAdminApi {
  store: ConnectionStore;
  clients: ClientFactory;
  selection: AccountSelection;
  accounts: AccountsTreeProvider;
  accountsView: vscode.TreeView<unknown>;
  teamMembers: TeamMembersTreeProvider;
  applications: ApplicationsTreeProvider;
  reports: ReportService;
  reportsPanels: ReportsPanels;
  log: vscode.LogOutputChannel;
  /** Where the "Frame" log file is written. */
  logUri: vscode.Uri;
}

export async function activate(context: vscode.ExtensionContext): Promise<FrameAdminApi> {
  const log = createLog();
  const store = new ConnectionStore(context.globalState, context.secrets);
  const clients = new ClientFactory(store, log);
  const selection = new AccountSelection();
  context.subscriptions.push(log, store, clients, selection);

  const accounts = new AccountsTreeProvider(store, { clients });
  const accountsView = vscode.window.createTreeView(ACCOUNTS_VIEW, { treeDataProvider: accounts, showCollapseAll: true });
  const teamMembers = new TeamMembersTreeProvider(selection, clients, () =>
    vscode.workspace.getConfiguration('frameAdmin.teamMembers').get<number>('pageSize', 200),
  );
  const teamMembersView = vscode.window.createTreeView(TEAM_MEMBERS_VIEW, { treeDataProvider: teamMembers });
  teamMembers.attach(teamMembersView);
  const icons = new IconCache(vscode.Uri.joinPath(context.globalStorageUri, 'icons'), () => clients.http);
  const applications = new ApplicationsTreeProvider(selection, clients, icons);
  const applicationsView = vscode.window.createTreeView(APPLICATIONS_VIEW, { treeDataProvider: applications });
  applications.attach(applicationsView);
  context.subscriptions.push(
    accounts,
    accountsView,
    teamMembers,
    teamMembersView,
    applications,
    applicationsView,
    followAccountSelection(accountsView, selection),
  );
  // A removed connection must not stay selected.
  context.subscriptions.push(
    store.onDidChange(() => selection.value && !store.get(selection.value.connection.id) && selection.set(undefined)),
  );

  const reports = new ReportService(store, clients, context.globalStorageUri, log);
  const reportFs = new ReportFileSystem(reports.load);
  reports.attach(reportFs);
  context.subscriptions.push(
    reportFs,
    vscode.workspace.registerFileSystemProvider(REPORT_SCHEME, reportFs, { isReadonly: true, isCaseSensitive: true }),
  );

  const reportsPanels = new ReportsPanels({ extensionUri: context.extensionUri, store, clients, reports, log });
  context.subscriptions.push(reportsPanels, vscode.window.registerWebviewPanelSerializer(REPORTS_VIEW_TYPE, reportsPanels));

  context.subscriptions.push(
    ...registerConnectionCommands({ store, clients, tree: accounts, log }),
    ...registerAccountCommands({ store, clients, selection, accounts, teamMembers, applications, reports, reportFs, reportsPanels, log }),
    ...registerRequestCommands({ store, clients, reports, log }),
    vscode.commands.registerCommand('frameAdmin.showLog', () => log.show()),
  );

  try {
    if (await ensureDemoConnection(store)) log.info('Sandbox: the demo connection to the built-in Frame simulator is configured.');
  } catch (e) {
    log.warn(`Sandbox: could not configure the demo connection: ${messageOf(e)}`);
  }
  return {
    store,
    clients,
    selection,
    accounts,
    accountsView,
    teamMembers,
    applications,
    reports,
    reportsPanels,
    log,
    logUri: context.logUri,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
