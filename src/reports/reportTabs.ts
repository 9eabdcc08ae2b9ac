/**
 * Reports in editor tabs: recent sessions (fetched), monthly reports (downloaded once into the
 * extension's storage, with progress and Cancel), usage hours as CSV, and signed-request
 * responses, all read-only through the `frame-report:` file system.
 */
import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { safeFileName, type SessionReportLink } from '../core/api';
import { addDays, monthKey, parseMonthKey, toPacificDay } from '../core/dates';
import { FrameError } from '../core/errors';
import { findReportLink, usageCsv, type MonthlyReportStore } from '../core/reports';
import type { ClientFactory } from '../connections/clients';
import type { Connection, SelectedAccount } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import { withCancellableProgress } from '../ui/progress';
import { ReportFileSystem, reportUri, type ReportAddress } from './reportFileSystem';

/** VS Code does not sync documents over 50 MB to extensions: those are opened by URI only. */
export const LARGE_DOCUMENT_BYTES = 50 * 1024 * 1024;

export class ReportTabs implements vscode.Disposable {
  readonly fs: ReportFileSystem;
  private responses = 0;

  constructor(
    private readonly store: ConnectionStore,
    private readonly clients: ClientFactory,
    readonly monthly: MonthlyReportStore,
  ) {
    this.fs = new ReportFileSystem((address, signal) => this.load(address, signal));
  }

  /** A report's content for the file system (first open, window reload, Refresh Report). */
  private async load(address: ReportAddress, signal?: AbortSignal): Promise<Uint8Array | vscode.Uri> {
    const connection = this.store.get(address.connectionId);
    if (!connection) throw new FrameError('connection-removed', 'The Frame connection this report came from has been removed.');
    const target = { connection, account: { accountId: address.accountId, name: address.accountName, email: '' } };
    switch (address.kind) {
      case 'recent':
        return Buffer.from((await (await this.clients.web(connection)).getRecentSessions(address.accountId, signal)).csv, 'utf8');
      case 'usage': {
        const [from = '', to = ''] = address.period.split('_');
        return Buffer.from(usageCsv(await (await this.clients.web(connection)).getUsage(address.accountId, { from, to }, signal)), 'utf8');
      }
      case 'response':
        // Responses are kept only for this window's life; repeating a request is the user's call.
        throw new FrameError(
          'not-listed',
          'This document is no longer available after a reload: send the request or open the details again.',
        );
      case 'monthly':
        return vscode.Uri.file(await this.monthlyFile(target, address.period));
    }
  }

  async openRecent(target: SelectedAccount): Promise<vscode.Uri> {
    const { connection, account } = target;
    const recent = await withCancellableProgress(
      { title: `Fetching recent sessions of ${account.name || account.accountId}…` },
      async (signal) => (await this.clients.web(connection)).getRecentSessions(account.accountId, signal),
    );
    const uri = reportUri({ ...this.address(target), kind: 'recent', period: '', fileName: recent.fileName });
    this.fs.set(uri, Buffer.from(recent.csv, 'utf8'));
    return this.show(uri, Buffer.byteLength(recent.csv));
  }

  async openUsage(target: SelectedAccount, days = 30): Promise<vscode.Uri> {
    const to = toPacificDay(new Date());
    const from = addDays(to, -(days - 1));
    const usage = await withCancellableProgress(
      { title: `Fetching usage hours of ${target.account.name || target.account.accountId}…` },
      async (signal) => (await this.clients.web(target.connection)).getUsage(target.account.accountId, { from, to }, signal),
    );
    return this.showUsageCsv(target, from, to, usageCsv(usage));
  }

  /** Shows usage CSV text (already computed) in a read-only tab; Refresh reads this account's usage again. */
  showUsageCsv(target: SelectedAccount, from: string, to: string, csv: string, scope: 'account' | 'all' = 'account'): Promise<vscode.Uri> {
    const who = scope === 'all' ? `${target.connection.name} (all accounts)` : target.account.name || target.account.accountId;
    const fileName = `${safeFileName(who)}.usage.${from}_${to}.csv`;
    const uri = reportUri({ ...this.address(target), kind: 'usage', period: `${from}_${to}`, fileName });
    this.fs.set(uri, Buffer.from(csv, 'utf8'));
    return this.show(uri, Buffer.byteLength(csv));
  }

  /** A signed request's response in a read-only tab titled by method and path (never an untitled document). */
  showResponse(
    connection: Connection,
    method: string,
    path: string,
    text: string,
    extension: 'json' | 'csv' | 'html' | 'txt',
  ): Promise<vscode.Uri> {
    return this.showDocument(connection, `${method} ${path.replace(/^\/+/, '') || 'root'}`, text, extension);
  }

  /** Text (JSON details, a CSV export) in a read-only tab titled `name.extension`; kept for this window's life. */
  async showDocument(
    connection: Connection,
    name: string,
    text: string,
    extension: 'json' | 'jsonc' | 'csv' | 'html' | 'txt',
  ): Promise<vscode.Uri> {
    const uri = reportUri({
      connectionId: connection.id,
      accountId: '-',
      accountName: connection.name,
      kind: 'response',
      period: String(++this.responses),
      fileName: `${safeFileName(name.replace(/[/\\?*:|"<>]+/g, '_')).slice(0, 120)}.${extension}`,
    });
    this.fs.set(uri, Buffer.from(text, 'utf8'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    return uri;
  }

  /** Downloads (unless already on disk) and opens one monthly report; `link` saves listing the reports again. */
  async openMonthly(target: SelectedAccount, month: string, link?: SessionReportLink): Promise<vscode.Uri> {
    const file = await this.monthlyFile(target, month, link);
    const uri = reportUri({
      ...this.address(target),
      kind: 'monthly',
      period: month,
      fileName: `${safeFileName(target.account.accountId)}.${month}.sessions.csv`,
    });
    this.fs.set(uri, vscode.Uri.file(file));
    return this.show(uri, (await stat(file)).size);
  }

  dispose(): void {
    this.fs.dispose();
  }

  /** A monthly report's CSV on disk, downloaded with a progress notification (with Cancel) when it is not. */
  private async monthlyFile(target: SelectedAccount, month: string, link?: SessionReportLink): Promise<string> {
    const parsed = parseMonthKey(month);
    if (!parsed) throw new FrameError('invalid-request', `"${month}" is not a report month (yyyy-MM).`);
    const ref = { connectionId: target.connection.id, accountId: target.account.accountId, ...parsed };
    if (await this.monthly.isDownloaded(ref)) return this.monthly.csvPath(ref);
    const client = await this.clients.web(target.connection);
    return withCancellableProgress({ title: `Session report ${monthKey(parsed)}` }, async (signal, report) =>
      this.monthly.fetch(client, ref, link ?? (await findReportLink(client, ref.accountId, month, signal)), signal, report),
    );
  }

  private address({ connection, account }: SelectedAccount): Pick<ReportAddress, 'connectionId' | 'accountId' | 'accountName'> {
    return { connectionId: connection.id, accountId: account.accountId, accountName: account.name };
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
