/**
 * The audit-trail page: the filters, the table of loaded entries (paged from Frame as its API
 * pages, more as you scroll), the selected entry's JSON as received, and Export CSV. Every value
 * is text; colours come from the theme.
 */
import * as l10n from '@vscode/l10n';
import type { AuditInit, AuditLoadResult, AuditRow, AuditUiState } from '../../src/protocol/audit';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { h, replace, setText } from '../shared/dom';
import { formatInt } from '../shared/format';
import { LoadLifecycle } from '../shared/loadLifecycle';
import type { Page, PageContext } from '../shared/page';
import { VirtualTable } from '../shared/virtualTable';
import { button, errorBanner, ProgressView, setDisabled } from '../shared/widgets';
import { auditColumns } from './columns';
import type { AuditRpc, AuditStore } from './context';
import { EntryCard } from './entryCard';
import { FilterCard } from './filterCard';

/** Rows from the end at which the next page of Frame's entries is asked for. */
const NEAR_END = 40;

export class AuditPage implements Page {
  readonly elements: Node[];
  private readonly store: AuditStore;
  private readonly banner = h('div', { class: 'banner-slot' });
  private readonly tableBanner = h('div', { class: 'banner-slot' });
  private readonly count = h('span', { class: 'table-count', 'data-testid': 'audit-count', 'aria-live': 'polite' });
  private readonly moreButton = button(l10n.t('Load more'), () => void this.more(), {
    secondary: true,
    testId: 'audit-more',
    title: l10n.t('Ask Frame for the next page of entries'),
  });
  private readonly filters: FilterCard;
  private readonly entry: EntryCard;
  private readonly table: VirtualTable<AuditRow>;
  private readonly lifecycle: LoadLifecycle;
  private last: AuditLoadResult | undefined;
  private loadingMore = false;

  constructor(
    private readonly rpc: AuditRpc,
    { init, store }: PageContext<AuditInit, AuditUiState>,
  ) {
    this.store = store;
    this.filters = new FilterCard(store.state, { search: () => void this.load(), exportCsv: () => void this.exportCsv() });
    this.entry = new EntryCard(rpc);
    this.table = this.entryTable();
    const progress = new ProgressView('audit-progress', () => void rpc.request('cancel', null).catch(() => undefined));
    const body = h(
      'div',
      { class: 'audit-body' },
      h('section', { class: 'card table-card' }, this.tableBanner, this.table.element),
      this.entry.element,
    );
    this.lifecycle = new LoadLifecycle({
      what: 'audit trail',
      cancelled: l10n.t('Loading audit trail was cancelled.'),
      banner: this.banner,
      body,
      progress,
      busy: (busy) => this.filters.setState({ busy }),
    });
    this.elements = [
      header(init),
      this.filters.element,
      h('div', { class: 'audit-status' }, this.count, this.moreButton),
      progress.element,
      this.banner,
      body,
    ];
  }

  start(): void {
    void this.load();
  }

  private entryTable(): VirtualTable<AuditRow> {
    return new VirtualTable<AuditRow>({
      label: l10n.t('Audit trail'),
      testId: 'audit-table',
      rowTestId: 'audit-row',
      sortTestId: (key) => `audit-sort-${key}`,
      sortTitle: (title) => l10n.t('Sort the loaded entries by {0}', title),
      fetch: (offset, limit, sort) => this.rpc.request('rows', { offset, limit, sort }),
      onSortChange: (sort) => this.store.update((s) => (s.sort = sort)),
      onTotal: () => this.updateCount(),
      onError: (e, retry) => replace(this.tableBanner, e === undefined ? null : errorBanner('rows', toRpcError(e), retry)),
      emptyText: () =>
        this.last?.query.search || this.last?.query.kind
          ? l10n.t('No entries match these filters.')
          : l10n.t('Frame has no audit-trail entries here (for its default date range).'),
      onOpen: (_, row) => void this.select(row),
      selectionKey: (row) => row.n,
      nearEnd: { rows: NEAR_END, reached: () => void this.more(true) },
    });
  }

  private async load(): Promise<void> {
    const filters = this.filters.values();
    this.store.update((s) => Object.assign(s, filters));
    await this.lifecycle.run(
      l10n.t('Reading the audit trail from Frame…'),
      () => this.rpc.request('load', filters),
      (result) => this.show(result),
      () => void this.load(),
    );
  }

  private show(result: AuditLoadResult): void {
    this.last = result;
    this.entry.hide();
    // Newest first to start with (a saved sort survives when its column is still there).
    const saved = this.store.state.sort;
    if (!saved || !result.columns.some((c) => c.key === saved.key)) {
      const time = result.columns.find((c) => c.time);
      this.store.update((s) => (s.sort = time ? { key: time.key, descending: true } : null));
    }
    this.table.setColumns(auditColumns(result.columns), this.store.state.sort);
    this.updateCount();
  }

  private updateCount(): void {
    const last = this.last;
    if (!last) return setText(this.count, '');
    setText(this.count, loadedText(last));
    this.moreButton.hidden = !last.hasMore;
    this.filters.setState({ loaded: last.loaded });
  }

  /** The next page from Frame (at the end of the table, or Load more). */
  private async more(quiet = false): Promise<void> {
    if (!this.last?.hasMore || this.loadingMore) return;
    this.loadingMore = true;
    setDisabled(this.moreButton, true);
    try {
      this.last = await this.rpc.request('more', null);
      this.table.invalidate();
      this.updateCount();
    } catch (e) {
      if (!quiet || !isCancelledRpc(e))
        replace(
          this.tableBanner,
          errorBanner('more', toRpcError(e), () => void this.more()),
        );
    } finally {
      this.loadingMore = false;
      setDisabled(this.moreButton, false);
    }
  }

  private async select(row: AuditRow): Promise<void> {
    try {
      await this.entry.show(row.n, row.cells[0] ?? '');
    } catch (e) {
      replace(this.tableBanner, errorBanner('entry', toRpcError(e)));
    }
  }

  private async exportCsv(): Promise<void> {
    try {
      await this.rpc.request('exportCsv', null);
    } catch (e) {
      replace(this.banner, errorBanner('export', toRpcError(e)));
    }
  }
}

/** "1,200 entries loaded · all of them": how many, and whether Frame has more (whole sentences, one per case). */
function loadedText(last: AuditLoadResult): string {
  const n = formatInt(last.loaded);
  const one = last.loaded === 1;
  if (last.capped)
    return one
      ? l10n.t('1 entry loaded (the most kept here; narrow the filters for older ones)')
      : l10n.t('{0} entries loaded (the most kept here; narrow the filters for older ones)', n);
  if (last.hasMore)
    return one
      ? l10n.t('1 entry loaded · more on Frame: scroll down or Load more')
      : l10n.t('{0} entries loaded · more on Frame: scroll down or Load more', n);
  return one ? l10n.t('1 entry loaded · all of them') : l10n.t('{0} entries loaded · all of them', n);
}

function header(init: AuditInit): HTMLElement {
  const { scope } = init.panel;
  return h(
    'header',
    { class: 'page-header' },
    h('h1', { 'data-testid': 'audit-title' }, l10n.t('Audit trail: {0}', scope.name)),
    h(
      'div',
      { class: 'muted' },
      scope.kind === 'customer'
        ? l10n.t('Customer {0} · {1}', scope.id, init.connectionName)
        : l10n.t('Organization {0} · {1}', scope.id, init.connectionName),
    ),
  );
}
