/**
 * "Frame Reports: <account>": one webview panel per account, a thin adapter between VS Code and
 * the ReportsController (which holds the logic). Strict CSP with a nonce, resources only from the
 * extension's dist/webview and media folders, no retainContextWhenHidden; the webview keeps its
 * state with getState/setState, and the serializer below restores a panel after a window reload.
 */
import * as vscode from 'vscode';
import type { ClientFactory } from '../connections/clients';
import type { SelectedAccount } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import { RpcEndpoint } from '../protocol/rpc';
import {
  REPORTS_VIEW_TYPE,
  type NoNotifications,
  type NoRequests,
  type ReportsHostNotifications,
  type ReportsPanelState,
  type ReportsRequests,
  type ReportsUiState,
} from '../protocol/reports';
import { PanelRegistry } from '../ui/panelRegistry';
import { messageHtml, reportsHtml } from './reportsHtml';
import type { ReportsController } from './reportsController';
import { engine } from '../lazyEngine';
import type { DocumentTabs } from '../documents/documentTabs';

export interface ReportsPanelDeps {
  extensionUri: vscode.Uri;
  store: ConnectionStore;
  clients: ClientFactory;
  tabs: DocumentTabs;
  log: vscode.LogOutputChannel;
}

type HostRpc = RpcEndpoint<NoRequests, ReportsRequests, ReportsHostNotifications, NoNotifications>;

export class ReportsPanels implements vscode.WebviewPanelSerializer<ReportsPanelState>, vscode.Disposable {
  private readonly panels: PanelRegistry<ReportsPanel>;

  constructor(private readonly deps: ReportsPanelDeps) {
    this.panels = new PanelRegistry(REPORTS_VIEW_TYPE, deps.extensionUri);
  }

  /** Opens (or reveals) the panel of an account. */
  show(target: SelectedAccount): ReportsPanel {
    return this.panels.show(
      keyOf(target.connection.id, target.account.accountId),
      titleOf(target),
      (panel) => new ReportsPanel(panel, target, this.deps),
    );
  }

  /** The open panel of an account. */
  get(connectionId: string, accountId: string): ReportsPanel | undefined {
    return this.panels.get(keyOf(connectionId, accountId));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: ReportsPanelState | undefined): Promise<void> {
    const connection = state?.connectionId ? this.deps.store.get(state.connectionId) : undefined;
    if (!state || !connection) {
      panel.webview.html = messageHtml(
        'This report belonged to a Frame connection that no longer exists. Close this tab and open the reports again from the Accounts view.',
      );
      return;
    }
    const target = { connection, account: { accountId: state.accountId, name: state.accountName, email: '' } };
    this.panels.restore(keyOf(connection.id, state.accountId), panel, (p) => new ReportsPanel(p, target, this.deps, state.ui));
  }

  dispose(): void {
    this.panels.dispose();
  }
}

export class ReportsPanel {
  readonly controller: ReportsController;

  constructor(
    readonly panel: vscode.WebviewPanel,
    target: SelectedAccount,
    deps: ReportsPanelDeps,
    ui?: ReportsUiState,
  ) {
    const rpc: HostRpc = new RpcEndpoint((m) => void panel.webview.postMessage(m));
    const { tabs, clients, log } = deps;
    this.controller = new (engine().ReportsController)({
      target,
      web: () => clients.web(target.connection),
      monthly: tabs.monthly,
      editor: {
        openMonthlyCsv: (month, link) => tabs.openMonthly(target, month, link),
        openRecentCsv: () => tabs.openRecent(target),
        showUsageCsv: (query, csv) => tabs.exportUsageCsv(target, query, csv),
        exportParquet: (months) => tabs.exportParquet(target, months),
      },
      notify: (progress) => rpc.notify('progress', progress),
      log: (line) => log.info(line),
      ui,
    });
    for (const [method, handler] of Object.entries(this.controller.handlers)) rpc.onRequest(method as keyof ReportsRequests, handler);
    const asset = (file: string) => panel.webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview', file)).toString();
    panel.webview.html = reportsHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: asset('reports.main.js'),
      styleUri: asset('reports.main.css'),
    });
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'frame.svg');
    const sub = panel.webview.onDidReceiveMessage((m: unknown) => void rpc.handle(m));
    panel.onDidDispose(() => {
      sub.dispose();
      this.controller.dispose();
      rpc.dispose();
    });
  }
}

function keyOf(connectionId: string, accountId: string): string {
  return `${connectionId}/${accountId}`;
}

function titleOf(s: SelectedAccount): string {
  return `Frame Reports: ${s.account.name || s.account.accountId}`;
}
