/**
 * The Sessions tab's table card: the loaded sessions in the kit's virtualized table (sorted and
 * filtered on the host), the filter, the count, and every field of a clicked session below.
 */
import * as l10n from '@vscode/l10n';
import { TABLE_COLUMNS, type CapacityDrill, type TableColumn, type TableRow, type TableSort } from '../../src/protocol/reports';
import type { ColumnSort } from '../../src/protocol/table';
import { toRpcError } from '../../src/protocol/rpc';
import type { ColumnWidth } from '../shared/columnLayout';
import { textField } from '../shared/controls';
import { debounce } from '../shared/debounce';
import { h, replace, setText } from '../shared/dom';
import { DASH, formatDateTime, formatDuration, formatInt, formatNumber } from '../shared/format';
import type { ReportsRpc, ReportsStore } from './context';
import { VirtualTable, type ColumnSpec } from '../shared/virtualTable';
import { button, errorBanner, linkButton } from '../shared/widgets';
import { drillSentence } from './capacitySections';

const text = (v: string | number | null) => (v as string) || DASH;
const FORMAT: Record<TableColumn, (v: string | number | null) => string> = {
  start: (v) => formatDateTime(v as number | null),
  user: text,
  application: text,
  duration: (v) => formatDuration(v as number | null),
  country: text,
  city: text,
  latency: (v) => formatNumber(v as number | null, 0),
  bandwidth: (v) => formatNumber(v as number | null, 2),
  framerate: (v) => formatNumber(v as number | null, 1),
  state: text,
};

/**
 * Numbers and dates as wide as their widest usual value (in the page's locale); text columns share
 * the rest, from small minimums so that the table fits a panel beside the side bar (a long value
 * ends in an ellipsis, whole in the cell's tooltip; a wider panel widens them, and a user drags a
 * header's edge to widen one).
 */
const WIDTH: Record<TableColumn, ColumnWidth> = {
  start: { sample: () => formatDateTime(Date.UTC(2026, 11, 28, 22, 58)) },
  user: { min: 72, grow: 2 },
  application: { min: 64, grow: 1.4 },
  duration: { sample: () => formatDuration(47 * 3600 + 59 * 60) },
  country: { sample: () => 'WW' },
  city: { min: 40, grow: 1 },
  latency: { sample: () => formatNumber(8888, 0) },
  bandwidth: { sample: () => formatNumber(888.88, 2) },
  framerate: { sample: () => formatNumber(188.8, 1) },
  state: { min: 40, grow: 0.6 },
};

/** The columns' titles on screen (TABLE_COLUMNS' own titles are the English ones, as in the CSV). */
const TITLE: Record<TableColumn, string> = {
  start: l10n.t('Start (report clock)'),
  user: l10n.t('User'),
  application: l10n.t('Application'),
  duration: l10n.t('Duration'),
  country: l10n.t('Country'),
  city: l10n.t('City'),
  latency: l10n.t('Latency (ms)'),
  bandwidth: l10n.t('Bandwidth (Mbps)'),
  framerate: l10n.t('Frame rate (fps)'),
  state: l10n.t('State'),
};

export const SESSION_COLUMNS: ColumnSpec<TableRow>[] = TABLE_COLUMNS.map((c, k) => ({
  key: c.id,
  title: TITLE[c.id] ?? c.title,
  numeric: c.numeric,
  // Start and User stay in view while a right-hand column is read (or sorted by).
  sticky: c.id === 'start' || c.id === 'user',
  width: WIDTH[c.id],
  text: (row) => FORMAT[c.id](row[k] ?? null),
}));

const toColumnSort = (s: TableSort): ColumnSort => ({ key: s.column, descending: s.descending });
const toTableSort = (s: ColumnSort | null): TableSort =>
  s ? { column: s.key as TableColumn, descending: s.descending } : { column: 'start', descending: true };

export class SessionsTableCard {
  readonly element: HTMLElement;
  /** Every field of the session clicked in the table (read again from its report by the host). */
  readonly details = h('div', { class: 'session-details-slot', 'aria-live': 'polite' });
  private readonly banner = h('div', { class: 'banner-slot' });
  /** Says which Capacity minute or cell the table is narrowed to, with a way back to all sessions. */
  private readonly drillNote = h('div', { class: 'drill-note', 'data-testid': 'sessions-drill', role: 'status' });
  private readonly count = h('span', { class: 'table-count', 'data-testid': 'sessions-count', 'aria-live': 'polite' });
  private readonly table: VirtualTable<TableRow>;
  private sessions = 0;

  constructor(
    private readonly rpc: ReportsRpc,
    private readonly store: ReportsStore,
  ) {
    this.table = new VirtualTable<TableRow>({
      label: l10n.t('Sessions'),
      testId: 'sessions-table',
      rowTestId: 'session-row',
      sortTestId: (key) => `sort-${key}`,
      sortTitle: (title) => l10n.t('Sort by {0}', title),
      rowTitle: l10n.t('Click for every field of this session'),
      fetch: (offset, limit, sort) =>
        this.rpc.request('rows', {
          offset,
          limit,
          sort: toTableSort(sort),
          filter: this.store.state.filter,
          drill: this.store.state.drill ?? null,
        }),
      onSortChange: (sort) => this.store.update((s) => (s.sort = toTableSort(sort))),
      onTotal: () => this.updateCount(),
      onError: (e, retry) => replace(this.banner, e === undefined ? null : errorBanner('rows', toRpcError(e), retry)),
      emptyText: () => {
        const filter = this.store.state.filter.trim();
        if (this.store.state.drill)
          return filter ? l10n.t('No sessions of this drill-down match “{0}”.', filter) : l10n.t('No sessions in this drill-down.');
        return filter ? l10n.t('No sessions match “{0}”.', filter) : l10n.t('No sessions.');
      },
      onOpen: (index) => void this.showDetails(index),
      // Widths dragged (or set with Shift+Left/Right) stay with the panel's UI state.
      columnWidths: {
        get: () => ({ ...this.store.state.sessionColumnWidths }) as Record<string, number>,
        set: (widths) => this.store.update((s) => (s.sessionColumnWidths = widths)),
      },
    });
    const filter = textField(
      l10n.t('Filter by user, application, country or city'),
      this.store.state.filter,
      (v) => this.applyFilter(v),
      'sessions-filter',
      l10n.t('Filter sessions'),
    );
    filter.classList.add('table-filter');
    this.element = h(
      'section',
      { class: 'card table-card' },
      h('div', { class: 'table-toolbar' }, h('h3', {}, l10n.t('Sessions')), filter, this.count),
      this.drillNote,
      this.banner,
      this.table.element,
    );
  }

  /** A new result of `sessions` rows: the table starts over in the saved sort and filter. */
  show(sessions: number): void {
    this.sessions = sessions;
    this.table.setColumns(SESSION_COLUMNS, toColumnSort(this.store.state.sort));
    this.renderDrill();
    this.updateCount();
  }

  /** Narrows the table to the sessions behind a Capacity minute or cell (null: all sessions again). */
  drillTo(drill: CapacityDrill | null): void {
    this.store.update((s) => (s.drill = drill));
    replace(this.details);
    this.renderDrill();
    this.table.reset(toColumnSort(this.store.state.sort));
    this.updateCount();
  }

  private renderDrill(): void {
    const drill = this.store.state.drill;
    this.drillNote.hidden = !drill;
    if (!drill) return replace(this.drillNote);
    replace(
      this.drillNote,
      h('span', {}, `${drillSentence(drill)} `),
      linkButton(l10n.t('Show All Sessions'), () => this.drillTo(null), 'sessions-drill-clear', l10n.t('Show all loaded sessions again')),
    );
  }

  private readonly applyFilter = debounce((v: string) => {
    this.store.update((s) => (s.filter = v));
    this.table.reset(toColumnSort(this.store.state.sort));
    this.updateCount();
  }, 250);

  private updateCount(): void {
    const shown = this.table.describeTotal();
    if (!shown) setText(this.count, '');
    else if (this.store.state.filter.trim() || this.store.state.drill)
      setText(
        this.count,
        this.sessions === 1 ? l10n.t('{0} of 1 session', shown) : l10n.t('{0} of {1} sessions', shown, formatInt(this.sessions)),
      );
    else setText(this.count, this.sessions === 1 ? l10n.t('1 session') : l10n.t('{0} sessions', formatInt(this.sessions)));
  }

  /** Shows all fields of the row at `index` (in the table's current sort and filter), as text. */
  private async showDetails(index: number): Promise<void> {
    const { sort, filter, drill } = this.store.state;
    try {
      const d = await this.rpc.request('sessionDetails', { offset: index, sort, filter, drill: drill ?? null });
      // A label and a readable value (with its unit); the report's column name and raw value beside.
      const rows = [...d.fields.map((f) => ({ ...f })), ...d.extra.map((f) => ({ ...f, label: f.column, shown: f.value }))].map((f) =>
        h(
          'div',
          { class: 'detail-row' },
          h('dt', { title: f.column }, f.label, f.label !== f.column ? h('span', { class: 'detail-column' }, f.column) : null),
          h('dd', f.shown !== f.value && f.value ? { title: l10n.t('As in the report: {0}', f.value) } : {}, f.shown || '—'),
        ),
      );
      const close = button(l10n.t('Close'), () => replace(this.details), { secondary: true, testId: 'session-details-close' });
      replace(
        this.details,
        h(
          'section',
          { class: 'card session-details', 'data-testid': 'session-details', 'aria-label': l10n.t('Session details') },
          h('div', { class: 'table-toolbar' }, h('h3', {}, l10n.t('Session details')), h('span', { class: 'toolbar-spacer' }), close),
          h('dl', { class: 'detail-list' }, ...rows),
        ),
      );
      this.details.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      replace(
        this.details,
        errorBanner('session-details', toRpcError(e), () => void this.showDetails(index)),
      );
    }
  }
}
