/**
 * Second look: one month through the panel's pipeline with the columnar cache, first with an
 * empty cache (parse the CSV, write the entry), then again (open the entry). Prints both and the
 * ratio (goal: reopening costs <= 10% of the first parse), for the month's open alone and for the
 * whole pipeline (which also merges and sorts the table's first page either way).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchSection } from './section';
import { benchRows, describeInput, ensureReport, repoRoot } from './data';
import { runJson } from './csv';

interface PipelineResult {
  rows: number;
  seconds: number;
  openSeconds: number;
  cpuSeconds: number;
  fromCache: number;
  maxRssMB: number;
}

export const cacheSection: BenchSection = {
  name: 'cache',
  title: 'Second look: reopening a month from the columnar cache',
  async run(log) {
    const rows = benchRows();
    const file = await ensureReport(rows, log);
    const pipeline = path.join(repoRoot, 'out', 'bench', 'pipeline.js');
    log(describeInput(file, rows));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frame-bench-cache-'));
    try {
      const first = runJson<PipelineResult>(process.execPath, [pipeline, file, '--cache', dir]);
      const reopen = [1, 2, 3]
        .map(() => runJson<PipelineResult>(process.execPath, [pipeline, file, '--cache', dir]))
        .sort((a, b) => a.seconds - b.seconds)[1]!;
      if (first.fromCache !== 0 || reopen.fromCache !== 1)
        throw new Error(`cache use was ${first.fromCache} then ${reopen.fromCache}, expected 0 then 1`);
      if (reopen.rows !== first.rows) throw new Error(`reopened ${reopen.rows} rows, parsed ${first.rows}`);
      log(
        `first parse (CSV → columns, entry written): open ${first.openSeconds.toFixed(3)} s, pipeline ${first.seconds.toFixed(3)} s (${first.cpuSeconds.toFixed(3)} s CPU), ${first.maxRssMB.toFixed(0)} MB peak RSS`,
      );
      log(
        `reopen (columnar entry, median of 3):        open ${reopen.openSeconds.toFixed(3)} s, pipeline ${reopen.seconds.toFixed(3)} s (${reopen.cpuSeconds.toFixed(3)} s CPU), ${reopen.maxRssMB.toFixed(0)} MB peak RSS`,
      );
      log(
        `ratio: reopening costs ${((100 * reopen.openSeconds) / first.openSeconds).toFixed(1)}% of the first parse (open), ${((100 * reopen.seconds) / first.seconds).toFixed(1)}% of the whole pipeline in wall time, ${((100 * reopen.cpuSeconds) / first.cpuSeconds).toFixed(1)}% in CPU time (goal <= 10%)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
