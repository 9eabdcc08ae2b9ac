/**
 * Bar charts on uPlot (a small canvas library): single series or stacked, on a day axis or on
 * categories. Canvas colours come from the VS Code theme (theme.ts) and the chart is rebuilt
 * when the theme changes; it follows its container's width with a ResizeObserver. uPlot's own
 * legend is off: ours is plain DOM built with textContent, like the hover tooltip.
 */
import * as l10n from '@vscode/l10n';
import uPlot from 'uplot';
import { h, replace } from '../shared/dom';
import { dayTicks, type Tick } from './axis';
import { formatCompact, formatDay } from '../shared/format';
import { markElementForTests } from '../shared/testSeam';
import { chartTheme, onThemeChange, seriesColor, seriesVar } from '../shared/theme';

export interface BarSeries {
  label: string;
  values: number[];
}

export interface BarChartSpec {
  /** Days (yyyy-MM-dd) or category labels, one per bar. */
  x: string[];
  kind: 'days' | 'categories';
  /** One series: plain bars; several: stacked in this order, bottom first. */
  series: BarSeries[];
  format: (v: number) => string;
  /** Unit shown in the tooltip after the values, e.g. "h". */
  unit?: string;
  /** Title of the tooltip for bar i (defaults to the x label). */
  title?: (i: number) => string;
  /** Colour index per series (defaults 0, 1, 2…); -1 means the "other" colour. */
  colors?: number[];
  height?: number;
}

const DAY_S = 86_400;

let measureContext: CanvasRenderingContext2D | null | undefined;

/** A label's width in the chart's font (the axis labels are painted on the canvas). */
function measure(font: string, text: string): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 7;
  measureContext.font = font;
  return measureContext.measureText(text).width;
}

function dayX(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

export class BarChart {
  readonly element: HTMLElement;
  private readonly plotHost: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly tooltip: HTMLElement;
  private plot: uPlot | undefined;
  private spec: BarChartSpec | undefined;
  private width = 0;
  private firstDraw: (() => void) | undefined;
  /** The day axis's ticks for a plot width (uPlot asks for splits and labels separately). */
  private ticks: { spec: BarChartSpec; width: number; ticks: Tick[] } | undefined;

  constructor(label: string, testId: string) {
    this.plotHost = h('div', { class: 'chart-plot' });
    this.tooltip = h('div', { class: 'chart-tooltip', role: 'presentation', hidden: true });
    this.legend = h('ul', { class: 'chart-legend', 'aria-label': l10n.t('{0} legend', label) });
    // The canvas says nothing to a screen reader; the tables next to each chart carry the numbers.
    this.element = h(
      'div',
      { class: 'chart', 'data-testid': testId, role: 'img', 'aria-label': label },
      this.plotHost,
      this.tooltip,
      this.legend,
    );
    // Charts live as long as the page: nothing to disconnect.
    const resize = new ResizeObserver(() => {
      const w = Math.floor(this.plotHost.clientWidth);
      if (w > 0 && w !== this.width) {
        this.width = w;
        if (this.plot) this.plot.setSize({ width: w, height: this.spec?.height ?? 220 });
        else this.build();
      }
    });
    resize.observe(this.plotHost);
    onThemeChange(() => this.build());
  }

  /** Calls `fn` once, after the next first paint of this chart. */
  onFirstDraw(fn: () => void): void {
    this.firstDraw = fn;
  }

  setData(spec: BarChartSpec): void {
    this.spec = spec;
    this.build();
  }

  private build(): void {
    this.plot?.destroy();
    this.plot = undefined;
    const spec = this.spec;
    if (!spec) return;
    this.width = Math.floor(this.plotHost.clientWidth);
    this.renderLegend(spec);
    const xs = spec.kind === 'days' ? spec.x.map(dayX) : spec.x.map((_, i) => i);
    const { cumulative, order, max } = stacked(spec);
    const data: uPlot.AlignedData = [xs, ...order.map((k) => cumulative[k]!)];
    this.plot = new uPlot(this.options(spec, xs, order, max), data, this.plotHost);
    this.plot.over.addEventListener('mouseleave', () => (this.tooltip.hidden = true));
  }

  /** uPlot's options: bars in the theme's series colours, our own axes, a tooltip on hover. */
  private options(spec: BarChartSpec, xs: number[], order: number[], max: number): uPlot.Options {
    const theme = chartTheme();
    const n = xs.length;
    const days = spec.kind === 'days';
    const colorOf = (k: number) => seriesColor(theme, spec.colors?.[k] ?? k);
    const bars = uPlot.paths.bars?.({ size: [0.72, 48, 1], gap: 1, radius: 0 });
    const axisCommon = { stroke: theme.muted, font: theme.font, ticks: { show: false }, grid: { stroke: theme.grid, width: 1 } };
    return {
      width: this.width || 300,
      height: spec.height ?? 220,
      legend: { show: false },
      padding: [8, 8, 0, 0],
      cursor: { y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: {
          time: days,
          range: () => (days ? [(xs[0] ?? 0) - DAY_S / 2, (xs[n - 1] ?? 0) + DAY_S / 2] : [-0.5, n - 0.5]),
        },
        y: { range: () => [0, max > 0 ? max * 1.08 : 1] },
      },
      // Day labels in UTC: x values are UTC midnights of calendar days (Pacific or UTC per chart).
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      axes: [
        { ...axisCommon, grid: { show: false }, size: 28, space: days ? 56 : 30, ...this.xLabels(spec, xs, theme.font) },
        { ...axisCommon, size: 44, values: (_u: uPlot, splits: number[]) => splits.map(formatCompact) },
      ],
      series: [
        {},
        ...order.map((k) => ({
          label: spec.series[k]!.label,
          fill: colorOf(k),
          stroke: colorOf(k),
          width: 0,
          paths: bars,
          points: { show: false },
        })),
      ],
      hooks: { draw: [() => this.drawn()], setCursor: [(u) => this.showTooltip(u)] },
    };
  }

  /** Where the x axis has labels, and which. */
  private xLabels(spec: BarChartSpec, xs: number[], font: string): Pick<uPlot.Axis, 'splits' | 'values'> {
    if (spec.kind === 'days')
      return {
        // Our own ticks: uPlot's time splits fall on hours within a short range, and
        // every hour of one day would be labelled with that same day.
        splits: (u: uPlot) => this.dayTicks(u, spec, font).map((t) => xs[t.index]!),
        values: (u: uPlot) => this.dayTicks(u, spec, font).map((t) => t.label),
      };
    return {
      splits: () => xs,
      // Thin out category labels that would overlap on a narrow chart.
      values: (u: uPlot) => {
        const per = u.bbox.width / devicePixelRatio / Math.max(1, xs.length);
        const step = Math.max(1, Math.ceil(52 / per));
        return spec.x.map((label, i) => (i % step ? '' : label));
      },
    };
  }

  private drawn(): void {
    const fn = this.firstDraw;
    this.firstDraw = undefined;
    fn?.();
  }

  private dayTicks(u: uPlot, spec: BarChartSpec, font: string): Tick[] {
    const width = u.bbox.width / devicePixelRatio;
    if (this.ticks?.spec !== spec || this.ticks.width !== width) {
      const ticks = dayTicks(spec.x, width, (label) => measure(font, label));
      this.ticks = { spec, width, ticks };
      markElementForTests(this.element, 'xLabels', ticks.map((t) => t.label).join(' | '));
    }
    return this.ticks.ticks;
  }

  private renderLegend(spec: BarChartSpec): void {
    if (spec.series.length < 2) {
      this.legend.hidden = true;
      return;
    }
    this.legend.hidden = false;
    replace(
      this.legend,
      ...spec.series.map((s, k) => {
        const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
        swatch.style.background = seriesVar(spec.colors?.[k] ?? k);
        return h('li', {}, swatch, s.label);
      }),
    );
  }

  private showTooltip(u: uPlot): void {
    const spec = this.spec;
    const i = u.cursor.idx;
    if (!spec || i === null || i === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
      this.tooltip.hidden = true;
      return;
    }
    const title = spec.title ? spec.title(i) : spec.kind === 'days' ? formatDay(spec.x[i] ?? '') : (spec.x[i] ?? '');
    replace(this.tooltip, h('div', { class: 'tt-title' }, title), ...tooltipRows(spec, i));
    this.tooltip.hidden = false;
    // Keep the tooltip inside the chart: flip to the left of the cursor past the middle.
    const overLeft = u.over.offsetLeft;
    const x = overLeft + u.cursor.left;
    const w = this.tooltip.offsetWidth;
    const left = x + 12 + w > this.plotHost.clientWidth ? Math.max(0, x - 12 - w) : x + 12;
    this.tooltip.style.left = `${left}px`;
    this.tooltip.style.top = `${u.over.offsetTop + 4}px`;
  }
}

/**
 * Stacking: series k is drawn as the running total of series 0..k, the tallest first (`order`), so
 * each shorter one paints over the bottom part of the previous one.
 */
function stacked(spec: BarChartSpec): { cumulative: number[][]; order: number[]; max: number } {
  const cumulative: number[][] = [];
  let running = new Array<number>(spec.x.length).fill(0);
  for (const s of spec.series) {
    running = running.map((v, i) => v + (s.values[i] ?? 0));
    cumulative.push(running);
  }
  const order = spec.series.map((_, k) => k).reverse();
  return { cumulative, order, max: Math.max(0, ...(cumulative[cumulative.length - 1] ?? [0])) };
}

/** The tooltip's lines for bar `i`: each series (top of the stack first, like the bars), then the total. */
function tooltipRows(spec: BarChartSpec, i: number): HTMLElement[] {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const rows = spec.series
    .map((s, k) => ({ s, k, v: s.values[i] ?? 0 }))
    .filter((r) => spec.series.length === 1 || r.v > 0)
    .reverse()
    .map(({ s, k, v }) => {
      const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = seriesVar(spec.colors?.[k] ?? k);
      return h(
        'div',
        { class: 'tt-row' },
        swatch,
        h('span', { class: 'tt-label' }, s.label),
        h('span', { class: 'tt-value' }, spec.format(v) + unit),
      );
    });
  if (spec.series.length > 1) {
    const total = spec.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0);
    rows.push(
      h(
        'div',
        { class: 'tt-row tt-total' },
        h('span', { class: 'tt-label' }, l10n.t('Total')),
        h('span', { class: 'tt-value' }, spec.format(total) + unit),
      ),
    );
  }
  return rows;
}
