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
import {
  REPORTS_VIEW_TYPE,
  type ReportsHostNotifications,
  type ReportsPanelState,
  type ReportsRequests,
  type ReportsUiState,
} from '../protocol/reports';
import { hostEnd, servePage } from '../ui/panelPage';
import type { HostEnd } from '../protocol/rpc';
import { PanelRegistry } from '../ui/panelRegistry';
import { messageHtml } from '../ui/webviewHtml';
import type { ReportsController } from './reportsController';
import { engine } from '../lazyEngine';
import type { DocumentTabs } from '../documents/documentTabs';
import { ACCOUNTS_SETTING, PRICES_SETTING } from '../core/insights/costSettings';
import { readInsightSettings } from '../connections/settings';

/** The section of the settings Edit Prices opens (both cost settings). */
const COST_SETTINGS = 'frameAdmin.capacity';

export interface ReportsPanelDeps {
  extensionUri: vscode.Uri;
  store: ConnectionStore;
  clients: ClientFactory;
  tabs: DocumentTabs;
  log: vscode.LogOutputChannel;
}

export class ReportsPanels implements vscode.WebviewPanelSerializer<ReportsPanelState>, vscode.Disposable {
  private readonly panels: PanelRegistry<ReportsPanel>;

  constructor(private readonly deps: ReportsPanelDeps) {
    this.panels = new PanelRegistry(REPORTS_VIEW_TYPE, deps.extensionUri);
  }

  /** Opens (or reveals) the panel of an account; on `tab` when given (else where the user left it). */
  show(target: SelectedAccount, tab?: ReportsUiState['tab']): ReportsPanel {
    const panel = this.panels.show(
      keyOf(target.connection.id, target.account.accountId),
      titleOf(target),
      (p) => new ReportsPanel(p, target, this.deps),
    );
    if (tab) panel.showTab(tab);
    return panel;
  }

  /** The open panel of an account. */
  get(connectionId: string, accountId: string): ReportsPanel | undefined {
    return this.panels.get(keyOf(connectionId, accountId));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: ReportsPanelState | undefined): Promise<void> {
    const connection = state?.connectionId ? this.deps.store.get(state.connectionId) : undefined;
    if (!state || !connection) {
      panel.webview.html = messageHtml(
        vscode.l10n.t(
          'This report belonged to a Frame connection that no longer exists. Close this tab and open the reports again from the Accounts view.',
        ),
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
  private readonly rpc: HostEnd<ReportsRequests, ReportsHostNotifications>;

  constructor(
    readonly panel: vscode.WebviewPanel,
    target: SelectedAccount,
    deps: ReportsPanelDeps,
    ui?: ReportsUiState,
  ) {
    const rpc = hostEnd<ReportsRequests, ReportsHostNotifications>(panel);
    this.rpc = rpc;
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
        saveCsv: (title, fileName, csv, note) => tabs.saveCsv({ title, fileName, ...note }, csv),
        editPrices: async () => vscode.commands.executeCommand('workbench.action.openSettings', COST_SETTINGS),
        saveImage: (title, fileName, bytes, format, note) =>
          tabs.saveFile(
            {
              title,
              fileName,
              ...note,
              filters: format === 'png' ? { [vscode.l10n.t('PNG images')]: ['png'] } : { [vscode.l10n.t('SVG images')]: ['svg'] },
            },
            bytes,
          ),
        copyText: async (text, _what, copied) => {
          await vscode.env.clipboard.writeText(text);
          void vscode.window.setStatusBarMessage(copied, 4000);
        },
      },
      costSettings: () => {
        const config = vscode.workspace.getConfiguration();
        return { prices: config.get<unknown>(PRICES_SETTING), accounts: config.get<unknown>(ACCOUNTS_SETTING) };
      },
      settings: () => readInsightSettings(),
      notify: (progress) => rpc.notify('progress', progress),
      log: (line) => log.info(line),
      ui,
    });
    // Prices edited while the panel is open: the Cost section asks again.
    const watch = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(COST_SETTINGS)) rpc.notify('pricesChanged', { at: Date.now() });
    });
    panel.onDidDispose(() => watch.dispose());
    servePage(panel, rpc, {
      extensionUri: deps.extensionUri,
      entry: 'reports',
      title: vscode.l10n.t('Frame Reports'),
      handlers: this.controller.handlers,
      closed: vscode.l10n.t('The reports view was closed.'),
      dispose: () => this.controller.dispose(),
    });
  }

  /** A page that is up switches at once; one still starting gets the tab with its init. */
  showTab(tab: ReportsUiState['tab']): void {
    this.controller.openOn(tab);
    this.rpc.notify('showTab', { tab });
  }
}

function keyOf(connectionId: string, accountId: string): string {
  return `${connectionId}/${accountId}`;
}

function titleOf(s: SelectedAccount): string {
  return vscode.l10n.t('Frame Reports: {0}', s.account.name || s.account.accountId);
}
