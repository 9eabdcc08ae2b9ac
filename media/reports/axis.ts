/**
 * The labels of a day axis: which days get one, and what it says. As many as fit without
 * overlapping, evenly spaced (every day, every 2, 3, 7 or 14 days, then the first of every 1, 2,
 * 3, 6 or 12 months), and never the same label twice: the year is added where the range crosses
 * one, and to every label if that is what it takes. Pure (no DOM): test/unit/webview/axis.test.ts.
 */
import { formatDay, formatMonth } from '../shared/format';

export interface Tick {
  /** Index into the days of the axis. */
  index: number;
  label: string;
}

const DAY_STEPS = [1, 2, 3, 7, 14];
const MONTH_STEPS = [1, 2, 3, 6, 12];
/** Space between two labels, in pixels. */
export const LABEL_GAP_PX = 12;

const year = (day: string) => day.slice(0, 4);

/** Labels the days at `indices`; with the year where `yearWhen` says so, or everywhere when labels would repeat. */
function label(days: readonly string[], indices: number[], fmt: (day: string, withYear: boolean) => string, yearOnFirst: boolean): Tick[] {
  const crosses = year(days[0]!) !== year(days[days.length - 1]!);
  const ticks = indices.map((index, k) => {
    const day = days[index]!;
    const prev = k > 0 ? days[indices[k - 1]!]! : undefined;
    const withYear = prev === undefined ? yearOnFirst || crosses : year(prev) !== year(day);
    return { index, label: fmt(day, withYear) };
  });
  if (new Set(ticks.map((t) => t.label)).size === ticks.length) return ticks;
  return indices.map((index) => ({ index, label: fmt(days[index]!, true) }));
}

function everyNthDay(days: readonly string[], step: number): Tick[] {
  const indices: number[] = [];
  for (let i = 0; i < days.length; i += step) indices.push(i);
  return label(days, indices, formatDay, false);
}

function firstOfMonths(days: readonly string[], step: number): Tick[] {
  const indices: number[] = [];
  days.forEach((day, i) => {
    const monthNumber = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
    if (day.endsWith('-01') && monthNumber % step === 0) indices.push(i);
  });
  return indices.length ? label(days, indices, formatMonth, true) : [];
}

/**
 * The ticks of an axis of `days` (consecutive yyyy-MM-dd, one bar each, spread evenly over
 * `width` pixels), `measure` giving a label's width in pixels: the densest spacing whose labels
 * do not overlap.
 */
export function dayTicks(days: readonly string[], width: number, measure: (label: string) => number): Tick[] {
  const n = days.length;
  if (n === 0) return [];
  const slot = width / n;
  const fits = (ticks: Tick[]) =>
    ticks.every((t, k) => {
      if (k === 0) return true;
      const prev = ticks[k - 1]!;
      return (t.index - prev.index) * slot >= (measure(t.label) + measure(prev.label)) / 2 + LABEL_GAP_PX;
    });
  let coarsest: Tick[] | undefined;
  for (const ticks of [...DAY_STEPS.map((s) => everyNthDay(days, s)), ...MONTH_STEPS.map((s) => firstOfMonths(days, s))]) {
    if (!ticks.length) continue;
    if (fits(ticks)) return ticks;
    coarsest = ticks;
  }
  // Nothing fits (a very narrow chart): one label is better than a smudge.
  return coarsest ? coarsest.slice(0, 1) : [];
}
