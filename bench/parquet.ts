/**
 * Parquet export: the writer candidates on the same sessions (BENCH_PARQUET_ROWS, default
 * 200,000), each in a fresh process: seconds, file size, peak RSS; parquet-wasm (with
 * apache-arrow to build its input) is installed on first use into bench/.data/parquet-wasm.
 * Then the extension's export of the whole month, read back by DuckDB with hive_partitioning
 * (rows, sums and types must match the CSV), and what the writer adds to the extension bundle.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Minified bytes of an entry that uses the export, with the writer bundled and without it. */
async function bundleDelta(): Promise<{ withWriter: number; without: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const build = async (external: string[]) => {
    const r = await esbuild.build({
      stdin: { contents: "export { exportSessionsParquet } from './src/core/reports/parquetExport';", resolveDir: repoRoot, loader: 'ts' },
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20.18',
      write: false,
      external,
    });
    return r.outputFiles[0]!.contents.length;
  };
  return { withWriter: await build([]), without: await build(['hyparquet-writer']) };
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
      log(`writers on ${sampleRows.toLocaleString('en-US')} sessions (CSV parse included, same for both):`);
      const ours = runJson<WriterRun>(process.execPath, [worker, 'hyparquet-writer', sample, path.join(tmp, 'h'), 'BNCH-2026-0001']);
      log(fmt(ours));
      const wasmDir = ensureParquetWasm(log);
      if (wasmDir) {
        const wasm = runJson<WriterRun>(process.execPath, [worker, 'parquet-wasm', wasmDir, sample, path.join(tmp, 'w')]);
        log(fmt(wasm));
        log(
          `hyparquet-writer vs parquet-wasm: ${(wasm.seconds / ours.seconds).toFixed(2)}x as fast, ${(ours.bytes / wasm.bytes).toFixed(2)}x the file size, ${(ours.maxRssMB / wasm.maxRssMB).toFixed(2)}x the peak RSS`,
        );
      }
      const delta = await bundleDelta();
      log(
        `bundle: the export with hyparquet-writer minifies to ${(delta.withWriter / 1024).toFixed(1)} KiB, ${((delta.withWriter - delta.without) / 1024).toFixed(1)} KiB of it the writer (parquet-wasm would bring a ~4.8 MiB .wasm plus apache-arrow)`,
      );

      const rows = benchRows();
      const month = await ensureReport(rows, log);
      log(describeInput(month, rows));
      const folder = path.join(tmp, 'export');
      // What the command runs, through the bench entry (one file per account of the rows).
      const exported = runJson<WriterRun & { files: { account: string; rows: number; bytes: number }[] }>(process.execPath, [
        path.join(repoRoot, 'out', 'bench', 'exportParquet.js'),
        month,
        folder,
        '--account',
        'BNCH-2026-0001',
      ]);
      const full: WriterRun = { ...exported, writer: 'hyparquet-writer' };
      log(`export of the ${rows.toLocaleString('en-US')}-row month: ${fmt(full)}, ${exported.files.length} files (one per account)`);
      const pipeline = runJson<{ summary: { totalSeconds: number; sessions: number } }>(process.execPath, [
        path.join(repoRoot, 'out', 'bench', 'pipeline.js'),
        month,
      ]);
      const duck = ensureDuckDb(log);
      if (!duck) return;
      // DuckDB's own CSV → Parquet with 1 thread: the export's baseline (CPU and file size).
      const copy = runJson<{ rows: number; fileBytes: number; seconds: number; cpuSeconds: number; maxRssMB: number }>(process.execPath, [
        path.join(repoRoot, 'out', 'bench', 'duckdbWorker.js'),
        duck,
        'copy',
        month,
        '1',
        path.join(tmp, 'duckdb.parquet'),
      ]);
      log(
        `DuckDB COPY … TO parquet, 1 thread: ${copy.seconds.toFixed(2)} s wall, ${copy.cpuSeconds.toFixed(2)} s CPU, ${(copy.fileBytes / 1e6).toFixed(1)} MB file, ${copy.maxRssMB.toFixed(0)} MB peak RSS`,
      );
      log(
        `export vs DuckDB COPY: ${(full.cpuSeconds / copy.cpuSeconds).toFixed(2)}x the CPU time, ${(full.seconds / copy.seconds).toFixed(2)}x the wall time, ${(full.bytes / copy.fileBytes).toFixed(2)}x the file size (goals: <= 1x CPU, <= 1.1x size)`,
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
