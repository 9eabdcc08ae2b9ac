/** Builds the extension's objects and registers them; no logic of its own. */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { oneLogLine } from './core/logLine';
import { useL10nBundle } from './core/l10n';
import { AuditPanels } from './audit/auditPanel';
import { registerAccountCommands } from './commands/accountCommands';
import { registerAdminCommands } from './commands/adminCommands';
import { registerConnectionCommands } from './commands/connectionCommands';
import { COMMANDS } from './contract';
import { registerCommand } from './commands/registerCommand';
import { inputBoxPrompt, registerPublishCommand, type PublishPrompt } from './commands/publishCommand';
import { registerReportCommands } from './commands/reportCommands';
import { registerRequestCommands } from './commands/requestCommands';
import { registerRequestFileCommands } from './commands/requestFileCommands';
import { registerSearchCommand } from './commands/searchCommand';
import { registerViewCommands } from './commands/viewCommands';
import { registerNavigationCommands } from './commands/navigationCommands';
import { ActivityLog } from './connections/activityLog';
import { Favourites } from './connections/favourites';
import { ClientFactory } from './connections/clients';
import { ConnectionStore } from './connections/connectionStore';
import { RequestHistory } from './connections/requestHistory';
import { AccountSelection } from './connections/selection';
import { readSetting } from './connections/settings';
import { AUDIT_VIEW_TYPE } from './protocol/audit';
import { REPORTS_VIEW_TYPE } from './protocol/reports';
import { REPORT_SCHEME } from './documents/documentFileSystem';
import { DocumentTabs } from './documents/documentTabs';
import { RequestFileEditor } from './documents/requestFiles';
import { RequestFileRunner } from './documents/requestRunner';
import { RequestFileSaver } from './documents/requestFileSave';
import { ResponseTabs } from './documents/responseTabs';
import { RequestTests } from './documents/requestTests';
import { RequestFileAssist } from './documents/requestAssist';
import { ReportsPanels } from './reports/reportsPanel';
import { SelectionStatus } from './ui/selectionStatus';
import { AccountsView, ActivityView, ApplicationsView, IconCache, TeamMembersView } from './views';
import { engineLoaded, requestEngineLoaded } from './lazyEngine';

/** What activate() returns: the live objects, for integration tests and other extensions. */
export interface FrameAdminApi {
  store: ConnectionStore;
  clients: ClientFactory;
  selection: AccountSelection;
  accounts: AccountsView;
  teamMembers: TeamMembersView;
  applications: ApplicationsView;
  tabs: DocumentTabs;
  reportsPanels: ReportsPanels;
  auditPanels: AuditPanels;
  log: vscode.LogOutputChannel;
  /** Where the "Frame" log file is written. */
  logUri: vscode.Uri;
  requestHistory: RequestHistory;
  /** Request files in the Test Explorer. */
  requestTests: RequestTests;
  /** Response tabs and the response history with bodies. */
  responses: ResponseTabs;
  /** Save to Request File (tests answer its file question). */
  requestFileSaver: RequestFileSaver;
  /** Write actions the extension ran (the Activity view). */
  activity: ActivityLog;
  activityView: ActivityView;
  /** How Publish Sandbox asks for the account's name (tests answer it). */
  publishPrompt: PublishPrompt;
  /** How long activate() itself took (registering views and commands; no network, no secret). */
  activationMs: number;
  /** Whether the engine (dist/engine.js) was loaded when activate() returned: it never should be. */
  engineLoadedByActivation: boolean;
  /** Whether request-file support (dist/requestEngine.js) was loaded then: only when a request file was open. */
  requestEngineLoadedByActivation: boolean;
}

export function activate(context: vscode.ExtensionContext): FrameAdminApi {
  const started = performance.now();
  useL10nBundle(vscode.l10n.bundle);
  // Log lines stay English (like VS Code's own logs), so that a log can be pasted into an issue as it is.
  const log = vscode.window.createOutputChannel('Frame', { log: true });
  const store = new ConnectionStore(context.globalState, context.secrets);
  const clients = new ClientFactory(store, log);
  const selection = new AccountSelection();
  context.subscriptions.push(log, store, clients, selection);

  const favourites = new Favourites(context.globalState);
  const activity = new ActivityLog(context.globalState);
  const accounts = new AccountsView(store, { clients }, selection, favourites, () => readSetting('adminApi.pageSize'));
  const activityView = new ActivityView(activity);
  context.subscriptions.push(favourites, activity, activityView);
  const teamMembers = new TeamMembersView(selection, clients, () => readSetting('teamMembers.pageSize'));
  const icons = new IconCache(vscode.Uri.joinPath(context.globalStorageUri, 'icons'), () => clients.http);
  const applications = new ApplicationsView(selection, clients, icons);
  context.subscriptions.push(accounts, teamMembers, applications, new SelectionStatus(selection, store));

  const publishPrompt = inputBoxPrompt();
  const tabs = new DocumentTabs(store, clients, path.join(context.globalStorageUri.fsPath, 'reports'), (line) =>
    log.info(oneLogLine(line)),
  );
  const reportsPanels = new ReportsPanels({ extensionUri: context.extensionUri, store, clients, tabs, log });
  context.subscriptions.push(
    tabs,
    vscode.workspace.registerFileSystemProvider(REPORT_SCHEME, tabs.fs, { isReadonly: true, isCaseSensitive: true }),
    reportsPanels,
    vscode.window.registerWebviewPanelSerializer(REPORTS_VIEW_TYPE, reportsPanels),
  );
  const auditPanels = new AuditPanels({
    extensionUri: context.extensionUri,
    store,
    clients,
    tabs,
    log,
    names: (connection) => accounts.directory.names(connection),
  });
  context.subscriptions.push(auditPanels, vscode.window.registerWebviewPanelSerializer(AUDIT_VIEW_TYPE, auditPanels));

  const targets = { store, clients, selection, log };
  const history = new RequestHistory(context.globalState);
  const requestFiles = new RequestFileEditor();
  const requestRunner = new RequestFileRunner(store, clients);
  const requestTests = new RequestTests(requestRunner);
  const responses = new ResponseTabs(tabs, path.join(context.globalStorageUri.fsPath, 'responses'));
  const requestFileSaver = new RequestFileSaver();
  context.subscriptions.push(
    requestFiles,
    requestTests,
    responses,
    new RequestFileAssist(requestFiles, store, requestRunner),
    ...registerRequestFileCommands({ tabs, log, editor: requestFiles, runner: requestRunner, responses }),
    ...registerConnectionCommands({
      store,
      clients,
      accounts,
      log,
      history,
      responseHistory: { forget: (id) => responses.history.forget(id) },
    }),
    ...registerViewCommands({ accounts, teamMembers, applications, log }),
    ...registerAccountCommands(targets),
    ...registerReportCommands({ ...targets, tabs, panels: reportsPanels }),
    registerSearchCommand({ ...targets, tabs }),
    ...registerRequestCommands({ store, clients, responses, log, history, saver: requestFileSaver }),
    ...registerAdminCommands({
      store,
      clients,
      accounts,
      tabs,
      log,
      showAuditTrail: ({ connection, scope }) => auditPanels.show(connection, scope).panel.title,
    }),
    registerPublishCommand({ store, clients, accounts, tabs, log, prompt: publishPrompt, activity }),
    ...registerNavigationCommands({ store, selection, accounts, activity, log }),
    registerCommand(COMMANDS.showLog, () => log.show(), { log }),
  );
  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms.`);
  return {
    store,
    clients,
    selection,
    accounts,
    teamMembers,
    applications,
    tabs,
    reportsPanels,
    auditPanels,
    log,
    logUri: context.logUri,
    activationMs,
    engineLoadedByActivation: engineLoaded(),
    requestEngineLoadedByActivation: requestEngineLoaded(),
    requestHistory: history,
    requestTests,
    responses,
    requestFileSaver,
    publishPrompt,
    activity,
    activityView,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
