/**
 * The Usage tab: a Pacific-time date range, this account or all accounts, total hours, hours per
 * day stacked by instance type / server type / datacenter (or account, when the usage is of more
 * than one), a totals table, and CSV export.
 */
import * as l10n from '@vscode/l10n';
import type { UsageDimension, UsagePreset, UsageQuery, UsageResult } from '../../src/protocol/reports';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { dateField, select, type DateField, type Select } from '../shared/controls';
import { h, replace } from '../shared/dom';
import { formatDay, formatInt, formatRange } from '../shared/format';
import { LoadLifecycle } from '../shared/loadLifecycle';
import type { Tab } from '../shared/tabs';
import { button, emptyState, errorBanner, ProgressView, section, setDisabled } from '../shared/widgets';
import { BarChart } from './charts';
import type { ReportsContext } from './context';
import { isDay, presetRange, PRESETS } from './dates';
import { failedAccounts, stackedChart, totalsTable, usageSummary } from './usageSections';
import { shownDimension, stacksByAccount } from './usageSeries';

/** Each breakdown's name, and the titles of its chart and table (whole phrases: word order differs between languages). */
const DIMENSION_OPTIONS: { value: UsageDimension; label: string; perDay: string; totals: string; caption: string }[] = [
  {
    value: 'instance_type',
    label: l10n.t('Instance type'),
    perDay: l10n.t('Hours per day by instance type'),
    totals: l10n.t('Totals by instance type'),
    caption: l10n.t('Hours by instance type'),
  },
  {
    value: 'server_type',
    label: l10n.t('Server type'),
    perDay: l10n.t('Hours per day by server type'),
    totals: l10n.t('Totals by server type'),
    caption: l10n.t('Hours by server type'),
  },
  {
    value: 'datacenter',
    label: l10n.t('Datacenter'),
    perDay: l10n.t('Hours per day by datacenter'),
    totals: l10n.t('Totals by datacenter'),
    caption: l10n.t('Hours by datacenter'),
  },
  {
    value: 'account',
    label: l10n.t('Account'),
    perDay: l10n.t('Hours per day by account'),
    totals: l10n.t('Totals by account'),
    caption: l10n.t('Hours by account'),
  },
];

export class UsageTab implements Tab<'usage'> {
  readonly id = 'usage';
  readonly title = l10n.t('Usage');
  readonly element: HTMLElement;
  private readonly range: Select<UsagePreset>;
  private readonly from: DateField;
  private readonly to: DateField;
  private readonly exportButton: HTMLElement;
  private readonly progress: ProgressView;
  private readonly banner = h('div', { class: 'banner-slot' });
  private readonly body = h('div', { class: 'usage-body', 'aria-live': 'polite' });
  private readonly chart = new BarChart(l10n.t('Hours per day'), 'usage-chart');
  /** "Stack by", rebuilt when whether "Account" is offered changes. */
  private readonly dimensionSlot = h('div', { class: 'usage-dimension-slot' });
  private dimensionWithAccount: boolean | undefined;
  /** Says when a date was moved because "From" ended up after "To" (a note, not an error). */
  private readonly rangeNote = h('div', { class: 'range-note', role: 'status', 'data-testid': 'usage-range-note' });
  private result: UsageResult | undefined;
  private readonly lifecycle: LoadLifecycle;
  private loaded = false;

  private readonly rpc: ReportsContext['rpc'];
  private readonly store: ReportsContext['store'];
  private readonly init: ReportsContext['init'];

  constructor({ rpc, store, init }: ReportsContext) {
    this.rpc = rpc;
    this.store = store;
    this.init = init;
    const u = store.state.usage;
    this.range = select(
      l10n.t('Date range'),
      PRESETS.map((p) => ({ value: p.id, label: p.label })),
      u.preset,
      (p) => this.setPreset(p),
      'usage-range',
    );
    this.from = dateField(l10n.t('From'), u.from, (v) => this.setCustom(v, this.to.input.value), 'usage-from');
    this.to = dateField(l10n.t('To'), u.to, (v) => this.setCustom(this.from.input.value, v), 'usage-to');
    for (const f of [this.from, this.to]) f.input.setAttribute('max', init.todayPacific);
    this.exportButton = button(l10n.t('Export CSV'), () => void this.exportCsv(), {
      secondary: true,
      testId: 'usage-export',
      title: l10n.t('Save the usage records of this range and scope as a CSV file'),
    });
    this.progress = new ProgressView('usage-progress', () => void this.rpc.request('cancel', { what: 'usage' }).catch(() => undefined));
    const note = h(
      'p',
      { class: 'note', 'data-testid': 'usage-timezone-note' },
      l10n.t('Days are Pacific time (PST/PDT), as the Frame API reports usage. “Today” is {0}.', formatDay(init.todayPacific)),
    );
    this.element = h('div', { class: 'tab-body' }, this.toolbar(), note, this.progress.element, this.banner, this.body);
    this.lifecycle = new LoadLifecycle({
      what: 'usage',
      cancelled: l10n.t('Loading usage was cancelled.'),
      banner: this.banner,
      body: this.body,
      progress: this.progress,
      busy: (busy) => setDisabled(this.exportButton, busy),
    });
    // The totals table's swatches and bars are var(--series-N): they follow the theme by
    // themselves; the chart rebuilds itself.
  }

  /** Range, From, To, scope, "stack by", and Export CSV. */
  private toolbar(): HTMLElement {
    const u = this.store.state.usage;
    const scopes = [
      { value: 'account' as const, label: l10n.t('This account') },
      { value: 'all' as const, label: l10n.t('All accounts') },
    ];
    const scope = select(l10n.t('Scope'), scopes, u.scope, (s) => this.change((q) => (q.scope = s)), 'usage-scope');
    this.renderDimension();
    return h(
      'div',
      { class: 'toolbar', role: 'group', 'aria-label': l10n.t('Usage query') },
      this.range.element,
      this.from.element,
      this.to.element,
      this.rangeNote,
      scope.element,
      this.dimensionSlot,
      h('div', { class: 'toolbar-spacer' }),
      h('div', { class: 'field field-button' }, this.exportButton),
    );
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
    replace(this.rangeNote);
    this.from.input.value = r.from;
    this.to.input.value = r.to;
    this.change((q) => Object.assign(q, { preset: p }, r));
  }

  private setCustom(from: string, to: string): void {
    if (!isDay(from) || !isDay(to)) return;
    // A "From" after the "To" moves the other end (and says so) rather than showing an error.
    replace(this.rangeNote);
    if (from > to) {
      const movedTo = this.store.state.usage.from !== from;
      if (movedTo) to = from;
      else from = to;
      this.from.input.value = from;
      this.to.input.value = to;
      replace(
        this.rangeNote,
        movedTo
          ? l10n.t('“From” was after “To”, so “To” moved to {0}.', formatDay(to))
          : l10n.t('“To” was before “From”, so “From” moved to {0}.', formatDay(from)),
      );
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
      q.scope === 'all' ? l10n.t('Reading usage of all accounts…') : l10n.t('Reading usage…'),
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

  /** "Stack by" with "Account" only when the usage read is of more than one account. */
  private renderDimension(): void {
    const withAccount = stacksByAccount(this.result);
    if (withAccount === this.dimensionWithAccount) return;
    this.dimensionWithAccount = withAccount;
    const options = DIMENSION_OPTIONS.filter((o) => withAccount || o.value !== 'account');
    const setDimension = (d: UsageDimension) => {
      this.store.update((s) => (s.usage.dimension = d));
      this.render();
    };
    const shown = shownDimension(this.store.state.usage.dimension, this.result);
    replace(this.dimensionSlot, select(l10n.t('Stack by'), options, shown, setDimension, 'usage-dimension').element);
  }

  private render(): void {
    const r = this.result;
    if (!r) return;
    this.renderDimension();
    const a = r.aggregate;
    const dim = shownDimension(this.store.state.usage.dimension, r);
    const range = formatRange(r.query.from, r.query.to);
    if (a.records === 0 || a.totalHours <= 0) {
      replace(this.body, failedAccounts(r), this.noUsage(r, range));
      return;
    }
    const breakdown = a.by[dim];
    this.chart.setData(stackedChart(r, breakdown));
    const d = DIMENSION_OPTIONS.find((o) => o.value === dim) ?? DIMENSION_OPTIONS[0]!;
    replace(
      this.body,
      failedAccounts(r),
      usageSummary(r, range),
      section(d.perDay, this.chart.element),
      section(d.totals, totalsTable(breakdown, a.totalHours, d.label, d.caption)),
    );
  }

  private noUsage(r: UsageResult, range: string): HTMLElement {
    const text =
      r.query.scope !== 'all'
        ? l10n.t('Frame reported no hours for {0} (Pacific time). Try a longer range.', range)
        : r.accounts === 1
          ? l10n.t('Frame reported no hours for {0} (Pacific time) in any of 1 account. Try a longer range.', range)
          : l10n.t(
              'Frame reported no hours for {0} (Pacific time) in any of {1} accounts. Try a longer range.',
              range,
              formatInt(r.accounts),
            );
    const longer =
      this.store.state.usage.preset === 'last90'
        ? []
        : [button(l10n.t('Show Last 90 Days'), () => this.pickPreset('last90'), { secondary: true })];
    return emptyState('usage-empty', l10n.t('No usage in this range'), text, ...longer);
  }

  private pickPreset(p: UsagePreset): void {
    this.range.value = p;
    this.setPreset(p);
  }
}
