/**
 * One Parquet writer measured in a fresh process (its own peak RSS):
 *   node out/bench/parquetWorker.js ours <file.csv> <out dir> <account>
 *     the extension's export (src/core/reports/parquetExport.ts), streamed in row groups
 *   node out/bench/parquetWorker.js hyparquet-writer <file.csv> <out dir>
 *     what the export ran before (records from the parser, hyparquet-writer, 50,000-row groups,
 *     statistics on numbers and times): kept as the comparison and the tests' oracle
 *   node out/bench/parquetWorker.js parquet-wasm <install dir> <file.csv> <out dir>
 *     the same 25 typed columns through apache-arrow + parquet-wasm (snappy), written at once
 * Prints one JSON line: writer, rows, bytes written, seconds, CPU seconds (user + sys), peak RSS.
 */
import { createReadStream, mkdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PARQUET_COLUMNS, SessionReportParser, exportSessionsParquet } from '../src/core/reports';
import { SESSION_COLUMNS, type SessionColumn, type SessionRecord } from '../src/core/reports/columns';
import { RECORD_FIELD } from '../src/core/reports/parquetExport';

const FIELD = (c: string): keyof SessionRecord => RECORD_FIELD[c as SessionColumn];

async function wasm(dir: string, csv: string, outDir: string): Promise<{ rows: number; bytes: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const arrow = require(path.join(dir, 'node_modules', 'apache-arrow')) as {
    Utf8: new () => unknown;
    Float64: new () => unknown;
    TimestampMillisecond: new () => unknown;
    vectorFromArray(values: unknown[], type: unknown): unknown;
    Table: new (vectors: Record<string, unknown>) => { numRows: number };
    tableToIPC(table: unknown, format: 'stream'): Uint8Array;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pw = require(path.join(dir, 'node_modules', 'parquet-wasm', 'node', 'parquet_wasm.js')) as {
    Table: { fromIPCStream(b: Uint8Array): unknown };
    WriterPropertiesBuilder: new () => { setCompression(c: number): { build(): unknown } };
    Compression: { SNAPPY: number };
    writeParquet(t: unknown, p: unknown): Uint8Array;
  };
  const columns = SESSION_COLUMNS.map(() => [] as unknown[]);
  const parser = new SessionReportParser((r) => SESSION_COLUMNS.forEach((c, k) => columns[k]!.push(r[FIELD(c)])));
  for await (const chunk of createReadStream(csv, { highWaterMark: 1 << 20 })) parser.write(chunk as Buffer);
  parser.end();
  const vectors: Record<string, unknown> = {};
  PARQUET_COLUMNS.forEach((c, k) => {
    const type = c.type === 'STRING' ? new arrow.Utf8() : c.type === 'DOUBLE' ? new arrow.Float64() : new arrow.TimestampMillisecond();
    vectors[c.name] = arrow.vectorFromArray(columns[k]!, type);
  });
  const table = new arrow.Table(vectors);
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).build();
  const bytes = pw.writeParquet(pw.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), props);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'part-0.parquet'), bytes);
  return { rows: table.numRows, bytes: bytes.length };
}

async function hyparquetWriter(csv: string, outDir: string): Promise<{ rows: number; bytes: number }> {
  const hp = await import('hyparquet-writer');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'part-0.parquet');
  const writer = new hp.ParquetWriter({
    writer: hp.fileWriter(file),
    schema: hp.schemaFromColumnData({ columnData: PARQUET_COLUMNS.map((c) => ({ name: c.name, data: [], type: c.type })) }),
  });
  let batch = SESSION_COLUMNS.map(() => [] as unknown[]);
  let rows = 0;
  const flush = () => {
    if (batch[0]!.length === 0) return;
    const columnData = PARQUET_COLUMNS.map((c, k) => ({ name: c.name, data: batch[k]!, type: c.type, statistics: c.type !== 'STRING' }));
    void writer.write({ columnData, rowGroupSize: batch[0]!.length });
    batch = SESSION_COLUMNS.map(() => []);
  };
  const parser = new SessionReportParser((r) => {
    SESSION_COLUMNS.forEach((c, k) => batch[k]!.push(r[FIELD(c)]));
    if (++rows % 50_000 === 0) flush();
  });
  for await (const chunk of createReadStream(csv, { highWaterMark: 1 << 20 })) parser.write(chunk as Buffer);
  parser.end();
  flush();
  await writer.finish();
  return { rows, bytes: statSync(file).size };
}

async function main(): Promise<void> {
  const [writer, ...rest] = process.argv.slice(2);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let out: { rows: number; bytes: number };
  if (writer === 'ours') {
    const [csv, outDir, account] = rest as [string, string, string];
    const r = await exportSessionsParquet([{ month: '2026-01', csv }], { folder: outDir, account });
    // One file per account of the rows: the sample's figures are all of them.
    out = { rows: r.files.reduce((n, f) => n + f.rows, 0), bytes: r.files.reduce((n, f) => n + statSync(f.path).size, 0) };
  } else if (writer === 'hyparquet-writer') {
    const [csv, outDir] = rest as [string, string];
    out = await hyparquetWriter(csv, outDir);
  } else if (writer === 'parquet-wasm') {
    const [dir, csv, outDir] = rest as [string, string, string];
    out = await wasm(dir, csv, outDir);
  } else {
    throw new Error('usage: parquetWorker <ours|hyparquet-writer|parquet-wasm> …');
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(JSON.stringify({ writer, ...out, seconds, cpuSeconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
