/**
 * `npm run bench`: a thin orchestrator over the sections below (CSV parse + aggregate; 500 signed
 * GETs vs the simulator). To add one, write `bench/<name>.ts` exporting a `BenchSection` and list it.
 * Environment: BENCH_ROWS (default 1000000) sizes the CSV input, BENCH_ONLY=csv,http picks sections.
 */
import { csvSection } from './csv';
import { httpSection } from './http';
import { reportsSection } from './reports';
import type { BenchSection } from './section';

export const sections: BenchSection[] = [csvSection, httpSection, reportsSection];

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let failed = false;
  for (const s of sections) {
    if (only && !only.includes(s.name)) continue;
    console.log(`\n== ${s.title} [${s.name}] ==`);
    try {
      await s.run((line) => console.log(line));
    } catch (err) {
      failed = true;
      console.error(`FAILED [${s.name}]: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
