/**
 * Renderers of the Experience and People tabs: tables of text (every value goes in as text), with
 * row actions as real buttons (keyboard reachable). One function per card.
 */
import * as l10n from '@vscode/l10n';
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
import { DASH, formatDateTime, formatHours, formatInt, formatNumber } from '../shared/format';
import { columnHeader, kpi, linkButton } from '../shared/widgets';

/**
 * The breakdowns of the Experience tab: the name, the section's title, the Export CSV tooltip and
 * a row's "Sessions" label (whole phrases: word order differs between languages).
 */
export const DIMENSIONS = [
  {
    value: 'region',
    label: l10n.t('Region'),
    by: l10n.t('By region'),
    csv: l10n.t('Save the region breakdown as a CSV file'),
    show: (key: string) => l10n.t('Show the sessions of region {0} in the Sessions tab', key),
  },
  {
    value: 'country',
    label: l10n.t('Country'),
    by: l10n.t('By country'),
    csv: l10n.t('Save the country breakdown as a CSV file'),
    show: (key: string) => l10n.t('Show the sessions of country {0} in the Sessions tab', key),
  },
  {
    value: 'city',
    label: l10n.t('City'),
    by: l10n.t('By city'),
    csv: l10n.t('Save the city breakdown as a CSV file'),
    show: (key: string) => l10n.t('Show the sessions of city {0} in the Sessions tab', key),
  },
  {
    value: 'application',
    label: l10n.t('Application'),
    by: l10n.t('By application'),
    csv: l10n.t('Save the application breakdown as a CSV file'),
    show: (key: string) => l10n.t('Show the sessions of application {0} in the Sessions tab', key),
  },
  {
    value: 'userAgent',
    label: l10n.t('Client (user_agent)'),
    by: l10n.t('By client (user_agent)'),
    csv: l10n.t('Save the client (user_agent) breakdown as a CSV file'),
    show: (key: string) => l10n.t('Show the sessions of client (user_agent) {0} in the Sessions tab', key),
  },
  {
    value: 'resolution',
    label: l10n.t('Resolution'),
    by: l10n.t('By resolution'),
    csv: l10n.t('Save the resolution breakdown as a CSV file'),
    show: (key: string) => l10n.t('Show the sessions of resolution {0} in the Sessions tab', key),
  },
] as const;
export type Dimension = (typeof DIMENSIONS)[number]['value'];

export const SEAT_LABELS = {
  all: l10n.t('Every member'),
  pending: l10n.t('Pending invitation'),
  never: l10n.t('Never used'),
  dormant90: l10n.t('Dormant 90+ days'),
  dormant60: l10n.t('Dormant 60–89 days'),
  dormant30: l10n.t('Dormant 30–59 days'),
  active: l10n.t('Active (last 30 days)'),
  notLoaded: l10n.t('No report loaded'),
};
export type SeatFilter = keyof typeof SEAT_LABELS;

const keyText = (k: string) => (k === '' ? l10n.t('(empty)') : k);
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
    kpi(l10n.t('Sessions'), formatInt(v.rows), 'experience-rows'),
    ...v.thresholdsMs.map((t, i) =>
      kpi(
        l10n.t('Over {0} ms', formatInt(t)),
        complete && known > 0 ? pct((100 * over[i]!) / known) : DASH,
        `experience-over-${t}`,
        !complete
          ? l10n.t('see the table')
          : known === 1
            ? l10n.t('{0} of 1 session with a latency', formatInt(over[i]!))
            : l10n.t('{0} of {1} sessions with a latency', formatInt(over[i]!), formatInt(known)),
      ),
    ),
  );
}

/**
 * One breakdown as a table: sessions, share over each threshold, p50/p95 latency, median bandwidth
 * and frame rate, and the last month against the one before (those columns only when some group
 * has a month before: with one month loaded they would be dashes). `show` opens a group's sessions.
 */
export function experienceTable(
  testId: string,
  title: string,
  /** The label of a row's "Sessions" button ("Show the sessions of country X in the Sessions tab"). */
  showLabel: (key: string) => string,
  v: ExperienceView,
  groups: readonly ExperienceGroupView[],
  show: (g: ExperienceGroupView) => void,
): HTMLElement {
  const t = v.thresholdsMs;
  const withChange = groups.some((g) => g.change);
  const head = [
    title,
    l10n.t('Sessions'),
    l10n.t('With latency'),
    ...t.map((x) => l10n.t('Over {0} ms', x)),
    l10n.t('p50 latency (ms)'),
    l10n.t('p95 latency (ms)'),
    l10n.t('Median bandwidth (Mbps)'),
    l10n.t('Median frame rate (fps)'),
    ...(withChange ? [...t.map((x) => l10n.t('Over {0} ms, change', x)), l10n.t('p95 change')] : []),
    '',
  ];
  return h(
    'div',
    { class: 'scroll-table' },
    h(
      'table',
      { class: 'data-table insight-table', 'data-testid': testId },
      h('thead', {}, h('tr', {}, ...head.map((c, i) => columnHeader(c, i > 0)))),
      h(
        'tbody',
        {},
        ...groups.map((g) => {
          const change = g.change;
          const when = change ? l10n.t('{0} vs {1}', change.month, change.previous) : l10n.t('only one month loaded');
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
            ...(withChange
              ? [
                  ...t.map((_, i) =>
                    h(
                      'td',
                      { class: 'num', title: when },
                      signed(
                        change?.overPctDelta[i],
                        1,
                        ` ${l10n.t({ message: 'pt', comment: ['Percentage points, after a number: "+2.5 pt"'] })}`,
                      ),
                    ),
                  ),
                  h('td', { class: 'num', title: when }, signed(change?.p95LatencyDelta, 0, ' ms')),
                ]
              : []),
            h(
              'td',
              {},
              linkButton(l10n.t('Sessions'), () => show(g), `${testId}-show`, showLabel(keyText(g.key))),
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
    if (m.column === null)
      return l10n.t('{0}: no session of this account in the loaded reports (its members are “no report loaded”).', who);
    const matched =
      m.sessionUsers === 1
        ? l10n.t('{0} of 1 session user matched', formatInt(m.matchedUsers))
        : l10n.t('{0} of {1} session users matched', formatInt(m.matchedUsers), formatInt(m.sessionUsers));
    const unmatched =
      m.unmatchedSessions === 1
        ? l10n.t('1 session of unmatched users listed below')
        : l10n.t('{0} sessions of unmatched users listed below', formatInt(m.unmatchedSessions));
    return l10n.t(
      '{0}: sessions matched to members by the report’s {1} column (e-mail, case-insensitive): {2}, {3}.',
      who,
      m.column,
      matched,
      unmatched,
    );
  };
  return h(
    'div',
    { class: 'note', 'data-testid': 'people-matching' },
    h(
      'p',
      {},
      l10n.t(
        'Frame does not document what the report’s username and account_email hold; for each account the column whose values match more member e-mails is used.',
      ),
    ),
    ...v.matching.map((m) => h('p', {}, line(m))),
  );
}

export function seatKpis(v: PeopleView): HTMLElement {
  const c = v.counts;
  return h(
    'div',
    { class: 'kpis' },
    kpi(l10n.t('Members'), formatInt(v.members), 'people-members'),
    kpi(l10n.t('Never used'), formatInt(c.never), 'people-never', l10n.t('in the loaded months')),
    kpi(
      l10n.t('Dormant 30+ days'),
      formatInt(c.dormant30 + c.dormant60 + c.dormant90),
      'people-dormant',
      l10n.t('{0} of them 90+ days', formatInt(c.dormant90)),
    ),
    kpi(l10n.t('Pending invitations'), formatInt(c.pending), 'people-pending'),
    c.notLoaded
      ? kpi(l10n.t('No report loaded'), formatInt(c.notLoaded), 'people-not-loaded', l10n.t('accounts whose sessions are not loaded'))
      : null,
  );
}

/** The members table with a checkbox per row (Copy Emails takes the checked ones). */
export function seatTable(rows: readonly SeatRow[], checked: Set<string>, onCheck: () => void, showAccount: boolean): HTMLElement {
  const head = [
    '',
    ...(showAccount ? [l10n.t('Account')] : []),
    l10n.t('Name'),
    l10n.t('E-mail'),
    l10n.t('Status'),
    l10n.t('Seat'),
    l10n.t('Sessions'),
    l10n.t('Hours'),
    l10n.t('Last session'),
    l10n.t('Days since'),
  ];
  return h(
    'div',
    { class: 'scroll-table' },
    h(
      'table',
      { class: 'data-table insight-table', 'data-testid': 'people-table' },
      h('thead', {}, h('tr', {}, ...head.map((c, i) => columnHeader(c, i >= head.length - 4)))),
      h(
        'tbody',
        {},
        ...rows.map((r) => {
          const key = `${r.accountId}\n${r.email}`;
          const box = h('input', {
            type: 'checkbox',
            'aria-label': l10n.t('Select {0}', r.email),
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
  if (!rows.length)
    return h('p', { class: 'muted', 'data-testid': 'people-unmatched-none' }, l10n.t('Every session user matched a member.'));
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'note' },
      total === 1
        ? l10n.t(
            '1 session user of the loaded sessions match no member (people no longer on the team, contractors, other logins): shown, not dropped.',
          )
        : l10n.t(
            '{0} session users of the loaded sessions match no member (people no longer on the team, contractors, other logins): shown, not dropped.',
            formatInt(total),
          ),
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
            ...[l10n.t('Account'), 'username', 'account_email', l10n.t('Sessions'), l10n.t('Hours'), l10n.t('Last session')].map((c, i) =>
              columnHeader(c, i >= 3),
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
  const every =
    scope.accounts === 1
      ? l10n.t('Every account is ranked, with 0 when it has no session in quiet hours.')
      : l10n.t('Every one of its {0} accounts is ranked, with 0 when it has no session in quiet hours.', formatInt(scope.accounts));
  const mapping = l10n.t(
    'The Web API, which serves sessions, does not say which organization an account is in (the Admin API, which does, serves no sessions): an organization here is the accounts the setting frameAdmin.capacity.accounts gives it (by account name or id), opened by "Show Capacity…" on a Web API connection; the All accounts panel covers every account the connection’s credentials list.',
  );
  if (scope.kind === 'organization')
    return `${l10n.t('Organization {0}: the accounts frameAdmin.capacity.accounts puts in it.', scope.organization ?? '')} ${every} ${mapping}`;
  if (scope.kind === 'all') return `${l10n.t('All accounts of the connection.')} ${every} ${mapping}`;
  return l10n.t('This account. For every account of an organization or a customer, open its panel: {0}', mapping);
}

/** The quiet hours of the settings in words (one whole sentence per case). */
function quietHoursNote(q: OffHoursView['quiet']): string {
  const end = l10n.t('Session hours that fall in them, per account of the loaded sessions, most first.');
  const hours = q.timeZone
    ? q.weekends
      ? l10n.t('Quiet hours {0}–{1} in {2}, and whole weekends (settings frameAdmin.offHours.*).', q.start, q.end, q.timeZone)
      : l10n.t('Quiet hours {0}–{1} in {2} (settings frameAdmin.offHours.*).', q.start, q.end, q.timeZone)
    : q.weekends
      ? l10n.t(
          'Quiet hours {0}–{1} on the report’s own clock (its start times as written), and whole weekends (settings frameAdmin.offHours.*).',
          q.start,
          q.end,
        )
      : l10n.t(
          'Quiet hours {0}–{1} on the report’s own clock (its start times as written) (settings frameAdmin.offHours.*).',
          q.start,
          q.end,
        );
  return `${hours} ${end}`;
}

export function offHoursTable(v: OffHoursView): HTMLElement {
  const q = v.quiet;

  return h(
    'div',
    {},
    h('p', { class: 'note', 'data-testid': 'offhours-note' }, quietHoursNote(q)),
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
              ...[
                '#',
                l10n.t('Account'),
                l10n.t('Sessions'),
                l10n.t('In quiet hours'),
                l10n.t('Session hours'),
                l10n.t('Quiet hours'),
                l10n.t('Share'),
              ].map((c, i) => columnHeader(c, i !== 1)),
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
                h('th', { scope: 'row' }, a.accountName ? `${a.accountName} (${a.accountId})` : a.accountId || l10n.t('(empty)')),
                h('td', { class: 'num' }, formatInt(a.sessions)),
                h('td', { class: 'num' }, formatInt(a.quietSessions)),
                h('td', { class: 'num' }, formatHours(a.hours)),
                h('td', { class: 'num' }, formatHours(a.quietHours)),
                h('td', { class: 'num' }, pct(a.quietPct)),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, l10n.t('No session with a start time.')),
  );
}
