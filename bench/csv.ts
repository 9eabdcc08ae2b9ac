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
import { benchRows, describeInput, ensureReport, findPandasPython, repoRoot } from './data';
import { ensureDuckDb } from './duckdb';
import { compareSummaries, type BenchSummary } from './summary';

export interface Measurement {
  impl: string;
  bytes: number;
  rows: number;
  seconds: number;
  /** CPU time of the process (all its threads): steadier than wall time on a shared machine. */
  cpuSeconds: number;
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
const cpuMbps = (m: Measurement) => m.bytes / 1e6 / m.cpuSeconds;

function fmt(m: Measurement): string {
  const rps = m.rows / m.seconds;
  return `${m.impl.padEnd(14)} ${mbps(m).toFixed(1).padStart(7)} MB/s ${Math.round(rps).toLocaleString('en-US').padStart(10)} rows/s ${m.maxRssMB.toFixed(0).padStart(5)} MB peak RSS  (${m.seconds.toFixed(2)} s wall, ${m.cpuSeconds.toFixed(2)} s CPU: ${cpuMbps(m).toFixed(1)} MB per CPU-second)`;
}

/** Medians of repeated runs (wall time, CPU time and peak RSS each). */
function median(runs: Measurement[]): Measurement {
  const mid = Math.floor(runs.length / 2);
  const of = (f: (m: Measurement) => number) => runs.map(f).sort((a, b) => a - b)[mid]!;
  return { ...runs[0]!, seconds: of((m) => m.seconds), cpuSeconds: of((m) => m.cpuSeconds), maxRssMB: of((m) => m.maxRssMB) };
}

export const csvSection: BenchSection = {
  name: 'csv',
  title: 'One month, real report shape: the panel pipeline vs pandas and DuckDB',
  async run(log) {
    const rows = benchRows();
    const file = await ensureReport(rows, log);
    const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
    const out = path.join(repoRoot, 'out', 'bench');
    log(describeInput(file, rows));
    log(`(medians of ${runs} interleaved runs, each in a fresh process; this machine: ${availableParallelism()} cores)`);

    const py = findPandasPython();
    const duck = ensureDuckDb(log);
    const readers: { name: string; run: () => Measurement }[] = [
      {
        name: 'ours (1 thread)',
        run: () => ({ ...runJson(process.execPath, [path.join(out, 'pipeline.js'), file, '--threads', '1']), impl: 'ours-1t' }),
      },
      {
        // Two threads on one month: it is read in two parts side by side.
        name: 'ours (2 threads)',
        run: () => ({ ...runJson(process.execPath, [path.join(out, 'pipeline.js'), file, '--threads', '2']), impl: 'ours-2t' }),
      },
    ];
    if (py) {
      readers.push({ name: 'pandas', run: () => runJson(py, [path.join(repoRoot, 'bench', 'pandas_aggregate.py'), file]) });
      // What a pandas user would write (5 columns, na_filter=False, no date parsing): timed only.
      readers.push({ name: 'pandas lean', run: () => runJson(py, [path.join(repoRoot, 'bench', 'pandas_lean.py'), file]) });
    }
    // The floor (issue 19): a Node loop that only counts line breaks, 4 MB reads; timed, not compared.
    readers.push({ name: 'line count', run: () => runJson(process.execPath, [path.join(out, 'csvWorker.js'), 'lines', file]) });
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
    if (!py) log('pandas:        not installed (apt-get install -y python3-pandas to compare, the full and the lean script)');
    const oracle = runJson(process.execPath, [path.join(out, 'csvWorker.js'), 'csv-parse', file]);
    log(`${fmt(oracle)}  [oracle: csv-parse + the record path, once]`);

    const ours = m.get('ours (1 thread)')!;
    const problems: string[] = [];
    if (ours.rows !== rows) problems.push(`ours read ${ours.rows} rows, expected ${rows}`);
    problems.push(...compareSummaries(ours.summary, oracle.summary, 1e-12).map((d) => `ours vs csv-parse: ${d}`));
    problems.push(...compareSummaries(ours.summary, m.get('ours (2 threads)')!.summary, 1e-12).map((d) => `ours 1 vs 2 threads: ${d}`));
    for (const [name, v] of m) {
      if (name.startsWith('ours') || name === 'pandas lean' || name === 'line count') continue;
      problems.push(...compareSummaries(ours.summary, v.summary, QUANTILE_TOLERANCE).map((d) => `ours vs ${name}: ${d}`));
    }
    if (problems.length) throw new Error(`aggregates disagree:\n  ${problems.slice(0, 20).join('\n  ')}`);
    log(
      `aggregates: agree (${['ours', 'csv-parse', ...[...m.keys()].filter((k) => !k.startsWith('ours') && k !== 'pandas lean' && k !== 'line count')].join(', ')})`,
    );

    const ratio = (name: string, mine = 'ours (1 thread)') => {
      const base = m.get(name);
      const ours = m.get(mine)!;
      if (!base) return;
      log(
        `${mine} vs ${name.padEnd(9)}: ${(mbps(ours) / mbps(base)).toFixed(2)}x throughput (wall), ${(cpuMbps(ours) / cpuMbps(base)).toFixed(2)}x per CPU-second, ${(ours.maxRssMB / base.maxRssMB).toFixed(2)}x peak RSS`,
      );
    };
    ratio('pandas');
    ratio('pandas lean');
    ratio('duckdb 1t');
    ratio('line count');
    ratio('pandas', 'ours (2 threads)');
    ratio('duckdb 2t', 'ours (2 threads)');
    log('goals: >= 2x pandas throughput; >= 1x DuckDB with as many threads as ours; peak RSS <= 0.5x pandas; >= 0.5x the line count floor');
  },
};
