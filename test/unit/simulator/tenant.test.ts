/**
 * The demo tenant behaves like a real customer (issue 21). Every figure here is computed from what
 * the simulator serves (report rows, usage records, team members), on the clock facts README.md
 * states (each account's home time zone, usage days in Pacific time), never from the generator's
 * own parameters.
 */
import * as assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { unzipSync, strFromU8 } from 'fflate';
import { startSimulator, type Simulator } from '../../simulator';
import { SESSION_HEADER_LINE } from '../../fixtures/sessions';
import { SESSION_COLUMNS } from '../../../src/core/reports/columns';
import { request } from './client';

const NOW = new Date('2025-11-20T19:00:00Z'); // a Thursday afternoon in Los Angeles
const col = (name: (typeof SESSION_COLUMNS)[number]): number => SESSION_COLUMNS.indexOf(name);
const USER = col('username');
const START = col('starttime');
const DURATION = col('session_duration');
const SYSTEM = col('system_type');
const CITY = col('city');
const LATENCY = col('avg_latency');
const FRAMERATE = col('avg_framerate');
const CLIENT = col('user_agent');
const RESOLUTION = col('resolution');
const EMAIL = col('account_email');
const SESSION_ID = col('session id');
const GEO = col('geo_distance');

const startMs = (row: string[]): number => Date.parse(row[START]!.replace(' ', 'T') + 'Z');
const endMs = (row: string[]): number => startMs(row) + Number(row[DURATION]) * 1000;

/** Local wall-clock parts of an instant in a zone. */
const formats = new Map<string, Intl.DateTimeFormat>();
function local(timeZone: string, ms: number): { day: string; weekday: number; minute: number } {
  const format =
    formats.get(timeZone) ??
    formats
      .set(
        timeZone,
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          weekday: 'short',
        }),
      )
      .get(timeZone)!;
  const parts = format.formatToParts(new Date(ms));
  const get = (t: string): string => parts.find((p) => p.type === t)!.value;
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')),
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** A session [start, end) split at midnights in Los Angeles (the usage endpoint's days): [day, hours][]. */
function pacificDays(start: number, end: number): [string, number][] {
  const out: [string, number][] = [];
  for (let t = start; t < end;) {
    const p = local('America/Los_Angeles', t);
    const midnight = Date.parse(p.day + 'T00:00:00Z');
    const offset = midnight + p.minute * 60_000 + (t % 60_000) - t;
    const stop = Math.min(end, midnight + 86_400_000 - offset);
    out.push([p.day, (stop - t) / 3_600_000]);
    t = stop;
  }
  return out;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const countBy = <T>(xs: readonly T[], key: (x: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
};

describe('simulator: the demo tenant behaves like a real customer', function () {
  this.timeout(120_000);
  let sim: Simulator;
  const rowsCache = new Map<string, string[][]>();
  /** Every session the reports hold for an account: 13 monthly reports and recent_sessions. */
  const allRows = (name: string): string[][] => {
    const id = sim.data.accounts.find((a) => a.name === name)!.account_id;
    let rows = rowsCache.get(id);
    if (!rows) {
      rows = [];
      for (const m of sim.data.reportMonths) rows.push(...sim.data.monthlyReportRows(id, m.year, m.month));
      rows.push(...sim.data.recentSessionRows(id));
      rowsCache.set(id, rows);
    }
    return rows;
  };
  const idOf = (name: string): string => sim.data.accounts.find((a) => a.name === name)!.account_id;
  /** Complete months of the reports (the newest listed one is partial). */
  const fullMonths = () => sim.data.reportMonths.slice(0, -1);

  before(async () => {
    sim = await startSimulator({ seed: 1, now: NOW });
  });
  after(() => sim.close());

  describe('rhythm', () => {
    it('works on weekdays in its own time zone: weekends and holidays are quiet', () => {
      const perDay = countBy(allRows('Acme Engineering'), (r) => local('America/Los_Angeles', startMs(r)).day);
      const weekday: number[] = [];
      const weekend: number[] = [];
      for (const [day, n] of perDay) {
        const wd = new Date(day + 'T12:00:00Z').getUTCDay();
        (wd === 0 || wd === 6 ? weekend : weekday).push(n);
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      assert.ok(mean(weekday) > 8 * mean(weekend), `weekday ${mean(weekday)} vs weekend ${mean(weekend)}`);
      // Christmas Day and Thanksgiving 2024 (US holidays) are as quiet as a weekend.
      for (const holiday of ['2024-12-25', '2024-11-28']) assert.ok((perDay.get(holiday) ?? 0) < mean(weekday) * 0.25, holiday);
    });

    it('has accounts in other regions: their busiest hour (UTC) is hours away from the big account’s', () => {
      const busiestUtcHour = (name: string): number => {
        const hours = countBy(allRows(name), (r) => r[START]!.slice(11, 13));
        return Number([...hours].sort((a, b) => b[1] - a[1])[0]![0]);
      };
      const acme = busiestUtcHour('Acme Engineering');
      const distance = (a: number, b: number) => Math.min(Math.abs(a - b), 24 - Math.abs(a - b));
      assert.ok(distance(acme, busiestUtcHour('Umbrella Research – Zürich')) >= 6);
      assert.ok(distance(acme, busiestUtcHour('QA Lab <img src=x onerror=alert(1)>')) >= 6);
    });

    it('has a burst of logins in the 2 minutes at shift start, and a lunch dip', () => {
      const rows = allRows('Acme Engineering').filter((r) => local('America/Los_Angeles', startMs(r)).weekday % 6 !== 0);
      const byDay = new Map<string, string[][]>();
      for (const r of rows) {
        const day = local('America/Los_Angeles', startMs(r)).day;
        byDay.set(day, [...(byDay.get(day) ?? []), r]);
      }
      let burstDays = 0;
      let busyDays = 0;
      for (const dayRows of byDay.values()) {
        if (dayRows.length < 40) continue; // holidays
        busyDays++;
        const buckets = countBy(dayRows, (r) => String(Math.floor(startMs(r) / 120_000)));
        const [bucket, n] = [...buckets].sort((a, b) => b[1] - a[1])[0]!;
        const at = local('America/Los_Angeles', Number(bucket) * 120_000);
        const businessBuckets = 300; // 08:00–18:00
        if (n >= (5 * dayRows.length) / businessBuckets && at.minute >= 7 * 60 && at.minute <= 9 * 60) burstDays++;
      }
      assert.ok(busyDays > 150, `${busyDays} busy days`);
      assert.ok(burstDays > 0.8 * busyDays, `${burstDays} of ${busyDays} days with a 2-minute burst near 08:00`);

      const hour = countBy(rows, (r) => String(Math.floor(local('America/Los_Angeles', startMs(r)).minute / 60)));
      const at = (h: number) => hour.get(String(h)) ?? 0;
      assert.ok(at(12) < 0.5 * at(10) && at(12) < 0.6 * at(13), `10h ${at(10)}, 12h ${at(12)}, 13h ${at(13)}`);
      assert.ok(at(23) + at(0) < 0.05 * at(10), 'nights are quiet');
    });

    it('grows in one account and declines in another, month over month', () => {
      const monthly = (name: string) => fullMonths().map((m) => sim.data.monthlyReportRows(idOf(name), m.year, m.month).length);
      const globex = monthly('Globex Design Studio');
      const initech = monthly('Initech Finance');
      assert.ok(globex.at(-1)! > 1.6 * globex[0]!, `Globex ${globex.join(' ')}`);
      assert.ok(initech.at(-1)! < 0.7 * initech[0]!, `Initech ${initech.join(' ')}`);
      const acme = monthly('Acme Engineering');
      const mean = acme.reduce((a, b) => a + b, 0) / acme.length;
      assert.ok(Math.abs(mean - sim.data.sessionsPerMonth) < 0.1 * sim.data.sessionsPerMonth, `Acme averages ${mean} a month`);
    });
  });

  describe('pools', () => {
    it('has several system types of different sizes: GPU sessions long, general ones short', () => {
      const rows = allRows('Acme Engineering');
      const types = countBy(rows, (r) => r[SYSTEM]!);
      assert.ok(types.size >= 3, [...types.keys()].join(', '));
      const sizes = [...types.values()].sort((a, b) => b - a);
      assert.ok(sizes[0]! > 2 * sizes.at(-1)!, 'pools of different sizes');
      const hours = (type: string) => median(rows.filter((r) => r[SYSTEM] === type).map((r) => Number(r[DURATION]) / 3600));
      assert.ok(hours('g4dn.xlarge') >= 3, `GPU median ${hours('g4dn.xlarge')} h`);
      assert.ok(hours('t3.large') <= 1, `general median ${hours('t3.large')} h`);
    });

    it('usage hours ≥ session hours for every instance type and Pacific day, with idle buffer on top', () => {
      for (const name of ['Acme Engineering', 'Globex Design Studio', 'Initech Finance', 'Umbrella Research – Zürich']) {
        const id = idOf(name);
        const first = sim.data.reportMonths[0]!;
        const from = `${first.year}-${String(first.month).padStart(2, '0')}-02`; // Pacific days fully inside the reports
        const usage = sim.data.usage(id, from, sim.data.today);
        const used = new Map<string, number>();
        for (const u of usage)
          used.set(
            `${u.time.slice(0, 10)}|${u.instance_type}`,
            (used.get(`${u.time.slice(0, 10)}|${u.instance_type}`) ?? 0) + u.hours_used,
          );
        const sessions = new Map<string, number>();
        for (const r of allRows(name)) {
          for (const [day, h] of pacificDays(startMs(r), endMs(r)))
            if (day >= from) sessions.set(`${day}|${r[SYSTEM]}`, (sessions.get(`${day}|${r[SYSTEM]}`) ?? 0) + h);
        }
        let sessionTotal = 0;
        let usageTotal = 0;
        for (const [key, h] of sessions) {
          const u = used.get(key) ?? 0;
          assert.ok(u + 1 / 60 >= h, `${name} ${key}: usage ${u} h < sessions ${h.toFixed(2)} h`);
          sessionTotal += h;
          usageTotal += u;
        }
        const efficiency = sessionTotal / usageTotal;
        assert.ok(efficiency > 0.15 && efficiency < 0.95, `${name}: efficiency ${(efficiency * 100).toFixed(0)} %`);
      }
    });

    it('has one account whose pool stays on all night (off-hours usage), while the others go quiet', () => {
      const nightShare = (name: string): number => {
        // Production hours on Sundays against Wednesdays: a pool left on shows nearly a full day either way.
        const usage = sim.data.usage(idOf(name)).filter((u) => u.server_type === 'production');
        const sum = (weekday: number) =>
          usage.filter((u) => new Date(u.time.slice(0, 10) + 'T12:00:00Z').getUTCDay() === weekday).reduce((s, u) => s + u.hours_used, 0);
        return sum(0) / sum(3);
      };
      assert.ok(nightShare('Initech Finance') > 0.4, `Initech ${nightShare('Initech Finance')}`);
      for (const name of ['Acme Engineering', 'Globex Design Studio', 'Umbrella Research – Zürich'])
        assert.ok(nightShare(name) < 0.15, `${name} ${nightShare(name)}`);
    });
  });

  describe('people', () => {
    it('has members who never start a session, members who stopped 45 and 100 days ago, and pending invitations', () => {
      const members = sim.data.teamMembers(idOf('Acme Engineering'));
      const last = new Map<string, number>();
      for (const r of allRows('Acme Engineering')) {
        const user = r[USER]!.toLowerCase();
        last.set(user, Math.max(last.get(user) ?? 0, startMs(r)));
      }
      const pending = members.filter((m) => m.status === 'pending');
      assert.ok(pending.length > 100);
      assert.ok(
        pending.every((m) => !last.has(m.email.toLowerCase())),
        'pending members never start a session',
      );
      const active = members.filter((m) => m.status === 'active');
      const never = active.filter((m) => !last.has(m.email.toLowerCase()));
      assert.ok(never.length > 100 && never.length < active.length, `${never.length} active members never started a session`);
      const daysAgo = active
        .filter((m) => last.has(m.email.toLowerCase()))
        .map((m) => (NOW.getTime() - last.get(m.email.toLowerCase())!) / 86_400_000);
      assert.ok(
        daysAgo.some((d) => d >= 44 && d < 46),
        'one stopped 45 days ago',
      );
      assert.ok(
        daysAgo.some((d) => d >= 99 && d < 101),
        'one stopped 100 days ago',
      );
      // Members whose address was typed with capitals still match (case-insensitively).
      assert.ok(members.some((m) => m.email !== m.email.toLowerCase() && last.has(m.email.toLowerCase())));
    });

    it('has a heavy tail of users, and a few rows that match no member', () => {
      const rows = allRows('Acme Engineering');
      const byUser = [...countBy(rows, (r) => r[USER]!).values()].sort((a, b) => b - a);
      const top = byUser.slice(0, Math.ceil(byUser.length / 10)).reduce((a, b) => a + b, 0);
      assert.ok(top > 0.4 * rows.length, `top 10 % of users: ${top} of ${rows.length}`);
      assert.ok(byUser[0]! > 20 * median(byUser), `the busiest user ${byUser[0]} vs the median ${median(byUser)}`);
      const emails = new Set(sim.data.teamMembers(idOf('Acme Engineering')).map((m) => m.email.toLowerCase()));
      const unmatched = rows.filter((r) => !emails.has(r[USER]!.toLowerCase()));
      assert.ok(unmatched.length > 0 && unmatched.length < 0.1 * rows.length, `${unmatched.length} unmatched rows`);
      assert.ok(
        rows.every((r) => r[EMAIL] === sim.data.accounts[0]!.email),
        'account_email is the account’s contact',
      );
    });

    it('where username is a directory login, account_email holds the member’s e-mail', () => {
      const rows = allRows('Initech Finance');
      const emails = new Set(sim.data.teamMembers(idOf('Initech Finance')).map((m) => m.email.toLowerCase()));
      assert.ok(rows.every((r) => !r[USER]!.includes('@')));
      const matched = rows.filter((r) => emails.has(r[EMAIL]!.toLowerCase()));
      assert.ok(matched.length > 0.9 * rows.length);
    });
  });

  describe('experience', () => {
    it('has one city far from its datacenter with high latency', () => {
      const rows = allRows('Acme Engineering');
      const byCity = new Map<string, string[][]>();
      for (const r of rows) byCity.set(r[CITY]!, [...(byCity.get(r[CITY]!) ?? []), r]);
      const far = [...byCity].filter(([, rs]) => median(rs.map((r) => Number(r[LATENCY]))) > 200);
      assert.equal(far.length, 1, 'exactly one slow city');
      const [, slow] = far[0]!;
      assert.ok(median(slow.map((r) => Number(r[GEO]))) > 5000, 'and it is far away');
      for (const [city, rs] of byCity) if (rs !== slow) assert.ok(median(rs.map((r) => Number(r[LATENCY]))) < 80, city);
    });

    it('has one client version with a lower frame rate, and a mix of resolutions', () => {
      const rows = [...allRows('Acme Engineering'), ...allRows('Globex Design Studio')];
      const byClient = new Map<string, number[]>();
      for (const r of rows) byClient.set(r[CLIENT]!, [...(byClient.get(r[CLIENT]!) ?? []), Number(r[FRAMERATE])]);
      const medians = [...byClient].map(([c, f]) => [c, median(f)] as const).sort((a, b) => a[1] - b[1]);
      assert.ok(medians[0]![1] < 0.7 * medians[1]![1], JSON.stringify(medians));
      const resolutions = countBy(rows, (r) => r[RESOLUTION]!);
      assert.ok(resolutions.size >= 4);
      assert.ok(Math.max(...resolutions.values()) < 0.7 * rows.length);
    });
  });

  describe('shape and determinism', () => {
    it("serves Frame's header and row shape, unsorted, the same bytes for the same seed", async () => {
      const id = idOf('Acme Engineering');
      const m = fullMonths().at(-1)!;
      const res = await request(sim.reportUrl(id, m.year, m.month));
      const entries = unzipSync(new Uint8Array(res.body));
      const csv = strFromU8(Object.values(entries)[0]!);
      assert.ok(csv.startsWith(SESSION_HEADER_LINE + '\r\n'));
      const records = parse(csv, { record_delimiter: '\r\n' }) as string[][];
      const rows = records.slice(1);
      assert.deepEqual(rows, sim.data.monthlyReportRows(id, m.year, m.month));
      for (const r of rows) {
        assert.equal(r.length, 25);
        assert.match(r[START]!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
        assert.match(r[DURATION]!, /^\d+$/);
        assert.match(r[SESSION_ID]!, /^[0-9a-f]{16}$/);
      }
      assert.ok(
        rows.some((r, i) => i > 0 && r[START]! < rows[i - 1]![START]!),
        'rows are not sorted by start time',
      );
      const again = await startSimulator({ seed: 1, now: NOW });
      const other = await startSimulator({ seed: 2, now: NOW });
      try {
        assert.deepEqual(again.data.monthlyReportRows(id, m.year, m.month), rows);
        assert.deepEqual(again.data.usage(id), sim.data.usage(id));
        assert.notDeepEqual(other.data.usage(other.data.accounts[0]!.account_id), sim.data.usage(id));
      } finally {
        await again.close();
        await other.close();
      }
    });

    it('recent_sessions holds the sessions that closed in the last 24 h, none of them in the monthly report', () => {
      const id = idOf('Acme Engineering');
      const recent = sim.data.recentSessionRows(id);
      assert.ok(recent.length > 0);
      for (const r of recent) assert.ok(endMs(r) >= NOW.getTime() - 86_400_000 && endMs(r) < NOW.getTime());
      const current = sim.data.reportMonths.at(-1)!;
      const previous = sim.data.reportMonths.at(-2)!;
      const monthly = new Set(
        [
          ...sim.data.monthlyReportRows(id, current.year, current.month),
          ...sim.data.monthlyReportRows(id, previous.year, previous.month),
        ].map((r) => r[SESSION_ID]),
      );
      assert.ok(recent.every((r) => !monthly.has(r[SESSION_ID])));
    });
  });
});
