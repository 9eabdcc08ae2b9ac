/**
 * `npm run bench`: a thin orchestrator over the sections below (one month vs pandas and DuckDB, a
 * year in worker threads, the columnar cache, Parquet export, 500 signed GETs, the panel's load, the capacity figures). To add one, write `bench/<name>.ts` exporting a `BenchSection` and list it.
 * Environment: BENCH_ROWS (default 1000000) sizes a month, BENCH_RUNS (default 3) repeats the
 * one-month readers, BENCH_ONLY=csv,year,cache,parquet,http,reports,insights,paging,search,experience picks sections.
 */
import { cpus, loadavg } from 'node:os';
import { cacheSection } from './cache';
import { capacitySection } from './capacity';
import { csvSection } from './csv';
import { experienceSection } from './experience';
import { httpSection } from './http';
import { pagingSection } from './paging';
import { parquetSection } from './parquet';
import { reportsSection } from './reports';
import { searchSection } from './search';
import type { BenchSection } from './section';
import { yearSection } from './year';

export const sections: BenchSection[] = [
  csvSection,
  yearSection,
  cacheSection,
  parquetSection,
  httpSection,
  reportsSection,
  capacitySection,
  pagingSection,
  searchSection,
  experienceSection,
];

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let failed = false;
  for (const s of sections) {
    if (only && !only.includes(s.name)) continue;
    console.log(`\n== ${s.title} [${s.name}] ==`);
    // The machine may be shared: its load says how far wall time is the scheduler's.
    const load = () =>
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} on ${cpus().length} cores`;
    console.log(`(${new Date().toISOString().slice(0, 16)}Z, ${load()})`);
    try {
      await s.run((line) => console.log(line));
    } catch (err) {
      failed = true;
      console.error(`FAILED [${s.name}]: ${err instanceof Error ? err.message : String(err)}`);
    }
    console.log(`(after: ${load()})`);
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
