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
    const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
    log(`(medians of ${runs} interleaved pairs: a first run into an empty cache, then a reopen from it)`);
    const firsts: PipelineResult[] = [];
    const reopens: PipelineResult[] = [];
    for (let i = 0; i < runs; i++) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'frame-bench-cache-'));
      try {
        const first = runJson<PipelineResult>(process.execPath, [pipeline, file, '--threads', '1', '--cache', dir]);
        const reopen = runJson<PipelineResult>(process.execPath, [pipeline, file, '--threads', '1', '--cache', dir]);
        if (first.fromCache !== 0 || reopen.fromCache !== 1)
          throw new Error(`cache use was ${first.fromCache} then ${reopen.fromCache}, expected 0 then 1`);
        if (reopen.rows !== first.rows) throw new Error(`reopened ${reopen.rows} rows, parsed ${first.rows}`);
        firsts.push(first);
        reopens.push(reopen);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const median = (list: PipelineResult[], f: (r: PipelineResult) => number) =>
      list.map(f).sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
    const show = (list: PipelineResult[], f: (r: PipelineResult) => number) =>
      `${median(list, f).toFixed(3)} s [${list.map((r) => f(r).toFixed(3)).join(', ')}]`;
    log(
      `first run (CSV → columns, entry written): open ${show(firsts, (r) => r.openSeconds)}, pipeline ${show(firsts, (r) => r.seconds)}, CPU ${show(firsts, (r) => r.cpuSeconds)}, ${median(firsts, (r) => r.maxRssMB).toFixed(0)} MB peak RSS`,
    );
    log(
      `reopen (columnar entry):                  open ${show(reopens, (r) => r.openSeconds)}, pipeline ${show(reopens, (r) => r.seconds)}, CPU ${show(reopens, (r) => r.cpuSeconds)}, ${median(reopens, (r) => r.maxRssMB).toFixed(0)} MB peak RSS`,
    );
    const pct = (f: (r: PipelineResult) => number) => ((100 * median(reopens, f)) / median(firsts, f)).toFixed(1);
    const pairs = (f: (r: PipelineResult) => number) => firsts.map((r, i) => ((100 * f(reopens[i]!)) / f(r)).toFixed(1)).join(', ');
    log(
      `ratio of the medians: reopening costs ${pct((r) => r.openSeconds)}% of the first run (open), ${pct((r) => r.seconds)}% of the whole pipeline in wall time, ${pct((r) => r.cpuSeconds)}% in CPU time (goal <= 10%); pair by pair, CPU: ${pairs((r) => r.cpuSeconds)}%, wall: ${pairs((r) => r.seconds)}%`,
    );
  },
};
