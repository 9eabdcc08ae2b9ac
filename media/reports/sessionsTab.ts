/**
 * The Sessions tab: pick monthly reports (and/or the last 24 h), load them on the host, then show
 * KPIs, charts, top lists, quality percentiles and the virtualized table of sessions. The webview
 * only ever holds the aggregate and the table pages on screen.
 */
import type { InitData, MonthRef, SessionsResult } from '../../src/protocol/reports';
import { BarChart } from './charts';
import { checkbox, textField } from './controls';
import { daysBetween } from './dates';
import { debounce, h, replace, setText } from './dom';
import { formatCompact, formatDay, formatDayRangeUtc, formatDuration, formatHours, formatInt, formatNumber, plural } from './format';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { LoadLifecycle } from './loadLifecycle';
import { markForTests } from './testSeam';
import type { ReportsRpc } from './rpc';
import type { StateStore } from './state';
import { VirtualTable } from './virtualTable';
import { button, linkButton, emptyState, errorBanner, kpi, ProgressView, rankedList, setDisabled, warningBanner, section } from './widgets';

const RECENT_LABEL = 'Recent sessions (last 24 h)';

/** Histogram bin labels from minute edges: "0–5m", "30m–1h", "8h+". */
function binLabels(edges: number[]): string[] {
  const unit = (m: number) => (m < 60 ? `${formatInt(m)}m` : `${formatCompact(m / 60)}h`);
  const bare = (m: number) => (m < 60 ? formatInt(m) : formatCompact(m / 60));
  return edges.map((lo, i) => {
    const hi = edges[i + 1];
    if (hi === undefined) return `${unit(lo)}+`;
    const sameUnit = lo < 60 === hi < 60 || lo === 0;
    return `${sameUnit && lo !== 0 ? bare(lo) : lo === 0 ? '0' : unit(lo)}–${unit(hi)}`;
  });
}

export class SessionsTab {
  readonly element: HTMLElement;
  private readonly loadButton: HTMLElement;
  private readonly progress: ProgressView;
  private readonly banner = h('div', { class: 'banner-slot' });
  private readonly picker = h('div', { class: 'source-picker' });
  private readonly body = h('div', { class: 'sessions-body' });
  private readonly tableBanner = h('div', { class: 'banner-slot' });
  /** Every field of the session clicked in the table (read again from its report by the host). */
  private readonly details = h('div', { class: 'session-details-slot', 'aria-live': 'polite' });
  private readonly count = h('span', { class: 'table-count', 'data-testid': 'sessions-count', 'aria-live': 'polite' });
  private readonly perDay = new BarChart('Sessions per day', 'sessions-per-day-chart');
  private readonly histogram = new BarChart('Session duration histogram', 'sessions-duration-chart');
  private readonly table: VirtualTable;
  private result: SessionsResult | undefined;
  private readonly lifecycle: LoadLifecycle;
  private receivedAt = 0;
  /** The month checkboxes by key (their "downloaded" mark is updated in place). */
  private readonly monthBoxes = new Map<string, HTMLElement>();

  constructor(
    private readonly rpc: ReportsRpc,
    private readonly store: StateStore,
    private init: InitData,
    private readonly retryInit: () => void,
  ) {
    this.loadButton = button('Load', () => void this.load(), {
      testId: 'sessions-load',
      title: 'Download (if needed) and read the chosen reports',
    });
    this.progress = new ProgressView(
      'sessions-progress',
      () => void this.rpc.request('cancel', { what: 'sessions' }).catch(() => undefined),
    );
    this.lifecycle = new LoadLifecycle({
      what: 'sessions',
      banner: this.banner,
      body: this.body,
      progress: this.progress,
      busy: (busy) => (busy ? setDisabled(this.loadButton, true) : this.updateLoadButton()),
    });
    this.table = new VirtualTable({
      fetch: (q) => this.rpc.request('rows', q),
      sort: store.state.sort,
      filter: store.state.filter,
      onSortChange: (sort) => this.store.update((s) => (s.sort = sort)),
      onTotal: () => this.updateCount(),
      onError: (e, retry) => replace(this.tableBanner, e === undefined ? null : errorBanner('rows', toRpcError(e), retry)),
      onOpen: (index) => void this.showDetails(index),
    });
    this.renderPicker();
    this.element = h(
      'div',
      { class: 'tab-body' },
      h('section', { class: 'card sources' }, h('h3', { id: 'sources-heading' }, 'Session reports'), this.picker),
      this.progress.element,
      this.banner,
      this.body,
    );
    this.renderIntro();
  }

  /** New months after the host re-listed them (Retry after a listing error). */
  setInit(init: InitData): void {
    this.init = init;
    this.renderPicker();
  }

  onProgress(message: string, fraction?: number): void {
    this.progress.update(message, fraction);
  }

  /** Whether the saved choice can be shown again without downloading anything. */
  private canReloadQuietly(): boolean {
    const q = this.store.state.sessions;
    const byKey = new Map(this.init.months.map((m) => [m.key, m]));
    return !q.recent && q.months.length > 0 && q.months.every((k) => byKey.get(k)?.downloaded === true);
  }

  private renderPicker(): void {
    const q = this.store.state.sessions;
    const list = h('div', { class: 'month-list', role: 'group', 'aria-labelledby': 'sources-heading' });
    list.append(
      checkbox(
        RECENT_LABEL,
        q.recent,
        (v) => {
          this.store.update((s) => (s.sessions.recent = v));
          this.updateLoadButton();
        },
        'month-recent',
      ),
    );
    this.monthBoxes.clear();
    for (const m of this.init.months) {
      const cb = checkbox(
        m.label,
        q.months.includes(m.key),
        (v) => {
          this.store.update((s) => {
            const set = new Set(s.sessions.months);
            if (v) set.add(m.key);
            else set.delete(m.key);
            // Keep the host's order (newest first) so the query reads the same every time.
            s.sessions.months = this.init.months.map((x) => x.key).filter((k) => set.has(k));
          });
          this.updateLoadButton();
        },
        `month-${m.key}`,
      );
      this.monthBoxes.set(m.key, cb);
      this.markDownloaded(cb, m);
      list.append(cb);
    }
    const monthsError = this.init.monthsError
      ? errorBanner(
          'months',
          { message: `The monthly reports could not be listed: ${this.init.monthsError}`, kind: 'internal', retryable: true },
          this.retryInit,
        )
      : null;
    const none =
      !this.init.monthsError && !this.init.months.length
        ? h('p', { class: 'muted' }, 'This account has no monthly session reports yet; the last 24 hours may still have sessions.')
        : null;
    replace(
      this.picker,
      monthsError,
      none,
      list,
      h(
        'div',
        { class: 'picker-actions' },
        this.loadButton,
        h('span', { class: 'muted small' }, 'Months marked ● are already downloaded. Times in reports are UTC.'),
      ),
    );
    this.updateLoadButton();
  }

  private markDownloaded(cb: HTMLElement, m: MonthRef): void {
    cb.setAttribute('label', m.downloaded ? `${m.label} ●` : m.label);
    cb.title = m.downloaded ? `${m.label}: already downloaded` : `${m.label}: downloaded when loaded`;
    cb.classList.toggle('downloaded', m.downloaded);
  }

  /**
   * Reads the "downloaded" marks again after something may have downloaded a month (a load,
   * finished, failed or cancelled halfway; Open CSV), and updates the checkboxes in place.
   */
  private async refreshMarks(): Promise<void> {
    let months: MonthRef[];
    try {
      months = await this.rpc.request('months', null);
    } catch {
      return; // the marks stay as they were; nothing else depends on them
    }
    const byKey = new Map(months.map((m) => [m.key, m]));
    this.init = { ...this.init, months: this.init.months.map((m) => byKey.get(m.key) ?? m) };
    for (const m of this.init.months) {
      const cb = this.monthBoxes.get(m.key);
      if (cb) this.markDownloaded(cb, m);
    }
  }

  private updateLoadButton(): void {
    const q = this.store.state.sessions;
    setDisabled(this.loadButton, !q.recent && q.months.length === 0);
  }

  private renderIntro(): void {
    replace(
      this.body,
      emptyState(
        'sessions-empty',
        'No sessions loaded',
        'Choose one or more monthly reports (or the last 24 hours) and press Load. Large months are downloaded once and kept, so loading them again is fast.',
      ),
    );
  }

  private activated = false;

  /**
   * First time the tab is shown: what was there before comes back, from the host's copy (the
   * webview was only hidden and recreated) or, after a window reload, from disk when that needs no
   * download.
   */
  async activate(): Promise<void> {
    if (this.activated || this.result) return;
    this.activated = true;
    if (!(await this.showCurrent()) && this.canReloadQuietly()) await this.load();
  }

  /**
   * Shows what the host still holds for this panel (the webview was only hidden and recreated);
   * false when it holds nothing (a new window: the host side is new too).
   */
  private async showCurrent(): Promise<boolean> {
    const current = await this.rpc.request('currentSessions', null).catch(() => null);
    if (!current) return false;
    this.receivedAt = performance.now();
    this.result = current;
    this.render();
    return true;
  }

  async load(): Promise<void> {
    const q = structuredClone(this.store.state.sessions);
    if (!q.recent && !q.months.length) return;
    await this.lifecycle.run(
      'Preparing session reports…',
      () => this.rpc.request('loadSessions', q),
      (result) => {
        this.receivedAt = performance.now();
        this.result = result;
        this.render();
      },
      () => void this.load(),
    );
    await this.refreshMarks();
  }

  private render(): void {
    const r = this.result;
    if (!r) return;
    const a = r.aggregate;
    const labels = new Map(this.init.months.map((m) => [m.key, m.label]));
    const opened: { key: string; label: string; params: { month: string } | { recent: true }; testId: string }[] = [
      ...r.query.months.map((m) => ({ key: m, label: labels.get(m) ?? m, params: { month: m }, testId: `open-csv-${m}` })),
      ...(r.query.recent ? [{ key: 'recent', label: RECENT_LABEL, params: { recent: true as const }, testId: 'open-csv-recent' }] : []),
    ];
    const rowsOf = new Map(r.sources.map((s) => [s.key, s.rows]));
    const sources = h(
      'div',
      { class: 'loaded-sources' },
      h('span', { class: 'muted' }, `Loaded ${plural(r.rows, 'session')} from:`),
      ...opened.map((o) => {
        const rows = rowsOf.get(o.key);
        return h(
          'span',
          { class: 'chip' },
          h('span', {}, o.label),
          rows !== undefined ? h('span', { class: 'muted' }, ` · ${formatInt(rows)}`) : null,
          linkButton('Open CSV', () => void this.openCsv(o.params), o.testId, `Open the CSV of ${o.label} in an editor tab`),
        );
      }),
      r.query.months.length
        ? linkButton(
            'Export as Parquet…',
            () => void this.exportParquet(),
            'sessions-export-parquet',
            'Write the loaded months as Parquet files (one folder per month) for DuckDB, Spark or a warehouse',
          )
        : null,
    );
    const malformed =
      r.malformedRows > 0
        ? warningBanner(
            'sessions-malformed',
            `${plural(r.malformedRows, 'row')} could not be read and ${r.malformedRows === 1 ? 'was' : 'were'} skipped.`,
          )
        : null;
    if (a.sessions === 0) {
      replace(
        this.body,
        sources,
        malformed,
        emptyState('sessions-none', 'No sessions', 'The chosen reports hold no sessions. Try other months or the last 24 hours.'),
      );
      return;
    }
    const d = a.duration;
    const span = a.firstStart !== null && a.lastStart !== null ? `${formatDayRangeUtc(a.firstStart, a.lastStart)} (UTC)` : undefined;
    const kpis = h(
      'div',
      { class: 'kpis' },
      kpi('Sessions', formatInt(a.sessions), 'kpi-sessions', span),
      kpi('Unique users', formatInt(a.uniqueUsers), 'kpi-users'),
      kpi('Total hours', formatHours(a.totalHours), 'kpi-hours'),
      kpi('Mean duration', formatDuration(d.meanSeconds), 'kpi-mean'),
      kpi('Median duration', formatDuration(d.medianSeconds), 'kpi-median'),
      kpi(
        '95th percentile',
        formatDuration(d.p95Seconds),
        'kpi-p95',
        d.maxSeconds !== null ? `longest ${formatDuration(d.maxSeconds)}` : undefined,
      ),
    );
    const q = a.quality;
    const qualityRow = (label: string, p: typeof q.latencyMs, digits: 0 | 1 | 2) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, label),
        ...[p.p50, p.p90, p.p95, p.p99, p.mean].map((v) => h('td', { class: 'num' }, formatNumber(v, digits))),
        h('td', { class: 'num muted' }, formatInt(p.count)),
      );
    const quality = h(
      'table',
      { class: 'data-table', 'data-testid': 'sessions-quality' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Metric'),
          ...['p50', 'p90', 'p95', 'p99', 'Mean', 'Samples'].map((t) => h('th', { scope: 'col', class: 'num' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        qualityRow('Latency (ms)', q.latencyMs, 0),
        qualityRow('Bandwidth (Mbps)', q.bandwidthMbps, 2),
        qualityRow('Frame rate (fps)', q.framerateFps, 1),
      ),
    );
    const filter = textField(
      'Filter by user, application, country or city',
      this.store.state.filter,
      (v) => this.applyFilter(v),
      'sessions-filter',
      'Filter sessions',
    );
    filter.classList.add('table-filter');
    replace(
      this.body,
      sources,
      malformed,
      kpis,
      h(
        'div',
        { class: 'grid-2' },
        section('Sessions per day (UTC)', this.perDay.element),
        section('Session duration', this.histogram.element),
      ),
      h(
        'div',
        { class: 'grid-3' },
        ...(
          [
            ['Top applications', 'top-applications', a.applications, 'applications'],
            ['Top users', 'top-users', a.users, 'users'],
            ['Top countries', 'top-countries', a.countries, 'countries'],
          ] as const
        ).map(([title, testId, list, noun]) =>
          section(
            title,
            rankedList(
              testId,
              list.top.map((k) => ({ key: k.key, count: k.sessions })),
              a.sessions,
              list.distinct,
              noun,
            ),
          ),
        ),
      ),
      section('Connection quality (per-session averages)', quality),
      h(
        'section',
        { class: 'card table-card' },
        h('div', { class: 'table-toolbar' }, h('h3', {}, 'Sessions'), filter, this.count),
        this.tableBanner,
        this.table.element,
      ),
      this.details,
    );
    // Charts after the DOM is in place, so they measure their real width on the first draw.
    const receivedAt = this.receivedAt;
    this.perDay.onFirstDraw(() => {
      const ms = performance.now() - receivedAt;
      markForTests('firstChartMs', ms.toFixed(1));
    });
    const days =
      a.firstStart !== null && a.lastStart !== null
        ? daysBetween(new Date(a.firstStart).toISOString().slice(0, 10), new Date(a.lastStart).toISOString().slice(0, 10))
        : [];
    const byDay = new Map(a.byDay.map((x) => [x.day, x.sessions]));
    this.perDay.setData({
      x: days,
      kind: 'days',
      series: [{ label: 'Sessions', values: days.map((x) => byDay.get(x) ?? 0) }],
      format: formatInt,
      title: (i) => `${formatDay(days[i] ?? '')} (UTC)`,
      height: 200,
    });
    const bins = binLabels(r.histogram.edgesMinutes);
    this.histogram.setData({
      x: bins,
      kind: 'categories',
      series: [{ label: 'Sessions', values: r.histogram.counts }],
      format: formatInt,
      colors: [2],
      height: 200,
      title: (i) => `${bins[i]} long`,
    });
    this.table.reset(this.store.state.sort, this.store.state.filter);
    this.updateCount();
  }

  private readonly applyFilter = debounce((v: string) => {
    this.store.update((s) => (s.filter = v));
    this.table.reset(this.store.state.sort, v);
    this.updateCount();
  }, 250);

  private updateCount(): void {
    const all = this.result?.rows ?? 0;
    const shown = this.table.describeTotal();
    if (!shown) setText(this.count, '');
    else if (this.store.state.filter.trim()) setText(this.count, `${shown} of ${plural(all, 'session')}`);
    else setText(this.count, plural(all, 'session'));
  }

  /** Shows all fields of the row at `index` (in the table's current sort and filter), as text. */
  private async showDetails(index: number): Promise<void> {
    const { sort, filter } = this.store.state;
    try {
      const d = await this.rpc.request('sessionDetails', { offset: index, sort, filter });
      const rows = [...d.fields, ...d.extra].map((f) =>
        h('div', { class: 'detail-row' }, h('dt', {}, f.column), h('dd', {}, f.value || '—')),
      );
      const close = button('Close', () => replace(this.details), { secondary: true, testId: 'session-details-close' });
      replace(
        this.details,
        h(
          'section',
          { class: 'card session-details', 'data-testid': 'session-details', 'aria-label': 'Session details' },
          h('div', { class: 'table-toolbar' }, h('h3', {}, 'Session details'), h('span', { class: 'toolbar-spacer' }), close),
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

  private async exportParquet(): Promise<void> {
    try {
      await this.rpc.request('exportParquet', null);
    } catch (e) {
      if (!isCancelledRpc(e))
        replace(
          this.banner,
          errorBanner('export-parquet', toRpcError(e), () => void this.exportParquet()),
        );
    }
  }

  private async openCsv(params: { month: string } | { recent: true }): Promise<void> {
    try {
      await this.rpc.request('openCsv', params);
      if ('month' in params) await this.refreshMarks();
    } catch (e) {
      if (!isCancelledRpc(e))
        replace(
          this.banner,
          errorBanner('open-csv', toRpcError(e), () => void this.openCsv(params)),
        );
    }
  }
}
