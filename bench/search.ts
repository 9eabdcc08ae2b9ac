/**
 * Search Sessions over a cached year (issue 16 item 4; goal: the first hits within 2 s): the
 * bench month under 12 month names in a monthly report store, each read once into the columnar
 * cache (kept in bench/.data/search-store between runs), then a few queries timed in a fresh
 * process (searchWorker.ts): to the first hits and to the end of the scan, wall and CPU, for a
 * fresh search (the QuickPick's first keystroke) and the same search again (the next keystroke).
 */
import * as path from 'node:path';
import type { BenchSection } from './section';
import { benchRows, dataDir, describeInput, ensureReport, repoRoot } from './data';
import { runJson } from './csv';

interface Timed {
  query: string;
  firstHitsSeconds: number | null;
  firstHitsCpuSeconds: number | null;
  seconds: number;
  cpuSeconds: number;
  matches: number;
  atLeast: boolean;
  monthsSearched: number;
}

interface SearchResult {
  months: number;
  rowsPerMonth: number;
  cacheFillSeconds: number;
  cold: Timed[];
  warm: Timed[];
  loadavg: { before: number[]; after: number[] };
  maxRssMB: number;
}

const s = (v: number | null) => (v === null ? '   —  ' : `${v.toFixed(3)}`.padStart(6));

export const searchSection: BenchSection = {
  name: 'search',
  title: 'Search Sessions over a cached year (first hits, full scan)',
  async run(log) {
    const rows = benchRows();
    const file = await ensureReport(rows, log);
    log(describeInput(file, rows));
    const store = path.join(dataDir, `search-store-${path.basename(file, '.csv')}`);
    const worker = path.join(repoRoot, 'out', 'bench', 'searchWorker.js');
    const r = runJson<SearchResult>(process.execPath, [worker, file, store, '--months', '12']);
    if (r.cacheFillSeconds > 0)
      log(`filled the columnar cache with ${r.months} months in ${r.cacheFillSeconds.toFixed(1)} s (first run only)`);
    log(
      `${r.months} months x ${r.rowsPerMonth.toLocaleString('en-US')} sessions; fresh search (every month read from its cache entry), then the same search again:`,
    );
    log('query                          first hits (CPU)    full scan (CPU)   | again: first (CPU)   full (CPU)    matches');
    r.cold.forEach((c, i) => {
      const w = r.warm[i]!;
      log(
        `${c.query.slice(0, 30).padEnd(30)} ${s(c.firstHitsSeconds)} s (${s(c.firstHitsCpuSeconds)})  ${s(c.seconds)} s (${s(c.cpuSeconds)}) | ${s(w.firstHitsSeconds)} s (${s(w.firstHitsCpuSeconds)}) ${s(w.seconds)} s (${s(w.cpuSeconds)})  ${c.matches.toLocaleString('en-US')}${c.atLeast ? '+' : ''}`,
      );
      if (c.matches !== w.matches) throw new Error(`${c.query}: ${c.matches} matches, then ${w.matches}`);
    });
    const worst = Math.max(...r.cold.map((c) => c.firstHitsSeconds ?? 0));
    log(
      `slowest first hits of a fresh search: ${worst.toFixed(2)} s (goal <= 2 s); peak RSS ${r.maxRssMB} MB; load average ${r.loadavg.before.join(' ')} -> ${r.loadavg.after.join(' ')}`,
    );
    log(JSON.stringify(r));
  },
};
