/**
 * Renderers of the Experience and People tabs: tables of text (every value goes in as text), with
 * row actions as real buttons (keyboard reachable). One function per card.
 */
import type {
  AccountMatching,
  ExperienceGroupView,
  ExperienceView,
  OffHoursView,
  PeopleView,
  SeatRow,
  UnmatchedUser,
} from '../../src/protocol/reports';
import { h } from '../shared/dom';
import { DASH, formatDateTime, formatHours, formatInt, formatNumber, plural } from '../shared/format';
import { kpi, linkButton } from '../shared/widgets';

export const DIMENSIONS = [
  { value: 'region', label: 'Region' },
  { value: 'country', label: 'Country' },
  { value: 'city', label: 'City' },
  { value: 'application', label: 'Application' },
  { value: 'userAgent', label: 'Client (user_agent)' },
  { value: 'resolution', label: 'Resolution' },
] as const;
export type Dimension = (typeof DIMENSIONS)[number]['value'];

export const SEAT_LABELS = {
  all: 'Every member',
  pending: 'Pending invitation',
  never: 'Never used',
  dormant90: 'Dormant 90+ days',
  dormant60: 'Dormant 60–89 days',
  dormant30: 'Dormant 30–59 days',
  active: 'Active (last 30 days)',
  notLoaded: 'No report loaded',
} as const;
export type SeatFilter = keyof typeof SEAT_LABELS;

const keyText = (k: string) => (k === '' ? '(empty)' : k);
const pct = (p: number | null | undefined) => (p === null || p === undefined ? DASH : `${formatNumber(p, 1)}%`);
const ms = (v: number | null) => (v === null ? DASH : formatNumber(v, 0));
const signed = (v: number | null | undefined, digits: 0 | 1, unit: string) =>
  v === null || v === undefined ? DASH : `${v > 0 ? '+' : v < 0 ? '−' : '±'}${formatNumber(Math.abs(v), digits)}${unit}`;

/** The share over each threshold across every group (the breakdown's groups add up to every session). */
export function experienceKpis(v: ExperienceView): HTMLElement {
  const known = v.groups.reduce((n, g) => n + g.latencySessions, 0);
  const over = v.thresholdsMs.map((_, i) => v.groups.reduce((n, g) => n + (g.over[i] ?? 0), 0));
  const complete = v.groups.length === v.totalGroups;
  return h(
    'div',
    { class: 'kpis' },
    kpi('Sessions', formatInt(v.rows), 'experience-rows'),
    ...v.thresholdsMs.map((t, i) =>
      kpi(
        `Over ${formatInt(t)} ms`,
        complete && known > 0 ? pct((100 * over[i]!) / known) : DASH,
        `experience-over-${t}`,
        complete ? `${formatInt(over[i]!)} of ${plural(known, 'session')} with a latency` : 'see the table',
      ),
    ),
  );
}

/**
 * One breakdown as a table: sessions, share over each threshold, p50/p95 latency, median bandwidth
 * and frame rate, and the last month against the one before. `show` opens a group's sessions.
 */
export function experienceTable(
  testId: string,
  title: string,
  v: ExperienceView,
  groups: readonly ExperienceGroupView[],
  show: (g: ExperienceGroupView) => void,
): HTMLElement {
  const t = v.thresholdsMs;
  const head = [
    title,
    'Sessions',
    'With latency',
    ...t.map((x) => `Over ${x} ms`),
    'p50 latency (ms)',
    'p95 latency (ms)',
    'Median bandwidth (Mbps)',
    'Median frame rate (fps)',
    ...t.map((x) => `Over ${x} ms, change`),
    'p95 change',
    '',
  ];
  return h(
    'div',
    { class: 'scroll-table' },
    h(
      'table',
      { class: 'data-table insight-table', 'data-testid': testId },
      h('thead', {}, h('tr', {}, ...head.map((c, i) => h('th', { scope: 'col', class: i === 0 ? '' : 'num' }, c)))),
      h(
        'tbody',
        {},
        ...groups.map((g) => {
          const change = g.change;
          const when = change ? `${change.month} vs ${change.previous}` : 'only one month loaded';
          return h(
            'tr',
            {},
            h('th', { scope: 'row' }, keyText(g.key)),
            h('td', { class: 'num' }, formatInt(g.sessions)),
            h('td', { class: 'num' }, formatInt(g.latencySessions)),
            ...g.overPct.map((p) => h('td', { class: 'num' }, pct(p))),
            h('td', { class: 'num' }, ms(g.p50Latency)),
            h('td', { class: 'num' }, ms(g.p95Latency)),
            h('td', { class: 'num' }, g.medianBandwidth === null ? DASH : formatNumber(g.medianBandwidth, 2)),
            h('td', { class: 'num' }, g.medianFramerate === null ? DASH : formatNumber(g.medianFramerate, 1)),
            ...t.map((_, i) => h('td', { class: 'num', title: when }, signed(change?.overPctDelta[i], 1, ' pt'))),
            h('td', { class: 'num', title: when }, signed(change?.p95LatencyDelta, 0, ' ms')),
            h(
              'td',
              {},
              linkButton(
                'Sessions',
                () => show(g),
                `${testId}-show`,
                `Show the sessions of ${title.toLowerCase()} ${keyText(g.key)} in the Sessions tab`,
              ),
            ),
          );
        }),
      ),
    ),
  );
}

/** How the People tab matched rows to members, account by account, in words. */
export function matchingNote(v: PeopleView): HTMLElement {
  const line = (m: AccountMatching) => {
    const who = m.accountName || m.accountId;
    if (m.column === null) return `${who}: no session of this account in the loaded reports (its members are “no report loaded”).`;
    return (
      `${who}: sessions matched to members by the report’s ${m.column} column (e-mail, case-insensitive): ` +
      `${formatInt(m.matchedUsers)} of ${plural(m.sessionUsers, 'session user')} matched, ` +
      `${plural(m.unmatchedSessions, 'session')} of unmatched users listed below.`
    );
  };
  return h(
    'div',
    { class: 'note', 'data-testid': 'people-matching' },
    h(
      'p',
      {},
      'Frame does not document what the report’s username and account_email hold; for each account the column whose values match more member e-mails is used.',
    ),
    ...v.matching.map((m) => h('p', {}, line(m))),
  );
}

export function seatKpis(v: PeopleView): HTMLElement {
  const c = v.counts;
  return h(
    'div',
    { class: 'kpis' },
    kpi('Members', formatInt(v.members), 'people-members'),
    kpi('Never used', formatInt(c.never), 'people-never', 'in the loaded months'),
    kpi(
      'Dormant 30+ days',
      formatInt(c.dormant30 + c.dormant60 + c.dormant90),
      'people-dormant',
      `${formatInt(c.dormant90)} of them 90+ days`,
    ),
    kpi('Pending invitations', formatInt(c.pending), 'people-pending'),
    c.notLoaded ? kpi('No report loaded', formatInt(c.notLoaded), 'people-not-loaded', 'accounts whose sessions are not loaded') : null,
  );
}

/** The members table with a checkbox per row (Copy Emails takes the checked ones). */
export function seatTable(rows: readonly SeatRow[], checked: Set<string>, onCheck: () => void, showAccount: boolean): HTMLElement {
  const head = [
    '',
    ...(showAccount ? ['Account'] : []),
    'Name',
    'E-mail',
    'Status',
    'Seat',
    'Sessions',
    'Hours',
    'Last session',
    'Days since',
  ];
  return h(
    'div',
    { class: 'scroll-table' },
    h(
      'table',
      { class: 'data-table insight-table', 'data-testid': 'people-table' },
      h('thead', {}, h('tr', {}, ...head.map((c, i) => h('th', { scope: 'col', class: i >= head.length - 4 ? 'num' : '' }, c)))),
      h(
        'tbody',
        {},
        ...rows.map((r) => {
          const key = `${r.accountId}\n${r.email}`;
          const box = h('input', {
            type: 'checkbox',
            'aria-label': `Select ${r.email}`,
            'data-testid': 'people-check',
          }) as HTMLInputElement;
          box.checked = checked.has(key);
          box.addEventListener('change', () => {
            if (box.checked) checked.add(key);
            else checked.delete(key);
            onCheck();
          });
          return h(
            'tr',
            { 'data-seat': r.seat },
            h('td', {}, box),
            showAccount ? h('td', {}, r.accountName || r.accountId) : null,
            h('th', { scope: 'row' }, r.name),
            h('td', {}, r.email),
            h('td', {}, r.memberStatus),
            h('td', {}, SEAT_LABELS[r.seat]),
            h('td', { class: 'num' }, formatInt(r.sessions)),
            h('td', { class: 'num' }, formatHours(r.hours)),
            h('td', { class: 'num' }, r.lastStart === null ? DASH : formatDateTime(r.lastStart)),
            h('td', { class: 'num' }, r.daysSince === null ? DASH : formatInt(r.daysSince)),
          );
        }),
      ),
    ),
  );
}

export function unmatchedTable(rows: readonly UnmatchedUser[], total: number): HTMLElement {
  if (!rows.length) return h('p', { class: 'muted', 'data-testid': 'people-unmatched-none' }, 'Every session user matched a member.');
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'note' },
      `${plural(total, 'session user')} of the loaded sessions match no member (people no longer on the team, contractors, other logins): shown, not dropped.`,
    ),
    h(
      'div',
      { class: 'scroll-table' },
      h(
        'table',
        { class: 'data-table insight-table', 'data-testid': 'people-unmatched' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Account', 'username', 'account_email', 'Sessions', 'Hours', 'Last session'].map((c, i) =>
              h('th', { scope: 'col', class: i >= 3 ? 'num' : '' }, c),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...rows.map((u) =>
            h(
              'tr',
              {},
              h('td', {}, u.accountId),
              h('th', { scope: 'row' }, keyText(u.username)),
              h('td', {}, keyText(u.accountEmail)),
              h('td', { class: 'num' }, formatInt(u.sessions)),
              h('td', { class: 'num' }, formatHours(u.hours)),
              h('td', { class: 'num' }, u.lastStart === null ? DASH : formatDateTime(u.lastStart)),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Whose accounts the ranking lists, and how an Admin API customer or organization comes to be a set of accounts. */
function offHoursScopeNote(scope: OffHoursView['scope']): string {
  const every = `Every ${scope.accounts === 1 ? 'account' : `one of its ${formatInt(scope.accounts)} accounts`} is ranked, with 0 when it has no session in quiet hours.`;
  const mapping =
    'The Web API, which serves sessions, does not say which organization an account is in (the Admin API, which does, serves no sessions): an organization here is the accounts the setting frameAdmin.capacity.accounts gives it (by account name or id), opened by "Show Capacity…" on a Web API connection; the All accounts panel covers every account the connection’s credentials list.';
  if (scope.kind === 'organization')
    return `Organization ${scope.organization ?? ''}: the accounts frameAdmin.capacity.accounts puts in it. ${every} ${mapping}`;
  if (scope.kind === 'all') return `All accounts of the connection. ${every} ${mapping}`;
  return `This account. For every account of an organization or a customer, open its panel: ${mapping}`;
}

export function offHoursTable(v: OffHoursView): HTMLElement {
  const q = v.quiet;
  const zone = q.timeZone ? `in ${q.timeZone}` : 'on the report’s own clock (its start times as written)';
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'note', 'data-testid': 'offhours-note' },
      `Quiet hours ${q.start}–${q.end} ${zone}${q.weekends ? ', and whole weekends' : ''} (settings frameAdmin.offHours.*). Session hours that fall in them, per account of the loaded sessions, most first.`,
    ),
    h('p', { class: 'note', 'data-testid': 'offhours-scope' }, offHoursScopeNote(v.scope)),
    v.accounts.length
      ? h(
          'table',
          { class: 'data-table insight-table', 'data-testid': 'offhours-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['#', 'Account', 'Sessions', 'In quiet hours', 'Session hours', 'Quiet hours', 'Share'].map((c, i) =>
                h('th', { scope: 'col', class: i === 1 ? '' : 'num' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...v.accounts.map((a, i) =>
              h(
                'tr',
                {},
                h('td', { class: 'num' }, formatInt(i + 1)),
                h('th', { scope: 'row' }, a.accountName ? `${a.accountName} (${a.accountId})` : a.accountId || '(empty)'),
                h('td', { class: 'num' }, formatInt(a.sessions)),
                h('td', { class: 'num' }, formatInt(a.quietSessions)),
                h('td', { class: 'num' }, formatHours(a.hours)),
                h('td', { class: 'num' }, formatHours(a.quietHours)),
                h('td', { class: 'num' }, pct(a.quietPct)),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No session with a start time.'),
  );
}
