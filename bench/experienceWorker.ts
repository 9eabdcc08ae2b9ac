/**
 * One process of the `experience` section: a cached year in the sessions table (one month of the
 * bench's report read once by the panel's reader, its columns used as 12 months with the starts
 * moved a month apart: the columns of a year as the columnar cache gives them back), then each
 * Experience and People figure timed on it.
 *
 *   node out/bench/experienceWorker.js MONTHS FILE.csv
 *
 * Prints ONE JSON line: rows, and per figure the wall and CPU seconds (user + system).
 */
import { DAY_MS } from '../src/core/insights/clock';
import {
  EXPERIENCE_DIMENSIONS,
  experienceBreakdown,
  latencyOverPctBy,
  prepareExperience,
  offHoursUsage,
  seatHygiene,
  worstUsers,
  type AccountMembers,
} from '../src/core/insights';
import { SessionTable, mergeSegments, readSessionFile } from '../src/core/reports';

function timed<T>(f: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
}

async function main(): Promise<void> {
  const months = Number(process.argv[2] ?? 12);
  const file = process.argv[3];
  if (!file) throw new Error('usage: node out/bench/experienceWorker.js MONTHS FILE.csv');
  const segment = await readSessionFile(file);
  const month = mergeSegments([segment]).table;
  // The same columns twelve times, each with its own start column a month later.
  const parts = Array.from({ length: months }, (_, m) => {
    const p = month.parts[0]!;
    const start = Float64Array.from(p.columns.start, (s) => s + m * 31 * DAY_MS);
    return { ...p, columns: { ...p.columns, start } };
  });
  const table = new SessionTable(parts, month.dictionaries);
  const t = (x: { seconds: number; cpuSeconds: number }) => ({ seconds: x.seconds, cpuSeconds: x.cpuSeconds });
  const figures: Record<string, { seconds: number; cpuSeconds: number }> = {};
  // Once per table (the panel does it right after a load): each row's month, each number column's bins.
  figures.prepare = t(timed(() => prepareExperience(table)));
  for (const d of EXPERIENCE_DIMENSIONS) figures[d] = t(timed(() => experienceBreakdown(table, d)));
  figures.worstUsers = t(timed(() => worstUsers(experienceBreakdown(table, 'user'), 20)));
  const byCountry = timed(() => latencyOverPctBy(table, 'country', 200));
  figures.latency_over_200ms_pct_by_country = t(byCountry);
  // Members: four in five of the users seen, 200 never seen, 50 pending, per account of the table.
  const accounts: AccountMembers[] = table.dictionaries.account
    .filter((a) => a !== '')
    .map((accountId) => ({
      accountId,
      accountName: accountId,
      members: [
        ...table.dictionaries.user.filter((_, i) => i % 5 !== 0).map((email) => ({ name: email, email, status: 'active' })),
        ...Array.from({ length: 200 }, (_, i) => ({ name: `n${i}`, email: `never${i}@corp.example`, status: 'active' })),
        ...Array.from({ length: 50 }, (_, i) => ({ name: `p${i}`, email: `pending${i}@corp.example`, status: 'pending' })),
      ],
    }));
  const seats = timed(() => seatHygiene(table, accounts, '2027-12-31'));
  figures.seatHygiene = t(seats);
  figures.offHours = t(
    timed(() => offHoursUsage(table, { startMinute: 19 * 60, endMinute: 7 * 60, timeZone: 'America/Chicago', weekends: true })),
  );
  process.stdout.write(
    JSON.stringify({
      months,
      rows: table.size,
      accounts: accounts.length,
      members: accounts.reduce((n, a) => n + a.members.length, 0),
      figures,
      countries: Object.keys(byCountry.value).length,
      seats: seats.value.counts,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
