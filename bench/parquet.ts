/**
 * Parquet export: the writers on the same sessions (BENCH_PARQUET_ROWS, default 200,000), each in
 * a fresh process: ours (the export), hyparquet-writer (what it ran before) and parquet-wasm (with
 * apache-arrow to build its input, installed on first use into bench/.data/parquet-wasm): seconds,
 * CPU seconds, file size, peak RSS. Then the extension's export of the whole month beside DuckDB's
 * COPY with 1 thread, BENCH_RUNS (default 3) interleaved runs, medians, the load average printed;
 * the export read back by DuckDB with hive_partitioning (rows, sums and types must match the CSV);
 * and the export's size in the bundle.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchSection } from './section';
import { benchRows, dataDir, describeInput, ensureReport, repoRoot } from './data';
import { ensureDuckDb } from './duckdb';
import { runJson } from './csv';

interface WriterRun {
  writer: string;
  rows: number;
  bytes: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
}

const WASM_PACKAGES = ['parquet-wasm@0.8.0', 'apache-arrow@21.2.0'];

function ensureParquetWasm(log: (l: string) => void): string | null {
  const folder = path.join(dataDir, 'parquet-wasm');
  if (existsSync(path.join(folder, 'node_modules', 'parquet-wasm', 'node', 'parquet_wasm.js'))) return folder;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'bench-parquet-wasm', private: true }));
    log(`installing ${WASM_PACKAGES.join(' ')} into ${path.relative(repoRoot, folder)} (once) ...`);
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install', '--no-audit', '--no-fund', '--no-save', ...WASM_PACKAGES], {
      cwd: folder,
      stdio: 'ignore',
      timeout: 300_000,
    });
    return folder;
  } catch (e) {
    log(`parquet-wasm: not available (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); skipped`);
    return null;
  }
}

/** Minified bytes of the export (its writer included: it has no dependency) and of hyparquet-writer alone. */
async function bundleSizes(): Promise<{ exportBytes: number; hyparquetWriter: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const build = async (contents: string) => {
    const r = await esbuild.build({
      stdin: { contents, resolveDir: repoRoot, loader: 'ts' },
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20.18',
      write: false,
    });
    return r.outputFiles[0]!.contents.length;
  };
  return {
    exportBytes: await build("export { exportSessionsParquet } from './src/core/reports/parquetExport';"),
    hyparquetWriter: await build("export { ParquetWriter, fileWriter, schemaFromColumnData } from 'hyparquet-writer';"),
  };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function medianOf(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export const parquetSection: BenchSection = {
  name: 'parquet',
  title: 'Parquet export: writer choice, a month exported and read back by DuckDB',
  async run(log) {
    const sampleRows = Number(process.env.BENCH_PARQUET_ROWS ?? 200_000);
    const sample = await ensureReport(sampleRows, log);
    log(describeInput(sample, sampleRows));
    const worker = path.join(repoRoot, 'out', 'bench', 'parquetWorker.js');
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'frame-bench-parquet-'));
    try {
      const fmt = (r: WriterRun) =>
        `${r.writer.padEnd(17)} ${r.seconds.toFixed(2).padStart(6)} s ${Math.round(r.rows / r.seconds)
          .toLocaleString('en-US')
          .padStart(
            8,
          )} rows/s ${(r.bytes / 1e6).toFixed(1).padStart(6)} MB file ${r.maxRssMB.toFixed(0).padStart(5)} MB peak RSS (${r.cpuSeconds.toFixed(2)} s CPU)`;
      log(`writers on ${sampleRows.toLocaleString('en-US')} sessions (CSV parse included):`);
      const ours = runJson<WriterRun>(process.execPath, [worker, 'ours', sample, path.join(tmp, 'o'), 'BNCH-2026-0001']);
      log(fmt(ours));
      const hyparquet = runJson<WriterRun>(process.execPath, [worker, 'hyparquet-writer', sample, path.join(tmp, 'h')]);
      log(fmt(hyparquet));
      const vs = (other: WriterRun) =>
        `ours vs ${other.writer}: ${(ours.cpuSeconds / other.cpuSeconds).toFixed(2)}x the CPU time, ${(ours.seconds / other.seconds).toFixed(2)}x the wall time, ${(ours.bytes / other.bytes).toFixed(2)}x the file size, ${(ours.maxRssMB / other.maxRssMB).toFixed(2)}x the peak RSS`;
      log(vs(hyparquet));
      const wasmDir = ensureParquetWasm(log);
      if (wasmDir) {
        const wasm = runJson<WriterRun>(process.execPath, [worker, 'parquet-wasm', wasmDir, sample, path.join(tmp, 'w')]);
        log(fmt(wasm));
        log(vs(wasm));
      }
      const sizes = await bundleSizes();
      log(
        `bundle: the export with its writer minifies to ${(sizes.exportBytes / 1024).toFixed(1)} KiB; hyparquet-writer alone (now a devDependency, the tests' oracle) ${(sizes.hyparquetWriter / 1024).toFixed(1)} KiB`,
      );

      const rows = benchRows();
      const month = await ensureReport(rows, log);
      log(describeInput(month, rows));
      const folder = path.join(tmp, 'export');
      const duck = ensureDuckDb(log);
      const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
      type Copy = { rows: number; fileBytes: number; seconds: number; cpuSeconds: number; maxRssMB: number };
      type Export = WriterRun & { files: { account: string; rows: number; bytes: number }[] };
      const exports: Export[] = [];
      const copies: Copy[] = [];
      log(`the month: ours and DuckDB COPY … TO parquet (1 thread), ${runs} interleaved runs; load ${load()}`);
      for (let i = 0; i < runs; i++) {
        rmSync(folder, { recursive: true, force: true });
        // What the command runs, through the bench entry (one file per account of the rows).
        const e = runJson<Export>(process.execPath, [
          path.join(repoRoot, 'out', 'bench', 'exportParquet.js'),
          month,
          folder,
          '--account',
          'BNCH-2026-0001',
        ]);
        exports.push(e);
        log(
          `  run ${i + 1}: ours ${e.seconds.toFixed(2)} s wall, ${e.cpuSeconds.toFixed(2)} s CPU, ${(e.bytes / 1e6).toFixed(1)} MB, ${e.maxRssMB.toFixed(0)} MB peak RSS`,
        );
        if (!duck) continue;
        // DuckDB's own CSV → Parquet with 1 thread: the export's baseline (CPU and file size).
        const c = runJson<Copy>(process.execPath, [
          path.join(repoRoot, 'out', 'bench', 'duckdbWorker.js'),
          duck,
          'copy',
          month,
          '1',
          path.join(tmp, 'duckdb.parquet'),
        ]);
        copies.push(c);
        log(
          `  run ${i + 1}: DuckDB ${c.seconds.toFixed(2)} s wall, ${c.cpuSeconds.toFixed(2)} s CPU, ${(c.fileBytes / 1e6).toFixed(1)} MB, ${c.maxRssMB.toFixed(0)} MB peak RSS; load ${load()}`,
        );
      }
      const exported = exports[exports.length - 1]!;
      const full: WriterRun = {
        ...exported,
        writer: 'ours',
        seconds: medianOf(exports.map((e) => e.seconds)),
        cpuSeconds: medianOf(exports.map((e) => e.cpuSeconds)),
        maxRssMB: medianOf(exports.map((e) => e.maxRssMB)),
      };
      log(
        `export of the ${rows.toLocaleString('en-US')}-row month (medians): ${fmt(full)}, ${exported.files.length} files (one per account)`,
      );
      const pipeline = runJson<{ summary: { totalSeconds: number; sessions: number } }>(process.execPath, [
        path.join(repoRoot, 'out', 'bench', 'pipeline.js'),
        month,
      ]);
      if (!duck) return;
      const copy: Copy = {
        ...copies[0]!,
        seconds: medianOf(copies.map((c) => c.seconds)),
        cpuSeconds: medianOf(copies.map((c) => c.cpuSeconds)),
        maxRssMB: medianOf(copies.map((c) => c.maxRssMB)),
      };
      log(
        `DuckDB COPY … TO parquet, 1 thread (medians): ${copy.seconds.toFixed(2)} s wall, ${copy.cpuSeconds.toFixed(2)} s CPU, ${(copy.fileBytes / 1e6).toFixed(1)} MB file, ${copy.maxRssMB.toFixed(0)} MB peak RSS`,
      );
      log(
        `export vs DuckDB COPY: ${(full.cpuSeconds / copy.cpuSeconds).toFixed(2)}x the CPU time (runs: ${exports.map((e, i) => (e.cpuSeconds / (copies[i]?.cpuSeconds ?? NaN)).toFixed(2)).join(', ')}), ${(full.seconds / copy.seconds).toFixed(2)}x the wall time, ${(full.bytes / copy.fileBytes).toFixed(2)}x the file size, ${(full.maxRssMB / copy.maxRssMB).toFixed(2)}x the peak RSS (goals: <= 1x CPU, <= 1.1x size); load ${load()}`,
      );
      const glob = path.join(folder, '**', '*.parquet');
      const back = runJson<{
        rows: number;
        durationSum: number;
        accounts: number;
        months: number;
        misplaced: number;
        types: Record<string, string>;
        seconds: number;
      }>(process.execPath, [path.join(repoRoot, 'out', 'bench', 'duckdbWorker.js'), duck, 'parquet', glob, '2']);
      log(
        `DuckDB: SELECT … FROM read_parquet('${path.relative(tmp, glob)}', hive_partitioning = true): ${back.rows.toLocaleString('en-US')} rows, ${back.accounts} accounts, ${back.months} month in ${back.seconds.toFixed(2)} s`,
      );
      log(
        `types: starttime ${back.types.starttime}, session_duration ${back.types.session_duration}, storage_used ${back.types.storage_used}, username ${back.types.username}, account ${back.types.account}`,
      );
      const problems: string[] = [];
      if (back.rows !== pipeline.summary.sessions) problems.push(`rows ${back.rows} vs ${pipeline.summary.sessions} in the CSV`);
      if (Math.abs(back.durationSum - pipeline.summary.totalSeconds) > 1e-9 * pipeline.summary.totalSeconds)
        problems.push(`sum(session_duration) ${back.durationSum} vs ${pipeline.summary.totalSeconds}`);
      if (!/TIMESTAMP/.test(back.types.starttime ?? '')) problems.push(`starttime is ${back.types.starttime}`);
      if (back.types.session_duration !== 'DOUBLE') problems.push(`session_duration is ${back.types.session_duration}`);
      if (back.misplaced !== 0) problems.push(`${back.misplaced} rows under another account's partition`);
      if (back.accounts !== exported.files.length) problems.push(`${back.accounts} accounts read back from ${exported.files.length} files`);
      if (problems.length) throw new Error(`the export disagrees with the CSV: ${problems.join('; ')}`);
      log('export: agrees with the CSV (rows, sum of durations, types)');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
