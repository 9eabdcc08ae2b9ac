/**
 * The reports panel's logic: answers the webview's requests (src/protocol/reports.ts) for one
 * account with aggregates and pages of rows, runs loads that Cancel (or closing the panel) stops,
 * and keeps the last result for a webview that is recreated. Built from injected dependencies and
 * free of `vscode`, so handler tests run in bare Node against the simulator and the webview
 * harness drives these same handlers; reportsPanel.ts is the thin VS Code adapter.
 */
import * as l10n from '@vscode/l10n';
import { showSessionField } from '../core/reports/sessionFields';
import { safeFileName, type Account, type FrameClient, type SessionReportLink } from '../core/api';
import { monthKey, monthLabel, toPacificDay } from '../core/dates';
import { FrameError, userMessage } from '../core/errors';
import { SessionTable, loadSessions, loadUsage, reportLinkOf, usageCsv, type LoadedUsage, type MonthlyReportStore } from '../core/reports';
import {
  ALL,
  DEFAULT_INSIGHT_SETTINGS,
  accountInputs,
  adviseCapacity,
  capacityOf,
  estimateCost,
  parseCostSettings,
  prepareExperience,
  usageVsSessions,
  worstUsers,
  type AccountMembers,
  type InsightSettings,
  type SeatHygiene,
} from '../core/insights';
import { sqlFor } from '../core/insights/sql';
import type { SelectedAccount } from '../connections/connection';
import { ALL_ACCOUNTS_ID, organizationOfPanel } from '../protocol/reports';
import type {
  CapacityView,
  CostView,
  InitData,
  MonthRef,
  ReportsHostNotifications,
  ReportsRequests,
  ReportsUiState,
  SessionsResult,
  UsageQuery,
} from '../protocol/reports';
import type { RequestHandlers } from '../protocol/rpc';
import {
  checkNoParams,
  checkOpenCsv,
  checkRowsQuery,
  checkSessionsQuery,
  checkUiState,
  checkUsageQuery,
  checkWhat,
  checkDetailsQuery,
  checkCapacityExport,
  checkTimelineQuery,
  checkWaitedQuery,
  checkSqlQuery,
  checkChartImage,
  checkEmails,
  checkExperienceQuery,
  checkInsightExport,
  checkPeopleQuery,
} from './reportsRequests';
import {
  ExperienceCache,
  INSIGHT_CSV_TITLES,
  insightExportTexts,
  asOfDayOf,
  experienceCsv,
  experienceView,
  offHoursCsv,
  offHoursView,
  peopleView,
  readMembers,
  seatHygiene,
  seatsCsv,
  unmatchedCsv,
} from './insightViews';
import { costCsv, costFileName } from './costCsv';
import { DrilledOrder } from './capacityDrill';
import { CAPACITY_CSV_TITLES, capacityCsv, capacityExportTexts, capacityFileName } from './capacityCsv';

/**
 * What the host says once it saved a file: the confirmation in the display language (given the
 * file's name) and what the "Frame" log says (English, like every log line).
 */
export interface SavedNote {
  exported: (file: string) => string;
  logged: string;
}

/** What the controller does outside the webview (editor tabs): the host's side. */
export interface ReportsEditor {
  openMonthlyCsv(month: string, link: SessionReportLink): Promise<unknown>;
  openRecentCsv(): Promise<unknown>;
  /** Export CSV: the usage records of the query as CSV text, for the host to save (it asks where) and offer to open. */
  showUsageCsv(query: UsageQuery, csv: string): Promise<unknown>;
  /** Export Sessions as Parquet: the host asks for a folder and writes these months (null when cancelled). */
  exportParquet(months: string[]): Promise<{ folder: string; files: number } | null>;
  /** Export CSV of a Capacity table: the host asks where to save `csv` (`title` says what it is, `fileName` is the default) and offers to open it. */
  saveCsv(title: string, fileName: string, csv: string, note: SavedNote): Promise<unknown>;
  /** Edit Prices: opens the cost settings (frameAdmin.capacity.prices and .accounts) in the Settings editor. */
  editPrices(): Promise<unknown>;
  /** Copy as DuckDB SQL: puts `text` on the clipboard (`what` says what it is, in English; `copied` is the short confirmation). */
  copyText(text: string, what: string, copied: string): Promise<unknown>;
  /** Save as PNG / SVG: the host asks where to save the image (`title` says what it is, `fileName` is the default). */
  saveImage(title: string, fileName: string, bytes: Uint8Array, format: 'png' | 'svg', note: SavedNote): Promise<unknown>;
}

export interface ReportsControllerDeps {
  target: SelectedAccount;
  web: () => Promise<FrameClient>;
  monthly: MonthlyReportStore;
  editor: ReportsEditor;
  notify: (progress: ReportsHostNotifications['progress']) => void;
  log: (line: string) => void;
  /** UI state saved by an earlier webview of this panel (after a window reload). */
  ui?: ReportsUiState;
  /** Clock, for "today" in Pacific time. */
  now?: () => Date;
  /** The cost settings as settings.json holds them (checked in core: parseCostSettings); none = no prices. */
  costSettings?: () => { prices: unknown; accounts: unknown };
  /** The Experience and People settings (frameAdmin.experience.*, frameAdmin.offHours.*), read when asked. */
  settings?: () => InsightSettings;
}

export class ReportsController {
  readonly handlers: RequestHandlers<ReportsRequests>;
  private readonly running = {
    usage: new Set<AbortController>(),
    sessions: new Set<AbortController>(),
    people: new Set<AbortController>(),
  };
  /** Loads of each kind that ended (answered, failed or cancelled): tests wait for the webview's own first one. */
  private readonly ended = { usage: 0, sessions: 0, people: 0 };
  private readonly experience = new ExperienceCache();
  /** Team members read for the People tab, per scope (read again on Refresh). */
  private readonly members = new Map<'account' | 'all', { accounts: AccountMembers[]; failed: { name: string; message: string }[] }>();
  private readonly seatCache = new Map<'account' | 'all', { table: SessionTable; members: unknown; day: string; seats: SeatHygiene }>();
  private table = SessionTable.empty();
  private lastSessions: SessionsResult | null = null;
  private lastUsage: LoadedUsage | undefined;
  /** Months Frame listed for this account at the last init (what the webview may ask for). */
  private listed: { keys: Set<string>; links: SessionReportLink[] } = { keys: new Set(), links: [] };
  private uiState: ReportsUiState | undefined;
  private readonly drilled = new DrilledOrder();
  private requestedTab: ReportsUiState['tab'] | undefined;
  /** An "all accounts" panel: loads read every account of the connection (listed at init). */
  private readonly rollup: boolean;
  /** An organization's panel: the rollup kept to the accounts the settings put in it. */
  private readonly organization: string | null;
  private rollupAccounts: Account[] = [];

  constructor(private readonly deps: ReportsControllerDeps) {
    this.uiState = deps.ui;
    this.organization = organizationOfPanel(deps.target.account.accountId);
    this.rollup = deps.target.account.accountId === ALL_ACCOUNTS_ID || this.organization !== null;
    this.handlers = {
      init: () => this.init(),
      usage: async (params) => {
        const query = this.scoped(checkUsageQuery(params));
        return this.cancellable('usage', async (signal) => {
          this.lastUsage = await loadUsage(await deps.web(), deps.target.account, query, signal, this.progress('usage'), this.only());
          const r = this.lastUsage.result;
          deps.log(
            `Reports: usage ${query.from}…${query.to} (${query.scope}) = ${r.aggregate.totalHours.toFixed(1)} h from ${this.lastUsage.records.length} records.`,
          );
          return r;
        });
      },
      loadSessions: async (params) => {
        const query = checkSessionsQuery(params, this.listed.keys);
        return this.cancellable('sessions', async (signal) => {
          const started = Date.now();
          const client = await deps.web();
          const { connection, account } = deps.target;
          const loaded = await loadSessions(
            client,
            (link, s, p, of) =>
              deps.monthly.fetch(
                client,
                { connectionId: connection.id, accountId: of.accountId, year: link.year, month: link.month },
                link,
                s,
                p,
              ),
            this.rollup ? this.rollupAccounts : account,
            query,
            signal,
            this.progress('sessions'),
            // Months read once open from the columnar cache beside the CSVs.
            { cacheFolder: deps.monthly.columnar.folder },
          );
          // A load cancelled by a newer one never replaces what the newer one shows.
          signal.throwIfAborted();
          this.table = loaded.table;
          this.lastSessions = loaded.result;
          this.computeCapacitySoon();
          this.computeExperienceSoon();
          const from = loaded.result.sources.map((s) => s.label).join(', ') || 'nothing';
          deps.log(`Reports: ${loaded.result.rows} sessions from ${from} in ${Date.now() - started} ms.`);
          return loaded.result;
        });
      },
      currentSessions: async () => this.lastSessions,
      months: async (params) => {
        checkNoParams(params, 'months');
        return this.monthRefs();
      },
      rows: async (params) => {
        const q = checkRowsQuery(params);
        if (q.drill) return this.drilled.page(this.table, q.offset, q.limit, q.sort, q.filter, q.drill);
        return this.table.page(q.offset, q.limit, q.sort, q.filter);
      },
      sessionDetails: async (params) => {
        const q = checkDetailsQuery(params);
        const [row] = q.drill
          ? this.drilled.order(this.table, q.sort, q.filter, q.drill).subarray(q.offset, q.offset + 1)
          : this.table.rowIndexes(q.offset, 1, q.sort, q.filter);
        if (row === undefined)
          throw new FrameError('not-listed', l10n.t('That session is no longer in the table: load the sessions again.'));
        // Read again from the report at the row's byte offset: the table keeps only a few columns.
        const details = await this.table.detailsOf(row);
        return {
          fields: details.fields.map((f) => ({ column: f.column, value: f.value, ...showSessionField(f.column, f.value) })),
          extra: details.extra,
        };
      },
      exportParquet: async (params) => {
        checkNoParams(params, 'exportParquet');
        if (this.rollup)
          throw new FrameError(
            'invalid-request',
            l10n.t(
              'Export Sessions as Parquet writes one account’s months: open it from that account’s reports (Show Reports on the account), not from All Accounts.',
            ),
          );
        const months = this.lastSessions?.query.months ?? [];
        if (!months.length)
          throw new FrameError(
            'invalid-request',
            l10n.t('Load one or more monthly reports first: the Parquet export writes the loaded months.'),
          );
        return deps.editor.exportParquet(months);
      },
      exportUsage: async (params) => {
        const query = this.scoped(checkUsageQuery(params));
        const last = this.lastUsage;
        const usage =
          last && last.result.query.from === query.from && last.result.query.to === query.to && last.result.query.scope === query.scope
            ? last
            : await this.cancellable(
                'usage',
                async (signal) => loadUsage(await deps.web(), deps.target.account, query, signal, () => undefined, this.only()),
                false,
              );
        await deps.editor.showUsageCsv(
          query,
          query.scope === 'all' ? usageCsv(usage.records) : usageCsv(usage.records.map((r) => r.record)),
        );
        return null;
      },
      openCsv: async (params) => {
        const what = checkOpenCsv(params, this.listed.keys);
        if (this.rollup)
          throw new FrameError(
            'invalid-request',
            l10n.t(
              'Open CSV opens one account’s report: open it from that account’s reports (Show Reports on the account), not from All Accounts.',
            ),
          );
        if ('recent' in what) await deps.editor.openRecentCsv();
        else await deps.editor.openMonthlyCsv(what.month, reportLinkOf(this.listed.links, what.month));
        return null;
      },
      cancel: async (params) => {
        this.cancel(checkWhat(params));
        return null;
      },
      saveState: async (params) => {
        this.uiState = checkUiState<ReportsUiState>(params);
        return null;
      },
      capacity: async (params) => {
        checkNoParams(params, 'capacity');
        return this.capacityView();
      },
      capacityTimeline: async (params) => {
        const { key } = checkTimelineQuery(params);
        const insights = capacityOf(this.table);
        return { key, firstMinute: insights.firstMinute, values: Array.from(insights.timeline(key)) };
      },
      capacityWaited: async (params) => {
        const { key, max } = checkWaitedQuery(params);
        return { key, max, waited: capacityOf(this.table).waitedAt(key, max) };
      },
      capacityUsage: async (params) => {
        checkNoParams(params, 'capacityUsage');
        const usage = this.lastUsage;
        // Usage of all accounts mixes other accounts' instances in: only the same accounts compare
        // (this account's usage in an account's panel; every account's in the all-accounts one).
        if (!this.lastSessions || !usage || usage.result.query.scope !== (this.rollup ? 'all' : 'account')) return null;
        const records = usage.records.map((r) => r.record);
        const insights = capacityOf(this.table);
        // Only days both sides were read for: the usage range and the loaded months (recent
        // sessions cover the days they fall on).
        const { from, to } = usage.result.query;
        const months = new Set(this.lastSessions.query.months);
        const recentDays = new Set(this.lastSessions.query.recent ? insights.sessionHoursByDay(ALL).map((d) => d.day) : []);
        const compared = (day: string) => day >= from && day <= to && (months.has(day.slice(0, 7)) || recentDays.has(day));
        return { usage: usage.result.query, comparison: usageVsSessions(records, insights, {}, compared) };
      },
      experience: async (params) => {
        const { dimension } = checkExperienceQuery(params);
        if (!this.lastSessions) return null;
        return experienceView(
          this.experience,
          this.table,
          dimension,
          this.settings(),
          this.lastSessions.sources.map((x) => x.label),
        );
      },
      people: async (params) => {
        const { scope, refresh, seat } = checkPeopleQuery(params);
        if (!this.lastSessions) return null;
        const { seats, reason, failed } = await this.seats(scope, refresh);
        return peopleView(
          seats,
          scope,
          seat,
          reason,
          failed,
          this.lastSessions.sources.map((x) => x.label),
        );
      },
      offHours: async (params) => {
        checkNoParams(params, 'offHours');
        if (!this.lastSessions) return null;
        return offHoursView(this.table, this.settings(), this.accountNames(), this.offHoursScope());
      },
      copyEmails: async (params) => {
        const asked = checkEmails(params);
        let emails: string[];
        if (Array.isArray(asked)) emails = asked;
        else {
          if (!this.lastSessions) throw new FrameError('invalid-request', l10n.t('Load one or more monthly reports first.'));
          const { seats } = await this.seats(asked.scope, false);
          emails = [...new Set(seats.rows.filter((r) => asked.seat === 'all' || r.seat === asked.seat).map((r) => r.email))];
        }
        await deps.editor.copyText(
          emails.join('\n'),
          `${emails.length} e-mail addresses`,
          emails.length === 1
            ? l10n.t('Copied 1 e-mail address to the clipboard.')
            : l10n.t('Copied {0} e-mail addresses to the clipboard.', emails.length),
        );
        deps.log(`Reports: ${emails.length} e-mail addresses copied.`);
        return { copied: emails.length };
      },
      exportInsights: async (params) => {
        const q = checkInsightExport(params);
        if (!this.lastSessions)
          throw new FrameError(
            'invalid-request',
            l10n.t('Load one or more monthly reports first: the figures are of the loaded sessions.'),
          );
        const settings = this.settings();
        let csv: string;
        let of = '';
        const shown: { by?: string; seat?: string } = {};
        switch (q.table) {
          case 'experience': {
            const b = this.experience.get(this.table, q.dimension, settings.latencyThresholdsMs);
            csv = experienceCsv(b, b.groups);
            of = ` by ${q.dimension}`;
            shown.by = q.dimension;
            break;
          }
          case 'worstUsers': {
            const b = this.experience.get(this.table, 'user', settings.latencyThresholdsMs);
            csv = experienceCsv(b, worstUsers(b, settings.worstUsers, settings.worstMinSessions));
            break;
          }
          case 'offHours':
            csv = offHoursCsv(offHoursView(this.table, settings, this.accountNames(), this.offHoursScope()));
            break;
          default: {
            const { seats } = await this.seats(q.scope, false);
            csv = q.table === 'people' ? seatsCsv(seats, q.seat) : unmatchedCsv(seats);
            if (q.table === 'people' && q.seat !== 'all') {
              of = ` (${q.seat})`;
              shown.seat = q.seat;
            }
          }
        }
        const who =
          q.scope === 'all' && (q.table === 'people' || q.table === 'unmatched')
            ? deps.target.connection.name
            : deps.target.account.name || deps.target.account.accountId;
        const title = `${INSIGHT_CSV_TITLES[q.table]}${of}`;
        const texts = insightExportTexts(q.table, shown, who);
        await deps.editor.saveCsv(texts.title, `${safeFileName(`${who} ${title}`.replace(/[\\/]/g, '_'))}.csv`, csv, {
          exported: texts.exported,
          logged: `the ${title} (${who})`,
        });
        return null;
      },
      exportCapacity: async (params) => {
        const { table, key } = checkCapacityExport(params);
        if (!this.lastSessions)
          throw new FrameError(
            'invalid-request',
            l10n.t('Load one or more monthly reports first: the Capacity figures are of the loaded sessions.'),
          );
        const csv = capacityCsv(capacityOf(this.table), table, key);
        const who = this.who();
        const of = table === 'figures' || key === '*' ? '' : ` of ${key}`;
        const texts = capacityExportTexts(table, of ? key : undefined, this.whoText());
        await deps.editor.saveCsv(texts.title, capacityFileName(who, table, key), csv, {
          exported: texts.exported,
          logged: `the ${CAPACITY_CSV_TITLES[table]}${of} (${who})`,
        });
        return null;
      },
      capacityCost: async (params) => {
        checkNoParams(params, 'capacityCost');
        return this.costView();
      },
      exportCost: async (params) => {
        checkNoParams(params, 'exportCost');
        const view = this.costView();
        if (!view)
          throw new FrameError(
            'invalid-request',
            l10n.t('Load usage in the Usage tab first: the cost is of the usage hours loaded there.'),
          );
        const all = view.usage.scope === 'all';
        const who = all ? `${deps.target.connection.name} all accounts` : deps.target.account.name || deps.target.account.accountId;
        const whoText = all ? l10n.t('{0} all accounts', deps.target.connection.name) : who;
        await deps.editor.saveCsv(l10n.t('Export the cost estimate ({0})', whoText), costFileName(who, view.usage), costCsv(view), {
          exported: (file) => l10n.t('Exported the cost estimate ({0}) to "{1}".', whoText, file),
          logged: `the cost estimate (${who})`,
        });
        return null;
      },
      editPrices: async (params) => {
        checkNoParams(params, 'editPrices');
        await deps.editor.editPrices();
        return null;
      },
      saveChart: async (params) => {
        const image = checkChartImage(params);
        const who = this.who();
        const of = image.key === '*' ? '' : ` (${image.key})`;
        const whoText = this.whoText();
        const format = image.format.toUpperCase();
        const key = image.key;
        await deps.editor.saveImage(
          key === '*'
            ? l10n.t('Save the chart of sessions open per minute ({0}) as {1}', whoText, format)
            : l10n.t('Save the chart of sessions open per minute ({0}) ({1}) as {2}', key, whoText, format),
          `${safeFileName(`${who} sessions open per minute${of}`.replace(/[\\/]/g, '_'))}.${image.format}`,
          image.bytes,
          image.format,
          {
            exported: (file) =>
              key === '*'
                ? l10n.t('Exported the chart of sessions open per minute ({0}) to "{1}".', whoText, file)
                : l10n.t('Exported the chart of sessions open per minute ({0}) ({1}) to "{2}".', key, whoText, file),
            logged: `the chart of sessions open per minute${of} (${who})`,
          },
        );
        return null;
      },
      copySql: async (params) => {
        const { figure, key } = checkSqlQuery(params);
        const sql = sqlFor(figure, key);
        await deps.editor.copyText(sql, `the DuckDB SQL of ${figure}`, l10n.t('Copied the DuckDB SQL of {0} to the clipboard.', figure));
        return { sql };
      },
    };
  }

  /** What this panel is of, in file names and the log (English). */
  private who(): string {
    const { connection, account } = this.deps.target;
    if (this.organization !== null) return `${connection.name} organization ${this.organization}`;
    return this.rollup ? `${connection.name} all accounts` : account.name || account.accountId;
  }

  /** What this panel is of, in the titles and messages the user reads (the display language's). */
  private whoText(): string {
    const { connection, account } = this.deps.target;
    if (this.organization !== null) return l10n.t('{0} organization {1}', connection.name, this.organization);
    return this.rollup ? l10n.t('{0} all accounts', connection.name) : account.name || account.accountId;
  }

  /** An organization panel's accounts, for usage of "all" of them (undefined: every account). */
  private only(): Account[] | undefined {
    return this.organization !== null ? this.rollupAccounts : undefined;
  }

  /** The all-accounts panel reads usage of every account, whatever scope the webview sends. */
  private scoped(query: UsageQuery): UsageQuery {
    return this.rollup ? { ...query, scope: 'all' } : query;
  }

  /**
   * A command asked for a tab ("Frame: Show Capacity…"): the next init says it (a panel opened
   * now); an open page also gets a `showTab` notification from the panel.
   */
  openOn(tab: ReportsUiState['tab']): void {
    this.requestedTab = tab;
  }

  /** The webview's latest UI state (for the panel serializer). */
  get ui(): ReportsUiState | undefined {
    return this.uiState;
  }

  /** Stops every running load (the panel was closed). */
  dispose(): void {
    for (const c of [...this.running.usage, ...this.running.sessions, ...this.running.people]) c.abort();
  }

  private settings(): InsightSettings {
    return this.deps.settings?.() ?? DEFAULT_INSIGHT_SETTINGS;
  }

  /** The day the People tab counts days back from (see asOfDayOf). */
  private asOf(): { day: string; reason: 'months' | 'today' } {
    const q = this.lastSessions?.query ?? { months: [], recent: false };
    return asOfDayOf(q.months, q.recent, (this.deps.now?.() ?? new Date()).toISOString().slice(0, 10));
  }

  /** The accounts off-hours ranks: every account of a rollup panel (all accounts, an organization), or this one. */
  private offHoursScope() {
    const ids = this.rollup ? this.rollupAccounts.map((a) => a.accountId) : [this.deps.target.account.accountId];
    const kind = this.organization !== null ? ('organization' as const) : this.rollup ? ('all' as const) : ('account' as const);
    return { kind, ...(this.organization !== null ? { organization: this.organization } : {}), accounts: ids.length, accountIds: ids };
  }

  /** Account names known to this panel (its own, a rollup's accounts, and those the People tab read). */
  private accountNames(): Map<string, string> {
    const names = new Map<string, string>();
    for (const a of this.rollupAccounts) names.set(a.accountId, a.name);
    for (const m of this.members.values()) for (const a of m.accounts) names.set(a.accountId, a.accountName);
    names.set(this.deps.target.account.accountId, this.deps.target.account.name);
    return names;
  }

  /** The seats of a scope over the loaded table, computed once per table, members read and day. */
  private async seats(scope: 'account' | 'all', refresh: boolean) {
    const members = await this.membersOf(scope, refresh);
    const { day, reason } = this.asOf();
    const c = this.seatCache.get(scope);
    if (c && c.table === this.table && c.members === members && c.day === day) return { seats: c.seats, reason, failed: members.failed };
    const seats = seatHygiene(this.table, members.accounts, day);
    this.seatCache.set(scope, { table: this.table, members, day, seats });
    return { seats, reason, failed: members.failed };
  }

  private async membersOf(scope: 'account' | 'all', refresh: boolean) {
    const cached = this.members.get(scope);
    if (cached && !refresh) return cached;
    return this.cancellable('people', async (signal) => {
      // A panel of several accounts (all accounts, an organization) has no one account: its members are every account's.
      const read = await readMembers(
        await this.deps.web(),
        this.deps.target.account,
        this.rollup ? 'all' : scope,
        signal,
        this.progress('people'),
      );
      this.members.set(scope, read);
      return read;
    });
  }

  /** The Capacity figures of the loaded sessions (computed once per load, see computeCapacitySoon). */
  private capacityView(): CapacityView | null {
    const last = this.lastSessions;
    if (!last) return null;
    const insights = capacityOf(this.table);
    return {
      keys: insights.keys.map((key) => {
        const figures = insights.figures(key);
        const heat = insights.concurrencyHeatmap(key);
        return {
          figures,
          advice: adviseCapacity(figures),
          starts: Array.from(insights.startsHeatmap(key)),
          concurrencyMax: Array.from(heat.max),
          concurrencyMean: Array.from(heat.mean),
        };
      }),
      counts: insights.counts,
      sources: last.sources.map((s) => s.label),
      rows: this.table.size,
    };
  }

  /**
   * The cost of the Usage tab's last load (this account or every account of the connection) at
   * the admin's prices, read afresh each time (the settings may have changed); null without usage.
   */
  private costView(): CostView | null {
    const usage = this.lastUsage;
    if (!usage) return null;
    const raw = this.deps.costSettings?.() ?? { prices: undefined, accounts: undefined };
    const settings = parseCostSettings(raw.prices, raw.accounts);
    const named = new Map(usage.records.map((r) => [r.account, r.accountId]));
    if (usage.result.query.scope === 'account')
      named.set(this.deps.target.account.name || this.deps.target.account.accountId, this.deps.target.account.accountId);
    const { groups, storageGb } = accountInputs(
      settings,
      [...named].map(([account, accountId]) => ({ account, accountId })),
    );
    const { from, to } = usage.result.query;
    return {
      usage: usage.result.query,
      estimate: estimateCost({ usage: usage.records, prices: settings.prices, from, to, groups, storageGb }),
      instancePrices: settings.prices.instances.length,
      storagePriced: settings.prices.storagePerGbMonth !== undefined,
    };
  }

  /**
   * Computes the Capacity figures of the table just loaded, after the load has answered, so that
   * the Capacity tab has them at once (capacityOf keeps them per table; a failure here is said
   * again when the tab asks).
   */
  private computeCapacitySoon(): void {
    const table = this.table;
    setTimeout(() => {
      try {
        if (this.table === table) capacityOf(table);
      } catch (e) {
        this.deps.log(`Reports: capacity figures not computed: ${userMessage(e)}`);
      }
    }, 0);
  }

  /**
   * After a load, what the Experience tab asks first (the rows' months and bins, the country and
   * user breakdowns), so that it answers at once; a failure here is said again when the tab asks.
   */
  private computeExperienceSoon(): void {
    const table = this.table;
    setTimeout(() => {
      try {
        if (this.table !== table) return;
        prepareExperience(table);
        const thresholds = this.settings().latencyThresholdsMs;
        this.experience.get(table, 'country', thresholds);
        this.experience.get(table, 'user', thresholds);
      } catch (e) {
        this.deps.log(`Reports: experience figures not computed: ${userMessage(e)}`);
      }
    }, 0);
  }

  private async init(): Promise<InitData> {
    const { connection, account } = this.deps.target;
    const base: InitData = {
      panel: { connectionId: connection.id, accountId: account.accountId, accountName: account.name },
      accountName: account.name || account.accountId,
      accountId: account.accountId,
      connectionName: connection.name,
      todayPacific: toPacificDay(this.deps.now?.() ?? new Date()),
      months: [],
      ui: this.uiState,
      tab: this.requestedTab,
    };
    this.requestedTab = undefined;
    if (this.rollup) {
      base.accountName =
        this.organization !== null
          ? l10n.t('Organization {0} ({1})', this.organization, connection.name)
          : l10n.t('All accounts of {0}', connection.name);
      base.accountId =
        this.organization !== null
          ? l10n.t('the accounts your settings put in this organization')
          : l10n.t('every account of the connection');
    }
    try {
      const client = await this.deps.web();
      const listed = this.rollup ? await this.listAllAccountsReports(client) : await client.listSessionReports(account.accountId);
      // A month listed twice is one month (the first link Frame gave).
      const links = listed.filter((l, i) => listed.findIndex((x) => monthKey(x) === monthKey(l)) === i);
      this.listed = { keys: new Set(links.map(monthKey)), links };
      base.months = await this.monthRefs();
    } catch (e) {
      base.monthsError = userMessage(e);
    }
    return base;
  }

  /**
   * The all-accounts panel's months: every month any account of the connection lists (one link
   * each, the first account's; the load asks each account again for its own).
   */
  private async listAllAccountsReports(client: FrameClient): Promise<SessionReportLink[]> {
    this.rollupAccounts = await client.listAccounts();
    const organization = this.organization;
    if (organization !== null) {
      const raw = this.deps.costSettings?.() ?? { prices: undefined, accounts: undefined };
      const { accounts } = parseCostSettings(undefined, raw.accounts);
      this.rollupAccounts = this.rollupAccounts.filter((a) => (accounts[a.accountId] ?? accounts[a.name])?.organization === organization);
      if (!this.rollupAccounts.length)
        throw new FrameError(
          'not-listed',
          l10n.t(
            'No account of this connection is in the organization "{0}" in the setting frameAdmin.capacity.accounts: give accounts that organization there (Edit Prices), or use All Accounts.',
            organization,
          ),
        );
    }
    const links: SessionReportLink[] = [];
    let next = 0;
    const worker = async () => {
      while (next < this.rollupAccounts.length) links.push(...(await client.listSessionReports(this.rollupAccounts[next++]!.accountId)));
    };
    await Promise.all(Array.from({ length: Math.min(4, this.rollupAccounts.length) }, worker));
    return links.sort((a, b) => b.year - a.year || b.month - a.month);
  }

  /** The months Frame listed at the last init, each marked with whether its CSV is on disk now. */
  private monthRefs(): Promise<MonthRef[]> {
    const { connection, account } = this.deps.target;
    return Promise.all(
      this.listed.links.map(async (l): Promise<MonthRef> => ({
        key: monthKey(l),
        label: monthLabel(l),
        downloaded: await this.deps.monthly.isDownloaded({
          connectionId: connection.id,
          accountId: account.accountId,
          year: l.year,
          month: l.month,
        }),
      })),
    );
  }

  private progress(what: 'usage' | 'sessions' | 'people') {
    return (message: string, fraction?: number) => this.deps.notify({ what, message, fraction });
  }

  /** Aborts the loads of one kind still running (the webview's Cancel, a newer load, closing the panel). */
  private cancel(what: 'usage' | 'sessions' | 'people'): void {
    for (const c of this.running[what]) c.abort();
  }

  /**
   * Runs a load that Cancel stops. A load (`exclusive`) first cancels the one of its kind still
   * running: one load at a time per panel, whatever the webview sends.
   */
  private async cancellable<T>(
    what: 'usage' | 'sessions' | 'people',
    run: (signal: AbortSignal) => Promise<T>,
    exclusive = true,
  ): Promise<T> {
    if (exclusive) this.cancel(what);
    const ctrl = new AbortController();
    this.running[what].add(ctrl);
    try {
      return await run(ctrl.signal);
    } finally {
      this.running[what].delete(ctrl);
      this.ended[what]++;
    }
  }

  /** How many loads of a kind have ended since the panel opened (whoever asked). */
  loadsEnded(what: 'usage' | 'sessions' | 'people'): number {
    return this.ended[what];
  }
}
