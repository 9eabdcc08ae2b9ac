/**
 * One process of the `insights` section: a year (or some months) of generated sessions put
 * straight into the sessions table's columns (as the columnar cache gives them back: typed
 * arrays, one part per month, every column of the table allocated), rows in the generator's default
 * order, none (Frame does not promise sorted reports), then the Capacity view's figures timed.
 *
 *   node out/bench/capacityWorker.js MONTHS ROWS_PER_MONTH
 *
 * Prints ONE JSON line: rows, seconds and CPU seconds (user + system) of `computeCapacity` and of
 * each figure asked afterwards, peak RSS, and the figures' headline numbers.
 */
import type { UsageRecord } from '../src/core/api';
import { ALL, adviseCapacity, computeCapacity, estimateCost, sessionsOpenDuring, usageVsSessions } from '../src/core/insights';
import { TABLE_TEXT_COLUMNS, type SegmentColumns, type TableTextColumn } from '../src/core/reports/sessionColumns';
import { SessionTable, type TablePart } from '../src/core/reports/sessionTable';
import { parseReportTime } from '../src/core/reports/values';
import { generateSessions } from '../test/fixtures/sessions';

function monthPart(month: number, rows: number, types: Map<string, number>, typeNames: string[]): TablePart {
  const start = new Float64Array(rows);
  const duration = new Float32Array(rows);
  const systemType = new Uint16Array(rows);
  let n = 0;
  for (const r of generateSessions({
    seed: 1000 + month,
    accountId: `ACC-${month % 3}`,
    accountName: 'Bench Co',
    accountEmail: 'ops@bench.example',
    from: new Date(Date.UTC(2026, month, 1)),
    to: new Date(Date.UTC(2026, month + 1, 1)),
    count: rows,
  })) {
    start[n] = parseReportTime(r[4]) ?? NaN;
    duration[n] = Number(r[5]);
    let t = types.get(r[14]!);
    if (t === undefined) {
      t = typeNames.length;
      typeNames.push(r[14]!);
      types.set(r[14]!, t);
    }
    systemType[n++] = t;
  }
  // Every column of the table is written, so its pages count in RSS as the host's would.
  const ids = () => new Uint16Array(rows).fill(0);
  const columns: SegmentColumns = {
    start,
    duration,
    latency: new Float32Array(rows).fill(0),
    bandwidth: new Float32Array(rows).fill(0),
    framerate: new Float32Array(rows).fill(0),
    user: ids(),
    application: ids(),
    country: ids(),
    city: ids(),
    state: ids(),
    systemType,
    account: new Uint16Array(rows).fill(month % 3),
    region: ids(),
    userAgent: ids(),
    resolution: ids(),
    email: ids(),
    offsets: new Uint32Array(rows).fill(0),
  };
  const identity = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);
  const remap = Object.fromEntries(TABLE_TEXT_COLUMNS.map((c) => [c, identity(c === 'account' ? 3 : 1)])) as Record<
    TableTextColumn,
    Uint32Array
  >;
  remap.systemType = identity(16);
  return { rows, columns, remap };
}

function timed<T>(f: () => T): { value: T; seconds: number; cpuSeconds: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
}

function main(): void {
  const months = Number(process.argv[2] ?? 12);
  const rowsPerMonth = Number(process.argv[3] ?? 1_000_000);
  const types = new Map<string, number>();
  const typeNames: string[] = [];
  const generated = timed(() => Array.from({ length: months }, (_, m) => monthPart(m, rowsPerMonth, types, typeNames)));
  const dictionaries = Object.fromEntries(TABLE_TEXT_COLUMNS.map((c) => [c, ['']])) as unknown as Record<TableTextColumn, string[]>;
  dictionaries.systemType = [...typeNames, ...Array.from({ length: 16 - typeNames.length }, (_, i) => `unused ${i}`)];
  dictionaries.account = ['ACC-0', 'ACC-1', 'ACC-2'];
  const table = new SessionTable(generated.value, dictionaries);
  (globalThis as { gc?: () => void }).gc?.(); // the generator's garbage is not the host's
  const rssTable = process.memoryUsage().rss / 2 ** 20;

  const compute = timed(() => computeCapacity(table));
  const insights = compute.value;
  const rssAfter = process.memoryUsage().rss / 2 ** 20;
  const figures = timed(() => insights.keys.map((k) => ({ ...insights.figures(k), advice: adviseCapacity(insights.figures(k)) })));
  const waited = timed(() => insights.keys.map((k) => insights.waitedAt(k, Math.round(insights.figures(k).peakConcurrency * 0.9))));
  const hoursByDay = timed(() => insights.keys.map((k) => insights.sessionHoursByDay(k)));
  const heatmaps = timed(() => insights.keys.map((k) => [insights.startsHeatmap(k), insights.concurrencyHeatmap(k)]));
  const timelineAll = timed(() => Array.from(insights.timeline(ALL)));
  const peakAt = insights.figures(ALL).peakAt!;
  const drillDown = timed(() =>
    sessionsOpenDuring(table, Math.floor(peakAt / 60_000) * 60_000, Math.floor(peakAt / 60_000) * 60_000 + 60_000),
  );
  // Usage: one record per day, instance type and datacenter, like the endpoint's.
  const usage: { account: string; record: UsageRecord }[] = [];
  for (const d of insights.sessionHoursByDay(ALL)) {
    for (const t of typeNames) {
      const record = {
        datacenter: 'us-west-2',
        time: `${d.day}T00:00:00`,
        day: d.day,
        hoursUsed: d.hours / typeNames.length + 5,
        instanceType: t,
        serverType: 'prod',
      };
      usage.push({ account: 'ACC-0', record });
    }
  }
  const versus = timed(() =>
    usageVsSessions(
      usage.map((u) => u.record),
      insights,
    ),
  );
  const cost = timed(() =>
    estimateCost({
      usage,
      prices: {
        instances: typeNames.map((t, i) => ({ instanceType: t, datacenter: '*', perHour: 0.1 * (i + 1) })),
        storagePerGbMonth: 0.1,
      },
      from: usage[0]!.record.day,
      to: usage[usage.length - 1]!.record.day,
      storageGb: { 'ACC-0': 500 },
    }),
  );
  const t = (x: { seconds: number; cpuSeconds: number }) => ({ seconds: x.seconds, cpuSeconds: x.cpuSeconds });
  process.stdout.write(
    JSON.stringify({
      months,
      rows: table.size,
      types: typeNames.length,
      timelineMinutes: insights.timeline(ALL).length,
      generate: t(generated),
      compute: t(compute),
      afterwards: {
        figures: t(figures),
        waitedAt: t(waited),
        sessionHoursByDay: t(hoursByDay),
        heatmaps: t(heatmaps),
        timeline: t(timelineAll),
        drillDown: { ...t(drillDown), rows: drillDown.value.length },
        usageVsSessions: t(versus),
        cost: t(cost),
      },
      tableMB: table.bytes / 2 ** 20,
      rssWithTableMB: rssTable,
      rssAfterMB: rssAfter,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      peak: Object.fromEntries(figures.value.map((f) => [f.key, f.peakConcurrency])),
      maxArrivals2min: Object.fromEntries(figures.value.map((f) => [f.key, f.maxArrivals2min])),
    }) + '\n',
  );
}

main();
