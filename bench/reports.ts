/**
 * The reports panel's load of 3 months (BENCH_SESSIONS_PER_MONTH, default 100,000 each: 300,000
 * sessions) against the simulator, in fresh processes: time until the summary the first chart is
 * drawn from is ready to post, peak RSS, and bytes posted to the webview (summary + first page of
 * rows), with ratios against keeping records as objects and against posting every row.
 * (The webview's own draw time is measured by the e2e test.)
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DEMO_CREDENTIALS, startSimulator } from '../test/simulator';
import type { BenchSection } from './section';

const PER_MONTH = Number(process.env.BENCH_SESSIONS_PER_MONTH ?? 100_000);
const run = promisify(execFile);

async function worker(mode: 'table' | 'objects', args: string[]): Promise<Record<string, number>> {
  const { stdout } = await run(process.execPath, [path.join(__dirname, 'reportsWorker.js'), mode, ...args], {
    env: { ...process.env, BENCH_CREDENTIALS: JSON.stringify(DEMO_CREDENTIALS) },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>;
}

export const reportsSection: BenchSection = {
  name: 'reports',
  title: `Reports panel: load 3 months (${(3 * PER_MONTH).toLocaleString('en-US')} sessions)`,
  async run(log) {
    const sim = await startSimulator({ sessionsPerMonth: PER_MONTH });
    try {
      const account = sim.data.accounts[0]!.account_id;
      const months = sim.data.reportMonths.slice(-4, -1);
      const keys = months.map((m) => `${m.year}-${String(m.month).padStart(2, '0')}`);
      // The simulator builds each zip on first request: warm them so only the client is measured.
      const t0 = Date.now();
      for (const m of months) await fetch(sim.reportUrl(account, m.year, m.month));
      log(`(simulator prepared the 3 zips in ${((Date.now() - t0) / 1000).toFixed(1)} s; not measured)`);
      const args = [sim.webApiBase, account, keys.join(',')];
      const table = await worker('table', args);
      const objects = await worker('objects', args);
      const mb = (n: number) => (n / 1048576).toFixed(2) + ' MB';
      log(`sessions loaded:             ${table.rows!.toLocaleString('en-US')}`);
      log(`load → summary ready to post: ${(table.loadMs! / 1000).toFixed(2)} s (download, extract, parse, aggregate, table)`);
      log(
        `peak RSS:                    ${table.peakRssMb!.toFixed(0)} MB  (baseline keeping records as objects: ${objects.peakRssMb!.toFixed(0)} MB, ${(objects.loadMs! / 1000).toFixed(2)} s; ratio ${(table.peakRssMb! / objects.peakRssMb!).toFixed(2)}x)`,
      );
      log(`table held in the host:      ${mb(table.tableBytes!)}`);
      log(
        `posted to the webview:       ${mb(table.summaryBytes! + table.firstPageBytes!)} (summary ${mb(table.summaryBytes!)} + first 200 rows ${mb(table.firstPageBytes!)})`,
      );
      log(
        `posting every row instead:   ${mb(table.allRowsBytes!)}; ratio ${((table.summaryBytes! + table.firstPageBytes!) / table.allRowsBytes!).toFixed(4)}x`,
      );
      if (table.rows !== objects.rows) throw new Error(`row counts disagree: ${table.rows} vs ${objects.rows}`);
    } finally {
      await sim.close();
    }
  },
};
