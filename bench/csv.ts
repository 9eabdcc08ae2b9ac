/**
 * CSV section: one month of Frame's real report shape (BENCH_ROWS rows, default 1,000,000), the
 * panel's whole pipeline (`pipeline.js`: parse, every aggregate, the sortable table and its first
 * page) against pandas and DuckDB on the same file, each in a fresh process for its own peak RSS,
 * BENCH_RUNS times interleaved (medians reported). csv-parse + the record path runs once as the
 * oracle. Fails only when the readers disagree or one errors; timings are printed as ratios.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { BenchSection } from './section';
import { benchRows, bytesPerRow, ensureReport, findPandasPython, repoRoot } from './data';
import { ensureDuckDb } from './duckdb';
import { compareSummaries, type BenchSummary } from './summary';

export interface Measurement {
  impl: string;
  bytes: number;
  rows: number;
  seconds: number;
  maxRssMB: number;
  threads?: number;
  summary: BenchSummary;
}

/** Quantiles: ours come from a sketch with 0.5% relative accuracy, pandas' and DuckDB's are exact. */
const QUANTILE_TOLERANCE = 0.006;

export function runJson<T = Measurement>(cmd: string, args: string[]): T {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as T;
}

export const mbps = (m: { bytes: number; seconds: number }) => m.bytes / 1e6 / m.seconds;

function fmt(m: Measurement): string {
  const rps = m.rows / m.seconds;
  return `${m.impl.padEnd(14)} ${mbps(m).toFixed(1).padStart(7)} MB/s ${Math.round(rps).toLocaleString('en-US').padStart(10)} rows/s ${m.maxRssMB.toFixed(0).padStart(5)} MB peak RSS  (${m.seconds.toFixed(2)} s)`;
}

/** Median by seconds of repeated runs (peak RSS: the median too). */
function median(runs: Measurement[]): Measurement {
  const bySeconds = [...runs].sort((a, b) => a.seconds - b.seconds);
  const byRss = [...runs].sort((a, b) => a.maxRssMB - b.maxRssMB);
  const mid = Math.floor(runs.length / 2);
  return { ...bySeconds[mid]!, maxRssMB: byRss[mid]!.maxRssMB };
}

export const csvSection: BenchSection = {
  name: 'csv',
  title: 'One month, real report shape: the panel pipeline vs pandas and DuckDB',
  async run(log) {
    const rows = benchRows();
    const file = await ensureReport(rows, log);
    const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
    const out = path.join(repoRoot, 'out', 'bench');
    log(`input: ${path.relative(repoRoot, file)}, ${rows.toLocaleString('en-US')} rows, ${bytesPerRow(file, rows).toFixed(1)} bytes/row`);
    log(`(medians of ${runs} interleaved runs, each in a fresh process; this machine: ${availableParallelism()} cores)`);

    const py = findPandasPython();
    const duck = ensureDuckDb(log);
    const readers: { name: string; run: () => Measurement }[] = [
      {
        name: 'ours (1 thread)',
        run: () => ({ ...runJson(process.execPath, [path.join(out, 'pipeline.js'), file, '--threads', '1']), impl: 'ours-1t' }),
      },
    ];
    if (py) readers.push({ name: 'pandas', run: () => runJson(py, [path.join(repoRoot, 'bench', 'pandas_aggregate.py'), file]) });
    if (duck) {
      for (const t of [1, 2])
        readers.push({
          name: `duckdb ${t}t`,
          run: () => runJson(process.execPath, [path.join(out, 'duckdbWorker.js'), duck, 'csv', file, String(t)]),
        });
    }
    const results = new Map<string, Measurement[]>(readers.map((r) => [r.name, []]));
    for (let i = 0; i < runs; i++) for (const r of readers) results.get(r.name)!.push(r.run());
    const m = new Map([...results].map(([k, v]) => [k, median(v)]));
    for (const v of m.values()) log(fmt(v));
    if (!py) log('pandas:        not installed (apt-get install -y python3-pandas to compare)');
    const oracle = runJson(process.execPath, [path.join(out, 'csvWorker.js'), 'csv-parse', file]);
    log(`${fmt(oracle)}  [oracle: csv-parse + the record path, once]`);

    const ours = m.get('ours (1 thread)')!;
    const problems: string[] = [];
    if (ours.rows !== rows) problems.push(`ours read ${ours.rows} rows, expected ${rows}`);
    problems.push(...compareSummaries(ours.summary, oracle.summary, 1e-12).map((d) => `ours vs csv-parse: ${d}`));
    for (const [name, v] of m) {
      if (name.startsWith('ours')) continue;
      problems.push(...compareSummaries(ours.summary, v.summary, QUANTILE_TOLERANCE).map((d) => `ours vs ${name}: ${d}`));
    }
    if (problems.length) throw new Error(`aggregates disagree:\n  ${problems.slice(0, 20).join('\n  ')}`);
    log(`aggregates: agree (${['ours', 'csv-parse', ...[...m.keys()].filter((k) => !k.startsWith('ours'))].join(', ')})`);

    const ratio = (name: string) => {
      const base = m.get(name);
      if (!base) return;
      log(
        `ours (1 thread) vs ${name.padEnd(7)}: ${(mbps(ours) / mbps(base)).toFixed(2)}x throughput, ${(ours.maxRssMB / base.maxRssMB).toFixed(2)}x peak RSS`,
      );
    };
    ratio('pandas');
    ratio('duckdb 1t');
    ratio('duckdb 2t');
    log('goals: >= 2x pandas throughput; >= 1x DuckDB with as many threads (1); peak RSS <= 0.5x pandas');
  },
};
