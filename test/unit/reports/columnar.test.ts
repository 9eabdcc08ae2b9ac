// The panel's columnar path: reader, merge, worker pool and columnar cache, checked against the
// record-at-a-time path fed by csv-parse (an independent CSV reader).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  COLUMNAR_FORMAT_VERSION,
  ColumnarCache,
  CsvScanner,
  SessionAggregator,
  SessionReadPool,
  SessionReportParser,
  SessionSegmentReader,
  SessionTableBuilder,
  concatSegments,
  mergeSegments,
  openMonth,
  readSessionFile,
  sessionRecordMapper,
} from '../../../src/core/reports';
import { isCancellation as isCancellationLike } from '../../../src/core/errors';
import { SESSION_HEADER_LINE, generateSessions, sessionCsv } from '../../fixtures/sessions';

const GEN = {
  accountId: 'ACC-1',
  accountName: 'Ünïcode & Co, "Ltd"',
  accountEmail: 'ops@example.com',
  from: new Date(Date.UTC(2026, 0, 1)),
  to: new Date(Date.UTC(2026, 1, 1)),
  // Empty numbers must come through the columns as they do through the record path.
  blankNumbers: true,
};

function month(seed: number, count: number): string {
  return sessionCsv(generateSessions({ ...GEN, seed, count }));
}

/** The oracle: csv-parse → records → the record-at-a-time aggregator and table. */
function oracle(texts: string[]) {
  const agg = new SessionAggregator();
  const table = new SessionTableBuilder();
  for (const text of texts) {
    const [header, ...rows] = parse(text, { relax_column_count: true }) as string[][];
    const toRecord = sessionRecordMapper(header!).toRecord;
    for (const row of rows) {
      const r = toRecord(row);
      agg.add(r);
      table.add(r);
    }
  }
  return { aggregate: agg.result(), table: table.build() };
}

const SORT = { column: 'start' as const, descending: false };

describe('reports/columnar: reader, merge, pool, cache', function () {
  this.timeout(60_000);
  let dir: string;
  let files: string[];
  let texts: string[];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-columnar-'));
    texts = [month(1, 3000), month(2, 2000), month(3, 2500)];
    files = texts.map((t, i) => {
      const f = path.join(dir, `m${i}.csv`);
      fs.writeFileSync(f, t);
      return f;
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the real shape into the same aggregate and table as csv-parse + the record path', async () => {
    const segments = await Promise.all(files.map((f) => readSessionFile(f)));
    assert.deepEqual(
      segments.map((s) => s.rows),
      [3000, 2000, 2500],
    );
    assert.ok(segments.every((s) => s.summary.malformedRecords === 0 && s.summary.raggedRecords === 0));
    const merged = mergeSegments(segments);
    const expected = oracle(texts);
    // Same values added in another order: sums to rounding, everything else exactly.
    const { totalHours: a, ...restA } = merged.aggregate;
    const { totalHours: b, ...restB } = expected.aggregate;
    assert.ok(Math.abs(a - b) < 1e-6 * b);
    const round = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)));
    assert.deepEqual(round(restA), round(restB));
    assert.equal(merged.table.size, expected.table.size);
    assert.deepEqual(merged.table.page(0, 7500, SORT, ''), expected.table.page(0, 7500, SORT, ''));
    assert.deepEqual(
      merged.table.page(100, 50, { column: 'city', descending: true }, 'ü'),
      expected.table.page(100, 50, { column: 'city', descending: true }, 'ü'),
    );
    assert.equal(
      merged.histogram.counts.reduce((x, y) => x + y, 0),
      merged.aggregate.duration.count,
    );
  });

  it('widens a text column past 65,536 distinct values without losing any', async () => {
    const csv = path.join(dir, 'many-users.csv');
    const lines = ['"username","application","starttime","session_duration"'];
    for (let i = 0; i < 70_000; i++) lines.push(`"user${i}@x","App ${i % 7}","2026-01-01 00:00:00","${i}"`);
    fs.writeFileSync(csv, lines.join('\r\n') + '\r\n');
    const s = await readSessionFile(csv);
    assert.ok(s.columns.user instanceof Uint32Array);
    assert.ok(s.columns.application instanceof Uint16Array);
    const merged = mergeSegments([s]);
    for (const i of [0, 65_535, 65_536, 65_537, 69_999]) assert.equal(merged.table.row(i)[1], `user${i}@x`);
    assert.equal(merged.aggregate.uniqueUsers, 70_000);
  });

  it("keeps each record's byte offset in its CSV", async () => {
    const s = await readSessionFile(files[0]!);
    const bytes = fs.readFileSync(files[0]!);
    assert.equal(s.columns.offsets[0], Buffer.byteLength(SESSION_HEADER_LINE) + 2);
    for (const row of [0, 1, 999, 2999]) {
      const at = s.columns.offsets[row]!;
      assert.equal(bytes[at], 0x22, 'a record starts with a quote');
      assert.ok(at === 0 || bytes[at - 1] === 0x0a, 'right after a line end');
    }
  });

  it('gives all 25 fields of any table row from its CSV (by byte offset), also after a cache hit; refuses once the CSV changed', async () => {
    const csv = path.join(dir, 'details.csv');
    fs.writeFileSync(csv, texts[0]!);
    const [header, ...rows] = parse(texts[0]!, { record_delimiter: '\r\n' }) as string[][];
    const bySession = new Map(rows.map((r) => [r[23]!, r]));
    for (const cached of [false, true]) {
      const opened = await openMonth({ csv, cacheFolder: path.join(dir, 'cache-details') });
      assert.equal(opened.cached, cached);
      const table = mergeSegments([opened.segment]).table;
      const sort = { column: 'latency' as const, descending: true };
      const indexes = table.rowIndexes(10, 40, sort, 'e');
      assert.equal(indexes.length, 40);
      for (const i of indexes) {
        const d = await table.detailsOf(i);
        const expected = bySession.get(d.fields[23]!.value)!;
        assert.ok(expected, 'the session exists in the CSV');
        assert.deepEqual(
          d.fields.map((f) => f.column),
          header,
        );
        assert.deepEqual(
          d.fields.map((f) => f.value),
          expected,
        );
        assert.equal(d.record.username, table.row(i)[1]);
      }
      // A row with line breaks and doubled quotes in user_data reads back whole.
      const tricky = rows.findIndex((r) => r[17]!.includes('\n'));
      assert.ok(tricky >= 0);
      const d = await table.detailsOf(tricky);
      assert.equal(d.fields[17]!.value, rows[tricky]![17]);
    }
    const table = mergeSegments([await readSessionFile(csv)]).table;
    fs.writeFileSync(csv, texts[1]!);
    await assert.rejects(table.detailsOf(5), /changed since it was loaded/);
  });

  it('reads months side by side in worker threads with the same result as one thread', async () => {
    const one = new SessionReadPool(undefined, { threads: 1 });
    const two = new SessionReadPool(undefined, { threads: 2 });
    const a = await Promise.all(files.map((csv) => one.open({ csv })));
    const b = await Promise.all(files.map((csv) => two.open({ csv })));
    assert.ok(two.running > 0 && two.running <= 2, `${two.running} workers`);
    two.close();
    const ma = mergeSegments(a.map((m) => m.segment));
    const mb = mergeSegments(b.map((m) => m.segment));
    assert.deepEqual(mb.aggregate, ma.aggregate);
    assert.deepEqual(mb.table.page(0, 100, SORT, 'a'), ma.table.page(0, 100, SORT, 'a'));
  });

  it('a month read in parts side by side equals the month read whole, even when a split guess falls inside a quoted field', async () => {
    const pool = new SessionReadPool(undefined, { threads: 2, minSplitBytes: 0 });
    try {
      // Real shape; then a file where every row's user_data holds `"` line break `"` (doubled
      // quotes around a line break): the split guesses land inside fields and must be caught.
      const tricky = texts[0]!
        .replace(/"([^"\r\n]*)"\r\n/g, (_m, last: string) => `"${last}","x""\n""y"\r\n`)
        .replace(/"storage used"\r\n/, '"storage used","note"\r\n');
      for (const [name, text] of [
        ['real', texts[0]!],
        ['tricky', tricky],
      ] as const) {
        const csv = path.join(dir, `split-${name}.csv`);
        fs.writeFileSync(csv, text);
        const whole = await readSessionFile(csv);
        for (const parts of [2, 3, 7]) {
          const opened = await pool.openSplit({ csv }, parts);
          // Real shape: every guess is a record start, so the parts come back as read; tricky: part 0 and the re-read rest.
          assert.equal(opened.segments.length, name === 'real' ? parts : 2);
          const split = concatSegments(opened.segments);
          assert.equal(split.rows, whole.rows, `${name} in ${parts}`);
          assert.deepEqual(Array.from(split.columns.offsets), Array.from(whole.columns.offsets));
          assert.deepEqual(Array.from(split.columns.start), Array.from(whole.columns.start));
          assert.equal(split.summary.malformedRecords, whole.summary.malformedRecords);
          assert.equal(split.summary.raggedRecords, whole.summary.raggedRecords);
          const a = mergeSegments([split]);
          const b = mergeSegments([whole]);
          assert.deepEqual(a.table.page(0, 3000, SORT, ''), b.table.page(0, 3000, SORT, ''));
          const round = (x: unknown) =>
            JSON.parse(JSON.stringify(x, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)));
          assert.deepEqual(round(a.aggregate), round(b.aggregate));
          assert.deepEqual(a.histogram, b.histogram);
        }
      }
      assert.ok(tricky.includes('"x""\n""y"'));
    } finally {
      pool.close();
    }
  });

  it('Cancel stops every worker at once and rejects what was pending as a cancellation', async () => {
    const big = path.join(dir, 'big.csv');
    fs.writeFileSync(big, month(9, 60_000));
    const ac = new AbortController();
    const pool = new SessionReadPool(ac.signal, { threads: 2 });
    const pending = [big, big, big, big].map((csv) => pool.open({ csv }));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(pool.running, 2);
    ac.abort();
    const results = await Promise.allSettled(pending);
    assert.ok(results.every((r) => r.status === 'rejected' && isCancellationLike(r.reason)));
    for (let i = 0; i < 100 && pool.running > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(pool.running, 0, 'every worker exited');
    await assert.rejects(pool.open({ csv: big }), (e: unknown) => isCancellationLike(e));
  });

  it('the columnar cache gives back the same segment, and rebuilds when the CSV, the version or a byte changes', async () => {
    const cache = new ColumnarCache(path.join(dir, 'cache-1'));
    const csv = path.join(dir, 'cached.csv');
    fs.writeFileSync(csv, texts[0]!);
    const first = await openMonth({ csv, cacheFolder: cache.folder });
    assert.equal(first.cached, false);
    const second = await openMonth({ csv, cacheFolder: cache.folder });
    assert.equal(second.cached, true);
    assert.deepEqual(mergeSegments([second.segment]).aggregate, mergeSegments([first.segment]).aggregate);
    assert.deepEqual(second.segment.columns, first.segment.columns);
    assert.deepEqual(second.segment.dictionaries, first.segment.dictionaries);

    // The CSV changes (a row more): the entry no longer matches it.
    fs.appendFileSync(csv, texts[1]!.slice(texts[1]!.indexOf('\r\n') + 2, texts[1]!.indexOf('\r\n', 400) + 2));
    assert.equal(await cache.get(csv), undefined);
    const rebuilt = await openMonth({ csv, cacheFolder: cache.folder });
    assert.equal(rebuilt.cached, false);
    assert.ok(rebuilt.segment.rows > first.segment.rows);
    assert.ok(await cache.get(csv));

    // Another format version, then one flipped byte in a column: both are refused and rebuilt.
    const entry = cache.entryPath(csv);
    const bytes = fs.readFileSync(entry);
    bytes.writeUInt32LE(COLUMNAR_FORMAT_VERSION + 1, 8);
    fs.writeFileSync(entry, bytes);
    assert.equal(await cache.get(csv), undefined);
    assert.equal((await openMonth({ csv, cacheFolder: cache.folder })).cached, false);
    const good = fs.readFileSync(entry);
    good[good.length - 9] = good[good.length - 9]! ^ 0xff;
    fs.writeFileSync(entry, good);
    assert.equal(await cache.get(csv), undefined);
    assert.equal(fs.existsSync(entry), false, 'a damaged entry is removed');
  });

  it('caps the cache by size, evicting the least recently used entry, and clear() empties it', async () => {
    const folder = path.join(dir, 'cache-2');
    const one = await openMonth({ csv: files[0]!, cacheFolder: folder });
    const size = await new ColumnarCache(folder).size();
    assert.ok(size > 0 && one.cached === false);
    // Room for about two entries.
    const cap = Math.floor(size * 2.2);
    await openMonth({ csv: files[1]!, cacheFolder: folder, cacheMaxBytes: cap });
    await new Promise((r) => setTimeout(r, 20));
    // Using the first makes the second the least recently used.
    assert.equal((await openMonth({ csv: files[0]!, cacheFolder: folder, cacheMaxBytes: cap })).cached, true);
    await new Promise((r) => setTimeout(r, 20));
    await openMonth({ csv: files[2]!, cacheFolder: folder, cacheMaxBytes: cap });
    const cache = new ColumnarCache(folder, { maxBytes: cap });
    assert.ok(await cache.get(files[0]!), 'recently used: kept');
    assert.equal(await cache.get(files[1]!), undefined, 'least recently used: evicted');
    assert.ok(await cache.get(files[2]!), 'just added: kept');
    assert.ok((await cache.clear()) > 0);
    assert.equal(await cache.size(), 0);
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('drops the entry of a month whose CSV no longer parses, so a refresh reads it again', async () => {
    const folder = path.join(dir, 'cache-3');
    const csv = path.join(dir, 'turned-bad.csv');
    fs.writeFileSync(csv, texts[2]!);
    await openMonth({ csv, cacheFolder: folder });
    const cache = new ColumnarCache(folder);
    assert.ok(await cache.get(csv));
    fs.writeFileSync(csv, '<!DOCTYPE html>\n<html><body>Access Denied</body></html>\n');
    await assert.rejects(openMonth({ csv, cacheFolder: folder }), /not a Frame session report/);
    assert.equal(fs.existsSync(cache.entryPath(csv)), false);
  });
});

describe('reports/columnar: hostile input stays bounded', function () {
  this.timeout(120_000);

  it('a 100 MB field is dropped as one malformed record, with short messages, and the next rows are read', () => {
    const head = Buffer.from(SESSION_HEADER_LINE + '\r\n' + month(5, 3).split('\r\n')[1] + '\r\n');
    const tail = Buffer.from(month(6, 4).slice(SESSION_HEADER_LINE.length + 2));
    const huge = Buffer.alloc(100 * 1024 * 1024, 0x78); // 'x'
    {
      const reader = new SessionSegmentReader();
      const records: unknown[] = [];
      const parser = new SessionReportParser((r) => records.push(r));
      for (const sink of [reader, parser]) {
        sink.write(head);
        sink.write(Buffer.from('"user@x","'));
        for (let at = 0; at < huge.length; at += 1 << 20) sink.write(huge.subarray(at, at + (1 << 20)));
        sink.write(Buffer.from('","Desktop"\r\n'));
        sink.write(tail);
      }
      const seg = reader.end();
      const summary = parser.end();
      for (const s of [seg.summary, summary]) {
        assert.equal(s.records, 1 + 4);
        assert.equal(s.malformedRecords, 1);
        assert.ok(
          s.issues.every((i) => i.message.length < 200),
          'messages stay short',
        );
        assert.match(s.issues[0]!.message, /longer than 1048576 bytes/);
      }
      assert.equal(seg.rows, 5);
      assert.equal(records.length, 5);
    }
  });

  it('a stray quote followed by 600 million characters neither throws nor grows: reading resumes at the next line', () => {
    let rows = 0;
    const scanner = new CsvScanner(() => rows++);
    scanner.write(Buffer.from('a,b\r\n"stray,1\r\n'));
    const line = Buffer.from(('p'.repeat(4000) + ',' + 'q'.repeat(95) + '\n').repeat(1000)); // 4 MiB of rows without quotes
    let written = 0;
    while (written < 600_000_000) {
      scanner.write(line);
      written += line.length;
    }
    scanner.end();
    assert.equal(scanner.malformedRecords, 1);
    // Every line after the stray quote's line is a record again.
    assert.equal(rows, 1 + (written / line.length) * 1000);
    assert.match(scanner.issues[0]!.message, /longer than/);
  });
});
