/**
 * What the Experience and People tabs show, from the loaded session table, the team members and
 * the settings (src/core/insights computes; this shapes it for the webview and for Export CSV).
 * No vscode: the controller uses it, the unit tests call it in bare Node.
 */
import * as l10n from '@vscode/l10n';
import type { Account, FrameClient } from '../core/api';
import { csvLine, csvNumber, csvText } from '../core/csvWriter';
import { isCancellation, userMessage } from '../core/errors';
import {
  experienceBreakdown,
  formatClock,
  monthOverMonth,
  offHoursUsage,
  parseClockTime,
  seatHygiene,
  worstUsers,
  type AccountMembers,
  type ExperienceBreakdown,
  type ExperienceDimension,
  type ExperienceGroup,
  type InsightSettings,
  type SeatHygiene,
  type SeatStatus,
} from '../core/insights';
import type { SessionTable } from '../core/reports';
import {
  EXPERIENCE_GROUPS_SHOWN,
  PEOPLE_ROWS_SHOWN,
  type ExperienceGroupView,
  type ExperienceView,
  type InsightCsvTable,
  type OffHoursView,
  type PeopleView,
} from '../protocol/reports';

const delta = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? null : a - b;

export function groupView(g: ExperienceGroup): ExperienceGroupView {
  const mom = monthOverMonth(g);
  const { months: _months, ...figures } = g;
  return {
    ...figures,
    change: mom && {
      month: mom.month,
      previous: mom.previous,
      overPctDelta: mom.last.overPct.map((p, i) => delta(p, mom.before.overPct[i])),
      p95LatencyDelta: delta(mom.last.p95Latency, mom.before.p95Latency),
      medianFramerateDelta: delta(mom.last.medianFramerate, mom.before.medianFramerate),
    },
  };
}

/**
 * Breakdowns of one table, computed once per dimension and settings (a table never changes; a
 * new load makes a new one).
 */
export class ExperienceCache {
  private table: SessionTable | undefined;
  private readonly byKey = new Map<string, ExperienceBreakdown>();

  get(table: SessionTable, dimension: ExperienceDimension | 'user', thresholds: readonly number[]): ExperienceBreakdown {
    if (this.table !== table) {
      this.table = table;
      this.byKey.clear();
    }
    const key = `${dimension}|${thresholds.join(',')}`;
    let b = this.byKey.get(key);
    if (!b) {
      b = experienceBreakdown(table, dimension, thresholds);
      this.byKey.set(key, b);
    }
    return b;
  }
}

export function experienceView(
  cache: ExperienceCache,
  table: SessionTable,
  dimension: ExperienceDimension,
  settings: InsightSettings,
  sources: string[],
): ExperienceView {
  const b = cache.get(table, dimension, settings.latencyThresholdsMs);
  const users = cache.get(table, 'user', settings.latencyThresholdsMs);
  return {
    dimension,
    thresholdsMs: b.thresholdsMs,
    groups: b.groups.slice(0, EXPERIENCE_GROUPS_SHOWN).map(groupView),
    totalGroups: b.groups.length,
    worstUsers: worstUsers(users, settings.worstUsers, settings.worstMinSessions).map(groupView),
    worstMinSessions: settings.worstMinSessions,
    sources,
    rows: table.size,
  };
}

/** Accounts of a connection read at once. */
const MEMBER_CONCURRENCY = 4;

/** Team members of one account, or of every account of the connection (failures listed, not fatal unless all fail). */
export async function readMembers(
  client: FrameClient,
  account: Account,
  scope: 'account' | 'all',
  signal: AbortSignal,
  progress: (message: string, fraction?: number) => void,
): Promise<{ accounts: AccountMembers[]; failed: { name: string; message: string }[] }> {
  if (scope === 'account') {
    progress(l10n.t('Reading the team members of {0}…', account.name || account.accountId));
    const members = await client.listTeamMembers(account.accountId, signal);
    return { accounts: [{ accountId: account.accountId, accountName: account.name, members }], failed: [] };
  }
  progress(l10n.t('Listing accounts…'));
  const all = await client.listAccounts(signal);
  const accounts: AccountMembers[] = [];
  const failed: { name: string; message: string }[] = [];
  let firstFailure: unknown;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < all.length) {
      const a = all[next++]!;
      try {
        accounts.push({ accountId: a.accountId, accountName: a.name, members: await client.listTeamMembers(a.accountId, signal) });
      } catch (e) {
        if (signal.aborted || isCancellation(e)) throw e;
        firstFailure ??= e;
        failed.push({ name: a.name || a.accountId, message: userMessage(e) });
      }
      progress(l10n.t('Reading team members: {0} of {1} accounts', ++done, all.length), done / all.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(MEMBER_CONCURRENCY, all.length) }, worker));
  if (all.length > 0 && failed.length === all.length) throw firstFailure;
  // In the connection's order, whatever order the reads ended in.
  const order = new Map(all.map((a, i) => [a.accountId, i]));
  accounts.sort((x, y) => order.get(x.accountId)! - order.get(y.accountId)!);
  return { accounts, failed };
}

/**
 * The day "days since" counts from: the last day of the loaded months, or today when the loads
 * reach today (the current month, or the last 24 hours). Days are yyyy-MM-dd.
 */
export function asOfDayOf(months: readonly string[], recent: boolean, today: string): { day: string; reason: 'months' | 'today' } {
  const last = [...months].sort().pop();
  if (recent || !last) return { day: today, reason: 'today' };
  const [y, m] = last.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return end >= today ? { day: today, reason: 'today' } : { day: end, reason: 'months' };
}

export function peopleView(
  seats: SeatHygiene,
  scope: 'account' | 'all',
  seat: SeatStatus | 'all',
  reason: 'months' | 'today',
  failed: { name: string; message: string }[],
  sources: string[],
): PeopleView {
  const rows = seat === 'all' ? seats.rows : seats.rows.filter((r) => r.seat === seat);
  return {
    scope,
    asOfDay: seats.asOfDay,
    asOfReason: reason,
    seat,
    rows: rows.slice(0, PEOPLE_ROWS_SHOWN),
    totalRows: rows.length,
    members: seats.rows.length,
    unmatched: seats.unmatched.slice(0, PEOPLE_ROWS_SHOWN),
    totalUnmatched: seats.unmatched.length,
    matching: seats.matching,
    counts: seats.counts,
    failedAccounts: failed,
    sources,
  };
}

/** `scope`: the panel's accounts, each ranked (0 without sessions in quiet hours). */
export function offHoursView(
  table: SessionTable,
  settings: InsightSettings,
  names: ReadonlyMap<string, string>,
  scope: OffHoursView['scope'] & { accountIds: readonly string[] },
): OffHoursView {
  const quiet = {
    startMinute: parseClockTime(settings.quietStart, 'frameAdmin.offHours.quietStart'),
    endMinute: parseClockTime(settings.quietEnd, 'frameAdmin.offHours.quietEnd'),
    timeZone: settings.timeZone,
    weekends: settings.weekends,
  };
  const r = offHoursUsage(table, quiet, scope.accountIds);
  const { accountIds: _ids, ...scopeView } = scope;
  return {
    scope: scopeView,
    quiet: { start: settings.quietStart.trim(), end: settings.quietEnd.trim(), timeZone: r.quiet.timeZone, weekends: settings.weekends },
    accounts: r.accounts.map((a) => ({ ...a, accountName: names.get(a.accountId) ?? '' })),
    totalQuietHours: r.totalQuietHours,
  };
}

/** What each export is, in file names (English: a file name is found by scripts and teammates). */
export const INSIGHT_CSV_TITLES: Record<InsightCsvTable, string> = {
  experience: 'experience',
  worstUsers: 'worst users',
  people: 'seats',
  unmatched: 'unmatched session users',
  offHours: 'off-hours usage',
};

/** A seat in the seats CSV (file content, machine-read: English like its column headers). */
const SEAT_WORDS: Record<SeatStatus, string> = {
  pending: 'pending invitation',
  never: 'never used',
  dormant90: 'dormant 90+ days',
  dormant60: 'dormant 60+ days',
  dormant30: 'dormant 30+ days',
  active: 'active',
  notLoaded: 'no report loaded',
};
export { SEAT_WORDS };

/**
 * What the user reads about an Experience or People export: the save dialog's title and, once
 * saved, the confirmation, whole sentences. `by` the Experience breakdown's dimension (always given for it), `seat` the
 * People tab's seat filter (ids, shown as they are), `who` whose sessions or members.
 */
export function insightExportTexts(
  table: InsightCsvTable,
  options: { by?: string; seat?: string },
  who: string,
): { title: string; exported: (file: string) => string } {
  const { by, seat } = options;
  switch (table) {
    case 'experience':
      return {
        title: l10n.t('Export the experience by {0} ({1})', String(by), who),
        exported: (file) => l10n.t('Exported the experience by {0} ({1}) to "{2}".', String(by), who, file),
      };
    case 'worstUsers':
      return {
        title: l10n.t('Export the worst users ({0})', who),
        exported: (file) => l10n.t('Exported the worst users ({0}) to "{1}".', who, file),
      };
    case 'people':
      return seat === undefined
        ? {
            title: l10n.t('Export the seats ({0})', who),
            exported: (file) => l10n.t('Exported the seats ({0}) to "{1}".', who, file),
          }
        : {
            title: l10n.t('Export the seats ({0}) ({1})', seat, who),
            exported: (file) => l10n.t('Exported the seats ({0}) ({1}) to "{2}".', seat, who, file),
          };
    case 'unmatched':
      return {
        title: l10n.t('Export the unmatched session users ({0})', who),
        exported: (file) => l10n.t('Exported the unmatched session users ({0}) to "{1}".', who, file),
      };
    case 'offHours':
      return {
        title: l10n.t('Export the off-hours usage ({0})', who),
        exported: (file) => l10n.t('Exported the off-hours usage ({0}) to "{1}".', who, file),
      };
  }
}

/** Experience groups as CSV (every group of the breakdown). */
export function experienceCsv(b: ExperienceBreakdown, groups: readonly ExperienceGroup[]): string {
  const t = b.thresholdsMs;
  let out = csvLine([
    csvText(b.dimension === 'user' ? 'username' : b.dimension),
    'sessions',
    'sessions_with_latency',
    ...t.map((x) => `latency_over_${x}ms_pct`),
    'p50_latency_ms',
    'p95_latency_ms',
    'median_bandwidth',
    'median_framerate',
    'last_month',
    'previous_month',
    ...t.map((x) => `latency_over_${x}ms_pct_change`),
    'p95_latency_change_ms',
  ]);
  for (const g of groups) {
    const v = groupView(g);
    out += csvLine([
      csvText(g.key),
      csvNumber(g.sessions),
      csvNumber(g.latencySessions),
      ...g.overPct.map(csvNumber),
      csvNumber(g.p50Latency),
      csvNumber(g.p95Latency),
      csvNumber(g.medianBandwidth),
      csvNumber(g.medianFramerate),
      csvText(v.change?.month ?? ''),
      csvText(v.change?.previous ?? ''),
      ...t.map((_, i) => csvNumber(v.change?.overPctDelta[i])),
      csvNumber(v.change?.p95LatencyDelta),
    ]);
  }
  return out;
}

export function seatsCsv(seats: SeatHygiene, seat: SeatStatus | 'all'): string {
  let out = csvLine(
    [
      'account_id',
      'account_name',
      'name',
      'email',
      'member_status',
      'seat',
      'sessions',
      'hours',
      'last_session (report clock)',
      'days_since_last',
    ].map(csvText),
  );
  for (const r of seats.rows) {
    if (seat !== 'all' && r.seat !== seat) continue;
    out += csvLine([
      csvText(r.accountId),
      csvText(r.accountName),
      csvText(r.name),
      csvText(r.email),
      csvText(r.memberStatus),
      csvText(SEAT_WORDS[r.seat]),
      csvNumber(r.sessions),
      csvNumber(r.hours),
      csvText(r.lastStart === null ? '' : formatClock(r.lastStart)),
      csvNumber(r.daysSince),
    ]);
  }
  return out;
}

export function unmatchedCsv(seats: SeatHygiene): string {
  let out = csvLine(
    ['account_id', 'matched_by_value', 'username', 'account_email', 'sessions', 'hours', 'last_session (report clock)'].map(csvText),
  );
  for (const u of seats.unmatched)
    out += csvLine([
      csvText(u.accountId),
      csvText(u.value),
      csvText(u.username),
      csvText(u.accountEmail),
      csvNumber(u.sessions),
      csvNumber(u.hours),
      csvText(u.lastStart === null ? '' : formatClock(u.lastStart)),
    ]);
  return out;
}

export function offHoursCsv(v: OffHoursView): string {
  let out = csvLine(
    ['rank', 'account_id', 'account_name', 'sessions', 'sessions_in_quiet_hours', 'hours', 'quiet_hours', 'quiet_pct'].map(csvText),
  );
  v.accounts.forEach((a, i) => {
    out += csvLine([
      csvNumber(i + 1),
      csvText(a.accountId),
      csvText(a.accountName),
      csvNumber(a.sessions),
      csvNumber(a.quietSessions),
      csvNumber(a.hours),
      csvNumber(a.quietHours),
      csvNumber(a.quietPct),
    ]);
  });
  return out;
}

export { seatHygiene };
