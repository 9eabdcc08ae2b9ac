/**
 * The Usage chart's stacks, without the DOM (so bare-Node tests run them): which breakdown is
 * shown, and its series per day of the range, the keys beyond the colours folded into "Other".
 */
import * as l10n from '@vscode/l10n';
import type { UsageAggregate, UsageDimension, UsageResult } from '../../src/protocol/reports';
import { daysBetween } from './dates';

type Breakdown = UsageAggregate['by'][UsageDimension];

/** Stacks beyond this many keys become "Other": more colours than this cannot be told apart. */
const MAX_STACKS = 6;

/** How many keys get their own colour (the rest are "Other"). */
export function stacksShown(breakdown: Breakdown): number {
  return breakdown.keys.length > MAX_STACKS + 1 ? MAX_STACKS : breakdown.keys.length;
}

/** Whether "Stack by: Account" is offered: the usage read is of more than one account. */
export function stacksByAccount(result: UsageResult | undefined): boolean {
  return result !== undefined && result.accounts > 1;
}

/**
 * The stack the chart shows: the saved choice, except "account" over one account's usage
 * (instance type then; the choice stays saved for the next rollup).
 */
export function shownDimension(saved: UsageDimension, result: UsageResult | undefined): UsageDimension {
  return saved === 'account' && !stacksByAccount(result) ? 'instance_type' : saved;
}

export interface StackedSeries {
  /** Every day of the range (yyyy-MM-dd), so that gaps in usage show as gaps. */
  days: string[];
  series: { label: string; values: number[] }[];
  /** Colour index per series (the theme's chart colours); -1: the "Other" colour. */
  colors: number[];
}

/** Hours per day of the range for each key of the breakdown, bottom of the stack first. */
export function stackedSeries(r: UsageResult, breakdown: Breakdown): StackedSeries {
  const days = daysBetween(r.query.from, r.query.to);
  const byDay = new Map(breakdown.series.map((s) => [s.day, s.values]));
  const shown = stacksShown(breakdown);
  const series = breakdown.keys.slice(0, shown).map((key, k) => ({ label: key, values: days.map((d) => byDay.get(d)?.[k] ?? 0) }));
  const colors = series.map((_, k) => k);
  if (shown < breakdown.keys.length) {
    series.push({
      label: l10n.t('Other ({0})', breakdown.keys.length - shown),
      values: days.map((d) => (byDay.get(d) ?? []).slice(shown).reduce((x, y) => x + y, 0)),
    });
    colors.push(-1);
  }
  return { days, series, colors };
}
