/**
 * Data behind the reports panel, computed in the extension host and streamed: usage hours (one
 * account, or every account of the connection added up) and sessions (monthly reports and recent
 * sessions parsed in one pass into aggregates and a compact table). The webview only ever gets the
 * aggregates and pages of rows. No vscode here: the benchmark runs the same code in bare Node.
 */
import * as l10n from '@vscode/l10n';
import { Readable } from 'node:stream';
import type { Account, FrameClient, SessionReportLink, UsageRecord } from '../api';
import { isCancellation, userMessage } from '../errors';
import type { SessionsQuery, SessionsResult, UsageQuery, UsageResult } from './aggregateTypes';
import { reportLinkOf, type Progress } from './monthlyReports';
import { readSessionStream, type SessionSegment } from './sessionColumns';
import { SessionReadPool, defaultThreads } from './sessionReadPool';
import { mergeSegments } from './sessionMerge';
import type { SessionTable } from './sessionTable';
import { UsageAggregator } from './usageAggregate';

/** Accounts of an "all accounts" rollup fetched at once. */
const ROLLUP_CONCURRENCY = 4;

/** Usage as loaded: the aggregate for the webview, the records (per account) for Export CSV. */
export interface LoadedUsage {
  result: UsageResult;
  records: { account: string; accountId: string; record: UsageRecord }[];
}

/**
 * The names the "account" stack shows: the account's name, or its id when it has none; an id
 * beside a name two accounts share, so that their hours stay apart.
 */
export function usageAccountLabels(accounts: readonly Account[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const a of accounts) if (a.name) count.set(a.name, (count.get(a.name) ?? 0) + 1);
  return new Map(
    accounts.map((a) => [a.accountId, !a.name ? a.accountId : count.get(a.name)! > 1 ? `${a.name} (${a.accountId})` : a.name]),
  );
}

export async function loadUsage(
  client: FrameClient,
  account: Account,
  query: UsageQuery,
  signal: AbortSignal,
  progress: Progress,
  /** For scope "all": these accounts instead of every account the connection lists (an organization). */
  only?: readonly Account[],
): Promise<LoadedUsage> {
  const aggregator = new UsageAggregator();
  const kept: LoadedUsage['records'] = [];
  let accountLabels = new Map<string, string>();
  const add = (records: UsageRecord[], from: Account) => {
    const label = accountLabels.get(from.accountId) ?? (from.name || from.accountId);
    for (const r of records) {
      aggregator.add(r, label);
      kept.push({ account: from.name || from.accountId, accountId: from.accountId, record: r });
    }
  };
  if (query.scope === 'account') {
    progress(l10n.t('Reading usage of {0}…', account.name || account.accountId));
    add(await client.getUsage(account.accountId, query, signal), account);
    return { result: { query, aggregate: aggregator.result(), accounts: 1, failedAccounts: [] }, records: kept };
  }
  progress(l10n.t('Listing accounts…'));
  const accounts = only ?? (await client.listAccounts(signal));
  accountLabels = usageAccountLabels(accounts);
  const failedAccounts: UsageResult['failedAccounts'] = [];
  let firstFailure: unknown;
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const a = accounts[next++]!;
      try {
        add(await client.getUsage(a.accountId, query, signal), a);
      } catch (e) {
        if (signal.aborted || isCancellation(e)) throw e;
        firstFailure ??= e;
        failedAccounts.push({ name: a.name || a.accountId, message: userMessage(e) });
      }
      progress(l10n.t('Reading usage: {0} of {1} accounts', ++done, accounts.length), done / accounts.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(ROLLUP_CONCURRENCY, accounts.length) }, worker));
  // Every account failed the same way, most likely: its error says best what to do.
  if (accounts.length > 0 && failedAccounts.length === accounts.length) throw firstFailure;
  return { result: { query, aggregate: aggregator.result(), accounts: accounts.length, failedAccounts }, records: kept };
}

export interface LoadedSessions {
  result: SessionsResult;
  table: SessionTable;
}

/** Puts a monthly report's CSV on disk (downloading and extracting it if needed); returns its path. */
export type FetchMonthly = (link: SessionReportLink, signal: AbortSignal, progress: Progress, account: Account) => Promise<string>;

export interface LoadSessionsOptions {
  /** Worker threads that read months side by side (default: cores available, at most 4; 1 = this thread). */
  threads?: number;
  /** Columnar cache folder (beside the monthly CSVs): a month read once opens from there next time. */
  cacheFolder?: string;
  /** Bytes the columnar cache may hold. */
  cacheMaxBytes?: number;
}

/**
 * Downloads (when not already on disk) and reads the chosen monthly reports and/or recent
 * sessions into one aggregate and one table. Months download one after the other and are read
 * side by side in worker threads as soon as each is on disk; Cancel (the signal) stops the
 * downloads and every worker at once.
 *
 * Given several accounts (the "all accounts" rollup), each account's months among the chosen ones
 * are read (a month an account has no report for is skipped: it had no sessions then, or did not
 * exist yet), all into one table; sources are named "<account>: <month>".
 */
export async function loadSessions(
  client: FrameClient,
  fetchMonthly: FetchMonthly,
  accountOrAccounts: Account | readonly Account[],
  query: SessionsQuery,
  signal: AbortSignal,
  progress: Progress,
  options: LoadSessionsOptions = {},
): Promise<LoadedSessions> {
  const rollup = Array.isArray(accountOrAccounts);
  const accounts: readonly Account[] = rollup ? accountOrAccounts : [accountOrAccounts as Account];
  const nameOf = (a: Account) => a.name || a.accountId;
  const threads = options.threads ?? defaultThreads();
  const pool = new SessionReadPool(signal, { threads });
  try {
    // What to read: each account's chosen months that Frame lists for it.
    const wanted: { account: Account; key: string; link: SessionReportLink }[] = [];
    if (query.months.length) {
      for (const [i, account] of accounts.entries()) {
        progress(
          rollup ? l10n.t('Listing monthly reports: {0} of {1} accounts…', i + 1, accounts.length) : l10n.t('Listing monthly reports…'),
        );
        const links = await client.listSessionReports(account.accountId, signal);
        for (const key of query.months) {
          if (!rollup) wanted.push({ account, key, link: reportLinkOf(links, key) });
          else {
            const link = links.find((l) => `${l.year}-${String(l.month).padStart(2, '0')}` === key);
            if (link) wanted.push({ account, key, link });
          }
        }
      }
    }
    const months = wanted.length;
    // Fewer months than threads: each month is read in parts side by side.
    const parts = Math.max(1, Math.floor(threads / Math.max(1, months)));
    const reads: Promise<SessionSegment[]>[] = [];
    let read = 0;
    for (const [i, { account, key, link }] of wanted.entries()) {
      const file = await fetchMonthly(
        link,
        signal,
        (message, fraction) =>
          progress(l10n.t('{0} ({1} of {2})', message, i + 1, months), fraction === undefined ? undefined : (i + fraction) / months),
        account,
      );
      progress(
        rollup
          ? l10n.t('{0}: {1}: reading sessions… ({2} of {3})', nameOf(account), key, i + 1, months)
          : l10n.t('{0}: reading sessions… ({1} of {2})', key, i + 1, months),
      );
      const segments = pool
        .openSplit({ csv: file, cacheFolder: options.cacheFolder, cacheMaxBytes: options.cacheMaxBytes }, parts)
        .then((m) => {
          progress(l10n.t('Read {0} of {1} months…', ++read, months), read / months);
          return m.segments;
        });
      // Failures surface from Promise.all below, or not at all when a later download fails or
      // Cancel comes first: handled here either way, so none of them goes unhandled meanwhile.
      segments.catch(() => undefined);
      reads.push(segments);
    }
    const perMonth = await Promise.all(reads);
    const segments = perMonth.flat();
    const sources: SessionsResult['sources'] = wanted.map(({ account, key }, i) => ({
      key: rollup ? `${account.accountId}/${key}` : key,
      label: rollup ? `${nameOf(account)}: ${key}` : key,
      rows: perMonth[i]!.reduce((n, s) => n + s.rows, 0),
    }));
    if (query.recent) {
      for (const account of accounts) {
        progress(rollup ? l10n.t('Fetching recent sessions of {0}…', nameOf(account)) : l10n.t('Fetching recent sessions…'));
        const recent = await client.getRecentSessions(account.accountId, signal);
        const bytes = Buffer.from(recent.csv, 'utf8');
        // The text stays with the segment (it is small): the details of its rows are read from it.
        const segment = { ...(await readSessionStream(Readable.from([bytes]), { signal })), source: { bytes } };
        segments.push(segment);
        sources.push({
          key: rollup ? `${account.accountId}/recent` : 'recent',
          label: rollup ? l10n.t('{0}: recent sessions (last 24 h)', nameOf(account)) : l10n.t('Recent sessions (last 24 h)'),
          rows: segment.rows,
        });
      }
    }
    const merged = mergeSegments(segments);
    return {
      table: merged.table,
      result: {
        query,
        aggregate: merged.aggregate,
        histogram: merged.histogram,
        rows: merged.table.size,
        malformedRows: segments.reduce((n, s) => n + s.summary.malformedRecords, 0),
        sources,
      },
    };
  } catch (e) {
    // One month failed or the load was cancelled: stop the others too.
    pool.close(e);
    throw e;
  } finally {
    // Idle workers hold memory of their own: let them go (a later load starts new ones).
    pool.release();
  }
}
