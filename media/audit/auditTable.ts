/**
 * The audit-trail table: the sessions table's approach (fixed-height rows, only the visible ones in
 * the DOM, pages of rows fetched from the host and cached, sort on the host with answers to older
 * sorts dropped) with the columns the host found in the entries. Clicking a row selects it (its
 * JSON shows below); scrolling near the end asks for Frame's next page. Every cell is text.
 */
import type { AuditColumnInfo, AuditRow, AuditRowsPage, AuditRowsQuery, AuditSort } from '../../src/protocol/audit';
import { h, replace, setText } from '../reports/dom';
import { formatInt } from '../reports/format';

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
  private cache = new Map<number, AuditRow[]>();
  private readonly inflight = new Set<number>();
  private generation = 0;
  private total: number | undefined;
  private sort: AuditSort | null = null;
  private selected: number | undefined;
  private frame = 0;
  private fetchTimer: ReturnType<typeof setTimeout> | undefined;
  emptyText = 'No entries.';

  constructor(private readonly opts: AuditTableOptions) {
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
    this.total = undefined;
    this.scroller.scrollTop = 0;
    this.invalidate();
  }

  /** Forgets cached rows and fetches what is in view again (more entries arrived; the scroll position stays). */
  invalidate(): void {
    this.generation++;
    this.cache = new Map();
    this.inflight.clear();
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
      const active = this.sort?.key === c.key;
      cell.setAttribute('aria-sort', active ? (this.sort!.descending ? 'descending' : 'ascending') : 'none');
      cell.classList.toggle('sorted', active);
      setText(cell.querySelector('.vt-sort-indicator')!, active ? (this.sort!.descending ? '▼' : '▲') : '');
    });
  }

  private schedule(): void {
    if (!this.frame)
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
  }

  private viewport(): { start: number; count: number; offset: number; last: number } {
    const total = this.total ?? 0;
    const vh = Math.max(ROW_HEIGHT, this.scroller.clientHeight - HEADER_HEIGHT);
    const first = this.scroller.scrollTop / ROW_HEIGHT;
    const start = Math.max(0, Math.floor(first) - OVERSCAN);
    const count = Math.max(0, Math.min(total - start, Math.ceil(vh / ROW_HEIGHT) + 1 + 2 * OVERSCAN));
    return { start, count, offset: start * ROW_HEIGHT, last: Math.floor(first + vh / ROW_HEIGHT) };
  }

  private render(): void {
    const total = this.total ?? 0;
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
    this.emptyEl.hidden = this.total !== 0;
    if (this.total === 0) setText(this.emptyEl, this.emptyText);
    if (this.total !== undefined && this.total > 0 && last >= this.total - NEAR_END) this.opts.onNearEnd();
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
    const page = Math.floor(index / PAGE_SIZE);
    const row = this.cache.get(page)?.[index - page * PAGE_SIZE];
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

  private scheduleFetch(): void {
    if (this.fetchTimer !== undefined) clearTimeout(this.fetchTimer);
    this.fetchTimer = setTimeout(() => {
      this.fetchTimer = undefined;
      this.fetchNow();
    }, 40);
  }

  private fetchNow(): void {
    const { start, count } = this.viewport();
    const firstPage = Math.floor(start / PAGE_SIZE);
    const lastPage = this.total === undefined ? firstPage : Math.floor(Math.max(start, start + count - 1) / PAGE_SIZE);
    for (let p = firstPage; p <= lastPage; p++) if (!this.cache.has(p) && !this.inflight.has(p)) void this.fetchPage(p);
  }

  private async fetchPage(page: number): Promise<void> {
    const gen = this.generation;
    this.inflight.add(page);
    try {
      const result = await this.opts.fetch({ offset: page * PAGE_SIZE, limit: PAGE_SIZE, sort: this.sort });
      if (gen !== this.generation) return;
      this.cache.set(page, result.rows);
      while (this.cache.size > MAX_PAGES) this.cache.delete(this.cache.keys().next().value!);
      if (this.total !== result.total) {
        this.total = result.total;
        this.element.setAttribute('aria-rowcount', String(result.total + 1));
        this.opts.onTotal(result.total);
      }
      this.element.setAttribute('aria-busy', 'false');
      this.render();
    } catch (e) {
      if (gen !== this.generation) return;
      this.opts.onError(e, () => {
        this.opts.onError(undefined, () => undefined);
        this.fetchNow();
      });
    } finally {
      if (gen === this.generation) this.inflight.delete(page);
    }
  }

  describeTotal(): string {
    return this.total === undefined ? '' : formatInt(this.total);
  }
}
