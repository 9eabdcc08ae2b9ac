/**
 * The concurrency timeline: sessions open per minute (uPlot, a stepped line in the theme's first
 * series colour), the peak marked with a line and its time. Drag across the chart to zoom into a
 * range, double-click (or Show Whole Range) to see all of it again; a click on a minute calls
 * `onMinute` with that minute's start (report-clock ms). Colours come from the theme (theme.ts)
 * and the chart is rebuilt when it changes.
 */
import uPlot from 'uplot';
import { h, replace } from '../shared/dom';
import { formatCompact, formatInt } from '../shared/format';
import { chartTheme, onThemeChange } from '../shared/theme';
import { clockMinute } from './capacitySections';

export interface TimelineData {
  firstMinute: number;
  values: number[];
  peak: number;
  peakAt: number | null;
}

const MINUTE_S = 60;

export class TimelineChart {
  readonly element: HTMLElement;
  private readonly plotHost = h('div', { class: 'chart-plot' });
  private readonly tooltip = h('div', { class: 'chart-tooltip', role: 'presentation', hidden: true });
  private readonly status = h('div', { class: 'muted small', 'data-testid': 'capacity-timeline-range', 'aria-live': 'polite' });
  private plot: uPlot | undefined;
  private data: TimelineData | undefined;
  private width = 0;
  private down: { x: number; y: number } | undefined;

  constructor(private readonly onMinute: (minuteMs: number) => void) {
    this.element = h(
      'div',
      { class: 'chart', 'data-testid': 'capacity-timeline', role: 'img', 'aria-label': 'Sessions open per minute' },
      this.plotHost,
      this.tooltip,
      this.status,
    );
    new ResizeObserver(() => {
      const w = Math.floor(this.plotHost.clientWidth);
      if (w > 0 && w !== this.width) {
        this.width = w;
        if (this.plot) this.plot.setSize({ width: w, height: 240 });
        else this.build();
      }
    }).observe(this.plotHost);
    onThemeChange(() => this.build());
  }

  setData(data: TimelineData): void {
    this.data = data;
    this.build();
  }

  /** Back to the whole range after a zoom. */
  resetZoom(): void {
    const d = this.data;
    if (!this.plot || !d || !d.values.length) return;
    const x0 = d.firstMinute / 1000;
    this.plot.setScale('x', { min: x0, max: x0 + (d.values.length - 1) * MINUTE_S });
  }

  private build(): void {
    this.plot?.destroy();
    this.plot = undefined;
    const d = this.data;
    if (!d) return;
    this.width = Math.floor(this.plotHost.clientWidth);
    const theme = chartTheme();
    const x0 = d.firstMinute / 1000;
    const xs = d.values.map((_, i) => x0 + i * MINUTE_S);
    const peakX = d.peakAt !== null ? Math.floor(d.peakAt / 60_000) * MINUTE_S : null;
    const axis = { stroke: theme.muted, font: theme.font, ticks: { show: false }, grid: { stroke: theme.grid, width: 1 } };
    const opts: uPlot.Options = {
      width: this.width || 300,
      height: 240,
      legend: { show: false },
      padding: [14, 8, 0, 0],
      cursor: { y: false, points: { show: false }, drag: { x: true, y: false, setScale: true } },
      scales: { x: { time: true }, y: { range: () => [0, Math.max(1, d.peak) * 1.1] } },
      // The report clock is read as UTC wall time: labels in UTC are the report's own times.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      axes: [
        { ...axis, grid: { show: false }, size: 40 },
        { ...axis, size: 44, values: (_u: uPlot, splits: number[]) => splits.map(formatCompact) },
      ],
      series: [
        {},
        {
          label: 'Sessions open',
          stroke: theme.series[0],
          fill: `${theme.series[0]}33`,
          width: 1,
          paths: uPlot.paths.stepped?.({ align: 1 }),
          points: { show: false },
        },
      ],
      hooks: {
        draw: [(u) => this.drawPeak(u, peakX, d.peak, theme.foreground, theme.font)],
        setCursor: [(u) => this.showTooltip(u)],
        setScale: [(u) => this.describeRange(u)],
      },
    };
    this.plot = new uPlot(opts, [xs, d.values], this.plotHost);
    const over = this.plot.over;
    over.addEventListener('mouseleave', () => (this.tooltip.hidden = true));
    over.addEventListener('mousedown', (e) => (this.down = { x: e.clientX, y: e.clientY }));
    over.addEventListener('mouseup', (e) => {
      const down = this.down;
      this.down = undefined;
      // A drag zooms; only a click (no movement) drills down.
      if (!down || Math.abs(e.clientX - down.x) > 3 || Math.abs(e.clientY - down.y) > 3) return;
      const i = this.plot?.cursor.idx;
      if (i !== null && i !== undefined && xs[i] !== undefined) this.onMinute(xs[i]! * 1000);
    });
    over.addEventListener('dblclick', () => this.resetZoom());
    this.describeRange(this.plot);
  }

  private drawPeak(u: uPlot, peakX: number | null, peak: number, color: string, font: string): void {
    if (peakX === null) return;
    const x = u.valToPos(peakX, 'x', true);
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = devicePixelRatio;
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.fillStyle = color;
    ctx.font = font.replace(/^(\d+(\.\d+)?)px/, (_, n: string) => `${Number(n) * devicePixelRatio}px`);
    ctx.textBaseline = 'bottom';
    const label = `Peak ${formatInt(peak)}`;
    const w = ctx.measureText(label).width;
    ctx.textAlign = x + w + 6 > u.bbox.left + u.bbox.width ? 'right' : 'left';
    ctx.fillText(label, ctx.textAlign === 'right' ? x - 4 : x + 4, u.bbox.top + 12 * devicePixelRatio);
    ctx.restore();
  }

  private describeRange(u: uPlot): void {
    const min = u.scales.x?.min;
    const max = u.scales.x?.max;
    if (min === undefined || max === undefined || min === null || max === null) return;
    replace(
      this.status,
      `Showing ${clockMinute(min * 1000)} – ${clockMinute(max * 1000)} (report clock). Drag across the chart to zoom, double-click for the whole range, click a minute for its sessions.`,
    );
  }

  private showTooltip(u: uPlot): void {
    const d = this.data;
    const i = u.cursor.idx;
    if (!d || i === null || i === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
      this.tooltip.hidden = true;
      return;
    }
    replace(
      this.tooltip,
      h('div', { class: 'tt-title' }, clockMinute(d.firstMinute + i * 60_000)),
      h(
        'div',
        { class: 'tt-row' },
        h('span', { class: 'tt-label' }, 'Most open'),
        h('span', { class: 'tt-value' }, formatInt(d.values[i] ?? 0)),
      ),
    );
    this.tooltip.hidden = false;
    const x = u.over.offsetLeft + u.cursor.left;
    const w = this.tooltip.offsetWidth;
    this.tooltip.style.left = `${x + 12 + w > this.plotHost.clientWidth ? Math.max(0, x - 12 - w) : x + 12}px`;
    this.tooltip.style.top = `${u.over.offsetTop + 4}px`;
  }
}
