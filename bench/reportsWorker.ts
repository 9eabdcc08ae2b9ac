/**
 * One measurement of the reports pipeline in a fresh process (so peak RSS is its own): 3 monthly
 * reports downloaded from the simulator, extracted and parsed into aggregates + the sessions table
 * (mode "table", what the panel does), or into an array of record objects (mode "objects", the
 * naive baseline). Prints one JSON line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FrameClient, type SessionReportLink } from '../src/core/api';
import { HttpTransport } from '../src/core/http';
import { SessionAggregator, extractReportCsv, loadSessions, parseSessionReport, type SessionRecord } from '../src/core/reports';

async function main(): Promise<void> {
  const [mode, baseUrl, accountId, monthsArg] = process.argv.slice(2) as [string, string, string, string];
  const months = monthsArg.split(',');
  const credentials = JSON.parse(process.env.BENCH_CREDENTIALS ?? '{}') as { clientId: string; clientSecret: string };
  const transport = new HttpTransport();
  const client = new FrameClient({ baseUrl, credentials: { scheme: 'frame', ...credentials }, transport });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-bench-'));
  const fetchMonthly = async (link: SessionReportLink) => {
    const zip = path.join(tmp, `${link.year}-${link.month}.zip`);
    const csv = path.join(tmp, `${link.year}-${link.month}.csv`);
    await client.downloadSessionReport(link, zip);
    await extractReportCsv(zip, csv);
    return csv;
  };
  const account = { accountId, name: 'bench', email: '' };
  const started = performance.now();
  let out: Record<string, unknown>;
  if (mode === 'table') {
    const loaded = await loadSessions(
      client,
      fetchMonthly,
      account,
      { months, recent: false },
      new AbortController().signal,
      () => undefined,
    );
    const loadMs = performance.now() - started;
    const page = loaded.table.page(0, 200, { column: 'start', descending: false }, '');
    const sample = loaded.table.page(0, 2000, { column: 'start', descending: false }, '');
    out = {
      rows: loaded.result.rows,
      loadMs,
      summaryBytes: Buffer.byteLength(JSON.stringify(loaded.result)),
      firstPageBytes: Buffer.byteLength(JSON.stringify(page)),
      allRowsBytes: Math.round((Buffer.byteLength(JSON.stringify(sample.rows)) / sample.rows.length) * loaded.result.rows),
      tableBytes: loaded.table.bytes,
    };
  } else {
    // Baseline: every record kept as an object (what a naive panel would hold), same aggregation.
    const records: SessionRecord[] = [];
    const aggregator = new SessionAggregator();
    const links = await client.listSessionReports(accountId);
    for (const key of months) {
      const link = links.find((l) => `${l.year}-${String(l.month).padStart(2, '0')}` === key)!;
      await parseSessionReport(fs.createReadStream(await fetchMonthly(link)), (r) => {
        records.push(r);
        aggregator.add(r);
      });
    }
    aggregator.result();
    out = { rows: records.length, loadMs: performance.now() - started };
  }
  await transport.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(JSON.stringify({ ...out, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
