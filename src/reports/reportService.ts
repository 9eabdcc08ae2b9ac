/**
 * Opens session CSVs and usage hours in editor tabs: recent sessions (fetched), monthly reports
 * (presigned zip downloaded with progress and Cancel, CSV extracted under caps into the extension's
 * storage), and usage hours as CSV.
 */
import * as vscode from 'vscode';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { addDays, safeFileName, toPacificDay, type SessionReportLink, type UsageRecord } from '../core/api';
import { FrameApiError } from '../core/http';
import { extractReportCsv } from '../core/reports';
import type { Connection } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ClientFactory } from '../connections/clients';
import type { SelectedAccount } from '../views/selection';
import { reportUri, type ReportAddress, type ReportFileSystem } from './reportDocuments';

/** VS Code does not sync documents over 50 MB to extensions: those are opened by URI only. */
export const LARGE_DOCUMENT_BYTES = 50 * 1024 * 1024;

export class ReportService {
  private fs!: ReportFileSystem;
  private responses = 0;

  constructor(
    private readonly store: ConnectionStore,
    private readonly clients: ClientFactory,
    private readonly storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  attach(fs: ReportFileSystem): void {
    this.fs = fs;
  }

  /** Loads a report's content for the file system (first open, window reload, refresh). */
  readonly load = async (address: ReportAddress): Promise<Uint8Array | vscode.Uri> => {
    const connection = this.store.get(address.connectionId);
    if (!connection) throw new Error('The connection this report came from has been removed.');
    switch (address.kind) {
      case 'recent': {
        const client = await this.clients.web(connection);
        return Buffer.from((await client.getRecentSessions(address.accountId)).csv, 'utf8');
      }
      case 'usage': {
        const [from = '', to = ''] = address.period.split('_');
        const client = await this.clients.web(connection);
        return Buffer.from(usageCsv(await client.getUsage(address.accountId, { from, to })), 'utf8');
      }
      case 'response':
        // Responses are kept only for this window's life; repeating a request is the user's call.
        throw new Error('This response is no longer available after a reload: send the request again.');
      case 'monthly': {
        const [year, month] = address.period.split('-').map(Number) as [number, number];
        const file = this.monthlyCsvPath(connection, address.accountId, year, month);
        if (!(await exists(file))) {
          const reports = await (await this.clients.web(connection)).listSessionReports(address.accountId);
          const report = reports.find((r) => r.year === year && r.month === month);
          if (!report) throw new Error(`Frame no longer lists a session report for ${address.period}.`);
          await this.download(connection, address.accountId, report);
        }
        return vscode.Uri.file(file);
      }
    }
  };

  async openRecent(selected: SelectedAccount): Promise<vscode.Uri> {
    const { connection, account } = selected;
    const recent = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Fetching recent sessions of ${account.name || account.accountId}…`,
        cancellable: true,
      },
      async (_p, token) => (await this.clients.web(connection)).getRecentSessions(account.accountId, signalOf(token)),
    );
    const uri = reportUri({
      connectionId: connection.id,
      accountId: account.accountId,
      accountName: account.name,
      kind: 'recent',
      period: '',
      fileName: recent.fileName,
    });
    this.fs.set(uri, Buffer.from(recent.csv, 'utf8'));
    return this.show(uri, Buffer.byteLength(recent.csv));
  }

  async openUsage(selected: SelectedAccount, days = 30): Promise<vscode.Uri> {
    const { connection, account } = selected;
    const to = toPacificDay(new Date());
    const from = addDays(to, -(days - 1));
    const usage = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Fetching usage hours of ${account.name || account.accountId}…`,
        cancellable: true,
      },
      async (_p, token) => (await this.clients.web(connection)).getUsage(account.accountId, { from, to }, signalOf(token)),
    );
    return this.showUsageCsv(selected, from, to, usageCsv(usage));
  }

  /** Shows usage CSV text (already computed) in a read-only tab; refresh reads this account's usage. */
  showUsageCsv(selected: SelectedAccount, from: string, to: string, csv: string, scope = 'account'): Promise<vscode.Uri> {
    const { connection, account } = selected;
    const who = scope === 'all' ? `${connection.name} (all accounts)` : account.name || account.accountId;
    const fileName = `${safeFileName(who)}.usage.${from}_${to}.csv`;
    const uri = reportUri({
      connectionId: connection.id,
      accountId: account.accountId,
      accountName: account.name,
      kind: 'usage',
      period: `${from}_${to}`,
      fileName,
    });
    this.fs.set(uri, Buffer.from(csv, 'utf8'));
    return this.show(uri, Buffer.byteLength(csv));
  }

  /**
   * Shows a signed request's response in a read-only tab titled by method and path (never an
   * untitled document that asks to be saved on close).
   */
  async showResponse(
    connection: Connection,
    method: string,
    path: string,
    text: string,
    extension: 'json' | 'csv' | 'html' | 'txt',
  ): Promise<vscode.Uri> {
    const name = `${method} ${path.replace(/^\/+/, '').replace(/[/\\?*:|"<>]+/g, '_') || 'root'}`.slice(0, 120);
    const uri = reportUri({
      connectionId: connection.id,
      accountId: '-',
      accountName: connection.name,
      kind: 'response',
      period: String(++this.responses),
      fileName: `${name}.${extension}`,
    });
    this.fs.set(uri, Buffer.from(text, 'utf8'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    return uri;
  }

  /** Downloads (unless already on disk) and opens one monthly report. */
  async openMonthly(selected: SelectedAccount, report: SessionReportLink): Promise<vscode.Uri> {
    const { connection, account } = selected;
    const file = this.monthlyCsvPath(connection, account.accountId, report.year, report.month);
    if (!(await exists(file))) await this.download(connection, account.accountId, report);
    const period = `${report.year}-${String(report.month).padStart(2, '0')}`;
    const uri = reportUri({
      connectionId: connection.id,
      accountId: account.accountId,
      accountName: account.name,
      kind: 'monthly',
      period,
      fileName: path.basename(file),
    });
    this.fs.set(uri, vscode.Uri.file(file));
    return this.show(uri, (await stat(file)).size);
  }

  /** Where a monthly report's CSV is kept: the extension's global storage, per connection and account. */
  monthlyCsvPath(connection: Connection, accountId: string, year: number, month: number): string {
    const name = `${safeFileName(accountId)}.${year}-${String(month).padStart(2, '0')}.sessions.csv`;
    return path.join(this.storage.fsPath, 'reports', connection.id, name);
  }

  /** Downloads and extracts a monthly report with a progress notification that has Cancel. */
  private async download(connection: Connection, accountId: string, report: SessionReportLink): Promise<void> {
    const label = `${report.year}-${String(report.month).padStart(2, '0')}`;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Session report ${label}`, cancellable: true },
      async (progress, token) => {
        let reported = 0;
        await this.fetchMonthly(connection, accountId, report, signalOf(token), (message, fraction) => {
          const pct = fraction === undefined ? reported : fraction * 100;
          progress.report({ message, increment: pct - reported });
          reported = pct;
        });
      },
    );
  }

  /**
   * Makes sure a monthly report's CSV is on disk (downloading and extracting it when it is not),
   * reporting progress to the caller; returns its path. No UI of its own: the reports panel shows
   * this progress in the webview.
   */
  async fetchMonthly(
    connection: Connection,
    accountId: string,
    report: SessionReportLink,
    signal?: AbortSignal,
    progress: (message: string, fraction?: number) => void = () => undefined,
  ): Promise<string> {
    const file = this.monthlyCsvPath(connection, accountId, report.year, report.month);
    if (await exists(file)) return file;
    await mkdir(path.dirname(file), { recursive: true });
    const zip = file + '.zip.part';
    const part = file + '.part';
    const label = `${report.year}-${String(report.month).padStart(2, '0')}`;
    try {
      progress(`${label}: downloading…`);
      await (
        await this.clients.web(connection)
      ).downloadSessionReport(report, zip, {
        signal,
        onProgress: (received, total) =>
          progress(`${label}: downloading… ${mb(received)}${total ? ` of ${mb(total)}` : ''}`, total ? received / total : undefined),
      });
      progress(`${label}: extracting…`);
      const { bytes } = await extractReportCsv(zip, part, { signal });
      await rename(part, file);
      this.log.info(`Session report ${label} of ${accountId}: ${mb(bytes)} CSV saved to ${file}.`);
      return file;
    } finally {
      await rm(zip, { force: true });
      await rm(part, { force: true });
    }
  }

  private async show(uri: vscode.Uri, size: number): Promise<vscode.Uri> {
    if (size > LARGE_DOCUMENT_BYTES) {
      await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
      return uri;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'csv') await vscode.languages.setTextDocumentLanguage(doc, 'csv');
    await vscode.window.showTextDocument(doc, { preview: false });
    return uri;
  }
}

/**
 * Usage records as CSV, one row per day, datacenter, instance type and server type; given
 * per-account items, an account column first (the "all accounts" rollup).
 */
export function usageCsv<T extends UsageRecord | { account: string; record: UsageRecord }>(items: readonly T[]): string {
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const withAccount = items.length > 0 && 'record' in items[0]!;
  const rows = items.map((i) => ('record' in i ? { account: i.account, r: i.record } : { account: '', r: i as UsageRecord }));
  rows.sort(
    (a, b) =>
      a.r.day.localeCompare(b.r.day) ||
      a.account.localeCompare(b.account) ||
      a.r.datacenter.localeCompare(b.r.datacenter) ||
      a.r.instanceType.localeCompare(b.r.instanceType),
  );
  const header = (withAccount ? 'account,' : '') + 'date (Pacific time),datacenter,instance_type,server_type,hours_used';
  return (
    [
      header,
      ...rows.map(
        ({ account, r }) =>
          [...(withAccount ? [account] : []), r.day, r.datacenter, r.instanceType, r.serverType].map(q).join(',') + ',' + r.hoursUsed,
      ),
    ].join('\n') + '\n'
  );
}

function signalOf(token: vscode.CancellationToken): AbortSignal {
  const ctrl = new AbortController();
  if (token.isCancellationRequested) ctrl.abort();
  token.onCancellationRequested(() => ctrl.abort());
  return ctrl.signal;
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof FrameApiError && e.kind === 'cancelled';
}
