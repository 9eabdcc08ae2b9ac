import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALL, computeCapacity, formatClock } from '../../../src/core/insights';
import { mergeSegments, readSessionFile } from '../../../src/core/reports';
import { Random } from '../../fixtures/random';
import { generateSessions, sessionCsv, type RawSessionRow } from '../../fixtures/sessions';

/** Two accounts' sessions in one file, rows shuffled; a third account in a second file. */
function writeReports(dir: string): string[] {
  const month = (seed: number, accountId: string, count: number) => [
    ...generateSessions({
      seed,
      accountId,
      accountName: accountId,
      accountEmail: 'ops@corp.example',
      from: new Date(Date.UTC(2026, 2, 1)),
      to: new Date(Date.UTC(2026, 2, 8)),
      count,
    }),
  ];
  const mixed: RawSessionRow[] = [...month(1, 'ACC-A', 1500), ...month(2, 'ACC-B', 1500)];
  const rnd = new Random(9);
  for (let i = mixed.length - 1; i > 0; i--) {
    const j = Math.floor(rnd.next() * (i + 1));
    [mixed[i], mixed[j]] = [mixed[j]!, mixed[i]!];
  }
  const files = [path.join(dir, 'mixed.csv'), path.join(dir, 'third.csv')];
  fs.writeFileSync(files[0]!, sessionCsv(mixed));
  fs.writeFileSync(files[1]!, sessionCsv(month(3, 'ACC-C', 800).reverse()));
  return files;
}

describe('bench/insights.js (the Capacity figures on your own reports)', function () {
  this.timeout(60_000);
  let dir = '';
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-insights-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON line with the module’s figures for unsorted, multi-account files', async () => {
    const files = writeReports(dir);
    const entry = path.join(__dirname, '..', '..', '..', 'bench', 'insights.js');
    const run = spawnSync(process.execPath, [entry, ...files], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const out = JSON.parse(lines[0]!) as {
      rows: number;
      peak_concurrency: Record<string, number>;
      peak_concurrency_at: Record<string, string>;
      max_arrivals_2min: Record<string, number>;
      session_hours_by_day: Record<string, number>;
      sessions_by_hour_weekday: Record<string, number>;
      seconds: { insights: number };
      maxRssMB: number;
    };

    const table = mergeSegments(await Promise.all(files.map((f) => readSessionFile(f)))).table;
    const insights = computeCapacity(table);
    assert.equal(out.rows, 3800);
    assert.deepEqual(Object.keys(out.peak_concurrency), insights.keys);
    for (const key of insights.keys) {
      const f = insights.figures(key);
      assert.equal(out.peak_concurrency[key], f.peakConcurrency);
      assert.equal(out.peak_concurrency_at[key], formatClock(f.peakAt!));
      assert.equal(out.max_arrivals_2min[key], f.maxArrivals2min);
    }
    assert.ok(insights.figures(ALL).peakConcurrency > 1);
    assert.deepEqual(out.session_hours_by_day, Object.fromEntries(insights.sessionHoursByDay(ALL).map((d) => [d.day, d.hours])));
    const cells = Object.entries(out.sessions_by_hour_weekday);
    assert.equal(
      cells.reduce((n, [, v]) => n + v, 0),
      3800,
    );
    for (const [cell, n] of cells) {
      const [weekday, hour] = cell.split('-').map(Number);
      assert.equal(n, insights.startsHeatmap(ALL)[(weekday! - 1) * 24 + hour!]);
    }
    assert.equal(typeof out.seconds.insights, 'number');
    assert.equal(typeof out.maxRssMB, 'number');
  });

  it('says how to call it, and fails clearly on a file that is not a report', () => {
    const entry = path.join(__dirname, '..', '..', '..', 'bench', 'insights.js');
    const none = spawnSync(process.execPath, [entry], { encoding: 'utf8' });
    assert.notEqual(none.status, 0);
    assert.match(none.stderr, /usage: node out\/bench\/insights\.js FILE\.csv/);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'PK\u0003\u0004 not a csv');
    const wrong = spawnSync(process.execPath, [entry, bad], { encoding: 'utf8' });
    assert.notEqual(wrong.status, 0);
    assert.doesNotMatch(wrong.stderr, /\n\s+at /); // a message, not a stack
  });
});
