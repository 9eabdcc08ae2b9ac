import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { SESSION_COLUMNS } from '../../../src/core/reports/columns';
import { mergeSegments } from '../../../src/core/reports/sessionMerge';
import { readSessionStream } from '../../../src/core/reports/sessionColumns';
import type { SessionTable } from '../../../src/core/reports/sessionTable';
import { ALL, adviseCapacity, computeCapacity, formatClock, sessionsOpenDuring } from '../../../src/core/insights';
import { eventLayout } from '../../../src/core/insights/sweep';
import { csvField, formatReportTime } from '../../fixtures/sessions';

/** A session as the tests write it: start on the report clock, duration in seconds as written. */
interface Sess {
  start: string | null;
  duration: string;
  type: string;
}

const T = (s: string) => Date.parse(s.replace(' ', 'T') + 'Z');

/** CSV text of sessions in Frame's shape (every documented column, quoted). */
function csvOf(sessions: readonly Sess[], account = 'ACC-1'): string {
  const at = (c: string) => SESSION_COLUMNS.indexOf(c as (typeof SESSION_COLUMNS)[number]);
  const lines = [SESSION_COLUMNS.map(csvField).join(',')];
  sessions.forEach((s, i) => {
    const row: string[] = SESSION_COLUMNS.map(() => '');
    row[at('username')] = `user${i}@corp.example`;
    row[at('starttime')] = s.start ?? '';
    row[at('session_duration')] = s.duration;
    row[at('system_type')] = s.type;
    row[at('account_id')] = account;
    lines.push(row.map(csvField).join(','));
  });
  return lines.join('\r\n') + '\r\n';
}

/** The panel's path: each piece read by the session reader, the pieces merged into one table. */
async function tableOf(pieces: readonly Sess[][]): Promise<SessionTable> {
  const segments = [];
  for (const [i, p] of pieces.entries()) segments.push(await readSessionStream(Readable.from([csvOf(p, `ACC-${i}`)])));
  return mergeSegments(segments).table;
}

// ---- The naive oracle: every figure by brute force over instants, from the sessions as written. ----

interface Occ {
  s: number;
  e: number;
  type: string;
}

function occupying(sessions: readonly Sess[]): Occ[] {
  return sessions
    .filter((x) => x.start !== null && x.duration !== '' && Number(x.duration) > 0)
    .map((x) => ({ s: T(x.start!), e: T(x.start!) + Number(x.duration) * 1000, type: x.type }));
}

const inKey = (key: string) => (o: { type: string }) => key === ALL || o.type === key;
const openAt = (occ: readonly Occ[], t: number) => occ.filter((o) => o.s <= t && t < o.e).length;

function naivePeak(occ: readonly Occ[]): { n: number; at: number | null } {
  // The count only rises at a start: the maximum is at one of them; the earliest such start wins.
  let best = { n: 0, at: null as number | null };
  for (const t of [...new Set(occ.map((o) => o.s))].sort((a, b) => a - b)) {
    const n = openAt(occ, t);
    if (n > best.n) best = { n, at: t };
  }
  return best;
}

function naiveMinute(occ: readonly Occ[], m: number): number {
  const candidates = [m, ...occ.map((o) => o.s).filter((s) => s >= m && s < m + 60_000)];
  return Math.max(...candidates.map((t) => openAt(occ, t)));
}

function nearestRank(values: number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

function naiveWaited(occ: readonly Occ[], max: number): number {
  const order = [...occ].sort((a, b) => a.s - b.s);
  let waited = 0;
  order.forEach((o, i) => {
    const already = order.slice(0, i).filter((p) => p.s <= o.s && o.s < p.e).length;
    if (already >= max) waited++;
  });
  return waited;
}

function naiveHoursByDay(occ: readonly Occ[]): Map<string, number> {
  const out = new Map<string, number>();
  if (!occ.length) return out;
  const first = Math.floor(Math.min(...occ.map((o) => o.s)) / 86_400_000);
  const last = Math.floor(Math.max(...occ.map((o) => o.e)) / 86_400_000);
  for (let d = first; d <= last; d++) {
    const from = d * 86_400_000;
    const to = from + 86_400_000;
    const ms = occ.reduce((n, o) => n + Math.max(0, Math.min(o.e, to) - Math.max(o.s, from)), 0);
    if (ms > 0) out.set(new Date(from).toISOString().slice(0, 10), ms / 3_600_000);
  }
  return out;
}

function naiveWeekHour(starts: number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of starts) {
    const d = new Date(s);
    const key = `${d.getUTCDay() === 0 ? 7 : d.getUTCDay()}-${d.getUTCHours()}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function checkAgainstOracle(table: SessionTable, sessions: readonly Sess[]): void {
  const insights = computeCapacity(table);
  const all = occupying(sessions);
  const startTimes = sessions.filter((x) => x.start !== null).map((x) => ({ s: T(x.start!), type: x.type }));
  const types = [...new Set(startTimes.map((x) => x.type))].sort();
  assert.deepEqual(insights.keys, [ALL, ...types]);
  for (const key of insights.keys) {
    const occ = all.filter(inKey(key));
    const f = insights.figures(key);
    const peak = naivePeak(occ);
    assert.equal(f.peakConcurrency, peak.n, `peak of ${key}`);
    assert.equal(f.peakAt, peak.at, `peak time of ${key}`);
    // Timeline, minute by minute.
    const line = insights.timeline(key);
    const values: number[] = [];
    line.forEach((v, m) => {
      const expected = naiveMinute(occ, insights.firstMinute + m * 60_000);
      assert.equal(v, expected, `${key} at ${formatClock(insights.firstMinute + m * 60_000)}`);
      values.push(expected);
    });
    assert.equal(f.p95Concurrency, nearestRank(values, 0.95), `p95 concurrency of ${key}`);
    // Arrivals per clock-aligned 2 minutes; busy hours.
    const mine = startTimes.filter(inKey(key)).map((x) => x.s);
    const buckets = new Map<number, number>();
    for (const s of mine) buckets.set(Math.floor(s / 120_000), (buckets.get(Math.floor(s / 120_000)) ?? 0) + 1);
    const maxArrivals = Math.max(0, ...buckets.values());
    assert.equal(f.maxArrivals2min, maxArrivals, `arrivals of ${key}`);
    const firstMax = Math.min(...[...buckets].filter(([, n]) => n === maxArrivals).map(([b]) => b));
    assert.equal(f.maxArrivalsAt, mine.length ? firstMax * 120_000 : null);
    // Busy hours: at least half the starts of the busiest hour.
    const perHour = new Map<number, number>();
    for (const s of mine) perHour.set(Math.floor(s / 3_600_000), (perHour.get(Math.floor(s / 3_600_000)) ?? 0) + 1);
    const busiest = Math.max(0, ...perHour.values());
    const busy = [...perHour].filter(([, n]) => n >= busiest / 2).map(([h]) => h);
    assert.equal(f.busyHours, busy.length);
    const busyBuckets = busy.flatMap((h) => Array.from({ length: 30 }, (_, i) => buckets.get(h * 30 + i) ?? 0));
    assert.equal(f.p95Arrivals2minBusy, nearestRank(busyBuckets, 0.95), `busy p95 of ${key}`);
    const busyMinutes = busy.flatMap((h) => Array.from({ length: 60 }, (_, i) => (h * 60 + i) * 60_000));
    assert.equal(
      f.medianConcurrencyBusy,
      nearestRank(
        busyMinutes.map((m) => naiveMinute(occ, m)),
        0.5,
      ),
    );
    // Waiting at a few maxima.
    for (const max of [0, 1, 2, peak.n]) assert.equal(insights.waitedAt(key, max), naiveWaited(occ, max), `waited at ${max}`);
    // Session hours per day, starts per weekday × hour.
    const hours = naiveHoursByDay(occ);
    const got = insights.sessionHoursByDay(key);
    assert.deepEqual(
      got.map((d) => d.day),
      [...hours.keys()],
    );
    for (const d of got) assert.ok(Math.abs(d.hours - hours.get(d.day)!) < 1e-9, `${key} hours on ${d.day}`);
    const heat = naiveWeekHour(mine);
    insights.startsHeatmap(key).forEach((n, cell) => assert.equal(n, heat.get(`${Math.floor(cell / 24) + 1}-${cell % 24}`) ?? 0));
  }
}

describe('capacity insights: hand-computed fixtures', () => {
  // Monday 2026-03-02 (Sunday the 1st). Rows deliberately out of order.
  const sessions: Sess[] = [
    { start: '2026-03-02 12:00:00', duration: '172800', type: 'Pro' }, // two days: 12 h, 24 h, 12 h
    { start: '2026-03-02 11:00:00', duration: '600', type: 'Air' }, // starts as two others end
    { start: '2026-03-02 10:30:00', duration: '1800', type: 'Air' }, // ends 11:00 with the first
    { start: '2026-03-01 23:30:00', duration: '3600', type: 'Pro' }, // across midnight
    { start: '2026-03-02 10:00:00', duration: '3600', type: 'Air' },
    { start: '2026-03-02 12:00:00', duration: '', type: 'Pro' }, // empty duration: a start only
    { start: '2026-03-02 11:05:00', duration: '0', type: 'Air' }, // zero duration: a start only
    { start: null, duration: '60', type: 'Air' }, // no start: left out
  ];

  it('gives the peaks, their first instants, arrivals, hours per day and the heatmap', async () => {
    const insights = computeCapacity(await tableOf([sessions.slice(0, 4), sessions.slice(4)]));
    assert.deepEqual(insights.keys, ['*', 'Air', 'Pro']);
    assert.deepEqual(insights.counts, { rows: 8, noStart: 1, unknownDuration: 1, zeroDuration: 1, clampedSessions: 0 });
    const air = insights.figures('Air');
    assert.equal(air.peakConcurrency, 2);
    assert.equal(formatClock(air.peakAt!), '2026-03-02 10:30:00');
    const pro = insights.figures('Pro');
    assert.equal(pro.peakConcurrency, 1);
    assert.equal(formatClock(pro.peakAt!), '2026-03-01 23:30:00');
    assert.equal(insights.figures('*').peakConcurrency, 2);
    assert.equal(formatClock(insights.figures('*').peakAt!), '2026-03-02 10:30:00');
    // The empty duration still started at 12:00 with the long one: two starts in that window.
    assert.equal(insights.figures('Pro').maxArrivals2min, 2);
    assert.equal(formatClock(insights.figures('Pro').maxArrivalsAt!), '2026-03-02 12:00:00');
    assert.equal(air.maxArrivals2min, 1);
    assert.equal(formatClock(air.maxArrivalsAt!), '2026-03-02 10:00:00');
    assert.equal(insights.figures('*').sessions, 7);
    // At 11:00 two sessions end and one starts: 1 open in that minute, 2 the minute before.
    const minute = (key: string, at: string) => insights.timeline(key)[(T(at) - insights.firstMinute) / 60_000];
    assert.equal(minute('Air', '2026-03-02 10:59:00'), 2);
    assert.equal(minute('Air', '2026-03-02 11:00:00'), 1);
    assert.equal(minute('Air', '2026-03-02 11:10:00'), 0);
    assert.equal(minute('Pro', '2026-03-03 00:00:00'), 1);
    const hours = Object.fromEntries(insights.sessionHoursByDay('*').map((d) => [d.day, d.hours]));
    assert.deepEqual(Object.keys(hours), ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
    assert.equal(hours['2026-03-01'], 0.5);
    assert.ok(Math.abs(hours['2026-03-02']! - (1 + 0.5 + 10 / 60 + 0.5 + 12)) < 1e-12);
    assert.equal(hours['2026-03-03'], 24);
    assert.equal(hours['2026-03-04'], 12);
    const heat = insights.startsHeatmap('*');
    const cell = (weekday: number, hour: number) => heat[(weekday - 1) * 24 + hour];
    assert.equal(cell(1, 10), 2);
    assert.equal(cell(1, 11), 2);
    assert.equal(cell(1, 12), 2);
    assert.equal(cell(7, 23), 1);
    assert.equal(
      heat.reduce((a, b) => a + b, 0),
      7,
    );
    // Waiting: only the 10:30 session found another Air session open.
    assert.equal(insights.waitedAt('Air', 0), 3);
    assert.equal(insights.waitedAt('Air', 1), 1);
    assert.equal(insights.waitedAt('Air', 2), 0);
    // Concurrency heatmap: Monday 10:00–11:00 peaks at 2, Tuesday all day at 1.
    assert.equal(insights.concurrencyHeatmap('Air').max[10], 2);
    assert.equal(insights.concurrencyHeatmap('Pro').mean[24 + 5], 1);
    // Drill-down: sessions open during 10:59 (table rows of the 10:00 and 10:30 sessions).
    const table = await tableOf([sessions.slice(0, 4), sessions.slice(4)]);
    const rows = sessionsOpenDuring(table, T('2026-03-02 10:59:00'), T('2026-03-02 11:00:00'), 'Air');
    assert.deepEqual(
      [...rows].map((i) => formatClock(table.row(i)[0]!)),
      ['2026-03-02 10:30:00', '2026-03-02 10:00:00'],
    );
  });

  it('advises min / buffer / max with its reasons, and says it is advice from history', async () => {
    const insights = computeCapacity(await tableOf([sessions]));
    const advice = adviseCapacity(insights.figures('Air'));
    // Busy hours 10 and 11: 50 idle minutes, 40 with one session, 30 with two → median 1.
    assert.deepEqual([advice.min, advice.buffer, advice.max], [1, 1, 2]);
    assert.match(advice.reasons[0]!, /Max 2: at most 2 sessions .*first at 2026-03-02 10:30:00/);
    assert.match(advice.reasons.at(-1)!, /advice from history/);
  });

  it('sizes the buffer on busy hours (at least half the starts of the busiest hour), not on stray ones', async () => {
    const at = (hh: number, mm: number) => `2026-03-02 ${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00`;
    const starts = [
      // 09:00: 2 starts in each of five 2-minute windows (10 in the hour, the busiest).
      ...[0, 2, 4, 6, 8].flatMap((m) => [at(9, m), at(9, m)]),
      // 10:00: 1 in each of five windows (5: half the busiest, busy).
      ...[0, 2, 4, 6, 8].map((m) => at(10, m)),
      // 11:00: 4 (less than half: not busy); 03:00: one stray login.
      ...[0, 2, 4, 6].map((m) => at(11, m)),
      at(3, 0),
    ].map((start) => ({ start, duration: '60', type: 'Air' }));
    const f = computeCapacity(await tableOf([starts])).figures('Air');
    assert.equal(f.busyHours, 2);
    // 60 windows: 50 empty, 5 with one start, 5 with two; the 57th smallest is 2.
    assert.equal(f.p95Arrivals2minBusy, 2);
    const advice = adviseCapacity(f);
    assert.equal(advice.buffer, 2);
    assert.match(advice.reasons[1]!, /2 hours with at least half the starts of the busiest hour/);
  });

  it('is all zeros for a table without sessions, and refuses an unknown system type clearly', async () => {
    const insights = computeCapacity(await tableOf([[]]));
    assert.deepEqual(insights.keys, ['*']);
    assert.equal(insights.figures('*').peakConcurrency, 0);
    assert.equal(insights.figures('*').peakAt, null);
    assert.deepEqual(insights.sessionHoursByDay('*'), []);
    assert.throws(() => insights.figures('GPU'), /No sessions of system type "GPU"/);
  });

  it('clamps a broken, endless session to the horizon after the last start', async () => {
    const insights = computeCapacity(
      await tableOf([
        [
          { start: '2026-03-02 10:00:00', duration: '999999999', type: 'Air' },
          { start: '2026-03-03 10:00:00', duration: '60', type: 'Air' },
        ],
      ]),
      { horizonDays: 1 },
    );
    assert.equal(insights.counts.clampedSessions, 1);
    assert.equal(insights.figures('Air').peakConcurrency, 2);
    assert.ok(Math.abs(insights.figures('Air').sessionHours - (48 + 1 / 60)) < 1e-9);
  });
});

describe('capacity insights: against a naive oracle (fast-check)', () => {
  const base = T('2026-03-01 22:00:00');
  // Starts on a 30-second grid and durations in 30-second steps: many ends meet starts exactly.
  const session = fc.record({
    start: fc.option(
      fc.integer({ min: 0, max: 6 * 120 }).map((k) => formatReportTime(base + k * 30_000)),
      { nil: null, freq: 15 },
    ),
    duration: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 1, max: 240 }).map((k) => String(k * 30)) },
      { weight: 1, arbitrary: fc.integer({ min: 2800, max: 6000 }).map((k) => String(k * 30)) }, // a day or two
      { weight: 1, arbitrary: fc.constantFrom('', '0') },
    ),
    type: fc.constantFrom('Air 8GB', 'Pro 16GB', 'GPU NV6'),
  });

  it('agrees on every figure for random, unsorted reports read in pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(session, { maxLength: 40 }), fc.integer({ min: 1, max: 3 }), async (sessions, pieces) => {
        const size = Math.ceil(sessions.length / pieces) || 1;
        const parts = Array.from({ length: pieces }, (_, i) => sessions.slice(i * size, (i + 1) * size));
        checkAgainstOracle(await tableOf(parts), sessions);
      }),
      { numRuns: 60 },
    );
  });
});

describe('capacity insights: the sweep’s buckets (an hour of events, sorted in 1.024-second steps)', () => {
  // Across midnight and a month's end (the months of a year are read as separate parts), with
  // milliseconds in starts and durations (exact in float32: eighths of a second), and bursts of
  // sessions at one instant, so that buckets hold more than the insertion sort's 16 events.
  const base = T('2026-03-31 22:30:00');
  const withMs = (t: number) => new Date(t).toISOString().slice(0, 23).replace('T', ' ');
  const instant = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 * 3600 }).map((k) => base + k * 1000) }, // whole seconds
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 * 3600 * 8 }).map((k) => base + k * 125) }, // eighths
    { weight: 2, arbitrary: fc.constantFrom(base + 3_600_000, base + 5_400_000, base + 5_400_125) }, // bursts, on the hour too
  );
  const session = fc.record({
    start: fc.option(instant.map(withMs), { nil: null, freq: 20 }),
    duration: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 2 * 3600 * 8 }).map((k) => String(k / 8)) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 12 }).map((k) => String(k * 900)) }, // ends on quarter hours
      { weight: 1, arbitrary: fc.integer({ min: 2800, max: 6000 }).map((k) => String(k * 30)) }, // a day or two
      { weight: 1, arbitrary: fc.constantFrom('', '0') },
    ),
    type: fc.constantFrom('Air 8GB', 'Pro 16GB', 'GPU NV6'),
  });

  it('agrees with the naive oracle on milliseconds, bursts at one instant and a month boundary', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(session, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 3 }), async (sessions, pieces) => {
        const size = Math.ceil(sessions.length / pieces);
        const parts = Array.from({ length: pieces }, (_, i) => sessions.slice(i * size, (i + 1) * size));
        checkAgainstOracle(await tableOf(parts), sessions);
      }),
      { numRuns: 40 },
    );
  });

  it('orders a burst of 40 starts and ends at one instant with ends first, in a bucket of its own', async () => {
    const sessions: Sess[] = [
      // 20 sessions end at 10:00:00.500 as 20 others start then: never more than 20 open.
      ...Array.from({ length: 20 }, () => ({ start: '2026-03-31 09:59:00.500', duration: '60', type: 'Air' })),
      ...Array.from({ length: 20 }, () => ({ start: '2026-03-31 10:00:00.500', duration: '30.25', type: 'Air' })),
      // One more starts a millisecond before the burst ends: 21 at 10:00:00.499.
      { start: '2026-03-31 10:00:00.499', duration: '0.125', type: 'Pro' },
    ];
    const insights = computeCapacity(await tableOf([sessions.slice(0, 25), sessions.slice(25)]));
    assert.equal(insights.figures('*').peakConcurrency, 21);
    assert.equal(insights.figures('*').peakAt, T('2026-03-31 10:00:00.499'));
    assert.equal(insights.figures('Air').peakConcurrency, 20);
    assert.equal(insights.figures('Air').peakAt, T('2026-03-31 09:59:00.500'));
    // Minute 10:00: 21 open at 00.499, then 20; the timeline ends with the minute of the last end.
    const minute = (key: string, at: string) => insights.timeline(key)[(T(at) - insights.firstMinute) / 60_000];
    assert.equal(minute('*', '2026-03-31 10:00:00'), 21);
    assert.equal(minute('Air', '2026-03-31 09:59:00'), 20);
    assert.equal(insights.timeline('*').length, 2);
    assert.equal(insights.waitedAt('Air', 19), 2); // the 20th of each burst
    checkAgainstOracle(await tableOf([sessions]), sessions);
  });

  it('uses minute buckets for more than 127 system types and gives the same figures', async () => {
    assert.deepEqual(eventLayout(128), { keyBits: 7, bucketMinutes: 60 });
    assert.deepEqual(eventLayout(129), { keyBits: 8, bucketMinutes: 1 });
    // 130 types (131 keys with "*"), a start every 7 s from 10:55 across the hour, overlapping.
    const sessions: Sess[] = Array.from({ length: 130 }, (_, i) => ({
      start: formatReportTime(T('2026-03-31 10:55:00') + i * 7_000),
      duration: String(30 + (i % 5) * 45),
      type: `T${String(i).padStart(3, '0')}`,
    }));
    sessions.push({ start: '2026-03-31 10:58:00', duration: '600', type: 'T000' });
    const table = await tableOf([sessions.slice(0, 70), sessions.slice(70)]);
    assert.equal(computeCapacity(table).keys.length, 131);
    checkAgainstOracle(table, sessions);
  });
});
