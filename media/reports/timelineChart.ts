/**
 * The concurrency timeline: sessions open per minute (uPlot, a stepped line in the theme's first
 * series colour), the peak marked with a line and its time. Drag across the chart to zoom into a
 * range, double-click (or Show Whole Range) to see all of it again; a click on a minute calls
 * `onMinute` with that minute's start (report-clock ms). By keyboard the chart is a slider over the
 * minutes: arrows move the focused minute (Page Up/Down an hour, Home/End the ends), Enter or
 * Space drills down, each move announced (aria-live). Colours come from the theme (theme.ts) and
 * the chart is rebuilt when it changes. `png()` and `svg()` are the Save as PNG / SVG images.
 */
import * as l10n from '@vscode/l10n';
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
  /** The minute the keyboard is on (index into the values). */
  private focused: number | undefined;
  private readonly announce = h('div', { class: 'muted small', 'data-testid': 'capacity-timeline-focus', 'aria-live': 'polite' });

  constructor(private readonly onMinute: (minuteMs: number) => void) {
    this.element = h(
      'div',
      {
        class: 'chart',
        'data-testid': 'capacity-timeline',
        tabindex: 0,
        role: 'slider',
        'aria-label': l10n.t(
          'Sessions open per minute. Arrow keys move a minute, Page Up and Page Down an hour, Enter shows its sessions.',
        ),
        'aria-valuemin': 0,
      },
      this.plotHost,
      this.tooltip,
      this.status,
      this.announce,
    );
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.element.addEventListener('focus', () => {
      if (this.focused === undefined) this.focusMinute(this.peakIndex());
    });
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
    // The figures asked again (the tab shown again, a key chosen back) keep the keyboard's minute
    // when it is still on the timeline: a reload must not move what Enter drills down into.
    const kept = this.data && this.focused !== undefined ? this.data.firstMinute + this.focused * 60_000 : undefined;
    this.data = data;
    const i = kept === undefined ? -1 : (kept - data.firstMinute) / 60_000;
    this.focused = Number.isInteger(i) && i >= 0 && i < data.values.length ? i : undefined;
    this.element.setAttribute('aria-valuemax', String(Math.max(0, data.values.length - 1)));
    this.build();
  }

  /** The chart as drawn (axes, line, peak) on the theme's background, as a PNG data URL; null before data. */
  png(): string | null {
    const canvas = this.plot?.ctx.canvas;
    if (!canvas) return null;
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim() || '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    return out.toDataURL('image/png');
  }

  /**
   * The range shown, drawn again as SVG (a stepped path, the peak line, the axes' ends labelled),
   * in the theme's colours: vector, for slides and documents. Text is numbers and times only.
   */
  svg(): string | null {
    const d = this.data;
    const u = this.plot;
    if (!d || !u || !d.values.length) return null;
    const theme = chartTheme();
    const x0 = d.firstMinute / 1000;
    const min = Math.max(0, Math.floor(((u.scales.x?.min ?? x0) - x0) / MINUTE_S));
    const max = Math.min(d.values.length - 1, Math.ceil(((u.scales.x?.max ?? x0) - x0) / MINUTE_S));
    const [W, H, L, T, B] = [800, 260, 44, 16, 24];
    const top = Math.max(1, d.peak) * 1.1;
    const span = Math.max(1, max - min + 1);
    const X = (i: number) => (L + ((i - min) / span) * (W - L - 8)).toFixed(1);
    const Y = (v: number) => (T + (1 - v / top) * (H - T - B)).toFixed(1);
    let path = `M${X(min)} ${Y(d.values[min] ?? 0)}`;
    for (let i = min; i <= max; i++) path += `H${X(i)}V${Y(d.values[i] ?? 0)}`;
    path += `H${X(max + 1)}`;
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const text = (x: string | number, y: string | number, t: string, anchor = 'start') =>
      `<text x="${x}" y="${y}" fill="${esc(theme.muted)}" font-size="11" font-family="sans-serif" text-anchor="${anchor}">${esc(t)}</text>`;
    const peakIndex = d.peakAt !== null ? Math.floor((d.peakAt - d.firstMinute) / 60_000) : -1;
    const peakLine =
      peakIndex >= min && peakIndex <= max
        ? `<line x1="${X(peakIndex)}" x2="${X(peakIndex)}" y1="${T}" y2="${H - B}" stroke="${esc(theme.foreground)}" stroke-dasharray="4 3"/>` +
          text(Number(X(peakIndex)) + 4, T + 10, l10n.t('Peak {0}', d.peak))
        : '';
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
      `<title>${esc(l10n.t('Sessions open per minute, {0} to {1} (report clock)', clockMinute(d.firstMinute + min * 60_000), clockMinute(d.firstMinute + max * 60_000)))}</title>` +
      `<rect width="${W}" height="${H}" fill="${esc(getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim() || '#ffffff')}"/>` +
      `<line x1="${L}" x2="${W - 8}" y1="${H - B}" y2="${H - B}" stroke="${esc(theme.grid)}"/>` +
      `<path d="${path}" fill="none" stroke="${esc(theme.series[0] ?? '#888888')}" stroke-width="1"/>` +
      peakLine +
      text(L - 4, Number(Y(0)) + 4, '0', 'end') +
      text(L - 4, Number(Y(d.peak)) + 4, String(d.peak), 'end') +
      text(L, H - 6, clockMinute(d.firstMinute + min * 60_000)) +
      text(W - 8, H - 6, clockMinute(d.firstMinute + max * 60_000), 'end') +
      '</svg>'
    );
  }

  private peakIndex(): number {
    const d = this.data;
    if (!d || d.peakAt === null) return 0;
    return Math.max(0, Math.min(d.values.length - 1, Math.floor((d.peakAt - d.firstMinute) / 60_000)));
  }

  private onKey(e: KeyboardEvent): void {
    const d = this.data;
    if (!d || !d.values.length) return;
    const at = this.focused ?? this.peakIndex();
    const step: Record<string, number> = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageUp: 60, PageDown: -60 };
    let next: number | undefined;
    if (e.key in step) next = at + step[e.key]!;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = d.values.length - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.onMinute(d.firstMinute + at * 60_000);
      return;
    } else return;
    e.preventDefault();
    this.focusMinute(Math.max(0, Math.min(d.values.length - 1, next)));
  }

  /** Puts the keyboard (and the cursor, scrolling a zoomed range) on a minute and says it. */
  private focusMinute(i: number): void {
    const d = this.data;
    const u = this.plot;
    if (!d || !d.values.length) return;
    this.focused = i;
    const x = d.firstMinute / 1000 + i * MINUTE_S;
    if (u) {
      const min = u.scales.x?.min;
      const max = u.scales.x?.max;
      if (min !== undefined && max !== undefined && min !== null && max !== null && (x < min || x > max)) {
        const width = max - min;
        const from = x < min ? x : x - width;
        u.setScale('x', { min: from, max: from + width });
      }
      u.setCursor({ left: u.valToPos(x, 'x'), top: u.bbox.height / devicePixelRatio / 2 });
    }
    const text = l10n.t(
      '{0} (report clock): {1} open at most. Enter shows the sessions.',
      clockMinute(d.firstMinute + i * 60_000),
      formatInt(d.values[i] ?? 0),
    );
    this.element.setAttribute('aria-valuenow', String(i));
    this.element.setAttribute('aria-valuetext', text);
    replace(this.announce, text);
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
          label: l10n.t('Sessions open'),
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
    const label = l10n.t('Peak {0}', formatInt(peak));
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
      l10n.t(
        'Showing {0} – {1} (report clock). Drag across the chart to zoom, double-click for the whole range, click a minute for its sessions.',
        clockMinute(min * 1000),
        clockMinute(max * 1000),
      ),
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
        h('span', { class: 'tt-label' }, l10n.t('Most open')),
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
