/**
 * Walking an offset/limit list whose server is not trusted to page well. Frame documents no
 * maximum page size, no total and no next-page marker, so:
 * - a page with fewer items than asked does not end the list (the server may serve fewer per page
 *   than asked): only an empty page does, or a total where a server gives one;
 * - a page with more items than asked is cut to what was asked (with a note);
 * - an item seen before (by key) is dropped, and a page that brings nothing new ends the list (a
 *   server that ignores `offset` repeats or rotates its pages);
 * - each item goes through the caller's `map` once, so showing every loaded item after each page
 *   costs nothing more than the page (no rebuilding of what is already there).
 */
import * as l10n from '@vscode/l10n';

/** One page as one request returned it. */
export interface PageRead<T> {
  items: T[];
  /** False only when the server said the list ends here (an empty page, or a total reached). */
  hasMore: boolean;
  /** The number of items in the list, when the server gave one. */
  total?: number;
  /** How many items the server sent when it sent more than asked (the page was cut to `limit`). */
  oversized?: number;
}

export type PageFetch<T> = (offset: number, limit: number) => Promise<PageRead<T>>;

/** Whether a page may be followed by another: a total when given, else anything but an empty page. */
export function mayHaveMore(offset: number, received: number, total: number | undefined): boolean {
  if (received === 0) return false;
  return total === undefined || offset + received < total;
}

/** A total count from a list envelope (`total`, `count` or `total_count`: a non-negative integer), if any. */
export function totalIn(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  for (const key of ['total', 'count', 'total_count']) {
    const v = (body as Record<string, unknown>)[key];
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  }
  return undefined;
}

export class Pager<T, N = T> {
  private readonly seen = new Set<string>();
  private served = 0;
  private ended = false;
  private lastTotal: number | undefined;
  private taken = 0;
  /** What the server did that people should know about (cut pages, repeated pages), once each. */
  readonly notes: string[] = [];

  constructor(
    private readonly fetch: PageFetch<T>,
    private readonly map: (item: T) => N,
    /** undefined: never counted as seen (items that may repeat legitimately). */
    private readonly key: (mapped: N) => string | undefined,
  ) {}

  /** False once the list has ended (an empty page, a total reached, a page with nothing new). */
  get more(): boolean {
    return !this.ended;
  }

  get total(): number | undefined {
    return this.lastTotal;
  }

  /** Distinct items taken so far. */
  get count(): number {
    return this.taken;
  }

  /**
   * Up to `limit` new items. A short page is followed at once by another request from where it
   * ended, until the page is full or the list ends; every request either brings a new item or
   * ends the walk, so a page costs at most `limit + 1` requests (usually `limit / server cap + 1`).
   */
  async take(limit: number): Promise<N[]> {
    const want = Math.max(1, Math.floor(limit));
    const out: N[] = [];
    while (!this.ended && out.length < want) {
      const ask = want - out.length;
      const page = await this.fetch(this.served, ask);
      const sent = Math.max(page.oversized ?? 0, page.items.length);
      const items = sent > ask ? page.items.slice(0, ask) : page.items;
      if (sent > ask)
        this.note(
          l10n.t('The server sent {0} items for a page of {1}: kept the first {1} of each page.', sent.toLocaleString('en-US'), ask),
        );
      this.served += items.length;
      this.lastTotal = page.total;
      let fresh = 0;
      for (const item of items) {
        const mapped = this.map(item);
        const k = this.key(mapped);
        if (k !== undefined) {
          if (this.seen.has(k)) continue;
          this.seen.add(k);
        }
        out.push(mapped);
        fresh++;
      }
      this.taken += fresh;
      if (items.length > 0 && fresh === 0) {
        this.note(l10n.t('The server sent a page already seen (it may ignore paging): stopped there.'));
        this.ended = true;
      } else {
        this.ended = !page.hasMore || items.length === 0;
      }
    }
    return out;
  }

  /** Every remaining item, page after page, until the list ends or `maxItems` in all are taken. */
  async takeAll(pageSize: number, maxItems: number): Promise<N[]> {
    const out: N[] = [];
    while (!this.ended && this.taken < maxItems) {
      const page = await this.take(Math.min(pageSize, maxItems - this.taken));
      for (const item of page) out.push(item);
    }
    return out;
  }

  private note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
}
