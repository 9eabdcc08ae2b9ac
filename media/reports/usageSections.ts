/**
 * The sections of the Usage tab's result, one renderer each: accounts that failed, the total,
 * the stacked chart's data, and the totals table. Values go in as text; colours are var(--series-N).
 */
import type { UsageAggregate, UsageDimension, UsageResult } from '../../src/protocol/reports';
import { h } from '../shared/dom';
import { formatHours, formatInt, formatPercent, plural } from '../shared/format';
import { seriesVar } from '../shared/theme';
import { warningBanner } from '../shared/widgets';
import type { BarChartSpec } from './charts';
import { stackedSeries, stacksShown } from './usageSeries';

type Breakdown = UsageAggregate['by'][UsageDimension];

/** The accounts of an "all accounts" rollup that could not be read, and why. */
export function failedAccounts(r: UsageResult): HTMLElement | null {
  const failed = r.failedAccounts;
  if (!failed.length) return null;
  return warningBanner(
    'usage-failed-accounts',
    `${plural(failed.length, 'account')} could not be read and ${failed.length === 1 ? 'is' : 'are'} not included:`,
    h('ul', { class: 'failed-list' }, ...failed.map((f) => h('li', {}, h('strong', {}, f.name), ': ', f.message))),
  );
}

/** The total hours in big, with the range, scope and records read. */
export function usageSummary(r: UsageResult, range: string): HTMLElement {
  const a = r.aggregate;
  const scopeText = r.query.scope === 'all' ? `all accounts (${formatInt(r.accounts)})` : 'this account';
  const skipped = a.skipped ? ` · ${formatInt(a.skipped)} unreadable skipped` : '';
  return h(
    'div',
    { class: 'summary' },
    h(
      'div',
      { class: 'big-number' },
      h('span', { 'data-testid': 'usage-total-hours' }, formatHours(a.totalHours)),
      h('span', { class: 'big-unit' }, ' hours'),
    ),
    h('div', { class: 'summary-caption' }, `${range} · Pacific time · ${scopeText}`),
    h('div', { class: 'summary-caption muted' }, `${plural(a.records, 'usage record')}${skipped}`),
  );
}

/** Hours per day stacked by key; every day of the range gets a slot, so gaps in usage show as gaps. */
export function stackedChart(r: UsageResult, breakdown: Breakdown): BarChartSpec {
  const { days, series, colors } = stackedSeries(r, breakdown);
  return { x: days, kind: 'days', series, colors, format: (v) => formatHours(v), unit: 'h', height: 240 };
}

/** Hours and share per key, with the chart's colour and a share bar. */
export function totalsTable(breakdown: Breakdown, totalHours: number, dimLabel: string): HTMLElement {
  const shown = stacksShown(breakdown);
  const row = (t: { key: string; hours: number }, k: number) => {
    const colour = seriesVar(k < shown ? k : -1);
    const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
    swatch.style.background = colour;
    const bar = h('span', { class: 'share-bar' });
    bar.style.background = colour;
    bar.style.width = `${(t.hours / totalHours) * 100}%`;
    return h(
      'tr',
      {},
      h('td', {}, swatch, t.key),
      h('td', { class: 'num' }, formatHours(t.hours)),
      h('td', { class: 'num' }, formatPercent(t.hours / totalHours)),
      h('td', { class: 'share-col', 'aria-hidden': 'true' }, h('span', { class: 'share-track' }, bar)),
    );
  };
  return h(
    'table',
    { class: 'data-table', 'data-testid': 'usage-table' },
    h('caption', { class: 'visually-hidden' }, `Hours by ${dimLabel.toLowerCase()}`),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, dimLabel),
        h('th', { scope: 'col', class: 'num' }, 'Hours'),
        h('th', { scope: 'col', class: 'num' }, 'Share'),
        h('th', { scope: 'col', class: 'share-col', 'aria-hidden': 'true' }),
      ),
    ),
    h('tbody', {}, ...breakdown.totals.map(row)),
  );
}
