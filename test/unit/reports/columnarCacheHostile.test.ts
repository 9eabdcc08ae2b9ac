// The columnar cache as untrusted input (issue 18, class 8): whatever sits in the cache folder,
// an entry that is not exactly what was written is dropped and the month read again, without
// following links, waiting on FIFOs or reading a huge file whole; a cache that cannot be written
// still shows the sessions.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ColumnarCache, openMonth } from '../../../src/core/reports';
import { crc32 } from '../../../src/core/reports/crc32';
import { newestFirstOf } from '../../../src/core/reports/sortOrder';
import { generateSessions, sessionCsv } from '../../fixtures/sessions';

const FIXED = 24;
const pad8 = (n: number) => (n + 7) & ~7;

/** The entry's JSON, and a writer that puts a changed JSON back with a valid checksum (columns moved along). */
function entryJson(file: string) {
  const bytes = fs.readFileSync(file);
  const length = bytes.readUInt32LE(12);
  const meta = JSON.parse(bytes.subarray(FIXED, FIXED + length).toString('utf8')) as Record<string, unknown>;
  const columns = bytes.subarray(pad8(FIXED + length));
  const write = (text: string) => {
    const json = Buffer.from(text, 'utf8');
    const fixed = Buffer.from(bytes.subarray(0, FIXED));
    fixed.writeUInt32LE(json.length, 12);
    fixed.writeUInt32LE(crc32(json), 16);
    fs.writeFileSync(file, Buffer.concat([fixed, json, Buffer.alloc(pad8(FIXED + json.length) - FIXED - json.length), columns]));
  };
  return { meta, write };
}

describe('reports/columnar cache: hostile entries', function () {
  this.timeout(60_000);
  let dir: string;
  let csv: string;
  let folder: string;
  let cache: ColumnarCache;
  let rows: number;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-cache-hostile-'));
    csv = path.join(dir, 'month.csv');
    fs.writeFileSync(
      csv,
      sessionCsv(
        generateSessions({
          accountId: 'ACC-1',
          accountName: 'Acme',
          accountEmail: 'ops@example.com',
          from: new Date(Date.UTC(2026, 0, 1)),
          to: new Date(Date.UTC(2026, 1, 1)),
          seed: 7,
          count: 500,
        }),
      ),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    folder = fs.mkdtempSync(path.join(dir, 'cache-'));
    cache = new ColumnarCache(folder);
    const first = await openMonth({ csv, cacheFolder: folder });
    rows = first.segment.rows;
    assert.equal((await openMonth({ csv, cacheFolder: folder })).cached, true, 'a good entry is used');
  });

  /** The month opens from its CSV (not the entry), with every row, and the entry was written anew. */
  async function readsAgain(): Promise<void> {
    const opened = await openMonth({ csv, cacheFolder: folder });
    assert.equal(opened.cached, false);
    assert.equal(opened.segment.rows, rows);
    assert.ok(fs.lstatSync(cache.entryPath(csv)).isFile(), 'rewritten as a plain file');
  }

  it('a symlink to an entry outside the folder is neither served nor touched', async () => {
    const outside = path.join(dir, 'outside.cols');
    fs.renameSync(cache.entryPath(csv), outside);
    const old = new Date(Date.UTC(2020, 0, 1));
    fs.utimesSync(outside, old, old);
    fs.symlinkSync(outside, cache.entryPath(csv));
    await readsAgain();
    assert.equal(fs.statSync(outside).mtimeMs, old.getTime(), "the outside file's mtime is unchanged");
  });

  it('a FIFO in place of an entry does not hang the load', async function () {
    if (process.platform === 'win32') this.skip();
    fs.rmSync(cache.entryPath(csv));
    execFileSync('mkfifo', [cache.entryPath(csv)]);
    await readsAgain();
  });

  it('an entry with bytes after what was written (a huge file) is dropped without being served', async () => {
    const entry = cache.entryPath(csv);
    fs.truncateSync(entry, fs.statSync(entry).size + 64 * 1024 * 1024);
    await readsAgain();
  });

  it('a row count that disagrees with the column lengths is dropped', async () => {
    const { meta, write } = entryJson(cache.entryPath(csv));
    write(JSON.stringify({ ...meta, rows: 300_000_000 }));
    await readsAgain();
  });

  it('malformed JSON with a valid checksum is dropped (no TypeError on every load)', async () => {
    const { meta, write } = entryJson(cache.entryPath(csv));
    write(JSON.stringify({ ...meta, aggregate: { keys: null } }));
    await readsAgain();
    const again = entryJson(cache.entryPath(csv));
    again.write('{"source":');
    await readsAgain();
    const third = entryJson(cache.entryPath(csv));
    third.write(JSON.stringify({ ...third.meta, dictionaries: { user: [] } }));
    await readsAgain();
  });

  it('a stored newest-first order that is not a permutation is computed again, the rest of the entry served', async () => {
    const file = cache.entryPath(csv);
    const expected = Array.from((await openMonth({ csv, cacheFolder: folder })).segment.newestFirst!);
    assert.deepEqual(expected, Array.from(newestFirstOf((await openMonth({ csv })).segment.columns.start)), 'the stored order is the sort');
    for (const tamper of [(o: Uint32Array) => (o[1] = o[0]!), (o: Uint32Array) => (o[0] = rows), (o: Uint32Array) => (o[3] = 0xffffffff)]) {
      // The order's bytes changed and its checksum made to match: only the permutation check is left to catch it.
      const bytes = fs.readFileSync(file);
      const length = bytes.readUInt32LE(12);
      const meta = JSON.parse(bytes.subarray(FIXED, FIXED + length).toString('utf8')) as {
        columns: { name: string; offset: number; crc: number }[];
      };
      const entry = meta.columns.find((c) => c.name === 'newestFirst')!;
      const at = pad8(FIXED + length) + entry.offset;
      const order = new Uint32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + rows * 4));
      tamper(order);
      Buffer.from(order.buffer).copy(bytes, at);
      entry.crc = crc32(Buffer.from(order.buffer));
      fs.writeFileSync(file, bytes);
      const { meta: m, write } = entryJson(file);
      write(JSON.stringify({ ...m, columns: meta.columns }));
      const opened = await openMonth({ csv, cacheFolder: folder });
      assert.equal(opened.cached, true, 'the columns are served');
      assert.deepEqual(Array.from(opened.segment.newestFirst!), expected, 'and the order computed again');
    }
  });

  it('an unwritable cache folder (a file where the folder should be) still shows the sessions', async () => {
    const blocked = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocked, 'x');
    const opened = await openMonth({ csv, cacheFolder: path.join(blocked, 'columnar') });
    assert.equal(opened.cached, false);
    assert.equal(opened.segment.rows, rows);
  });
});
