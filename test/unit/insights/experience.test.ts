import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { SESSION_COLUMNS } from '../../../src/core/reports/columns';
import { mergeSegments } from '../../../src/core/reports/sessionMerge';
import { latencyFloat32, readSessionStream } from '../../../src/core/reports/sessionColumns';
import { SessionTableBuilder, type SessionTable } from '../../../src/core/reports/sessionTable';
import { experienceBreakdown, latencyOverPctBy, monthOverMonth, worstUsers } from '../../../src/core/insights';
import { Random } from '../../fixtures/random';
import { generateSessions, sessionCsv, type RawSessionRow } from '../../fixtures/sessions';

const at = (c: string) => SESSION_COLUMNS.indexOf(c as (typeof SESSION_COLUMNS)[number]);

/** One row in Frame's shape with only the given columns filled. */
function row(fields: Partial<Record<(typeof SESSION_COLUMNS)[number], string>>): RawSessionRow {
  const r = SESSION_COLUMNS.map(() => '');
  for (const [k, v] of Object.entries(fields)) r[at(k)] = v;
  return r;
}

async function tableOf(csvs: readonly string[]): Promise<SessionTable> {
  const segments = [];
  for (const csv of csvs) segments.push(await readSessionStream(Readable.from([csv])));
  return mergeSegments(segments).table;
}

/**
 * The oracle, written from the definition alone: per `country`, the percentage of sessions whose
 * `avg_latency` > 200 among those with a numeric `avg_latency` (empty or non-numeric: in neither count).
 */
function naiveOverByCountry(csv: string, threshold = 200): Record<string, number> {
  const records = parse(csv, { columns: true, relax_column_count: true }) as Record<string, string>[];
  const known: Record<string, number> = {};
  const over: Record<string, number> = {};
  for (const r of records) {
    const text = (r.avg_latency ?? '').trim();
    if (text === '' || !Number.isFinite(Number(text))) continue;
    const country = r.country ?? '';
    known[country] = (known[country] ?? 0) + 1;
    if (Number(text) > threshold) over[country] = (over[country] ?? 0) + 1;
  }
  return Object.fromEntries(Object.keys(known).map((c) => [c, (100 * (over[c] ?? 0)) / known[c]!]));
}

/** Nearest-rank quantile, the slow way. */
function naiveQuantile(values: number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

describe('experience breakdowns (src/core/insights/experience.ts)', () => {
  it('latency over 200 ms by country: hand-computed (empty, non-numeric, exactly 200, just over 200, one country alone)', async () => {
    const rows = [
      row({ country: 'US', avg_latency: '50', starttime: '2026-03-02 09:00:00' }),
      row({ country: 'US', avg_latency: '200', starttime: '2026-03-02 09:00:00' }), // not over
      row({ country: 'US', avg_latency: '201', starttime: '2026-03-02 09:00:00' }),
      row({ country: 'US', avg_latency: '', starttime: '2026-03-02 09:00:00' }), // left out
      row({ country: 'US', avg_latency: 'n/a', starttime: '2026-03-02 09:00:00' }), // left out
      row({ country: 'BR', avg_latency: '200.0000001' }), // over, though float32 would say 200
      row({ country: 'BR', avg_latency: '199.9999999' }),
      row({ country: 'BR', avg_latency: '235' }),
      row({ country: 'BR', avg_latency: '240.5' }),
      row({ country: 'DE', avg_latency: '' }), // no numeric latency: no entry
      row({ country: 'DE', avg_latency: 'slow' }),
      row({ country: '', avg_latency: '300' }), // an empty country is a key of its own
    ];
    const csv = sessionCsv(rows);
    const table = await tableOf([csv]);
    const got = latencyOverPctBy(table, 'country', 200);
    assert.deepEqual(got, { US: 100 / 3, BR: 75, '': 100 });
    assert.deepEqual(got, naiveOverByCountry(csv));
    // One country only.
    const one = sessionCsv([row({ country: 'CH', avg_latency: '10' }), row({ country: 'CH', avg_latency: '250' })]);
    assert.deepEqual(latencyOverPctBy(await tableOf([one]), 'country', 200), { CH: 50 });
    // The breakdown counts what it left out.
    const us = experienceBreakdown(table, 'country').groups.find((g) => g.key === 'US')!;
    assert.equal(us.sessions, 5);
    assert.equal(us.latencySessions, 3);
    assert.deepEqual(us.over, [2, 1]);
  });

  it('latencyFloat32 keeps every value on its side of a whole number', () => {
    for (const v of [200.0000001, 199.9999999, 0.0000001, -0.0000001, 1e-9 + 100, 100 - 1e-9, 57.3, 200, 4096.0001]) {
      const f = latencyFloat32(v);
      assert.equal(Math.fround(f), f, `${v} is kept as a float32`);
      for (const t of [Math.floor(v), Math.ceil(v)]) assert.equal(f > t, v > t, `${v} > ${t}`);
    }
  });

  for (const odd of [false, true])
    it(`agrees with the oracle on generated months with blank and non-numeric latencies, read in pieces and merged${odd ? ', one latency no bin holds (the slow way)' : ' (values counted in bins)'}`, async () => {
      const rnd = new Random(7);
      const csvs: string[] = [];
      for (let m = 0; m < 3; m++) {
        const rows = [
          ...generateSessions({
            seed: 10 + m,
            accountId: 'ACC',
            accountName: 'Acme',
            accountEmail: 'ops@acme.example',
            blankNumbers: true,
            from: new Date(Date.UTC(2026, m, 1)),
            to: new Date(Date.UTC(2026, m + 1, 1)),
            count: 3000,
          }),
        ];
        for (const r of rows) {
          // Now and then something that is not a number, or a latency near the thresholds.
          const u = rnd.next();
          if (u < 0.02) r[at('avg_latency')] = rnd.pick(['n/a', '-', 'NaN', ' ', 'Infinity']);
          else if (u < 0.1) r[at('avg_latency')] = rnd.pick(['100', '200', '200.5', odd ? '99.99' : '99.5', '300', '1000']);
        }
        // One value no bin holds: latency then takes the slow way (placed per group) in every month.
        if (odd) rows[5]![at('avg_latency')] = '123.0000001';
        csvs.push(sessionCsv(rows));
      }
      const table = await tableOf(csvs);
      const allCsv =
        csvs[0]! +
        csvs
          .slice(1)
          .map((c) => c.slice(c.indexOf('\r\n') + 2))
          .join('');
      const oracle = naiveOverByCountry(allCsv);
      const got = latencyOverPctBy(table, 'country', 200);
      assert.deepEqual(Object.keys(got).sort(), Object.keys(oracle).sort());
      for (const [k, v] of Object.entries(oracle)) assert.ok(Math.abs(got[k]! - v) < 1e-9, `${k}: ${got[k]} vs ${v}`);

      // Quantiles and medians of every breakdown against a sort, per group and per month.
      const records = parse(allCsv, { columns: true }) as Record<string, string>[];
      const num = (s: string | undefined) => {
        const t = (s ?? '').trim();
        return t === '' || !Number.isFinite(Number(t)) ? null : Math.fround(Number(t));
      };
      const columnOf = {
        region: 'region',
        city: 'city',
        application: 'application',
        userAgent: 'user_agent',
        resolution: 'resolution',
        user: 'username',
      } as const;
      for (const [dimension, column] of Object.entries(columnOf) as [keyof typeof columnOf, string][]) {
        const b = experienceBreakdown(table, dimension, [100, 200]);
        const total = b.groups.reduce((n, g) => n + g.sessions, 0);
        assert.equal(total, records.length);
        for (const g of b.groups) {
          const mine = records.filter((r) => r[column] === g.key);
          const lat = mine.map((r) => num(r.avg_latency)).filter((v): v is number => v !== null);
          assert.equal(g.sessions, mine.length);
          assert.equal(g.latencySessions, lat.length);
          const p50 = naiveQuantile(lat, 0.5);
          assert.ok(p50 === null ? g.p50Latency === null : Math.abs(g.p50Latency! - p50) < 1e-4, `${dimension} ${g.key} p50`);
          const p95 = naiveQuantile(lat, 0.95);
          assert.ok(p95 === null ? g.p95Latency === null : Math.abs(g.p95Latency! - p95) < 1e-4, `${dimension} ${g.key} p95`);
          const fr = naiveQuantile(
            mine.map((r) => num(r.avg_framerate)).filter((v): v is number => v !== null),
            0.5,
          );
          assert.ok(fr === null ? g.medianFramerate === null : Math.abs(g.medianFramerate! - fr) < 1e-4);
          const months = [...new Set(mine.map((r) => r.starttime!.slice(0, 7)))].sort();
          assert.deepEqual(
            g.months.map((m) => m.month),
            months,
          );
          for (const m of g.months) {
            const inMonth = mine.filter((r) => r.starttime!.startsWith(m.month));
            assert.equal(m.figures.sessions, inMonth.length);
            const over = inMonth.filter((r) => (num(r.avg_latency) ?? 0) > 200).length;
            assert.equal(m.figures.over[1], over);
          }
        }
      }
    });

  it('month over month, worst users, groups with no latency at all', async () => {
    const b = new SessionTableBuilder();
    const add = (user: string, city: string, start: string, latency: number | null) =>
      b.add({
        ...Object.fromEntries(
          [
            'username',
            'application',
            'city',
            'state',
            'resolution',
            'userAgent',
            'remoteIp',
            'systemType',
            'sessionType',
            'additionalApps',
            'userData',
            'accountEmail',
            'accountName',
            'accountId',
            'region',
            'country',
            'sessionId',
          ].map((k) => [k, '']),
        ),
        geoDistance: null,
        durationSeconds: 60,
        avgBandwidth: null,
        avgVideoBitrate: null,
        avgFramerate: null,
        storageUsed: null,
        username: user,
        city,
        startTime: Date.parse(start),
        avgLatency: latency,
      } as Parameters<SessionTableBuilder['add']>[0]);
    for (let i = 0; i < 5; i++) add('slow@x', 'São Paulo', '2026-01-10T10:00:00Z', 240 + i);
    for (let i = 0; i < 5; i++) add('slow@x', 'São Paulo', '2026-02-10T10:00:00Z', 150);
    for (let i = 0; i < 6; i++) add('fast@x', 'Seattle', '2026-02-11T10:00:00Z', 20);
    add('few@x', 'Seattle', '2026-02-11T10:00:00Z', 900); // too few sessions to rank
    add('none@x', 'Nowhere', '2026-02-11T10:00:00Z', null);
    const table = b.build();
    const cities = experienceBreakdown(table, 'city');
    const sp = cities.groups.find((g) => g.key === 'São Paulo')!;
    const mom = monthOverMonth(sp)!;
    assert.equal(mom.previous, '2026-01');
    assert.equal(mom.month, '2026-02');
    assert.deepEqual(mom.before.overPct, [100, 100]);
    assert.deepEqual(mom.last.overPct, [100, 0]);
    assert.equal(monthOverMonth(cities.groups.find((g) => g.key === 'Seattle')!), null);
    const nowhere = cities.groups.find((g) => g.key === 'Nowhere')!;
    assert.equal(nowhere.latencySessions, 0);
    assert.deepEqual(nowhere.overPct, [null, null]);
    assert.equal(nowhere.p95Latency, null);
    const worst = worstUsers(experienceBreakdown(table, 'user'), 10, 5);
    assert.deepEqual(
      worst.map((w) => w.key),
      ['slow@x', 'fast@x'],
    );
    assert.equal(worst[0]!.p95Latency, 244);
    assert.throws(() => experienceBreakdown(table, 'city', [Number.NaN]), /latency threshold/);
  });

  it('bench/insights.js prints latency_over_200ms_pct_by_country as the oracle computes it', function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-experience-'));
    try {
      const rows = [
        ...generateSessions({
          seed: 3,
          accountId: 'ACC',
          accountName: 'Acme',
          accountEmail: 'ops@acme.example',
          blankNumbers: true,
          from: new Date(Date.UTC(2026, 4, 1)),
          to: new Date(Date.UTC(2026, 4, 20)),
          count: 2500,
        }),
      ];
      rows[0]![at('avg_latency')] = 'n/a';
      rows[1]![at('avg_latency')] = '200';
      rows[2]![at('country')] = 'Solo';
      rows[2]![at('avg_latency')] = '201';
      const file = path.join(dir, 'may.csv');
      fs.writeFileSync(file, sessionCsv(rows));
      const entry = path.join(__dirname, '..', '..', '..', 'bench', 'insights.js');
      const run = spawnSync(process.execPath, [entry, file], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const out = JSON.parse(run.stdout) as { latency_over_200ms_pct_by_country: Record<string, number>; peak_concurrency: unknown };
      assert.ok(out.peak_concurrency, 'the capacity keys are still there');
      const oracle = naiveOverByCountry(sessionCsv(rows));
      assert.deepEqual(Object.keys(out.latency_over_200ms_pct_by_country).sort(), Object.keys(oracle).sort());
      assert.equal(out.latency_over_200ms_pct_by_country.Solo, 100);
      for (const [k, v] of Object.entries(oracle)) assert.ok(Math.abs(out.latency_over_200ms_pct_by_country[k]! - v) < 1e-9, k);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
