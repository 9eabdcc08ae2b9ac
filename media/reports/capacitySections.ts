/**
 * The sections of the Capacity tab, one renderer each: the advisor (figures, suggested settings
 * and the reasoning in words), the hour × weekday heatmaps (focusable cells: Enter or a click
 * drills down to the Sessions table), and the words for a drill-down. Values go in as text.
 */
import { formatClock, type CapacityDrill, type CapacityKeyView, type CapacityUsageView } from '../../src/protocol/reports';
import { h } from '../shared/dom';
import { formatHours, formatInt, formatNumber, formatPercent } from '../shared/format';
import { kpi } from '../shared/widgets';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** "Windows Server 2019" or "of every system type". */
export function keyLabel(key: string): string {
  return key === '*' ? 'All system types' : key;
}

/** Report-clock time to the minute: "2026-11-03 14:05". */
export function clockMinute(ms: number): string {
  return formatClock(ms).slice(0, 16);
}

/** The words after "Showing only the sessions …". */
const MATCH_WORDS = {
  user: 'user',
  region: 'region',
  country: 'country',
  city: 'city',
  application: 'application',
  userAgent: 'client (user_agent)',
  resolution: 'resolution',
} as const;

export function describeDrill(d: CapacityDrill): string {
  if (d.kind === 'match') return `whose ${MATCH_WORDS[d.column]} is “${d.value || '(empty)'}”`;
  const of = d.key === '*' ? '' : ` of system type “${d.key}”`;
  if (d.kind === 'span') {
    const span =
      d.to - d.from === 60_000 ? `in the minute ${clockMinute(d.from)}` : `between ${clockMinute(d.from)} and ${clockMinute(d.to)}`;
    return `${of} open ${span} (report clock)`.trim();
  }
  const cell = `${WEEKDAYS[d.weekday - 1]} ${hh(d.hour)}–${hh(d.hour + 1 === 24 ? 0 : d.hour + 1)}`;
  return d.what === 'starts' ? `${of} started on a ${cell} (report clock)`.trim() : `${of} open on a ${cell} (report clock)`.trim();
}

/** The advisor's figures as KPIs. */
export function capacityKpis(v: CapacityKeyView): HTMLElement {
  const f = v.figures;
  return h(
    'div',
    { class: 'kpis' },
    kpi(
      'Peak concurrency',
      formatInt(f.peakConcurrency),
      'capacity-peak',
      f.peakAt !== null ? `first at ${formatClock(f.peakAt)}` : undefined,
    ),
    kpi('p95 concurrency', formatInt(f.p95Concurrency), 'capacity-p95', 'over every minute of the range'),
    kpi(
      'Most starts in 2 minutes',
      formatInt(f.maxArrivals2min),
      'capacity-arrivals',
      f.maxArrivalsAt !== null ? `from ${formatClock(f.maxArrivalsAt)}` : undefined,
    ),
    kpi(
      'Busy-hour p95, 2 min',
      formatInt(f.p95Arrivals2minBusy),
      'capacity-arrivals-p95',
      `starts in 2 minutes, over ${formatInt(f.busyHours)} busy hours (each with at least half the starts of the busiest hour)`,
    ),
    kpi('Sessions', formatInt(f.sessions), 'capacity-sessions', `${formatHours(f.sessionHours)} h of sessions`),
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
    h('p', { class: 'note' }, 'Advice from history: what these settings would have needed to be for the sessions loaded, not a forecast.'),
    h(
      'div',
      { class: 'advice-settings' },
      setting('Suggested min', a.min, 'advice-min'),
      setting('Suggested buffer', a.buffer, 'advice-buffer'),
      setting('Suggested max', a.max, 'advice-max'),
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
    h('th', { scope: 'col' }, 'Day'),
    ...Array.from({ length: 24 }, (_, hour) => h('th', { scope: 'col', class: 'num' }, String(hour).padStart(2, '0'))),
  );
  const rows = WEEKDAYS.map((day, d) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, day.slice(0, 3)),
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
    'System type',
    'Sessions',
    'Peak',
    'Peak at',
    'p95',
    'Max 2-min starts',
    'Busy-hour p95',
    'Min',
    'Buffer',
    'Max',
    'Session hours',
  ];
  return h(
    'table',
    { class: 'data-table', 'data-testid': 'capacity-keys' },
    h('thead', {}, h('tr', {}, ...heads.map((t, i) => h('th', { scope: 'col', class: i === 0 || i === 3 ? '' : 'num' }, t)))),
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
      'Load this account’s usage in the Usage tab (scope “This account”, days of the loaded months) to compare the hours instances ran with the hours sessions used them.',
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
        ...[...first, 'Usage hours', 'Session hours', 'Idle or buffer hours', 'Efficiency'].map((t, i) =>
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
    ...c.unmatchedInstanceTypes.map((t) => `instance type “${t.instanceType}” (${formatNumber(t.usageHours, 1)} usage hours)`),
    ...c.unmatchedSystemTypes.map((t) => `system type “${t.systemType}” (${formatNumber(t.sessionHours, 1)} session hours)`),
  ];
  return h(
    'div',
    { 'data-testid': 'capacity-usage' },
    h(
      'p',
      { class: 'note' },
      `Usage ${u.usage.from} to ${u.usage.to} (Pacific days) against the loaded sessions (report-clock days). An instance type and a system type are compared only when their names are the same.`,
    ),
    c.leftOut.days
      ? h(
          'p',
          { class: 'note', 'data-testid': 'capacity-usage-days-left-out' },
          `Left out: ${formatNumber(c.leftOut.days, 0)} ${c.leftOut.days === 1 ? 'day' : 'days'} read on one side only (${formatNumber(c.leftOut.usageHours, 1)} usage hours, ${formatNumber(c.leftOut.sessionHours, 1)} session hours): their usage or their month’s sessions are not loaded. Load both for the same days to compare them.`,
        )
      : null,
    unmatched.length
      ? h(
          'p',
          { class: 'note', 'data-testid': 'capacity-usage-unmatched' },
          `Not compared, no type of the same name on the other side: ${unmatched.join('; ')}.`,
        )
      : null,
    c.totals.length
      ? h(
          'table',
          { class: 'data-table', 'data-testid': 'capacity-usage-totals' },
          heads(['Instance type', 'System type']),
          h(
            'tbody',
            {},
            ...c.totals.map((t) => h('tr', {}, h('th', { scope: 'row' }, t.instanceType), h('td', {}, t.systemType), ...cells(t))),
          ),
        )
      : h('p', { class: 'muted' }, 'No instance type of the usage has a system type of the same name in the sessions.'),
    c.rows.length
      ? h(
          'div',
          { class: 'scroll-table' },
          h(
            'table',
            { class: 'data-table', 'data-testid': 'capacity-usage-days' },
            heads(['Day', 'Instance type']),
            h('tbody', {}, ...c.rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.day), h('td', {}, r.instanceType), ...cells(r)))),
          ),
        )
      : null,
  );
}
