/**
 * The audit-trail panel's logic: pages a customer's or organization's audit trail from Frame as
 * the API pages it (offset/limit; `search` and `kind` filters, the only ones documented), keeps
 * the entries loaded so far (capped), finds the columns that are clearly there in the first page,
 * and answers the webview with pages of cells as text, sorted over what is loaded (newest first
 * by default). Free of `vscode`: tested in bare Node against the simulator; auditPanel.ts is the
 * thin VS Code adapter.
 */
import { auditCell, auditColumns, auditCsv, auditTime, jsonText, type AuditColumn, type FrameAdminClient } from '../core/api';
import type { Connection } from '../connections/connection';
import type { AuditFilters, AuditInit, AuditLoadResult, AuditRequests, AuditScopeRef, AuditSort, AuditUiState } from '../protocol/audit';
import { checkEntry, checkFilters, checkRowsQuery, checkUiState } from './auditRequests';
import type { RequestHandlers } from '../protocol/rpc';

export interface AuditEditor {
  /** A read-only tab with text (an entry's JSON, the CSV export). */
  show(name: string, text: string, extension: 'json' | 'csv'): Promise<unknown>;
}

export interface AuditControllerDeps {
  connection: Connection;
  scope: AuditScopeRef;
  admin: () => Promise<FrameAdminClient>;
  editor: AuditEditor;
  log: (line: string) => void;
  ui?: AuditUiState;
  /** Entries per request to Frame (default 100, the largest page the API serves). */
  pageSize?: number;
  /** Entries kept in memory (default 10,000). */
  maxEntries?: number;
}

export class AuditController {
  readonly handlers: RequestHandlers<AuditRequests>;
  private entries: Record<string, unknown>[] = [];
  private columns: AuditColumn[] = [];
  private query: AuditFilters = { search: '', kind: '' };
  private hasMore = false;
  private generation = 0;
  private running = new Set<AbortController>();
  private order: { key: string; sort: string; loaded: number; index: number[] } | undefined;
  private uiState: AuditUiState | undefined;

  constructor(private readonly deps: AuditControllerDeps) {
    this.uiState = deps.ui;
    const pageSize = deps.pageSize ?? 100;
    const maxEntries = deps.maxEntries ?? 10_000;
    this.handlers = {
      init: async (): Promise<AuditInit> => ({
        panel: { connectionId: deps.connection.id, scope: deps.scope },
        connectionName: deps.connection.name,
        ui: this.uiState,
      }),
      load: async (params) => {
        const query = checkFilters(params);
        const generation = ++this.generation;
        this.cancelRunning();
        const page = await this.fetch(query, 0, pageSize);
        if (generation !== this.generation) return this.result(maxEntries);
        this.query = query;
        this.entries = page.items.slice(0, maxEntries);
        this.columns = auditColumns(this.entries);
        this.hasMore = page.hasMore;
        this.order = undefined;
        deps.log(
          `Audit trail of ${deps.scope.kind} "${deps.scope.name}": ${this.entries.length} entries (search "${query.search}", kind "${query.kind}").`,
        );
        return this.result(maxEntries);
      },
      more: async () => {
        if (!this.hasMore || this.entries.length >= maxEntries) return this.result(maxEntries);
        const generation = this.generation;
        const page = await this.fetch(this.query, this.entries.length, pageSize);
        if (generation !== this.generation) return this.result(maxEntries);
        // A server that ignores offset sends the first page again: then there is no more.
        const repeated = page.items.length > 0 && this.entries.length > 0 && jsonText(page.items[0]) === jsonText(this.entries[0]);
        if (!repeated) this.entries.push(...page.items.slice(0, maxEntries - this.entries.length));
        this.hasMore = page.hasMore && !repeated;
        return this.result(maxEntries);
      },
      rows: async (params) => {
        const q = checkRowsQuery(params, new Set(this.columns.map((c) => c.key)));
        const index = this.sorted(q.sort);
        const rows = index
          .slice(q.offset, q.offset + q.limit)
          .map((n) => ({ n, cells: this.columns.map((c) => auditCell(this.entries[n]!, c)) }));
        return { total: index.length, offset: q.offset, rows };
      },
      entry: async (params) => ({ json: jsonText(this.entries[checkEntry(params, this.entries.length)]) }),
      openEntry: async (params) => {
        const n = checkEntry(params, this.entries.length);
        await deps.editor.show(`Audit entry ${n + 1} of ${deps.scope.name}`, jsonText(this.entries[n]) + '\n', 'json');
        return null;
      },
      exportCsv: async () => {
        const index = this.sorted(this.uiState?.sort ?? this.defaultSort());
        await deps.editor.show(
          `Audit trail ${deps.scope.name}`,
          auditCsv(
            this.columns,
            index.map((n) => this.entries[n]!),
          ),
          'csv',
        );
        return { rows: index.length };
      },
      cancel: async () => {
        this.cancelRunning();
        return null;
      },
      saveState: async (params) => {
        this.uiState = checkUiState(params);
        return null;
      },
    };
  }

  get ui(): AuditUiState | undefined {
    return this.uiState;
  }

  dispose(): void {
    this.cancelRunning();
  }

  private result(maxEntries: number): AuditLoadResult {
    return {
      query: this.query,
      columns: this.columns.map(({ key, title, time }) => ({ key, title, time })),
      loaded: this.entries.length,
      hasMore: this.hasMore && this.entries.length < maxEntries,
      capped: this.hasMore && this.entries.length >= maxEntries,
    };
  }

  private async fetch(query: AuditFilters, offset: number, limit: number) {
    const ctrl = new AbortController();
    this.running.add(ctrl);
    try {
      const admin = await this.deps.admin();
      return await admin.listAuditTrail(this.deps.scope, query, { offset, limit, signal: ctrl.signal });
    } finally {
      this.running.delete(ctrl);
    }
  }

  private cancelRunning(): void {
    for (const c of this.running) c.abort();
    this.running.clear();
  }

  /** Newest first when there is a time column. */
  private defaultSort(): AuditSort | null {
    const time = this.columns.find((c) => c.time);
    return time ? { key: time.key, descending: true } : null;
  }

  /** Entry numbers in sort order (cached until the sort or the loaded entries change). */
  private sorted(sort: AuditSort | null): number[] {
    const key = sort ? `${sort.key}:${sort.descending}` : '';
    if (this.order && this.order.sort === key && this.order.loaded === this.entries.length) return this.order.index;
    const index = this.entries.map((_, i) => i);
    const column = sort && this.columns.find((c) => c.key === sort.key);
    if (sort && column) {
      const times = column.time ? this.entries.map((e) => auditTime(e, [column]) ?? Number.NEGATIVE_INFINITY) : undefined;
      const texts = column.time ? undefined : this.entries.map((e) => auditCell(e, column));
      const dir = sort.descending ? -1 : 1;
      index.sort((a, b) => {
        const d = times ? times[a]! - times[b]! : texts![a]!.localeCompare(texts![b]!);
        return d !== 0 ? d * dir : a - b;
      });
    }
    this.order = { key: 'sort', sort: key, loaded: this.entries.length, index };
    return index;
  }
}
