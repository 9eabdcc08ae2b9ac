/**
 * The Capacity view's computation on your own session reports, for checking and timing it:
 *
 *   node out/bench/insights.js FILE.csv [FILE2.csv …]
 *
 * Reads the files as the reports panel does (the session reader, one month per file, merged into
 * the sessions table), then computes every capacity figure (src/core/insights). Rows need not be
 * sorted, and a file may hold several accounts. Prints ONE JSON line: per key (each system_type,
 * "*" for all) `peak_concurrency`, `peak_concurrency_at` ("yyyy-MM-dd HH:mm:ss", report clock),
 * `max_arrivals_2min`, `p95_concurrency`, `p95_arrivals_2min_busy`, `busy_hours`, the advice; for all sessions
 * `session_hours_by_day` {day: hours} and `sessions_by_hour_weekday` {"weekday-hour": starts}
 * (ISO weekday, 1 = Monday; cells and days without any left out); the experience figure
 * `latency_over_200ms_pct_by_country` {country: percent of the sessions with a numeric avg_latency
 * whose avg_latency > 200; countries without one left out}; and the timings: `seconds` (read,
 * insights), `cpuSeconds` (user + system), `experience` (wall and CPU seconds of each experience
 * breakdown of these files) and `maxRssMB`.
 */
import { SessionReadPool, mergeSegments } from '../src/core/reports';
import {
  ALL,
  EXPERIENCE_DIMENSIONS,
  adviseCapacity,
  computeCapacity,
  experienceBreakdown,
  formatClock,
  latencyOverPctBy,
} from '../src/core/insights';

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  if (!files.length) throw new Error('usage: node out/bench/insights.js FILE.csv [FILE2.csv …]');
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const pool = new SessionReadPool(undefined, { threads: 1 });
  const opened = await Promise.all(files.map((csv) => pool.openSplit({ csv }, 1)));
  pool.close();
  const { table } = mergeSegments(opened.flatMap((m) => m.segments));
  const read = performance.now();
  const cpu1 = process.cpuUsage();
  const insights = computeCapacity(table);
  const done = performance.now();
  const cpu2 = process.cpuUsage();
  const overByCountry = latencyOverPctBy(table, 'country', 200);
  const cpuSeconds = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
  // Each experience breakdown on its own (its months included), wall beside CPU.
  const experience: Record<string, { seconds: number; cpuSeconds: number }> = {};
  for (const dimension of [...EXPERIENCE_DIMENSIONS, 'user' as const]) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    experienceBreakdown(table, dimension);
    experience[dimension] = { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSeconds(c0, process.cpuUsage()) };
  }

  const perKey = <T>(f: (key: string) => T) => Object.fromEntries(insights.keys.map((k) => [k, f(k)]));
  const hourWeekday: Record<string, number> = {};
  insights.startsHeatmap(ALL).forEach((n, cell) => {
    if (n > 0) hourWeekday[`${Math.floor(cell / 24) + 1}-${cell % 24}`] = n;
  });
  process.stdout.write(
    JSON.stringify({
      files: files.length,
      rows: table.size,
      counts: insights.counts,
      peak_concurrency: perKey((k) => insights.figures(k).peakConcurrency),
      peak_concurrency_at: perKey((k) => {
        const at = insights.figures(k).peakAt;
        return at === null ? null : formatClock(at);
      }),
      max_arrivals_2min: perKey((k) => insights.figures(k).maxArrivals2min),
      p95_concurrency: perKey((k) => insights.figures(k).p95Concurrency),
      p95_arrivals_2min_busy: perKey((k) => insights.figures(k).p95Arrivals2minBusy),
      // Busy hours: hours with at least half the starts of the key's busiest hour (src/core/insights/busyHours.ts).
      busy_hours: perKey((k) => insights.figures(k).busyHours),
      session_hours_by_day: Object.fromEntries(insights.sessionHoursByDay(ALL).map((d) => [d.day, d.hours])),
      sessions_by_hour_weekday: hourWeekday,
      advice: perKey((k) => {
        const { min, buffer, max } = adviseCapacity(insights.figures(k));
        return { min, buffer, max };
      }),
      latency_over_200ms_pct_by_country: overByCountry,
      seconds: { read: (read - started) / 1000, insights: (done - read) / 1000 },
      cpuSeconds: { read: cpuSeconds(cpu0, cpu1), insights: cpuSeconds(cpu1, cpu2) },
      experience,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
