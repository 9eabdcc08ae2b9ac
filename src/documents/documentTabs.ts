/**
 * Read-only documents in editor tabs: recent sessions (fetched), monthly reports (downloaded once
 * into the extension's storage, with progress and Cancel), usage hours as CSV, signed-request
 * responses, publish answers and audit-trail JSON, all through the `frame-report:` file system;
 * and the reports panel's Export CSV, saved where the user says (a save dialog), then offered to open.
 */
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { stat } from 'node:fs/promises';
import { safeFileName, type SessionReportLink } from '../core/api';
import { addDays, monthKey, parseMonthKey, toPacificDay } from '../core/dates';
import { FrameError, userMessage } from '../core/errors';
import { oneLineText } from '../core/text';
import type { MonthlyReportStore } from '../core/reports';
import { findReportLink } from '../core/reports/reportLinks';
import { usageCsv } from '../core/reports/usageCsv';
import { engine } from '../lazyEngine';
import type { ClientFactory } from '../connections/clients';
import type { Connection, SelectedAccount } from '../connections/connection';
import type { ConnectionStore } from '../connections/connectionStore';
import { withCancellableProgress } from '../ui/progress';
import { DocumentFileSystem, reportUri, type ReportAddress } from './documentFileSystem';

/** VS Code does not sync documents over 50 MB to extensions: those are opened by URI only. */
export const LARGE_DOCUMENT_BYTES = 50 * 1024 * 1024;
/** Where a Parquet export chosen at a workspace folder's root goes (created by the writer). */
export const PARQUET_SUBFOLDER = 'frame-sessions-parquet';

export class DocumentTabs implements vscode.Disposable {
  readonly fs: DocumentFileSystem;
  private responses = 0;
  private monthlyStore: MonthlyReportStore | undefined;
  /** One Recent Sessions tab per account: the URI it was first opened under (Frame's file name is its title). */
  private readonly recentTabs = new Map<string, vscode.Uri>();
  /** Where the last export was saved: the next one is offered there. */
  private exportFolder: vscode.Uri | undefined;

  /**
   * Asks where to save an export: VS Code's save dialog. A test replaces it to give a file (a save
   * dialog cannot be answered in the integration host); the e2e sees the real dialog.
   */
  askSaveLocation: (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined> = (options) =>
    vscode.window.showSaveDialog(options);

  /** Where to write a Parquet export (a seam like askSaveLocation: tests answer it). */
  askExportFolder: (options: vscode.OpenDialogOptions) => Thenable<vscode.Uri[] | undefined> = (options) =>
    vscode.window.showOpenDialog(options);

  constructor(
    private readonly store: ConnectionStore,
    private readonly clients: ClientFactory,
    /** Where monthly reports are kept (the extension's global storage). */
    private readonly reportsFolder: string,
    private readonly log: (line: string) => void,
  ) {
    this.fs = new DocumentFileSystem((address, signal) => this.load(address, signal));
  }

  /** Monthly reports on disk (built on first use: it lives in the lazily loaded engine). */
  get monthly(): MonthlyReportStore {
    this.monthlyStore ??= new (engine().MonthlyReportStore)(this.reportsFolder, this.log);
    return this.monthlyStore;
  }

  /**
   * A report's content for the file system (first open, window reload, Refresh Report). A tab that
   * cannot come back (its connection was removed, a response after a reload) shows why, as its text.
   */
  private async load(address: ReportAddress, signal?: AbortSignal): Promise<Uint8Array | vscode.Uri> {
    const connection = this.store.get(address.connectionId);
    if (!connection) {
      return explanation(
        vscode.l10n.t(
          'This report came from a Frame connection that has since been removed, so it cannot be loaded again. Close this tab; add the connection again to open its reports.',
        ),
      );
    }
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
        return explanation(
          vscode.l10n.t(
            'This document is not kept after a window reload. Send the request again ("Frame: Send Signed Request…" offers it under Recent requests) or open the details again.',
          ),
        );
      case 'monthly':
        return vscode.Uri.file(await this.monthlyFile(target, address.period));
    }
  }

  async openRecent(target: SelectedAccount): Promise<vscode.Uri> {
    const { connection, account } = target;
    const recent = await withCancellableProgress(
      { title: vscode.l10n.t('Fetching recent sessions of {0}…', account.name || account.accountId) },
      async (signal) => (await this.clients.web(connection)).getRecentSessions(account.accountId, signal),
    );
    // The same tab every time for an account, refreshed in place (Frame names each download anew).
    const key = `${target.connection.id}\n${account.accountId}`;
    const uri =
      this.recentTabs.get(key) ??
      reportUri({
        ...this.address(target),
        kind: 'recent',
        period: '',
        fileName: recent.fileName,
        title: reportTitle(target, vscode.l10n.t('recent sessions')),
      });
    this.recentTabs.set(key, uri);
    this.fs.set(uri, Buffer.from(recent.csv, 'utf8'));
    return this.show(uri, Buffer.byteLength(recent.csv));
  }

  async openUsage(target: SelectedAccount, days = 30): Promise<vscode.Uri> {
    const to = toPacificDay(new Date());
    const from = addDays(to, -(days - 1));
    const usage = await withCancellableProgress(
      { title: vscode.l10n.t('Fetching usage hours of {0}…', target.account.name || target.account.accountId) },
      async (signal) => (await this.clients.web(target.connection)).getUsage(target.account.accountId, { from, to }, signal),
    );
    return this.showUsageCsv(target, from, to, usageCsv(usage));
  }

  /** Shows one account's usage CSV text (already computed) in a read-only tab; Refresh reads its usage again. */
  showUsageCsv(target: SelectedAccount, from: string, to: string, csv: string): Promise<vscode.Uri> {
    const uri = reportUri({
      ...this.address(target),
      kind: 'usage',
      period: `${from}_${to}`,
      fileName: usageFileName(target, 'account', from, to),
    });
    this.fs.set(uri, Buffer.from(csv, 'utf8'));
    return this.show(uri, Buffer.byteLength(csv));
  }

  /**
   * Export CSV of the reports panel: asks where to save the usage records (the default file name
   * says the scope, this account or all accounts of the connection, and the range), writes them
   * and offers to open the file; its tab title and breadcrumb are that name. Cancelling the dialog
   * does nothing. Returns the file written, if any.
   */
  async exportUsageCsv(
    target: SelectedAccount,
    query: { from: string; to: string; scope: 'account' | 'all' },
    csv: string,
  ): Promise<vscode.Uri | undefined> {
    const { from, to, scope } = query;
    const connection = target.connection.name;
    const account = target.account.name || target.account.accountId;
    const all = scope === 'all';
    return this.saveCsv(
      {
        title: all
          ? vscode.l10n.t('Export usage of all accounts of {0}, {1} to {2}', connection, from, to)
          : vscode.l10n.t('Export usage of {0}, {1} to {2}', account, from, to),
        fileName: usageFileName(target, scope, from, to),
        exported: (file) =>
          all
            ? vscode.l10n.t('Exported the usage of all accounts of {0} ({1} to {2}) to "{3}".', connection, from, to, file)
            : vscode.l10n.t('Exported the usage of {0} ({1} to {2}) to "{3}".', account, from, to, file),
        logged: `the usage of ${all ? `all accounts of ${connection}` : account} (${from}…${to})`,
      },
      csv,
    );
  }

  /**
   * Asks where to save a CSV the extension wrote (`title` on the dialog, `fileName` the default in
   * the last export folder), writes it, logs it and offers to open it. Cancelling does nothing.
   */
  async saveCsv(file: SavedFile, csv: string): Promise<vscode.Uri | undefined> {
    return this.saveFile({ ...file, filters: { [vscode.l10n.t('CSV files')]: ['csv'] } }, Buffer.from(csv, 'utf8'));
  }

  /** The same for any file the extension made (a chart's PNG or SVG): `filters` as the save dialog takes them. */
  async saveFile(file: SavedFile & { filters: Record<string, string[]> }, bytes: Uint8Array): Promise<vscode.Uri | undefined> {
    const folder = this.exportFolder ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const picked = await this.askSaveLocation({
      title: file.title,
      defaultUri: vscode.Uri.joinPath(folder, file.fileName),
      filters: file.filters,
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!picked) return undefined;
    await vscode.workspace.fs.writeFile(picked, bytes);
    this.exportFolder = vscode.Uri.joinPath(picked, '..');
    const name = picked.path.split('/').pop() ?? picked.path;
    this.log(`Reports: exported ${file.logged} to ${name}.`);
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(file.exported(name), open).then((choice) => {
      if (choice === open)
        this.openFile(picked).then(
          undefined,
          (e: unknown) => void vscode.window.showErrorMessage(vscode.l10n.t('Could not open "{0}": {1}', name, userMessage(e))),
        );
    });
    return picked;
  }

  /**
   * Export Sessions as Parquet: asks for a folder (on this machine: the writer uses Node's file
   * system, so a virtual workspace's folder is refused with a FrameError), makes sure each month is on disk (downloading
   * it when needed), and writes `account=…/month=YYYY-MM/part-0.parquet` there, with progress and
   * Cancel; then says how to read it all with DuckDB. Null when the dialog was cancelled.
   */
  async exportParquet(target: SelectedAccount, months: readonly string[]): Promise<{ folder: string; files: number } | null> {
    const who = target.account.name || target.account.accountId;
    const picked = await this.askExportFolder({
      title:
        months.length === 1
          ? vscode.l10n.t(
              'Export 1 month of sessions of {0} as Parquet: choose a folder (a workspace folder gets a "{1}" sub-folder)',
              who,
              PARQUET_SUBFOLDER,
            )
          : vscode.l10n.t(
              'Export {0} months of sessions of {1} as Parquet: choose a folder (a workspace folder gets a "{2}" sub-folder)',
              months.length,
              who,
              PARQUET_SUBFOLDER,
            ),
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Export Here'),
      defaultUri: this.exportFolder ?? vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri,
    });
    const chosen = picked?.[0];
    if (!chosen) return null;
    // A workspace folder's root gets a sub-folder, not account=… folders beside the project's own files.
    const isWorkspaceRoot = vscode.workspace.workspaceFolders?.some((f) => f.uri.toString() === chosen.toString()) === true;
    const folder = isWorkspaceRoot ? vscode.Uri.joinPath(chosen, PARQUET_SUBFOLDER) : chosen;
    // The Parquet writer uses Node's file system: a virtual workspace's folder is not on this machine.
    if (folder.scheme !== 'file')
      throw new FrameError(
        'invalid-request',
        vscode.l10n.t(
          'Parquet files can only be written to a folder on this machine, and "{0}" is not one (a {1}: folder). Run Export Sessions as Parquet again and choose a local folder.',
          folder.toString(true),
          folder.scheme,
        ),
      );
    const csvs: { month: string; csv: string }[] = [];
    for (const month of months) csvs.push({ month, csv: await this.monthlyFile(target, month) });
    const result = await withCancellableProgress({ title: vscode.l10n.t('Parquet export of {0}', who) }, (signal, report) =>
      engine().exportSessionsParquet(csvs, { folder: folder.fsPath, account: target.account.accountId, signal, onProgress: report }),
    );
    this.exportFolder = chosen;
    const rows = result.files.reduce((n, f) => n + f.rows, 0);
    const mb = result.files.reduce((n, f) => n + f.bytes, 0) / 1048576;
    this.log(`Reports: exported ${rows} sessions of ${target.account.accountId} (${months.join(', ')}) as Parquet to ${folder.fsPath}.`);
    const query = `SELECT * FROM read_parquet('${folder.fsPath.replace(/'/g, "''")}/**/*.parquet', hive_partitioning = true)`;
    const copyQuery = vscode.l10n.t('Copy DuckDB Query');
    const reveal = vscode.l10n.t('Reveal Folder');
    const sessions = rows.toLocaleString('en-US');
    const size = mb.toFixed(1);
    void vscode.window
      .showInformationMessage(
        months.length === 1
          ? vscode.l10n.t('Exported {0} sessions (1 month, {1} MB) of {2} as Parquet.', sessions, size, who)
          : vscode.l10n.t('Exported {0} sessions ({1} months, {2} MB) of {3} as Parquet.', sessions, months.length, size, who),
        copyQuery,
        reveal,
      )
      .then(async (choice) => {
        if (choice === copyQuery) await vscode.env.clipboard.writeText(query);
        else if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', folder);
      });
    return { folder: folder.fsPath, files: result.files.length };
  }

  /** Frame: Clear Report Cache: forgets the columnar copies of parsed months (the CSVs stay). */
  async clearReportCache(): Promise<number> {
    return this.monthly.columnar.clear();
  }

  /** Opens a CSV file the user saved (an export) in an editor tab. */
  async openFile(file: vscode.Uri): Promise<vscode.Uri> {
    return this.show(file, (await vscode.workspace.fs.stat(file)).size);
  }

  /** A signed request's response in a read-only tab titled by method and path (never an untitled document). */
  showResponse(connection: Connection, method: string, path: string, text: string, extension: 'jsonc' | 'txt'): Promise<vscode.Uri> {
    return this.showDocument(connection, `${method} ${path.replace(/^\/+/, '') || vscode.l10n.t('root')}`, text, extension);
  }

  /** Text (JSON details, a CSV export) in a read-only tab titled `name.extension`; kept for this window's life. */
  async showDocument(
    connection: Connection,
    name: string,
    text: string,
    extension: 'json' | 'jsonc' | 'csv' | 'html' | 'txt',
  ): Promise<vscode.Uri> {
    const uri = this.register(connection, name, text, extension);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    return uri;
  }

  /** Read-only text under a new URI, not shown (the left side of a diff). */
  register(connection: Connection, name: string, text: string, extension: 'json' | 'jsonc' | 'csv' | 'html' | 'txt'): vscode.Uri {
    const uri = reportUri({
      connectionId: connection.id,
      accountId: '-',
      accountName: connection.name,
      kind: 'response',
      period: String(++this.responses),
      fileName: `${safeFileName(name.replace(/[/\\?*:|"<>]+/g, '_')).slice(0, 120)}.${extension}`,
    });
    this.fs.set(uri, Buffer.from(text, 'utf8'));
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
      title: reportTitle(target, vscode.l10n.t('{0} sessions', month)),
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
    if (!parsed) throw new FrameError('invalid-request', vscode.l10n.t('"{0}" is not a report month (yyyy-MM).', month));
    const ref = { connectionId: target.connection.id, accountId: target.account.accountId, ...parsed };
    if (await this.monthly.isDownloaded(ref)) return this.monthly.csvPath(ref);
    const client = await this.clients.web(target.connection);
    const label = monthKey(parsed);
    return withCancellableProgress(
      { title: vscode.l10n.t('Session report of {0}, {1}', oneLineText(target.account.name) || target.account.accountId, label) },
      async (signal, report) => {
        // The store starts each message with the month (the panel downloads several at once): the title says it here.
        const progress = (message: string, fraction?: number) => report(message.replace(`${label}: `, ''), fraction);
        return this.monthly.fetch(client, ref, link ?? (await findReportLink(client, ref.accountId, month, signal)), signal, progress);
      },
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

/**
 * A file the extension offers to save: the save dialog's `title`, the default `fileName`, the
 * confirmation once saved (given the chosen file's name) and what the "Frame" log says (English).
 */
export interface SavedFile {
  title: string;
  fileName: string;
  exported: (file: string) => string;
  logged: string;
}

/** The file name of a usage CSV: who (one account, or a connection's accounts) and the range (Pacific days). */
export function usageFileName(target: SelectedAccount, scope: 'account' | 'all', from: string, to: string): string {
  const who = scope === 'all' ? `${target.connection.name} (all accounts)` : target.account.name || target.account.accountId;
  return `${safeFileName(who)}.usage.${from}_${to}.csv`;
}

/**
 * A session report tab's title: whose report and which one ("Acme Engineering — 2026-11 sessions.csv");
 * the name comes from Frame: one line, no path separators or characters a file name cannot hold.
 */
export function reportTitle(target: SelectedAccount, what: string): string {
  const who = safeFileName((oneLineText(target.account.name) || target.account.accountId).replace(/[/\\]/g, '_')).slice(0, 120);
  return `${who} — ${what}.csv`;
}

/** A tab's text that says why its report is not there. */
function explanation(text: string): Uint8Array {
  return Buffer.from(`${text}\n`, 'utf8');
}
