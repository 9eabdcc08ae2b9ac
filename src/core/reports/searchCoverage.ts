/**
 * What "Frame: Search Sessions…" covers and what it could: the months of each account the search
 * can open (downloaded, with a cache entry), the months asked (each account's newest N listed
 * reports) that it cannot, and reading those (download when needed, then read once into the
 * columnar cache, in the reader pool's threads as the panel does).
 */
import * as l10n from '@vscode/l10n';
import { lstat } from 'node:fs/promises';
import type { Account, FrameClient, SessionReportLink } from '../api';
import { monthKey } from '../dates';
import { isCancellation, userMessage } from '../errors';
import type { MonthlyReportRef, MonthlyReportStore, Progress } from './monthlyReports';
import { SessionReadPool, defaultThreads } from './sessionReadPool';
import type { SearchMonth } from './sessionSearch';

/** One connection's accounts, as listed, with the client that reads their reports. */
export interface ConnectionAccounts {
  connectionId: string;
  client: FrameClient;
  accounts: readonly Account[];
}

/** A month asked but not searchable yet. */
export interface MissingMonth {
  accountName: string;
  ref: MonthlyReportRef;
  link: SessionReportLink;
  client: FrameClient;
}

export function accountLabel(a: Account): string {
  return a.name || a.accountId;
}

/** The months on disk of these accounts, as the search takes them (newest first). */
export async function searchMonths(store: MonthlyReportStore, connections: readonly ConnectionAccounts[]): Promise<SearchMonth[]> {
  const out: SearchMonth[] = [];
  for (const c of connections) {
    const names = new Map(c.accounts.map((a) => [a.accountId, accountLabel(a)] as const));
    for (const m of await store.monthsOnDisk(
      c.connectionId,
      c.accounts.map((a) => a.accountId),
    ))
      out.push({ accountId: m.accountId, accountName: names.get(m.accountId) ?? m.accountId, month: monthKey(m), csv: m.csv });
  }
  return out;
}

/**
 * The months asked (each account's newest `count` listed reports) that have no cache entry yet,
 * newest first. Accounts whose reports cannot be listed are named in `unlisted`.
 */
export async function missingMonths(
  store: MonthlyReportStore,
  connections: readonly ConnectionAccounts[],
  count: number,
  signal?: AbortSignal,
): Promise<{ missing: MissingMonth[]; asked: number; unlisted: { accountName: string; message: string }[] }> {
  const missing: MissingMonth[] = [];
  const unlisted: { accountName: string; message: string }[] = [];
  let asked = 0;
  const jobs = connections.flatMap((c) => c.accounts.map((account) => ({ c, account })));
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { c, account } = jobs[next++]!;
      let links: SessionReportLink[];
      try {
        links = await c.client.listSessionReports(account.accountId, signal);
      } catch (e) {
        if (signal?.aborted || isCancellation(e)) throw e;
        unlisted.push({ accountName: accountLabel(account), message: userMessage(e) });
        continue;
      }
      const newest = [...links].sort((a, b) => b.year - a.year || b.month - a.month).slice(0, count);
      asked += newest.length;
      for (const link of newest) {
        const ref = { connectionId: c.connectionId, accountId: account.accountId, year: link.year, month: link.month };
        const entry = await lstat(store.columnar.entryPath(store.csvPath(ref))).catch(() => undefined);
        if (!entry?.isFile()) missing.push({ accountName: accountLabel(account), ref, link, client: c.client });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, jobs.length) }, worker));
  missing.sort((a, b) => b.ref.year - a.ref.year || b.ref.month - a.ref.month || a.accountName.localeCompare(b.accountName));
  return { missing, asked, unlisted };
}

/**
 * Reads the months into the columnar cache: each downloaded (unless on disk), then read in the
 * reader pool. A month that fails is named with why; Cancel stops everything.
 */
export async function readMonths(
  store: MonthlyReportStore,
  months: readonly MissingMonth[],
  signal: AbortSignal,
  progress: Progress,
): Promise<{ read: number; failed: { label: string; message: string }[] }> {
  const pool = new SessionReadPool(signal, { threads: defaultThreads(months.length) });
  const failed: { label: string; message: string }[] = [];
  let read = 0;
  const reads: Promise<void>[] = [];
  try {
    for (const [i, m] of months.entries()) {
      const label = `${m.accountName} ${monthKey(m.ref)}`;
      try {
        const csv = await store.fetch(m.client, m.ref, m.link, signal, (message, fraction) =>
          progress(
            l10n.t('{0}: {1} ({2} of {3})', m.accountName, message, i + 1, months.length),
            fraction === undefined ? undefined : (i + fraction) / months.length,
          ),
        );
        progress(l10n.t('{0}: reading sessions… ({1} of {2})', label, i + 1, months.length), (i + 1) / months.length);
        const reading = pool.open({ csv, cacheFolder: store.columnar.folder }).then(
          () => void read++,
          (e: unknown) => {
            if (signal.aborted || isCancellation(e)) throw e;
            failed.push({ label, message: userMessage(e) });
          },
        );
        reading.catch(() => undefined);
        reads.push(reading);
      } catch (e) {
        if (signal.aborted || isCancellation(e)) throw e;
        failed.push({ label, message: userMessage(e) });
      }
    }
    await Promise.all(reads);
    return { read, failed };
  } catch (e) {
    pool.close(e);
    throw e;
  } finally {
    pool.release();
  }
}
