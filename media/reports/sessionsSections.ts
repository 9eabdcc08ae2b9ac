/**
 * The sections of the Sessions tab's result, one renderer each: the loaded sources, skipped rows,
 * KPIs, the two charts' data, top lists and connection quality. Values go in as text.
 */
import type { SessionAggregate, SessionsResult } from '../../src/protocol/reports';
import { h } from '../shared/dom';
import {
  formatCompact,
  formatDay,
  formatDayRangeUtc,
  formatDuration,
  formatHours,
  formatInt,
  formatNumber,
  plural,
} from '../shared/format';
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
      linkButton('Open CSV', () => actions.openCsv(o.source), o.testId, `Open the CSV of ${o.label} in an editor tab`),
    );
  };
  const parquet = linkButton(
    'Export as Parquet…',
    () => actions.exportParquet(),
    'sessions-export-parquet',
    'Write the loaded months as Parquet files (one folder per month) for DuckDB, Spark or a warehouse',
  );
  return h(
    'div',
    { class: 'loaded-sources' },
    h('span', { class: 'muted' }, `Loaded ${plural(r.rows, 'session')} from:`),
    ...opened.map(chip),
    r.query.months.length ? parquet : null,
  );
}

export function malformedBanner(r: SessionsResult): HTMLElement | null {
  if (r.malformedRows <= 0) return null;
  const verb = r.malformedRows === 1 ? 'was' : 'were';
  return warningBanner('sessions-malformed', `${plural(r.malformedRows, 'row')} could not be read and ${verb} skipped.`);
}

export function sessionKpis(a: SessionAggregate): HTMLElement {
  const d = a.duration;
  const span = a.firstStart !== null && a.lastStart !== null ? `${formatDayRangeUtc(a.firstStart, a.lastStart)} (UTC)` : undefined;
  const longest = d.maxSeconds !== null ? `longest ${formatDuration(d.maxSeconds)}` : undefined;
  return h(
    'div',
    // Six cards in rows of equal length: never the sixth alone on a row (kit.css).
    { class: 'kpis kpis-six' },
    kpi('Sessions', formatInt(a.sessions), 'kpi-sessions', span),
    kpi('Unique users', formatInt(a.uniqueUsers), 'kpi-users'),
    kpi('Total hours', formatHours(a.totalHours), 'kpi-hours'),
    kpi('Mean duration', formatDuration(d.meanSeconds), 'kpi-mean'),
    kpi('Median duration', formatDuration(d.medianSeconds), 'kpi-median'),
    kpi('95th percentile', formatDuration(d.p95Seconds), 'kpi-p95', longest),
  );
}

/** Top applications, users and countries as ranked lists. */
export function topLists(a: SessionAggregate): HTMLElement {
  const lists = [
    ['Top applications', 'top-applications', a.applications, 'applications'],
    ['Top users', 'top-users', a.users, 'users'],
    ['Top countries', 'top-countries', a.countries, 'countries'],
  ] as const;
  return h(
    'div',
    { class: 'grid-3' },
    ...lists.map(([title, testId, list, noun]) =>
      section(
        title,
        rankedList(
          testId,
          list.top.map((k) => ({ key: k.key, count: k.sessions })),
          a.sessions,
          list.distinct,
          noun,
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
  const heads = ['p50', 'p90', 'p95', 'p99', 'Mean', 'Samples'].map((t) => h('th', { scope: 'col', class: 'num' }, t));
  return h(
    'table',
    { class: 'data-table', 'data-testid': 'sessions-quality' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Metric'), ...heads)),
    h(
      'tbody',
      {},
      row('Latency (ms)', q.latencyMs, 0),
      row('Bandwidth (Mbps)', q.bandwidthMbps, 2),
      row('Frame rate (fps)', q.framerateFps, 1),
    ),
  );
}

/** Sessions per day (UTC), every day from the first to the last start. */
export function perDayChart(a: SessionAggregate): BarChartSpec {
  const days =
    a.firstStart !== null && a.lastStart !== null
      ? daysBetween(new Date(a.firstStart).toISOString().slice(0, 10), new Date(a.lastStart).toISOString().slice(0, 10))
      : [];
  const byDay = new Map(a.byDay.map((x) => [x.day, x.sessions]));
  return {
    x: days,
    kind: 'days',
    series: [{ label: 'Sessions', values: days.map((x) => byDay.get(x) ?? 0) }],
    format: formatInt,
    title: (i) => `${formatDay(days[i] ?? '')} (UTC)`,
    height: 200,
  };
}

export function durationChart(histogram: SessionsResult['histogram']): BarChartSpec {
  const bins = binLabels(histogram.edgesMinutes);
  return {
    x: bins,
    kind: 'categories',
    series: [{ label: 'Sessions', values: histogram.counts }],
    format: formatInt,
    colors: [2],
    height: 200,
    title: (i) => `${bins[i]} long`,
  };
}

/** Histogram bin labels from minute edges: "0–5m", "30m–1h", "8h+". */
function binLabels(edges: number[]): string[] {
  const unit = (m: number) => (m < 60 ? `${formatInt(m)}m` : `${formatCompact(m / 60)}h`);
  const bare = (m: number) => (m < 60 ? formatInt(m) : formatCompact(m / 60));
  return edges.map((lo, i) => {
    const hi = edges[i + 1];
    if (hi === undefined) return `${unit(lo)}+`;
    const sameUnit = lo < 60 === hi < 60 || lo === 0;
    return `${sameUnit && lo !== 0 ? bare(lo) : lo === 0 ? '0' : unit(lo)}–${unit(hi)}`;
  });
}
