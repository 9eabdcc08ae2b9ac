// The Parquet export read back by an independent reader (hyparquet) and compared with the CSV as
// csv-parse reads it: rows, types, sums, and the awkward values of the real report shape.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SESSION_COLUMNS } from '../../../src/core/reports/columns';
import { PARQUET_COLUMNS, exportSessionsParquet, hiveValue } from '../../../src/core/reports/parquetExport';
import { generateSessions, sessionCsv } from '../../fixtures/sessions';

describe('reports/parquetExport', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-parquet-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const ACCOUNT = { id: 'ACC:1/2', name: 'Ünïcode & Co, "Ltd"', email: 'ops@example.com' };
  /** A month of one account (`several`: the account and two siblings, as the bench's input). */
  const monthCsv = (seed: number, count: number, year: number, month: number, several = false) =>
    sessionCsv(
      generateSessions({
        seed,
        accountId: ACCOUNT.id,
        accountName: ACCOUNT.name,
        accountEmail: ACCOUNT.email,
        accounts: several ? undefined : [ACCOUNT],
        from: new Date(Date.UTC(year, month - 1, 1)),
        to: new Date(Date.UTC(year, month, 1)),
        count,
        // Empty numbers must come back as nulls.
        blankNumbers: true,
      }),
    );

  it('writes every column typed in Hive-style folders, and reads back equal to the CSV', async () => {
    const months = [
      { month: '2026-01', text: monthCsv(11, 4000, 2026, 1) },
      { month: '2026-02', text: monthCsv(12, 2500, 2026, 2) },
    ];
    const input = months.map((m) => {
      const csv = path.join(dir, `${m.month}.csv`);
      fs.writeFileSync(csv, m.text);
      return { month: m.month, csv };
    });
    const out = path.join(dir, 'export');
    // Small row groups, so a month spans several.
    const result = await exportSessionsParquet(input, { folder: out, account: 'ACC:1/2', rowGroupRows: 1000 });
    assert.deepEqual(
      result.files.map((f) => path.relative(out, f.path).split(path.sep).join('/')),
      ['account=ACC%3A1%2F2/month=2026-01/part-0.parquet', 'account=ACC%3A1%2F2/month=2026-02/part-0.parquet'],
    );
    assert.equal(hiveValue('Zürich'), 'Z%C3%BCrich');

    const hp = await import('hyparquet');
    for (const [i, f] of result.files.entries()) {
      const [header, ...rows] = parse(months[i]!.text, { record_delimiter: '\r\n' }) as string[][];
      assert.deepEqual(header, [...SESSION_COLUMNS]);
      assert.equal(f.rows, rows.length);
      const bytes = fs.readFileSync(f.path);
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const meta = hp.parquetMetadata(file);
      assert.equal(Number(meta.num_rows), rows.length);
      assert.ok(meta.row_groups.length > 1, 'several row groups');
      const leaves = meta.schema.slice(1);
      assert.deepEqual(
        leaves.map((s) => s.name),
        PARQUET_COLUMNS.map((c) => c.name),
      );
      for (const [k, s] of leaves.entries()) {
        const column = SESSION_COLUMNS[k]!;
        if (column === 'starttime') assert.deepEqual([s.type, s.converted_type], ['INT64', 'TIMESTAMP_MILLIS'], column);
        else if (PARQUET_COLUMNS[k]!.type === 'DOUBLE') assert.equal(s.type, 'DOUBLE', column);
        else assert.deepEqual([s.type, s.converted_type], ['BYTE_ARRAY', 'UTF8'], column);
      }
      const objects = (await hp.parquetReadObjects({ file })) as Record<string, unknown>[];
      assert.equal(objects.length, rows.length);
      // Sums of numbers, as the CSV has them (empty = null, not 0).
      for (const column of ['session_duration', 'avg_latency', 'storage used', 'geo_distance'] as const) {
        const k = SESSION_COLUMNS.indexOf(column);
        const name = PARQUET_COLUMNS[k]!.name;
        const csvSum = rows.reduce((s, r) => s + (r[k] === '' ? 0 : Number(r[k])), 0);
        const csvNulls = rows.filter((r) => r[k] === '').length;
        const pq = objects.map((o) => o[name]);
        assert.equal(pq.filter((v) => v === null).length, csvNulls, `${column} nulls`);
        const pqSum = pq.reduce((s: number, v) => s + (v === null ? 0 : (v as number)), 0);
        assert.ok(Math.abs(pqSum - csvSum) <= 1e-9 * Math.abs(csvSum), `${column}: ${pqSum} vs ${csvSum}`);
      }
      // Timestamps are instants (UTC), text is byte for byte the CSV's (line breaks, quotes, commas, ü).
      const start = SESSION_COLUMNS.indexOf('starttime');
      rows.forEach((r, n) => {
        const o = objects[n]!;
        assert.equal((o.starttime as Date).getTime(), Date.parse(r[start]!.replace(' ', 'T') + 'Z'));
        assert.equal(o.user_data, r[SESSION_COLUMNS.indexOf('user_data')]);
        assert.equal(o.city, r[SESSION_COLUMNS.indexOf('city')]);
        assert.equal(o.session_id, r[SESSION_COLUMNS.indexOf('session id')]);
      });
      assert.ok(objects.some((o) => typeof o.user_data === 'string' && o.user_data.includes('\r\n')));
      assert.ok(objects.some((o) => typeof o.user_data === 'string' && o.user_data.includes('""') === false && o.user_data.includes('"')));
    }
  });

  it('writes each row under its own account= partition when a report carries several accounts', async () => {
    const text = monthCsv(13, 3000, 2026, 3, true);
    const csv = path.join(dir, 'several.csv');
    fs.writeFileSync(csv, text);
    const [header, ...rows] = parse(text, { record_delimiter: '\r\n' }) as string[][];
    const k = header!.indexOf('account_id');
    const expected = new Map<string, number>();
    for (const r of rows) expected.set(r[k]!, (expected.get(r[k]!) ?? 0) + 1);
    assert.ok(expected.size >= 3, 'the input has several accounts');
    const out = path.join(dir, 'several');
    const result = await exportSessionsParquet([{ month: '2026-03', csv }], { folder: out, account: ACCOUNT.id, rowGroupRows: 1000 });
    assert.deepEqual(new Map(result.files.map((f) => [f.account, f.rows])), expected);
    const hp = await import('hyparquet');
    for (const f of result.files) {
      assert.equal(path.relative(out, f.path).split(path.sep).join('/'), `account=${hiveValue(f.account)}/month=2026-03/part-0.parquet`);
      const bytes = fs.readFileSync(f.path);
      const objects = (await hp.parquetReadObjects({
        file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      })) as {
        account_id: string;
      }[];
      assert.equal(objects.length, f.rows);
      assert.ok(
        objects.every((o) => o.account_id === f.account),
        `only ${f.account} in its partition`,
      );
    }
  });

  it('leaves no file behind when cancelled, and refuses a month that is not yyyy-MM', async () => {
    const csv = path.join(dir, 'c.csv');
    fs.writeFileSync(csv, monthCsv(13, 3000, 2026, 3));
    const ac = new AbortController();
    ac.abort();
    const out = path.join(dir, 'cancelled');
    await assert.rejects(exportSessionsParquet([{ month: '2026-03', csv }], { folder: out, account: 'a', signal: ac.signal }));
    const left = fs.existsSync(out) ? fs.readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.parquet')) : [];
    assert.deepEqual(left, []);
    await assert.rejects(exportSessionsParquet([{ month: '../x', csv }], { folder: out, account: 'a' }), /not a month/);
  });

  it('partition names are valid on every OS, capped in length, and distinct (ids ".", "..", "x.", 300 characters)', async () => {
    const ids = ['.', '..', 'x.', 'x', 'x..', 'x ', 'a'.repeat(300), 'a'.repeat(300) + 'b', 'é'.repeat(200), 'CON', 'x%2E'];
    const names = ids.map((id) => `account=${hiveValue(id)}`);
    assert.equal(new Set(names).size, ids.length, names.join('\n'));
    for (const name of names) {
      assert.doesNotMatch(name, /[. ]$/, `${name} ends in a dot or a space (Windows drops them)`);
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      assert.doesNotMatch(name, /[<>:"/\\|?*\u0000-\u001f]/, name);
      assert.ok(Buffer.byteLength(name) <= 200, `${Buffer.byteLength(name)} bytes`);
    }
    assert.equal(hiveValue('ACC-1_x'), 'ACC-1_x', 'plain ids are kept as they are');
    const csv = path.join(dir, 'long.csv');
    fs.writeFileSync(csv, monthCsv(14, 50, 2026, 4));
    const result = await exportSessionsParquet([{ month: '2026-04', csv }], { folder: path.join(dir, 'long'), account: 'a'.repeat(300) });
    assert.equal(result.files[0]!.rows, 50);
  });
});
