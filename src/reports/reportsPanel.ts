/**
 * "Frame Reports: <account>": one webview panel per account, with Usage and Sessions tabs. The
 * host answers the webview's typed requests (src/protocol/reports.ts) with aggregates and pages of
 * rows; the webview never sees HTTP, credentials or a whole report. Strict CSP with a nonce,
 * resources only from the extension's dist/webview and media folders, state kept by the webview
 * (getState/setState) and restored after a reload by the serializer below, no
 * retainContextWhenHidden.
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isFrameApiError } from '../core/http';
import { SessionTable } from '../core/reports';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ClientFactory } from '../connections/clients';
import { RpcEndpoint, type RpcError } from '../protocol/rpc';
import {
  REPORTS_VIEW_TYPE,
  type InitData,
  type MonthRef,
  type NoNotifications,
  type NoRequests,
  type ReportsHostNotifications,
  type ReportsPanelState,
  type ReportsRequests,
  type ReportsUiState,
  type SessionsResult,
} from '../protocol/reports';
import { messageOf } from '../ui/errors';
import { monthLabel } from '../views/accountNodes';
import type { SelectedAccount } from '../views/selection';
import { toPacificDay, type SessionReportLink } from '../core/api';
import { loadSessions, loadUsage, type LoadedUsage, type Progress } from '../core/reports';
import { usageCsv, type ReportService } from './reportService';

export interface ReportsPanelDeps {
  extensionUri: vscode.Uri;
  store: ConnectionStore;
  clients: ClientFactory;
  reports: ReportService;
  log: vscode.LogOutputChannel;
}

type HostRpc = RpcEndpoint<NoRequests, ReportsRequests, ReportsHostNotifications, NoNotifications>;

const RETRYABLE = new Set(['network', 'timeout', 'server', 'rate-limited']);

export class ReportsPanels implements vscode.WebviewPanelSerializer<ReportsPanelState>, vscode.Disposable {
  private readonly panels = new Map<string, ReportsPanel>();

  constructor(private readonly deps: ReportsPanelDeps) {}

  /** Opens (or reveals) the panel of an account. */
  show(selected: SelectedAccount): ReportsPanel {
    const key = keyOf(selected.connection.id, selected.account.accountId);
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      REPORTS_VIEW_TYPE,
      titleOf(selected),
      vscode.ViewColumn.Active,
      webviewOptions(this.deps.extensionUri),
    );
    return this.adopt(panel, selected);
  }

  /** The open panel of an account (tests, and commands run from the tree). */
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
    panel.webview.options = webviewOptions(this.deps.extensionUri);
    this.adopt(panel, { connection, account: { accountId: state.accountId, name: state.accountName, email: '' } }, state.ui);
  }

  dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
  }

  private adopt(panel: vscode.WebviewPanel, selected: SelectedAccount, ui?: ReportsUiState): ReportsPanel {
    const key = keyOf(selected.connection.id, selected.account.accountId);
    const reportsPanel = new ReportsPanel(panel, selected, this.deps, ui);
    this.panels.set(key, reportsPanel);
    panel.onDidDispose(() => this.panels.delete(key));
    return reportsPanel;
  }
}

export class ReportsPanel {
  readonly rpc: HostRpc;
  /** Requests received from the webview, by method (tests use it to see the webview is alive). */
  readonly received = new Map<string, number>();
  private readonly running = { usage: new Set<AbortController>(), sessions: new Set<AbortController>() };
  private table = SessionTable.empty();
  private lastSessions: SessionsResult | null = null;
  private lastUsage: LoadedUsage | undefined;
  private ui: ReportsUiState | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly selected: SelectedAccount,
    private readonly deps: ReportsPanelDeps,
    ui?: ReportsUiState,
  ) {
    this.ui = ui;
    this.rpc = new RpcEndpoint((m) => void panel.webview.postMessage(m), toRpcError);
    panel.webview.html = pageHtml(panel.webview, deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'frame.svg');
    const sub = panel.webview.onDidReceiveMessage((m: unknown) => {
      const method = (m as { method?: unknown })?.method;
      if (typeof method === 'string') this.received.set(method, (this.received.get(method) ?? 0) + 1);
      void this.rpc.handle(m);
    });
    panel.onDidDispose(() => {
      sub.dispose();
      for (const c of [...this.running.usage, ...this.running.sessions]) c.abort();
      this.rpc.dispose();
    });
    this.register();
  }

  private register(): void {
    const { connection, account } = this.selected;
    const { clients, reports, log } = this.deps;

    this.rpc.onRequest('init', async (): Promise<InitData> => {
      const base: InitData = {
        panel: { connectionId: connection.id, accountId: account.accountId, accountName: account.name },
        accountName: account.name || account.accountId,
        accountId: account.accountId,
        connectionName: connection.name,
        todayPacific: toPacificDay(new Date()),
        months: [],
        ui: this.ui,
      };
      try {
        const links = await (await clients.web(connection)).listSessionReports(account.accountId);
        base.months = links.map((l): MonthRef => ({
          key: `${l.year}-${String(l.month).padStart(2, '0')}`,
          label: monthLabel(l),
          downloaded: existsSync(reports.monthlyCsvPath(connection, account.accountId, l.year, l.month)),
        }));
      } catch (e) {
        base.monthsError = messageOf(e);
      }
      return base;
    });

    this.rpc.onRequest('usage', (query) =>
      this.cancellable('usage', async (signal) => {
        this.lastUsage = await loadUsage(await clients.web(connection), account, query, signal, (message, fraction) =>
          this.rpc.notify('progress', { what: 'usage', message, fraction }),
        );
        log.info(
          `Reports: usage ${query.from}…${query.to} (${query.scope}) = ${this.lastUsage.result.aggregate.totalHours.toFixed(1)} h from ${this.lastUsage.records.length} records.`,
        );
        return this.lastUsage.result;
      }),
    );

    this.rpc.onRequest('loadSessions', (query) =>
      this.cancellable('sessions', async (signal) => {
        const started = Date.now();
        const fetchMonthly = (link: SessionReportLink, s: AbortSignal, p: Progress) =>
          reports.fetchMonthly(connection, account.accountId, link, s, p);
        const loaded = await loadSessions(await clients.web(connection), fetchMonthly, account, query, signal, (message, fraction) =>
          this.rpc.notify('progress', { what: 'sessions', message, fraction }),
        );
        this.table = loaded.table;
        this.lastSessions = loaded.result;
        log.info(
          `Reports: ${loaded.result.rows} sessions from ${loaded.result.sources.map((s) => s.label).join(', ') || 'nothing'} in ${Date.now() - started} ms.`,
        );
        return loaded.result;
      }),
    );

    this.rpc.onRequest('currentSessions', () => this.lastSessions);

    this.rpc.onRequest('rows', (q) => this.table.page(q.offset, Math.min(q.limit, 1000), q.sort, q.filter));

    this.rpc.onRequest('exportUsage', async (query) => {
      const usage =
        this.lastUsage && sameQuery(this.lastUsage.result.query, query)
          ? this.lastUsage
          : await loadUsage(await clients.web(connection), account, query, new AbortController().signal, () => undefined);
      const csv = query.scope === 'all' ? usageCsv(usage.records) : usageCsv(usage.records.map((r) => r.record));
      await reports.showUsageCsv(this.selected, query.from, query.to, csv, query.scope);
      return null;
    });

    this.rpc.onRequest('openCsv', async (what) => {
      if ('recent' in what) await reports.openRecent(this.selected);
      else {
        const [year, month] = what.month.split('-').map(Number) as [number, number];
        await reports.openMonthly(this.selected, { year, month, url: await this.linkOf(year, month) });
      }
      return null;
    });

    this.rpc.onRequest('cancel', ({ what }) => {
      for (const c of this.running[what]) c.abort();
      return null;
    });

    this.rpc.onRequest('saveState', (ui) => {
      this.ui = ui;
      return null;
    });
  }

  /** Runs a load that the webview's Cancel (or closing the panel) aborts. */
  private async cancellable<T>(what: 'usage' | 'sessions', run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ctrl = new AbortController();
    this.running[what].add(ctrl);
    try {
      return await run(ctrl.signal);
    } finally {
      this.running[what].delete(ctrl);
    }
  }

  private async linkOf(year: number, month: number): Promise<string> {
    const links = await (await this.deps.clients.web(this.selected.connection)).listSessionReports(this.selected.account.accountId);
    const link = links.find((l) => l.year === year && l.month === month);
    if (!link) throw new Error(`Frame no longer lists a session report for ${year}-${String(month).padStart(2, '0')}.`);
    return link.url;
  }
}

function keyOf(connectionId: string, accountId: string): string {
  return `${connectionId}/${accountId}`;
}

function titleOf(s: SelectedAccount): string {
  return `Frame Reports: ${s.account.name || s.account.accountId}`;
}

function sameQuery(a: { from: string; to: string; scope: string }, b: { from: string; to: string; scope: string }): boolean {
  return a.from === b.from && a.to === b.to && a.scope === b.scope;
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Errors as the webview shows them: the message for people, whether Retry may help. */
function toRpcError(e: unknown): RpcError {
  if (isFrameApiError(e)) return { message: e.message, kind: e.kind, retryable: RETRYABLE.has(e.kind) };
  if ((e as Error)?.name === 'AbortError') return { message: 'Cancelled.', kind: 'cancelled', retryable: true };
  return { message: messageOf(e), kind: 'internal', retryable: true };
}

function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${asset('reports.main.css')}">
<title>Frame Reports</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${asset('reports.main.js')}"></script>
</body>
</html>`;
}

function messageHtml(text: string): string {
  const nonce = randomBytes(16).toString('base64');
  const escaped = text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'"><style nonce="${nonce}">body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 1em; }</style></head><body><p>${escaped}</p></body></html>`;
}
