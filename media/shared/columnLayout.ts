/**
 * The grid columns of a virtualized table, in the page's font: columns of numbers or dates as wide
 * as their header and their widest usual value; text columns at least as wide as their header and
 * a minimum, sharing what is left. Pure (the page's font is measured by dom.ts measureInPage).
 */

export type ColumnWidth =
  /** As wide as this typical value (a number or date in the page's locale) or the header. */
  | { sample: () => string }
  /** Text: at least `min` px (and the header), plus a `grow` share of the width left. */
  | { min: number; grow: number }
  /** Exactly this many px. */
  | { px: number };

/** A cell's horizontal padding, and what a header adds to its label (button padding, sort arrow). */
const CELL_PADDING = 16;
const HEADER_EXTRA = 4 + 12 + 4 + 12;

/** A column title as its name and its unit: "Latency (ms)" → ["Latency", "(ms)"]. */
export function splitTitle(title: string): [name: string, unit: string | undefined] {
  const m = /^(.*?)\s*(\([^)]*\))$/.exec(title);
  return m ? [m[1]!, m[2]!] : [title, undefined];
}

/** `grid-template-columns` for the columns, and the table's minimum width (below it, it scrolls sideways). */
export function columnLayout(
  columns: readonly { title: string; width: ColumnWidth }[],
  measure: (text: string, bold: boolean) => number,
): { template: string; minWidth: number; fixed: (number | null)[] } {
  let minWidth = 0;
  // Each track's width when it is fixed (px or sample), null when it grows.
  const fixed: (number | null)[] = [];
  const tracks = columns.map(({ title, width }) => {
    if ('px' in width) {
      minWidth += width.px;
      fixed.push(width.px);
      return `${width.px}px`;
    }
    const [name, unit] = splitTitle(title);
    const header = Math.ceil(Math.max(measure(name, true), unit ? measure(unit, false) : 0)) + HEADER_EXTRA;
    if ('sample' in width) {
      const w = Math.max(header, Math.ceil(measure(width.sample(), false)) + CELL_PADDING);
      minWidth += w;
      fixed.push(w);
      return `${w}px`;
    }
    const w = Math.max(header, width.min);
    minWidth += w;
    fixed.push(null);
    return `minmax(${w}px, ${width.grow}fr)`;
  });
  return { template: tracks.join(' '), minWidth, fixed };
}
