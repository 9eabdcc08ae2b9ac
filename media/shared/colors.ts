/**
 * Series colours derived from the theme: opaque, and visible on the background they are drawn on.
 * VS Code's chart colours can be translucent (Dark and Light Modern's `charts.orange` is the find
 * highlight, #EA5C0055): painted on a canvas, in a legend and as a CSS background they would each
 * blend with whatever is under them and no longer match. So each one is composited over the
 * background once, and darkened (light themes) or lightened (dark themes) until it reaches 3:1
 * contrast with it (WCAG's minimum for graphics). Pure (no DOM): test/unit/webview/colors.test.ts.
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0..1 */
  a: number;
}

/** WCAG 2's minimum contrast of graphical objects against what is next to them. */
export const MIN_GRAPHIC_CONTRAST = 3;

/** Parses the colour forms VS Code and browsers write: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(), rgba(), "transparent". */
export function parseColor(text: string | undefined | null): Rgba | undefined {
  const s = (text ?? '').trim().toLowerCase();
  if (s === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3,8})$/.exec(s)?.[1];
  if (hex && [3, 4, 6, 8].includes(hex.length)) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    const n = (i: number) => parseInt(full.slice(i, i + 2), 16);
    return { r: n(0), g: n(2), b: n(4), a: full.length === 8 ? n(6) / 255 : 1 };
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(s)?.[1];
  if (fn) {
    const parts = fn.split(/[\s,/]+/).filter(Boolean);
    const channel = (p: string) => (p.endsWith('%') ? (Number(p.slice(0, -1)) / 100) * 255 : Number(p));
    const alpha = (p: string | undefined) => (p === undefined ? 1 : p.endsWith('%') ? Number(p.slice(0, -1)) / 100 : Number(p));
    const [r, g, b, a] = [...parts.slice(0, 3).map(channel), alpha(parts[3])];
    if ((parts.length === 3 || parts.length === 4) && [r, g, b, a].every((v) => Number.isFinite(v)))
      return { r: clamp(r!, 0, 255), g: clamp(g!, 0, 255), b: clamp(b!, 0, 255), a: clamp(a!, 0, 1) };
  }
  return undefined;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** `fg` painted over an opaque `bg`: the colour the eye sees (alpha 1). */
export function composite(fg: Rgba, bg: Rgba): Rgba {
  const mix = (f: number, b: number) => f * fg.a + b * (1 - fg.a);
  return { r: mix(fg.r, bg.r), g: mix(fg.g, bg.g), b: mix(fg.b, bg.b), a: 1 };
}

export function toHex(c: Rgba): string {
  const h = (v: number) =>
    Math.round(clamp(v, 0, 255))
      .toString(16)
      .padStart(2, '0');
  return `#${h(c.r)}${h(c.g)}${h(c.b)}`;
}

/** WCAG 2 relative luminance of an opaque colour. */
export function luminance(c: Rgba): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function toHsl({ r, g, b }: Rgba): { h: number; s: number; l: number } {
  const [R, G, B] = [r / 255, g / 255, b / 255];
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === R ? ((G - B) / d + 6) % 6 : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  return { h: h * 60, s, l };
}

function fromHsl({ h, s, l }: { h: number; s: number; l: number }): Rgba {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return { r: (r + m) * 255, g: (g + m) * 255, b: (b + m) * 255, a: 1 };
}

/**
 * An opaque colour made darker (on a light background) or lighter (on a dark one) until it has
 * `min` contrast with it, keeping its hue and saturation (mixing in black or white would turn an
 * orange into a brown or a beige).
 */
export function withContrast(c: Rgba, bg: Rgba, min = MIN_GRAPHIC_CONTRAST): Rgba {
  if (contrast(c, bg) >= min) return c;
  const hsl = toHsl(c);
  const darker = luminance(bg) > 0.18;
  // A little over the minimum: rounding to #rrggbb must not take it back under.
  const goal = min + 0.05;
  // Binary search for the lightness closest to the original that reaches the contrast.
  let near = hsl.l;
  let far = darker ? 0 : 1;
  if (contrast(fromHsl({ ...hsl, l: far }), bg) < goal) return fromHsl({ ...hsl, l: far });
  for (let i = 0; i < 24; i++) {
    const mid = (near + far) / 2;
    if (contrast(fromHsl({ ...hsl, l: mid }), bg) >= goal) far = mid;
    else near = mid;
  }
  return fromHsl({ ...hsl, l: far });
}

export interface PaletteInput {
  /** The theme's series colours (CSS colour strings), most distinct first; unreadable ones are skipped. */
  colors: (string | undefined)[];
  /** The colour for "Other" (usually the theme's chart lines colour). */
  other: string | undefined;
  /** What the series are drawn on. */
  background: string | undefined;
  /** The text colour, used when the theme gives no series colour at all. */
  foreground: string | undefined;
}

export interface Palette {
  /** Opaque #rrggbb, most distinct first (never empty). */
  series: string[];
  other: string;
}

/** The theme's series colours made opaque over the background and visible on it (see the top of this file). */
export function seriesPalette(input: PaletteInput): Palette {
  const bg = opaque(parseColor(input.background), { r: 255, g: 255, b: 255, a: 1 });
  const fg = parseColor(input.foreground) ?? (luminance(bg) > 0.18 ? { r: 0, g: 0, b: 0, a: 1 } : { r: 255, g: 255, b: 255, a: 1 });
  const derive = (c: Rgba) => toHex(withContrast(composite(c, bg), bg));
  const series = [
    ...new Set(
      input.colors
        .map(parseColor)
        .filter((c): c is Rgba => !!c && c.a > 0)
        .map(derive),
    ),
  ];
  if (!series.length) series.push(derive(fg));
  const other = parseColor(input.other);
  return { series, other: derive(other && other.a > 0 ? other : { ...fg, a: 0.5 }) };
}

/** A background that is itself translucent is taken over white (dark themes never do this for editors). */
function opaque(c: Rgba | undefined, under: Rgba): Rgba {
  if (!c) return under;
  return c.a >= 1 ? c : composite(c, under);
}
