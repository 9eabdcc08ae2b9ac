/**
 * Search Sessions over a cached year, in a process of its own (its own peak RSS). Puts the bench
 * month under 12 month names of one account in a monthly report store (hard links: the same work
 * as 12 different months), reads each into the columnar cache once (kept in bench/.data between
 * runs), then times each query with a fresh search (as the QuickPick's first keystroke: every
 * month read from its cache entry) and once more on the same search (the next keystroke: months
 * kept in memory): seconds to the first hits, to the end, CPU (user + sys) beside each. Prints one
 * JSON line.
 *
 *   node out/bench/searchWorker.js MONTH.csv STORE_DIR [--months 12]
 */
import { existsSync, linkSync, copyFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import * as path from 'node:path';
import { MonthlyReportStore, openMonth } from '../src/core/reports';
import { parseSearchQuery } from '../src/core/reports/searchQuery';
import { readRecordAt } from '../src/core/reports/sessionDetails';
import { SessionSearch, type SearchMonth, type SearchSummary } from '../src/core/reports/sessionSearch';

interface Timed {
  query: string;
  /** Wall and CPU seconds to the first hits (null: none). */
  firstHitsSeconds: number | null;
  firstHitsCpuSeconds: number | null;
  seconds: number;
  cpuSeconds: number;
  matches: number;
  atLeast: boolean;
  shown: number;
  monthsSearched: number;
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

async function timeQuery(search: SessionSearch, text: string): Promise<Timed> {
  const t0 = performance.now();
  const c0 = cpuSeconds();
  let first: number | null = null;
  let firstCpu: number | null = null;
  let summary: SearchSummary | undefined;
  for await (const e of search.search(parseSearchQuery(text))) {
    if (e.kind === 'hits' && first === null) {
      first = (performance.now() - t0) / 1000;
      firstCpu = cpuSeconds() - c0;
    }
    if (e.kind === 'skipped') throw new Error(`${e.month.month} skipped: ${e.reason}`);
    if (e.kind === 'done') summary = e.summary;
  }
  return {
    query: text,
    firstHitsSeconds: first,
    firstHitsCpuSeconds: firstCpu,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: cpuSeconds() - c0,
    matches: summary!.matches,
    atLeast: summary!.atLeast,
    shown: summary!.shown,
    monthsSearched: summary!.monthsSearched,
  };
}

async function main(): Promise<void> {
  const [file, storeDir] = process.argv.slice(2);
  const at = process.argv.indexOf('--months');
  const count = at > 0 ? Number(process.argv[at + 1]) : 12;
  if (!file || !storeDir) throw new Error('usage: searchWorker.js MONTH.csv STORE_DIR [--months 12]');
  const load = { before: loadavg() };
  const store = new MonthlyReportStore(storeDir, () => undefined, { columnarMaxBytes: 4 * 1024 ** 3 });
  const months: SearchMonth[] = [];
  let cacheSeconds = 0;
  let rowsPerMonth = 0;
  for (let i = 0; i < count; i++) {
    const ref = { connectionId: 'bench', accountId: 'BNCH-2026-0001', year: 2026 - (i >= 11 ? 1 : 0), month: ((10 - i + 12) % 12) + 1 };
    const csv = store.csvPath(ref);
    mkdirSync(path.dirname(csv), { recursive: true });
    if (!existsSync(csv)) {
      try {
        linkSync(file, csv);
      } catch {
        copyFileSync(file, csv);
      }
    }
    const t = performance.now();
    // Reads the month into the cache unless its entry is there (the first run only).
    const opened = await openMonth({ csv, cacheFolder: store.columnar.folder, cacheMaxBytes: 4 * 1024 ** 3 });
    if (!opened.cached) cacheSeconds += (performance.now() - t) / 1000;
    rowsPerMonth = opened.segment.rows;
    months.push({ accountId: ref.accountId, accountName: 'Bench Co', month: `${ref.year}-${String(ref.month).padStart(2, '0')}`, csv });
  }
  // A real session id and remote IP: the record in the middle of the month.
  const header = (await readRecordAt({ file }, 0))!;
  const middle = await recordNear(file);
  const id = middle[header.indexOf('session id')]!;
  const ip = middle[header.indexOf('remote_ip')]!;
  const queries = [
    'tanaka',
    'app:excel',
    'country:JP',
    `ip:${ip.split('.').slice(0, 2).join('.')}.`,
    `ip:${ip}`,
    `id:${id}`,
    id,
    'zz-nothing',
    'id:0000000000000000',
  ];
  const cold: Timed[] = [];
  const warm: Timed[] = [];
  for (const q of queries) {
    const search = new SessionSearch(months, store.columnar, { keepBytes: 1024 ** 3 });
    cold.push(await timeQuery(search, q));
    warm.push(await timeQuery(search, q));
  }
  load.before = load.before.map((x) => Math.round(x * 100) / 100);
  console.log(
    JSON.stringify({
      section: 'search',
      months: count,
      rowsPerMonth,
      cores: availableParallelism(),
      cacheFillSeconds: Math.round(cacheSeconds * 100) / 100,
      cold,
      warm,
      loadavg: { before: load.before, after: loadavg().map((x) => Math.round(x * 100) / 100) },
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

/** The record about halfway through the file. */
async function recordNear(file: string): Promise<string[]> {
  const { statSync, openSync, readSync, closeSync } = await import('node:fs');
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 16);
  readSync(fd, buf, 0, buf.length, Math.floor(size / 2));
  closeSync(fd);
  // Frame's all-quoted rows: a record starts after `"\r\n"`.
  const at = buf.indexOf('"\r\n"') + 3;
  return (await readRecordAt({ file }, Math.floor(size / 2) + at))!;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
