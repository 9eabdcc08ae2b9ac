/**
 * `experience`: the Experience and People figures (src/core/insights: experience.ts, people.ts,
 * offHours.ts) over a cached year, 12 months (BENCH_EXPERIENCE_MONTHS) of BENCH_ROWS sessions in
 * the sessions table (experienceWorker.ts, its own process). Prints each figure's wall and CPU
 * seconds and the ratio to the goal (each breakdown within 1 s for 12 × 1M sessions). Timings
 * are printed, never judged.
 */
import * as path from 'node:path';
import { runJson } from './csv';
import { benchRows, describeInput, ensureReport, repoRoot } from './data';
import type { BenchSection } from './section';

interface WorkerResult {
  months: number;
  rows: number;
  accounts: number;
  members: number;
  figures: Record<string, { seconds: number; cpuSeconds: number }>;
  countries: number;
  seats: Record<string, number>;
  maxRssMB: number;
}

export const experienceSection: BenchSection = {
  name: 'experience',
  title: 'Experience and People figures over a cached year',
  async run(log) {
    const rows = benchRows();
    const file = await ensureReport(rows, log);
    log(describeInput(file, rows));
    const months = Number(process.env.BENCH_EXPERIENCE_MONTHS ?? 12);
    const worker = path.join(repoRoot, 'out', 'bench', 'experienceWorker.js');
    const r = runJson<WorkerResult>(process.execPath, [worker, String(months), file]);
    log(
      `${r.months} months, ${r.rows.toLocaleString('en-US')} rows, ${r.countries} countries, ${r.accounts} accounts with ${r.members.toLocaleString('en-US')} members; peak RSS ${r.maxRssMB.toFixed(0)} MB`,
    );
    for (const [name, f] of Object.entries(r.figures))
      log(
        `${name.padEnd(36)} ${f.seconds.toFixed(3).padStart(7)} s wall ${f.cpuSeconds.toFixed(3).padStart(7)} s CPU  (×${f.seconds.toFixed(2)} the 1 s goal; ${(f.cpuSeconds / (r.rows / 1e6)).toFixed(3)} CPU s per million rows)`,
      );
    log(`seats: ${JSON.stringify(r.seats)}`);
  },
};
