/**
 * "Copy as DuckDB SQL" runs: a month of the demo tenant is exported as Parquet (the extension's
 * own export), every figure's SQL (src/core/insights/sql.ts) runs in DuckDB over the export's
 * hive-partitioned folders, and gives the panel's numbers (computeCapacity over the same month).
 * DuckDB is the bench's dependency, installed on first use by bench/duckdb.ts: when it cannot be
 * had this test FAILS, saying why (it never skips).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureDuckDb } from '../../../bench/duckdb';
import { ALL, computeCapacity, formatClock, type CapacityInsights } from '../../../src/core/insights';
import { SQL_FIGURES, sqlFor } from '../../../src/core/insights/sql';
import { exportSessionsParquet } from '../../../src/core/reports/parquetExport';
import { SessionReadPool, mergeSegments } from '../../../src/core/reports';
import { createData } from '../../simulator/data';
import { sessionCsv } from '../../fixtures/sessions';

interface Connection {
  runAndReadAll(sql: string): Promise<{ getRowObjects(): Record<string, unknown>[] }>;
}

const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v));

describe('capacity: Copy as DuckDB SQL gives the panel’s numbers', function () {
  // The first run installs DuckDB (npm) and every run starts it: minutes, not the unit default.
  this.timeout(600_000);
  let dir: string;
  let db: Connection;
  let insights: CapacityInsights;
  let folder: string;

  before(async () => {
    const why: string[] = [];
    const entry = ensureDuckDb((line) => why.push(line.trim()));
    assert.ok(entry, `DuckDB could not be had, so the SQL cannot be checked: ${why.join(' ') || 'no reason given'}`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-duckdb-'));
    // One month of the demo tenant's busiest account: Frame's shape, its rhythm, overlaps, midnights.
    const data = createData({ seed: 7, now: new Date(Date.UTC(2026, 10, 20)), sessionsPerMonth: 4000, baseUrl: 'http://127.0.0.1:1' });
    const account = data.accounts[0]!;
    const csv = path.join(dir, 'month.csv');
    fs.writeFileSync(csv, sessionCsv(data.monthlyReportRows(account.account_id, 2026, 10)));
    folder = path.join(dir, 'export');
    await exportSessionsParquet([{ month: '2026-10', csv }], { folder, account: account.account_id });
    const pool = new SessionReadPool(undefined, { threads: 1 });
    const opened = await pool.openSplit({ csv }, 1);
    pool.close();
    insights = computeCapacity(mergeSegments(opened.segments).table);
    assert.ok(insights.figures(ALL).peakConcurrency > 3, 'the month has overlapping sessions to check');
    const duckdb = (await import(pathToFileURL(entry).href)) as {
      DuckDBInstance: { create(path: string, options: Record<string, string>): Promise<{ connect(): Promise<Connection> }> };
    };
    db = await (await duckdb.DuckDBInstance.create(':memory:', { threads: '1' })).connect();
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (figure: (typeof SQL_FIGURES)[number], key: string) =>
    (await db.runAndReadAll(sqlFor(figure, key, folder.split(path.sep).join('/')))).getRowObjects();

  it('has a query for every figure the panel offers to copy', () => {
    assert.deepEqual([...SQL_FIGURES].sort(), [
      'concurrency_timeline',
      'max_arrivals_2min',
      'p95_arrivals_2min_busy',
      'p95_concurrency',
      'peak_concurrency',
      'session_hours_by_day',
      'sessions_by_hour_weekday',
    ]);
  });

  it('peak concurrency and its first instant, of every key', async () => {
    for (const key of insights.keys) {
      const f = insights.figures(key);
      const [row] = await run('peak_concurrency', key);
      assert.equal(num(row!.peak_concurrency), f.peakConcurrency, key);
      assert.equal(row!.peak_at, formatClock(f.peakAt!), key);
    }
  });

  it('the per-minute timeline (every minute, idle ones included) and the 95th-percentile concurrency, of every key', async () => {
    for (const key of insights.keys) {
      const want = insights.timeline(key);
      const got = await run('concurrency_timeline', key);
      assert.equal(got.length, want.length, `${key}: minutes`);
      assert.equal(got[0]!.minute, formatClock(insights.firstMinute).slice(0, 16), `${key}: first minute`);
      const differing = got.flatMap((r, i) =>
        num(r.most_open) === want[i] ? [] : [`${String(r.minute)}: ${num(r.most_open)} vs ${want[i]}`],
      );
      assert.deepEqual(differing.slice(0, 5), [], key);
      assert.ok(Math.max(...want) === insights.figures(key).peakConcurrency, `${key}: the timeline reaches the peak`);
      const [p] = await run('p95_concurrency', key);
      assert.equal(num(p!.p95_concurrency), insights.figures(key).p95Concurrency, key);
    }
  });

  it('the most starts in 2 minutes and when, and the busy-hour 95th percentile, of every key', async () => {
    for (const key of insights.keys) {
      const f = insights.figures(key);
      const [a] = await run('max_arrivals_2min', key);
      assert.equal(num(a!.max_arrivals_2min), f.maxArrivals2min, key);
      assert.equal(a!.max_arrivals_at, formatClock(f.maxArrivalsAt!), key);
      const [b] = await run('p95_arrivals_2min_busy', key);
      assert.equal(num(b!.busy_hours), f.busyHours, key);
      assert.equal(num(b!.p95_arrivals_2min_busy), f.p95Arrivals2minBusy, key);
    }
  });

  it('session hours per day', async () => {
    const want = insights.sessionHoursByDay(ALL);
    const got = await run('session_hours_by_day', ALL);
    assert.deepEqual(
      got.map((r) => r.day),
      want.map((d) => d.day),
    );
    got.forEach((r, i) => assert.ok(Math.abs(num(r.session_hours) - want[i]!.hours) < 1e-6, `${String(r.day)}`));
  });

  it('starts per ISO weekday and hour', async () => {
    const heat = insights.startsHeatmap(ALL);
    const got = await run('sessions_by_hour_weekday', ALL);
    const cells = new Map(got.map((r) => [(num(r.weekday) - 1) * 24 + num(r.hour), num(r.starts)]));
    heat.forEach((n, cell) => assert.equal(cells.get(cell) ?? 0, n, `cell ${cell}`));
  });
});
