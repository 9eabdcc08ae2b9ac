/**
 * Session CSVs in editor tabs through a read-only file system (`frame-report:`): tabs are titled
 * by account and report ("Acme Engineering — 2026-11 sessions.csv"), are never dirty, survive a window reload (content is fetched again
 * on demand), and can be refreshed. Monthly reports live on disk in the extension's storage, so a
 * report over 50 MB (too large to sync to extensions) still opens with `vscode.open`.
 *
 * URIs: frame-report:/<account name>/<kind>[/<period>]/<file name>[/<title>]?connection=<id>&account=<id>
 * (the names make a readable breadcrumb; the ids in the query find the data again). Session
 * reports end with a title, so the tab says whose report and which month while the file name Frame
 * gave (an opaque token for recent sessions) stays in the path, in the tooltip and breadcrumb.
 */
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'frame-report';

export type ReportKind = 'recent' | 'monthly' | 'usage' | 'response';

export interface ReportAddress {
  connectionId: string;
  accountId: string;
  /** Shown in the breadcrumb; the account id when the account has no name. */
  accountName: string;
  kind: ReportKind;
  /** yyyy-mm for monthly reports, from_to for usage, a sequence number for responses; '' for recent sessions. */
  period: string;
  fileName: string;
  /** The tab's title (the last path segment) when it is not the file name: session reports. */
  title?: string;
}

/** Produces the bytes of a report when they are not cached (after a reload, or on refresh). */
export type ReportLoader = (address: ReportAddress, signal?: AbortSignal) => Promise<Uint8Array | vscode.Uri>;

export function reportUri(a: ReportAddress): vscode.Uri {
  const label = (a.accountName || a.accountId).replace(/[/\\]/g, '_');
  const parts = [label, a.kind, ...(a.period ? [a.period] : []), a.fileName, ...(a.title ? [a.title] : [])];
  const query = new URLSearchParams({ connection: a.connectionId, account: a.accountId }).toString();
  return vscode.Uri.from({ scheme: REPORT_SCHEME, path: '/' + parts.join('/'), query });
}

export function parseReportUri(uri: vscode.Uri): ReportAddress | undefined {
  if (uri.scheme !== REPORT_SCHEME) return undefined;
  const query = new URLSearchParams(uri.query);
  const connectionId = query.get('connection');
  const accountId = query.get('account');
  const [accountName, kind, ...rest] = uri.path.split('/').slice(1);
  if (!connectionId || !accountId || !accountName || (kind !== 'recent' && kind !== 'monthly' && kind !== 'usage' && kind !== 'response'))
    return undefined;
  const period = kind === 'recent' ? '' : (rest[0] ?? '');
  const [fileName, title] = kind === 'recent' ? rest : rest.slice(1);
  if (!fileName) return undefined;
  return { connectionId, accountId, accountName, kind, period, fileName, ...(title ? { title } : {}) };
}

export class DocumentFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** Small reports in memory; large ones as a file on disk. */
  private readonly contents = new Map<string, { data: Uint8Array | vscode.Uri; mtime: number }>();
  private readonly inflight = new Map<string, Promise<{ data: Uint8Array | vscode.Uri; mtime: number }>>();

  constructor(private readonly loader: ReportLoader) {}

  /** Stores fetched content (bytes, or a file on disk) and tells open editors to reload. */
  set(uri: vscode.Uri, data: Uint8Array | vscode.Uri): void {
    const existed = this.contents.has(uri.toString());
    this.contents.set(uri.toString(), { data, mtime: Date.now() });
    if (existed) this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** Fetches the report again and reloads open editors. */
  async refresh(uri: vscode.Uri, signal?: AbortSignal): Promise<void> {
    const address = parseReportUri(uri);
    if (!address) return;
    this.set(uri, await this.loader(address, signal));
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const entry = await this.entry(uri);
    const size = entry.data instanceof Uint8Array ? entry.data.byteLength : (await vscode.workspace.fs.stat(entry.data)).size;
    return { type: vscode.FileType.File, ctime: entry.mtime, mtime: entry.mtime, size, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const entry = await this.entry(uri);
    return entry.data instanceof Uint8Array ? entry.data : vscode.workspace.fs.readFile(entry.data);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async entry(uri: vscode.Uri): Promise<{ data: Uint8Array | vscode.Uri; mtime: number }> {
    const key = uri.toString();
    const cached = this.contents.get(key);
    if (cached) return cached;
    const address = parseReportUri(uri);
    if (!address) throw vscode.FileSystemError.FileNotFound(uri);
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.loader(address).then(
        (data) => {
          const entry = { data, mtime: Date.now() };
          this.contents.set(key, entry);
          return entry;
        },
        (e: unknown) => {
          throw vscode.FileSystemError.Unavailable(e instanceof Error ? e.message : String(e));
        },
      );
      this.inflight.set(key, pending);
      void pending.finally(() => this.inflight.delete(key)).catch(() => undefined);
    }
    return pending;
  }
}
