/**
 * The pages of rows a virtualized table has fetched from the host: the fetch-and-cache loop of
 * virtualTable.ts. Pages are fetched for what is in view, kept in
 * least-recently-used order up to a cap, and answers to an older query (before a reset) are dropped.
 */
export interface PageCacheHooks {
  /** Rows matching the query, when it becomes known or changes. */
  onTotal(total: number): void;
  /** A page arrived: redraw. */
  onPage(): void;
  /** A fetch failed; `retry` fetches what is in view again. */
  onError(e: unknown, retry: () => void): void;
}

export class PageCache<R> {
  private pages = new Map<number, R[]>();
  private readonly inflight = new Set<number>();
  private generation = 0;
  /** Rows matching the query; undefined until the first page answers. */
  total: number | undefined;

  constructor(
    readonly pageSize: number,
    private readonly maxPages: number,
    private readonly hooks: PageCacheHooks,
  ) {}

  /** Forgets every page (a new query, or new rows on the host); later answers to the old one are dropped. */
  reset(keepTotal = false): void {
    this.generation++;
    this.pages = new Map();
    this.inflight.clear();
    if (!keepTotal) this.total = undefined;
  }

  /** Row `index`, if its page is here. */
  row(index: number): R | undefined {
    const page = Math.floor(index / this.pageSize);
    return this.pages.get(page)?.[index - page * this.pageSize];
  }

  /** Makes sure the pages holding rows `start` to `start + count - 1` are here or on their way. */
  want(start: number, count: number, fetch: (offset: number, limit: number) => Promise<{ total: number; rows: R[] }>): void {
    const first = Math.floor(start / this.pageSize);
    const last = this.total === undefined ? first : Math.floor(Math.max(start, start + count - 1) / this.pageSize);
    for (let p = first; p <= last; p++) {
      const rows = this.pages.get(p);
      if (rows) {
        // Recently used pages go to the end of the Map (its insertion order is the LRU order).
        this.pages.delete(p);
        this.pages.set(p, rows);
      } else if (!this.inflight.has(p)) {
        void this.fetchPage(p, fetch, () => this.want(start, count, fetch));
      }
    }
  }

  private async fetchPage(
    page: number,
    fetch: (offset: number, limit: number) => Promise<{ total: number; rows: R[] }>,
    retry: () => void,
  ): Promise<void> {
    const gen = this.generation;
    this.inflight.add(page);
    try {
      const result = await fetch(page * this.pageSize, this.pageSize);
      if (gen !== this.generation) return;
      this.pages.set(page, result.rows);
      while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!);
      if (this.total !== result.total) {
        this.total = result.total;
        this.hooks.onTotal(result.total);
      }
      this.hooks.onPage();
    } catch (e) {
      if (gen === this.generation) this.hooks.onError(e, retry);
    } finally {
      if (gen === this.generation) this.inflight.delete(page);
    }
  }
}

/**
 * The hooks a virtualized table gives its cache: the grid's ARIA row count and busy state kept
 * true, the table's own total and error callbacks, a redraw on every page, Retry fetching again.
 */
export function tableHooks(
  grid: () => HTMLElement,
  table: { onTotal(total: number): void; onError(e: unknown, retry: () => void): void },
  redraw: () => void,
  refetch: () => void,
): PageCacheHooks {
  return {
    onTotal: (total) => {
      grid().setAttribute('aria-rowcount', String(total + 1));
      table.onTotal(total);
    },
    onPage: () => {
      grid().setAttribute('aria-busy', 'false');
      redraw();
    },
    onError: (e) =>
      table.onError(e, () => {
        table.onError(undefined, () => undefined);
        refetch();
      }),
  };
}
