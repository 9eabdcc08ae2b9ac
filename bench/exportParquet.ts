/**
 * "Export Sessions as Parquet" on your own month, for timing it anywhere:
 *
 *   node out/bench/exportParquet.js FILE.csv OUTDIR [--cache DIR] [--account ID]
 *
 * runs what the command runs (exportSessionsParquet: one file per account found in the rows,
 * under OUTDIR/account=…/month=…/part-0.parquet) and prints ONE JSON line: rows, files (account,
 * rows, bytes each), bytes, seconds, cpuSeconds (user + sys), peak RSS, and whether the columnar
 * cache was used. It is not: the cache keeps 16 of the 25 columns the export writes, so the
 * month is parsed from its CSV either way (`--cache` is accepted and says so).
 */
import { statSync } from 'node:fs';
import { exportSessionsParquet } from '../src/core/reports';

function args(argv: string[]): { csv: string; out: string; cache: string | undefined; account: string } {
  const rest: string[] = [];
  let cache: string | undefined;
  let account = 'unknown-account';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--cache') cache = argv[++i];
    else if (a === '--account') account = argv[++i] ?? account;
    else rest.push(a);
  }
  if (rest.length !== 2) throw new Error('usage: node out/bench/exportParquet.js FILE.csv OUTDIR [--cache DIR] [--account ID]');
  return { csv: rest[0]!, out: rest[1]!, cache, account };
}

async function main(): Promise<void> {
  const { csv, out, cache, account } = args(process.argv.slice(2));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await exportSessionsParquet([{ month: '2026-01', csv }], { folder: out, account });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({
      impl: 'frame-parquet',
      csvBytes: statSync(csv).size,
      rows: result.files.reduce((n, f) => n + f.rows, 0),
      files: result.files.map((f) => ({ account: f.account, rows: f.rows, bytes: f.bytes })),
      bytes: result.files.reduce((n, f) => n + f.bytes, 0),
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      fromCache: false,
      cache: cache ? 'not used: the columnar cache keeps 16 of the 25 columns the export writes' : 'none given',
    }) + '\n',
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
