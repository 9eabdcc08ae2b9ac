/**
 * The grid columns of a virtualized table, in the page's font: columns of numbers or dates as wide
 * as their header and their widest usual value; text columns at least as wide as their header and
 * a minimum, sharing what is left; a column whose width the user chose, that width. Pure (the
 * page's font is measured by dom.ts measureInPage).
 */

export type ColumnWidth =
  /** As wide as this typical value (a number or date in the page's locale) or the header. */
  | { sample: () => string }
  /** Text: at least `min` px (and the header), plus a `grow` share of the width left. */
  | { min: number; grow: number }
  /** Exactly this many px. */
  | { px: number };

/**
 * A cell's horizontal padding; what a header adds to its label (the sort button's padding); the
 * sort arrow and its gap, on the header's second line after the unit (see virtualTable.css).
 */
const CELL_PADDING = 10;
const HEADER_EXTRA = 8;
const SORT_ARROW = 2 + 8;
/** The narrowest a user can make a column (its header and values then end in an ellipsis). */
export const MIN_COLUMN_WIDTH = 36;
/** The widest a user can make a column. */
export const MAX_COLUMN_WIDTH = 1200;

/** A width a user chose, kept within bounds (whole pixels). */
export function clampColumnWidth(px: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, px)));
}

/** Widths a user chose, as saved in a panel's UI state: only known keys with numbers, clamped. */
export function savedColumnWidths(saved: unknown, keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (!saved || typeof saved !== 'object' || Array.isArray(saved)) return out;
  for (const key of keys) {
    if (!Object.hasOwn(saved, key)) continue;
    const v = (saved as Record<string, unknown>)[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = clampColumnWidth(v);
  }
  return out;
}

/** A column title as its name and its unit: "Latency (ms)" → ["Latency", "(ms)"]. */
export function splitTitle(title: string): [name: string, unit: string | undefined] {
  const m = /^(.*?)\s*(\([^)]*\))$/.exec(title);
  return m ? [m[1]!, m[2]!] : [title, undefined];
}

/**
 * `grid-template-columns` for the columns, and the table's minimum width (below it, it scrolls
 * sideways). `chosen`: widths a user set by column key (by dragging a header's edge), exact.
 */
export function columnLayout(
  columns: readonly { key?: string; title: string; width: ColumnWidth }[],
  measure: (text: string, bold: boolean) => number,
  chosen: Readonly<Record<string, number>> = {},
): { template: string; minWidth: number; fixed: (number | null)[] } {
  let minWidth = 0;
  // Each track's width when it is fixed (px, sample or chosen), null when it grows.
  const fixed: (number | null)[] = [];
  const tracks = columns.map(({ key, title, width: given }) => {
    const own = key === undefined ? undefined : chosen[key];
    const width: ColumnWidth = own === undefined ? given : { px: clampColumnWidth(own) };
    if ('px' in width) {
      minWidth += width.px;
      fixed.push(width.px);
      return `${width.px}px`;
    }
    const [name, unit] = splitTitle(title);
    const header = Math.ceil(Math.max(measure(name, true), (unit ? measure(unit, false) : 0) + SORT_ARROW)) + HEADER_EXTRA;
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
