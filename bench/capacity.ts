/**
 * `insights`: the Capacity view's figures (src/core/insights) over sessions already in the
 * sessions table, for 1, 3 and 12 months (BENCH_INSIGHTS_MONTHS) of BENCH_ROWS sessions each,
 * generated and shuffled (capacityWorker.ts, one process per size for its own peak RSS). Prints,
 * per size, the wall and CPU seconds of computing every figure, of each figure asked afterwards,
 * the peak RSS beside the table's own bytes, and the ratio to the goal (every figure within 1 s
 * of asking, the extension host under 1 GB). Timings are printed, never judged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { runJson } from './csv';
import { benchRows, ensureReport, repoRoot } from './data';
import type { BenchSection } from './section';

interface Timing {
  seconds: number;
  cpuSeconds: number;
}

interface WorkerResult {
  months: number;
  rows: number;
  types: number;
  timelineMinutes: number;
  generate: Timing;
  compute: Timing;
  afterwards: Record<string, Timing>;
  tableMB: number;
  rssWithTableMB: number;
  rssAfterMB: number;
  maxRssMB: number;
  peak: Record<string, number>;
}

export const capacitySection: BenchSection = {
  name: 'insights',
  title: 'Capacity figures over a year of sessions in the table',
  async run(log) {
    const rows = benchRows();
    const sizes = (process.env.BENCH_INSIGHTS_MONTHS ?? '1,3,12').split(',').map(Number);
    const worker = path.join(repoRoot, 'out', 'bench', 'capacityWorker.js');
    log(`input: the generator's default (test/fixtures/sessions.ts), rows in no order, straight into the table's columns`);
    let perMillion: number | undefined;
    let year: WorkerResult | undefined;
    for (const months of sizes) {
      const r = runJson<WorkerResult>(process.execPath, ['--expose-gc', worker, String(months), String(rows)]);
      const cpuPerMillion = r.compute.cpuSeconds / (r.rows / 1e6);
      perMillion ??= cpuPerMillion;
      log(
        `${String(months).padStart(2)} months ${r.rows.toLocaleString('en-US').padStart(11)} rows, ${r.types} system types, ${r.timelineMinutes.toLocaleString('en-US')} minutes: ` +
          `every figure in ${r.compute.seconds.toFixed(2)} s wall, ${r.compute.cpuSeconds.toFixed(2)} s CPU ` +
          `(${cpuPerMillion.toFixed(3)} CPU s per million rows, ×${(cpuPerMillion / perMillion).toFixed(2)} the first size's; ` +
          `×${r.compute.seconds.toFixed(2)} the 1 s goal)`,
      );
      const after = Object.entries(r.afterwards)
        .map(([k, t]) => `${k} ${(t.seconds * 1000).toFixed(1)} ms`)
        .join(', ');
      log(`   then each figure asked: ${after}`);
      log(
        `   memory: table ${r.tableMB.toFixed(0)} MB, RSS ${r.rssWithTableMB.toFixed(0)} MB with it, ${r.rssAfterMB.toFixed(0)} MB after the figures, ` +
          `peak ${r.maxRssMB.toFixed(0)} MB (×${(r.maxRssMB / 1024).toFixed(2)} the 1 GB budget; the peak includes the generator's garbage)`,
      );
      log(`   peak concurrency: ${JSON.stringify(r.peak)}`);
      if (months === 12) year = r;
    }
    if (year) {
      // The year as the panel gets it back: the month's CSV into a columnar cache once, then
      // reopened 12 times from the entry (the same work as 12 months' entries) in a fresh process.
      const file = await ensureReport(rows, log);
      const cache = mkdtempSync(path.join(tmpdir(), 'frame-bench-capacity-'));
      const pipeline = path.join(repoRoot, 'out', 'bench', 'pipeline.js');
      const threads = String(Math.min(4, availableParallelism()));
      try {
        runJson(process.execPath, [pipeline, file, '--threads', '1', '--cache', cache]);
        const reopen = runJson<{ seconds: number; cpuSeconds: number; maxRssMB: number; fromCache: number }>(process.execPath, [
          pipeline,
          ...Array<string>(12).fill(file),
          '--threads',
          threads,
          '--cache',
          cache,
        ]);
        if (reopen.fromCache !== 12) throw new Error(`${12 - reopen.fromCache} of the 12 months were not reopened from the columnar cache`);
        // Every figure: computed, then each asked once (an upper bound: the panel asks them side by side).
        const asked = Object.values(year.afterwards).reduce(
          (a, t) => ({ seconds: a.seconds + t.seconds, cpuSeconds: a.cpuSeconds + t.cpuSeconds }),
          {
            seconds: 0,
            cpuSeconds: 0,
          },
        );
        const wall = year.compute.seconds + asked.seconds;
        const cpu = year.compute.cpuSeconds + asked.cpuSeconds;
        log(
          `year: capacity figures within ${wall.toFixed(2)} s of asking (wall), ${cpu.toFixed(2)} s CPU; peak RSS ${year.maxRssMB.toFixed(0)} MB; ` +
            `reopen ${reopen.seconds.toFixed(2)} s (${reopen.cpuSeconds.toFixed(2)} s CPU, ${threads} threads, peak RSS ${reopen.maxRssMB.toFixed(0)} MB); ` +
            `load ${loadavg()
              .map((l) => l.toFixed(1))
              .join(' ')}`,
        );
      } finally {
        rmSync(cache, { recursive: true, force: true });
      }
    }
  },
};
