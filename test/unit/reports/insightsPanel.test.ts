// The Experience and People tabs' requests (ReportsController) in bare Node against the simulator
// over real sockets: figures checked against the rows the Sessions table pages, the simulator's
// stories (São Paulo's latency, FrameApp 7.1's frame rate, dormant, pending and never-seen members,
// directory logins), Copy Emails, Export CSV, and hostile parameters.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FrameClient } from '../../../src/core/api';
import { monthKey } from '../../../src/core/dates';
import { HttpTransport } from '../../../src/core/http/transport';
import { MonthlyReportStore } from '../../../src/core/reports';
import { ALL_ACCOUNTS_ID, ORGANIZATION_ID_PREFIX, type RowsQuery } from '../../../src/protocol/reports';
import { ReportsController } from '../../../src/reports/reportsController';
import { rpcFailure } from '../../support/failsWith';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

describe('reports controller: the Experience and People tabs against the simulator', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let transport: HttpTransport;
  let tmp: string;
  let opened: { what: string; detail: string }[];
  let stores = 0;

  /** The cost settings as settings.json would hold them (the organization panel reads them). */
  let costAccounts: unknown;

  function controllerFor(accountIndex: number | { accountId: string; name: string }): ReportsController {
    const account =
      typeof accountIndex === 'number'
        ? sim.data.accounts[accountIndex]!
        : { account_id: accountIndex.accountId, name: accountIndex.name, email: '' };
    const web = new FrameClient({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
    return new ReportsController({
      target: {
        connection: {
          id: 'conn-1',
          name: 'Simulator',
          baseUrl: sim.webApiBase,
          apiKind: 'web',
          clientId: DEMO_CREDENTIALS.clientId,
          scheme: 'frame',
        },
        account: { accountId: account.account_id, name: account.name, email: account.email },
      },
      web: async () => web,
      monthly: new MonthlyReportStore(path.join(tmp, `reports-${++stores}`)),
      editor: {
        openMonthlyCsv: async () => undefined,
        openRecentCsv: async () => undefined,
        showUsageCsv: async () => undefined,
        saveCsv: async (title, fileName, csv) => opened.push({ what: 'csv', detail: `${title}\n${fileName}\n${csv}` }),
        copyText: async (text) => opened.push({ what: 'clipboard', detail: text }),
        editPrices: async () => undefined,
        saveImage: async () => undefined,
        exportParquet: async () => null,
      },
      notify: () => undefined,
      log: () => undefined,
      now: () => sim.data.now,
      costSettings: () => ({ prices: undefined, accounts: costAccounts }),
    });
  }

  /** The current month and the four before it (the current one: days are counted back from today). */
  const fiveMonths = () => sim.data.reportMonths.slice(-5).map(monthKey);

  /** Every loaded row as the Sessions table pages them. */
  async function allRows(c: ReportsController, drill: RowsQuery['drill'] = null) {
    const out: { start: number | null; user: string; country: string; city: string; latency: number | null }[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await c.handlers.rows({ offset, limit: 1000, sort: { column: 'start', descending: false }, filter: '', drill });
      for (const r of page.rows) out.push({ start: r[0], user: r[1], country: r[4], city: r[5], latency: r[6] });
      if (out.length >= page.total) return out;
    }
  }

  before(async () => {
    sim = await startSimulator({ sessionsPerMonth: 1500 });
    transport = new HttpTransport({ retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-insights-panel-'));
  });
  after(async () => {
    await transport.close();
    await sim.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    sim.reset();
    opened = [];
  });

  it('Experience: nothing before a load; then São Paulo over 200 ms, FrameApp 7.1 slow, per country as the rows say', async () => {
    const c = controllerFor(0);
    await c.handlers.init(null);
    assert.equal(await c.handlers.experience({ dimension: 'city' }), null);
    await c.handlers.loadSessions({ months: fiveMonths(), recent: false });
    const cities = (await c.handlers.experience({ dimension: 'city' }))!;
    const sp = cities.groups.find((g) => g.key === 'São Paulo')!;
    assert.ok(sp.overPct[1]! > 50 && sp.p95Latency! > 200, `São Paulo: ${sp.overPct[1]} % over 200 ms, p95 ${sp.p95Latency}`);
    for (const g of cities.groups.filter((g) => g.key !== 'São Paulo')) assert.ok(g.p95Latency! < 150, `${g.key} p95 ${g.p95Latency}`);
    assert.ok(sp.change && sp.change.previous < sp.change.month, 'month over month');

    // Per country, the share over each threshold as the paged rows give it.
    const rows = await allRows(c);
    const countries = (await c.handlers.experience({ dimension: 'country' }))!;
    assert.deepEqual(countries.thresholdsMs, [100, 200]);
    for (const g of countries.groups) {
      const mine = rows.filter((r) => r.country === g.key && r.latency !== null);
      assert.equal(g.latencySessions, mine.length);
      assert.ok(Math.abs(g.overPct[1]! - (100 * mine.filter((r) => r.latency! > 200).length) / mine.length) < 1e-9, g.key);
    }

    const clients = (await c.handlers.experience({ dimension: 'userAgent' }))!;
    const slow = clients.groups.find((g) => g.key === 'FrameApp 7.1')!;
    const others = clients.groups.filter((g) => g.key !== 'FrameApp 7.1' && g.sessions > 50);
    assert.ok(
      others.length > 0 && others.every((g) => g.medianFramerate! > slow.medianFramerate! * 1.4),
      'FrameApp 7.1 has the lowest frame rate',
    );

    // A group's sessions, one click away: exactly the rows of São Paulo.
    const drilled = await allRows(c, { kind: 'match', key: '*', column: 'city', value: 'São Paulo' });
    assert.equal(drilled.length, sp.sessions);
    assert.ok(drilled.every((r) => r.city === 'São Paulo'));
    // The worst users are São Paulo's, and their sessions are theirs.
    const worst = cities.worstUsers[0]!;
    assert.ok(worst.p95Latency! > 200);
    const theirs = await allRows(c, { kind: 'match', key: '*', column: 'user', value: worst.key });
    assert.equal(theirs.length, worst.sessions);
    assert.ok(theirs.every((r) => r.user === worst.key && r.city === 'São Paulo'));
  });

  it('People: members joined with the sessions, each last session as the rows say; pending, never used, dormant, unmatched', async () => {
    const c = controllerFor(0);
    await c.handlers.init(null);
    assert.equal(await c.handlers.people({ scope: 'account', refresh: false }), null);
    await c.handlers.loadSessions({ months: fiveMonths(), recent: false });
    const v = (await c.handlers.people({ scope: 'account', refresh: false }))!;
    assert.equal(v.asOfReason, 'today');
    assert.equal(v.asOfDay, sim.data.now.toISOString().slice(0, 10));
    const members = sim.data.teamMembers(sim.data.bigAccountId);
    assert.equal(v.totalRows, members.length);
    assert.equal(v.counts.pending, members.filter((m) => m.status === 'pending').length);
    assert.ok(v.counts.never > 100, `${v.counts.never} never used`);
    assert.ok(v.counts.dormant30 >= 1 && v.counts.dormant90 >= 1, JSON.stringify(v.counts));
    assert.deepEqual(v.matching[0]!.column, 'username');
    assert.ok(v.unmatched.some((u) => /contractor\d@partners\.example\.net/.test(u.username)));
    // The oracle: each member's last session from the paged rows (username = e-mail, any case).
    const rows = await allRows(c);
    const last = new Map<string, number>();
    for (const r of rows)
      if (r.start !== null) last.set(r.user.toLowerCase(), Math.max(last.get(r.user.toLowerCase()) ?? -Infinity, r.start));
    const asOf = Date.parse(v.asOfDay + 'T00:00:00Z') / 86_400_000;
    for (const r of v.rows) {
      const l = last.get(r.email.toLowerCase()) ?? null;
      assert.equal(r.lastStart, l, r.email);
      if (l !== null) assert.equal(r.daysSince, asOf - Math.floor(l / 86_400_000));
    }
    // The simulator's members who stopped 45 and 100 days ago (its local days: a UTC day either side).
    const near = (days: number, seat: string) =>
      v.rows.some((r) => r.daysSince !== null && Math.abs(r.daysSince - days) <= 1 && r.seat === seat);
    assert.ok(near(45, 'dormant30') && near(100, 'dormant90'), 'the members who stopped 45 and 100 days ago');

    // The "never used" filter: every one of them counted, the heaviest listed; Copy Emails takes them all.
    const never = (await c.handlers.people({ scope: 'account', refresh: false, seat: 'never' }))!;
    assert.equal(never.totalRows, v.counts.never);
    assert.equal(never.members, members.length);
    assert.ok(never.rows.length > 0 && never.rows.every((r) => r.seat === 'never' && r.sessions === 0));
    assert.deepEqual(await c.handlers.copyEmails({ scope: 'account', seat: 'never' }), { copied: v.counts.never });
    const copied = opened.at(-1)!.detail.split('\n');
    assert.equal(copied.length, v.counts.never);
    assert.ok(never.rows.every((r) => copied.includes(r.email)));
    const picked = never.rows.slice(0, 3).map((r) => r.email);
    assert.deepEqual(await c.handlers.copyEmails({ emails: picked }), { copied: 3 });
    assert.deepEqual(opened.at(-1), { what: 'clipboard', detail: picked.join('\n') });
    await c.handlers.exportInsights({ table: 'people', scope: 'account', seat: 'never' });
    const [title, fileName, ...csv] = opened.at(-1)!.detail.split('\n');
    assert.match(title!, /Export the seats \(never\)/);
    assert.match(fileName!, /seats \(never\)\.csv$/);
    const lines = csv.join('\n').trimEnd().split('\r\n');
    assert.equal(lines.length, 1 + v.counts.never);
    assert.ok(lines.slice(1).every((l) => l.includes(',never used,0,0,')));
  });

  it('People across every account of the connection; a directory-login account is matched by account_email; off-hours ranked', async () => {
    const initech = sim.data.accounts.findIndex((a) => a.name === 'Initech Finance');
    const c = controllerFor(initech);
    await c.handlers.init(null);
    await c.handlers.loadSessions({ months: fiveMonths(), recent: false });
    const own = (await c.handlers.people({ scope: 'account', refresh: false }))!;
    assert.equal(own.matching[0]!.column, 'account_email');
    assert.ok(own.matching[0]!.matchedUsers > 3);
    assert.ok(
      own.unmatched.every((u) => u.username.startsWith('INITECH\\')),
      'unmatched rows show the login they had',
    );
    const all = (await c.handlers.people({ scope: 'all', refresh: false }))!;
    assert.equal(all.matching.length, sim.data.accounts.length);
    const others = all.rows.filter((r) => r.accountName !== 'Initech Finance');
    assert.ok(others.length > 0 && others.every((r) => r.seat === 'notLoaded' || r.seat === 'pending'));
    assert.equal(
      all.totalRows,
      sim.data.accounts.reduce((n, a) => n + sim.data.teamMembers(a.account_id).length, 0),
    );

    const off = (await c.handlers.offHours(null))!;
    assert.deepEqual(off.quiet, { start: '19:00', end: '07:00', timeZone: '', weekends: true });
    assert.equal(off.accounts.length, 1);
    assert.equal(off.accounts[0]!.accountName, 'Initech Finance');
    assert.ok(off.accounts[0]!.quietHours >= 0 && off.accounts[0]!.quietHours <= off.accounts[0]!.hours);
    await c.handlers.exportInsights({ table: 'offHours' });
    assert.match(
      opened.at(-1)!.detail.split('\n')[2]!,
      /^rank,account_id,account_name,sessions,sessions_in_quiet_hours,hours,quiet_hours,quiet_pct/,
    );
  });

  it('off-hours in an organization panel and the all-accounts panel ranks every account of the scope, those without sessions at 0', async () => {
    const month = sim.data.reportMonths.at(-1)!;
    // An organization of an account with sessions and a new one that Frame lists no report for yet.
    const busy = sim.data.accounts.find((a) => a.name === 'Initech Finance')!;
    const retired = sim.data.accounts.find((a) => a.account_id === sim.data.xssAccountId)!;
    const monthRows = (id: string) => (id === retired.account_id ? 0 : sim.data.monthlyReportRows(id, month.year, month.month).length);
    sim.inject(
      { kind: 'status', status: 200, body: '[]', contentType: 'application/json' },
      { path: new RegExp(`/accounts/${retired.account_id}/sessions$`), times: Infinity },
    );
    costAccounts = { [busy.name]: { organization: 'Ops' }, [retired.account_id]: { organization: 'Ops' } };
    try {
      const org = controllerFor({ accountId: `${ORGANIZATION_ID_PREFIX}Ops`, name: 'Organization Ops' });
      await org.handlers.init(null);
      await org.handlers.loadSessions({ months: [monthKey(month)], recent: false });
      const off = (await org.handlers.offHours(null))!;
      assert.deepEqual(off.scope, { kind: 'organization', organization: 'Ops', accounts: 2 });
      assert.deepEqual(off.accounts.map((a) => a.accountName).sort(), [busy.name, retired.name].sort());
      const none = off.accounts.find((a) => a.accountId === retired.account_id)!;
      assert.deepEqual(
        { sessions: none.sessions, quietHours: none.quietHours, hours: none.hours, quietPct: none.quietPct },
        { sessions: 0, quietHours: 0, hours: 0, quietPct: null },
      );
      assert.equal(off.accounts.find((a) => a.accountId === busy.account_id)!.sessions, monthRows(busy.account_id));
      await org.handlers.exportInsights({ table: 'offHours' });
      const csvRows = opened.at(-1)!.detail.split('\n').slice(3).filter(Boolean);
      assert.equal(csvRows.length, 2, 'one CSV row per account of the organization');
      assert.ok(csvRows.some((l) => l.includes(retired.account_id)));

      const all = controllerFor({ accountId: ALL_ACCOUNTS_ID, name: 'All accounts' });
      await all.handlers.init(null);
      await all.handlers.loadSessions({ months: [monthKey(month)], recent: false });
      const every = (await all.handlers.offHours(null))!;
      assert.deepEqual(every.scope, { kind: 'all', accounts: sim.data.accounts.length });
      assert.deepEqual(every.accounts.map((a) => a.accountId).sort(), sim.data.accounts.map((a) => a.account_id).sort());
      // Named by the connection's account list, ranked by quiet hours, each account's sessions as served.
      for (const a of every.accounts) {
        assert.equal(a.accountName, sim.data.accounts.find((x) => x.account_id === a.accountId)!.name);
        assert.equal(a.sessions, monthRows(a.accountId));
      }
      every.accounts.slice(1).forEach((a, i) => assert.ok(a.quietHours <= every.accounts[i]!.quietHours));
      assert.ok(every.accounts.some((a) => a.quietHours > 0) && every.accounts.some((a) => a.sessions === 0));
    } finally {
      costAccounts = undefined;
      sim.clearFaults();
    }
  });

  it('refuses hostile parameters of the new requests', async () => {
    const c = controllerFor(1);
    await c.handlers.init(null);
    const bad: [keyof ReportsController['handlers'], unknown][] = [
      ['experience', { dimension: '__proto__' }],
      ['experience', null],
      ['people', { scope: 'everyone', refresh: false }],
      ['people', { scope: 'account' }],
      ['people', { scope: 'account', refresh: false, seat: 'ghost' }],
      ['copyEmails', { scope: 'nobody', seat: 'all' }],
      ['copyEmails', { emails: [1] }],
      ['copyEmails', { emails: 'a@b' }],
      ['exportInsights', { table: 'secrets' }],
      ['exportInsights', { table: 'people', seat: 'ghost' }],
      ['offHours', { x: 1 }],
      [
        'rows',
        {
          offset: 0,
          limit: 1,
          sort: { column: 'start', descending: false },
          filter: '',
          drill: { kind: 'match', key: '*', column: 'offsets', value: 'x' },
        },
      ],
      [
        'rows',
        {
          offset: 0,
          limit: 1,
          sort: { column: 'start', descending: false },
          filter: '',
          drill: { kind: 'match', key: '*', column: 'user', value: 'x'.repeat(5000) },
        },
      ],
    ];
    for (const [method, params] of bad) {
      const error = await rpcFailure(c.handlers[method](params as never));
      assert.equal(error.kind, 'invalid-request', `${method} ${JSON.stringify(params)?.slice(0, 60)}`);
    }
    // Export before a load says what to do.
    assert.match((await rpcFailure(c.handlers.exportInsights({ table: 'experience' }))).message, /Load one or more monthly reports first/);
  });
});
