/**
 * The benchmark's input: a deterministic session report of BENCH_ROWS rows (default 1,000,000,
 * ~290 MB), generated once into bench/.data/ (git-ignored) and reused while its size matches the
 * size recorded when it was written. By default its rows are in no order (the generator's
 * default: nothing says Frame's reports are sorted), with three accounts; BENCH_ORDER=start
 * gives the same rows sorted by start time, the second input.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateSessions, sessionCsvChunks } from '../test/fixtures/sessions';

/** The repository root (this file runs compiled from out/bench/). */
export const repoRoot = path.resolve(__dirname, '..', '..');
export const dataDir = path.join(repoRoot, 'bench', '.data');

export const BENCH_SEED = 20240601;

export type BenchOrder = 'shuffled' | 'start';

/** The input's row order: BENCH_ORDER, default 'shuffled'. */
export function benchOrder(): BenchOrder {
  const o = process.env.BENCH_ORDER ?? 'shuffled';
  if (o !== 'shuffled' && o !== 'start') throw new Error(`BENCH_ORDER must be shuffled or start, got ${o}`);
  return o;
}

/** One line saying which input a section runs on. */
export function describeInput(file: string, rows: number): string {
  const order = benchOrder();
  return `input: ${path.relative(repoRoot, file)}, ${rows.toLocaleString('en-US')} rows, ${bytesPerRow(file, rows).toFixed(1)} bytes/row, ${
    order === 'shuffled'
      ? 'rows in no order (the default; BENCH_ORDER=start for the same rows sorted by start)'
      : 'rows sorted by start time (BENCH_ORDER=start, not the default)'
  }, 3 accounts`;
}

export function benchRows(): number {
  const n = Number(process.env.BENCH_ROWS ?? 1_000_000);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_ROWS must be a positive integer, got ${process.env.BENCH_ROWS}`);
  return n;
}

interface Meta {
  rows: number;
  seed: number;
  order: BenchOrder;
  bytes: number;
}

/** Path of the report with `rows` rows in BENCH_ORDER, generating it when missing or of the wrong size. */
export async function ensureReport(rows: number, log: (s: string) => void = console.log, order = benchOrder()): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `sessions-${order}-${rows}-${BENCH_SEED}.csv`);
  const metaFile = `${file}.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
    if (meta.rows === rows && meta.seed === BENCH_SEED && meta.order === order && statSync(file).size === meta.bytes) return file;
  }
  log(`generating ${rows} rows into ${path.relative(repoRoot, file)} (once) ...`);
  const t0 = Date.now();
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  const sessions = generateSessions({
    seed: BENCH_SEED,
    accountId: 'BNCH-2026-0001',
    accountName: 'Bench Co',
    accountEmail: 'ops@bench.example',
    from: new Date(Date.UTC(2026, 0, 1)),
    to: new Date(Date.UTC(2026, 1, 1)),
    count: rows,
    order,
  });
  for (const chunk of sessionCsvChunks(sessions)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  renameSync(tmp, file);
  const bytes = statSync(file).size;
  writeFileSync(metaFile, JSON.stringify({ rows, seed: BENCH_SEED, order, bytes } satisfies Meta));
  log(`generated ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return file;
}

/** Average bytes per row of a generated report (header included). */
export function bytesPerRow(file: string, rows: number): number {
  return statSync(file).size / rows;
}

/** A python3 with pandas, or null. Tries PATH first, then the system interpreter (apt's python3-pandas). */
export function findPandasPython(): string | null {
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
