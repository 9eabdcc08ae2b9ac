/**
 * Theme colours. CSS styles the DOM through var(--vscode-*) directly, but uPlot paints a canvas, so
 * the variables are read with getComputedStyle, and read again when VS Code switches theme (it
 * rewrites the variables on <html> and the theme class on <body>).
 *
 * Series colours are computed HERE and nowhere else (colors.ts: opaque, visible on the cards'
 * background): the canvas gets them from chartTheme(), the DOM (legends, swatches, share and
 * ranked bars) through the `--series-N` / `--series-other` variables this module sets on <body>,
 * so a swatch is always the colour of its bars.
 */
import { seriesPalette } from './colors';

/** Series colour slots: stacks beyond these repeat the palette (the usage tab folds them into "Other"). */
export const SERIES_SLOTS = 6;

export interface ChartTheme {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  font: string;
  /** SERIES_SLOTS opaque colours, most distinct first. */
  series: string[];
  other: string;
}

function cssVar(name: string, style: CSSStyleDeclaration): string {
  return style.getPropertyValue(name).trim();
}

function first(style: CSSStyleDeclaration, ...names: string[]): string {
  for (const n of names) {
    const v = cssVar(n, style);
    if (v) return v;
  }
  return style.color;
}

const CHART_COLORS = ['blue', 'orange', 'green', 'purple', 'yellow', 'red'];

function read(): ChartTheme {
  const s = getComputedStyle(document.documentElement);
  const body = getComputedStyle(document.body);
  const foreground = first(s, '--vscode-charts-foreground', '--vscode-foreground', '--vscode-editor-foreground');
  const size = cssVar('--vscode-font-size', s) || '13px';
  const family = cssVar('--vscode-font-family', s) || body.fontFamily;
  // What the series are drawn on: the cards' background (reports.css: --card-bg).
  const background = first(s, '--vscode-sideBar-background', '--vscode-editor-background');
  const palette = seriesPalette({
    colors: CHART_COLORS.map((c) => cssVar(`--vscode-charts-${c}`, s)),
    other: first(s, '--vscode-charts-lines', '--vscode-descriptionForeground'),
    background,
    foreground,
  });
  return {
    foreground,
    muted: first(s, '--vscode-descriptionForeground', '--vscode-charts-foreground', '--vscode-foreground'),
    grid: first(s, '--vscode-charts-lines', '--vscode-panel-border', '--vscode-widget-border'),
    background,
    font: `${parseFloat(size) - 1 || 12}px ${family}`,
    series: Array.from({ length: SERIES_SLOTS }, (_, k) => palette.series[k % palette.series.length]!),
    other: palette.other,
  };
}

let cached: { key: string; theme: ChartTheme } | undefined;

function signature(): string {
  const s = getComputedStyle(document.documentElement);
  return [
    document.body.className,
    ...[
      ...CHART_COLORS.map((c) => `--vscode-charts-${c}`),
      '--vscode-charts-lines',
      '--vscode-sideBar-background',
      '--vscode-editor-background',
      '--vscode-foreground',
    ].map((n) => cssVar(n, s)),
  ].join('|');
}

/** The current theme's chart colours; (re)publishes the series variables when the theme changed. */
export function chartTheme(): ChartTheme {
  const key = signature();
  if (cached?.key !== key) {
    cached = { key, theme: read() };
    const style = document.body.style;
    cached.theme.series.forEach((c, k) => style.setProperty(`--series-${k}`, c));
    style.setProperty('--series-other', cached.theme.other);
  }
  return cached.theme;
}

/** The colour of series `index` (-1: "Other") on the canvas. */
export function seriesColor(theme: ChartTheme, index: number): string {
  return index < 0 ? theme.other : theme.series[index % SERIES_SLOTS]!;
}

/** The same colour for the DOM, as a CSS value that follows theme changes by itself. */
export function seriesVar(index: number): string {
  return index < 0 ? 'var(--series-other)' : `var(--series-${index % SERIES_SLOTS})`;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let observer: MutationObserver | undefined;

/** Calls `fn` after every theme change; returns an unsubscribe function. */
export function onThemeChange(fn: Listener): () => void {
  if (!observer) {
    let last = signature();
    observer = new MutationObserver(() => {
      const now = signature();
      if (now === last) return;
      last = now;
      chartTheme(); // the series variables first: listeners may read them
      for (const l of [...listeners]) l();
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  }
  listeners.add(fn);
  return () => listeners.delete(fn);
}
