/**
 * Seat hygiene: team members (the Web API's `team_members` of each account) joined with the
 * sessions of a table: who never used Frame in the loaded months, who went dormant, who is still
 * invited (pending), who uses it most; and the session users no member matches, shown rather
 * than dropped.
 *
 * Matching: Frame does not document `username` nor `account_email`. Reports write a user's e-mail
 * in one of them (the other holds a directory login, or the account's contact address). So, per
 * account, the column whose distinct values match more member e-mails (case-insensitive, spaces
 * around them aside) is the one sessions are matched by (ties: `username`); with no match at all
 * in either, `username`. A row is matched when that column equals a member's e-mail.
 *
 * Days are the report clock's calendar days (clock.ts). `asOfDay` is the day counted from: the
 * caller says which (the loaded months' last day, or today when that is earlier). Days since the
 * last session = asOfDay − the day of the last matched start. Dormant N: no session in the N days
 * up to asOfDay, i.e. days since ≥ N (30, 60, 90; each member in the highest it reaches).
 * Members of accounts with no session in the table are "no report loaded", not "never used".
 */
import type { TeamMember } from '../api/types';
import type { SessionTable } from '../reports/sessionTable';
import { fromFloat32 } from '../reports/sessionTable';
import { DAY_MS } from './clock';

export const DORMANT_DAYS = [30, 60, 90] as const;

export type SeatStatus = 'pending' | 'never' | 'dormant90' | 'dormant60' | 'dormant30' | 'active' | 'notLoaded';

export interface AccountMembers {
  accountId: string;
  accountName: string;
  members: readonly TeamMember[];
}

export interface SeatRow {
  accountId: string;
  accountName: string;
  name: string;
  email: string;
  /** The member's status as the API sent it. */
  memberStatus: string;
  seat: SeatStatus;
  sessions: number;
  hours: number;
  /** Report-clock epoch ms of the last matched start; null without one. */
  lastStart: number | null;
  daysSince: number | null;
}

export interface UnmatchedUser {
  accountId: string;
  /** The value of the matching column (what no member's e-mail equals). */
  value: string;
  username: string;
  accountEmail: string;
  sessions: number;
  hours: number;
  lastStart: number | null;
}

export interface AccountMatching {
  accountId: string;
  accountName: string;
  /** The column rows were matched by, or null: no session of this account in the table. */
  column: 'username' | 'account_email' | null;
  members: number;
  /** Distinct values of that column in the account's sessions, and how many matched a member. */
  sessionUsers: number;
  matchedUsers: number;
  matchedSessions: number;
  unmatchedSessions: number;
}

export interface SeatHygiene {
  asOfDay: string;
  rows: SeatRow[];
  unmatched: UnmatchedUser[];
  matching: AccountMatching[];
  counts: Record<SeatStatus, number>;
}

/** A member e-mail as compared: trimmed, lower case. */
export function emailKey(s: string): string {
  return s.trim().toLowerCase();
}

function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function seatStatus(memberStatus: string, lastStart: number | null, asOfDay: number, loaded: boolean): SeatStatus {
  if (memberStatus.trim().toLowerCase() === 'pending') return 'pending';
  if (!loaded) return 'notLoaded';
  if (lastStart === null) return 'never';
  const since = asOfDay - dayOf(lastStart);
  if (since >= 90) return 'dormant90';
  if (since >= 60) return 'dormant60';
  if (since >= 30) return 'dormant30';
  return 'active';
}

interface Usage {
  sessions: number;
  seconds: number;
  last: number;
  username: string;
  accountEmail: string;
}

/**
 * The seat table of the members of each account against the table's sessions (rows of an
 * account are those whose `account_id` is the account's; a table of one account's reports with
 * an empty `account_id` counts as that account's when it is the only one given).
 */
export function seatHygiene(table: SessionTable, accounts: readonly AccountMembers[], asOfDay: string): SeatHygiene {
  const asOf = Date.parse(`${asOfDay}T00:00:00Z`) / DAY_MS;
  const d = table.dictionaries;
  // Per account id: per (user id, email id) pair, the usage; one pass over the table.
  const usage = new Map<string, Map<number, Usage>>();
  const emailIds = d.email.length;
  for (const p of table.parts) {
    const c = p.columns;
    const rm = p.remap;
    for (let r = 0; r < p.rows; r++) {
      let acc = d.account[rm.account[c.account[r]!]!]!;
      if (acc === '' && accounts.length === 1) acc = accounts[0]!.accountId;
      let perAccount = usage.get(acc);
      if (!perAccount) usage.set(acc, (perAccount = new Map()));
      const u = rm.user[c.user[r]!]!;
      const e = rm.email[c.email[r]!]!;
      const key = u * emailIds + e;
      let x = perAccount.get(key);
      if (!x) perAccount.set(key, (x = { sessions: 0, seconds: 0, last: -Infinity, username: d.user[u]!, accountEmail: d.email[e]! }));
      x.sessions++;
      const dur = c.duration[r]!;
      if (dur > 0) x.seconds += fromFloat32(dur);
      const s = c.start[r]!;
      if (s > x.last) x.last = s;
    }
  }

  const rows: SeatRow[] = [];
  const unmatched: UnmatchedUser[] = [];
  const matching: AccountMatching[] = [];
  for (const a of accounts) {
    const memberKeys = new Set(a.members.map((m) => emailKey(m.email)).filter((k) => k !== ''));
    const sessions = usage.get(a.accountId);
    const loaded = sessions !== undefined;
    // Which column holds the members' e-mails: the one with more distinct matching values.
    let column: AccountMatching['column'] = null;
    const byValue = new Map<string, Usage>();
    if (sessions) {
      const distinct = (pick: (x: Usage) => string) => new Set([...sessions.values()].map((x) => emailKey(pick(x))));
      const hits = (values: Set<string>) => [...values].filter((v) => memberKeys.has(v)).length;
      column = hits(distinct((x) => x.accountEmail)) > hits(distinct((x) => x.username)) ? 'account_email' : 'username';
      for (const x of sessions.values()) {
        const value = column === 'username' ? x.username : x.accountEmail;
        const k = emailKey(value);
        const y = byValue.get(k);
        if (!y) byValue.set(k, { ...x });
        else {
          y.sessions += x.sessions;
          y.seconds += x.seconds;
          y.last = Math.max(y.last, x.last);
        }
      }
    }
    let matchedUsers = 0;
    let matchedSessions = 0;
    let unmatchedSessions = 0;
    for (const [k, x] of byValue) {
      if (memberKeys.has(k)) {
        matchedUsers++;
        matchedSessions += x.sessions;
      } else {
        unmatchedSessions += x.sessions;
        unmatched.push({
          accountId: a.accountId,
          value: column === 'username' ? x.username : x.accountEmail,
          username: x.username,
          accountEmail: x.accountEmail,
          sessions: x.sessions,
          hours: x.seconds / 3600,
          lastStart: Number.isFinite(x.last) ? x.last : null,
        });
      }
    }
    const seen = new Set<string>();
    for (const m of a.members) {
      const k = emailKey(m.email);
      // A member listed twice is one seat.
      if (seen.has(k) && k !== '') continue;
      seen.add(k);
      const x = k === '' ? undefined : byValue.get(k);
      const lastStart = x && Number.isFinite(x.last) ? x.last : null;
      rows.push({
        accountId: a.accountId,
        accountName: a.accountName,
        name: m.name,
        email: m.email,
        memberStatus: m.status,
        seat: seatStatus(m.status, lastStart, asOf, loaded),
        sessions: x?.sessions ?? 0,
        hours: (x?.seconds ?? 0) / 3600,
        lastStart,
        daysSince: lastStart === null ? null : asOf - dayOf(lastStart),
      });
    }
    matching.push({
      accountId: a.accountId,
      accountName: a.accountName,
      column,
      members: seen.size,
      sessionUsers: byValue.size,
      matchedUsers,
      matchedSessions,
      unmatchedSessions,
    });
  }
  const counts: Record<SeatStatus, number> = { pending: 0, never: 0, dormant90: 0, dormant60: 0, dormant30: 0, active: 0, notLoaded: 0 };
  for (const r of rows) counts[r.seat]++;
  // Heaviest first; then by name.
  rows.sort((x, y) => y.hours - x.hours || y.sessions - x.sessions || x.email.localeCompare(y.email));
  unmatched.sort((x, y) => y.hours - x.hours || y.sessions - x.sessions || x.value.localeCompare(y.value));
  return { asOfDay, rows, unmatched, matching, counts };
}
