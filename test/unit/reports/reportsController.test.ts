// The reports panel's logic (ReportsController) in bare Node against the simulator over real
// sockets: every request the webview can send, errors as the webview receives them, cancellation,
// and requests a hostile webview could send.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FrameClient } from '../../../src/core/api';
import { addDays, monthKey } from '../../../src/core/dates';
import { HttpTransport } from '../../../src/core/http/transport';
import { MonthlyReportStore } from '../../../src/core/reports';
import type { ReportsHostNotifications, SessionsResult, UsageQuery } from '../../../src/protocol/reports';
import { ReportsController } from '../../../src/reports/reportsController';
import { rpcFailure } from '../../support/failsWith';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

describe('reports controller (the panel logic) against the simulator', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let transport: HttpTransport;
  let tmp: string;
  let controller: ReportsController;
  let progress: ReportsHostNotifications['progress'][];
  /** Runs inside the controller's progress notification (a test may act at a given moment). */
  let onProgress: ((p: ReportsHostNotifications['progress']) => void) | undefined;
  let opened: { what: string; detail: string }[];
  let accountId: string;
  let stores = 0;

  function makeController(): ReportsController {
    const account = sim.data.accounts[1]!;
    accountId = account.account_id;
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
      // A fresh folder per test: nothing is downloaded yet.
      monthly: new MonthlyReportStore(path.join(tmp, `reports-${++stores}`)),
      editor: {
        openMonthlyCsv: async (month, link) => opened.push({ what: 'monthly', detail: `${month} ${link.year}-${link.month}` }),
        openRecentCsv: async () => opened.push({ what: 'recent', detail: '' }),
        showUsageCsv: async (query, csv) => opened.push({ what: 'usage', detail: `${query.scope}\n${csv}` }),
        exportParquet: async (months) => (
          opened.push({ what: 'parquet', detail: months.join(',') }),
          { folder: '/x', files: months.length }
        ),
      },
      notify: (p) => {
        progress.push(p);
        onProgress?.(p);
      },
      log: () => undefined,
      now: () => sim.data.now,
    });
  }

  before(async () => {
    sim = await startSimulator({ sessionsPerMonth: 3000 });
    transport = new HttpTransport({ retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-controller-'));
  });
  after(async () => {
    await transport.close();
    await sim.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(async () => {
    sim.reset();
    progress = [];
    onProgress = undefined;
    opened = [];
    controller = makeController();
    await controller.handlers.init(null);
  });

  /** The `n` newest complete months (the newest listed month is the current, partial one), newest first. */
  const monthsOf = (n: number) =>
    sim.data.reportMonths
      .slice(-(n + 1), -1)
      .map(monthKey)
      .reverse();

  it('init lists the monthly reports newest first, today in Pacific time, and who the panel is for', async () => {
    const init = await controller.handlers.init(null);
    assert.deepEqual(init.panel, { connectionId: 'conn-1', accountId, accountName: sim.data.accounts[1]!.name });
    assert.equal(init.months.length, sim.data.reportMonths.length);
    assert.equal(init.months[0]!.key, monthKey(sim.data.reportMonths.at(-1)!));
    assert.ok(init.months.every((m) => m.downloaded === false));
    assert.equal(init.todayPacific, sim.data.today);
    assert.equal(init.monthsError, undefined);
  });

  it('usage for a range matches the simulator, with every grouping', async () => {
    const to = sim.data.today;
    const from = addDays(to, -29);
    const result = await controller.handlers.usage({ from, to, scope: 'account' });
    const raw = sim.data.usage(accountId, from, to);
    assert.ok(Math.abs(result.aggregate.totalHours - raw.reduce((s, r) => s + r.hours_used, 0)) < 1e-6);
    assert.deepEqual([...result.aggregate.by.instance_type.keys].sort(), [...new Set(raw.map((r) => r.instance_type))].sort());
    assert.deepEqual([...result.aggregate.by.datacenter.keys].sort(), [...new Set(raw.map((r) => r.datacenter))].sort());
    assert.deepEqual([...result.aggregate.by.server_type.keys].sort(), [...new Set(raw.map((r) => r.server_type))].sort());
    assert.equal(result.accounts, 1);
  });

  it('the "all accounts" rollup adds up every account of the connection', async () => {
    const from = addDays(sim.data.today, -6);
    const result = await controller.handlers.usage({ from, to: sim.data.today, scope: 'all' });
    const expected = sim.data.accounts.reduce(
      (s, a) => s + sim.data.usage(a.account_id, from, sim.data.today).reduce((t, r) => t + r.hours_used, 0),
      0,
    );
    assert.equal(result.accounts, sim.data.accounts.length);
    assert.ok(Math.abs(result.aggregate.totalHours - expected) < 1e-6);
    assert.deepEqual(result.failedAccounts, []);
  });

  it('an API error reaches the webview as a retryable message written for people, and Retry then works', async () => {
    const query: UsageQuery = { from: addDays(sim.data.today, -6), to: sim.data.today, scope: 'account' };
    sim.inject({ kind: 'status', status: 503 }, { path: /\/usage\?/, times: Infinity });
    const error = await rpcFailure(controller.handlers.usage(query));
    assert.equal(error.kind, 'server');
    assert.equal(error.retryable, true);
    assert.match(error.message, /HTTP 503/);
    assert.doesNotMatch(error.message, /\n\s+at |Unexpected error/);
    sim.clearFaults();
    assert.ok((await controller.handlers.usage(query)).aggregate.records > 0);
  });

  it('loads chosen months plus recent sessions, downloading without Frame headers, and keeps the result', async () => {
    const months = monthsOf(2);
    const sessions: SessionsResult = await controller.handlers.loadSessions({ months, recent: true });
    const expected =
      sim.data.reportMonths.slice(-3, -1).reduce((s, m) => s + sim.data.monthlyReportRows(accountId, m.year, m.month).length, 0) +
      sim.data.recentSessionRows(accountId).length;
    assert.equal(sessions.rows, expected);
    assert.equal(sessions.aggregate.sessions, expected);
    assert.deepEqual(
      sessions.sources.map((s) => s.key),
      [...months, 'recent'],
    );
    assert.equal(
      sessions.histogram.counts.reduce((a, b) => a + b, 0),
      sessions.aggregate.duration.count,
    );
    const presigned = sim.requests.filter((r) => r.path.startsWith('/presigned/'));
    assert.equal(presigned.length, 2);
    assert.ok(presigned.every((r) => !Object.keys(r.headers).some((h) => /^(x-frame-|authorization)/.test(h))));
    assert.ok(progress.some((p) => p.what === 'sessions' && /downloading/.test(p.message)));
    // A webview recreated after hide/show gets the same result back.
    assert.deepEqual((await controller.handlers.currentSessions(null))?.query, sessions.query);
    // Now on disk: `months` (what the webview asks after a load) and init say so, and loading again downloads nothing.
    assert.deepEqual(
      (await controller.handlers.months(null)).filter((m) => m.downloaded).map((m) => m.key),
      months,
    );
    assert.deepEqual(
      (await controller.handlers.init(null)).months.filter((m) => m.downloaded).map((m) => m.key),
      months,
    );
    sim.reset();
    await controller.handlers.loadSessions({ months, recent: false });
    assert.equal(sim.requests.filter((r) => r.path.startsWith('/presigned/')).length, 0);
  });

  it('pages rows sorted and filtered by the host', async () => {
    const sessions = await controller.handlers.loadSessions({ months: monthsOf(1), recent: false });
    const page = await controller.handlers.rows({ offset: 0, limit: 50, sort: { column: 'duration', descending: true }, filter: '' });
    assert.equal(page.total, sessions.rows);
    assert.equal(page.rows.length, 50);
    assert.equal(page.rows[0]![3], sessions.aggregate.duration.maxSeconds);
    const chrome = await controller.handlers.rows({
      offset: 0,
      limit: 5000,
      sort: { column: 'start', descending: false },
      filter: 'chrome',
    });
    assert.ok(chrome.total > 0 && chrome.total < sessions.rows);
    assert.ok(chrome.rows.length <= 1000, 'a page is capped at 1,000 rows');
    assert.ok(chrome.rows.every((r) => [r[1], r[2], r[4], r[5]].some((v) => v.toLowerCase().includes('chrome'))));
    const starts = chrome.rows.map((r) => r[0]!);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
  });

  it('one load at a time: 12 loads sent at once end with the last one, the 11 before it cancelled', async () => {
    const months = monthsOf(1);
    const loads = Array.from({ length: 12 }, () => controller.handlers.loadSessions({ months, recent: false }));
    const settled = await Promise.allSettled(loads);
    const kinds = await Promise.all(
      settled.map((s) => (s.status === 'fulfilled' ? 'loaded' : rpcFailure(Promise.reject(s.reason)).then((e) => e.kind))),
    );
    assert.deepEqual(kinds, [...Array<string>(11).fill('cancelled'), 'loaded']);
    const last = settled[11]!;
    assert.ok(last.status === 'fulfilled' && last.value.rows > 0);
    assert.equal((await controller.handlers.currentSessions(null))?.rows, last.value.rows, "the table is the last load's");
    // A usage load is one at a time too, and does not cancel the sessions.
    const to = sim.data.today;
    const usage = await Promise.allSettled([
      controller.handlers.usage({ from: to, to, scope: 'account' }),
      controller.handlers.usage({ from: to, to, scope: 'account' }),
    ]);
    assert.deepEqual(
      usage.map((u) => u.status),
      ['rejected', 'fulfilled'],
    );
  });

  it('Cancel during the download: the webview is told "cancelled", not an error', async () => {
    sim.inject({ kind: 'slow-body', chunkDelayMs: 300, chunks: 20 }, { path: /^\/presigned\// });
    const loading = controller.handlers.loadSessions({ months: monthsOf(1), recent: false });
    await new Promise<void>((resolve) => {
      const t = setInterval(() => sim.requests.some((r) => r.path.startsWith('/presigned/')) && (clearInterval(t), resolve()), 10);
    });
    await controller.handlers.cancel({ what: 'sessions' });
    const error = await rpcFailure(loading);
    assert.equal(error.kind, 'cancelled');
  });

  it('after a load cancelled halfway, `months` marks the month it did download', async () => {
    const [newer, older] = monthsOf(2) as [string, string];
    const [y, m] = older.split('-').map(Number) as [number, number];
    // The older month downloads slowly: Cancel lands there, after the newer one is on disk.
    const slowFile = sim.data.reportFileName(accountId, y, m);
    sim.inject({ kind: 'slow-body', chunkDelayMs: 300, chunks: 20 }, { path: new RegExp(slowFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    onProgress = () => {
      if (sim.requests.some((r) => r.path.includes(slowFile))) void controller.handlers.cancel({ what: 'sessions' });
    };
    const error = await rpcFailure(controller.handlers.loadSessions({ months: [newer, older], recent: false }));
    assert.equal(error.kind, 'cancelled');
    const marks = Object.fromEntries((await controller.handlers.months(null)).map((r) => [r.key, r.downloaded]));
    assert.equal(marks[newer], true, 'the month downloaded before Cancel');
    assert.equal(marks[older], false, 'the month that was cancelled');
  });

  it('Cancel during extraction: "cancelled" too, never "Unexpected error: … aborted"', async () => {
    // Cancel at the moment the host says it starts extracting: the download is complete by then,
    // and extraction sees the aborted signal as it starts.
    onProgress = (p) => {
      if (/extracting/.test(p.message)) void controller.handlers.cancel({ what: 'sessions' });
    };
    const error = await rpcFailure(controller.handlers.loadSessions({ months: monthsOf(1), recent: false }));
    assert.ok(
      progress.some((p) => /extracting/.test(p.message)),
      'it got as far as extracting',
    );
    assert.equal(error.kind, 'cancelled', error.message);
    assert.doesNotMatch(error.message, /Unexpected error/);
  });

  it('Export CSV and Open CSV hand the host what to open', async () => {
    const query: UsageQuery = { from: addDays(sim.data.today, -6), to: sim.data.today, scope: 'all' };
    await controller.handlers.usage(query);
    await controller.handlers.exportUsage(query);
    const usage = opened.find((o) => o.what === 'usage')!;
    assert.match(usage.detail, /^all\naccount,date \(Pacific time\),datacenter,instance_type,server_type,hours_used\r\n/);
    await controller.handlers.openCsv({ recent: true });
    const month = monthsOf(1)[0]!;
    await controller.handlers.openCsv({ month });
    assert.deepEqual(
      opened.slice(1).map((o) => o.what),
      ['recent', 'monthly'],
    );
  });

  it('gives every field of a clicked row, read again from its report, matching the row in the table', async () => {
    await controller.handlers.loadSessions({ months: monthsOf(1), recent: false });
    const sort = { column: 'duration' as const, descending: true };
    const page = await controller.handlers.rows({ offset: 3, limit: 1, sort, filter: '' });
    const details = await controller.handlers.sessionDetails({ offset: 3, sort, filter: '' });
    assert.equal(details.fields.length, 25);
    const field = (c: string) => details.fields.find((f) => f.column === c)?.value;
    assert.equal(field('username'), page.rows[0]![1]);
    assert.equal(field('application'), page.rows[0]![2]);
    assert.equal(Number(field('session_duration')), page.rows[0]![3]);
    assert.ok(details.fields.every((f) => typeof f.value === 'string'));
    const error = await rpcFailure(controller.handlers.sessionDetails({ offset: 10_000_000, sort, filter: '' }));
    assert.equal(error.kind, 'not-listed');
  });

  it('exports the loaded months as Parquet through the host, and refuses before a load', async () => {
    assert.equal((await rpcFailure(controller.handlers.exportParquet(null))).kind, 'invalid-request');
    const months = monthsOf(2);
    await controller.handlers.loadSessions({ months, recent: false });
    assert.deepEqual(await controller.handlers.exportParquet(null), { folder: '/x', files: 2 });
    assert.deepEqual(opened.at(-1), { what: 'parquet', detail: months.join(',') });
  });

  describe('requests a hostile webview could send', () => {
    it('refuses months Frame does not list, repeated months, and too many months, reading nothing', async () => {
      const month = monthsOf(1)[0]!;
      for (const months of [['1999-01'], [month, month], Array.from({ length: 2000 }, () => month), ['../../etc'], [42]]) {
        sim.reset();
        const error = await rpcFailure(controller.handlers.loadSessions({ months, recent: false }));
        assert.equal(error.kind, 'invalid-request', JSON.stringify(months).slice(0, 40));
        assert.equal(sim.requests.length, 0, 'nothing is requested for a refused load');
      }
    });

    it('refuses malformed parameters of every request', async () => {
      const bad: [keyof ReportsController['handlers'], unknown][] = [
        ['usage', { from: '2026-02-30', to: '2026-03-01', scope: 'account' }],
        ['usage', { from: '2026-03-02', to: '2026-03-01', scope: 'account' }],
        ['usage', { from: '2000-01-01', to: '2026-03-01', scope: 'account' }],
        ['usage', { from: '2026-03-01', to: '2026-03-01', scope: 'everyone' }],
        ['usage', null],
        ['rows', { offset: -1, limit: 10, sort: { column: 'start', descending: true }, filter: '' }],
        ['rows', { offset: 0, limit: 10, sort: { column: '__proto__', descending: true }, filter: '' }],
        ['rows', { offset: 0, limit: 10, sort: { column: 'start', descending: true }, filter: 7 }],
        ['openCsv', { month: '2026-13' }],
        ['cancel', { what: 'everything' }],
        ['saveState', { huge: 'x'.repeat(100_000) }],
        ['sessionDetails', { offset: -1, sort: { column: 'start', descending: true }, filter: '' }],
        ['sessionDetails', null],
        ['exportParquet', { months: ['../../etc'] }],
        ['months', { months: ['2026-01'] }],
      ];
      for (const [method, params] of bad) {
        const error = await rpcFailure(controller.handlers[method](params));
        assert.equal(error.kind, 'invalid-request', `${method} ${JSON.stringify(params)?.slice(0, 60)}`);
      }
    });
  });
});
