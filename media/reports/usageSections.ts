/**
 * The sections of the Usage tab's result, one renderer each: accounts that failed, the total,
 * the stacked chart's data, and the totals table. Values go in as text; colours are var(--series-N).
 */
import * as l10n from '@vscode/l10n';
import type { UsageAggregate, UsageDimension, UsageResult } from '../../src/protocol/reports';
import { h } from '../shared/dom';
import { formatHours, formatInt, formatPercent } from '../shared/format';
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
    failed.length === 1
      ? l10n.t('1 account could not be read and is not included:')
      : l10n.t('{0} accounts could not be read and are not included:', formatInt(failed.length)),
    h('ul', { class: 'failed-list' }, ...failed.map((f) => h('li', {}, h('strong', {}, f.name), ': ', f.message))),
  );
}

/** The total hours in big, with the range, scope and records read. */
export function usageSummary(r: UsageResult, range: string): HTMLElement {
  const a = r.aggregate;
  const records = a.records === 1 ? l10n.t('1 usage record') : l10n.t('{0} usage records', formatInt(a.records));
  return h(
    'div',
    { class: 'summary' },
    h(
      'div',
      { class: 'big-number' },
      h('span', { 'data-testid': 'usage-total-hours' }, formatHours(a.totalHours)),
      h('span', { class: 'big-unit' }, ` ${l10n.t('hours')}`),
    ),
    h(
      'div',
      { class: 'summary-caption' },
      r.query.scope === 'all'
        ? l10n.t('{0} · Pacific time · all accounts ({1})', range, formatInt(r.accounts))
        : l10n.t('{0} · Pacific time · this account', range),
    ),
    h(
      'div',
      { class: 'summary-caption muted' },
      a.skipped ? l10n.t('{0} · {1} unreadable skipped', records, formatInt(a.skipped)) : records,
    ),
  );
}

/** Hours per day stacked by key; every day of the range gets a slot, so gaps in usage show as gaps. */
export function stackedChart(r: UsageResult, breakdown: Breakdown): BarChartSpec {
  const { days, series, colors } = stackedSeries(r, breakdown);
  const unit = l10n.t({ message: 'h', comment: ['Hours, after a number in a chart tooltip: "3.5 h"'] });
  return { x: days, kind: 'days', series, colors, format: (v) => formatHours(v), unit, height: 240 };
}

/** Hours and share per key, with the chart's colour and a share bar. */
export function totalsTable(breakdown: Breakdown, totalHours: number, dimLabel: string, caption: string): HTMLElement {
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
    h('caption', { class: 'visually-hidden' }, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, dimLabel),
        h('th', { scope: 'col', class: 'num' }, l10n.t('Hours')),
        h('th', { scope: 'col', class: 'num' }, l10n.t('Share')),
        h('th', { scope: 'col', class: 'share-col', 'aria-hidden': 'true' }),
      ),
    ),
    h('tbody', {}, ...breakdown.totals.map(row)),
  );
}
