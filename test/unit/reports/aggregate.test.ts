import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { SessionRecord } from '../../../src/core/reports/columns';
import { SessionAggregateBuilder, SessionAggregator, aggregateSessions } from '../../../src/core/reports/sessionAggregate';
import { parseSessionReportText } from '../../../src/core/reports/sessionParser';
import { QuantileSketch, exactQuantile } from '../../../src/core/reports/stats';
import type { UsageRecord } from '../../../src/core/api';
import { aggregateUsage } from '../../../src/core/reports/usageAggregate';
import { Random } from '../../fixtures/random';
import { generateSessions, sessionCsv } from '../../fixtures/sessions';

const ALPHA = 0.005;

/** Exact nearest-rank quantile of unsorted values, computed the slow obvious way. */
function naiveQuantile(values: number[], q: number): number | null {
  return exactQuantile(
    [...values].sort((a, b) => a - b),
    q,
  );
}

function assertWithin(actual: number | null, exact: number | null, rel: number, what: string): void {
  if (exact === null) {
    assert.equal(actual, null, what);
    return;
  }
  assert.ok(actual !== null, `${what}: null`);
  // Values within 1e-9 of zero count as zero in the sketch: an absolute error of 1e-9 is allowed.
  assert.ok(Math.abs(actual - exact) <= rel * Math.abs(exact) + 1e-9, `${what}: ${actual} vs exact ${exact}`);
}

describe('reports/stats: QuantileSketch', () => {
  it('stays within the relative accuracy of the exact nearest-rank quantile', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, 5, 60)), { minLength: 1, maxLength: 400 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, q) => {
          const s = new QuantileSketch(ALPHA);
          for (const v of values) s.add(v);
          assert.equal(s.count, values.length);
          assertWithin(s.quantile(q), naiveQuantile(values, q), ALPHA, `q=${q}`);
          // === rather than Object.is: -0 and 0 are the same minimum here.
          assert.ok(s.min === Math.min(...values), `min ${s.min} vs ${Math.min(...values)}`);
          assert.ok(s.max === Math.max(...values), `max ${s.max} vs ${Math.max(...values)}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is empty-safe and ignores non-finite values', () => {
    const s = new QuantileSketch();
    assert.equal(s.quantile(0.5), null);
    assert.equal(s.mean, null);
    s.add(Number.NaN);
    s.add(Infinity);
    assert.equal(s.count, 0);
    s.add(42);
    assert.equal(s.quantile(0), 42);
    assert.equal(s.quantile(1), 42);
    assert.throws(() => s.quantile(1.5), RangeError);
  });
});

describe('reports/sessionAggregate', () => {
  const raws = [
    ...generateSessions({
      seed: 99,
      accountId: 'a',
      accountName: 'A',
      accountEmail: 'a@example.com',
      from: new Date(Date.UTC(2026, 0, 30, 20)),
      to: new Date(Date.UTC(2026, 1, 3)),
      count: 20_000,
      // Some latencies empty: the quantiles must count only the values there are.
      blankNumbers: true,
    }),
  ];
  const { records } = parseSessionReportText(sessionCsv(raws));

  it('matches a naive computation on generated data', () => {
    const agg = aggregateSessions(records, { topN: 5 });
    assert.equal(agg.sessions, raws.length);
    assert.equal(agg.undated, 0);

    // Independent computation straight from the raw generator strings.
    const day = (r: string[]): string => (r[4] ?? '').slice(0, 10); // starttime is UTC 'YYYY-MM-DD HH:MM:SS'
    const secs = (r: string[]): number => (r[5] ? Number(r[5]) : 0);
    const byDay = new Map<string, { sessions: number; seconds: number }>();
    for (const r of raws) {
      const d = byDay.get(day(r)) ?? { sessions: 0, seconds: 0 };
      d.sessions++;
      d.seconds += secs(r);
      byDay.set(day(r), d);
    }
    assert.deepEqual(
      agg.byDay.map((d) => [d.day, d.sessions, Math.round(d.hours * 3600)]),
      [...byDay.entries()].sort().map(([d, v]) => [d, v.sessions, v.seconds]),
    );
    const total = raws.reduce((a, r) => a + secs(r), 0);
    assert.equal(Math.round(agg.totalHours * 3600), total);
    assert.equal(agg.duration.totalSeconds, total);
    assert.equal(agg.uniqueUsers, new Set(raws.map((r) => r[0])).size);

    const topOf = (col: number): [string, number, number][] => {
      const m = new Map<string, [number, number]>();
      for (const r of raws) {
        const k = r[col] ?? '';
        const c = m.get(k) ?? [0, 0];
        m.set(k, [c[0] + 1, c[1] + secs(r)]);
      }
      return [...m.entries()]
        .sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 5)
        .map(([k, [n, s]]) => [k, n, s]);
    };
    const mine = (l: { top: { key: string; sessions: number; hours: number }[] }): [string, number, number][] =>
      l.top.map((k) => [k.key, k.sessions, Math.round(k.hours * 3600)]);
    assert.deepEqual(mine(agg.applications), topOf(1));
    assert.deepEqual(mine(agg.users), topOf(0));
    assert.deepEqual(mine(agg.regions), topOf(21));
    assert.deepEqual(mine(agg.countries), topOf(22));
    assert.equal(agg.applications.distinct, new Set(raws.map((r) => r[1])).size);

    const durations = raws.map((r) => Number(r[5]));
    assert.equal(agg.duration.count, durations.length);
    assert.ok(Math.abs((agg.duration.meanSeconds ?? 0) - total / durations.length) < 1e-6);
    assertWithin(agg.duration.medianSeconds, naiveQuantile(durations, 0.5), ALPHA, 'median');
    assertWithin(agg.duration.p95Seconds, naiveQuantile(durations, 0.95), ALPHA, 'p95');
    assert.equal(agg.duration.minSeconds, Math.min(...durations));
    assert.equal(agg.duration.maxSeconds, Math.max(...durations));

    const col = (i: number): number[] => raws.filter((r) => r[i] !== '').map((r) => Number(r[i]));
    for (const [name, values, p] of [
      ['latency', col(8), agg.quality.latencyMs],
      ['bandwidth', col(7), agg.quality.bandwidthMbps],
      ['framerate', col(10), agg.quality.framerateFps],
    ] as const) {
      assert.equal(p.count, values.length, name);
      assertWithin(p.p50, naiveQuantile(values, 0.5), ALPHA, `${name} p50`);
      assertWithin(p.p90, naiveQuantile(values, 0.9), ALPHA, `${name} p90`);
      assertWithin(p.p95, naiveQuantile(values, 0.95), ALPHA, `${name} p95`);
      assertWithin(p.p99, naiveQuantile(values, 0.99), ALPHA, `${name} p99`);
    }
    assert.ok(agg.quality.latencyMs.count < raws.length, 'some latencies are empty in the fixture');
  });

  it('keeps undated sessions in totals but in no day, and handles an empty input', () => {
    const base = records[0];
    assert.ok(base);
    const undated: SessionRecord = { ...base, startTime: null, durationSeconds: 7200 };
    const agg = new SessionAggregator();
    agg.add(undated);
    const r = agg.result();
    assert.equal(r.sessions, 1);
    assert.equal(r.undated, 1);
    assert.deepEqual(r.byDay, []);
    assert.equal(r.totalHours, 2);
    assert.equal(r.firstStart, null);

    const empty = aggregateSessions([]);
    assert.equal(empty.sessions, 0);
    assert.equal(empty.duration.medianSeconds, null);
    assert.equal(empty.quality.latencyMs.p99, null);
    assert.deepEqual(empty.applications, { distinct: 0, top: [] });
  });

  it('counts each day right when rows come in no order over days more than 64 apart (fast-check)', () => {
    const DAY = 86_400_000;
    const row = fc.tuple(fc.integer({ min: -400, max: 400 }), fc.nat(DAY - 1), fc.nat(5000));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), (rows) => {
        const b = new SessionAggregateBuilder();
        const expected = new Map<number, [number, number]>();
        for (const [day, ms, seconds] of rows) {
          b.add(Date.UTC(2026, 0, 1) + day * DAY + ms, seconds, NaN, NaN, NaN, 0, 0, 0, 0);
          const d = Math.floor(Date.UTC(2026, 0, 1) / DAY) + day;
          const e = expected.get(d) ?? [0, 0];
          expected.set(d, [e[0] + 1, e[1] + seconds]);
        }
        const days = b.state().days;
        const got = new Map<number, [number, number]>();
        for (let k = 0; k < days.length; k += 3) got.set(days[k]!, [days[k + 1]!, days[k + 2]!]);
        assert.deepEqual(got, expected);
      }),
      { numRuns: 300 },
    );
  });

  it('uses UTC calendar days of the start time', () => {
    const base = records[0];
    assert.ok(base);
    const at = (iso: string): SessionRecord => ({ ...base, startTime: Date.parse(iso), durationSeconds: 3600 });
    const r = aggregateSessions([at('2026-03-01T23:59:59Z'), at('2026-03-02T00:00:00Z'), at('2026-03-01T00:00:00Z')]);
    assert.deepEqual(r.byDay, [
      { day: '2026-03-01', sessions: 2, hours: 2 },
      { day: '2026-03-02', sessions: 1, hours: 1 },
    ]);
  });
});

describe('reports/usageAggregate', () => {
  it('totals, per-day and stacked series match a naive computation', () => {
    const rnd = new Random(5);
    const dcs = ['aws-va', 'aws-or', 'azure-westeurope'];
    const types = ['g2.2xlarge', 't2.small', 'NV6'];
    const servers = ['production', 'utility', 'sandbox'];
    const records: UsageRecord[] = Array.from({ length: 2000 }, () => {
      const time = `2016-08-${String(rnd.int(1, 20)).padStart(2, '0')}T00:00:00`;
      return {
        datacenter: rnd.pick(dcs),
        time,
        day: time.slice(0, 10),
        hoursUsed: rnd.int(0, 12) + (rnd.bool(0.3) ? 0.25 : 0),
        instanceType: rnd.pick(types),
        serverType: rnd.pick(servers),
      };
    });
    const field = { datacenter: 'datacenter', instance_type: 'instanceType', server_type: 'serverType' } as const;
    const agg = aggregateUsage(records);
    assert.equal(agg.records, 2000);
    assert.equal(agg.skipped, 0);
    const total = records.reduce((a, r) => a + r.hoursUsed, 0);
    assert.ok(Math.abs(agg.totalHours - total) < 1e-9);
    const days = [...new Set(records.map((r) => r.time.slice(0, 10)))].sort();
    assert.deepEqual(
      agg.hoursByDay.map((d) => d.day),
      days,
    );
    for (const d of agg.hoursByDay) {
      const exp = records.filter((r) => r.time.startsWith(d.day)).reduce((a, r) => a + r.hoursUsed, 0);
      assert.ok(Math.abs(d.hours - exp) < 1e-9, d.day);
    }
    for (const dim of ['datacenter', 'instance_type', 'server_type'] as const) {
      const b = agg.by[dim];
      assert.equal(b.series.length, days.length);
      for (const t of b.totals) {
        const exp = records.filter((r) => r[field[dim]] === t.key).reduce((a, r) => a + r.hoursUsed, 0);
        assert.ok(Math.abs(t.hours - exp) < 1e-9, `${dim} ${t.key}`);
      }
      for (let i = 1; i < b.totals.length; i++) assert.ok((b.totals[i - 1]?.hours ?? 0) >= (b.totals[i]?.hours ?? 0));
      for (const s of b.series) {
        b.keys.forEach((k, ki) => {
          const exp = records.filter((r) => r[field[dim]] === k && r.time.startsWith(s.day)).reduce((a, r) => a + r.hoursUsed, 0);
          assert.ok(Math.abs((s.values[ki] ?? NaN) - exp) < 1e-9, `${dim} ${k} ${s.day}`);
        });
        const dayTotal = agg.hoursByDay.find((d) => d.day === s.day)?.hours ?? NaN;
        assert.ok(Math.abs(s.values.reduce((a, v) => a + v, 0) - dayTotal) < 1e-9, 'stack sums to the day');
      }
    }
  });

  it('keeps PST days as given, skips unusable records, labels missing keys', () => {
    const agg = aggregateUsage([
      {
        datacenter: 'aws-va',
        time: '2016-08-10T23:30:00',
        day: '2016-08-10T23:30:00'.slice(0, 10),
        hoursUsed: 1,
        instanceType: 'g2',
        serverType: 'production',
      },
      {
        datacenter: '',
        time: '2016-08-10T00:00:00',
        day: '2016-08-10T00:00:00'.slice(0, 10),
        hoursUsed: 2,
        instanceType: 'g2',
        serverType: 'production',
      },
      {
        datacenter: 'aws-va',
        time: 'yesterday',
        day: 'yesterday'.slice(0, 10),
        hoursUsed: 5,
        instanceType: 'g2',
        serverType: 'production',
      },
      {
        datacenter: 'aws-va',
        time: '2016-08-11T00:00:00',
        day: '2016-08-11T00:00:00'.slice(0, 10),
        hoursUsed: Number.NaN,
        instanceType: 'g2',
        serverType: 'production',
      },
    ]);
    assert.equal(agg.records, 2);
    assert.equal(agg.skipped, 2);
    assert.deepEqual(agg.hoursByDay, [{ day: '2016-08-10', hours: 3 }]);
    assert.deepEqual(agg.by.datacenter.totals, [
      { key: '(unknown)', hours: 2 },
      { key: 'aws-va', hours: 1 },
    ]);
    assert.deepEqual(aggregateUsage([]).hoursByDay, []);
  });
});
