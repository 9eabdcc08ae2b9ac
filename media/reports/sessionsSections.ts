/**
 * The sections of the Sessions tab's result, one renderer each: the loaded sources, skipped rows,
 * KPIs, the two charts' data, top lists and connection quality. Values go in as text.
 */
import * as l10n from '@vscode/l10n';
import type { SessionAggregate, SessionsResult } from '../../src/protocol/reports';
import { h } from '../shared/dom';
import { formatCompact, formatDay, formatDayRangeUtc, formatDuration, formatHours, formatInt, formatNumber } from '../shared/format';
import { kpi, linkButton, rankedList, section, warningBanner } from '../shared/widgets';
import type { BarChartSpec } from './charts';
import { daysBetween } from './dates';
import { RECENT_LABEL } from './monthPicker';

export type CsvSource = { month: string } | { recent: true };

/** "Loaded N sessions from:" and a chip per source with Open CSV, then Export as Parquet. */
export function loadedSources(
  r: SessionsResult,
  monthLabels: Map<string, string>,
  actions: { openCsv(source: CsvSource): void; exportParquet(): void },
): HTMLElement {
  const opened: { key: string; label: string; source: CsvSource; testId: string }[] = [
    ...r.query.months.map((m) => ({ key: m, label: monthLabels.get(m) ?? m, source: { month: m }, testId: `open-csv-${m}` })),
    ...(r.query.recent ? [{ key: 'recent', label: RECENT_LABEL, source: { recent: true as const }, testId: 'open-csv-recent' }] : []),
  ];
  const rowsOf = new Map(r.sources.map((s) => [s.key, s.rows]));
  const chip = (o: (typeof opened)[number]) => {
    const rows = rowsOf.get(o.key);
    return h(
      'span',
      { class: 'chip' },
      h('span', {}, o.label),
      rows !== undefined ? h('span', { class: 'muted' }, ` · ${formatInt(rows)}`) : null,
      linkButton(l10n.t('Open CSV'), () => actions.openCsv(o.source), o.testId, l10n.t('Open the CSV of {0} in an editor tab', o.label)),
    );
  };
  const parquet = linkButton(
    l10n.t('Export as Parquet…'),
    () => actions.exportParquet(),
    'sessions-export-parquet',
    l10n.t('Write the loaded months as Parquet files (one folder per month) for DuckDB, Spark or a warehouse'),
  );
  return h(
    'div',
    { class: 'loaded-sources' },
    h('span', { class: 'muted' }, r.rows === 1 ? l10n.t('Loaded 1 session from:') : l10n.t('Loaded {0} sessions from:', formatInt(r.rows))),
    ...opened.map(chip),
    r.query.months.length ? parquet : null,
  );
}

export function malformedBanner(r: SessionsResult): HTMLElement | null {
  if (r.malformedRows <= 0) return null;
  return warningBanner(
    'sessions-malformed',
    r.malformedRows === 1
      ? l10n.t('1 row could not be read and was skipped.')
      : l10n.t('{0} rows could not be read and were skipped.', formatInt(r.malformedRows)),
  );
}

export function sessionKpis(a: SessionAggregate): HTMLElement {
  const d = a.duration;
  const span =
    a.firstStart !== null && a.lastStart !== null ? l10n.t('{0} (report clock)', formatDayRangeUtc(a.firstStart, a.lastStart)) : undefined;
  const longest = d.maxSeconds !== null ? l10n.t('longest {0}', formatDuration(d.maxSeconds)) : undefined;
  return h(
    'div',
    // Six cards in rows of equal length: never the sixth alone on a row (kit.css).
    { class: 'kpis kpis-six' },
    kpi(l10n.t('Sessions'), formatInt(a.sessions), 'kpi-sessions', span),
    kpi(l10n.t('Unique users'), formatInt(a.uniqueUsers), 'kpi-users'),
    kpi(l10n.t('Total hours'), formatHours(a.totalHours), 'kpi-hours'),
    kpi(l10n.t('Mean duration'), formatDuration(d.meanSeconds), 'kpi-mean'),
    kpi(l10n.t('Median duration'), formatDuration(d.medianSeconds), 'kpi-median'),
    kpi(l10n.t('95th percentile'), formatDuration(d.p95Seconds), 'kpi-p95', longest),
  );
}

/** Top applications, users and countries as ranked lists. */
export function topLists(a: SessionAggregate): HTMLElement {
  const lists = [
    [
      l10n.t('Top applications'),
      'top-applications',
      a.applications,
      (n: string, of: string) => l10n.t('Top {0} of {1} applications', n, of),
    ],
    [l10n.t('Top users'), 'top-users', a.users, (n: string, of: string) => l10n.t('Top {0} of {1} users', n, of)],
    [l10n.t('Top countries'), 'top-countries', a.countries, (n: string, of: string) => l10n.t('Top {0} of {1} countries', n, of)],
  ] as const;
  return h(
    'div',
    { class: 'grid-3' },
    ...lists.map(([title, testId, list, topOf]) =>
      section(
        title,
        rankedList(
          testId,
          list.top.map((k) => ({ key: k.key, count: k.sessions })),
          a.sessions,
          list.distinct,
          topOf,
        ),
      ),
    ),
  );
}

type Percentiles = SessionAggregate['quality']['latencyMs'];

/** Latency, bandwidth and frame rate percentiles (of per-session averages). */
export function qualityTable(q: SessionAggregate['quality']): HTMLElement {
  const row = (label: string, p: Percentiles, digits: 0 | 1 | 2) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, label),
      ...[p.p50, p.p90, p.p95, p.p99, p.mean].map((v) => h('td', { class: 'num' }, formatNumber(v, digits))),
      h('td', { class: 'num muted' }, formatInt(p.count)),
    );
  const heads = ['p50', 'p90', 'p95', 'p99', l10n.t('Mean'), l10n.t('Samples')].map((t) => h('th', { scope: 'col', class: 'num' }, t));
  return h(
    'table',
    { class: 'data-table', 'data-testid': 'sessions-quality' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, l10n.t('Metric')), ...heads)),
    h(
      'tbody',
      {},
      row(l10n.t('Latency (ms)'), q.latencyMs, 0),
      row(l10n.t('Bandwidth (Mbps)'), q.bandwidthMbps, 2),
      row(l10n.t('Frame rate (fps)'), q.framerateFps, 1),
    ),
  );
}

/** Sessions per day (on the report's clock), every day from the first to the last start. */
export function perDayChart(a: SessionAggregate): BarChartSpec {
  const days =
    a.firstStart !== null && a.lastStart !== null
      ? daysBetween(new Date(a.firstStart).toISOString().slice(0, 10), new Date(a.lastStart).toISOString().slice(0, 10))
      : [];
  const byDay = new Map(a.byDay.map((x) => [x.day, x.sessions]));
  return {
    x: days,
    kind: 'days',
    series: [{ label: l10n.t('Sessions'), values: days.map((x) => byDay.get(x) ?? 0) }],
    format: formatInt,
    title: (i) => l10n.t('{0} (report clock)', formatDay(days[i] ?? '')),
    height: 200,
  };
}

export function durationChart(histogram: SessionsResult['histogram']): BarChartSpec {
  const bins = binLabels(histogram.edgesMinutes);
  return {
    x: bins,
    kind: 'categories',
    series: [{ label: l10n.t('Sessions'), values: histogram.counts }],
    format: formatInt,
    colors: [2],
    height: 200,
    title: (i) => l10n.t('{0} long', bins[i] ?? ''),
  };
}

/** Histogram bin labels from minute edges: "0–5m", "30m–1h", "8h+". */
function binLabels(edges: number[]): string[] {
  const unit = (m: number) =>
    m < 60
      ? l10n.t({ message: '{0}m', args: [formatInt(m)], comment: ['Minutes, short, in a histogram bin: "30m"'] })
      : l10n.t({ message: '{0}h', args: [formatCompact(m / 60)], comment: ['Hours, short, in a histogram bin: "8h"'] });
  const bare = (m: number) => (m < 60 ? formatInt(m) : formatCompact(m / 60));
  return edges.map((lo, i) => {
    const hi = edges[i + 1];
    if (hi === undefined) return `${unit(lo)}+`;
    const sameUnit = lo < 60 === hi < 60 || lo === 0;
    return `${sameUnit && lo !== 0 ? bare(lo) : lo === 0 ? '0' : unit(lo)}–${unit(hi)}`;
  });
}
