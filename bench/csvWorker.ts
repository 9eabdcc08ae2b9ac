/**
 * One measurement in a fresh process, so peak RSS belongs to it alone:
 *   node out/bench/csvWorker.js <ours|csv-parse|lines> <file.csv>
 * Prints one JSON line: { impl, bytes, rows, seconds, maxRssMB, summary }. `lines` is the floor:
 * a Node loop that only counts line breaks, byte by byte, over 4 MB reads (no summary).
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { SessionAggregator, parseSessionReport, sessionRecordMapper, type SessionRecord } from '../src/core/reports';
import { summarize } from './summary';

/** Read size for both implementations: large reads cut per-chunk overhead equally for both. */
const HIGH_WATER_MARK = Number(process.env.BENCH_HWM ?? 1 << 16);

async function ours(file: string, agg: SessionAggregator): Promise<number> {
  const summary = await parseSessionReport(createReadStream(file, { highWaterMark: HIGH_WATER_MARK }), (r) => agg.add(r));
  return summary.records;
}

async function csvParse(file: string, agg: SessionAggregator): Promise<number> {
  const parser = createReadStream(file, { highWaterMark: HIGH_WATER_MARK }).pipe(
    parse({ bom: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }),
  );
  let toRecord: ((row: readonly string[]) => SessionRecord) | undefined;
  let rows = 0;
  for await (const row of parser as AsyncIterable<string[]>) {
    if (!toRecord) {
      toRecord = sessionRecordMapper(row).toRecord;
      continue;
    }
    agg.add(toRecord(row));
    rows++;
  }
  return rows;
}

/** The floor: line breaks counted by a per-byte loop over 4 MB reads (what any reader pays at least). */
function lineBreaks(file: string): number {
  const buf = Buffer.allocUnsafe(4 << 20);
  const fd = openSync(file, 'r');
  let lines = 0;
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
      for (let i = 0; i < n; i++) if (buf[i] === 0x0a) lines++;
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}

async function main(): Promise<void> {
  const [impl, file] = process.argv.slice(2);
  if (!file || (impl !== 'ours' && impl !== 'csv-parse' && impl !== 'lines'))
    throw new Error('usage: csvWorker <ours|csv-parse|lines> <file>');
  const bytes = statSync(file).size;
  const agg = new SessionAggregator();
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const rows = impl === 'lines' ? lineBreaks(file) : impl === 'ours' ? await ours(file, agg) : await csvParse(file, agg);
  const summary = impl === 'lines' ? null : summarize(agg.result());
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ impl, bytes, rows, seconds, cpuSeconds, maxRssMB, summary }) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
