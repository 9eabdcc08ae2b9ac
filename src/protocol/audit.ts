/**
 * The audit-trail webview's protocol, declared once and used by the host (src/audit/auditController.ts)
 * and the webview (media/audit.main.ts). The webview gets the columns found in the entries and
 * pages of cells as text; it never sees HTTP or credentials. Entries are paged from Frame as the
 * API pages (offset/limit); sorting is over the entries loaded so far.
 */
import type { ColumnSort, TablePage } from './table';

export const AUDIT_VIEW_TYPE = 'frameAdmin.auditTrail';

export interface AuditScopeRef {
  kind: 'customer' | 'organization';
  id: string;
  name: string;
}

/** What the panel needs after a window reload (WebviewPanelSerializer). */
export interface AuditPanelState {
  connectionId: string;
  scope: AuditScopeRef;
  ui?: AuditUiState;
}

/** `key`: a column key (AuditColumnInfo.key). */
export type AuditSort = ColumnSort;

export interface AuditUiState {
  search: string;
  kind: string;
  sort: AuditSort | null;
}

export interface AuditColumnInfo {
  key: string;
  title: string;
  time: boolean;
}

export interface AuditInit {
  /** Stored by the webview with its UI state (vscode.setState), for the serializer. */
  panel: Omit<AuditPanelState, 'ui'>;
  connectionName: string;
  ui?: AuditUiState;
}

export interface AuditFilters {
  /** Frame's `search`: user's full name, email, identity provider or the entry's kind. */
  search: string;
  /** Frame's `kind`: a wildcard match on the kind. */
  kind: string;
}

export interface AuditLoadResult {
  query: AuditFilters;
  /** The columns found in the first page. */
  columns: AuditColumnInfo[];
  /** Entries loaded so far. */
  loaded: number;
  /** Frame's last page was full: more may follow. */
  hasMore: boolean;
  /** Loading stopped at the cap (entries kept in memory). */
  capped: boolean;
}

export interface AuditRowsQuery {
  offset: number;
  limit: number;
  /** null: Frame's order. */
  sort: AuditSort | null;
}

export interface AuditRow {
  /** The entry's position in load order (for `entry`). */
  n: number;
  cells: string[];
  /** Beside `cells`: where a cell shows a name for an id, the id (the cell's tooltip); absent when none does. */
  tips?: (string | null)[];
}

export type AuditRowsPage = TablePage<AuditRow>;

/** Webview → host requests. */
export type AuditRequests = {
  init: { params: null; result: AuditInit };
  /** Loads the first page for these filters (and forgets what was loaded before). */
  load: { params: AuditFilters; result: AuditLoadResult };
  /** Loads the next page. */
  more: { params: null; result: AuditLoadResult };
  /** The loaded entries in the current sort order, a page at a time. */
  rows: { params: AuditRowsQuery; result: AuditRowsPage };
  /** One entry's JSON as received. */
  entry: { params: { n: number }; result: { json: string } };
  /** Opens one entry's JSON in a read-only editor tab. */
  openEntry: { params: { n: number }; result: null };
  /** Opens the loaded entries as CSV in a read-only editor tab. */
  exportCsv: { params: null; result: { rows: number } };
  /** Stops the page being loaded. */
  cancel: { params: null; result: null };
  saveState: { params: AuditUiState; result: null };
};

export type AuditHostNotifications = Record<never, unknown>;
