/**
 * DuckDB's measurement in a fresh process (its own peak RSS):
 *   node out/bench/duckdbWorker.js <duckdb entry> csv <file.csv> <threads>
 *     read_csv + SQL aggregates, the same ones as the panel's (bench/summary.ts shape)
 *   node out/bench/duckdbWorker.js <duckdb entry> parquet '<folder>/**\/*.parquet' <threads>
 *     read_parquet(hive_partitioning) of an export: rows, sums, types
 *   node out/bench/duckdbWorker.js <duckdb entry> copy <file.csv> <threads> <out.parquet>
 *     COPY (SELECT * FROM read_csv(…)) TO … (FORMAT parquet): the baseline for our export
 * Prints one JSON line.
 */
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchSummary } from './summary';

interface Connection {
  runAndReadAll(sql: string): Promise<{ getRowObjects(): Record<string, unknown>[] }>;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function connect(entry: string, threads: number): Promise<Connection> {
  const duckdb = (await import(pathToFileURL(entry).href)) as {
    DuckDBInstance: { create(path: string, options: Record<string, string>): Promise<{ connect(): Promise<Connection> }> };
  };
  const db = await duckdb.DuckDBInstance.create(':memory:', { threads: String(threads) });
  return db.connect();
}

async function rows(c: Connection, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.runAndReadAll(sql)).getRowObjects();
}

async function csv(c: Connection, file: string): Promise<{ rows: number; summary: BenchSummary }> {
  // The columns the aggregates use, typed by DuckDB's own detection (as pandas and our reader do).
  await c.runAndReadAll(
    `CREATE TEMP TABLE s AS SELECT username, application, country, region, starttime, session_duration AS d,
       avg_latency AS lat, avg_bandwidth AS bw, avg_framerate AS fr FROM read_csv(${sqlString(file)})`,
  );
  const [t] = await rows(
    c,
    `SELECT count(*) n, count(*) FILTER (starttime IS NULL) undated, sum(d) total, count(DISTINCT username) users, avg(d) mean,
       quantile_disc(d, [0.5, 0.95]) dq, quantile_disc(lat, [0.5, 0.9, 0.95, 0.99]) lq,
       quantile_disc(bw, [0.5, 0.9, 0.95, 0.99]) bq, quantile_disc(fr, [0.5, 0.9, 0.95, 0.99]) fq FROM s`,
  );
  const days = await rows(
    c,
    `SELECT strftime(starttime, '%Y-%m-%d') AS dayname, count(*) n, sum(coalesce(d, 0)) sec FROM s WHERE starttime IS NOT NULL GROUP BY 1`,
  );
  const top = async (col: string) =>
    (await rows(c, `SELECT ${col} k, count(*) n, sum(coalesce(d, 0)) sec FROM s GROUP BY 1 ORDER BY n DESC, k ASC LIMIT 10`)).map((r) => ({
      key: String(r.k ?? ''),
      sessions: num(r.n)!,
      seconds: num(r.sec)!,
    }));
  const list = (v: unknown) => (v as { items?: unknown[] })?.items ?? (v as unknown[]);
  const [dq = [], lq = [], bq = [], fq = []] = [t!.dq, t!.lq, t!.bq, t!.fq].map((v) => list(v).map(num));
  const summary: BenchSummary = {
    sessions: num(t!.n)!,
    undated: num(t!.undated)!,
    totalSeconds: num(t!.total)!,
    uniqueUsers: num(t!.users)!,
    days: Object.fromEntries(days.map((d) => [String(d.dayname), [num(d.n)!, num(d.sec)!]])),
    top: {
      applications: await top('application'),
      users: await top('username'),
      countries: await top('country'),
      regions: await top('region'),
    },
    quantiles: {
      duration_mean: num(t!.mean),
      duration_p50: dq[0]!,
      duration_p95: dq[1]!,
      latency_p50: lq[0]!,
      latency_p90: lq[1]!,
      latency_p95: lq[2]!,
      latency_p99: lq[3]!,
      bandwidth_p50: bq[0]!,
      bandwidth_p90: bq[1]!,
      bandwidth_p95: bq[2]!,
      bandwidth_p99: bq[3]!,
      framerate_p50: fq[0]!,
      framerate_p90: fq[1]!,
      framerate_p95: fq[2]!,
      framerate_p99: fq[3]!,
    },
  };
  return { rows: summary.sessions, summary };
}

async function parquet(c: Connection, glob: string): Promise<Record<string, unknown>> {
  const src = `read_parquet(${sqlString(glob)}, hive_partitioning = true)`;
  const [t] = await rows(
    c,
    `SELECT count(*) n, sum(session_duration) d, sum(storage_used) st, count(DISTINCT account) n_accounts, count(DISTINCT month) n_months,
       count(*) FILTER (WHERE account::VARCHAR <> account_id) misplaced, min(starttime)::VARCHAR first_start FROM ${src}`,
  );
  const types = await rows(c, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${src})`);
  return {
    rows: num(t!.n),
    durationSum: num(t!.d),
    storageSum: num(t!.st),
    accounts: num(t!.n_accounts),
    months: num(t!.n_months),
    misplaced: num(t!.misplaced),
    firstStart: t!.first_start,
    types: Object.fromEntries(types.map((r) => [String(r.column_name), String(r.column_type)])),
  };
}

/** DuckDB's own CSV → Parquet (columns typed by its detection, its default compression). */
async function copy(c: Connection, file: string, out: string): Promise<Record<string, unknown>> {
  await c.runAndReadAll(`COPY (SELECT * FROM read_csv(${sqlString(file)})) TO ${sqlString(out)} (FORMAT parquet)`);
  const [t] = await rows(c, `SELECT count(*) n FROM read_parquet(${sqlString(out)})`);
  return { rows: num(t!.n), fileBytes: statSync(out).size };
}

async function main(): Promise<void> {
  const [entry, mode, target, threadsArg, outFile] = process.argv.slice(2);
  const threads = Number(threadsArg ?? 1);
  if (!entry || !target || (mode !== 'csv' && mode !== 'parquet' && !(mode === 'copy' && outFile)))
    throw new Error('usage: duckdbWorker <entry> <csv|parquet|copy> <target> [threads] [out.parquet for copy]');
  const c = await connect(entry, threads);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const out = mode === 'csv' ? await csv(c, target) : mode === 'copy' ? await copy(c, target, outFile!) : await parquet(c, target);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const bytes = mode === 'parquet' ? 0 : statSync(target).size;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ impl: `duckdb-${threads}t`, bytes, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMB, threads, ...out }) +
      '\n',
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
