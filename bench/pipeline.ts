/**
 * The reports panel's exact pipeline on your own files, for timing it anywhere:
 *
 *   node out/bench/pipeline.js FILE.csv [FILE2.csv …] [--threads N] [--cache DIR]
 *
 * Each file is a month: read (in N worker threads side by side, or in this thread for N = 1; with
 * more threads than months, each month in parts side by side),
 * merged into the aggregate every chart of the Sessions tab shows and the sessions table, and the
 * table's first page in the panel's default order (newest first). With --cache, months go through
 * the columnar cache in DIR as in the panel (a second run opens them from there).
 * Prints ONE JSON line: rows, the aggregates, seconds, threads and cores, peak RSS.
 */
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { SessionReadPool, mergeSegments } from '../src/core/reports';
import { summarize } from './summary';

function args(argv: string[]): { files: string[]; threads: number; cache: string | undefined } {
  const files: string[] = [];
  let threads = 1;
  let cache: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--threads') threads = Number(argv[++i]);
    else if (a === '--cache') cache = argv[++i];
    else files.push(a);
  }
  if (!files.length || !Number.isInteger(threads) || threads < 1) {
    throw new Error('usage: node out/bench/pipeline.js FILE.csv [FILE2.csv …] [--threads N] [--cache DIR]');
  }
  return { files, threads, cache };
}

async function main(): Promise<void> {
  const { files, threads, cache } = args(process.argv.slice(2));
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const pool = new SessionReadPool(undefined, { threads });
  // More threads than months: each month is read in that many parts side by side.
  const parts = Math.max(1, Math.floor(threads / files.length));
  const opened = await Promise.all(files.map((csv) => pool.openSplit({ csv, cacheFolder: cache }, parts)));
  const openSeconds = (performance.now() - started) / 1000;
  pool.close();
  const segments = opened.flatMap((m) => m.segments);
  const merged = mergeSegments(segments);
  const firstPage = merged.table.page(0, 200, { column: 'start', descending: true }, '');
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const malformed = segments.reduce((n, s) => n + s.summary.malformedRecords, 0);
  process.stdout.write(
    JSON.stringify({
      impl: 'ours',
      files: files.length,
      rows: merged.table.size,
      bytes,
      seconds,
      openSeconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      threads,
      partsPerMonth: parts,
      cores: availableParallelism(),
      fromCache: opened.filter((m) => m.cached).length,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      malformedRows: malformed,
      firstPageRows: firstPage.rows.length,
      histogram: merged.histogram,
      aggregate: merged.aggregate,
      summary: summarize(merged.aggregate),
    }) + '\n',
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
