/**
 * CSV section: parse + full session aggregation of the generated report by our tokenizer,
 * csv-parse (streaming) and, when installed, pandas, each in a fresh process for its own peak RSS.
 * Fails only when the implementations disagree or one of them errors; timings are printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { BenchSection } from './section';
import { benchRows, ensureReport, repoRoot } from './data';
import { compareSummaries, type BenchSummary } from './summary';

interface Measurement {
  impl: string;
  bytes: number;
  rows: number;
  seconds: number;
  maxRssMB: number;
  summary: BenchSummary;
}

/** Quantiles: ours come from a sketch with 0.5% relative accuracy, pandas' are exact. */
const PANDAS_QUANTILE_TOLERANCE = 0.006;

function runJson(cmd: string, args: string[]): Measurement {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error?.message}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Measurement;
}

/** A python3 with pandas, or null. Tries PATH first, then the system interpreter (apt's python3-pandas). */
function findPandasPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(py, ['-c', 'import pandas'], { stdio: 'ignore' });
      return py;
    } catch {
      // not this one
    }
  }
  return null;
}

function fmt(m: Measurement): string {
  const mbps = m.bytes / 1e6 / m.seconds;
  const rps = m.rows / m.seconds;
  return `${m.impl.padEnd(10)} ${mbps.toFixed(1).padStart(7)} MB/s ${Math.round(rps).toLocaleString('en-US').padStart(10)} rows/s ${m.maxRssMB.toFixed(0).padStart(5)} MB peak RSS  (${m.seconds.toFixed(2)} s)`;
}

export const csvSection: BenchSection = {
  name: 'csv',
  title: 'Session report: parse + aggregate',
  async run(log) {
    const rows = benchRows();
    const file = await ensureReport(rows, log);
    const worker = path.join(repoRoot, 'out', 'bench', 'csvWorker.js');
    log(`input: ${path.relative(repoRoot, file)}, ${rows.toLocaleString('en-US')} rows`);

    const ours = runJson(process.execPath, [worker, 'ours', file]);
    log(fmt(ours));
    const csvParse = runJson(process.execPath, [worker, 'csv-parse', file]);
    log(fmt(csvParse));
    const py = findPandasPython();
    const pandas = py ? runJson(py, [path.join(repoRoot, 'bench', 'pandas_aggregate.py'), file]) : null;
    log(pandas ? fmt(pandas) : 'pandas:    not installed (apt-get install -y python3-pandas to compare)');

    const problems: string[] = [];
    if (ours.rows !== rows) problems.push(`ours parsed ${ours.rows} rows, expected ${rows}`);
    problems.push(...compareSummaries(ours.summary, csvParse.summary, 0).map((d) => `ours vs csv-parse: ${d}`));
    if (pandas)
      problems.push(...compareSummaries(ours.summary, pandas.summary, PANDAS_QUANTILE_TOLERANCE).map((d) => `ours vs pandas: ${d}`));
    if (problems.length) throw new Error(`aggregates disagree:\n  ${problems.slice(0, 20).join('\n  ')}`);
    log(`aggregates: agree (${pandas ? 'ours, csv-parse, pandas' : 'ours, csv-parse'})`);

    const speed = (m: Measurement): number => m.bytes / m.seconds;
    const ratio = (base: Measurement, label: string): string =>
      `vs ${label}: ${(speed(ours) / speed(base)).toFixed(2)}x throughput, ${(ours.maxRssMB / base.maxRssMB).toFixed(2)}x peak RSS`;
    log(ratio(csvParse, 'csv-parse'));
    if (pandas) log(ratio(pandas, 'pandas'));
  },
};
