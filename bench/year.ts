/**
 * A year: 12 months of BENCH_ROWS rows each (the month file read 12 times: months are
 * independent, so this is the same work as 12 different ones) through the panel's pipeline in
 * worker threads, one process per run for its own peak RSS. Prints time and rows/s for 3, 6 and
 * 12 months (time should grow linearly with rows), 1 thread vs as many as there are cores, and
 * the peak RSS of the whole process (the extension host would hold this: goal < 1 GB).
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { BenchSection } from './section';
import { benchRows, describeInput, ensureReport, repoRoot } from './data';
import { runJson } from './csv';

interface PipelineResult {
  rows: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  threads: number;
  cores: number;
  maxRssMB: number;
}

export const yearSection: BenchSection = {
  name: 'year',
  title: 'A year: 12 months side by side in worker threads',
  async run(log) {
    const rows = benchRows();
    const file = await ensureReport(rows, log);
    log(describeInput(file, rows));
    const cores = availableParallelism();
    const threads = Math.min(4, cores);
    const pipeline = path.join(repoRoot, 'out', 'bench', 'pipeline.js');
    const run = (months: number, t: number) =>
      runJson<PipelineResult>(process.execPath, [pipeline, ...Array(months).fill(file), '--threads', String(t)]);
    log(`machine: ${cores} cores; months read with up to ${threads} worker threads (one month per thread at a time)`);
    const line = (label: string, r: PipelineResult) =>
      log(
        `${label.padEnd(22)} ${r.rows.toLocaleString('en-US').padStart(11)} rows ${r.seconds.toFixed(2).padStart(6)} s ${Math.round(
          r.rows / r.seconds,
        )
          .toLocaleString('en-US')
          .padStart(
            10,
          )} rows/s ${(r.bytes / 1e6 / r.seconds).toFixed(0).padStart(5)} MB/s ${r.maxRssMB.toFixed(0).padStart(5)} MB peak RSS ${r.cpuSeconds.toFixed(2).padStart(6)} s CPU (${Math.round(r.rows / r.cpuSeconds).toLocaleString('en-US')} rows per CPU-second)`,
      );
    const three = run(3, threads);
    line(`3 months, ${three.threads} threads`, three);
    const six = run(6, threads);
    line(`6 months, ${six.threads} threads`, six);
    const twelve = run(12, threads);
    line(`12 months, ${twelve.threads} threads`, twelve);
    const single = run(12, 1);
    line('12 months, 1 thread', single);
    log(
      `linearity: 12 months take ${(twelve.seconds / three.seconds).toFixed(2)}x the time of 3 (4x the rows), 6 take ${(six.seconds / three.seconds).toFixed(2)}x (2x the rows)`,
    );
    log(
      `cores: ${twelve.threads} threads are ${(single.seconds / twelve.seconds).toFixed(2)}x as fast as 1 (${cores} cores on this machine)`,
    );
    log(`peak RSS for 12 x ${rows.toLocaleString('en-US')} rows: ${twelve.maxRssMB.toFixed(0)} MB (goal < 1024 MB)`);
    if (twelve.rows !== 12 * rows) throw new Error(`12 months gave ${twelve.rows} rows, expected ${12 * rows}`);
  },
};
