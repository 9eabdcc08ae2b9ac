// The reports panel's logic (ReportsController) in bare Node against the simulator over real
// sockets: every request the webview can send, errors as the webview receives them, cancellation,
// and requests a hostile webview could send.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FrameClient, type Account } from '../../../src/core/api';
import { addDays, monthKey } from '../../../src/core/dates';
import { HttpTransport } from '../../../src/core/http/transport';
import { MonthlyReportStore, usageAccountLabels } from '../../../src/core/reports';
import { shownDimension, stackedSeries } from '../../../media/reports/usageSeries';
import type { CapacityCsvTable, ReportsHostNotifications, SessionsResult, UsageQuery } from '../../../src/protocol/reports';
import { ReportsController } from '../../../src/reports/reportsController';
import { capacityFileName } from '../../../src/reports/capacityCsv';
import { ALL_ACCOUNTS_ID, ORGANIZATION_ID_PREFIX } from '../../../src/protocol/reports';
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
  /** The cost settings as settings.json would hold them (a test sets them). */
  const costSettings: { prices: unknown; accounts: unknown } = { prices: undefined, accounts: undefined };
  let accountId: string;
  let stores = 0;

  /** `rollup`: the id of an all-accounts or organization panel (Show Capacity on a connection). */
  function makeController(rollup?: string): ReportsController {
    const account = rollup ? { account_id: rollup, name: 'All accounts', email: '' } : sim.data.accounts[1]!;
    if (!rollup) accountId = account.account_id;
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
        saveCsv: async (title, fileName, csv) => opened.push({ what: 'csv', detail: `${title}\n${fileName}\n${csv}` }),
        exportParquet: async (months) => (
          opened.push({ what: 'parquet', detail: months.join(',') }),
          { folder: '/x', files: months.length }
        ),
        editPrices: async () => opened.push({ what: 'prices', detail: '' }),
        copyText: async (text, what) => opened.push({ what: 'copy', detail: `${what}\n${text}` }),
        saveImage: async (title, fileName, bytes, format) =>
          opened.push({ what: format, detail: `${title}\n${fileName}\n${bytes.length}` }),
      },
      costSettings: () => costSettings,
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

  it('the rollup stacks by account: hours per day and account as the simulator serves them, named, adding up to the total', async () => {
    const from = addDays(sim.data.today, -6);
    const to = sim.data.today;
    const result = await controller.handlers.usage({ from, to, scope: 'all' });
    const byAccount = result.aggregate.by.account;
    const names = new Map(sim.data.accounts.map((a) => [a.name, a.account_id]));
    assert.ok(byAccount.keys.length > 1);
    // The legend's keys are the accounts' names (the simulator's are distinct), never their ids.
    for (const key of byAccount.keys) assert.ok(names.has(key), `${key} is an account name`);
    for (const { day, values } of byAccount.series)
      byAccount.keys.forEach((key, k) => {
        const served = sim.data.usage(names.get(key)!, day, day).reduce((t, r) => t + r.hours_used, 0);
        assert.ok(Math.abs(values[k]! - served) < 1e-6, `${key} on ${day}: ${values[k]} h, the simulator ${served} h`);
      });
    // The chart's stacks (webview code, no DOM): a slot per day of the range, the days' stacks add up to the day and the range's total.
    const chart = stackedSeries(result, byAccount);
    assert.deepEqual(chart.days[0], from);
    assert.deepEqual(chart.days.at(-1), to);
    const perDay = new Map(result.aggregate.hoursByDay.map((d) => [d.day, d.hours]));
    chart.days.forEach((day, i) => {
      const stacked = chart.series.reduce((t, s) => t + s.values[i]!, 0);
      assert.ok(Math.abs(stacked - (perDay.get(day) ?? 0)) < 1e-6, `${day}: stacks ${stacked} h, the day ${perDay.get(day)} h`);
    });
    const all = chart.series.reduce((t, s) => t + s.values.reduce((a, b) => a + b, 0), 0);
    assert.ok(Math.abs(all - result.aggregate.totalHours) < 1e-6);
    assert.equal(shownDimension('account', result), 'account');
    // One account's usage has nothing to stack by account: the chart shows instance types, the choice stays saved.
    const one = await controller.handlers.usage({ from, to, scope: 'account' });
    assert.deepEqual(one.aggregate.by.account.keys, [sim.data.accounts[1]!.name]);
    assert.equal(shownDimension('account', one), 'instance_type');
  });

  it('names accounts that share a name by name and id in the account stack', () => {
    const labels = usageAccountLabels([
      { accountId: 'a1', name: 'Lab', email: '' },
      { accountId: 'a2', name: 'Lab', email: '' },
      { accountId: 'a3', name: '', email: '' },
      { accountId: 'a4', name: 'Design', email: '' },
    ] satisfies Account[]);
    assert.deepEqual([...labels.values()], ['Lab (a1)', 'Lab (a2)', 'a3', 'Design']);
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
    // For people: a label and a readable value with its unit beside the report's own.
    const duration = details.fields.find((f) => f.column === 'session_duration')!;
    assert.equal(duration.label, 'Duration');
    assert.match(duration.shown, /^\d+ (s|min|h)\b/);
    assert.match(details.fields.find((f) => f.column === 'starttime')!.shown, /unstated\)$/);
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

  describe('the Capacity tab', () => {
    const sort = { column: 'start' as const, descending: false };
    /** Every loaded session as the table pages them (start ms, duration s), read through `rows`. */
    async function allRows(drill: unknown = null): Promise<{ start: number | null; seconds: number | null }[]> {
      const out: { start: number | null; seconds: number | null }[] = [];
      for (let offset = 0; ; offset += 1000) {
        const page = await controller.handlers.rows({ offset, limit: 1000, sort, filter: '', drill } as never);
        out.push(...page.rows.map((r) => ({ start: r[0] as number | null, seconds: r[3] as number | null })));
        if (out.length >= page.total) return out;
      }
    }
    const occupies = (r: { start: number | null; seconds: number | null }) => r.start !== null && r.seconds !== null && r.seconds > 0;
    const openAt = (r: { start: number | null; seconds: number | null }, from: number, to: number) =>
      occupies(r) && r.start! < to && r.start! + r.seconds! * 1000 > from;

    it('has nothing before a load, then the figures of the loaded sessions, matching a naive sweep', async () => {
      assert.equal(await controller.handlers.capacity(null), null);
      const loaded = await controller.handlers.loadSessions({ months: monthsOf(1), recent: false });
      const view = (await controller.handlers.capacity(null))!;
      assert.equal(view.rows, loaded.rows);
      assert.deepEqual(
        view.sources,
        loaded.sources.map((s) => s.label),
      );
      assert.equal(view.keys[0]!.figures.key, '*');
      assert.ok(view.keys.length > 1, 'the simulator has several system types');
      // Naive peak: at each start, the sessions open then (a session ending at t is not open at t).
      const rows = (await allRows()).filter(occupies);
      let peak = 0;
      let peakAt = Infinity;
      for (const a of rows) {
        const n = rows.filter((b) => b.start! <= a.start! && a.start! < b.start! + b.seconds! * 1000).length;
        if (n > peak || (n === peak && a.start! < peakAt)) [peak, peakAt] = [n, a.start!];
      }
      const all = view.keys[0]!;
      assert.equal(all.figures.peakConcurrency, peak);
      assert.equal(all.figures.peakAt, peakAt);
      assert.equal(all.advice.max, peak);
      assert.ok(all.advice.reasons.some((r) => /advice from history/.test(r)));
      assert.equal(all.starts.length, 168);
      assert.equal(
        all.starts.reduce((a, b) => a + b, 0),
        all.figures.sessions,
      );
      // Every system type's sessions add up to all of them.
      assert.equal(
        view.keys.slice(1).reduce((n, k) => n + k.figures.sessions, 0),
        all.figures.sessions,
      );

      const timeline = await controller.handlers.capacityTimeline({ key: '*' });
      assert.equal(Math.max(...timeline.values), peak);
      assert.equal(timeline.firstMinute + timeline.values.indexOf(peak) * 60_000, Math.floor(peakAt / 60_000) * 60_000);

      assert.deepEqual(await controller.handlers.capacityWaited({ key: '*', max: peak }), { key: '*', max: peak, waited: 0 });
      assert.equal((await controller.handlers.capacityWaited({ key: '*', max: 0 })).waited, rows.length);
      assert.ok((await controller.handlers.capacityWaited({ key: '*', max: peak - 1 })).waited >= 1);
    });

    it('drills down from the peak minute and from heatmap cells to exactly the sessions behind them', async () => {
      await controller.handlers.loadSessions({ months: monthsOf(1), recent: false });
      const view = (await controller.handlers.capacity(null))!;
      const all = await allRows();
      const f = view.keys[0]!.figures;
      const minute = Math.floor(f.peakAt! / 60_000) * 60_000;
      const span = { kind: 'span', key: '*', from: minute, to: minute + 60_000 };
      const drilled = await allRows(span);
      assert.equal(drilled.length, all.filter((r) => openAt(r, minute, minute + 60_000)).length);
      assert.ok(drilled.length >= f.peakConcurrency);
      assert.ok(drilled.every((r) => openAt(r, minute, minute + 60_000)));

      // The busiest starts cell: its sessions are those the heatmap counted, each started in it.
      const starts = view.keys[0]!.starts;
      const cell = starts.indexOf(Math.max(...starts));
      const [weekday, hour] = [Math.floor(cell / 24) + 1, cell % 24];
      const inCell = await allRows({ kind: 'cell', key: '*', weekday, hour, what: 'starts' });
      assert.equal(inCell.length, starts[cell]);
      for (const r of inCell) {
        const d = new Date(r.start!);
        assert.equal(((d.getUTCDay() + 6) % 7) + 1, weekday);
        assert.equal(d.getUTCHours(), hour);
      }
      // Open in that cell: every session open at some instant of one of its occurrences (hour by hour).
      const open = await allRows({ kind: 'cell', key: '*', weekday, hour, what: 'open' });
      const hours = new Set<number>();
      for (const r of all)
        if (r.start !== null) for (let t = Math.floor(r.start / 3_600_000) - 24 * 40; t < r.start / 3_600_000 + 24 * 40; t++) hours.add(t);
      const occurrences = [...hours].filter((t) => {
        const d = new Date(t * 3_600_000);
        return ((d.getUTCDay() + 6) % 7) + 1 === weekday && d.getUTCHours() === hour;
      });
      const expected = all.filter((r) => occurrences.some((t) => openAt(r, t * 3_600_000, (t + 1) * 3_600_000)));
      assert.equal(open.length, expected.length);
      assert.ok(open.length >= inCell.filter(occupies).length);

      // Details of the first drilled row are the details of that session.
      const page = await controller.handlers.rows({ offset: 0, limit: 1, sort, filter: '', drill: span } as never);
      const details = await controller.handlers.sessionDetails({ offset: 0, sort, filter: '', drill: span } as never);
      assert.equal(details.fields.find((x) => x.column === 'username')?.value, page.rows[0]![1]);
      // A system type's drill-down is a part of the whole one.
      const key = view.keys[1]!.figures.key;
      const ofKey = await controller.handlers.rows({ offset: 0, limit: 0, sort, filter: '', drill: { ...span, key } } as never);
      assert.ok(ofKey.total <= drilled.length);
    });

    it('exports every Capacity table as CSV through the host, with the figures the tab shows', async () => {
      assert.equal((await rpcFailure(controller.handlers.exportCapacity({ table: 'figures', key: '*' }))).kind, 'invalid-request');
      await controller.handlers.loadSessions({ months: monthsOf(1), recent: false });
      const view = (await controller.handlers.capacity(null))!;
      const saved = async (table: CapacityCsvTable, key: string) => {
        await controller.handlers.exportCapacity({ table, key });
        const [title, fileName, csv] = opened.at(-1)!.detail.split('\n');
        return {
          title: title!,
          fileName: fileName!,
          lines: opened.at(-1)!.detail.split('\n').slice(2).join('\n').trimEnd().split('\r\n'),
          csv,
        };
      };
      const figures = await saved('figures', '*');
      assert.match(figures.title, /figures/);
      assert.match(figures.fileName, /capacity figures\.csv$/);
      assert.equal(figures.lines.length, view.keys.length + 1);
      const head = figures.lines[0]!.split(',');
      const all = figures.lines[1]!.split(',');
      assert.equal(all[head.indexOf('peak_concurrency')], String(view.keys[0]!.figures.peakConcurrency));
      assert.equal(all[head.indexOf('suggested_buffer')], String(view.keys[0]!.advice.buffer));
      const key = view.keys[1]!.figures.key;
      const starts = await saved('starts', key);
      assert.equal(starts.lines.length, 1 + 168);
      assert.equal(
        starts.lines.slice(1).reduce((n, l) => n + Number(l.split(',').at(-1)), 0),
        view.keys[1]!.figures.sessions,
      );
      assert.ok(starts.fileName.includes(key));
      const timeline = await saved('timeline', '*');
      const t = await controller.handlers.capacityTimeline({ key: '*' });
      assert.equal(timeline.lines.length, 1 + t.values.length);
      assert.equal(Math.max(...timeline.lines.slice(1).map((l) => Number(l.split(',').at(-1)))), view.keys[0]!.figures.peakConcurrency);
      const hours = await saved('hoursByDay', '*');
      const total = hours.lines.slice(1).reduce((n, l) => n + Number(l.split(',').at(-1)), 0);
      assert.ok(Math.abs(total - view.keys[0]!.figures.sessionHours) < 1e-6 * total);
      assert.equal((await saved('concurrency', '*')).lines.length, 1 + 168);
      for (const bad of [{ table: 'passwords', key: '*' }, { table: 'figures', key: '' }, { table: 'starts', key: 'no such type' }, null])
        assert.equal((await rpcFailure(controller.handlers.exportCapacity(bad as never))).kind, 'invalid-request', JSON.stringify(bad));
      assert.doesNotMatch(capacityFileName('../../etc', 'starts', 'a/b\\c'), /[\\/]/);
    });

    it('"Show Capacity…" opens the panel on the Capacity tab: the next init says so, once', async () => {
      controller.openOn('capacity');
      assert.equal((await controller.handlers.init(null)).tab, 'capacity');
      assert.equal((await controller.handlers.init(null)).tab, undefined, 'a later webview opens where the user left it');
    });

    it('compares this account’s usage with the loaded sessions, every hour compared, named unmatched or on a day left out', async () => {
      const [month] = monthsOf(1);
      await controller.handlers.loadSessions({ months: [month!], recent: false });
      assert.equal(await controller.handlers.capacityUsage(null), null, 'no usage loaded yet');
      const from = `${month}-01`;
      const to = addDays(`${month}-28`, 3);
      await controller.handlers.usage({ from, to, scope: 'all' });
      assert.equal(await controller.handlers.capacityUsage(null), null, 'other accounts’ instances do not compare');
      const usage = await controller.handlers.usage({ from, to, scope: 'account' });
      const u = (await controller.handlers.capacityUsage(null))!;
      assert.deepEqual(u.usage, usage.query);
      const c = u.comparison;
      assert.ok(c.totals.length + c.unmatchedInstanceTypes.length > 0, 'the simulator has usage in the month');
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      // The range runs past the loaded month (to the 31st, or into the next month): those days are left out.
      const usageHours =
        sum(c.totals.map((t) => t.usageHours)) + sum(c.unmatchedInstanceTypes.map((t) => t.usageHours)) + c.leftOut.usageHours;
      assert.ok(Math.abs(usageHours - usage.aggregate.totalHours) < 1e-6 * Math.max(1, usageHours));
      const all = (await controller.handlers.capacity(null))!.keys[0]!.figures.sessionHours;
      const sessionHours =
        sum(c.totals.map((t) => t.sessionHours)) + sum(c.unmatchedSystemTypes.map((t) => t.sessionHours)) + c.leftOut.sessionHours;
      for (const r of c.rows)
        assert.ok(r.day >= from && r.day <= to && r.day.startsWith(month!), `${r.day} is in both the usage range and the month`);
      assert.ok(Math.abs(sessionHours - all) < 1e-6 * Math.max(1, all));
      for (const t of c.totals) assert.equal(t.instanceType.trim().toLowerCase(), t.systemType.trim().toLowerCase());
      assert.equal((await rpcFailure(controller.handlers.capacityUsage({ aliases: {} } as never))).kind, 'invalid-request');
    });

    it('costs the Usage tab’s last load at the settings’ prices, exports it, opens the prices, and never costs an unpriced type', async () => {
      assert.equal(await controller.handlers.capacityCost(null), null, 'no usage loaded yet');
      const [month] = monthsOf(1);
      const usage = await controller.handlers.usage({ from: `${month}-01`, to: addDays(`${month}-28`, 3), scope: 'all' });
      costSettings.prices = undefined;
      const unpriced = (await controller.handlers.capacityCost(null))!;
      assert.equal(unpriced.instancePrices, 0);
      assert.equal(unpriced.estimate.total.instanceCost, 0);
      assert.ok(
        Math.abs(unpriced.estimate.total.unpricedHours - usage.aggregate.totalHours) < 1e-6 * Math.max(1, usage.aggregate.totalHours),
      );
      // Price the first instance type the usage has, everywhere; the others stay unpriced.
      const [first] = unpriced.estimate.unpriced;
      assert.ok(first, 'the simulator has usage in the month');
      costSettings.prices = { instances: [{ instanceType: first.instanceType, datacenter: '*', perHour: 2 }] };
      const [someAccount] = unpriced.estimate.accounts;
      costSettings.accounts = { [someAccount!.account]: { organization: 'Sales', customer: 'Acme' } };
      const priced = (await controller.handlers.capacityCost(null))!;
      const typeHours = unpriced.estimate.unpriced.filter((u) => u.instanceType === first.instanceType).reduce((n, u) => n + u.hours, 0);
      assert.ok(Math.abs(priced.estimate.total.instanceCost - 2 * typeHours) < 1e-6 * Math.max(1, typeHours));
      assert.ok(!priced.estimate.unpriced.some((u) => u.instanceType === first.instanceType));
      assert.deepEqual(
        priced.estimate.byOrganization.map((g) => g.name),
        priced.estimate.accounts.length > 1 ? ['Sales', ''] : ['Sales'],
      );
      assert.ok(priced.estimate.forecast, 'the range starts on the 1st: a run rate');
      await controller.handlers.exportCost(null);
      const saved = opened.at(-1)!;
      assert.equal(saved.what, 'csv');
      assert.match(
        saved.detail,
        /^Export the cost estimate \(Simulator all accounts\)\n.* cost .*\.csv\nlevel,name,organization,customer,hours/,
      );
      assert.match(saved.detail, /\r\ntotal,/);
      await controller.handlers.editPrices(null);
      assert.equal(opened.at(-1)!.what, 'prices');
      costSettings.prices = { instances: [{ instanceType: 'X', datacenter: '*', perHour: -1 }] };
      const refused = await rpcFailure(controller.handlers.capacityCost(null));
      assert.equal(refused.kind, 'invalid-request');
      assert.match(refused.message, /frameAdmin\.capacity\.prices is not usable/);
      costSettings.prices = undefined;
      costSettings.accounts = undefined;
    });

    it('saves a chart as PNG or SVG through the host, and refuses anything else sent as one', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
      await controller.handlers.saveChart({
        chart: 'timeline',
        key: '*',
        format: 'png',
        data: `data:image/png;base64,${png.toString('base64')}`,
      });
      const [title, fileName, size] = opened.at(-1)!.detail.split('\n');
      assert.equal(opened.at(-1)!.what, 'png');
      assert.equal(title, `Save the chart of sessions open per minute (${sim.data.account(accountId)!.name}) as PNG`);
      assert.equal(size, String(png.length));
      assert.ok(fileName!.endsWith('sessions open per minute.png'), fileName);
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><title>t</title><path d="M0 0H8"/></svg>';
      await controller.handlers.saveChart({ chart: 'timeline', key: 'Air', format: 'svg', data: svg });
      assert.equal(opened.at(-1)!.what, 'svg');
      const bad: unknown[] = [
        { chart: 'timeline', key: '*', format: 'png', data: `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}` },
        { chart: 'timeline', key: '*', format: 'png', data: 'data:text/html;base64,PGgxPg==' },
        { chart: 'timeline', key: '*', format: 'svg', data: svg.replace('<path', '<script>alert(1)</script><path') },
        { chart: 'timeline', key: '*', format: 'svg', data: svg.replace('<path', '<path onload="x()"') },
        {
          chart: 'timeline',
          key: '*',
          format: 'svg',
          data: svg.replace('<path d="M0 0H8"/>', '<image href="https://evil.example/x.png"/>'),
        },
        { chart: 'timeline', key: '*', format: 'gif', data: 'x' },
        { chart: 'heatmap', key: '*', format: 'png', data: 'x' },
      ];
      for (const b of bad)
        assert.equal((await rpcFailure(controller.handlers.saveChart(b as never))).kind, 'invalid-request', JSON.stringify(b).slice(0, 80));
    });

    it('copies a figure’s DuckDB SQL to the clipboard, and refuses an unknown figure', async () => {
      const { sql } = await controller.handlers.copySql({ figure: 'peak_concurrency', key: 'Air 8GB' });
      assert.match(sql, /read_parquet\('<export folder>\/\*\*\/\*\.parquet', hive_partitioning = true\)/);
      assert.match(sql, /coalesce\(system_type, ''\) = 'Air 8GB'/);
      assert.equal(opened.at(-1)!.detail, `the DuckDB SQL of peak_concurrency\n${sql}`);
      assert.equal((await rpcFailure(controller.handlers.copySql({ figure: 'drop table', key: '*' } as never))).kind, 'invalid-request');
    });

    it('all accounts (Show Capacity on a connection): every account’s months in one table, usage of all accounts, one-account actions refused', async () => {
      const all = makeController(ALL_ACCOUNTS_ID);
      const init = await all.handlers.init(null);
      assert.equal(init.accountName, 'All accounts of Simulator');
      const [month] = monthsOf(1);
      assert.ok(init.months.some((m) => m.key === month));
      const loaded = await all.handlers.loadSessions({ months: [month!], recent: false });
      const [y, m] = month!.split('-').map(Number) as [number, number];
      // The simulator lists the same months for every account it lists.
      const listed = sim.data.accounts;
      const expected = listed.reduce((n, a) => n + sim.data.monthlyReportRows(a.account_id, y, m).length, 0);
      assert.equal(loaded.rows, expected);
      assert.equal(loaded.sources.length, listed.length);
      assert.ok(loaded.sources.every((s) => s.label.endsWith(`: ${month}`)));
      // The figures are of the whole table: the rollup's peak is at least each account's own.
      const one = await controller.handlers.loadSessions({ months: [month!], recent: false });
      assert.ok(one.rows < loaded.rows);
      const peakAll = (await all.handlers.capacity(null))!.keys[0]!.figures.peakConcurrency;
      const peakOne = (await controller.handlers.capacity(null))!.keys[0]!.figures.peakConcurrency;
      assert.ok(peakAll >= peakOne, `${peakAll} ≥ ${peakOne}`);
      // Usage is of all accounts whatever the webview asks, and compares with the rollup's sessions.
      const usage = await all.handlers.usage({ from: `${month}-01`, to: `${month}-28`, scope: 'account' });
      assert.equal(usage.query.scope, 'all');
      assert.ok(await all.handlers.capacityUsage(null));
      assert.match((await rpcFailure(all.handlers.openCsv({ month: month! }))).message, /from that account’s reports/);
      assert.match((await rpcFailure(all.handlers.exportParquet(null))).message, /from that account’s reports/);
      all.dispose();
    });

    it('an organization (as the settings assign accounts to it): only its accounts’ sessions and usage; none assigned is said', async () => {
      const [a, b] = [sim.data.accounts[0]!, sim.data.accounts[3]!];
      // One by id, one by name.
      costSettings.accounts = { [a.account_id]: { organization: 'Eng' }, [b.name]: { organization: 'Eng' }, x: { organization: 'Other' } };
      try {
        const org = makeController(`${ORGANIZATION_ID_PREFIX}Eng`);
        const init = await org.handlers.init(null);
        assert.equal(init.accountName, 'Organization Eng (Simulator)');
        const [month] = monthsOf(1);
        const [y, m] = month!.split('-').map(Number) as [number, number];
        const loaded = await org.handlers.loadSessions({ months: [month!], recent: false });
        const rowsOf = (id: string) => sim.data.monthlyReportRows(id, y, m).length;
        assert.equal(loaded.rows, rowsOf(a.account_id) + rowsOf(b.account_id));
        const usage = await org.handlers.usage({ from: `${month}-01`, to: `${month}-28`, scope: 'all' });
        assert.equal(usage.accounts, 2);
        const cost = (await org.handlers.capacityCost(null))!;
        assert.deepEqual(cost.estimate.accounts.map((x) => x.account).sort(), [a.name, b.name].sort());
        org.dispose();
        const none = makeController(`${ORGANIZATION_ID_PREFIX}Nobody`);
        assert.match((await none.handlers.init(null)).monthsError!, /No account of this connection is in the organization "Nobody"/);
        none.dispose();
      } finally {
        costSettings.accounts = undefined;
      }
    });

    it('refuses hostile Capacity parameters and unknown system types', async () => {
      await controller.handlers.loadSessions({ months: monthsOf(1), recent: false });
      const rows = (drill: unknown) => controller.handlers.rows({ offset: 0, limit: 10, sort, filter: '', drill } as never);
      const bad: [string, Promise<unknown>][] = [
        ['capacity params', controller.handlers.capacity({ key: '*' } as never)],
        ['timeline without key', controller.handlers.capacityTimeline({} as never)],
        ['timeline huge key', controller.handlers.capacityTimeline({ key: 'x'.repeat(10_000) })],
        ['timeline unknown key', controller.handlers.capacityTimeline({ key: 'no such type' })],
        ['timeline proto key', controller.handlers.capacityTimeline({ key: '__proto__' })],
        ['waited negative', controller.handlers.capacityWaited({ key: '*', max: -1 })],
        ['waited fraction', controller.handlers.capacityWaited({ key: '*', max: 1.5 })],
        ['waited text', controller.handlers.capacityWaited({ key: '*', max: '3' } as never)],
        ['waited NaN', controller.handlers.capacityWaited({ key: '*', max: NaN })],
        ['waited unknown key', controller.handlers.capacityWaited({ key: 'nope', max: 3 })],
        ['drill kind', rows({ kind: 'everything', key: '*' })],
        ['drill span reversed', rows({ kind: 'span', key: '*', from: 10, to: 5 })],
        ['drill span infinite', rows({ kind: 'span', key: '*', from: 0, to: Infinity })],
        ['drill span too long', rows({ kind: 'span', key: '*', from: 0, to: 1e15 })],
        ['drill weekday', rows({ kind: 'cell', key: '*', weekday: 8, hour: 0, what: 'starts' })],
        ['drill hour', rows({ kind: 'cell', key: '*', weekday: 1, hour: 24, what: 'starts' })],
        ['drill what', rows({ kind: 'cell', key: '*', weekday: 1, hour: 2, what: 'ends' })],
        ['drill key', rows({ kind: 'cell', key: 7, weekday: 1, hour: 2, what: 'open' })],
        ['drill array', rows([])],
        ['details drill', controller.handlers.sessionDetails({ offset: 0, sort, filter: '', drill: { kind: 'span' } } as never)],
      ];
      for (const [what, p] of bad) assert.equal((await rpcFailure(p)).kind, 'invalid-request', what);
      // A drill-down of a system type the sessions do not have is empty, not an error.
      assert.equal((await rows({ kind: 'cell', key: 'no such type', weekday: 1, hour: 2, what: 'open' })).total, 0);
    });
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
