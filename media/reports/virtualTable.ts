/**
 * The sessions table: fixed-height rows, only the visible ones (plus a few) in the DOM, fetched
 * from the host a page at a time and cached per page, so 300,000 sessions cost the webview a few
 * hundred kilobytes. Sort and filter run on the host; changing them starts a new "generation" and
 * answers to older ones are dropped. Columns are as wide as their header and their widest usual
 * value (measured in the page's font); text columns share what is left, and a panel too narrow
 * for all of them scrolls sideways (mouse, or arrow keys on the focused table).
 */
import { TABLE_COLUMNS, type RowsPage, type RowsQuery, type TableColumn, type TableRow, type TableSort } from '../../src/protocol/reports';
import { debounce, h, markSorted, onNextFrame, setText } from './dom';
import { PageCache, tableHooks } from './pageCache';
import { DASH, formatDateTime, formatDuration, formatInt, formatNumber } from './format';

export const ROW_HEIGHT = 24;
/** Two lines: a column's name, and under it its unit ("Latency" over "(ms)"), so numeric columns stay narrow. */
const HEADER_HEIGHT = 40;
export const PAGE_SIZE = 200;
/** Pages kept (about 8,000 rows): enough to scroll back and forth without refetching. */
const MAX_PAGES = 40;
/** Rows rendered above and below the viewport, so fast scrolling does not show blank edges. */
const OVERSCAN = 8;
/** Browsers cap element heights (Chrome at ~33 M px); beyond this the scroll position is scaled. */
const MAX_SCROLL_HEIGHT = 8_000_000;

const FORMAT: Record<TableColumn, (v: string | number | null) => string> = {
  start: (v) => formatDateTime(v as number | null),
  user: (v) => (v as string) || DASH,
  application: (v) => (v as string) || DASH,
  duration: (v) => formatDuration(v as number | null),
  country: (v) => (v as string) || DASH,
  city: (v) => (v as string) || DASH,
  latency: (v) => formatNumber(v as number | null, 0),
  bandwidth: (v) => formatNumber(v as number | null, 2),
  framerate: (v) => formatNumber(v as number | null, 1),
  state: (v) => (v as string) || DASH,
};

/**
 * The widest value a column usually shows (numbers and dates in the page's locale), or for text
 * columns the least width they get before the table scrolls sideways, and their share of the rest.
 */
const CONTENT: Record<TableColumn, { sample: () => string } | { min: number; grow: number }> = {
  start: { sample: () => formatDateTime(Date.UTC(2026, 11, 28, 22, 58)) },
  user: { min: 190, grow: 2 },
  application: { min: 140, grow: 1.4 },
  duration: { sample: () => formatDuration(47 * 3600 + 59 * 60) },
  country: { sample: () => 'WW' },
  city: { min: 110, grow: 1 },
  latency: { sample: () => formatNumber(8888, 0) },
  bandwidth: { sample: () => formatNumber(888.88, 2) },
  framerate: { sample: () => formatNumber(188.8, 1) },
  state: { min: 70, grow: 0.6 },
};
/** A cell's horizontal padding, and what a header adds to its label (button padding, sort arrow). */
const CELL_PADDING = 16;
const HEADER_EXTRA = 4 + 12 + 4 + 12;

/** A column title as its name and its unit: "Latency (ms)" → ["Latency", "(ms)"]. */
export function splitTitle(title: string): [name: string, unit: string | undefined] {
  const m = /^(.*?)\s*(\([^)]*\))$/.exec(title);
  return m ? [m[1]!, m[2]!] : [title, undefined];
}

/** The grid columns of the table in the page's font: `grid-template-columns` and the total minimum width. */
export function columnLayout(measure: (text: string, bold: boolean) => number): { template: string; minWidth: number } {
  let minWidth = 0;
  const cols = TABLE_COLUMNS.map((c) => {
    const [name, unit] = splitTitle(c.title);
    const header = Math.ceil(Math.max(measure(name, true), unit ? measure(unit, false) : 0)) + HEADER_EXTRA;
    const content = CONTENT[c.id];
    if ('sample' in content) {
      const w = Math.max(header, Math.ceil(measure(content.sample(), false)) + CELL_PADDING);
      minWidth += w;
      return `${w}px`;
    }
    const w = Math.max(header, content.min);
    minWidth += w;
    return `minmax(${w}px, ${content.grow}fr)`;
  });
  return { template: cols.join(' '), minWidth };
}

let measureContext: CanvasRenderingContext2D | null | undefined;

function measureInPage(text: string, bold: boolean): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  const style = getComputedStyle(document.body);
  if (!measureContext) return text.length * 8;
  measureContext.font = `${bold ? 600 : style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  return measureContext.measureText(text).width;
}

export interface VirtualTableOptions {
  fetch(q: RowsQuery): Promise<RowsPage>;
  sort: TableSort;
  filter: string;
  onSortChange(sort: TableSort): void;
  /** Rows matching the filter, once known. */
  onTotal(total: number): void;
  /** An error while fetching rows (undefined: cleared). */
  onError(e: unknown, retry: () => void): void;
  /** A row was clicked (or Enter pressed on it): its position in the current sort and filter. */
  onOpen?(index: number): void;
}

interface RowView {
  el: HTMLElement;
  cells: HTMLElement[];
  index: number;
}

export class VirtualTable {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsEl: HTMLElement;
  private readonly emptyEl: HTMLElement;
  private readonly headers = new Map<TableColumn, HTMLElement>();
  private readonly pool: RowView[] = [];
  private readonly pages: PageCache<TableRow>;
  private sort: TableSort;
  private filter: string;

  constructor(private readonly opts: VirtualTableOptions) {
    this.pages = new PageCache<TableRow>(
      PAGE_SIZE,
      MAX_PAGES,
      tableHooks(
        () => this.element,
        opts,
        () => this.render(),
        () => this.fetchNow(),
      ),
    );
    this.sort = opts.sort;
    this.filter = opts.filter;
    const header = h('div', { class: 'vt-row vt-header', role: 'row', 'aria-rowindex': 1 });
    for (const c of TABLE_COLUMNS) {
      const [name, unit] = splitTitle(c.title);
      const label = h(
        'span',
        { class: 'vt-sort-label' },
        h('span', { class: 'vt-name' }, name),
        unit ? h('span', { class: 'vt-unit' }, unit) : null,
      );
      const indicator = h('span', { class: 'vt-sort-indicator', 'aria-hidden': 'true' });
      const btn = h(
        'button',
        { type: 'button', class: 'vt-sort', 'data-testid': `sort-${c.id}`, title: `Sort by ${c.title}` },
        label,
        indicator,
      );
      btn.addEventListener('click', () => this.toggleSort(c.id, c.numeric));
      const cell = h('div', { class: `vt-cell vt-col-${c.id}${c.numeric ? ' num' : ''}`, role: 'columnheader' }, btn);
      this.headers.set(c.id, cell);
      header.append(cell);
    }
    this.rowsEl = h('div', { class: 'vt-rows', role: 'rowgroup' });
    this.emptyEl = h('div', { class: 'vt-empty', hidden: true, 'data-testid': 'sessions-table-empty' });
    this.spacer = h('div', { class: 'vt-spacer' }, this.rowsEl, this.emptyEl);
    this.scroller = h(
      'div',
      {
        class: 'vt-scroller',
        tabindex: 0,
        'aria-label': 'Sessions table: arrow keys and Page Up/Down scroll, Left and Right scroll sideways',
      },
      h('div', { role: 'rowgroup', class: 'vt-head-group' }, header),
      this.spacer,
    );
    this.element = h(
      'div',
      {
        class: 'vt',
        role: 'grid',
        'aria-label': 'Sessions',
        'aria-colcount': TABLE_COLUMNS.length,
        'aria-rowcount': 1,
        'aria-busy': 'true',
        'data-testid': 'sessions-table',
      },
      this.scroller,
    );
    const layout = columnLayout(measureInPage);
    this.element.style.setProperty('--vt-columns', layout.template);
    this.element.style.setProperty('--vt-min-width', `${layout.minWidth}px`);
    // A sort button reached with Tab is scrolled into view sideways (the browser does not do it
    // for the sticky header by itself).
    header.addEventListener('focusin', (e) => {
      const cell = (e.target as HTMLElement).closest<HTMLElement>('.vt-cell');
      if (!cell) return;
      const s = this.scroller;
      if (cell.offsetLeft < s.scrollLeft) s.scrollLeft = cell.offsetLeft;
      else if (cell.offsetLeft + cell.offsetWidth > s.scrollLeft + s.clientWidth)
        s.scrollLeft = cell.offsetLeft + cell.offsetWidth - s.clientWidth;
    });
    this.scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
    this.updateHeaders();
  }

  /** Starts over with a new sort and filter (also after a new report was loaded). */
  reset(sort: TableSort, filter: string): void {
    this.sort = sort;
    this.filter = filter;
    this.pages.reset();
    // Row views skip redrawing an unchanged index: after a new sort or filter every index has new content.
    for (const view of this.pool) view.index = -1;
    this.element.setAttribute('aria-busy', 'true');
    this.scroller.scrollTop = 0;
    this.updateHeaders();
    this.opts.onError(undefined, () => undefined);
    this.schedule();
    this.fetchNow();
  }

  private toggleSort(column: TableColumn, numeric: boolean): void {
    // A new column starts where it is most useful: text A→Z, numbers largest first.
    const sort: TableSort = this.sort.column === column ? { column, descending: !this.sort.descending } : { column, descending: numeric };
    this.opts.onSortChange(sort);
    this.reset(sort, this.filter);
  }

  private updateHeaders(): void {
    for (const [id, cell] of this.headers) {
      markSorted(cell, id === this.sort.column ? this.sort.descending : undefined);
    }
  }

  private readonly schedule = onNextFrame(() => this.render());

  private viewport(): { first: number; start: number; count: number; offset: number } {
    const total = this.pages.total ?? 0;
    const vh = Math.max(ROW_HEIGHT, this.scroller.clientHeight - HEADER_HEIGHT);
    const height = Math.min(total * ROW_HEIGHT, MAX_SCROLL_HEIGHT);
    const top = this.scroller.scrollTop;
    const visibleRows = vh / ROW_HEIGHT;
    // Unscaled, first = top / ROW_HEIGHT; scaled, the scroll fraction maps onto the row range.
    const first = height < total * ROW_HEIGHT ? (top / Math.max(1, height - vh)) * Math.max(0, total - visibleRows) : top / ROW_HEIGHT;
    const start = Math.max(0, Math.floor(first) - OVERSCAN);
    const count = Math.min(total - start, Math.ceil(visibleRows) + 1 + 2 * OVERSCAN);
    return { first, start, count: Math.max(0, count), offset: top - (first - start) * ROW_HEIGHT };
  }

  private render(): void {
    // A shade at an edge where more columns are hidden (scroll sideways to see them).
    const s = this.scroller;
    this.element.classList.toggle('more-left', s.scrollLeft > 1);
    this.element.classList.toggle('more-right', s.scrollLeft + s.clientWidth < s.scrollWidth - 1);
    this.element.style.setProperty('--vt-scrollbar', `${s.offsetWidth - s.clientWidth}px`);
    const total = this.pages.total ?? 0;
    this.spacer.style.height = `${Math.min(total * ROW_HEIGHT, MAX_SCROLL_HEIGHT)}px`;
    const { start, count, offset } = this.viewport();
    this.rowsEl.style.transform = `translateY(${Math.max(0, offset)}px)`;
    while (this.pool.length < count) this.pool.push(this.createRow());
    for (let j = 0; j < this.pool.length; j++) {
      const view = this.pool[j]!;
      if (j >= count) {
        if (!view.el.hidden) view.el.hidden = true;
        continue;
      }
      view.el.hidden = false;
      this.fill(view, start + j);
    }
    this.emptyEl.hidden = this.pages.total !== 0;
    if (this.pages.total === 0) setText(this.emptyEl, this.filter.trim() ? `No sessions match “${this.filter.trim()}”.` : 'No sessions.');
    this.scheduleFetch();
  }

  private createRow(): RowView {
    const cells = TABLE_COLUMNS.map((c) => h('div', { class: `vt-cell vt-col-${c.id}${c.numeric ? ' num' : ''}`, role: 'gridcell' }));
    const el = h(
      'div',
      { class: 'vt-row', role: 'row', 'data-testid': 'session-row', tabindex: -1, title: 'Click for every field of this session' },
      ...cells,
    );
    const view: RowView = { el, cells, index: -1 };
    const open = () => {
      if (view.index >= 0 && !el.classList.contains('loading')) this.opts.onOpen?.(view.index);
    };
    el.addEventListener('click', open);
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    });
    this.rowsEl.append(el);
    return view;
  }

  private fill(view: RowView, index: number): void {
    const row = this.pages.row(index);
    const loading = !row;
    if (view.index === index && !view.el.classList.contains('loading') && !loading) return;
    view.index = index;
    view.el.setAttribute('aria-rowindex', String(index + 2));
    view.el.classList.toggle('odd', index % 2 === 1);
    view.el.classList.toggle('loading', loading);
    TABLE_COLUMNS.forEach((c, k) => {
      const cell = view.cells[k]!;
      const text = row ? FORMAT[c.id](row[k] ?? null) : '';
      setText(cell, text);
      if (!c.numeric) cell.title = text;
    });
  }

  /** Fetches after scrolling settles for a moment, so dragging the thumb does not flood the host. */
  private readonly scheduleFetch = debounce(() => this.fetchNow(), 40);

  private fetchNow(): void {
    const { start, count } = this.viewport();
    this.pages.want(start, count, (offset, limit) => this.opts.fetch({ offset, limit, sort: this.sort, filter: this.filter }));
  }

  describeTotal(): string {
    return this.pages.total === undefined ? '' : formatInt(this.pages.total);
  }
}
