/**
 * What "Frame: Search Sessions…" does (searchCommand.ts registers it): one search over every
 * session already read (the columnar cache) of every account of the Web API connections (or of
 * the node's connection or account), as you type in a QuickPick; a hit opens the session's 25
 * fields in a read-only tab; "Read more months…" reads the months asked (setting
 * frameAdmin.search.months) that the cache does not hold yet. Bundled into the engine (loaded on
 * first use), so activation does not carry it; the search itself is core (sessionSearch.ts).
 */
import * as vscode from 'vscode';
import type { Account, FrameClient } from '../core/api';
import { isCancellation, userMessage } from '../core/errors';
import { oneLineText } from '../core/text';
import { missingMonths, readMonths, searchMonths, type MissingMonth } from '../core/reports/searchCoverage';
import { SessionSearch, hitDetails, hitDetailsText, type SearchSummary, type SessionHit } from '../core/reports/sessionSearch';
import { parseSearchQuery, reportClock } from '../core/reports/searchQuery';
import type { Connection } from '../connections/connection';
import { readSetting } from '../connections/settings';
import type { MonthlyReportStore } from '../core/reports/monthlyReports';
import { withCancellableProgress } from '../ui/progress';

/**
 * What the search needs from the extension, narrowly (this module is bundled into the engine; it
 * imports nothing that loads the engine).
 */
export interface SearchPickDeps {
  log: { warn(line: string): void };
  web(connection: Connection): Promise<FrameClient>;
  /** Monthly reports on disk and their columnar cache. */
  monthly: MonthlyReportStore;
  /** A read-only tab (DocumentTabs.showDocument). */
  showDocument(connection: Connection, name: string, text: string, extension: 'txt'): Promise<vscode.Uri>;
}

/** What to search: Web API connections (all their accounts), or one account of one. */
export type SearchTarget = { connections: Connection[] } | { connection: Connection; account: Account };

/** For scripts and tests: search without the QuickPick. */
export interface SearchSessionsOptions {
  /** The search box's text ("ip:10.2", "ana"…). */
  query?: string;
  /** Open the first hit's details. */
  openFirst?: boolean;
  /** First read the months asked that the cache does not hold. */
  readMissing?: boolean;
}

interface Scope {
  connections: { connection: Connection; accounts: Account[] }[];
  /** Connections whose accounts could not be listed, with why. */
  unreachable: string[];
}

type SearchItem = vscode.QuickPickItem & { hit?: SessionHit; readMore?: boolean };

const DEBOUNCE_MS = 200;

/** Runs the command: the QuickPick, or (with `options.query`) one search to its end for scripts and tests. */
export async function searchSessions(deps: SearchPickDeps, target: SearchTarget, options?: SearchSessionsOptions) {
  const scope = await searchScope(target, deps);
  const session = new SearchSession(deps, scope);
  let readResult: { read: number; failed: { label: string; message: string }[] } | undefined;
  if (options?.readMissing) readResult = await session.readMissing();
  if (options?.query !== undefined) return { ...(await session.runHeadless(options.query, options.openFirst === true)), readResult };
  return session.showPick('');
}

/** The accounts searched: the target's account, or every account of its connections (listed with progress and Cancel). */
async function searchScope(target: SearchTarget, deps: SearchPickDeps): Promise<Scope> {
  if ('account' in target) return { connections: [{ connection: target.connection, accounts: [target.account] }], unreachable: [] };
  return withCancellableProgress({ title: vscode.l10n.t('Search Sessions: listing accounts…') }, async (signal) => {
    const scope: Scope = { connections: [], unreachable: [] };
    let first: unknown;
    for (const connection of target.connections) {
      try {
        scope.connections.push({ connection, accounts: await (await deps.web(connection)).listAccounts(signal) });
      } catch (e) {
        if (signal.aborted || isCancellation(e)) throw e;
        first ??= e;
        scope.unreachable.push(`${oneLineText(connection.name)}: ${userMessage(e)}`);
      }
    }
    if (!scope.connections.length) throw first;
    return scope;
  });
}

/** One run of the command: its scope, the search over the months on disk, and reading more. */
class SearchSession {
  private search: SessionSearch | undefined;
  private readonly connectionOf = new Map<string, Connection>();

  constructor(
    private readonly deps: SearchPickDeps,
    private readonly scope: Scope,
  ) {}

  private get store() {
    return this.deps.monthly;
  }

  private async clientsOf() {
    return Promise.all(
      this.scope.connections.map(async ({ connection, accounts }) => ({
        connectionId: connection.id,
        client: await this.deps.web(connection),
        accounts,
      })),
    );
  }

  /** The search over what is on disk now (built again after reading more months). */
  private async searcher(): Promise<SessionSearch> {
    if (this.search) return this.search;
    const months = await searchMonths(this.store, await this.clientsOf());
    for (const { connection, accounts } of this.scope.connections)
      for (const m of await this.store.monthsOnDisk(
        connection.id,
        accounts.map((a) => a.accountId),
      ))
        this.connectionOf.set(m.csv, connection);
    this.search = new SessionSearch(months, this.store.columnar);
    return this.search;
  }

  /** The months asked that the cache does not hold (listed per account). */
  private async missing(signal?: AbortSignal): Promise<{ missing: MissingMonth[]; asked: number }> {
    return missingMonths(this.store, await this.clientsOf(), readSetting('search.months'), signal);
  }

  /** Reads the months asked that are not read yet (with progress and Cancel). */
  async readMissing(): Promise<{ read: number; failed: { label: string; message: string }[] }> {
    const title = vscode.l10n.t('Search Sessions: reading more months');
    const result = await withCancellableProgress({ title }, async (signal, report) => {
      report(vscode.l10n.t('Listing monthly reports…'));
      const { missing } = await this.missing(signal);
      return readMonths(this.store, [...missing, ...(await this.onDiskNotRead(missing, signal))], signal, report);
    });
    this.search = undefined;
    for (const f of result.failed) this.deps.log.warn(`Search Sessions: ${oneLineText(f.label)} was not read: ${oneLineText(f.message)}`);
    if (result.failed.length)
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} month(s) could not be read: {1}. See the log for why.',
          result.failed.length,
          result.failed.map((f) => oneLineText(f.label)).join(', '),
        ),
      );
    return result;
  }

  /**
   * Months on disk the search cannot open (no entry, or one that did not check out), beyond those
   * listed as missing: read again from their CSV (on disk already, so nothing is downloaded).
   */
  private async onDiskNotRead(listed: readonly MissingMonth[], signal: AbortSignal): Promise<MissingMonth[]> {
    const out: MissingMonth[] = [];
    for (const m of await (await this.searcher()).unreadable(signal)) {
      const connection = this.connectionOf.get(m.csv);
      if (!connection || listed.some((l) => this.store.csvPath(l.ref) === m.csv)) continue;
      const [year, month] = m.month.split('-').map(Number) as [number, number];
      const ref = { connectionId: connection.id, accountId: m.accountId, year, month };
      out.push({ accountName: m.accountName, ref, link: { url: '', year, month }, client: await this.deps.web(connection) });
    }
    return out;
  }

  /** Runs one search to its end; opens the first hit when asked. */
  async runHeadless(text: string, openFirst: boolean) {
    const search = await this.searcher();
    const hits: SessionHit[] = [];
    const skipped: { account: string; month: string; reason: string }[] = [];
    let summary: SearchSummary | undefined;
    for await (const event of search.search(parseSearchQuery(text))) {
      if (event.kind === 'hits') hits.push(...event.hits);
      else if (event.kind === 'skipped') {
        skipped.push({ account: event.month.accountName, month: event.month.month, reason: event.reason });
      } else summary = event.summary;
    }
    const opened = openFirst && hits[0] ? (await this.open(hits[0])).toString() : undefined;
    return {
      hits: hits.map((h) => ({
        account: h.month.accountName,
        month: h.month.month,
        start: h.start,
        user: h.user,
        application: h.application,
        country: h.country,
        field: h.field,
      })),
      summary,
      skipped,
      opened,
    };
  }

  /** The session's 25 fields in a read-only tab. */
  private async open(hit: SessionHit): Promise<vscode.Uri> {
    const details = await hitDetails(hit);
    const connection = this.connectionOf.get(hit.month.csv) ?? this.scope.connections[0]!.connection;
    const when = hit.start === null ? vscode.l10n.t('no start') : reportClock(hit.start);
    return this.deps.showDocument(
      connection,
      vscode.l10n.t('{0} — session of {1} at {2}', hit.month.accountName, hit.user || vscode.l10n.t('no user'), when),
      hitDetailsText(hit, details),
      'txt',
    );
  }

  /** The QuickPick: searches as you type, newest months first; Enter opens a hit or reads more months. */
  async showPick(initial: string): Promise<void> {
    const search = await this.searcher();
    const qp = vscode.window.createQuickPick<SearchItem>();
    const accounts = this.scope.connections.reduce((n, c) => n + c.accounts.length, 0);
    const months = search.monthList.length;
    qp.title = pickTitle(months, accounts);
    qp.placeholder = vscode.l10n.t({
      message: 'User, remote IP, application, session id or country (or user: ip: app: id: country: for one field)',
      comment: ['"user:", "ip:", "app:", "id:" and "country:" are what the user types: keep them as they are.'],
    });
    qp.matchOnDescription = false;
    qp.matchOnDetail = false;
    qp.value = initial;
    let readMore: SearchItem | undefined;
    let hits: SearchItem[] = [];
    let tail: SearchItem[] = [];
    // Hits first (Enter opens the first), then what the search says, then the offer to read more.
    const render = () => (qp.items = [...hits, ...tail, ...(readMore ? [readMore] : [])]);
    let current: AbortController | undefined;
    let timer: NodeJS.Timeout | undefined;

    const run = (text: string) => {
      current?.abort();
      const ctrl = new AbortController();
      current = ctrl;
      hits = [];
      tail = [];
      const query = parseSearchQuery(text);
      if (!query.text) {
        tail = [hint(this.scope)];
        qp.busy = false;
        render();
        return;
      }
      qp.busy = true;
      render();
      void (async () => {
        const skipped: string[] = [];
        let notRead = 0;
        try {
          for await (const event of search.search(query, ctrl.signal)) {
            if (ctrl.signal.aborted) return;
            if (event.kind === 'hits') {
              hits = [...hits, ...event.hits.map(hitItem)];
              render();
            } else if (event.kind === 'skipped') {
              if (event.notRead) notRead++;
              if (!event.missing) skipped.push(`${event.month.accountName} ${event.month.month}: ${event.reason}`);
            } else {
              tail = summaryItems(event.summary, skipped, notRead);
              readMore ??= notRead
                ? {
                    label: `$(cloud-download) ${vscode.l10n.t('Read more months…')}`,
                    description:
                      notRead === 1
                        ? vscode.l10n.t('1 month on disk is not read yet')
                        : vscode.l10n.t('{0} months on disk are not read yet', notRead),
                    alwaysShow: true,
                    readMore: true,
                  }
                : undefined;
              render();
            }
          }
        } catch (e) {
          if (ctrl.signal.aborted || isCancellation(e)) return;
          tail = [{ label: `$(error) ${userMessage(e)}`, alwaysShow: true }];
          render();
        } finally {
          if (current === ctrl) qp.busy = false;
        }
      })();
    };

    // "Read more months…" once the listing says which are missing (in the background: typing goes on).
    const listing = new AbortController();
    void this.missing(listing.signal).then(
      ({ missing, asked }) => {
        if (!missing.length) return;
        const names = missing.slice(0, 4).map((m) => `${m.accountName} ${m.ref.year}-${String(m.ref.month).padStart(2, '0')}`);
        readMore = {
          label: `$(cloud-download) ${vscode.l10n.t('Read more months…')}`,
          description: vscode.l10n.t(
            '{0} of the {1} months asked (the newest {2} of each account) are not read yet',
            missing.length,
            asked,
            readSetting('search.months'),
          ),
          detail: `${names.join(', ')}${missing.length > names.length ? ', …' : ''}`,
          alwaysShow: true,
          readMore: true,
        };
        render();
      },
      (e: unknown) => {
        if (!listing.signal.aborted)
          this.deps.log.warn(`Search Sessions: the monthly reports could not be listed: ${oneLineText(userMessage(e))}`);
      },
    );

    return new Promise<void>((resolve) => {
      qp.onDidChangeValue((text) => {
        clearTimeout(timer);
        timer = setTimeout(() => run(text), DEBOUNCE_MS);
      });
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0];
        if (item?.hit) {
          void this.open(item.hit).catch((e: unknown) => void vscode.window.showErrorMessage(userMessage(e)));
        } else if (item?.readMore) {
          const text = qp.value;
          qp.hide();
          void this.readMissing().then(
            () => this.showPick(text),
            (e: unknown) => {
              if (!isCancellation(e)) void vscode.window.showErrorMessage(userMessage(e));
            },
          );
        }
      });
      qp.onDidHide(() => {
        clearTimeout(timer);
        current?.abort();
        listing.abort();
        qp.dispose();
        resolve();
      });
      run(initial);
      qp.show();
    });
  }
}

/** The pick's title: four whole sentences (plural forms differ between languages). */
function pickTitle(months: number, accounts: number): string {
  if (months === 1)
    return accounts === 1
      ? vscode.l10n.t('Search Sessions — 1 month on disk, 1 account')
      : vscode.l10n.t('Search Sessions — 1 month on disk, {0} accounts', accounts);
  return accounts === 1
    ? vscode.l10n.t('Search Sessions — {0} months on disk, 1 account', months)
    : vscode.l10n.t('Search Sessions — {0} months on disk, {1} accounts', months, accounts);
}

function hint(scope: Scope): SearchItem {
  return {
    label: `$(search) ${vscode.l10n.t('Type a user, remote IP (its start), application, session id (exact) or country')}`,
    detail: scope.unreachable.length ? vscode.l10n.t('Not searched (accounts not listed): {0}', scope.unreachable.join('; ')) : undefined,
    alwaysShow: true,
  };
}

function hitItem(hit: SessionHit): SearchItem {
  const when = hit.start === null ? vscode.l10n.t('no start time') : reportClock(hit.start);
  return {
    label: `$(account) ${oneLineText(hit.user) || vscode.l10n.t('(no user)')}`,
    description: `${oneLineText(hit.application)} · ${oneLineText(hit.country) || vscode.l10n.t('no country')} · ${when}`,
    detail: vscode.l10n.t('{0} — {1} report · {2}', oneLineText(hit.month.accountName), hit.month.month, matchedWords(hit.field)),
    alwaysShow: true,
    hit,
  };
}

/** Which field a hit matched, in words. */
function matchedWords(field: SessionHit['field']): string {
  switch (field) {
    case 'user':
      return vscode.l10n.t('matched user');
    case 'ip':
      return vscode.l10n.t('matched remote IP');
    case 'application':
      return vscode.l10n.t('matched application');
    case 'sessionId':
      return vscode.l10n.t('matched session id');
    case 'country':
      return vscode.l10n.t('matched country');
  }
}

function summaryItems(s: SearchSummary, skipped: string[], notRead: number): SearchItem[] {
  const out: SearchItem[] = [];
  const more = s.matches - s.shown;
  const count = `${s.matches.toLocaleString('en-US')}${s.atLeast ? '+' : ''}`;
  if (s.matches === 0)
    out.push({
      label: `$(info) ${vscode.l10n.t('No session matches in {0} month(s), {1} sessions', s.monthsSearched, s.sessions.toLocaleString('en-US'))}`,
      alwaysShow: true,
    });
  else if (more > 0)
    out.push({
      label: `$(info) ${vscode.l10n.t(
        '{0} more ({1} sessions match; the first {2} are shown)',
        `${more.toLocaleString('en-US')}${s.atLeast ? '+' : ''}`,
        count,
        s.shown,
      )}`,
      description: vscode.l10n.t('narrow the search, e.g. user: or ip:'),
      alwaysShow: true,
    });
  if (notRead)
    out.push({
      label: `$(info) ${
        notRead === 1
          ? vscode.l10n.t('1 month on disk is not read yet: "Read more months…" reads it')
          : vscode.l10n.t('{0} months on disk are not read yet: "Read more months…" reads them', notRead)
      }`,
      alwaysShow: true,
    });
  if (skipped.length)
    out.push({
      label: `$(warning) ${vscode.l10n.t('{0} month(s) skipped', skipped.length)}`,
      detail: skipped.map(oneLineText).join('; '),
      alwaysShow: true,
    });
  return out;
}
