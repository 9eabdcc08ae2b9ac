/**
 * `insights`: the Capacity view's figures (src/core/insights) over sessions already in the
 * sessions table, for 1, 3 and 12 months (BENCH_INSIGHTS_MONTHS) of BENCH_ROWS sessions each,
 * generated and shuffled (capacityWorker.ts, one process per size for its own peak RSS). Prints,
 * per size, the wall and CPU seconds of computing every figure, of each figure asked afterwards,
 * the peak RSS beside the table's own bytes, and the ratio to the goal (every figure within 1 s
 * of asking, the extension host under 1 GB). Timings are printed, never judged.
 */
import * as path from 'node:path';
import { runJson } from './csv';
import { benchRows, repoRoot } from './data';
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
    }
  },
};
