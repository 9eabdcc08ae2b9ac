/**
 * The one virtualized table of the webviews: fixed-height rows, only the visible ones (plus a few)
 * in the DOM, fetched from the host a page at a time and cached per page (PageCache), so 300,000
 * rows cost the webview a few hundred kilobytes. Sorting runs on the host; a new sort (or query)
 * starts a new "generation" and answers to older ones are dropped. Columns are described by the
 * panel (ColumnSpec: title, text of a row, width); a panel too narrow for all of them scrolls
 * sideways (mouse, or arrow keys on the focused table). A column is resized by dragging its
 * header's right edge (double-click: its default width) or with Shift+Left/Right on its header
 * (columnWidths keeps the widths chosen). Every cell is text.
 */
import * as l10n from '@vscode/l10n';
import type { ColumnSort, TablePage } from '../../src/protocol/table';
import { debounce } from './debounce';
import { h, markSorted, measureInPage, onNextFrame, replace, setText } from './dom';
import { formatInt } from './format';
import { clampColumnWidth, columnLayout, splitTitle, type ColumnWidth } from './columnLayout';
import { PageCache, tableHooks } from './pageCache';
import './virtualTable.css';

const ROW_HEIGHT = 24;
/** The header row (two lines: a column's name, and under it its unit); see .vt-header in virtualTable.css. */
const HEADER_HEIGHT = 40;
const PAGE_SIZE = 200;
/** Pages kept (about 8,000 rows): enough to scroll back and forth without refetching. */
const MAX_PAGES = 40;
/** What Shift+Left/Right on a header changes its column's width by. */
const RESIZE_STEP = 16;
/** Rows rendered above and below the viewport, so fast scrolling does not show blank edges. */
const OVERSCAN = 8;
/** Browsers cap element heights (Chrome at ~33 M px); beyond this the scroll position is scaled. */
const MAX_SCROLL_HEIGHT = 8_000_000;

export interface ColumnSpec<Row> {
  key: string;
  /** "Latency (ms)" shows as "Latency" over "(ms)". */
  title: string;
  /** Right-aligned, no tooltip, largest first when first sorted. */
  numeric?: boolean;
  /** Sorted descending when first clicked (default: numeric columns). */
  descendingFirst?: boolean;
  width: ColumnWidth;
  text(row: Row): string;
  /**
   * Stays in view at the left while the table scrolls sideways (Start and User of the Sessions
   * table). Only for leading columns: every column before it must be sticky and of fixed width.
   */
  sticky?: boolean;
  /** The cell's tooltip when it is not its text (a name shown for an id: the id). */
  tooltip?(row: Row): string | undefined;
}

export interface VirtualTableOptions<Row> {
  /** What the table is called (ARIA label) and its test ids: `<testId>`, `<testId>-empty`. */
  label: string;
  testId: string;
  rowTestId: string;
  /** The test id of a column's sort button. */
  sortTestId(key: string): string;
  sortTitle(title: string): string;
  /** A row's tooltip (what clicking it does). */
  rowTitle?: string;
  fetch(offset: number, limit: number, sort: ColumnSort | null): Promise<TablePage<Row>>;
  onSortChange(sort: ColumnSort): void;
  /** Rows matching the query, once known. */
  onTotal(total: number): void;
  /** An error while fetching rows (undefined: cleared). */
  onError(e: unknown, retry: () => void): void;
  /** What an empty result says. */
  emptyText(): string;
  /** A row was clicked (or Enter pressed on it): its position in the current sort, and the row. */
  onOpen?(index: number, row: Row): void;
  /** With it, the opened row stays marked as selected (by this key) until the next setColumns. */
  selectionKey?(row: Row): string | number;
  /** The user scrolled to within `nearEnd.rows` of the last row (e.g. to ask for more). */
  nearEnd?: { rows: number; reached(): void };
  /** Column widths the user chose (by key), read when columns are set and told when they change (e.g. kept in the panel's UI state). */
  columnWidths?: { get(): Record<string, number>; set(widths: Record<string, number>): void };
}

interface RowView<Row> {
  el: HTMLElement;
  cells: HTMLElement[];
  index: number;
  row: Row | undefined;
}

export class VirtualTable<Row> {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly head = h('div', { role: 'rowgroup', class: 'vt-head-group' });
  private readonly rowsEl = h('div', { class: 'vt-rows', role: 'rowgroup' });
  private readonly emptyEl: HTMLElement;
  private readonly spacer: HTMLElement;
  private columns: readonly ColumnSpec<Row>[] = [];
  private headers: HTMLElement[] = [];
  /** Each column's `left` when it sticks (ColumnSpec.sticky), else undefined. */
  private stickyLeft: (string | undefined)[] = [];
  private pool: RowView<Row>[] = [];
  private readonly pages: PageCache<Row>;
  private sort: ColumnSort | null = null;
  private selected: string | number | undefined;
  /** Widths the user chose, by column key. */
  private widths: Record<string, number> = {};

  constructor(private readonly opts: VirtualTableOptions<Row>) {
    this.pages = new PageCache<Row>(
      PAGE_SIZE,
      MAX_PAGES,
      tableHooks(
        () => this.element,
        opts,
        () => this.render(),
        () => this.fetchNow(),
      ),
    );
    this.emptyEl = h('div', { class: 'vt-empty', hidden: true, 'data-testid': `${opts.testId}-empty` });
    this.spacer = h('div', { class: 'vt-spacer' }, this.rowsEl, this.emptyEl);
    this.scroller = h(
      'div',
      {
        class: 'vt-scroller',
        tabindex: 0,
        'aria-label': l10n.t('{0}: arrow keys and Page Up/Down scroll, Left and Right scroll sideways', opts.label),
      },
      this.head,
      this.spacer,
    );
    this.element = h(
      'div',
      { class: 'vt', role: 'grid', 'aria-label': opts.label, 'aria-rowcount': 1, 'aria-busy': 'true', 'data-testid': opts.testId },
      this.scroller,
    );
    // A sort button reached with Tab is scrolled into view sideways (the browser does not do it
    // for the sticky header by itself).
    this.head.addEventListener('focusin', (e) => this.revealCell((e.target as HTMLElement).closest<HTMLElement>('.vt-cell')));
    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  /** New columns (the first, or a new load with other columns): rebuilds the header and the rows, then starts over with `sort`. */
  setColumns(columns: readonly ColumnSpec<Row>[], sort: ColumnSort | null): void {
    this.columns = columns;
    const header = h('div', { class: 'vt-row vt-header', role: 'row', 'aria-rowindex': 1 });
    this.headers = columns.map((c) => header.appendChild(this.headerCell(c)));
    replace(this.head, header);
    this.widths = { ...(this.opts.columnWidths?.get() ?? {}) };
    this.layOut();
    this.element.setAttribute('aria-colcount', String(columns.length));
    for (const view of this.pool) view.el.remove();
    this.pool = [];
    this.selected = undefined;
    this.reset(sort);
  }

  /** The grid's tracks from the columns and the widths chosen; sticky columns placed again. */
  private layOut(): void {
    const layout = columnLayout(
      this.columns.map((c) => ({ key: c.key, title: c.title, width: c.width })),
      measureInPage,
      this.widths,
    );
    this.element.style.setProperty('--vt-columns', layout.template);
    this.element.style.setProperty('--vt-min-width', `${layout.minWidth}px`);
    // Sticky columns: each at the left edge plus the widths of the sticky ones before it.
    let left = 0;
    this.stickyLeft = this.columns.map((c, k) => {
      if (!c.sticky || left < 0) return undefined;
      const at = `${left}px`;
      const w = layout.fixed[k];
      left = w === null || w === undefined ? -1 : left + w;
      return at;
    });
    this.headers.forEach((cell, k) => this.placeSticky(cell, k));
    for (const view of this.pool) view.cells.forEach((cell, k) => this.placeSticky(cell, k));
  }

  /** A column's width set by the user (undefined: its default again); `save` tells columnWidths. */
  private resize(c: ColumnSpec<Row>, px: number | undefined, save: boolean): void {
    if (px === undefined) delete this.widths[c.key];
    else this.widths[c.key] = clampColumnWidth(px);
    this.layOut();
    this.schedule();
    if (save) this.opts.columnWidths?.set({ ...this.widths });
  }

  /** The header's right edge: drag to resize, double-click for the default width. */
  private resizeHandle(c: ColumnSpec<Row>, cell: () => HTMLElement): HTMLElement {
    const handle = h('div', {
      class: 'vt-resize',
      'aria-hidden': 'true',
      'data-testid': `resize-${c.key}`,
      title: l10n.t('Drag to resize the column (double-click: default width; Shift+Left/Right on its header)'),
    });
    handle.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      e.preventDefault();
      const startX = e.clientX;
      const startWidth = cell().getBoundingClientRect().width;
      handle.setPointerCapture(e.pointerId);
      handle.classList.add('dragging');
      const move = (m: PointerEvent) => this.resize(c, startWidth + m.clientX - startX, false);
      const end = () => {
        handle.removeEventListener('pointermove', move);
        handle.classList.remove('dragging');
        this.opts.columnWidths?.set({ ...this.widths });
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', end, { once: true });
      handle.addEventListener('pointercancel', end, { once: true });
    });
    handle.addEventListener('dblclick', () => this.resize(c, undefined, true));
    // A click on the edge is not a click on the sort button.
    handle.addEventListener('click', (e) => e.stopPropagation());
    return handle;
  }

  /** Starts over at the top with a sort (a new sort, or a new query such as a filter). */
  reset(sort: ColumnSort | null): void {
    this.sort = sort;
    this.pages.reset();
    this.scroller.scrollTop = 0;
    this.refresh();
  }

  /** Forgets cached rows and fetches what is in view again; the scroll position and total stay (more rows arrived on the host). */
  invalidate(): void {
    this.pages.reset(true);
    this.refresh();
  }

  describeTotal(): string {
    return this.pages.total === undefined ? '' : formatInt(this.pages.total);
  }

  private refresh(): void {
    // Row views skip redrawing an unchanged index: after a reset every index has new content.
    for (const view of this.pool) view.index = -1;
    this.element.setAttribute('aria-busy', 'true');
    this.updateHeaders();
    this.opts.onError(undefined, () => undefined);
    this.schedule();
    this.fetchNow();
  }

  private headerCell(c: ColumnSpec<Row>): HTMLElement {
    const [name, unit] = splitTitle(c.title);
    // The name, and under it the unit and the sort arrow (so the arrow adds no width to the column).
    const label = h(
      'span',
      { class: 'vt-sort-label' },
      h('span', { class: 'vt-name' }, name),
      h(
        'span',
        { class: 'vt-sub' },
        unit ? h('span', { class: 'vt-unit' }, unit) : null,
        h('span', { class: 'vt-sort-indicator', 'aria-hidden': 'true' }),
      ),
    );
    const btn = h(
      'button',
      { type: 'button', class: 'vt-sort', 'data-testid': this.opts.sortTestId(c.key), title: this.opts.sortTitle(c.title) },
      label,
    );
    btn.addEventListener('click', () => this.toggleSort(c));
    // Shift+Left/Right narrows or widens the column (Left and Right alone scroll the table sideways).
    btn.setAttribute('aria-keyshortcuts', 'Shift+ArrowLeft Shift+ArrowRight');
    btn.addEventListener('keydown', (e) => {
      if (!e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
      e.preventDefault();
      e.stopPropagation();
      const now = cell.getBoundingClientRect().width;
      this.resize(c, now + (e.key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP), true);
      this.revealCell(cell);
    });
    const cell: HTMLElement = h('div', { class: cellClass(c), role: 'columnheader' }, btn);
    cell.append(this.resizeHandle(c, () => cell));
    return cell;
  }

  private revealCell(cell: HTMLElement | null): void {
    const s = this.scroller;
    if (!cell || cell.classList.contains('sticky')) return;
    // Sticky columns cover the left edge: a cell is in view to their right.
    const stuck = this.headers.filter((h) => h.classList.contains('sticky')).reduce((w, h) => w + h.offsetWidth, 0);
    if (cell.offsetLeft - stuck < s.scrollLeft) s.scrollLeft = Math.max(0, cell.offsetLeft - stuck);
    else if (cell.offsetLeft + cell.offsetWidth > s.scrollLeft + s.clientWidth)
      s.scrollLeft = cell.offsetLeft + cell.offsetWidth - s.clientWidth;
  }

  private toggleSort(c: ColumnSpec<Row>): void {
    // A new column starts where it is most useful: text A→Z, numbers (and times) largest first.
    const sort: ColumnSort =
      this.sort?.key === c.key
        ? { key: c.key, descending: !this.sort.descending }
        : { key: c.key, descending: c.descendingFirst ?? !!c.numeric };
    this.opts.onSortChange(sort);
    this.reset(sort);
  }

  private updateHeaders(): void {
    this.columns.forEach((c, i) => {
      const cell = this.headers[i];
      if (cell) markSorted(cell, this.sort?.key === c.key ? this.sort.descending : undefined);
    });
  }

  private readonly schedule = onNextFrame(() => this.render());

  private viewport(): { start: number; count: number; offset: number; last: number } {
    const total = this.pages.total ?? 0;
    const vh = Math.max(ROW_HEIGHT, this.scroller.clientHeight - HEADER_HEIGHT);
    const height = Math.min(total * ROW_HEIGHT, MAX_SCROLL_HEIGHT);
    const top = this.scroller.scrollTop;
    const visibleRows = vh / ROW_HEIGHT;
    // Unscaled, first = top / ROW_HEIGHT; scaled, the scroll fraction maps onto the row range.
    const first = height < total * ROW_HEIGHT ? (top / Math.max(1, height - vh)) * Math.max(0, total - visibleRows) : top / ROW_HEIGHT;
    const start = Math.max(0, Math.floor(first) - OVERSCAN);
    const count = Math.max(0, Math.min(total - start, Math.ceil(visibleRows) + 1 + 2 * OVERSCAN));
    return { start, count, offset: top - (first - start) * ROW_HEIGHT, last: Math.floor(first + visibleRows) };
  }

  private render(): void {
    // A shade at an edge where more columns are hidden (scroll sideways to see them).
    const s = this.scroller;
    this.element.classList.toggle('more-left', s.scrollLeft > 1);
    this.element.classList.toggle('more-right', s.scrollLeft + s.clientWidth < s.scrollWidth - 1);
    this.element.style.setProperty('--vt-scrollbar', `${s.offsetWidth - s.clientWidth}px`);
    const total = this.pages.total ?? 0;
    this.spacer.style.height = `${Math.min(total * ROW_HEIGHT, MAX_SCROLL_HEIGHT)}px`;
    const { start, count, offset, last } = this.viewport();
    this.rowsEl.style.transform = `translateY(${Math.max(0, offset)}px)`;
    while (this.pool.length < count) this.pool.push(this.createRow());
    this.pool.forEach((view, j) => {
      if (j >= count) {
        if (!view.el.hidden) view.el.hidden = true;
        return;
      }
      view.el.hidden = false;
      this.fill(view, start + j);
    });
    this.emptyEl.hidden = this.pages.total !== 0;
    if (this.pages.total === 0) setText(this.emptyEl, this.opts.emptyText());
    const nearEnd = this.opts.nearEnd;
    if (nearEnd && total > 0 && last >= total - nearEnd.rows) nearEnd.reached();
    this.scheduleFetch();
  }

  /** Pins a cell of a sticky column at its left offset (a column that cannot stick scrolls). */
  private placeSticky(cell: HTMLElement, k: number): void {
    const left = this.stickyLeft[k];
    cell.classList.toggle('sticky', left !== undefined);
    if (left !== undefined) cell.style.left = left;
  }

  private createRow(): RowView<Row> {
    const cells = this.columns.map((c) => h('div', { class: cellClass(c), role: 'gridcell' }));
    cells.forEach((cell, k) => this.placeSticky(cell, k));
    const el = h(
      'div',
      { class: 'vt-row', role: 'row', 'data-testid': this.opts.rowTestId, tabindex: -1, title: this.opts.rowTitle },
      ...cells,
    );
    const view: RowView<Row> = { el, cells, index: -1, row: undefined };
    el.addEventListener('click', () => this.open(view));
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.open(view);
      }
    });
    this.rowsEl.append(el);
    return view;
  }

  private open(view: RowView<Row>): void {
    if (view.index < 0 || !view.row) return;
    const key = this.opts.selectionKey;
    if (key) {
      this.selected = key(view.row);
      for (const v of this.pool) v.el.classList.toggle('selected', !!v.row && key(v.row) === this.selected);
    }
    this.opts.onOpen?.(view.index, view.row);
  }

  private fill(view: RowView<Row>, index: number): void {
    const row = this.pages.row(index);
    if (view.index === index && view.row === row) return;
    view.index = index;
    view.row = row;
    view.el.setAttribute('aria-rowindex', String(index + 2));
    view.el.classList.toggle('odd', index % 2 === 1);
    view.el.classList.toggle('loading', !row);
    const key = this.opts.selectionKey;
    view.el.classList.toggle('selected', !!row && !!key && key(row) === this.selected);
    this.columns.forEach((c, k) => {
      const cell = view.cells[k]!;
      const text = row ? c.text(row) : '';
      setText(cell, text);
      if (!c.numeric) cell.title = (row && c.tooltip?.(row)) || text;
    });
  }

  /** Fetches after scrolling settles for a moment, so dragging the thumb does not flood the host. */
  private readonly scheduleFetch = debounce(() => this.fetchNow(), 40);

  private fetchNow(): void {
    const { start, count } = this.viewport();
    this.pages.want(start, count, (offset, limit) => this.opts.fetch(offset, limit, this.sort));
  }
}

/** A cell's classes: `vt-col-<key>` for keys that make a class name, `num` for numeric columns. */
function cellClass(c: ColumnSpec<unknown>): string {
  if (c.sticky) return `${plainCellClass(c)} sticky`;
  return plainCellClass(c);
}

function plainCellClass(c: ColumnSpec<unknown>): string {
  return `vt-cell${/^[\w-]+$/.test(c.key) ? ` vt-col-${c.key}` : ''}${c.numeric ? ' num' : ''}`;
}
