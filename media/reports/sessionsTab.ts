/**
 * The Sessions tab: pick monthly reports (and/or the last 24 h), load them on the host, then show
 * KPIs, charts, top lists, quality percentiles and the virtualized table of sessions (the section
 * renderers are in sessionsSections.ts). The webview only ever holds the aggregate and the table
 * pages on screen.
 */
import * as l10n from '@vscode/l10n';
import type { CapacityDrill, InitData, MonthRef, SessionsResult } from '../../src/protocol/reports';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { h, replace } from '../shared/dom';
import { LoadLifecycle } from '../shared/loadLifecycle';
import type { Tab } from '../shared/tabs';
import { markForTests } from '../shared/testSeam';
import { button, emptyState, errorBanner, ProgressView, section, setDisabled } from '../shared/widgets';
import { BarChart } from './charts';
import type { ReportsContext } from './context';
import { MonthPicker } from './monthPicker';
import {
  durationChart,
  loadedSources,
  malformedBanner,
  perDayChart,
  qualityTable,
  sessionKpis,
  topLists,
  type CsvSource,
} from './sessionsSections';
import { SessionsTableCard } from './sessionsTable';

export class SessionsTab implements Tab<'sessions'> {
  readonly id = 'sessions';
  readonly title = l10n.t('Sessions');
  readonly element: HTMLElement;
  private readonly progress: ProgressView;
  private readonly banner = h('div', { class: 'banner-slot' });
  private readonly body = h('div', { class: 'sessions-body' });
  private readonly picker: MonthPicker;
  private readonly perDay = new BarChart(l10n.t('Sessions per day'), 'sessions-per-day-chart');
  private readonly histogram = new BarChart(l10n.t('Session duration histogram'), 'sessions-duration-chart');
  private readonly table: SessionsTableCard;
  private readonly lifecycle: LoadLifecycle;
  private init: InitData;
  private result: SessionsResult | undefined;
  private receivedAt = 0;
  private activated = false;

  constructor(private readonly context: ReportsContext) {
    const { rpc, store } = context;
    this.init = context.init;
    const loadButton = button(l10n.t('Load'), () => void this.load(), {
      testId: 'sessions-load',
      title: l10n.t('Download (if needed) and read the chosen reports'),
    });
    this.picker = new MonthPicker(store, loadButton, () => void this.relistMonths());
    this.progress = new ProgressView('sessions-progress', () => void rpc.request('cancel', { what: 'sessions' }).catch(() => undefined));
    this.lifecycle = new LoadLifecycle({
      what: 'sessions',
      cancelled: l10n.t('Loading sessions was cancelled.'),
      banner: this.banner,
      body: this.body,
      progress: this.progress,
      busy: (busy) => (busy ? setDisabled(loadButton, true) : this.picker.updateLoadButton()),
    });
    this.table = new SessionsTableCard(rpc, store);
    this.picker.render(this.init);
    this.element = h(
      'div',
      { class: 'tab-body' },
      h('section', { class: 'card sources' }, h('h3', { id: 'sources-heading' }, l10n.t('Session reports')), this.picker.element),
      this.progress.element,
      this.banner,
      this.body,
    );
    replace(
      this.body,
      emptyState(
        'sessions-empty',
        l10n.t('No sessions loaded'),
        l10n.t(
          'Choose one or more monthly reports (or the last 24 hours) and press Load. Large months are downloaded once and kept, so loading them again is fast.',
        ),
      ),
    );
  }

  /** Retry after the months could not be listed: the host lists them again (init), the picker shows them or why not. */
  private async relistMonths(): Promise<void> {
    try {
      this.init = await this.context.rpc.request('init', null);
    } catch (e) {
      this.init = { ...this.context.init, monthsError: toRpcError(e).message };
    }
    this.picker.render(this.init);
  }

  onProgress(message: string, fraction?: number): void {
    this.progress.update(message, fraction);
  }

  /** Narrows the table to the sessions behind a Capacity minute or cell (shown when the result is). */
  drillTo(drill: CapacityDrill | null): void {
    if (this.result) this.table.drillTo(drill);
    else this.context.store.update((s) => (s.drill = drill));
  }

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

  async load(): Promise<void> {
    const q = structuredClone(this.context.store.state.sessions);
    if (!q.recent && !q.months.length) return;
    // A drill-down names minutes of the sessions loaded before: a new load shows all of them.
    this.context.store.update((s) => (s.drill = null));
    await this.lifecycle.run(
      l10n.t('Preparing session reports…'),
      () => this.context.rpc.request('loadSessions', q),
      (result) => this.show(result),
      () => void this.load(),
    );
    await this.refreshMarks();
  }

  /** Whether the saved choice can be shown again without downloading anything. */
  private canReloadQuietly(): boolean {
    const q = this.context.store.state.sessions;
    const byKey = new Map(this.init.months.map((m) => [m.key, m]));
    return !q.recent && q.months.length > 0 && q.months.every((k) => byKey.get(k)?.downloaded === true);
  }

  /**
   * Shows what the host still holds for this panel (the webview was only hidden and recreated);
   * false when it holds nothing (a new window: the host side is new too).
   */
  private async showCurrent(): Promise<boolean> {
    const current = await this.context.rpc.request('currentSessions', null).catch(() => null);
    if (current) this.show(current);
    return !!current;
  }

  /**
   * Reads the "downloaded" marks again after something may have downloaded a month (a load,
   * finished, failed or cancelled halfway; Open CSV), and updates the checkboxes in place.
   */
  private async refreshMarks(): Promise<void> {
    let months: MonthRef[];
    try {
      months = await this.context.rpc.request('months', null);
    } catch {
      return; // the marks stay as they were; nothing else depends on them
    }
    const byKey = new Map(months.map((m) => [m.key, m]));
    this.init = { ...this.init, months: this.init.months.map((m) => byKey.get(m.key) ?? m) };
    this.picker.mark(this.init.months);
  }

  private show(result: SessionsResult): void {
    this.receivedAt = performance.now();
    this.result = result;
    const a = result.aggregate;
    const sources = loadedSources(result, new Map(this.init.months.map((m) => [m.key, m.label])), {
      openCsv: (source) => void this.openCsv(source),
      exportParquet: () => void this.exportParquet(),
    });
    if (a.sessions === 0) {
      const none = emptyState(
        'sessions-none',
        l10n.t('No sessions'),
        l10n.t('The chosen reports hold no sessions. Try other months or the last 24 hours.'),
      );
      replace(this.body, sources, malformedBanner(result), none);
      return;
    }
    replace(
      this.body,
      sources,
      malformedBanner(result),
      sessionKpis(a),
      h(
        'div',
        { class: 'grid-2' },
        section(l10n.t('Sessions per day (report clock)'), this.perDay.element),
        section(l10n.t('Session duration'), this.histogram.element),
      ),
      topLists(a),
      section(l10n.t('Connection quality (per-session averages)'), qualityTable(a.quality)),
      this.table.element,
      this.table.details,
    );
    this.drawCharts(result);
    this.table.show(result.rows);
  }

  /** Charts after the DOM is in place, so they measure their real width on the first draw. */
  private drawCharts(result: SessionsResult): void {
    const receivedAt = this.receivedAt;
    this.perDay.onFirstDraw(() => markForTests('firstChartMs', (performance.now() - receivedAt).toFixed(1)));
    this.perDay.setData(perDayChart(result.aggregate));
    this.histogram.setData(durationChart(result.histogram));
  }

  private async exportParquet(): Promise<void> {
    try {
      await this.context.rpc.request('exportParquet', null);
    } catch (e) {
      if (!isCancelledRpc(e))
        replace(
          this.banner,
          errorBanner('export-parquet', toRpcError(e), () => void this.exportParquet()),
        );
    }
  }

  private async openCsv(source: CsvSource): Promise<void> {
    try {
      await this.context.rpc.request('openCsv', source);
      if ('month' in source) await this.refreshMarks();
    } catch (e) {
      if (!isCancelledRpc(e))
        replace(
          this.banner,
          errorBanner('open-csv', toRpcError(e), () => void this.openCsv(source)),
        );
    }
  }
}
