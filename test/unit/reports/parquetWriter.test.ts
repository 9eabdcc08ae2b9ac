// Our Parquet writer (parquetColumn.ts, parquetFile.ts, snappy.ts) against two oracles:
// hyparquet-writer, which wrote these files before (the same rows must read back the same, value for
// value, through hyparquet), and the CSV itself as csv-parse reads it; plus Snappy and the
// RLE / bit-packed hybrid decoded by hyparquet's own readers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { SESSION_COLUMNS, type SessionRecord } from '../../../src/core/reports/columns';
import { PARQUET_COLUMNS, RECORD_FIELD, exportSessionsParquet } from '../../../src/core/reports/parquetExport';
import { SessionReportError } from '../../../src/core/reports/errors';
import { parseSessionReportText } from '../../../src/core/reports/sessionParser';
import { ByteBuffer, writeHybrid } from '../../../src/core/reports/parquetEncoding';
import { maxCompressedLength, snappyCompress } from '../../../src/core/reports/snappy';
import { generateSessions, sessionCsv } from '../../fixtures/sessions';

type Row = Record<string, unknown>;

const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
const HEADER = SESSION_COLUMNS.map(q).join(',');

/** A CSV row of the 25 columns from a partial one (the rest empty), every field quoted as Frame writes. */
function csvRow(values: Partial<Record<(typeof SESSION_COLUMNS)[number], string>>): string {
  return SESSION_COLUMNS.map((c) => q(values[c] ?? '')).join(',');
}

describe('reports/parquet writer (hyparquet-writer and the CSV as oracles)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-parquet-writer-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = async (file: string | Uint8Array): Promise<Row[]> => {
    const hp = await import('hyparquet');
    const bytes = typeof file === 'string' ? fs.readFileSync(file) : file;
    return (await hp.parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    })) as Row[];
  };

  /** What hyparquet-writer writes for the rows the record parser reads from `csv` (the export before ours). */
  const oracle = async (text: string, account: string): Promise<Map<string, Row[]>> => {
    const hw = await import('hyparquet-writer');
    const byAccount = new Map<string, SessionRecord[]>();
    for (const r of parseSessionReportText(text).records) {
      const a = r.accountId || account;
      byAccount.set(a, [...(byAccount.get(a) ?? []), r]);
    }
    // A month without rows is still a file (empty) under the account asked for.
    if (byAccount.size === 0) return new Map([[account, []]]);
    const out = new Map<string, Row[]>();
    for (const [a, records] of byAccount) {
      const buffer = hw.parquetWriteBuffer({
        columnData: PARQUET_COLUMNS.map((c) => ({ name: c.name, type: c.type, data: records.map((r) => r[RECORD_FIELD[c.column]]) })),
      });
      out.set(a, await read(new Uint8Array(buffer)));
    }
    return out;
  };

  /** Our export of `text` (one month), read back by hyparquet, by account. */
  const ours = async (text: string | Buffer, account: string, rowGroupRows?: number): Promise<Map<string, Row[]>> => {
    const name = `m${Math.random().toString(36).slice(2)}`;
    const csv = path.join(dir, `${name}.csv`);
    fs.writeFileSync(csv, text);
    const result = await exportSessionsParquet([{ month: '2026-05', csv }], { folder: path.join(dir, name), account, rowGroupRows });
    const out = new Map<string, Row[]>();
    for (const f of result.files) out.set(f.account, await read(f.path));
    return out;
  };

  const sameAsOracle = async (text: string, rowGroupRows?: number) => {
    const mine = await ours(text, 'ACC-DEFAULT', rowGroupRows);
    const theirs = await oracle(text, 'ACC-DEFAULT');
    assert.deepEqual([...mine.keys()].sort(), [...theirs.keys()].sort());
    for (const [a, rows] of theirs) assert.deepEqual(mine.get(a), rows, `account ${a}`);
    return mine;
  };

  it('odd values: empty fields, quotes, commas, non-ASCII, CRLF and LF inside user_data, a huge value, durations as H:MM:SS, bad numbers', async () => {
    const huge = 'x'.repeat(300_000) + 'é' + '"'.repeat(10);
    const rows = [
      csvRow({ username: 'a@x', starttime: '2026-05-01 10:00:00', session_duration: '60', avg_latency: '17', account_id: 'A1' }),
      csvRow({ username: '', starttime: '', session_duration: '', avg_latency: '', account_id: 'A1' }),
      csvRow({
        username: 'Ünï "q", ok',
        city: 'Tōkyō',
        user_data: '{"a":"b,c"}\r\nline2\nline3',
        account_id: 'A1',
        session_duration: '0:30:34',
      }),
      csvRow({ username: '😀 emoji', user_data: huge, starttime: '2026-05-02T03:04:05.678Z', avg_bandwidth: '-0', account_id: 'A2' }),
      csvRow({ username: 'b@x', avg_latency: 'n/a', geo_distance: '1e3', 'storage used': ' 7 ', account_id: '' }),
      csvRow({ username: 'c@x', starttime: '2026-02-30 00:00:00', avg_framerate: '29.97', 'session id': 'id-1', account_id: 'A1' }),
      csvRow({ username: 'c@x', starttime: '2026-05-03 00:00:00+02:00', session_duration: '-5', remote_ip: '10.0.0.1', account_id: 'A1' }),
    ];
    const text = [HEADER, ...rows, ''].join('\r\n');
    const mine = await sameAsOracle(text);
    // And the CSV as csv-parse reads it, for the text columns.
    const [, ...parsed] = parse(text, { record_delimiter: '\r\n' }) as string[][];
    const all = [...(mine.get('A1') ?? []), ...(mine.get('A2') ?? []), ...(mine.get('ACC-DEFAULT') ?? [])];
    for (const r of parsed) {
      const found = all.find((o) => o.username === r[0] && o.session_id === r[SESSION_COLUMNS.indexOf('session id')]);
      assert.ok(found, `row ${r[0]}`);
      for (const [k, c] of PARQUET_COLUMNS.entries()) if (c.type === 'STRING') assert.equal(found[c.name], r[k], `${c.name} of ${r[0]}`);
    }
    assert.equal(mine.get('A2')![0]!.user_data, huge);
    assert.ok(Object.is(mine.get('A2')![0]!.avg_bandwidth, -0));
  });

  it('unquoted and malformed fields, a ragged row, blank lines, a BOM, bytes that are not UTF-8, a report missing columns', async () => {
    const head = 'username,starttime,session_duration,account_id,user_data,avg_latency';
    const body = [
      'plain,2026-05-01 10:00:00,61,A1,,5',
      '"quoted",2026-05-01 10:00:01,62,A1,"x""y",6',
      '',
      '"mixed"tail,2026-05-01 10:00:02,63,A1,z,7',
      'short,2026-05-01 10:00:03',
      'long,2026-05-01 10:00:04,64,A1,u,8,extra,fields',
    ];
    const text = '\ufeff' + [head, ...body].join('\n') + '\n';
    await sameAsOracle(text);
    // Latin-1 bytes where UTF-8 is expected: both writers give U+FFFD, as the panel shows them.
    const bad = Buffer.concat([Buffer.from(`${head}\n"caf`), Buffer.from([0xe9]), Buffer.from('",2026-05-01 10:00:00,1,A1,,1\n')]);
    const mine = await ours(bad, 'ACC-DEFAULT');
    assert.equal(mine.get('A1')![0]!.username, 'caf\ufffd');
  });

  it('equals hyparquet-writer on a generated month (several accounts, blank numbers; dictionaries given up mid row group and in the next ones)', async () => {
    const text = sessionCsv(
      generateSessions({
        seed: 7,
        accountId: 'ACC-7',
        accountName: 'Seven',
        accountEmail: 'ops@seven.example',
        from: new Date(Date.UTC(2026, 4, 1)),
        to: new Date(Date.UTC(2026, 5, 1)),
        count: 12000,
        blankNumbers: true,
      }),
    );
    // 8,000 rows a group: the largest account's first one passes 4,096 rows, where unique values
    // (session ids, times) leave their dictionary; its next group starts plain.
    const mine = await sameAsOracle(text, 8000);
    assert.ok(mine.size >= 3, 'several accounts');
  });

  it('equals hyparquet-writer on random rows (property)', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'é', '😀', '"', ',', '\r\n', '\n', ' ', '0') });
    const number = fc.oneof(fc.constant(''), fc.integer({ min: -1e6, max: 1e6 }).map(String), fc.double({ noNaN: true }).map(String), text);
    const row = fc.record({
      username: text,
      city: fc.constantFrom('', 'Paris', 'Zürich', 'São Paulo'),
      starttime: fc.oneof(
        fc.constant(''),
        fc
          .date({ min: new Date(0), max: new Date(Date.UTC(2100, 0)), noInvalidDate: true })
          .map((d) => d.toISOString().replace('T', ' ').slice(0, 19)),
        text,
      ),
      session_duration: number,
      avg_latency: number,
      user_data: text,
      account_id: fc.constantFrom('', 'A', 'B'),
      'session id': fc.uuid(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 0, maxLength: 60 }), async (rows) => {
        await sameAsOracle([HEADER, ...rows.map((r) => csvRow(r)), ''].join('\r\n'));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses what is not a session report with a clear error, and leaves no file behind', async () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['html', '<html><body>Expired</body></html>\n', /not a Frame session report/],
      ['zip', Buffer.from('PK\u0003\u0004rest of a zip'), /zip archive/],
      // 2 MB of something else before a header: the first line is what is judged.
      ['junk first', 'x'.repeat(2 << 20) + '\n' + HEADER + '\n', /not a Frame session report/],
    ];
    for (const [name, content, message] of cases) {
      const csv = path.join(dir, `${name}.csv`);
      fs.writeFileSync(csv, content);
      const folder = path.join(dir, `refused-${name}`);
      await assert.rejects(exportSessionsParquet([{ month: '2026-05', csv }], { folder, account: 'A' }), (e: unknown) => {
        assert.ok(e instanceof SessionReportError, String(e));
        assert.match(e.message, message);
        return true;
      });
      const left = fs.existsSync(folder) ? fs.readdirSync(folder, { recursive: true }).filter((f) => /\.parquet/.test(String(f))) : [];
      assert.deepEqual(left, [], name);
    }
  });

  it('Snappy: what it writes, hyparquet decodes to the same bytes (property)', async () => {
    const hp = await import('hyparquet');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200_000 }),
      // Repetitive, as pages are: long matches and overlapping copies.
      fc
        .tuple(fc.uint8Array({ minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 5000 }))
        .map(([unit, times]) => new Uint8Array(Array.from({ length: times }, () => [...unit]).flat())),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        const out = new Uint8Array(maxCompressedLength(input.length));
        const n = snappyCompress(input, input.length, out);
        const back = new Uint8Array(input.length);
        hp.snappyUncompress(out.subarray(0, n), back);
        assert.deepEqual(back, input);
      }),
      { numRuns: 200 },
    );
  });

  it('RLE / bit-packed hybrid: hyparquet reads back the values at every bit width (property)', async () => {
    const { readRleBitPackedHybrid } = await import('hyparquet/src/encoding.js');
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 24 })
          .chain((width) =>
            fc.tuple(
              fc.constant(width),
              fc.array(fc.oneof(fc.integer({ min: 0, max: 2 ** width - 1 }), fc.constant(0)), { maxLength: 3000 }),
            ),
          ),
        ([width, values]) => {
          const out = new ByteBuffer(16);
          writeHybrid(out, values, values.length, width);
          const bytes = out.bytes();
          const back = new Int32Array(values.length);
          readRleBitPackedHybrid(
            { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 },
            width,
            back,
            bytes.length,
          );
          assert.deepEqual([...back], values);
        },
      ),
      { numRuns: 300 },
    );
  });
});
