/**
 * The demo tenant's world: who works where, when, on which pool, from which city and client. One
 * model feeds the monthly reports, recent_sessions, the usage endpoint and the team members, so the
 * four agree with each other (see README.md, "The demo tenant"). Deterministic from (seed, now,
 * sessionsPerMonth); nothing here is sorted by start time (Frame never says its reports are).
 *
 * Sessions are generated per account and local calendar day from their own random stream, in two
 * layers: a cheap skeleton (start, duration, pool, user) that the usage endpoint sums over 400 days,
 * and the full 25-column row, drawn only for the sessions a report asks for.
 */
import { Random } from '../fixtures/random';
import { formatReportTime, type RawSessionRow } from '../fixtures/sessions';
import { asciiSlug, deriveSeed } from './util';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface City {
  name: string;
  region: string;
  country: string;
  /** IANA time zone: the city's users keep its office hours. */
  timeZone: string;
  /** Distance to the account's datacenter (km) and the latency users there typically see (ms). */
  km: number;
  latencyMs: number;
  /** Share of the account's users living there. */
  weight: number;
}

export interface Pool {
  /** Cloud instance type: the usage endpoint's `instance_type`, and (assumed) the report's `system_type`. */
  instanceType: string;
  /** What the report's `system_type` says when it is not the instance type (Frame's display names). */
  systemType?: string;
  gpu: boolean;
  /** Share of the account's users working on this pool. */
  share: number;
  /** Session length: log-normal around the median (minutes), capped. */
  medianMinutes: number;
  spread: number;
  maxMinutes: number;
  apps: readonly string[];
  /** Idle instances kept ready in business hours (the pool's buffer) and at least this many running then. */
  buffer: number;
  minDay: number;
  /** Instances left running outside business hours (the pool that "stays on all night"). */
  minNight: number;
}

export type HolidayCalendar = 'US' | 'CH' | 'DE' | 'GB' | 'IN' | 'AU' | 'BR' | 'SE';

export interface AccountProfile {
  /** Seeds and the same world for the Web API and Admin API account of that name. */
  name: string;
  timeZone: string;
  holidays: HolidayCalendar;
  datacenter: string;
  /** Cheap always-on server of the account (usage `server_type` "utility"). */
  utilityType: string;
  /** Average sessions per month as a share of `sessionsPerMonth` (1 = the big account). */
  share: number;
  /** Month-over-month change of the session volume (0.06 = +6 % a month). */
  growthPerMonth: number;
  /** Local minute of the day the shift starts (many logins in its first two minutes). */
  shiftStart: number;
  /** Share of a working day's sessions that start in the 2 minutes after shiftStart. */
  burstShare: number;
  members: number;
  /** Share of the (non-pending) members who use Frame at all. */
  activeShare: number;
  pools: readonly Pool[];
  cities: readonly City[];
  /** `username` holds the e-mail (default) or a directory login, the e-mail then in `account_email`. */
  usernames: 'email' | 'directory';
  /** Days before now after which no session starts (retired accounts). */
  retiredDaysAgo?: number;
  /** Days before now before which the account had no sessions (new accounts). */
  startedDaysAgo?: number;
}

const GENERAL_APPS = ['Google Chrome', 'Microsoft Excel', 'Microsoft Word', 'Visual Studio Code', 'Notepad++', 'Desktop'];
const CAD_APPS = ['AutoCAD 2026', 'SolidWorks', 'Desktop', 'Blender', 'MATLAB'];

const pool = (p: Partial<Pool> & Pick<Pool, 'instanceType' | 'share' | 'apps'>): Pool => ({
  gpu: false,
  medianMinutes: 35,
  spread: 0.8,
  maxMinutes: 8 * 60,
  buffer: 2,
  minDay: 1,
  minNight: 0,
  ...p,
});
const city = (name: string, region: string, country: string, timeZone: string, km: number, latencyMs: number, weight: number): City => ({
  name,
  region,
  country,
  timeZone,
  km,
  latencyMs,
  weight,
});

const LA = 'America/Los_Angeles';
const NY = 'America/New_York';
const CHI = 'America/Chicago';

/** Every account of the world, by name (the Web API's five and the Admin API's twelve share names). */
export const PROFILES: readonly AccountProfile[] = [
  {
    name: 'Acme Engineering',
    timeZone: LA,
    holidays: 'US',
    datacenter: 'aws-or',
    utilityType: 't3.small',
    share: 1,
    growthPerMonth: 0,
    shiftStart: 8 * 60,
    burstShare: 0.12,
    members: 5000,
    activeShare: 0.8,
    pools: [
      pool({ instanceType: 't3.large', share: 0.58, apps: GENERAL_APPS, medianMinutes: 32, buffer: 4, minDay: 2 }),
      pool({ instanceType: 'g4dn.xlarge', gpu: true, share: 0.3, apps: CAD_APPS, medianMinutes: 270, spread: 0.45, maxMinutes: 12 * 60 }),
      pool({
        instanceType: 'g4dn.2xlarge',
        gpu: true,
        share: 0.12,
        apps: ['Blender', 'Desktop', 'SolidWorks'],
        medianMinutes: 300,
        spread: 0.4,
        maxMinutes: 12 * 60,
        buffer: 1,
      }),
    ],
    cities: [
      city('San Jose', 'California', 'US', LA, 910, 34, 30),
      city('Seattle', 'Washington', 'US', LA, 300, 19, 22),
      city('Portland', 'Oregon', 'US', LA, 250, 17, 14),
      city('Los Angeles', 'California', 'US', LA, 1350, 41, 12),
      city('Vancouver', 'British Columbia', 'CA', 'America/Vancouver', 480, 24, 8),
      city('Austin', 'Texas', 'US', CHI, 2700, 58, 6),
      // The far office: Oregon is 10,600 km away, and it shows.
      city('São Paulo', 'São Paulo', 'BR', 'America/Sao_Paulo', 10_600, 235, 8),
    ],
    usernames: 'email',
  },
  {
    name: 'Globex Design Studio',
    timeZone: NY,
    holidays: 'US',
    datacenter: 'aws-va',
    utilityType: 't3.small',
    share: 0.45,
    growthPerMonth: 0.065,
    shiftStart: 9 * 60,
    burstShare: 0.08,
    members: 64,
    activeShare: 0.85,
    pools: [
      pool({
        instanceType: 'g5.xlarge',
        gpu: true,
        share: 0.45,
        apps: ['Adobe Photoshop', 'Blender', 'Desktop'],
        medianMinutes: 210,
        spread: 0.5,
        maxMinutes: 11 * 60,
        buffer: 1,
      }),
      pool({
        instanceType: 't3.large',
        share: 0.55,
        apps: ['Google Chrome', 'Microsoft Word', 'Microsoft Excel', 'Tableau Desktop'],
        medianMinutes: 40,
      }),
    ],
    cities: [
      city('New York', 'New York', 'US', NY, 380, 22, 50),
      city('Philadelphia', 'Pennsylvania', 'US', NY, 230, 18, 20),
      city('Boston', 'Massachusetts', 'US', NY, 680, 27, 18),
      city('Toronto', 'Ontario', 'CA', 'America/Toronto', 650, 29, 12),
    ],
    usernames: 'email',
  },
  {
    name: 'QA Lab <img src=x onerror=alert(1)>',
    timeZone: 'Asia/Kolkata',
    holidays: 'IN',
    datacenter: 'aws-mum',
    utilityType: 't3.small',
    share: 0.12,
    growthPerMonth: 0,
    shiftStart: 9 * 60 + 30,
    burstShare: 0.1,
    members: 23,
    activeShare: 0.8,
    pools: [
      pool({
        instanceType: 't3.medium',
        share: 0.8,
        apps: ['Google Chrome', 'Visual Studio Code', 'Notepad++', 'Desktop'],
        medianMinutes: 25,
      }),
      pool({
        instanceType: 'g4dn.xlarge',
        gpu: true,
        share: 0.2,
        apps: ['Desktop', 'Blender'],
        medianMinutes: 150,
        spread: 0.5,
        buffer: 1,
      }),
    ],
    cities: [
      city('Bengaluru', 'Karnataka', 'IN', 'Asia/Kolkata', 840, 31, 55),
      city('Pune', 'Maharashtra', 'IN', 'Asia/Kolkata', 120, 14, 25),
      city('Hyderabad', 'Telangana', 'IN', 'Asia/Kolkata', 620, 27, 20),
    ],
    usernames: 'email',
  },
  {
    name: 'Initech Finance',
    timeZone: CHI,
    holidays: 'US',
    datacenter: 'gcp-us-central1',
    utilityType: 'e2-small',
    share: 0.3,
    growthPerMonth: -0.055,
    shiftStart: 7 * 60 + 30,
    burstShare: 0.15,
    members: 41,
    activeShare: 0.75,
    pools: [
      // Nobody works at night here, yet four instances stay up (the off-hours story).
      pool({
        instanceType: 'n1-standard-4',
        share: 0.75,
        apps: ['Microsoft Excel', 'Microsoft Word', 'Google Chrome', 'Tableau Desktop'],
        medianMinutes: 45,
        minDay: 4,
        minNight: 4,
      }),
      pool({
        instanceType: 'n1-standard-8',
        share: 0.25,
        apps: ['Microsoft Excel', 'Tableau Desktop', 'Desktop'],
        medianMinutes: 170,
        spread: 0.5,
        buffer: 1,
      }),
    ],
    cities: [
      city('Chicago', 'Illinois', 'US', CHI, 450, 23, 60),
      city('Milwaukee', 'Wisconsin', 'US', CHI, 520, 25, 25),
      city('Minneapolis', 'Minnesota', 'US', CHI, 370, 21, 15),
    ],
    usernames: 'directory',
  },
  {
    name: 'Umbrella Research – Zürich',
    timeZone: 'Europe/Zurich',
    holidays: 'CH',
    datacenter: 'azure-westeurope',
    utilityType: 'Standard_B2s',
    share: 0.28,
    growthPerMonth: 0.01,
    shiftStart: 8 * 60,
    burstShare: 0.1,
    members: 37,
    activeShare: 0.8,
    pools: [
      pool({
        instanceType: 'Standard_NV12s_v3',
        gpu: true,
        share: 0.4,
        apps: ['MATLAB', 'QGIS', 'Desktop'],
        medianMinutes: 240,
        spread: 0.45,
        maxMinutes: 12 * 60,
        buffer: 1,
      }),
      pool({
        instanceType: 'Standard_D4s_v3',
        share: 0.6,
        apps: ['Microsoft Word', 'Microsoft Excel', 'Google Chrome', 'Notepad++'],
        medianMinutes: 35,
      }),
    ],
    cities: [
      city('Zürich', 'Zürich', 'CH', 'Europe/Zurich', 610, 26, 60),
      city('Basel', 'Basel-Stadt', 'CH', 'Europe/Zurich', 520, 24, 22),
      city('Genève', 'Genève', 'CH', 'Europe/Zurich', 800, 31, 18),
    ],
    usernames: 'email',
  },
  {
    name: 'Render Farm AMER',
    timeZone: CHI,
    holidays: 'US',
    datacenter: 'aws-va',
    utilityType: 't3.small',
    share: 0.1,
    growthPerMonth: 0.02,
    shiftStart: 8 * 60,
    burstShare: 0.05,
    members: 18,
    activeShare: 0.9,
    pools: [
      pool({
        instanceType: 'g5.2xlarge',
        gpu: true,
        share: 0.7,
        apps: ['Blender', 'Desktop'],
        medianMinutes: 360,
        spread: 0.35,
        maxMinutes: 14 * 60,
        buffer: 1,
      }),
      pool({ instanceType: 't3.large', share: 0.3, apps: ['Google Chrome', 'Desktop'], medianMinutes: 30 }),
    ],
    cities: [city('Dallas', 'Texas', 'US', CHI, 1900, 45, 60), city('Atlanta', 'Georgia', 'US', NY, 850, 30, 40)],
    usernames: 'email',
  },
  {
    name: 'CAD Workstations EMEA',
    timeZone: 'Europe/Berlin',
    holidays: 'DE',
    datacenter: 'aws-fra',
    utilityType: 't3.small',
    share: 0.35,
    growthPerMonth: 0.015,
    shiftStart: 7 * 60 + 30,
    burstShare: 0.12,
    members: 52,
    activeShare: 0.8,
    pools: [
      pool({ instanceType: 'g4dn.xlarge', gpu: true, share: 0.6, apps: CAD_APPS, medianMinutes: 280, spread: 0.45, maxMinutes: 12 * 60 }),
      pool({ instanceType: 't3.large', share: 0.4, apps: GENERAL_APPS, medianMinutes: 30 }),
    ],
    cities: [
      city('München', 'Bayern', 'DE', 'Europe/Berlin', 300, 17, 40),
      city('Stuttgart', 'Baden-Württemberg', 'DE', 'Europe/Berlin', 160, 14, 30),
      city('Kraków', 'Małopolskie', 'PL', 'Europe/Warsaw', 830, 33, 30),
    ],
    usernames: 'email',
  },
  {
    name: 'Engineering Sandbox (retired)',
    timeZone: LA,
    holidays: 'US',
    datacenter: 'aws-or',
    utilityType: 't3.small',
    share: 0.05,
    growthPerMonth: 0,
    shiftStart: 8 * 60,
    burstShare: 0,
    members: 9,
    activeShare: 0.8,
    pools: [
      pool({ instanceType: 't3.large', share: 0.7, apps: GENERAL_APPS }),
      pool({ instanceType: 'g4dn.xlarge', gpu: true, share: 0.3, apps: CAD_APPS, medianMinutes: 200, spread: 0.5 }),
    ],
    cities: [city('San Jose', 'California', 'US', LA, 910, 34, 1)],
    usernames: 'email',
    retiredDaysAgo: 420,
  },
  {
    name: 'GIS Analytics APAC',
    timeZone: 'Australia/Sydney',
    holidays: 'AU',
    datacenter: 'aws-syd',
    utilityType: 't3.small',
    share: 0.2,
    growthPerMonth: 0.02,
    shiftStart: 8 * 60 + 30,
    burstShare: 0.08,
    members: 27,
    activeShare: 0.8,
    pools: [
      pool({
        instanceType: 'g4dn.xlarge',
        gpu: true,
        share: 0.5,
        apps: ['QGIS', 'Desktop', 'MATLAB'],
        medianMinutes: 220,
        spread: 0.5,
        buffer: 1,
      }),
      pool({ instanceType: 't3.large', share: 0.5, apps: ['Google Chrome', 'Microsoft Excel', 'QGIS'], medianMinutes: 35 }),
    ],
    cities: [
      city('Sydney', 'New South Wales', 'AU', 'Australia/Sydney', 20, 9, 50),
      city('Melbourne', 'Victoria', 'AU', 'Australia/Melbourne', 710, 24, 30),
      city('Perth', 'Western Australia', 'AU', 'Australia/Perth', 3290, 62, 20),
    ],
    usernames: 'email',
  },
  {
    name: 'Dev Pilot Nordics',
    timeZone: 'Europe/Stockholm',
    holidays: 'SE',
    datacenter: 'azure-westeurope',
    utilityType: 'Standard_B2s',
    share: 0.06,
    growthPerMonth: 0,
    shiftStart: 8 * 60,
    burstShare: 0.05,
    members: 12,
    activeShare: 0.9,
    pools: [
      pool({ instanceType: 'Standard_D4s_v3', share: 0.8, apps: GENERAL_APPS }),
      pool({ instanceType: 'Standard_D8s_v3', share: 0.2, apps: ['Visual Studio Code', 'Desktop'], medianMinutes: 120 }),
    ],
    cities: [city('Malmö', 'Skåne', 'SE', 'Europe/Stockholm', 640, 27, 60), city('Oslo', 'Oslo', 'NO', 'Europe/Oslo', 920, 33, 40)],
    usernames: 'email',
    startedDaysAgo: 330,
    retiredDaysAgo: 200,
  },
  {
    name: 'Design Studio DACH',
    timeZone: 'Europe/Berlin',
    holidays: 'DE',
    datacenter: 'aws-fra',
    utilityType: 't3.small',
    share: 0.22,
    growthPerMonth: 0.01,
    shiftStart: 8 * 60 + 30,
    burstShare: 0.08,
    members: 33,
    activeShare: 0.8,
    pools: [
      pool({
        instanceType: 'g4dn.xlarge',
        gpu: true,
        share: 0.55,
        apps: ['Adobe Photoshop', 'Blender', 'Desktop'],
        medianMinutes: 200,
        spread: 0.5,
        buffer: 1,
      }),
      pool({ instanceType: 't3.large', share: 0.45, apps: ['Google Chrome', 'Microsoft Word'], medianMinutes: 30 }),
    ],
    cities: [
      city('Wien', 'Wien', 'AT', 'Europe/Vienna', 600, 25, 35),
      city('München', 'Bayern', 'DE', 'Europe/Berlin', 300, 17, 40),
      city('Zürich', 'Zürich', 'CH', 'Europe/Zurich', 300, 17, 25),
    ],
    usernames: 'email',
  },
  {
    name: 'Support Field EMEA',
    timeZone: 'Europe/London',
    holidays: 'GB',
    datacenter: 'azure-westeurope',
    utilityType: 'Standard_B2s',
    share: 0.4,
    growthPerMonth: 0,
    shiftStart: 8 * 60,
    burstShare: 0.2,
    members: 46,
    activeShare: 0.85,
    pools: [
      // This account's reports name Frame's instance types by their display names (see README).
      pool({
        instanceType: 'Standard_D2s_v3',
        systemType: 'Air 8GB',
        share: 0.85,
        apps: ['Google Chrome', 'Microsoft Word', 'Desktop'],
        medianMinutes: 22,
      }),
      pool({
        instanceType: 'Standard_D8s_v3',
        systemType: 'Pro 32GB',
        share: 0.15,
        apps: ['Microsoft Excel', 'Desktop'],
        medianMinutes: 90,
      }),
    ],
    cities: [
      city('London', 'England', 'GB', 'Europe/London', 360, 19, 50),
      city('Manchester', 'England', 'GB', 'Europe/London', 560, 24, 25),
      city('Dublin', 'Leinster', 'IE', 'Europe/Dublin', 760, 28, 25),
    ],
    usernames: 'email',
  },
  {
    name: 'Finance Training LATAM',
    timeZone: 'America/Sao_Paulo',
    holidays: 'BR',
    datacenter: 'aws-sp',
    utilityType: 't3.small',
    share: 0.1,
    growthPerMonth: -0.03,
    shiftStart: 9 * 60,
    burstShare: 0.3,
    members: 24,
    activeShare: 0.9,
    pools: [
      pool({ instanceType: 't3.medium', share: 0.8, apps: ['Microsoft Excel', 'Google Chrome'], medianMinutes: 50 }),
      pool({ instanceType: 't3.large', share: 0.2, apps: ['Microsoft Excel', 'Desktop'] }),
    ],
    cities: [
      city('São Paulo', 'São Paulo', 'BR', 'America/Sao_Paulo', 30, 8, 70),
      city('Rio de Janeiro', 'Rio de Janeiro', 'BR', 'America/Sao_Paulo', 360, 18, 30),
    ],
    usernames: 'email',
    retiredDaysAgo: 200,
  },
];

const PROFILE_BY_NAME = new Map(PROFILES.map((p) => [p.name, p]));

/** The profile of an account name; an unknown name gets a small generic account of its own. */
export function profileFor(name: string): AccountProfile {
  return (
    PROFILE_BY_NAME.get(name) ?? {
      name,
      timeZone: NY,
      holidays: 'US',
      datacenter: 'aws-va',
      utilityType: 't3.small',
      share: 0.1,
      growthPerMonth: 0,
      shiftStart: 9 * 60,
      burstShare: 0.08,
      members: 20,
      activeShare: 0.8,
      pools: [
        pool({ instanceType: 't3.large', share: 0.7, apps: GENERAL_APPS }),
        pool({ instanceType: 'g4dn.xlarge', gpu: true, share: 0.3, apps: CAD_APPS, medianMinutes: 200 }),
      ],
      cities: [city('New York', 'New York', 'US', NY, 380, 22, 1)],
      usernames: 'email',
    }
  );
}

// ---------------------------------------------------------------------------------------------
// Calendar: time zones, weekdays, holidays.

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** Minutes the zone is ahead of UTC at an instant. */
export function zoneOffsetMinutes(timeZone: string, atMs: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(atMs))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!);
  return Math.round((local - Math.floor(atMs / MINUTE_MS) * MINUTE_MS) / MINUTE_MS);
}

/** The zone's offset on a local calendar day (taken at local noon: working hours never straddle a DST change). */
export function dayOffsetMinutes(timeZone: string, day: number): number {
  const key = `${timeZone}|${day}`;
  let o = offsets.get(key);
  if (o === undefined) {
    o = zoneOffsetMinutes(timeZone, day * DAY_MS + 12 * 3_600_000);
    offsets.set(key, o);
  }
  return o;
}

/** The local calendar day (days since 1970-01-01) of an instant in a zone. */
export function localDay(timeZone: string, atMs: number): number {
  return Math.floor((atMs + zoneOffsetMinutes(timeZone, atMs) * MINUTE_MS) / DAY_MS);
}

const ymd = (day: number): [number, number, number] => {
  const d = new Date(day * DAY_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
};
const dayOf = (y: number, m: number, d: number): number => Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
/** The n-th (1-based; -1 = last) given weekday (0 = Sunday) of a month. */
function nthWeekday(y: number, m: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = dayOf(y, m, 1);
    return first + ((weekday - ((first + 4) % 7) + 7) % 7) + (n - 1) * 7;
  }
  const last = dayOf(y, m + 1, 1) - 1;
  return last - ((((last + 4) % 7) - weekday + 7) % 7);
}
/** Easter Sunday (Gregorian, anonymous algorithm). */
function easter(y: number): number {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(y, month, day);
}

/** Fixed-date holidays beside the Easter-based ones: [month, day]. */
const EUROPEAN_FIXED: Record<'CH' | 'DE' | 'SE', readonly [number, number][]> = {
  CH: [
    [1, 2],
    [8, 1],
  ],
  DE: [
    [5, 1],
    [10, 3],
  ],
  SE: [
    [5, 1],
    [6, 6],
  ],
};

const holidayCache = new Map<string, Map<number, number>>();
/** Public holidays (factor ~0.08 of a working day) and bridge days (about half) of a calendar and year. */
function holidays(cal: HolidayCalendar, y: number): Map<number, number> {
  const key = `${cal}|${y}`;
  let map = holidayCache.get(key);
  if (map) return map;
  map = new Map<number, number>();
  const off = (d: number, f = 0.08): void => void map!.set(d, f);
  const e = easter(y);
  off(dayOf(y, 1, 1));
  off(dayOf(y, 12, 25));
  off(dayOf(y, 12, 24), 0.3);
  off(dayOf(y, 12, 31), 0.3);
  for (let d = 27; d <= 30; d++) off(dayOf(y, 12, d), 0.55);
  switch (cal) {
    case 'US':
      off(nthWeekday(y, 1, 1, 3)); // Martin Luther King Jr. Day
      off(nthWeekday(y, 5, 1, -1)); // Memorial Day
      off(dayOf(y, 6, 19));
      off(dayOf(y, 7, 4));
      off(nthWeekday(y, 9, 1, 1)); // Labor Day
      off(nthWeekday(y, 11, 4, 4)); // Thanksgiving
      off(nthWeekday(y, 11, 4, 4) + 1, 0.35);
      break;
    case 'CH':
    case 'DE':
    case 'SE':
      off(e - 2);
      off(e + 1);
      off(e + 39); // Ascension
      off(e + 50); // Whit Monday
      off(dayOf(y, 12, 26));
      for (const [m, d] of EUROPEAN_FIXED[cal]) off(dayOf(y, m, d));
      if (cal === 'SE') off(dayOf(y, 6, 19) + ((5 - ((dayOf(y, 6, 19) + 4) % 7) + 7) % 7)); // Midsummer Eve
      break;
    case 'GB':
      off(e - 2);
      off(e + 1);
      off(nthWeekday(y, 5, 1, 1));
      off(nthWeekday(y, 5, 1, -1));
      off(nthWeekday(y, 8, 1, -1));
      off(dayOf(y, 12, 26));
      break;
    case 'IN':
      off(dayOf(y, 1, 26));
      off(dayOf(y, 8, 15));
      off(dayOf(y, 10, 2));
      break;
    case 'AU':
      off(dayOf(y, 1, 26));
      off(e - 2);
      off(e + 1);
      off(dayOf(y, 4, 25));
      off(dayOf(y, 12, 26));
      break;
    case 'BR':
      off(e - 48);
      off(e - 47); // Carnival
      off(e - 2);
      off(dayOf(y, 4, 21));
      off(dayOf(y, 5, 1));
      off(dayOf(y, 9, 7));
      off(dayOf(y, 10, 12));
      off(dayOf(y, 11, 2));
      off(dayOf(y, 11, 15));
      break;
  }
  holidayCache.set(key, map);
  return map;
}

/** Relative volume of a weekday (0 = Sunday): quiet weekends, a lighter Friday. */
const WEEKDAY_FACTOR = [0.05, 1, 1.06, 1.05, 1, 0.84, 0.07];

/** 0..1 volume of a local day: weekday × holiday. */
export function dayFactor(cal: HolidayCalendar, day: number): number {
  const weekday = (day + 4) % 7;
  const holiday = holidays(cal, ymd(day)[0]).get(day) ?? 1;
  return WEEKDAY_FACTOR[weekday]! * holiday;
}

export function isWorkingDay(cal: HolidayCalendar, day: number): boolean {
  return dayFactor(cal, day) >= 0.5;
}

// ---------------------------------------------------------------------------------------------
// Time of day: arrivals over the local day (shift start at 0), with a lunch dip.

/** [minutes after shift start, weight per minute] breakpoints; the last one runs to the end of the day. */
const ARRIVALS: readonly [number, number][] = [
  [-8 * 60, 0.01],
  [-120, 0.08],
  [-60, 0.3],
  [0, 1],
  [150, 0.7],
  [240, 0.22], // lunch
  [300, 0.75],
  [390, 0.45],
  [540, 0.15],
  [660, 0.04],
  [900, 0.01],
];

const arrivalTables = new Map<number, Float64Array>();
/** Cumulative weights per local minute of the day for a shift start. */
function arrivalTable(shiftStart: number): Float64Array {
  let t = arrivalTables.get(shiftStart);
  if (t) return t;
  t = new Float64Array(1440);
  let sum = 0;
  for (let m = 0; m < 1440; m++) {
    const rel = m - shiftStart;
    let w = ARRIVALS[0]![1];
    for (const [at, weight] of ARRIVALS) if (rel >= at) w = weight;
    sum += w;
    t[m] = sum;
  }
  arrivalTables.set(shiftStart, t);
  return t;
}

function pickMinute(table: Float64Array, r: number): number {
  const target = r * table[table.length - 1]!;
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// People.

export interface TeamMember {
  name: string;
  email: string;
  status: 'active' | 'pending';
}

export const FIRST_NAMES = [
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
export const LAST_NAMES = [
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

export function domainOf(name: string): string {
  const known: Record<string, string> = {
    'Acme Engineering': 'acme-eng.example.com',
    'Globex Design Studio': 'globex.example.com',
    'QA Lab <img src=x onerror=alert(1)>': 'qalab.example.com',
    'Initech Finance': 'initech.example.com',
    'Umbrella Research – Zürich': 'umbrella.example.ch',
  };
  return known[name] ?? `${asciiSlug(name) || 'account'}.example.com`;
}

/** A person who starts sessions: a member (by index) or someone no longer on the team. */
interface User {
  /** What the report's `username` column says. */
  username: string;
  /** The member's e-mail as the report writes it (lower case). */
  email: string;
  weight: number;
  pool: number;
  city: number;
  client: string;
  resolution: string;
  ip: string;
  /** Local days on which the user may start sessions. */
  firstDay: number;
  lastDay: number;
}

/** Mostly the short forms Frame reports; now and then a full browser string (with commas in it). */
const CLIENTS = [
  'Chrome 131',
  'Edge 131',
  'FrameApp 7.3',
  'Safari 18.1',
  'Firefox 133',
  'FrameApp 7.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
];
const CLIENT_WEIGHTS = [38, 20, 18, 8, 5, 8, 3];
/** The old Frame App release whose frame rate lags (the experience story). */
export const SLOW_CLIENT = 'FrameApp 7.1';
const GENERAL_RES = ['1920x1080', '1366x768', '2560x1440', '1680x1050', '3840x2160'];
const GENERAL_RES_W = [58, 12, 16, 9, 5];
const GPU_RES = ['2560x1440', '3840x2160', '1920x1080', '5120x1440'];
const GPU_RES_W = [40, 30, 25, 5];
const NOTES = ['shift A\nfloor 2', 'ticket INC-4411\r\nescalated', 'line one\nline "two", quoted'];
const EXTRA_APPS = ['Notepad, Calculator', 'Paint', 'Adobe Reader, 7-Zip, Notepad'];

export interface AccountWorld {
  readonly profile: AccountProfile;
  readonly members: readonly TeamMember[];
  /** Local "today" of the account (days since 1970-01-01 in its time zone). */
  readonly today: number;
  /** Session skeletons starting on a local day of the account, in generation order. */
  day(localDay: number): readonly Skeleton[];
  /** The full report row of a skeleton. */
  row(s: Skeleton): RawSessionRow;
  /** The report's `system_type` of a pool. */
  systemType(pool: number): string;
}

export interface Skeleton {
  /** Start (epoch ms, whole seconds) and length (seconds). */
  start: number;
  seconds: number;
  pool: number;
  user: number;
  sandbox: boolean;
  /** Seed of the row's other fields. */
  detail: number;
}

export interface WorldOptions {
  seed: number;
  now: Date;
  sessionsPerMonth: number;
  accountId: string;
  accountName: string;
  /** The account's contact e-mail (the Web API's `email`). */
  accountEmail: string;
}

/** Heavy tail: the k-th most active user weighs 1 / (k + 8)^1.2 (a few regulars, many occasional users). */
const zipf = (k: number): number => 1 / Math.pow(k + 8, 1.2);

export function buildAccount(opts: WorldOptions): AccountWorld {
  const profile = profileFor(opts.accountName);
  const { seed } = opts;
  const nowMs = opts.now.getTime();
  const key = profile.name;
  const today = localDay(profile.timeZone, nowMs);
  const domain = domainOf(profile.name);

  // Team members: the same list whatever the volume knob says.
  const mr = new Random(deriveSeed(seed, 'members', key));
  const members: TeamMember[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < profile.members; i++) {
    const first = mr.pick(FIRST_NAMES);
    const last = mr.pick(LAST_NAMES);
    let local = `${asciiSlug(first) || 'user'}.${asciiSlug(last) || 'member'}`;
    if (seen.has(local)) local += String(i);
    seen.add(local);
    // A few members were invited with capitals in their address; reports write it in lower case.
    const typed = mr.bool(0.05) ? local.replace(/^./, (c) => c.toUpperCase()) : local;
    members.push({ name: `${first} ${last}`, email: `${typed}@${domain}`, status: mr.bool(0.1) ? 'pending' : 'active' });
  }

  // Who uses Frame: a share of the active members (more of them as the volume grows), heavy-tailed.
  const ur = new Random(deriveSeed(seed, 'users', key, opts.sessionsPerMonth));
  const monthly = opts.sessionsPerMonth * profile.share;
  const candidates = members.map((m, i) => ({ m, i })).filter((x) => x.m.status === 'active');
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = ur.int(0, i);
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  const activeCount = Math.max(
    Math.min(candidates.length, 3),
    Math.min(Math.round(candidates.length * profile.activeShare), Math.round(12 * Math.sqrt(Math.max(monthly, 1)))),
  );
  const poolWeights = profile.pools.map((p) => p.share);
  const cityWeights = profile.cities.map((c) => c.weight);
  const retiredDay = profile.retiredDaysAgo === undefined ? Infinity : today - profile.retiredDaysAgo;
  const startedDay = profile.startedDaysAgo === undefined ? -Infinity : today - profile.startedDaysAgo;
  const makeUser = (username: string, email: string, weight: number): User => {
    const poolIndex = profile.pools.length
      ? ur.weighted(
          profile.pools.map((_, k) => k),
          poolWeights,
        )
      : 0;
    const cityIndex = ur.weighted(
      profile.cities.map((_, k) => k),
      cityWeights,
    );
    const gpu = profile.pools[poolIndex]?.gpu ?? false;
    const c = profile.cities[cityIndex]!;
    const prefix = deriveSeed(seed, 'ip', key, c.name);
    return {
      username,
      email,
      weight,
      pool: poolIndex,
      city: cityIndex,
      client: ur.weighted(CLIENTS, CLIENT_WEIGHTS),
      resolution: gpu ? ur.weighted(GPU_RES, GPU_RES_W) : ur.weighted(GENERAL_RES, GENERAL_RES_W),
      ip: `${(prefix % 200) + 11}.${(prefix >>> 8) % 256}.${ur.int(0, 255)}.${ur.int(1, 254)}`,
      firstDay: startedDay,
      lastDay: retiredDay,
    };
  };
  const directoryLogin = (email: string): string => {
    const [first = 'user', last = 'member'] = email.split('@')[0]!.split('.');
    return `${profile.name.split(' ')[0]!.toUpperCase()}\\${first.slice(0, 1)}${last}`.slice(0, 40);
  };
  const users: User[] = [];
  for (let k = 0; k < activeCount; k++) {
    const member = candidates[k]!.m;
    const email = member.email.toLowerCase();
    const u = makeUser(profile.usernames === 'directory' ? directoryLogin(email) : email, email, zipf(k));
    // Growth: newer users joined during the year; some others stopped (30 to 300 days ago).
    if (profile.growthPerMonth > 0 && ur.bool(Math.min(0.6, profile.growthPerMonth * 8)))
      u.firstDay = Math.max(u.firstDay, today - ur.int(1, 360));
    if (ur.bool(0.06)) u.lastDay = Math.min(u.lastDay, today - ur.int(30, 300));
    users.push(u);
  }
  // Two members whose last session was exactly 45 and 100 days ago (mid-weight users, so they had many).
  const dormant: { user: number; day: number }[] = [];
  for (const [k, daysAgo] of [
    [Math.min(4, users.length - 1), 45],
    [Math.min(7, users.length - 1), 100],
  ] as const) {
    const u = users[k];
    if (!u || today - daysAgo > retiredDay || dormant.some((d) => d.user === k)) continue;
    u.firstDay = Math.min(u.firstDay, today - daysAgo - 200);
    u.lastDay = today - daysAgo;
    dormant.push({ user: k, day: u.lastDay });
  }
  // People no longer on the team (removed members, contractors): their rows match no member.
  for (let k = 0; k < 3; k++) {
    const email = `${asciiSlug(ur.pick(FIRST_NAMES)) || 'user'}.contractor${k}@partners.example.net`;
    users.push(makeUser(profile.usernames === 'directory' ? directoryLogin(email) : email, email, zipf(40 + k * 15)));
  }
  const cumulative = new Float64Array(users.length);
  let total = 0;
  users.forEach((u, k) => (cumulative[k] = total += u.weight));
  const pickUser = (r: Random, day: number): number => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const target = r.next() * total;
      let lo = 0;
      let hi = users.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! <= target) lo = mid + 1;
        else hi = mid;
      }
      const u = users[lo]!;
      if (day >= u.firstDay && day <= u.lastDay) return lo;
    }
    return -1;
  };

  const arrivals = arrivalTable(profile.shiftStart);
  const midDay = today - 182;
  const trendOf = (d: number): number => Math.exp((profile.growthPerMonth * (d - midDay)) / 30.44);
  // Calibrated on the last year's calendar (weekends, holidays, trend): a year holds 12 × monthly sessions.
  let yearWeight = 0;
  for (let d = today - 364; d <= today; d++) yearWeight += dayFactor(profile.holidays, d) * trendOf(d);
  const perDay = (12 * monthly) / yearWeight;
  const startOf = (day: number, cityIndex: number, localMinute: number, second: number): number =>
    (day * 1440 + localMinute - dayOffsetMinutes(profile.cities[cityIndex]!.timeZone, day)) * MINUTE_MS + second * 1000;

  const day = (d: number): Skeleton[] => {
    if (d < startedDay || d > retiredDay || d > today || profile.pools.length === 0) return [];
    const r = new Random(deriveSeed(seed, 'day', key, opts.sessionsPerMonth, d));
    const factor = dayFactor(profile.holidays, d);
    const count = Math.round(perDay * factor * trendOf(d) * r.logNormal(1, 0.08) + r.next() - 0.5);
    const working = factor >= 0.5;
    const burst = working ? Math.round(count * profile.burstShare) : 0;
    const out: Skeleton[] = [];
    const add = (user: number, start: number): void => {
      const u = users[user]!;
      // Most sessions on the user's own pool; now and then on another one.
      const p = r.bool(0.9) ? u.pool : r.int(0, profile.pools.length - 1);
      const spec = profile.pools[p]!;
      const drawn = Math.max(0.5, r.logNormal(spec.medianMinutes, spec.spread));
      // Past the pool's longest sessions: people leave somewhere in its last fifth (no pile at the limit).
      const minutes = drawn <= spec.maxMinutes ? drawn : spec.maxMinutes * (0.8 + 0.2 * r.next());
      out.push({
        start,
        seconds: Math.round(minutes * 60),
        pool: p,
        user,
        sandbox: r.bool(0.015),
        detail: Math.floor(r.next() * 0x100000000),
      });
    };
    for (let i = 0; i < count; i++) {
      const user = pickUser(r, d);
      if (user < 0) continue;
      const u = users[user]!;
      if (i < burst && profile.cities[u.city]!.timeZone === profile.timeZone) {
        // The shift starts: a crowd logs in within two minutes.
        add(user, startOf(d, u.city, profile.shiftStart, r.int(0, 119)));
      } else {
        const minute = pickMinute(arrivals, r.next());
        add(user, startOf(d, u.city, minute, r.int(0, 59)));
      }
    }
    for (const dm of dormant) if (dm.day === d) add(dm.user, startOf(d, users[dm.user]!.city, profile.shiftStart + 90, r.int(0, 3599)));
    return out;
  };

  const systemType = (p: number): string => profile.pools[p]?.systemType ?? profile.pools[p]?.instanceType ?? '';

  const row = (s: Skeleton): RawSessionRow => {
    const r = new Random(s.detail);
    const u = users[s.user]!;
    const c = profile.cities[u.city]!;
    const spec = profile.pools[s.pool]!;
    const app = r.pick(spec.apps);
    const latency = Math.max(3, Math.round(c.latencyMs * r.logNormal(1, 0.18)));
    const bandwidth = r.logNormal(spec.gpu ? 11 : 5.5, 0.45);
    const slow = u.client === SLOW_CLIENT;
    const framerate = Math.min(60, r.logNormal((spec.gpu ? 38 : 29) * (slow ? 0.52 : 1), 0.15));
    const ud = r.next();
    const userData =
      ud < 0.08 ? `{"dept":"${r.pick(['R&D', 'Sales', 'Ops'])}","ticket":"INC-${r.int(1000, 9999)}"}` : ud < 0.1 ? r.pick(NOTES) : '';
    return [
      u.username,
      app,
      String(c.km + r.int(0, 25)),
      c.name,
      formatReportTime(s.start),
      String(s.seconds),
      'closed',
      bandwidth.toFixed(2),
      String(latency),
      String(Math.round(bandwidth * 310)),
      framerate.toFixed(1),
      u.resolution,
      u.client,
      u.ip,
      systemType(s.pool),
      s.sandbox ? 'sandbox' : 'production',
      r.bool(0.12) ? r.pick(EXTRA_APPS) : '',
      userData,
      profile.usernames === 'directory' ? u.email : opts.accountEmail,
      opts.accountName,
      opts.accountId,
      c.region,
      c.country,
      r.hex(16),
      r.logNormal(spec.gpu ? 2400 : 900, 0.6).toFixed(1),
    ];
  };

  return { profile, members, today, day, row, systemType };
}

// ---------------------------------------------------------------------------------------------
// Reports and usage from the skeletons.

/** Sessions of a month (by start, UTC) that had closed 24 h before now, in generation order. */
export function* monthSessions(world: AccountWorld, year: number, month: number, nowMs: number): Generator<Skeleton> {
  const from = Date.UTC(year, month - 1, 1);
  const to = Date.UTC(year, month, 1);
  const cut = nowMs - DAY_MS;
  for (let d = Math.floor(from / DAY_MS) - 1; d <= Math.floor(to / DAY_MS) + 1; d++)
    for (const s of world.day(d)) if (s.start >= from && s.start < to && s.start + s.seconds * 1000 < cut) yield s;
}

/** Sessions that closed in the 24 h before now (recent_sessions). */
export function* recentSessions(world: AccountWorld, nowMs: number): Generator<Skeleton> {
  const cut = nowMs - DAY_MS;
  // The longest session is under 15 h: three days back are enough.
  for (let d = world.today - 3; d <= world.today; d++)
    for (const s of world.day(d)) {
      const end = s.start + s.seconds * 1000;
      if (end >= cut && end < nowMs) yield s;
    }
}

export interface UsageRow {
  day: number;
  datacenter: string;
  instanceType: string;
  serverType: 'production' | 'utility' | 'test';
  hours: number;
}

/** Minutes an instance stays up after its session closes (cleanup and recycling). */
const RECYCLE_MINUTES = 5;
const PACIFIC = 'America/Los_Angeles';
/** Epoch minute of a Pacific midnight (DST changes at 2 a.m.: midnight keeps the day before's offset). */
const pacificStart = (day: number): number => day * 1440 - dayOffsetMinutes(PACIFIC, day - 1);

/**
 * Instance hours per Pacific day (the usage endpoint's "PST") and instance type, from the sessions:
 * each pool runs its sessions (plus a few minutes each), its buffer of idle instances and its minimum
 * in business hours, and its night minimum; sandbox sessions run on a sandbox instance ("test"); the
 * utility server runs around the clock. So usage ≥ session hours for every type and day.
 */
export function usageRows(world: AccountWorld, firstPacificDay: number, lastPacificDay: number, nowMs: number): UsageRow[] {
  const p = world.profile;
  const t0 = (firstPacificDay - 1) * 1440; // epoch minute where the arrays start
  const length = (lastPacificDay - firstPacificDay + 3) * 1440;
  const lanes = p.pools.length * 2; // each pool's production instances, then its sandbox ("test")
  const diff = Array.from({ length: lanes }, () => new Int32Array(length + 1));
  const firstLocal = localDay(p.timeZone, (firstPacificDay - 1) * DAY_MS) - 1;
  for (let d = firstLocal; d <= world.today; d++) {
    for (const s of world.day(d)) {
      const a = Math.floor(s.start / MINUTE_MS) - t0;
      const b = Math.ceil((s.start + s.seconds * 1000) / MINUTE_MS) + RECYCLE_MINUTES - t0;
      if (b <= 0 || a >= length) continue;
      const lane = s.pool * 2 + (s.sandbox ? 1 : 0);
      diff[lane]![Math.max(0, a)]! += 1;
      diff[lane]![Math.min(length, b)]! -= 1;
    }
  }
  const nowMinute = Math.floor(nowMs / MINUTE_MS) - t0;
  const running = new Int32Array(length);
  const out: UsageRow[] = [];
  const retired = p.retiredDaysAgo === undefined ? Infinity : world.today - p.retiredDaysAgo;
  const started = p.startedDaysAgo === undefined ? -Infinity : world.today - p.startedDaysAgo;
  for (let lane = 0; lane < lanes; lane++) {
    let c = 0;
    for (let i = 0; i < length; i++) running[i] = c += diff[lane]![i]!;
    const spec = p.pools[lane >> 1]!;
    const sandbox = (lane & 1) === 1;
    if (!sandbox) {
      // The pool's capacity schedule, in the account's local time; running never below the sessions.
      for (let d = firstLocal; d <= world.today + 1; d++) {
        if (d < started || d > retired) continue;
        const dayStart = d * 1440 - dayOffsetMinutes(p.timeZone, d - 1) - t0;
        const working = isWorkingDay(p.holidays, d);
        for (let m = 0; m < 1440; m++) {
          const i = dayStart + m;
          if (i < 0 || i >= length) continue;
          const business = working && m >= p.shiftStart - 60 && m < p.shiftStart + 11 * 60;
          const floor = business ? spec.minDay : spec.minNight;
          const buffer = business ? spec.buffer : 0;
          running[i] = Math.max(running[i]!, floor, running[i]! + buffer);
        }
      }
    }
    for (let pd = firstPacificDay; pd <= lastPacificDay; pd++) {
      const a = pacificStart(pd) - t0;
      const b = Math.min(pacificStart(pd + 1) - t0, nowMinute);
      let minutes = 0;
      for (let i = Math.max(0, a); i < b && i < length; i++) minutes += running[i]!;
      if (minutes <= 0) continue;
      out.push({
        day: pd,
        datacenter: p.datacenter,
        instanceType: spec.instanceType,
        serverType: sandbox ? 'test' : 'production',
        hours: Math.ceil((minutes / 60) * 100) / 100,
      });
    }
  }
  // The utility server: around the clock while the account lives.
  for (let pd = firstPacificDay; pd <= lastPacificDay; pd++) {
    const local = localDay(p.timeZone, pd * DAY_MS + 12 * 3_600_000);
    if (local < started || local > retired) continue;
    const a = pacificStart(pd) - t0;
    const b = Math.min(pacificStart(pd + 1) - t0, nowMinute);
    if (b > a)
      out.push({
        day: pd,
        datacenter: p.datacenter,
        instanceType: p.utilityType,
        serverType: 'utility',
        hours: Math.round(((b - a) / 60) * 100) / 100,
      });
  }
  return out;
}

/** Applications an account has onboarded: what its pools run, and two that nobody launches. */
export function applicationNames(profile: AccountProfile): string[] {
  const names: string[] = [];
  for (const p of profile.pools) for (const a of p.apps) if (a !== 'Desktop' && !names.includes(a)) names.push(a);
  for (const extra of ['Notepad', 'Power BI Desktop', 'Revit 2025', 'Microsoft Word'])
    if (names.length < 8 && !names.includes(extra)) names.push(extra);
  return names;
}
