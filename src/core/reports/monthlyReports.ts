/**
 * Monthly session reports on disk: where each month's CSV is kept (the extension's global
 * storage, per connection and account), finding a month's link, and downloading + extracting a
 * report once, however many callers ask for it at the same time. No vscode: the reports panel's
 * controller, the CSV tabs and the benchmark share it.
 */
import * as l10n from '@vscode/l10n';
import { logLine } from '../logLine';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { FrameClient, SessionReportLink } from '../api';
import { safeFileName } from '../api';
import { monthKey } from '../dates';
import { FrameError } from '../errors';
import { ColumnarCache } from './columnarCache';
import { extractReportCsv } from './reportZip';
import { checkSessionReportHead } from './sessionParser';

/** Bytes read to check that an extracted CSV is a session report before it is kept. */
const HEAD_BYTES = 64 * 1024;

export { findReportLink, reportLinkOf } from './reportLinks';

export type Progress = (message: string, fraction?: number) => void;

/** Which monthly report: the connection and account it belongs to, and the month. */
export interface MonthlyReportRef {
  connectionId: string;
  accountId: string;
  year: number;
  month: number;
}

/** One download under way, shared by everyone waiting for that month. */
interface Download {
  label: string;
  result: Promise<string>;
  stop: AbortController;
  waiting: Set<Progress>;
}

export class MonthlyReportStore {
  private readonly inflight = new Map<string, Download>();
  /** Months already read, in columnar form (the panel opens them from there); "Frame: Clear Report Cache" calls its clear(). */
  readonly columnar: ColumnarCache;

  constructor(
    /** Folder under which reports are kept. */
    readonly folder: string,
    private readonly log: (line: string) => void = () => undefined,
    options: { columnarMaxBytes?: number } = {},
  ) {
    this.columnar = new ColumnarCache(path.join(folder, 'columnar'), { maxBytes: options.columnarMaxBytes });
  }

  /**
   * Where a month's CSV is kept. The readable part of the name is made safe; a hash of the exact
   * account id keeps ids that read alike (`ACC:1` and `ACC_1`) apart.
   */
  csvPath(ref: MonthlyReportRef): string {
    const id = createHash('sha256').update(ref.accountId).digest('hex').slice(0, 12);
    const name = `${safeFileName(ref.accountId).slice(0, 80)}.${id}.${monthKey(ref)}.sessions.csv`;
    const connection = createHash('sha256').update(ref.connectionId).digest('hex').slice(0, 16);
    return path.join(this.folder, connection, name);
  }

  /**
   * The months of these accounts whose CSV is on disk (downloaded), newest first. Only regular
   * files named exactly as `csvPath` names them count (not links, not other files); accounts not
   * given (no longer listed) are left out.
   */
  async monthsOnDisk(connectionId: string, accountIds: readonly string[]): Promise<(MonthlyReportRef & { csv: string })[]> {
    const folder = path.dirname(this.csvPath({ connectionId, accountId: '', year: 2000, month: 1 }));
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    const byHash = new Map(accountIds.map((id) => [createHash('sha256').update(id).digest('hex').slice(0, 12), id] as const));
    const out: (MonthlyReportRef & { csv: string })[] = [];
    for (const e of entries) {
      const m = /\.([0-9a-f]{12})\.(\d{4})-(\d{2})\.sessions\.csv$/.exec(e.name);
      const accountId = m ? byHash.get(m[1]!) : undefined;
      if (!m || accountId === undefined || !e.isFile()) continue;
      const ref = { connectionId, accountId, year: Number(m[2]), month: Number(m[3]) };
      const csv = path.join(folder, e.name);
      if (ref.month >= 1 && ref.month <= 12 && this.csvPath(ref) === csv) out.push({ ...ref, csv });
    }
    return out.sort((a, b) => b.year - a.year || b.month - a.month || (a.accountId < b.accountId ? -1 : 1));
  }

  async isDownloaded(ref: MonthlyReportRef): Promise<boolean> {
    return exists(this.csvPath(ref));
  }

  /**
   * The month's CSV on disk: downloaded and extracted unless it is there already. Callers asking
   * for the same month at the same time share one download; each caller's signal stops only its
   * own wait, and the download stops when every caller has gone.
   */
  async fetch(
    client: FrameClient,
    ref: MonthlyReportRef,
    link: SessionReportLink,
    signal?: AbortSignal,
    progress: Progress = () => undefined,
  ): Promise<string> {
    const file = this.csvPath(ref);
    if (await exists(file)) return file;
    // Stopped already: start nothing (a download nobody waits for would be stopped at once).
    if (signal?.aborted) throw new FrameError('cancelled', l10n.t('The download of the {0} session report was cancelled.', monthKey(ref)));
    let download = this.inflight.get(file);
    if (!download) {
      const stop = new AbortController();
      const waiting = new Set<Progress>();
      const fanOut: Progress = (message, fraction) => waiting.forEach((p) => p(message, fraction));
      const result = this.download(client, ref, link, file, stop.signal, fanOut).finally(() => {
        if (this.inflight.get(file) === download) this.inflight.delete(file);
      });
      // Everyone may have left by the time it fails: that is no unhandled rejection.
      result.catch(() => undefined);
      download = { label: monthKey(ref), result, stop, waiting };
      this.inflight.set(file, download);
    }
    return this.wait(download, file, signal, progress);
  }

  /** Waits for a shared download; this caller's abort leaves it, the last one to leave stops it. */
  private wait(download: Download, file: string, signal: AbortSignal | undefined, progress: Progress): Promise<string> {
    const me: Progress = (message, fraction) => progress(message, fraction);
    download.waiting.add(me);
    return new Promise<string>((resolve, reject) => {
      const leave = () => {
        signal?.removeEventListener('abort', onAbort);
        download.waiting.delete(me);
      };
      const onAbort = () => {
        leave();
        if (download.waiting.size === 0) {
          // The last one left: stop it, and let whoever asks next start afresh.
          download.stop.abort();
          this.inflight.delete(file);
        }
        reject(new FrameError('cancelled', l10n.t('The download of the {0} session report was cancelled.', download.label)));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      download.result.then(
        (file) => {
          leave();
          resolve(file);
        },
        (e: unknown) => {
          leave();
          reject(e);
        },
      );
    });
  }

  /** Forgets a month (its CSV and columnar entry are deleted; the next fetch downloads it again). */
  async remove(ref: MonthlyReportRef): Promise<void> {
    await this.columnar.drop(this.csvPath(ref));
    await rm(this.csvPath(ref), { force: true });
  }

  private async download(
    client: FrameClient,
    ref: MonthlyReportRef,
    link: SessionReportLink,
    file: string,
    signal: AbortSignal | undefined,
    progress: Progress,
  ): Promise<string> {
    await mkdir(path.dirname(file), { recursive: true });
    // Unique temporary names: a second window downloading the same month never shares them.
    const temp = `${file}.${randomUUID().slice(0, 8)}`;
    const zip = `${temp}.zip.part`;
    const part = `${temp}.part`;
    const label = monthKey(ref);
    try {
      progress(l10n.t('{0}: downloading…', label));
      await client.downloadSessionReport(link, zip, {
        signal,
        onProgress: (received, total) =>
          progress(
            total
              ? l10n.t('{0}: downloading… {1} of {2}', label, mb(received), mb(total))
              : l10n.t('{0}: downloading… {1}', label, mb(received)),
            total ? received / total : undefined,
          ),
      });
      progress(l10n.t('{0}: extracting…', label));
      const { bytes } = await extractReportCsv(zip, part, { signal });
      // An error page zipped under a report's name would otherwise be kept (and shown) forever.
      await checkReportFile(part);
      await rename(part, file);
      this.log(logLine`Session report ${label} of ${ref.accountId}: ${mb(bytes)} CSV saved to ${file}.`);
      return file;
    } finally {
      await rm(zip, { force: true });
      await rm(part, { force: true });
    }
  }
}

/** Throws `not-a-session-report` unless the file starts with a session report header. */
async function checkReportFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    checkSessionReportHead(head.subarray(0, bytesRead), bytesRead < HEAD_BYTES);
  } finally {
    await handle.close();
  }
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
