/**
 * The Capacity tab: over the sessions the Sessions tab loaded, per system type and in total, the
 * capacity advisor (peak and p95 concurrency, 2-minute starts, suggested min / buffer / max with
 * the reasoning, "sessions that would have waited at max = M"), the per-minute concurrency
 * timeline and the weekday × hour heatmaps. A click on a minute or a cell (Enter on a focused
 * cell) shows the sessions behind it in the Sessions table. The host computes the figures in the
 * background after each load (src/core/insights), so they are there when the tab opens.
 */
import * as l10n from '@vscode/l10n';
import type { CapacityCsvTable, CapacityDrill, CapacityView, SqlFigure } from '../../src/protocol/reports';
import { isCancelledRpc, toRpcError } from '../../src/protocol/rpc';
import { select, textField } from '../shared/controls';
import { h, replace, setText } from '../shared/dom';
import { formatInt, formatNumber } from '../shared/format';
import type { Tab } from '../shared/tabs';
import { button, emptyState, errorBanner, section, warningBanner } from '../shared/widgets';
import {
  adviceCard,
  capacityKpis,
  fromSources,
  heatmapTable,
  usageVsSessionsCard,
  keyLabel,
  keysTable,
  WEEKDAYS,
} from './capacitySections';
import type { ReportsContext } from './context';
import { TimelineChart } from './timelineChart';
import { CostSection } from './costSection';

const MINUTE_MS = 60_000;

export class CapacityTab implements Tab<'capacity'> {
  readonly id = 'capacity';
  readonly title = l10n.t('Capacity');
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
      l10n.t(
        'Figures of the sessions loaded in the Sessions tab, on the report’s own clock (its start times as written; Frame does not say their time zone).',
      ),
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
      l10n.t('No sessions loaded'),
      l10n.t('Load one or more monthly reports in the Sessions tab: the Capacity figures are computed from the sessions loaded there.'),
    );
  }

  private async render(): Promise<void> {
    const view = this.view;
    if (!view) return;
    // The tab is drawn again each time it is shown: the chart keeps the keyboard if it had it.
    const refocus = this.timeline.element.contains(document.activeElement);
    const key = this.key();
    const v = view.keys.find((k) => k.figures.key === key) ?? view.keys[0];
    if (!v) return;
    if (v.figures.sessions === 0) {
      replace(
        this.body,
        emptyState(
          'capacity-none',
          l10n.t('No sessions with a start time'),
          l10n.t('The loaded reports hold no session with a start time.'),
        ),
      );
      return;
    }
    const keys = select(
      l10n.t('System type'),
      view.keys.map((k) => ({ value: k.figures.key, label: keyLabel(k.figures.key) })),
      key,
      (next) => {
        this.context.store.update((s) => (s.capacityKey = next));
        void this.render();
      },
      'capacity-key',
    );
    const waited = h('span', { class: 'waited', 'data-testid': 'capacity-waited', 'aria-live': 'polite' });
    const maxField = textField(
      l10n.t('e.g. {0}', v.advice.max),
      '',
      (text) => void this.waited(text, waited),
      'capacity-max',
      l10n.t('Max instances (M)'),
    );
    maxField.setAttribute('type', 'number');
    maxField.setAttribute('min', '0');
    const toPeak = button(
      l10n.t('Show Sessions at the Peak'),
      () =>
        v.figures.peakAt !== null &&
        this.drill({ kind: 'span', key, from: minuteOf(v.figures.peakAt), to: minuteOf(v.figures.peakAt) + MINUTE_MS }),
      {
        secondary: true,
        testId: 'capacity-peak-sessions',
        title: l10n.t('Show the sessions open in the minute of the peak in the Sessions table'),
      },
    );
    const counts = view.counts;
    const skipped = [
      counts.noStart
        ? counts.noStart === 1
          ? l10n.t('1 session without a start time (left out)')
          : l10n.t('{0} sessions without a start time (left out)', formatInt(counts.noStart))
        : '',
      counts.unknownDuration
        ? counts.unknownDuration === 1
          ? l10n.t('1 session with an empty duration (counted as starts only)')
          : l10n.t('{0} sessions with an empty duration (counted as starts only)', formatInt(counts.unknownDuration))
        : '',
      counts.clampedSessions
        ? counts.clampedSessions === 1
          ? l10n.t('1 session cut at 31 days after the last start')
          : l10n.t('{0} sessions cut at 31 days after the last start', formatInt(counts.clampedSessions))
        : '',
    ].filter(Boolean);
    const heat = (what: 'starts' | 'open') => (weekday: number, hour: number) => this.drill({ kind: 'cell', key, weekday, hour, what });
    const cellName = (weekday: number, hour: number) => `${WEEKDAYS[weekday - 1]} ${String(hour).padStart(2, '0')}:00`;
    replace(
      this.body,
      h(
        'div',
        { class: 'toolbar', role: 'group', 'aria-label': l10n.t('Capacity') },
        keys.element,
        h('div', { class: 'muted small capacity-sources' }, fromSources(view.sources, view.rows)),
      ),
      skipped.length ? warningBanner('capacity-skipped', skipped.join('; ') + '.') : null,
      capacityKpis(v),
      this.sqlRow([
        ['peak_concurrency', l10n.t('Peak')],
        ['p95_concurrency', l10n.t('p95 Concurrency')],
        ['max_arrivals_2min', l10n.t('Most Starts in 2 min')],
        ['p95_arrivals_2min_busy', l10n.t('Busy-Hour p95')],
      ]),
      section(
        l10n.t('Capacity advisor: {0}', keyLabel(key)),
        adviceCard(v),
        h(
          'div',
          { class: 'toolbar waited-row' },
          h('label', { class: 'field' }, h('span', {}, l10n.t('Sessions that would have waited at max =')), maxField),
          waited,
        ),
      ),
      section(
        l10n.t('Sessions open per minute'),
        h(
          'div',
          { class: 'toolbar' },
          toPeak,
          button(l10n.t('Show Whole Range'), () => this.timeline.resetZoom(), { secondary: true, testId: 'capacity-zoom-reset' }),
          h('div', { class: 'toolbar-spacer' }),
          this.exportButton('timeline', l10n.t('Export CSV'), l10n.t('Save the sessions open per minute as a CSV file')),
          this.exportButton('hoursByDay', l10n.t('Export Hours per Day'), l10n.t('Save the session hours of each day as a CSV file')),
          button(l10n.t('Save as PNG'), () => void this.saveChart('png'), {
            secondary: true,
            testId: 'capacity-timeline-png',
            title: l10n.t('Save the chart as drawn (the range shown) as a PNG image'),
          }),
          button(l10n.t('Save as SVG'), () => void this.saveChart('svg'), {
            secondary: true,
            testId: 'capacity-timeline-svg',
            title: l10n.t('Save the range shown as an SVG image (vector: the line, the peak, the axes’ ends)'),
          }),
        ),
        this.timeline.element,
        this.sqlRow([
          ['concurrency_timeline', l10n.t('Sessions Open per Minute')],
          ['peak_concurrency', l10n.t('Peak')],
          ['session_hours_by_day', l10n.t('Hours per Day')],
        ]),
      ),
      section(
        l10n.t('Session starts by weekday and hour'),
        this.exportRow('starts', l10n.t('Save the starts per weekday and hour as a CSV file')),
        this.sqlRow([['sessions_by_hour_weekday', l10n.t('Starts by Weekday and Hour')]]),
        heatmapTable(
          'capacity-starts-heatmap',
          l10n.t('Starts per weekday × hour over the loaded range. Enter or click a cell to see its sessions.'),
          v.starts,
          (c) => formatInt(v.starts[c] ?? 0),
          (d, hr) => {
            const n = v.starts[(d - 1) * 24 + hr] ?? 0;
            return n === 1
              ? l10n.t('{0}: 1 start. Enter shows them.', cellName(d, hr))
              : l10n.t('{0}: {1} starts. Enter shows them.', cellName(d, hr), formatInt(n));
          },
          heat('starts'),
        ),
      ),
      section(
        l10n.t('Concurrency by weekday and hour'),
        this.exportRow('concurrency', l10n.t('Save the concurrency per weekday and hour as a CSV file')),
        heatmapTable(
          'capacity-concurrency-heatmap',
          l10n.t(
            'Most sessions open at once in each weekday × hour (the mean in the cell’s title). Enter or click a cell for the sessions open then.',
          ),
          v.concurrencyMax,
          (c) => formatInt(v.concurrencyMax[c] ?? 0),
          (d, hr) => {
            const c = (d - 1) * 24 + hr;
            return l10n.t(
              '{0}: at most {1} open, {2} on average. Enter shows them.',
              cellName(d, hr),
              formatInt(v.concurrencyMax[c] ?? 0),
              formatNumber(v.concurrencyMean[c] ?? 0, 1),
            );
          },
          heat('open'),
        ),
      ),
      section(
        l10n.t('Every system type'),
        this.exportRow('figures', l10n.t('Save the figures and advice of every system type as a CSV file')),
        keysTable(view.keys),
      ),
    );
    if (refocus) this.timeline.element.focus({ preventScroll: true });
    const usage = h('div', { class: 'capacity-usage-slot' });
    this.body.append(section(l10n.t('Usage vs sessions (elasticity efficiency)'), usage));
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

  private exportButton(table: CapacityCsvTable, label: string, title: string): HTMLElement {
    return button(label, () => void this.exportCsv(table), { secondary: true, testId: `capacity-export-${table}`, title });
  }

  private exportRow(table: CapacityCsvTable, title: string): HTMLElement {
    return h(
      'div',
      { class: 'toolbar export-row' },
      h('div', { class: 'toolbar-spacer' }),
      this.exportButton(table, l10n.t('Export CSV'), title),
    );
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
          l10n.t(
            'Copied the SQL of “{0}” ({1}): replace <export folder> with the folder of Export Sessions as Parquet, then run it in DuckDB.',
            label,
            keyLabel(this.key()),
          ),
        );
      } catch (e) {
        setText(said, toRpcError(e).message);
      }
    };
    return h(
      'div',
      { class: 'toolbar sql-row' },
      h('span', { class: 'muted small' }, l10n.t('Copy as DuckDB SQL:')),
      ...figures.map(([figure, label]) =>
        button(label, () => void copy(figure, label), {
          secondary: true,
          testId: `capacity-sql-${figure}`,
          title: l10n.t('Copy the SQL that computes “{0}” from the Parquet export (DuckDB; the same definition as here)', label),
          ariaLabel: l10n.t('Copy as DuckDB SQL: {0}', label),
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
      setText(out, text.trim() ? l10n.t('Type a whole number of 0 or more.') : '');
      return;
    }
    try {
      const r = await this.context.rpc.request('capacityWaited', { key, max });
      setText(
        out,
        r.waited === 1
          ? l10n.t('1 session would have waited at max = {0} ({1}).', formatInt(r.max), keyLabel(r.key))
          : l10n.t('{0} sessions would have waited at max = {1} ({2}).', formatInt(r.waited), formatInt(r.max), keyLabel(r.key)),
      );
    } catch (e) {
      setText(out, toRpcError(e).message);
    }
  }
}

function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}
