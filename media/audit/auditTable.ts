/**
 * The audit-trail table: the sessions table's approach (fixed-height rows, only the visible ones in
 * the DOM, pages of rows fetched from the host and cached, sort on the host with answers to older
 * sorts dropped) with the columns the host found in the entries. Clicking a row selects it (its
 * JSON shows below); scrolling near the end asks for Frame's next page. Every cell is text.
 */
import type { AuditColumnInfo, AuditRow, AuditRowsPage, AuditRowsQuery, AuditSort } from '../../src/protocol/audit';
import { debounce, h, markSorted, onNextFrame, replace, setText } from '../reports/dom';
import { formatInt } from '../reports/format';
import { PageCache, tableHooks } from '../reports/pageCache';

export const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 28;
const PAGE_SIZE = 200;
const MAX_PAGES = 40;
const OVERSCAN = 8;
/** Rows from the end at which the next page of Frame's entries is asked for. */
const NEAR_END = 40;

export interface AuditTableOptions {
  fetch(q: AuditRowsQuery): Promise<AuditRowsPage>;
  onSortChange(sort: AuditSort): void;
  onTotal(total: number): void;
  onError(e: unknown, retry: () => void): void;
  /** The user scrolled near the last loaded row. */
  onNearEnd(): void;
  onSelect(row: AuditRow): void;
}

interface RowView {
  el: HTMLElement;
  cells: HTMLElement[];
  index: number;
  row: AuditRow | undefined;
}

/** Column widths by what the column holds: [CSS track, minimum px]. */
function widthOf(c: AuditColumnInfo): [string, number] {
  if (c.time) return ['180px', 180];
  switch (c.title) {
    case 'Description':
      return ['minmax(260px, 2.6fr)', 260];
    case 'User':
      return ['minmax(140px, 1fr)', 140];
    case 'Email':
      return ['minmax(180px, 1fr)', 180];
    case 'Kind':
      return ['minmax(150px, 1fr)', 150];
    default:
      return ['minmax(110px, 0.8fr)', 110];
  }
}

export class AuditTable {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly head: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsEl: HTMLElement;
  private readonly emptyEl: HTMLElement;
  private columns: AuditColumnInfo[] = [];
  private template = '';
  private minWidth = 0;
  private headers: HTMLElement[] = [];
  private pool: RowView[] = [];
  private readonly pages: PageCache<AuditRow>;
  private sort: AuditSort | null = null;
  private selected: number | undefined;
  emptyText = 'No entries.';

  constructor(private readonly opts: AuditTableOptions) {
    this.pages = new PageCache<AuditRow>(
      PAGE_SIZE,
      MAX_PAGES,
      tableHooks(
        () => this.element,
        opts,
        () => this.render(),
        () => this.fetchNow(),
      ),
    );
    this.head = h('div', { role: 'rowgroup', class: 'vt-head-group' });
    this.rowsEl = h('div', { class: 'vt-rows', role: 'rowgroup' });
    this.emptyEl = h('div', { class: 'vt-empty', hidden: true, 'data-testid': 'audit-table-empty' });
    this.spacer = h('div', { class: 'vt-spacer' }, this.rowsEl, this.emptyEl);
    this.scroller = h(
      'div',
      { class: 'vt-scroller', tabindex: 0, 'aria-label': 'Audit entries: arrow keys and Page Up/Down scroll' },
      this.head,
      this.spacer,
    );
    this.element = h(
      'div',
      {
        class: 'vt audit-vt',
        role: 'grid',
        'aria-label': 'Audit trail',
        'aria-rowcount': 1,
        'aria-busy': 'true',
        'data-testid': 'audit-table',
      },
      this.scroller,
    );
    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  /** New columns (a new load): rebuilds the header and starts over. */
  setColumns(columns: AuditColumnInfo[], sort: AuditSort | null): void {
    this.columns = columns;
    const widths = columns.map(widthOf);
    this.template = widths.map(([track]) => track).join(' ');
    this.minWidth = widths.reduce((sum, [, min]) => sum + min, 0);
    const header = h('div', { class: 'vt-row vt-header', role: 'row', 'aria-rowindex': 1 });
    this.headers = columns.map((c) => {
      const btn = h(
        'button',
        { type: 'button', class: 'vt-sort', 'data-testid': `audit-sort-${c.key}`, title: `Sort the loaded entries by ${c.title}` },
        h('span', { class: 'vt-sort-label' }, c.title),
        h('span', { class: 'vt-sort-indicator', 'aria-hidden': 'true' }),
      );
      btn.addEventListener('click', () => this.toggleSort(c));
      const cell = h('div', { class: 'vt-cell', role: 'columnheader' }, btn);
      header.append(cell);
      return cell;
    });
    this.style(header);
    replace(this.head, header);
    this.element.setAttribute('aria-colcount', String(columns.length));
    for (const v of this.pool) v.el.remove();
    this.pool = [];
    this.selected = undefined;
    this.reset(sort);
  }

  /** Starts over with a sort (a new load, or a new sort). */
  reset(sort: AuditSort | null): void {
    this.sort = sort;
    this.pages.reset();
    this.scroller.scrollTop = 0;
    this.invalidate();
  }

  /** Forgets cached rows and fetches what is in view again (more entries arrived; the scroll position stays). */
  invalidate(): void {
    this.pages.reset(true);
    for (const v of this.pool) v.index = -1;
    this.element.setAttribute('aria-busy', 'true');
    this.updateHeaders();
    this.opts.onError(undefined, () => undefined);
    this.schedule();
    this.fetchNow();
  }

  private style(row: HTMLElement): void {
    row.style.gridTemplateColumns = this.template;
    row.style.minWidth = `${this.minWidth}px`;
  }

  private toggleSort(c: AuditColumnInfo): void {
    const sort: AuditSort =
      this.sort?.key === c.key ? { key: c.key, descending: !this.sort.descending } : { key: c.key, descending: c.time };
    this.opts.onSortChange(sort);
    this.reset(sort);
  }

  private updateHeaders(): void {
    this.columns.forEach((c, i) => {
      const cell = this.headers[i];
      if (!cell) return;
      markSorted(cell, this.sort?.key === c.key ? this.sort.descending : undefined);
    });
  }

  private readonly schedule = onNextFrame(() => this.render());

  private viewport(): { start: number; count: number; offset: number; last: number } {
    const total = this.pages.total ?? 0;
    const vh = Math.max(ROW_HEIGHT, this.scroller.clientHeight - HEADER_HEIGHT);
    const first = this.scroller.scrollTop / ROW_HEIGHT;
    const start = Math.max(0, Math.floor(first) - OVERSCAN);
    const count = Math.max(0, Math.min(total - start, Math.ceil(vh / ROW_HEIGHT) + 1 + 2 * OVERSCAN));
    return { start, count, offset: start * ROW_HEIGHT, last: Math.floor(first + vh / ROW_HEIGHT) };
  }

  private render(): void {
    const total = this.pages.total ?? 0;
    this.spacer.style.height = `${total * ROW_HEIGHT}px`;
    this.spacer.style.minWidth = `${this.minWidth}px`;
    const { start, count, offset, last } = this.viewport();
    this.rowsEl.style.transform = `translateY(${offset}px)`;
    while (this.pool.length < count) this.pool.push(this.createRow());
    this.pool.forEach((view, j) => {
      if (j >= count) {
        view.el.hidden = true;
        return;
      }
      view.el.hidden = false;
      this.fill(view, start + j);
    });
    this.emptyEl.hidden = this.pages.total !== 0;
    if (this.pages.total === 0) setText(this.emptyEl, this.emptyText);
    if (this.pages.total !== undefined && this.pages.total > 0 && last >= this.pages.total - NEAR_END) this.opts.onNearEnd();
    this.scheduleFetch();
  }

  private createRow(): RowView {
    const cells = this.columns.map(() => h('div', { class: 'vt-cell', role: 'gridcell' }));
    const el = h('div', { class: 'vt-row audit-row', role: 'row', 'data-testid': 'audit-row' }, ...cells);
    this.style(el);
    const view: RowView = { el, cells, index: -1, row: undefined };
    el.addEventListener('click', () => {
      if (!view.row) return;
      this.selected = view.row.n;
      for (const v of this.pool) v.el.classList.toggle('selected', v.row?.n === this.selected);
      this.opts.onSelect(view.row);
    });
    this.rowsEl.append(el);
    return view;
  }

  private fill(view: RowView, index: number): void {
    const row = this.pages.row(index);
    if (view.index === index && view.row === row) return;
    view.index = index;
    view.row = row;
    view.el.setAttribute('aria-rowindex', String(index + 2));
    view.el.classList.toggle('odd', index % 2 === 1);
    view.el.classList.toggle('loading', !row);
    view.el.classList.toggle('selected', !!row && row.n === this.selected);
    view.cells.forEach((cell, k) => {
      const text = row?.cells[k] ?? '';
      setText(cell, text);
      cell.title = text;
    });
  }

  /** Fetches after scrolling settles for a moment, so dragging the thumb does not flood the host. */
  private readonly scheduleFetch = debounce(() => this.fetchNow(), 40);

  private fetchNow(): void {
    const { start, count } = this.viewport();
    this.pages.want(start, count, (offset, limit) => this.opts.fetch({ offset, limit, sort: this.sort }));
  }

  describeTotal(): string {
    return this.pages.total === undefined ? '' : formatInt(this.pages.total);
  }
}
