/**
 * Theme colours for canvas drawing. CSS styles the DOM through var(--vscode-*) directly, but
 * uPlot paints a canvas, so the variables are read with getComputedStyle, and read again when
 * VS Code switches theme (it changes the body class and the variables together).
 */
export interface ChartTheme {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  font: string;
  /** Series colours, most distinct first. */
  palette: string[];
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

export function chartTheme(): ChartTheme {
  const s = getComputedStyle(document.documentElement);
  const body = getComputedStyle(document.body);
  const foreground = first(s, '--vscode-charts-foreground', '--vscode-foreground', '--vscode-editor-foreground');
  const size = cssVar('--vscode-font-size', s) || '13px';
  const family = cssVar('--vscode-font-family', s) || body.fontFamily;
  const palette = ['blue', 'orange', 'green', 'purple', 'yellow', 'red'].map((c) => cssVar(`--vscode-charts-${c}`, s)).filter(Boolean);
  return {
    foreground,
    muted: first(s, '--vscode-descriptionForeground', '--vscode-charts-foreground', '--vscode-foreground'),
    grid: first(s, '--vscode-charts-lines', '--vscode-panel-border', '--vscode-widget-border'),
    background: first(s, '--vscode-editor-background'),
    font: `${parseFloat(size) - 1 || 12}px ${family}`,
    palette: palette.length ? palette : [foreground],
    other: first(s, '--vscode-charts-lines', '--vscode-descriptionForeground'),
  };
}

type Listener = () => void;
const listeners = new Set<Listener>();
let observer: MutationObserver | undefined;

/** Calls `fn` after every theme change; returns an unsubscribe function. */
export function onThemeChange(fn: Listener): () => void {
  if (!observer) {
    let last = document.body.className;
    observer = new MutationObserver(() => {
      if (document.body.className === last) return;
      last = document.body.className;
      for (const l of [...listeners]) l();
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }
  listeners.add(fn);
  return () => listeners.delete(fn);
}
