/**
 * The Usage tab: a Pacific-time date range, this account or all accounts, total hours, hours per
 * day stacked by instance type / server type / datacenter, a totals table, and CSV export.
 */
import type { InitData, UsageDimension, UsagePreset, UsageQuery, UsageResult } from '../../src/protocol/reports';
import { BarChart, seriesColor } from './charts';
import { dateField, select, type DateField, type Select } from './controls';
import { daysBetween, isDay, presetRange, PRESETS } from './dates';
import { h, replace } from './dom';
import { formatHours, formatInt, formatPercent, formatRange, plural } from './format';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { LoadLifecycle } from './loadLifecycle';
import type { ReportsRpc } from './rpc';
import type { StateStore } from './state';
import { chartTheme, onThemeChange } from './theme';
import { button, emptyState, errorBanner, ProgressView, setDisabled, warningBanner, section } from './widgets';

const DIMENSION_OPTIONS: { value: UsageDimension; label: string }[] = [
  { value: 'instance_type', label: 'Instance type' },
  { value: 'server_type', label: 'Server type' },
  { value: 'datacenter', label: 'Datacenter' },
];
/** Stacks beyond this many keys become "Other": more colours than this cannot be told apart. */
const MAX_STACKS = 6;

export class UsageTab {
  readonly element: HTMLElement;
  private readonly range: Select<UsagePreset>;
  private readonly from: DateField;
  private readonly to: DateField;
  private readonly exportButton: HTMLElement;
  private readonly progress: ProgressView;
  private readonly banner = h('div', { class: 'banner-slot' });
  private readonly body = h('div', { class: 'usage-body', 'aria-live': 'polite' });
  private readonly chart = new BarChart('Hours per day', 'usage-chart');
  private result: UsageResult | undefined;
  private readonly lifecycle: LoadLifecycle;
  private loaded = false;

  constructor(
    private readonly rpc: ReportsRpc,
    private readonly store: StateStore,
    private readonly init: InitData,
  ) {
    const u = store.state.usage;
    this.range = select(
      'Date range',
      PRESETS.map((p) => ({ value: p.id, label: p.label })),
      u.preset,
      (p) => this.setPreset(p),
      'usage-range',
    );
    this.from = dateField('From', u.from, (v) => this.setCustom(v, this.to.input.value), 'usage-from');
    this.to = dateField('To', u.to, (v) => this.setCustom(this.from.input.value, v), 'usage-to');
    for (const f of [this.from, this.to]) f.input.setAttribute('max', init.todayPacific);
    const scope = select(
      'Scope',
      [
        { value: 'account', label: 'This account' },
        { value: 'all', label: 'All accounts' },
      ],
      u.scope,
      (s) => this.change((q) => (q.scope = s)),
      'usage-scope',
    );
    const dimension = select(
      'Stack by',
      DIMENSION_OPTIONS,
      u.dimension,
      (d) => {
        this.store.update((s) => (s.usage.dimension = d));
        this.render();
      },
      'usage-dimension',
    );
    this.exportButton = button('Export CSV', () => void this.exportCsv(), {
      secondary: true,
      testId: 'usage-export',
      title: 'Open the usage records of this range as CSV in an editor tab',
    });
    this.progress = new ProgressView('usage-progress', () => void this.rpc.request('cancel', { what: 'usage' }).catch(() => undefined));
    const toolbar = h(
      'div',
      { class: 'toolbar', role: 'group', 'aria-label': 'Usage query' },
      this.range.element,
      this.from.element,
      this.to.element,
      scope.element,
      dimension.element,
      h('div', { class: 'toolbar-spacer' }),
      h('div', { class: 'field field-button' }, this.exportButton),
    );
    const note = h(
      'p',
      { class: 'note', 'data-testid': 'usage-timezone-note' },
      'Days are Pacific time (PST/PDT), as the Frame API reports usage. “Today” is ',
      formatRange(init.todayPacific, init.todayPacific),
      '.',
    );
    this.element = h('div', { class: 'tab-body' }, toolbar, note, this.progress.element, this.banner, this.body);
    this.lifecycle = new LoadLifecycle({
      what: 'usage',
      banner: this.banner,
      body: this.body,
      progress: this.progress,
      busy: (busy) => setDisabled(this.exportButton, busy),
    });
    // The totals table's swatches are DOM colours that follow the theme without a rebuild; the
    // chart rebuilds itself.
    onThemeChange(() => this.render());
  }

  /** Loads the first time the tab is shown. */
  activate(): void {
    if (!this.loaded) void this.load();
  }

  onProgress(message: string, fraction?: number): void {
    this.progress.update(message, fraction);
  }

  private setPreset(p: UsagePreset): void {
    if (p === 'custom') {
      this.store.update((s) => (s.usage.preset = 'custom'));
      return;
    }
    const r = presetRange(p, this.init.todayPacific);
    this.from.input.value = r.from;
    this.to.input.value = r.to;
    this.change((q) => Object.assign(q, { preset: p }, r));
  }

  private setCustom(from: string, to: string): void {
    if (!isDay(from) || !isDay(to)) return;
    // Typing a "from" after the "to" moves the other end rather than showing an error.
    if (from > to) {
      if (this.store.state.usage.from !== from) to = from;
      else from = to;
      this.from.input.value = from;
      this.to.input.value = to;
    }
    this.range.value = 'custom';
    this.change((q) => Object.assign(q, { preset: 'custom', from, to }));
  }

  private change(edit: (q: UsageQuery & { preset: UsagePreset }) => void): void {
    this.store.update((s) => edit(s.usage));
    void this.load();
  }

  private query(): UsageQuery {
    const { from, to, scope } = this.store.state.usage;
    return { from, to, scope };
  }

  async load(): Promise<void> {
    this.loaded = true;
    const q = this.query();
    await this.lifecycle.run(
      q.scope === 'all' ? 'Reading usage of all accounts…' : 'Reading usage…',
      () => this.rpc.request('usage', q),
      (result) => {
        this.result = result;
        this.render();
      },
      () => void this.load(),
    );
  }

  private async exportCsv(): Promise<void> {
    try {
      await this.rpc.request('exportUsage', this.query());
    } catch (e) {
      if (!isCancelledRpc(e))
        replace(
          this.banner,
          errorBanner('export', toRpcError(e), () => void this.exportCsv()),
        );
    }
  }

  private render(): void {
    const r = this.result;
    if (!r) return;
    const a = r.aggregate;
    const dim = this.store.state.usage.dimension;
    const range = formatRange(r.query.from, r.query.to);
    const failed = r.failedAccounts.length
      ? warningBanner(
          'usage-failed-accounts',
          `${plural(r.failedAccounts.length, 'account')} could not be read and ${r.failedAccounts.length === 1 ? 'is' : 'are'} not included:`,
          h('ul', { class: 'failed-list' }, ...r.failedAccounts.map((f) => h('li', {}, h('strong', {}, f.name), ': ', f.message))),
        )
      : null;
    if (a.records === 0 || a.totalHours <= 0) {
      replace(
        this.body,
        failed,
        emptyState(
          'usage-empty',
          'No usage in this range',
          `Frame reported no hours for ${range} (Pacific time)${r.query.scope === 'all' ? ` in any of ${plural(r.accounts, 'account')}` : ''}. Try a longer range.`,
          ...(this.store.state.usage.preset === 'last90'
            ? []
            : [button('Show Last 90 Days', () => this.pickPreset('last90'), { secondary: true })]),
        ),
      );
      return;
    }
    const breakdown = a.by[dim];
    const scopeText = r.query.scope === 'all' ? `all accounts (${formatInt(r.accounts)})` : 'this account';
    const summary = h(
      'div',
      { class: 'summary' },
      h(
        'div',
        { class: 'big-number' },
        h('span', { 'data-testid': 'usage-total-hours' }, formatHours(a.totalHours)),
        h('span', { class: 'big-unit' }, ' hours'),
      ),
      h('div', { class: 'summary-caption' }, `${range} · Pacific time · ${scopeText}`),
      h(
        'div',
        { class: 'summary-caption muted' },
        `${plural(a.records, 'usage record')}${a.skipped ? ` · ${formatInt(a.skipped)} unreadable skipped` : ''}`,
      ),
    );
    // Every day of the range gets a slot, so gaps in usage show as gaps.
    const days = daysBetween(r.query.from, r.query.to);
    const byDay = new Map(breakdown.series.map((s) => [s.day, s.values]));
    const shown = breakdown.keys.length > MAX_STACKS + 1 ? MAX_STACKS : breakdown.keys.length;
    const series = breakdown.keys.slice(0, shown).map((key, k) => ({ label: key, values: days.map((d) => byDay.get(d)?.[k] ?? 0) }));
    const colors = series.map((_, k) => k);
    if (shown < breakdown.keys.length) {
      series.push({
        label: `Other (${breakdown.keys.length - shown})`,
        values: days.map((d) => (byDay.get(d) ?? []).slice(shown).reduce((x, y) => x + y, 0)),
      });
      colors.push(-1);
    }
    this.chart.setData({ x: days, kind: 'days', series, colors, format: (v) => formatHours(v), unit: 'h', height: 240 });
    const dimLabel = DIMENSION_OPTIONS.find((o) => o.value === dim)?.label ?? dim;
    const theme = chartTheme();
    const table = h(
      'table',
      { class: 'data-table', 'data-testid': 'usage-table' },
      h('caption', { class: 'visually-hidden' }, `Hours by ${dimLabel.toLowerCase()}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, dimLabel),
          h('th', { scope: 'col', class: 'num' }, 'Hours'),
          h('th', { scope: 'col', class: 'num' }, 'Share'),
          h('th', { scope: 'col', class: 'share-col', 'aria-hidden': 'true' }),
        ),
      ),
      h(
        'tbody',
        {},
        ...breakdown.totals.map((t, k) => {
          const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
          swatch.style.background = seriesColor(theme, k < shown ? k : -1);
          const bar = h('span', { class: 'share-bar' });
          bar.style.background = swatch.style.background;
          bar.style.width = `${(t.hours / a.totalHours) * 100}%`;
          return h(
            'tr',
            {},
            h('td', {}, swatch, t.key),
            h('td', { class: 'num' }, formatHours(t.hours)),
            h('td', { class: 'num' }, formatPercent(t.hours / a.totalHours)),
            h('td', { class: 'share-col', 'aria-hidden': 'true' }, h('span', { class: 'share-track' }, bar)),
          );
        }),
      ),
    );
    replace(
      this.body,
      failed,
      summary,
      section(`Hours per day by ${dimLabel.toLowerCase()}`, this.chart.element),
      section(`Totals by ${dimLabel.toLowerCase()}`, table),
    );
  }

  private pickPreset(p: UsagePreset): void {
    this.range.value = p;
    this.setPreset(p);
  }
}
