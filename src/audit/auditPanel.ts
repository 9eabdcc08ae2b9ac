/**
 * "Frame Audit Trail: <customer or organization>": one webview panel per scope, a thin adapter
 * between VS Code and the AuditController. Same rules as the reports panel: strict CSP with a
 * nonce (the one page builder, ui/panelPage.ts), resources only from dist/webview and media, no
 * retainContextWhenHidden, state through getState/setState and the serializer below.
 */
import * as vscode from 'vscode';
import type { ClientFactory } from '../connections/clients';
import type { Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import {
  AUDIT_VIEW_TYPE,
  type AuditHostNotifications,
  type AuditPanelState,
  type AuditRequests,
  type AuditScopeRef,
  type AuditUiState,
} from '../protocol/audit';
import type { DocumentTabs } from '../documents/documentTabs';
import { hostEnd, servePage } from '../ui/panelPage';
import { PanelRegistry } from '../ui/panelRegistry';
import { messageHtml } from '../ui/webviewHtml';
import { AuditController } from './auditController';

export interface AuditPanelDeps {
  extensionUri: vscode.Uri;
  store: ConnectionStore;
  clients: ClientFactory;
  tabs: DocumentTabs;
  log: vscode.LogOutputChannel;
  /** The names the tenant tree knows for ids (organizations, accounts), per connection. */
  names?: (connection: Connection) => Promise<ReadonlyMap<string, string>>;
}

export class AuditPanels implements vscode.WebviewPanelSerializer<AuditPanelState>, vscode.Disposable {
  private readonly panels: PanelRegistry<AuditPanel>;

  constructor(private readonly deps: AuditPanelDeps) {
    this.panels = new PanelRegistry(AUDIT_VIEW_TYPE, deps.extensionUri);
  }

  /** Opens (or reveals) the panel of a customer or organization. */
  show(connection: Connection, scope: AuditScopeRef): AuditPanel {
    return this.panels.show(`${connection.id}/${scope.id}`, titleOf(scope), (panel) => new AuditPanel(panel, connection, scope, this.deps));
  }

  get(connectionId: string, scopeId: string): AuditPanel | undefined {
    return this.panels.get(`${connectionId}/${scopeId}`);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: AuditPanelState | undefined): Promise<void> {
    const connection = state?.connectionId ? this.deps.store.get(state.connectionId) : undefined;
    const scope = state?.scope;
    if (!state || !connection || !scope || (scope.kind !== 'customer' && scope.kind !== 'organization') || typeof scope.id !== 'string') {
      panel.webview.html = messageHtml(
        vscode.l10n.t(
          'This audit trail belonged to a Frame connection that no longer exists. Close this tab and open the audit trail again from the Accounts view.',
        ),
      );
      return;
    }
    const ref: AuditScopeRef = { kind: scope.kind, id: scope.id, name: String(scope.name ?? scope.id) };
    this.panels.restore(`${connection.id}/${ref.id}`, panel, (p) => new AuditPanel(p, connection, ref, this.deps, state.ui));
  }

  dispose(): void {
    this.panels.dispose();
  }
}

export class AuditPanel {
  readonly controller: AuditController;

  constructor(
    readonly panel: vscode.WebviewPanel,
    connection: Connection,
    scope: AuditScopeRef,
    deps: AuditPanelDeps,
    ui?: AuditUiState,
  ) {
    const rpc = hostEnd<AuditRequests, AuditHostNotifications>(panel);
    this.controller = new AuditController({
      connection,
      scope,
      admin: () => deps.clients.admin(connection),
      editor: { show: (name, text, extension) => deps.tabs.showDocument(connection, name, text, extension) },
      log: (line) => deps.log.info(line),
      ui,
      names: deps.names && (() => deps.names!(connection)),
    });
    servePage(panel, rpc, {
      extensionUri: deps.extensionUri,
      entry: 'audit',
      title: titleOf(scope),
      handlers: this.controller.handlers,
      closed: vscode.l10n.t('The audit trail was closed.'),
      dispose: () => this.controller.dispose(),
    });
  }
}

function titleOf(scope: AuditScopeRef): string {
  return vscode.l10n.t('Frame Audit Trail: {0}', scope.name || scope.id);
}
