/**
 * One measurement in a fresh process, so peak RSS belongs to it alone:
 *   node out/bench/csvWorker.js <ours|csv-parse> <file.csv>
 * Prints one JSON line: { impl, bytes, rows, seconds, maxRssMB, summary }.
 */
import { createReadStream, statSync } from 'node:fs';
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

async function main(): Promise<void> {
  const [impl, file] = process.argv.slice(2);
  if (!file || (impl !== 'ours' && impl !== 'csv-parse')) throw new Error('usage: csvWorker <ours|csv-parse> <file>');
  const bytes = statSync(file).size;
  const agg = new SessionAggregator();
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const rows = impl === 'ours' ? await ours(file, agg) : await csvParse(file, agg);
  const summary = summarize(agg.result());
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
