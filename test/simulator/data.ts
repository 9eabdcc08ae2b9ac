/**
 * The simulator's seeded data: Web API accounts and their team members, applications, usage and
 * session reports; the Admin API tenant (adminData.ts); registration users.
 * Everything derives from (seed, now): the same inputs give the same values on every machine.
 * Per-account data is generated on first use and cached, so starting the simulator stays fast.
 */
import { Random } from '../fixtures/random';
import type { RawSessionRow } from '../fixtures/sessions';
import { createTenant, type AdminTenant } from './adminData';
import { appIcon } from './png';
import {
  applicationNames,
  buildAccount,
  FIRST_NAMES,
  LAST_NAMES,
  monthSessions,
  recentSessions,
  usageRows,
  type AccountWorld,
} from './tenant';
import { asciiSlug, dayString, deriveSeed, pacificDay, parseDay } from './util';

export interface WebAccount {
  account_id: string;
  name: string;
  email: string;
}
export type { TeamMember } from './tenant';
import type { TeamMember } from './tenant';
export interface Application {
  icon: string | null;
  name: string;
}
export interface UsageRecord {
  datacenter: string;
  time: string;
  hours_used: number;
  instance_type: string;
  server_type: string;
}
export interface ReportMonth {
  year: number;
  month: number;
}
export interface RegistrationUser {
  id: number;
  uuid: string;
  email: string;
  givenName: string;
  familyName: string;
  displayName: string;
  created: string;
  lastUpdated: string;
  emailVerified: string | null;
}

export interface SimulatorData {
  readonly seed: number;
  /** End of the generated data windows. */
  readonly now: Date;
  /** `now` as a calendar day in America/Los_Angeles (the usage endpoint's "PST"), yyyy-MM-dd. */
  readonly today: string;
  /** First day with usage data (today − 399 days): usage covers 400 days. */
  readonly usageFirstDay: string;
  readonly sessionsPerMonth: number;
  /** The accounts `GET /v1alpha/accounts` lists (5), in that order. */
  readonly accounts: readonly WebAccount[];
  /** The account with 5000 team members. */
  readonly bigAccountId: string;
  /** The account named `QA Lab <img src=x onerror=alert(1)>`. */
  readonly xssAccountId: string;
  /** The Admin API tenant: one customer, its organizations and accounts, publish tasks, audit trail (adminData.ts). */
  readonly tenant: AdminTenant;
  readonly registrationUsers: readonly RegistrationUser[];
  /** The 13 months `sessions` lists, ascending, the last one being now's month (UTC). */
  readonly reportMonths: readonly ReportMonth[];
  /** Any account id the Web API answers for (the 5 listed ones and every Admin API account id). */
  account(accountId: string): WebAccount | undefined;
  teamMembers(accountId: string): readonly TeamMember[];
  applications(accountId: string): readonly Application[];
  /** All usage records of an account, or those with from ≤ day ≤ to (yyyy-MM-dd, inclusive). */
  usage(accountId: string, from?: string, to?: string): readonly UsageRecord[];
  /** The 16-character token of an account's report file names. */
  reportToken(accountId: string): string;
  /** File name (without .zip) of a monthly report: `<token>.<year>.<month>.<hash>.csv`. */
  reportFileName(accountId: string, year: number, month: number): string;
  /** Raw rows of a monthly report (regenerated on every call: deterministic). */
  monthlyReportRows(accountId: string, year: number, month: number): RawSessionRow[];
  /** Raw rows of recent_sessions (sessions of the 24 h before now). */
  recentSessionRows(accountId: string): RawSessionRow[];
  /** Icon files served at /icons/<file> (PNG bytes). */
  readonly icons: ReadonlyMap<string, Buffer>;
}

/** The accounts `GET /v1alpha/accounts` lists; their people, pools and rhythm are in tenant.ts. */
const ACCOUNT_SPECS: readonly { name: string; email: string }[] = [
  { name: 'Acme Engineering', email: 'it-admin@acme-eng.example.com' },
  { name: 'Globex Design Studio', email: 'frame@globex.example.com' },
  { name: 'QA Lab <img src=x onerror=alert(1)>', email: 'qa+frame@qalab.example.com' },
  { name: 'Initech Finance', email: 'ops@initech.example.com' },
  { name: 'Umbrella Research – Zürich', email: 'labs@umbrella.example.ch' },
];

const USAGE_DAYS = 400;
const MONTHS_LISTED = 13;

function accountIdFrom(rnd: Random): string {
  const h = rnd.hex(16).toUpperCase();
  return `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}`;
}

function uuidFrom(rnd: Random): string {
  const h = rnd.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[rnd.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function tokenFrom(rnd: Random, length = 16): string {
  let s = '';
  for (let i = 0; i < length; i++) s += TOKEN_ALPHABET[rnd.int(0, TOKEN_ALPHABET.length - 1)];
  return s;
}

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** yyyy-MM-dd HH:MM:SS.ffffff +0000, the Janrain timestamp form. */
function janrainTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '') + '000 +0000';
}

export function createData(opts: { seed: number; now: Date; sessionsPerMonth: number; baseUrl: string }): SimulatorData {
  const { seed, now, sessionsPerMonth, baseUrl } = opts;
  const nowMs = now.getTime();
  const rnd = new Random(deriveSeed(seed, 'accounts'));

  const accounts: WebAccount[] = ACCOUNT_SPECS.map((s) => ({ account_id: accountIdFrom(rnd), name: s.name, email: s.email }));
  const webIndex = new Map(accounts.map((a, i) => [a.account_id, i]));

  // Admin API tenant (its own random stream: adding to it does not move the Web API data).
  const tenant = createTenant(seed, now);
  const tenantAccounts = new Map(tenant.accounts.map((a) => [a.id, a]));

  // Registration users.
  const regRnd = new Random(deriveSeed(seed, 'registration'));
  const registrationUsers: RegistrationUser[] = [];
  for (let i = 0; i < 240; i++) {
    const givenName = regRnd.pick(FIRST_NAMES);
    const familyName = regRnd.pick(LAST_NAMES);
    const created = nowMs - regRnd.int(30, 900) * 86_400_000 - regRnd.int(0, 86_399_999);
    const lastUpdated = Math.min(nowMs - 60_000, created + regRnd.int(0, 400) * 86_400_000);
    registrationUsers.push({
      id: 1000 + i,
      uuid: uuidFrom(regRnd),
      email: `${asciiSlug(givenName) || 'user'}.${asciiSlug(familyName) || 'member'}${i}@members.example.com`,
      givenName,
      familyName,
      displayName: `${givenName} ${familyName}`,
      created: janrainTime(created),
      lastUpdated: janrainTime(lastUpdated),
      emailVerified: regRnd.bool(0.8) ? janrainTime(created + 3_600_000) : null,
    });
  }

  const account = (id: string): WebAccount | undefined => {
    const w = webIndex.get(id);
    if (w !== undefined) return accounts[w];
    const admin = tenantAccounts.get(id);
    if (admin === undefined) return undefined;
    // The Admin API's account of the same name is the same account (same contact, people and sessions).
    const email = accounts.find((a) => a.name === admin.name)?.email ?? `admin+${asciiSlug(admin.name)}@example.com`;
    return { account_id: admin.id, name: admin.name, email };
  };
  const mustAccount = (id: string): WebAccount => {
    const a = account(id);
    if (!a) throw new Error(`simulator: unknown account ${id}`);
    return a;
  };

  const worlds = new Map<string, AccountWorld>();
  const world = (id: string): AccountWorld =>
    cached(worlds, id, () => {
      const a = mustAccount(id);
      return buildAccount({ seed, now, sessionsPerMonth, accountId: a.account_id, accountName: a.name, accountEmail: a.email });
    });

  const teamMembers = (id: string): readonly TeamMember[] => world(id).members;

  const icons = new Map<string, Buffer>();
  const appsCache = new Map<string, Application[]>();
  const applications = (id: string): Application[] =>
    cached(appsCache, id, () => {
      const r = new Random(deriveSeed(seed, 'apps', id));
      return applicationNames(world(id).profile).map((name, i) => {
        const file = `${deriveSeed(seed, 'icon', name).toString(16).padStart(8, '0')}${r.hex(8)}.png`;
        if (i === 1) return { icon: `${baseUrl}/icons/missing-${file}`, name }; // 404s
        if (i === 2) return { icon: null, name };
        if (!icons.has(file)) icons.set(file, appIcon([r.int(20, 200), r.int(20, 200), r.int(20, 200)]));
        return { icon: `${baseUrl}/icons/${file}?${1436945663 + r.int(0, 9_999_999)}`, name };
      });
    });

  const today = pacificDay(now);
  const todayNum = parseDay(today) as number;
  const usageFirstNum = todayNum - (USAGE_DAYS - 1);
  const usageCache = new Map<string, UsageRecord[]>();
  const allUsage = (id: string): UsageRecord[] =>
    cached(usageCache, id, () =>
      usageRows(world(id), usageFirstNum, todayNum, nowMs)
        .map((u) => ({
          datacenter: u.datacenter,
          time: `${dayString(u.day)}T00:00:00`,
          hours_used: u.hours,
          instance_type: u.instanceType,
          server_type: u.serverType,
        }))
        .sort((a, b) => {
          const ka = a.time + a.datacenter + a.instance_type + a.server_type;
          const kb = b.time + b.datacenter + b.instance_type + b.server_type;
          return ka < kb ? -1 : ka > kb ? 1 : 0;
        }),
    );
  const usage = (id: string, from?: string, to?: string): UsageRecord[] => {
    const all = allUsage(id);
    if (from === undefined && to === undefined) return all;
    const lo = from ?? '0000-00-00';
    const hi = to ?? '9999-99-99';
    return all.filter((u) => {
      const day = u.time.slice(0, 10);
      return day >= lo && day <= hi;
    });
  };

  const reportMonths: ReportMonth[] = [];
  for (let i = MONTHS_LISTED - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    reportMonths.push({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 });
  }

  const reportToken = (id: string): string => tokenFrom(new Random(deriveSeed(seed, 'token', id)));
  const reportFileName = (id: string, year: number, month: number): string =>
    `${reportToken(id)}.${year}.${month}.${deriveSeed(seed, 'report', id, year, month).toString(16).padStart(8, '0').slice(0, 5)}.csv`;

  const monthlyReportRows = (id: string, year: number, month: number): RawSessionRow[] => {
    const w = world(id);
    const rows: RawSessionRow[] = [];
    for (const s of monthSessions(w, year, month, nowMs)) rows.push(w.row(s));
    return rows;
  };
  const recentSessionRows = (id: string): RawSessionRow[] => {
    const w = world(id);
    const rows: RawSessionRow[] = [];
    for (const s of recentSessions(w, nowMs)) rows.push(w.row(s));
    return rows;
  };

  return {
    seed,
    now,
    today,
    usageFirstDay: dayString(usageFirstNum),
    sessionsPerMonth,
    accounts,
    bigAccountId: (accounts[0] as WebAccount).account_id,
    xssAccountId: (accounts[2] as WebAccount).account_id,
    tenant,
    registrationUsers,
    reportMonths,
    account,
    teamMembers,
    applications,
    usage,
    reportToken,
    reportFileName,
    monthlyReportRows,
    recentSessionRows,
    icons,
  };
}
