/**
 * The reports webview's protocol, declared once and used by the host (src/reports/reportsController.ts)
 * and the webview (media/reports.main.ts). The webview never sees HTTP, credentials or whole
 * reports: it gets aggregates and pages of rows.
 */
import type {
  DurationHistogram,
  SessionAggregate,
  SessionsQuery,
  SessionsResult,
  UsageAggregate,
  UsageDimension,
  UsageQuery,
  UsageResult,
} from '../core/reports/aggregateTypes';
import type { TableColumn, TableRow, TableSort } from '../core/reports/tableColumns';
import type {
  AccountMatching,
  AccountOffHours,
  CapacityAdvice,
  CapacityCounts,
  CostEstimate,
  ExperienceDimension,
  ExperienceFigures,
  KeyCapacity,
  SeatRow,
  SeatStatus,
  UnmatchedUser,
  UsageVsSessions,
} from '../core/insights';
import type { TablePage } from './table';
import type { SqlFigure } from '../core/insights/sql';

export type {
  DurationHistogram,
  SessionAggregate,
  SessionsQuery,
  SessionsResult,
  TableRow,
  TableSort,
  UsageAggregate,
  UsageDimension,
  UsageQuery,
  UsageResult,
};
export { addDays, daysBetween, isDay } from '../core/dates';
export { formatClock } from '../core/insights/clock';
export { SQL_FIGURES, type SqlFigure } from '../core/insights/sql';
export { TABLE_COLUMNS, type TableColumn } from '../core/reports/tableColumns';
export type { AccountMatching, AccountOffHours, ExperienceDimension, SeatRow, SeatStatus, UnmatchedUser };

export const REPORTS_VIEW_TYPE = 'frameAdmin.reports';

/**
 * The account id of an "all accounts" panel (Show Capacity on a connection): its loads read every
 * account of the connection into one table (the rollup). No Frame account id has asterisks.
 */
export const ALL_ACCOUNTS_ID = '*all-accounts*';

/**
 * The account id of an organization's panel: the accounts of the connection that the setting
 * frameAdmin.capacity.accounts puts in that organization (the Web API does not say it), rolled up.
 */
export const ORGANIZATION_ID_PREFIX = '*organization*:';

/** The organization of an organization panel's account id; null for any other id. */
export function organizationOfPanel(accountId: string): string | null {
  return accountId.startsWith(ORGANIZATION_ID_PREFIX) ? accountId.slice(ORGANIZATION_ID_PREFIX.length) : null;
}

/** What the panel needs to be restored after a window reload (WebviewPanelSerializer). */
export interface ReportsPanelState {
  connectionId: string;
  accountId: string;
  accountName: string;
  /** The webview's own UI state (tab, range, grouping, months, sort, filter). */
  ui?: ReportsUiState;
}

export interface ReportsUiState {
  tab: 'usage' | 'sessions' | 'capacity' | 'experience' | 'people';
  usage: UsageQuery & { preset: UsagePreset; dimension: UsageDimension };
  sessions: SessionsQuery;
  sort: TableSort;
  filter: string;
  /** The Sessions table narrowed to the sessions behind a Capacity minute or cell (null: all). */
  drill?: CapacityDrill | null;
  /** The Capacity tab's system type ("*": all). */
  capacityKey?: string;
  /** The Experience tab's breakdown. */
  experienceDimension?: ExperienceDimension;
  /** The People tab: this account or every account of the connection, and the seats shown. */
  peopleScope?: 'account' | 'all';
  peopleSeat?: SeatStatus | 'all';
  /** Sessions table column widths the user chose (px by column id; dragged or Shift+Left/Right). */
  sessionColumnWidths?: Partial<Record<TableColumn, number>>;
}

export type UsagePreset = 'last7' | 'last30' | 'last90' | 'thisMonth' | 'lastMonth' | 'custom';

export interface MonthRef {
  /** yyyy-MM */
  key: string;
  /** e.g. "November 2026" */
  label: string;
  /** The CSV is already in the extension's storage (no download needed). */
  downloaded: boolean;
}

export interface InitData {
  /**
   * Who this panel is for. The webview must store it with everything it passes to
   * `vscode.setState` (as a ReportsPanelState): after a window reload VS Code gives the panel
   * serializer only that state, and the host needs it to reconnect the panel.
   */
  panel: Omit<ReportsPanelState, 'ui'>;
  accountName: string;
  accountId: string;
  connectionName: string;
  /** Today in Pacific time (yyyy-MM-dd): the usage API's days are Pacific-time days. */
  todayPacific: string;
  /** Monthly session reports, newest first. */
  months: MonthRef[];
  /** Why the months could not be listed, if they could not. */
  monthsError?: string;
  /** State saved by a previous webview of this panel (after a reload). */
  ui?: ReportsUiState;
  /** The tab a command opened the panel on ("Frame: Show Capacity…"), over the saved one. */
  tab?: ReportsUiState['tab'];
}

export interface RowsQuery {
  offset: number;
  limit: number;
  sort: TableSort;
  /** Case-insensitive text matched against user, application, country and city. */
  filter: string;
  /** Only the sessions behind a Capacity minute or heatmap cell (absent or null: all). */
  drill?: CapacityDrill | null;
}

/**
 * The sessions behind a click in the Capacity tab, all of system type `key` ("*": any):
 * - `span`: open at some instant of [from, to) (report-clock epoch ms: a timeline minute);
 * - `cell`: of one ISO weekday (1 = Monday) × hour of the report clock, in any week loaded:
 *   `starts` the sessions that started in it, `open` those open at some instant of it.
 */
export type CapacityDrill =
  | { kind: 'span'; key: string; from: number; to: number }
  | { kind: 'cell'; key: string; weekday: number; hour: number; what: 'starts' | 'open' }
  | MatchDrill;

/** From the Experience tab: the sessions whose `column` is exactly `value` (a worst user, a slow city); `key` is "*". */
export interface MatchDrill {
  kind: 'match';
  key: string;
  column: MatchColumn;
  value: string;
}
export const MATCH_COLUMNS = ['user', 'region', 'country', 'city', 'application', 'userAgent', 'resolution'] as const;
export type MatchColumn = (typeof MATCH_COLUMNS)[number];

/** One group of an experience breakdown, with its last month against the one before. */
export interface ExperienceGroupView extends ExperienceFigures {
  key: string;
  change: {
    month: string;
    previous: string;
    /** Percentage points, per threshold (null when either month has no latency). */
    overPctDelta: (number | null)[];
    p95LatencyDelta: number | null;
    medianFramerateDelta: number | null;
  } | null;
}

/** The Experience tab: one breakdown of the loaded sessions, and the worst users. */
export interface ExperienceView {
  dimension: ExperienceDimension;
  thresholdsMs: number[];
  /** Most sessions first; at most EXPERIENCE_GROUPS_SHOWN (Export CSV has them all). */
  groups: ExperienceGroupView[];
  totalGroups: number;
  worstUsers: ExperienceGroupView[];
  /** Users ranked need at least this many sessions with a latency. */
  worstMinSessions: number;
  sources: string[];
  rows: number;
}
export const EXPERIENCE_GROUPS_SHOWN = 300;

/** The People tab: team members joined with the loaded sessions. */
export interface PeopleView {
  scope: 'account' | 'all';
  /** The day "days since" counts from (report clock), and why that day. */
  asOfDay: string;
  asOfReason: 'months' | 'today';
  /** The members of the seat filter asked for, heaviest users first (at most PEOPLE_ROWS_SHOWN; Export CSV and Copy Emails have them all). */
  seat: SeatStatus | 'all';
  rows: SeatRow[];
  /** Members of the filter, and of every seat. */
  totalRows: number;
  members: number;
  unmatched: UnmatchedUser[];
  totalUnmatched: number;
  matching: AccountMatching[];
  counts: Record<SeatStatus, number>;
  /** Accounts whose members could not be read, with why. */
  failedAccounts: { name: string; message: string }[];
  sources: string[];
}
export const PEOPLE_ROWS_SHOWN = 2000;

/** Off-hours usage of the loaded sessions per account (the settings' quiet hours). */
export interface OffHoursView {
  /**
   * Whose accounts are ranked: the panel's account, every account of the connection, or an
   * organization's (the accounts the setting frameAdmin.capacity.accounts puts in it), each listed.
   */
  scope: { kind: 'account' | 'all' | 'organization'; organization?: string; accounts: number };
  quiet: { start: string; end: string; timeZone: string; weekends: boolean };
  accounts: (AccountOffHours & { accountName: string })[];
  totalQuietHours: number;
}

/** The tables of the Experience and People tabs Export CSV saves. */
export const INSIGHT_CSV_TABLES = ['experience', 'worstUsers', 'people', 'unmatched', 'offHours'] as const;
export type InsightCsvTable = (typeof INSIGHT_CSV_TABLES)[number];

/** The Capacity figures of one key (a system type, or "*" for all), heatmaps by cell (weekday - 1) × 24 + hour. */
export interface CapacityKeyView {
  figures: KeyCapacity;
  advice: CapacityAdvice;
  starts: number[];
  concurrencyMax: number[];
  concurrencyMean: number[];
}

/** What the Capacity tab shows of the loaded sessions (computed in the background after each load). */
export interface CapacityView {
  /** "*" first, then the system types by name. */
  keys: CapacityKeyView[];
  counts: CapacityCounts;
  /** The loaded sources, as the Sessions tab names them ("November 2026", "Last 24 hours"). */
  sources: string[];
  /** Sessions in the table (with or without a start). */
  rows: number;
}

/** Usage vs sessions: the Usage tab's last load (this account) against the loaded sessions. */
export interface CapacityUsageView {
  usage: UsageQuery;
  comparison: UsageVsSessions;
}

/**
 * Cost of the Usage tab's last load (its range and scope: this account or all accounts) at the
 * admin's prices (settings frameAdmin.capacity.prices and frameAdmin.capacity.accounts).
 */
export interface CostView {
  usage: UsageQuery;
  estimate: CostEstimate;
  /** Instance prices set (0: the price table is empty, nothing can be costed). */
  instancePrices: number;
  /** A storage price is set. */
  storagePriced: boolean;
}

/** A chart of the Capacity tab as an image (the per-minute timeline, of `key`). */
export interface ChartImage {
  chart: 'timeline';
  key: string;
  format: 'png' | 'svg';
  data: string;
}

/** The Capacity tables Export CSV saves (src/reports/capacityCsv.ts). */
export const CAPACITY_CSV_TABLES = ['figures', 'starts', 'concurrency', 'timeline', 'hoursByDay'] as const;
export type CapacityCsvTable = (typeof CAPACITY_CSV_TABLES)[number];

/** The concurrency timeline of one key: the most sessions open per minute from `firstMinute` (report-clock ms). */
export interface CapacityTimeline {
  key: string;
  firstMinute: number;
  values: number[];
}

/** A page of sessions; `total`: rows matching the filter. */
export type RowsPage = TablePage<TableRow>;

/** Webview → host requests. */
export type ReportsRequests = {
  init: { params: null; result: InitData };
  usage: { params: UsageQuery; result: UsageResult };
  loadSessions: { params: SessionsQuery; result: SessionsResult };
  /** What this panel last loaded, still held by the host (a webview recreated after hide/show shows it again at once); null after a reload. */
  currentSessions: { params: null; result: SessionsResult | null };
  rows: { params: RowsQuery; result: RowsPage };
  /**
   * The months listed at init, their "downloaded" marks read again from disk (the webview asks
   * after a load, a cancelled one included, and after Open CSV, which may have downloaded one).
   */
  months: { params: null; result: MonthRef[] };
  /** Export CSV: the host asks where to save the usage records of the query, saves them and offers to open the file (a cancelled dialog does nothing). */
  exportUsage: { params: UsageQuery; result: null };
  /** Opens a monthly report (yyyy-MM) or the recent sessions CSV in an editor tab. */
  openCsv: { params: { month: string } | { recent: true }; result: null };
  /** Cancels the running usage or sessions load. */
  cancel: { params: { what: 'usage' | 'sessions' | 'people' }; result: null };
  /** Saves the webview's UI state in the panel (for the serializer). */
  saveState: { params: ReportsUiState; result: null };
  /** Every field of one session: the row at `offset` of the table as sorted and filtered. */
  sessionDetails: { params: { offset: number; sort: TableSort; filter: string; drill?: CapacityDrill | null }; result: SessionDetailsView };
  /** Export Sessions as Parquet: the host asks for a folder and writes the loaded months there (null: nothing written). */
  exportParquet: { params: null; result: { folder: string; files: number } | null };
  /** The Capacity figures of the loaded sessions (null: nothing loaded yet). */
  capacity: { params: null; result: CapacityView | null };
  /** The per-minute concurrency of one key of the loaded sessions. */
  capacityTimeline: { params: { key: string }; result: CapacityTimeline };
  /** Sessions of `key` that would have waited with at most `max` instances. */
  capacityWaited: { params: { key: string; max: number }; result: { key: string; max: number; waited: number } };
  /** Usage hours (the Usage tab's last load of this account) against session hours; null without both. */
  capacityUsage: { params: null; result: CapacityUsageView | null };
  /** Export CSV of a Capacity table (of `key` for the per-key ones): the host asks where to save it (a cancelled dialog does nothing). */
  exportCapacity: { params: { table: CapacityCsvTable; key: string }; result: null };
  /** The cost of the Usage tab's last load at the admin's prices (null: no usage loaded yet). */
  capacityCost: { params: null; result: CostView | null };
  /** Export CSV of the cost (accounts, organizations, customers, total, unpriced hours, forecast). */
  exportCost: { params: null; result: null };
  /** Edit Prices: opens the price settings in the Settings editor. */
  editPrices: { params: null; result: null };
  /** Copy as DuckDB SQL: the host puts the SQL of a figure (of `key`) on the clipboard and answers it. */
  copySql: { params: { figure: SqlFigure; key: string }; result: { sql: string } };
  /**
   * Save as PNG / SVG of a chart: `data` is a `data:image/png;base64,…` URL (the canvas's
   * toDataURL) or the SVG text; the host checks it, asks where to save it (a cancelled dialog does nothing).
   */
  saveChart: { params: ChartImage; result: null };
  /** One experience breakdown of the loaded sessions (null: nothing loaded yet). */
  experience: { params: { dimension: ExperienceDimension }; result: ExperienceView | null };
  /** Team members (this account, or every account of the connection) joined with the loaded sessions; `refresh` reads the members again. */
  people: { params: { scope: 'account' | 'all'; refresh: boolean; seat?: SeatStatus | 'all' }; result: PeopleView | null };
  /** Session hours in the quiet hours of the settings, per account of the loaded sessions (null: nothing loaded). */
  offHours: { params: null; result: OffHoursView | null };
  /** Copies e-mail addresses (one a line) to the clipboard: the ones given, or every member of a People tab's filter. */
  copyEmails: { params: { emails: string[] } | { scope: 'account' | 'all'; seat: SeatStatus | 'all' }; result: { copied: number } };
  /** Export CSV of an Experience or People table (the host asks where to save it; a cancelled dialog does nothing). */
  exportInsights: {
    params: { table: InsightCsvTable; dimension?: ExperienceDimension; scope?: 'account' | 'all'; seat?: SeatStatus | 'all' };
    result: null;
  };
};

/** One session's fields as the report has them, all as text (rendered as text). */
export interface SessionDetailsView {
  /** `value` as in the report; `label` and `shown` for people (units, "48 min"; core/reports/sessionFields.ts). */
  fields: { column: string; value: string; label: string; shown: string }[];
  /** Columns the report has beyond the documented 25. */
  extra: { column: string; value: string }[];
}

/** Host → webview notifications. */
export type ReportsHostNotifications = {
  progress: { what: 'usage' | 'sessions' | 'people'; message: string; /** 0..1 when known */ fraction?: number };
  /** A command asked for this tab of an open panel ("Frame: Show Capacity…"). */
  showTab: { tab: ReportsUiState['tab'] };
  /** The price or account settings changed: the cost is computed again when asked. */
  pricesChanged: { at: number };
};
