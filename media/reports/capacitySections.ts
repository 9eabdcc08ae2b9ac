/**
 * The sections of the Capacity tab, one renderer each: the advisor (figures, suggested settings
 * and the reasoning in words), the hour × weekday heatmaps (focusable cells: Enter or a click
 * drills down to the Sessions table), and the words for a drill-down. Values go in as text.
 */
import * as l10n from '@vscode/l10n';
import { formatClock, type CapacityDrill, type CapacityKeyView, type CapacityUsageView } from '../../src/protocol/reports';
import { h } from '../shared/dom';
import { formatHours, formatInt, formatNumber, formatPercent } from '../shared/format';
import { columnHeader, kpi } from '../shared/widgets';

export const WEEKDAYS = [
  l10n.t('Monday'),
  l10n.t('Tuesday'),
  l10n.t('Wednesday'),
  l10n.t('Thursday'),
  l10n.t('Friday'),
  l10n.t('Saturday'),
  l10n.t('Sunday'),
];
/** The heatmaps' row heads. */
const WEEKDAYS_SHORT = [
  l10n.t({ message: 'Mon', comment: ['Monday, short (a heatmap row)'] }),
  l10n.t({ message: 'Tue', comment: ['Tuesday, short (a heatmap row)'] }),
  l10n.t({ message: 'Wed', comment: ['Wednesday, short (a heatmap row)'] }),
  l10n.t({ message: 'Thu', comment: ['Thursday, short (a heatmap row)'] }),
  l10n.t({ message: 'Fri', comment: ['Friday, short (a heatmap row)'] }),
  l10n.t({ message: 'Sat', comment: ['Saturday, short (a heatmap row)'] }),
  l10n.t({ message: 'Sun', comment: ['Sunday, short (a heatmap row)'] }),
];
const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** "Windows Server 2019" or "of every system type". */
export function keyLabel(key: string): string {
  return key === '*' ? l10n.t('All system types') : key;
}

/** Report-clock time to the minute: "2026-11-03 14:05". */
export function clockMinute(ms: number): string {
  return formatClock(ms).slice(0, 16);
}

/** "Showing only the sessions …": which sessions the Sessions table is narrowed to (one whole sentence per case). */
export function drillSentence(d: CapacityDrill): string {
  if (d.kind === 'match') {
    const v = d.value || l10n.t('(empty)');
    switch (d.column) {
      case 'user':
        return l10n.t('Showing only the sessions whose user is “{0}”.', v);
      case 'region':
        return l10n.t('Showing only the sessions whose region is “{0}”.', v);
      case 'country':
        return l10n.t('Showing only the sessions whose country is “{0}”.', v);
      case 'city':
        return l10n.t('Showing only the sessions whose city is “{0}”.', v);
      case 'application':
        return l10n.t('Showing only the sessions whose application is “{0}”.', v);
      case 'userAgent':
        return l10n.t('Showing only the sessions whose client (user_agent) is “{0}”.', v);
      case 'resolution':
        return l10n.t('Showing only the sessions whose resolution is “{0}”.', v);
    }
  }
  const all = d.key === '*';
  if (d.kind === 'span') {
    const from = clockMinute(d.from);
    if (d.to - d.from === 60_000)
      return all
        ? l10n.t('Showing only the sessions open in the minute {0} (report clock).', from)
        : l10n.t('Showing only the sessions of system type “{0}” open in the minute {1} (report clock).', d.key, from);
    const to = clockMinute(d.to);
    return all
      ? l10n.t('Showing only the sessions open between {0} and {1} (report clock).', from, to)
      : l10n.t('Showing only the sessions of system type “{0}” open between {1} and {2} (report clock).', d.key, from, to);
  }
  const cell = `${WEEKDAYS[d.weekday - 1]} ${hh(d.hour)}–${hh(d.hour + 1 === 24 ? 0 : d.hour + 1)}`;
  if (d.what === 'starts')
    return all
      ? l10n.t('Showing only the sessions started on a {0} (report clock).', cell)
      : l10n.t('Showing only the sessions of system type “{0}” started on a {1} (report clock).', d.key, cell);
  return all
    ? l10n.t('Showing only the sessions open on a {0} (report clock).', cell)
    : l10n.t('Showing only the sessions of system type “{0}” open on a {1} (report clock).', d.key, cell);
}

/** "From November 2026, Last 24 hours: 3,049 sessions." (the sources as the host names them). */
export function fromSources(sources: readonly string[], rows: number): string {
  const n = formatInt(rows);
  if (!sources.length)
    return rows === 1 ? l10n.t('From the loaded reports: 1 session.') : l10n.t('From the loaded reports: {0} sessions.', n);
  const list = sources.join(', ');
  return rows === 1 ? l10n.t('From {0}: 1 session.', list) : l10n.t('From {0}: {1} sessions.', list, n);
}

/** The advisor's figures as KPIs. */
export function capacityKpis(v: CapacityKeyView): HTMLElement {
  const f = v.figures;
  return h(
    'div',
    { class: 'kpis' },
    kpi(
      l10n.t('Peak concurrency'),
      formatInt(f.peakConcurrency),
      'capacity-peak',
      f.peakAt !== null ? l10n.t('first at {0}', formatClock(f.peakAt)) : undefined,
    ),
    kpi(l10n.t('p95 concurrency'), formatInt(f.p95Concurrency), 'capacity-p95', l10n.t('over every minute of the range')),
    kpi(
      l10n.t('Most starts in 2 minutes'),
      formatInt(f.maxArrivals2min),
      'capacity-arrivals',
      f.maxArrivalsAt !== null ? l10n.t('from {0}', formatClock(f.maxArrivalsAt)) : undefined,
    ),
    kpi(
      l10n.t('Busy-hour p95, 2 min'),
      formatInt(f.p95Arrivals2minBusy),
      'capacity-arrivals-p95',
      l10n.t('starts in 2 minutes, over {0} busy hours (each with at least half the starts of the busiest hour)', formatInt(f.busyHours)),
    ),
    kpi(l10n.t('Sessions'), formatInt(f.sessions), 'capacity-sessions', l10n.t('{0} h of sessions', formatHours(f.sessionHours))),
  );
}

/** Suggested min / buffer / max and the reasoning, said to be advice from history. */
export function adviceCard(v: CapacityKeyView): HTMLElement {
  const a = v.advice;
  const setting = (label: string, value: number, testId: string) =>
    h(
      'div',
      { class: 'advice-setting' },
      h('div', { class: 'kpi-label' }, label),
      h('div', { class: 'kpi-value', 'data-testid': testId }, formatInt(value)),
    );
  return h(
    'div',
    { class: 'advice', 'data-testid': 'capacity-advice' },
    h(
      'p',
      { class: 'note' },
      l10n.t('Advice from history: what these settings would have needed to be for the sessions loaded, not a forecast.'),
    ),
    h(
      'div',
      { class: 'advice-settings' },
      setting(l10n.t('Suggested min'), a.min, 'advice-min'),
      setting(l10n.t('Suggested buffer'), a.buffer, 'advice-buffer'),
      setting(l10n.t('Suggested max'), a.max, 'advice-max'),
    ),
    h('ul', { class: 'advice-reasons', 'data-testid': 'advice-reasons' }, ...a.reasons.map((r) => h('li', {}, r))),
  );
}

export type HeatmapKind = 'starts' | 'open';

/**
 * A weekday × hour table: one focusable cell per hour, shaded by its value (opacity of a theme
 * colour; the number is always written), Enter or a click calls `drill`.
 */
export function heatmapTable(
  testId: string,
  caption: string,
  values: readonly number[],
  text: (cell: number) => string,
  title: (weekday: number, hour: number) => string,
  drill: (weekday: number, hour: number) => void,
): HTMLElement {
  const max = Math.max(0, ...values);
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, l10n.t('Day')),
    ...Array.from({ length: 24 }, (_, hour) => h('th', { scope: 'col', class: 'num' }, String(hour).padStart(2, '0'))),
  );
  const rows = WEEKDAYS_SHORT.map((day, d) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, day),
      ...Array.from({ length: 24 }, (_, hour) => {
        const cell = d * 24 + hour;
        const value = values[cell] ?? 0;
        const td = h(
          'td',
          {
            class: 'heat-cell num',
            tabindex: 0,
            role: 'button',
            title: title(d + 1, hour),
            'aria-label': title(d + 1, hour),
            'data-cell': cell,
          },
          text(cell),
        );
        td.style.setProperty('--heat', max > 0 ? (value / max).toFixed(3) : '0');
        const go = () => drill(d + 1, hour);
        td.addEventListener('click', go);
        td.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            go();
          }
        });
        return td;
      }),
    ),
  );
  return h(
    'div',
    { class: 'heatmap-wrap' },
    h(
      'table',
      { class: 'data-table heatmap', 'data-testid': testId },
      h('caption', { class: 'muted small' }, caption),
      h('thead', {}, head),
      h('tbody', {}, ...rows),
    ),
  );
}

/** Every key's figures side by side (the table a CSV export would hold). */
export function keysTable(keys: readonly CapacityKeyView[]): HTMLElement {
  const heads = [
    l10n.t('System type'),
    l10n.t('Sessions'),
    l10n.t('Peak'),
    l10n.t('Peak at'),
    'p95',
    l10n.t('Max 2-min starts'),
    l10n.t('Busy-hour p95'),
    l10n.t('Min'),
    l10n.t('Buffer'),
    l10n.t('Max'),
    l10n.t('Session hours'),
  ];
  return h(
    'table',
    { class: 'data-table keys-table', 'data-testid': 'capacity-keys' },
    h('thead', {}, h('tr', {}, ...heads.map((t, i) => columnHeader(t, i !== 0 && i !== 3)))),
    h(
      'tbody',
      {},
      ...keys.map(({ figures: f, advice: a }) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, keyLabel(f.key)),
          h('td', { class: 'num' }, formatInt(f.sessions)),
          h('td', { class: 'num' }, formatInt(f.peakConcurrency)),
          h('td', {}, f.peakAt !== null ? formatClock(f.peakAt) : '—'),
          h('td', { class: 'num' }, formatInt(f.p95Concurrency)),
          h('td', { class: 'num' }, formatInt(f.maxArrivals2min)),
          h('td', { class: 'num' }, formatInt(f.p95Arrivals2minBusy)),
          h('td', { class: 'num' }, formatInt(a.min)),
          h('td', { class: 'num' }, formatInt(a.buffer)),
          h('td', { class: 'num' }, formatInt(a.max)),
          h('td', { class: 'num' }, formatNumber(f.sessionHours, 1)),
        ),
      ),
    ),
  );
}

/**
 * Usage vs sessions: per matched instance type, the hours instances ran against the hours sessions
 * used them, then per day; types that could not be matched are said plainly, never guessed.
 */
export function usageVsSessionsCard(u: CapacityUsageView | null): HTMLElement {
  if (!u)
    return h(
      'p',
      { class: 'note', 'data-testid': 'capacity-usage-none' },
      l10n.t(
        'Load this account’s usage in the Usage tab (scope “This account”, days of the loaded months) to compare the hours instances ran with the hours sessions used them.',
      ),
    );
  const c = u.comparison;
  const pct = (e: number | null) => (e === null ? '—' : formatPercent(e));
  const heads = (first: string[]) =>
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...[...first, l10n.t('Usage hours'), l10n.t('Session hours'), l10n.t('Idle or buffer hours'), l10n.t('Efficiency')].map((t, i) =>
          h('th', { scope: 'col', class: i < first.length ? '' : 'num' }, t),
        ),
      ),
    );
  const cells = (r: { usageHours: number; sessionHours: number; idleHours: number; efficiency: number | null }) => [
    h('td', { class: 'num' }, formatNumber(r.usageHours, 1)),
    h('td', { class: 'num' }, formatNumber(r.sessionHours, 1)),
    h('td', { class: 'num' }, formatNumber(r.idleHours, 1)),
    h('td', { class: 'num' }, pct(r.efficiency)),
  ];
  const unmatched = [
    ...c.unmatchedInstanceTypes.map((t) => l10n.t('instance type “{0}” ({1} usage hours)', t.instanceType, formatNumber(t.usageHours, 1))),
    ...c.unmatchedSystemTypes.map((t) => l10n.t('system type “{0}” ({1} session hours)', t.systemType, formatNumber(t.sessionHours, 1))),
  ];
  return h(
    'div',
    { 'data-testid': 'capacity-usage' },
    h(
      'p',
      { class: 'note' },
      l10n.t(
        'Usage {0} to {1} (Pacific days) against the loaded sessions (report-clock days). An instance type and a system type are compared only when their names are the same.',
        u.usage.from,
        u.usage.to,
      ),
    ),
    c.leftOut.days
      ? h(
          'p',
          { class: 'note', 'data-testid': 'capacity-usage-days-left-out' },
          c.leftOut.days === 1
            ? l10n.t(
                'Left out: 1 day read on one side only ({0} usage hours, {1} session hours): their usage or their month’s sessions are not loaded. Load both for the same days to compare them.',
                formatNumber(c.leftOut.usageHours, 1),
                formatNumber(c.leftOut.sessionHours, 1),
              )
            : l10n.t(
                'Left out: {0} days read on one side only ({1} usage hours, {2} session hours): their usage or their month’s sessions are not loaded. Load both for the same days to compare them.',
                formatNumber(c.leftOut.days, 0),
                formatNumber(c.leftOut.usageHours, 1),
                formatNumber(c.leftOut.sessionHours, 1),
              ),
        )
      : null,
    unmatched.length
      ? h(
          'p',
          { class: 'note', 'data-testid': 'capacity-usage-unmatched' },
          l10n.t('Not compared, no type of the same name on the other side: {0}.', unmatched.join('; ')),
        )
      : null,
    c.totals.length
      ? h(
          'table',
          { class: 'data-table', 'data-testid': 'capacity-usage-totals' },
          heads([l10n.t('Instance type'), l10n.t('System type')]),
          h(
            'tbody',
            {},
            ...c.totals.map((t) => h('tr', {}, h('th', { scope: 'row' }, t.instanceType), h('td', {}, t.systemType), ...cells(t))),
          ),
        )
      : h('p', { class: 'muted' }, l10n.t('No instance type of the usage has a system type of the same name in the sessions.')),
    c.rows.length
      ? h(
          'div',
          { class: 'scroll-table' },
          h(
            'table',
            { class: 'data-table', 'data-testid': 'capacity-usage-days' },
            heads([l10n.t('Day'), l10n.t('Instance type')]),
            h('tbody', {}, ...c.rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.day), h('td', {}, r.instanceType), ...cells(r)))),
          ),
        )
      : null,
  );
}
