/**
 * The simulator's seeded data: Web API accounts and their team members, applications, usage and
 * session reports; the Admin API tenant (adminData.ts); registration users.
 * Everything derives from (seed, now): the same inputs give the same values on every machine.
 * Per-account data is generated on first use and cached, so starting the simulator stays fast.
 */
import { Random } from '../fixtures/random';
import { APPLICATIONS, generateSessions, type RawSessionRow } from '../fixtures/sessions';
import { createTenant, type AdminTenant } from './adminData';
import { appIcon } from './png';
import { asciiSlug, dayString, deriveSeed, pacificDay, parseDay } from './util';

export interface WebAccount {
  account_id: string;
  name: string;
  email: string;
}
export interface TeamMember {
  name: string;
  email: string;
  status: 'active' | 'pending';
}
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

const ACCOUNT_SPECS: readonly { name: string; email: string; domain: string; members: number }[] = [
  { name: 'Acme Engineering', email: 'it-admin@acme-eng.example.com', domain: 'acme-eng.example.com', members: 5000 },
  { name: 'Globex Design Studio', email: 'frame@globex.example.com', domain: 'globex.example.com', members: 64 },
  { name: 'QA Lab <img src=x onerror=alert(1)>', email: 'qa+frame@qalab.example.com', domain: 'qalab.example.com', members: 23 },
  { name: 'Initech Finance', email: 'ops@initech.example.com', domain: 'initech.example.com', members: 41 },
  { name: 'Umbrella Research – Zürich', email: 'labs@umbrella.example.ch', domain: 'umbrella.example.ch', members: 37 },
];

const FIRST_NAMES = [
  'Ana',
  'José',
  'Zoë',
  'Søren',
  'Łukasz',
  'Björk',
  'Ngọc',
  'Ayşe',
  'François',
  'Chloé',
  'Małgorzata',
  'Ólafur',
  'Priya',
  'Kenji',
  'Fatima',
  'Liam',
  'Olivia',
  'Noah',
  'Emma',
  'Mateo',
  'Sofia',
  'Hiro',
  'Ines',
  'Omar',
  'Grace',
  'Dmitri',
  '美咲',
  'Андрей',
];
const LAST_NAMES = [
  'García',
  'Müller',
  'Nguyễn',
  'Østergaard',
  "O'Brien",
  'Smith',
  'Kowalski',
  'Tanaka',
  'Johnson',
  'Silva',
  'Dubois',
  'Yılmaz',
  'Dvořák',
  'Rossi',
  'Cohen',
  'Okafor',
  'Andersson',
  'Patel',
  'Kim',
  'van der Berg',
  '佐藤',
  'Иванов',
];

// The session generator's applications, and a few more that only the Applications view lists.
const APP_NAMES = [...APPLICATIONS, 'Notepad', 'Revit 2025', 'Power BI Desktop'];

/** Datacenter → instance types available there. */
const DATACENTERS: readonly [string, readonly string[]][] = [
  ['aws-va', ['g4dn.xlarge', 'g4dn.2xlarge', 't3.medium', 'g5.xlarge']],
  ['aws-or', ['g4dn.xlarge', 't3.medium', 't3.large']],
  ['azure-westeurope', ['NV6', 'Standard_D4s_v3', 'Standard_NV12s_v3']],
  ['gcp-us-central1', ['n1-standard-4', 'n1-standard-8-t4']],
];
const SMALL_TYPES = new Set(['t3.medium', 't3.large', 'Standard_D4s_v3', 'n1-standard-4']);

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
    return { account_id: admin.id, name: admin.name, email: `admin+${asciiSlug(admin.name)}@example.com` };
  };
  const mustAccount = (id: string): WebAccount => {
    const a = account(id);
    if (!a) throw new Error(`simulator: unknown account ${id}`);
    return a;
  };
  const domainOf = (id: string): string => {
    const w = webIndex.get(id);
    return w !== undefined ? (ACCOUNT_SPECS[w] as { domain: string }).domain : `${asciiSlug(mustAccount(id).name)}.example.com`;
  };

  const membersCache = new Map<string, TeamMember[]>();
  const teamMembers = (id: string): TeamMember[] =>
    cached(membersCache, id, () => {
      mustAccount(id);
      const w = webIndex.get(id);
      const r = new Random(deriveSeed(seed, 'members', id));
      const count = w !== undefined ? (ACCOUNT_SPECS[w] as { members: number }).members : r.int(8, 60);
      const domain = domainOf(id);
      const seen = new Set<string>();
      const out: TeamMember[] = [];
      for (let i = 0; i < count; i++) {
        const first = r.pick(FIRST_NAMES);
        const last = r.pick(LAST_NAMES);
        let local = `${asciiSlug(first) || 'user'}.${asciiSlug(last) || 'member'}`;
        if (seen.has(local)) local += String(i);
        seen.add(local);
        out.push({ name: `${first} ${last}`, email: `${local}@${domain}`, status: r.bool(0.14) ? 'pending' : 'active' });
      }
      return out;
    });

  const icons = new Map<string, Buffer>();
  const appsCache = new Map<string, Application[]>();
  const applications = (id: string): Application[] =>
    cached(appsCache, id, () => {
      mustAccount(id);
      const r = new Random(deriveSeed(seed, 'apps', id));
      const names = [...APP_NAMES];
      const count = r.int(6, 12);
      const out: Application[] = [];
      for (let i = 0; i < count; i++) {
        const name = names.splice(r.int(0, names.length - 1), 1)[0] as string;
        const file = `${deriveSeed(seed, 'icon', name).toString(16).padStart(8, '0')}${r.hex(8)}.png`;
        if (i === 1) {
          out.push({ icon: `${baseUrl}/icons/missing-${file}`, name }); // 404s
        } else if (i === 2) {
          out.push({ icon: null, name });
        } else {
          if (!icons.has(file)) icons.set(file, appIcon([r.int(20, 200), r.int(20, 200), r.int(20, 200)]));
          out.push({ icon: `${baseUrl}/icons/${file}?${1436945663 + r.int(0, 9_999_999)}`, name });
        }
      }
      return out;
    });

  const today = pacificDay(now);
  const todayNum = parseDay(today) as number;
  const usageFirstNum = todayNum - (USAGE_DAYS - 1);
  const usageCache = new Map<string, UsageRecord[]>();
  const allUsage = (id: string): UsageRecord[] =>
    cached(usageCache, id, () => {
      mustAccount(id);
      const r = new Random(deriveSeed(seed, 'usage', id));
      const w = webIndex.get(id);
      const scale = w === 0 ? 6 : w !== undefined ? 1 + (w % 3) : 0.5 + r.next();
      const combos: { dc: string; type: string; server: string; start: number; end: number; base: number }[] = [];
      const comboCount = r.int(3, 7);
      const seen = new Set<string>();
      for (let tries = 0; combos.length < comboCount && tries < 50; tries++) {
        const [dc, types] = r.pick(DATACENTERS);
        const type = r.pick(types);
        const server = SMALL_TYPES.has(type)
          ? r.weighted(['utility', 'production', 'test'], [5, 3, 1])
          : r.weighted(['production', 'test'], [6, 1]);
        const key = `${dc}|${type}|${server}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const start = combos.length < 2 ? usageFirstNum : usageFirstNum + r.int(0, 300);
        const end = r.bool(0.2) ? start + r.int(30, 200) : todayNum;
        const base = server === 'utility' ? 24 : server === 'test' ? 1.5 * scale : r.logNormal(12, 0.5) * scale;
        combos.push({ dc, type, server, start, end, base });
      }
      const out: UsageRecord[] = [];
      for (let d = usageFirstNum; d <= todayNum; d++) {
        const weekday = new Date(d * 86_400_000).getUTCDay();
        const weekend = weekday === 0 || weekday === 6;
        const time = `${dayString(d)}T00:00:00`;
        const dayRecords: UsageRecord[] = [];
        for (const c of combos) {
          if (d < c.start || d > c.end) continue;
          let hours: number;
          if (c.server === 'utility') {
            if (r.bool(0.03)) continue;
            hours = r.bool(0.85) ? 24 : Math.round(r.next() * 2400) / 100;
          } else {
            if (r.bool(weekend ? 0.55 : 0.05)) continue;
            hours = Math.round(c.base * (weekend ? 0.25 : 1) * r.logNormal(1, 0.35) * 100) / 100;
            if (r.bool(0.2)) hours = Math.max(1, Math.round(hours));
          }
          if (d === todayNum) hours = Math.round(hours * 0.4 * 100) / 100;
          if (hours <= 0) continue;
          dayRecords.push({ datacenter: c.dc, time, hours_used: hours, instance_type: c.type, server_type: c.server });
        }
        dayRecords.sort((a, b) =>
          a.datacenter + a.instance_type + a.server_type < b.datacenter + b.instance_type + b.server_type ? -1 : 1,
        );
        out.push(...dayRecords);
      }
      return out;
    });
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
    const a = mustAccount(id);
    const from = Date.UTC(year, month - 1, 1);
    const monthEnd = Date.UTC(year, month, 1);
    const to = Math.max(from, Math.min(monthEnd, nowMs - 86_400_000));
    const count = Math.round((sessionsPerMonth * (to - from)) / (monthEnd - from));
    return [
      ...generateSessions({
        seed: deriveSeed(seed, 'sessions', id, year, month),
        accountId: a.account_id,
        accountName: a.name,
        accountEmail: a.email,
        from: new Date(from),
        to: new Date(Math.max(to, from + 1)),
        count,
      }),
    ];
  };
  const recentSessionRows = (id: string): RawSessionRow[] => {
    const a = mustAccount(id);
    const r = new Random(deriveSeed(seed, 'recent', id));
    return [
      ...generateSessions({
        seed: deriveSeed(seed, 'recent-rows', id),
        accountId: a.account_id,
        accountName: a.name,
        accountEmail: a.email,
        from: new Date(nowMs - 86_400_000),
        to: now,
        count: r.int(180, 420),
      }),
    ];
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
