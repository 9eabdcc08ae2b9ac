/**
 * The audit-trail panel's logic: pages a customer's or organization's audit trail from Frame as
 * the API pages it (offset/limit; `search` and `kind` filters, the only ones documented), keeps
 * the entries loaded so far (capped), finds the columns that are clearly there in the first page,
 * and answers the webview with pages of cells as text, sorted over what is loaded (newest first
 * by default). Free of `vscode`: tested in bare Node against the simulator; auditPanel.ts is the
 * thin VS Code adapter.
 */
import * as l10n from '@vscode/l10n';
import {
  Pager,
  auditCell,
  auditColumns,
  auditCsv,
  auditTime,
  isIdKey,
  jsonText,
  type AuditColumn,
  type FrameAdminClient,
} from '../core/api';
import { logLine } from '../core/logLine';
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
  /**
   * The names the tenant tree knows, by id (organizations, accounts): id columns show them, with
   * the id as the cell's tooltip. Read once, on the first rows asked for; a failure shows ids.
   */
  names?: () => Promise<ReadonlyMap<string, string>>;
}

export class AuditController {
  readonly handlers: RequestHandlers<AuditRequests>;
  private entries: Record<string, unknown>[] = [];
  private columns: AuditColumn[] = [];
  private query: AuditFilters = { search: '', kind: '' };
  /** The list being read (undefined before the first load): knows where the next page starts and what was seen. */
  private paging: Pager<Record<string, unknown>> | undefined;
  private noted = 0;
  private generation = 0;
  private running = new Set<AbortController>();
  private order: { key: string; sort: string; loaded: number; index: number[] } | undefined;
  private uiState: AuditUiState | undefined;
  private names: Promise<ReadonlyMap<string, string>> | undefined;

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
        const pager = this.pager(query);
        const entries = await pager.take(Math.min(pageSize, maxEntries));
        if (generation !== this.generation) return this.result(maxEntries);
        this.query = query;
        this.paging = pager;
        this.entries = entries;
        this.columns = auditColumns(this.entries);
        this.order = undefined;
        deps.log(
          logLine`Audit trail of ${deps.scope.kind} "${deps.scope.name}": ${this.entries.length} entries (search "${query.search}", kind "${query.kind}").`,
        );
        this.logNotes(pager);
        return this.result(maxEntries);
      },
      more: async () => {
        const pager = this.paging;
        if (!pager?.more || this.entries.length >= maxEntries) return this.result(maxEntries);
        const generation = this.generation;
        const page = await pager.take(Math.min(pageSize, maxEntries - this.entries.length));
        if (generation !== this.generation) return this.result(maxEntries);
        for (const entry of page) this.entries.push(entry);
        this.logNotes(pager);
        return this.result(maxEntries);
      },
      rows: async (params) => {
        const q = checkRowsQuery(params, new Set(this.columns.map((c) => c.key)));
        const index = this.sorted(q.sort);
        const names = await this.knownNames();
        const rows = index.slice(q.offset, q.offset + q.limit).map((n) => this.row(n, names));
        return { total: index.length, offset: q.offset, rows };
      },
      entry: async (params) => ({ json: jsonText(this.entries[checkEntry(params, this.entries.length)]) }),
      openEntry: async (params) => {
        const n = checkEntry(params, this.entries.length);
        await deps.editor.show(l10n.t('Audit entry {0} of {1}', n + 1, deps.scope.name), jsonText(this.entries[n]) + '\n', 'json');
        return null;
      },
      exportCsv: async () => {
        const index = this.sorted(this.uiState?.sort ?? this.defaultSort());
        await deps.editor.show(
          l10n.t('Audit trail {0}', deps.scope.name),
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

  /** The names by id, read once (none without a source, or when it fails). */
  private knownNames(): Promise<ReadonlyMap<string, string>> {
    this.names ??= (this.deps.names?.() ?? Promise.resolve(new Map<string, string>())).catch(() => new Map<string, string>());
    return this.names;
  }

  /** An entry's cells; an id the tree knows shows as its name, the id in `tips`. */
  private row(n: number, names: ReadonlyMap<string, string>): { n: number; cells: string[]; tips?: (string | null)[] } {
    const cells = this.columns.map((c) => auditCell(this.entries[n]!, c));
    let tips: (string | null)[] | undefined;
    this.columns.forEach((c, k) => {
      const name = isIdKey(c.key) ? names.get(cells[k]!) : undefined;
      if (name === undefined) return;
      tips ??= cells.map(() => null);
      tips[k] = l10n.t('{0}: {1}', c.title, cells[k]!);
      cells[k] = name;
    });
    return tips ? { n, cells, tips } : { n, cells };
  }

  private result(maxEntries: number): AuditLoadResult {
    return {
      query: this.query,
      // An id column shows names where they are known: "Account ID" becomes "Account".
      columns: this.columns.map(({ key, title, time }) => ({
        key,
        title: this.deps.names && isIdKey(key) ? title.replace(/ ID$/, '') : title,
        time,
      })),
      loaded: this.entries.length,
      hasMore: this.more && this.entries.length < maxEntries,
      capped: this.more && this.entries.length >= maxEntries,
    };
  }

  private get more(): boolean {
    return this.paging?.more ?? false;
  }

  /**
   * The audit trail as a walk of pages: a short page is not its end (a server may serve fewer
   * than asked), an entry seen before (same JSON) is dropped and a page of nothing new ends it.
   */
  private pager(query: AuditFilters): Pager<Record<string, unknown>> {
    this.noted = 0;
    return new Pager(
      async (offset, limit) => {
        const admin = await this.deps.admin();
        return this.abortable((signal) => admin.listAuditTrail(this.deps.scope, query, { offset, limit, signal }));
      },
      (entry) => entry,
      (entry) => jsonText(entry),
    );
  }

  private async abortable<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ctrl = new AbortController();
    this.running.add(ctrl);
    try {
      return await run(ctrl.signal);
    } finally {
      this.running.delete(ctrl);
    }
  }

  /** What the server did wrong while paging (cut or repeated pages), logged once each. */
  private logNotes(pager: Pager<Record<string, unknown>>): void {
    for (const note of pager.notes.slice(this.noted))
      this.deps.log(logLine`Audit trail of ${this.deps.scope.kind} "${this.deps.scope.name}": ${note}`);
    this.noted = pager.notes.length;
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
