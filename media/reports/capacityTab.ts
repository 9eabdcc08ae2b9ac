/**
 * The Capacity tab: over the sessions the Sessions tab loaded, per system type and in total, the
 * capacity advisor (peak and p95 concurrency, 2-minute starts, suggested min / buffer / max with
 * the reasoning, "sessions that would have waited at max = M"), the per-minute concurrency
 * timeline and the weekday × hour heatmaps. A click on a minute or a cell (Enter on a focused
 * cell) shows the sessions behind it in the Sessions table. The host computes the figures in the
 * background after each load (src/core/insights), so they are there when the tab opens.
 */
import type { CapacityCsvTable, CapacityDrill, CapacityView, SqlFigure } from '../../src/protocol/reports';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { select, textField } from '../shared/controls';
import { h, replace, setText } from '../shared/dom';
import { formatInt, formatNumber, plural } from '../shared/format';
import type { Tab } from '../shared/tabs';
import { button, emptyState, errorBanner, section, warningBanner } from '../shared/widgets';
import { adviceCard, capacityKpis, heatmapTable, usageVsSessionsCard, keyLabel, keysTable, WEEKDAYS } from './capacitySections';
import type { ReportsContext } from './context';
import { TimelineChart } from './timelineChart';
import { CostSection } from './costSection';

const MINUTE_MS = 60_000;

export class CapacityTab implements Tab<'capacity'> {
  readonly id = 'capacity';
  readonly title = 'Capacity';
  readonly element: HTMLElement;
  private readonly banner = h('div', { class: 'banner-slot' });
  private readonly body = h('div', { class: 'capacity-body', 'aria-live': 'polite' });
  private readonly timeline: TimelineChart;
  /** Of the usage loaded, not the sessions: shown with or without sessions. */
  private readonly cost: CostSection;
  private view: CapacityView | null = null;
  private seq = 0;

  constructor(
    private readonly context: ReportsContext,
    /** Shows the Sessions tab narrowed to these sessions. */
    private readonly drill: (d: CapacityDrill) => void,
  ) {
    this.timeline = new TimelineChart((minute) => this.drill({ kind: 'span', key: this.key(), from: minute, to: minute + MINUTE_MS }));
    const note = h(
      'p',
      { class: 'note', 'data-testid': 'capacity-clock-note' },
      'Figures of the sessions loaded in the Sessions tab, on the report’s own clock (its start times as written; Frame does not say their time zone).',
    );
    this.cost = new CostSection(context);
    this.element = h('div', { class: 'tab-body' }, note, this.banner, this.body, this.cost.element);
    replace(this.body, this.nothingLoaded());
  }

  onProgress(): void {
    // The Capacity tab loads nothing itself: the Sessions tab's load is what it shows.
  }

  /** Asks the host for the figures of what is loaded now (instant: computed after the load). */
  activate(): void {
    void this.refresh();
    void this.cost.refresh();
  }

  private key(): string {
    return this.context.store.state.capacityKey ?? '*';
  }

  private async refresh(): Promise<void> {
    const seq = ++this.seq;
    replace(this.banner);
    try {
      const view = await this.context.rpc.request('capacity', null);
      if (seq !== this.seq) return;
      this.view = view;
      if (!view) return replace(this.body, this.nothingLoaded());
      if (!view.keys.some((k) => k.figures.key === this.key())) this.context.store.update((s) => (s.capacityKey = '*'));
      await this.render();
    } catch (e) {
      if (seq === this.seq)
        replace(
          this.banner,
          errorBanner('capacity', toRpcError(e), () => void this.refresh()),
        );
    }
  }

  private nothingLoaded(): HTMLElement {
    return emptyState(
      'capacity-empty',
      'No sessions loaded',
      'Load one or more monthly reports in the Sessions tab: the Capacity figures are computed from the sessions loaded there.',
    );
  }

  private async render(): Promise<void> {
    const view = this.view;
    if (!view) return;
    const key = this.key();
    const v = view.keys.find((k) => k.figures.key === key) ?? view.keys[0];
    if (!v) return;
    if (v.figures.sessions === 0) {
      replace(
        this.body,
        emptyState('capacity-none', 'No sessions with a start time', 'The loaded reports hold no session with a start time.'),
      );
      return;
    }
    const keys = select(
      'System type',
      view.keys.map((k) => ({ value: k.figures.key, label: keyLabel(k.figures.key) })),
      key,
      (next) => {
        this.context.store.update((s) => (s.capacityKey = next));
        void this.render();
      },
      'capacity-key',
    );
    const waited = h('span', { class: 'waited', 'data-testid': 'capacity-waited', 'aria-live': 'polite' });
    const maxField = textField('e.g. ' + v.advice.max, '', (text) => void this.waited(text, waited), 'capacity-max', 'Max instances (M)');
    maxField.setAttribute('type', 'number');
    maxField.setAttribute('min', '0');
    const toPeak = button(
      'Show Sessions at the Peak',
      () =>
        v.figures.peakAt !== null &&
        this.drill({ kind: 'span', key, from: minuteOf(v.figures.peakAt), to: minuteOf(v.figures.peakAt) + MINUTE_MS }),
      {
        secondary: true,
        testId: 'capacity-peak-sessions',
        title: 'Show the sessions open in the minute of the peak in the Sessions table',
      },
    );
    const counts = view.counts;
    const skipped = [
      counts.noStart ? `${plural(counts.noStart, 'session')} without a start time (left out)` : '',
      counts.unknownDuration ? `${plural(counts.unknownDuration, 'session')} with an empty duration (counted as starts only)` : '',
      counts.clampedSessions ? `${plural(counts.clampedSessions, 'session')} cut at 31 days after the last start` : '',
    ].filter(Boolean);
    const heat = (what: 'starts' | 'open') => (weekday: number, hour: number) => this.drill({ kind: 'cell', key, weekday, hour, what });
    const cellName = (weekday: number, hour: number) => `${WEEKDAYS[weekday - 1]} ${String(hour).padStart(2, '0')}:00`;
    replace(
      this.body,
      h(
        'div',
        { class: 'toolbar', role: 'group', 'aria-label': 'Capacity' },
        keys.element,
        h(
          'div',
          { class: 'muted small capacity-sources' },
          `From ${view.sources.join(', ') || 'the loaded reports'}: ${plural(view.rows, 'session')}.`,
        ),
      ),
      skipped.length ? warningBanner('capacity-skipped', skipped.join('; ') + '.') : null,
      capacityKpis(v),
      this.sqlRow([
        ['peak_concurrency', 'Peak'],
        ['max_arrivals_2min', 'Most Starts in 2 min'],
        ['p95_arrivals_2min_busy', 'Busy-Hour p95'],
      ]),
      section(
        `Capacity advisor: ${keyLabel(key)}`,
        adviceCard(v),
        h(
          'div',
          { class: 'toolbar waited-row' },
          h('label', { class: 'field' }, h('span', {}, 'Sessions that would have waited at max ='), maxField),
          waited,
        ),
      ),
      section(
        'Sessions open per minute',
        h(
          'div',
          { class: 'toolbar' },
          toPeak,
          button('Show Whole Range', () => this.timeline.resetZoom(), { secondary: true, testId: 'capacity-zoom-reset' }),
          h('div', { class: 'toolbar-spacer' }),
          this.exportButton('timeline', 'Export CSV', 'the sessions open per minute'),
          this.exportButton('hoursByDay', 'Export Hours per Day', 'the session hours of each day'),
          button('Save as PNG', () => void this.saveChart('png'), {
            secondary: true,
            testId: 'capacity-timeline-png',
            title: 'Save the chart as drawn (the range shown) as a PNG image',
          }),
          button('Save as SVG', () => void this.saveChart('svg'), {
            secondary: true,
            testId: 'capacity-timeline-svg',
            title: 'Save the range shown as an SVG image (vector: the line, the peak, the axes’ ends)',
          }),
        ),
        this.timeline.element,
        this.sqlRow([
          ['peak_concurrency', 'Peak'],
          ['session_hours_by_day', 'Hours per Day'],
        ]),
      ),
      section(
        'Session starts by weekday and hour',
        this.exportRow('starts', 'the starts per weekday and hour'),
        this.sqlRow([['sessions_by_hour_weekday', 'Starts by Weekday and Hour']]),
        heatmapTable(
          'capacity-starts-heatmap',
          'Starts per weekday × hour over the loaded range. Enter or click a cell to see its sessions.',
          v.starts,
          (c) => formatInt(v.starts[c] ?? 0),
          (d, hr) => `${cellName(d, hr)}: ${plural(v.starts[(d - 1) * 24 + hr] ?? 0, 'start')}. Enter shows them.`,
          heat('starts'),
        ),
      ),
      section(
        'Concurrency by weekday and hour',
        this.exportRow('concurrency', 'the concurrency per weekday and hour'),
        heatmapTable(
          'capacity-concurrency-heatmap',
          'Most sessions open at once in each weekday × hour (the mean in the cell’s title). Enter or click a cell for the sessions open then.',
          v.concurrencyMax,
          (c) => formatInt(v.concurrencyMax[c] ?? 0),
          (d, hr) => {
            const c = (d - 1) * 24 + hr;
            return `${cellName(d, hr)}: at most ${formatInt(v.concurrencyMax[c] ?? 0)} open, ${formatNumber(v.concurrencyMean[c] ?? 0, 1)} on average. Enter shows them.`;
          },
          heat('open'),
        ),
      ),
      section('Every system type', this.exportRow('figures', 'the figures and advice of every system type'), keysTable(view.keys)),
    );
    const usage = h('div', { class: 'capacity-usage-slot' });
    this.body.append(section('Usage vs sessions (elasticity efficiency)', usage));
    void this.context.rpc.request('capacityUsage', null).then(
      (u) => replace(usage, usageVsSessionsCard(u)),
      (e: unknown) => replace(usage, errorBanner('capacity-usage', toRpcError(e))),
    );
    try {
      const t = await this.context.rpc.request('capacityTimeline', { key });
      if (t.key !== this.key()) return;
      this.timeline.setData({ firstMinute: t.firstMinute, values: t.values, peak: v.figures.peakConcurrency, peakAt: v.figures.peakAt });
    } catch (e) {
      replace(
        this.banner,
        errorBanner('capacity-timeline', toRpcError(e), () => void this.render()),
      );
    }
  }

  private exportButton(table: CapacityCsvTable, label: string, what: string): HTMLElement {
    return button(label, () => void this.exportCsv(table), {
      secondary: true,
      testId: `capacity-export-${table}`,
      title: `Save ${what} as a CSV file`,
    });
  }

  private exportRow(table: CapacityCsvTable, what: string): HTMLElement {
    return h('div', { class: 'toolbar export-row' }, h('div', { class: 'toolbar-spacer' }), this.exportButton(table, 'Export CSV', what));
  }

  private async exportCsv(table: CapacityCsvTable): Promise<void> {
    try {
      await this.context.rpc.request('exportCapacity', { table, key: this.key() });
    } catch (e) {
      if (!isCancelledRpc(e))
        replace(
          this.banner,
          errorBanner('capacity-export', toRpcError(e), () => void this.exportCsv(table)),
        );
    }
  }

  /**
   * "Copy as DuckDB SQL" buttons: each figure's definition as SQL over the Parquet export
   * (Export Sessions as Parquet), copied by the host; the line after them says what was copied.
   */
  private sqlRow(figures: [SqlFigure, string][]): HTMLElement {
    const said = h('span', { class: 'muted small', 'data-testid': 'capacity-sql-copied', 'aria-live': 'polite' });
    const copy = async (figure: SqlFigure, label: string) => {
      try {
        await this.context.rpc.request('copySql', { figure, key: this.key() });
        setText(
          said,
          `Copied the SQL of “${label}” (${keyLabel(this.key())}): replace <export folder> with the folder of Export Sessions as Parquet, then run it in DuckDB.`,
        );
      } catch (e) {
        setText(said, toRpcError(e).message);
      }
    };
    return h(
      'div',
      { class: 'toolbar sql-row' },
      h('span', { class: 'muted small' }, 'Copy as DuckDB SQL:'),
      ...figures.map(([figure, label]) =>
        button(label, () => void copy(figure, label), {
          secondary: true,
          testId: `capacity-sql-${figure}`,
          title: `Copy the SQL that computes “${label}” from the Parquet export (DuckDB; the same definition as here)`,
          ariaLabel: `Copy as DuckDB SQL: ${label}`,
        }),
      ),
      said,
    );
  }

  private async saveChart(format: 'png' | 'svg'): Promise<void> {
    const data = format === 'png' ? this.timeline.png() : this.timeline.svg();
    if (!data) return;
    try {
      await this.context.rpc.request('saveChart', { chart: 'timeline', key: this.key(), format, data });
    } catch (e) {
      if (!isCancelledRpc(e))
        replace(
          this.banner,
          errorBanner('capacity-chart', toRpcError(e), () => void this.saveChart(format)),
        );
    }
  }

  private async waited(text: string, out: HTMLElement): Promise<void> {
    const key = this.key();
    const max = Number(text);
    if (!text.trim() || !Number.isSafeInteger(max) || max < 0) {
      setText(out, text.trim() ? 'Type a whole number of 0 or more.' : '');
      return;
    }
    try {
      const r = await this.context.rpc.request('capacityWaited', { key, max });
      setText(out, `${plural(r.waited, 'session')} would have waited at max = ${formatInt(r.max)} (${keyLabel(r.key)}).`);
    } catch (e) {
      setText(out, toRpcError(e).message);
    }
  }
}

function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}
