import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { ReportArchiveError, type ReportArchiveReason } from '../../../src/core/reports/errors';
import { extractReportCsv, openReportCsv, unsafeEntryName } from '../../../src/core/reports/reportZip';
import { parseSessionReport } from '../../../src/core/reports/sessionParser';
import { generateSessions, sessionCsv } from '../../fixtures/sessions';

const csvText = sessionCsv(
  generateSessions({
    seed: 3,
    accountId: 'a',
    accountName: 'A',
    accountEmail: 'a@example.com',
    from: new Date(Date.UTC(2026, 0, 1)),
    to: new Date(Date.UTC(2026, 1, 1)),
    count: 2000,
  }),
);

describe('reports/reportZip', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'frame-zip-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  let n = 0;
  function writeZip(files: Zippable, patch?: (b: Buffer) => void): string {
    const bytes = Buffer.from(zipSync(files, { level: 6 }));
    patch?.(bytes);
    const file = path.join(dir, `t${n++}.zip`);
    writeFileSync(file, bytes);
    return file;
  }

  async function rejectsWith(p: Promise<unknown>, reasons: ReportArchiveReason[]): Promise<ReportArchiveError> {
    let caught: unknown;
    await p.then(
      () => assert.fail(`expected a ReportArchiveError (${reasons.join('|')})`),
      (e: unknown) => (caught = e),
    );
    assert.ok(caught instanceof ReportArchiveError, `got ${String(caught)}`);
    assert.ok(reasons.includes(caught.reason), `reason ${caught.reason}, wanted ${reasons.join('|')}: ${caught.message}`);
    return caught;
  }

  it('extracts the CSV of a normal report, byte for byte, to a path of our choosing', async () => {
    const zip = writeZip({ 'Wr1qgbPa99Pal7E8.2016.1.csv': Buffer.from(csvText) });
    const dest = path.join(dir, 'out.csv');
    const r = await extractReportCsv(zip, dest);
    assert.equal(r.entryName, 'Wr1qgbPa99Pal7E8.2016.1.csv');
    assert.equal(r.bytes, Buffer.byteLength(csvText));
    assert.equal(readFileSync(dest, 'utf8'), csvText);
  });

  it('streams the first .csv among other entries straight into the parser', async () => {
    const zip = writeZip({
      'notes/readme.txt': Buffer.from('hi'),
      'reports/': {},
      'reports/sessions.CSV': Buffer.from(csvText),
      'b.csv': Buffer.from('x'),
    });
    const csv = await openReportCsv(zip);
    assert.equal(csv.entryName, 'reports/sessions.CSV');
    let rows = 0;
    const summary = await parseSessionReport(csv.stream, () => rows++);
    assert.equal(summary.records, 2000);
    assert.equal(rows, 2000);
  });

  it('takes a lone entry whatever its name', async () => {
    const csv = await openReportCsv(writeZip({ report: Buffer.from(csvText) }));
    assert.equal(csv.entryName, 'report');
    csv.stream.destroy();
  });

  it('refuses a zip bomb by its declared ratio', async () => {
    const zip = writeZip({ 'r.csv': new Uint8Array(20 * 1024 * 1024) });
    const e = await rejectsWith(openReportCsv(zip), ['compression-ratio']);
    assert.match(e.message, /zip bomb/);
  });

  it('stops a bomb whose headers lie about its size while inflating', async () => {
    // Declare 1,000 bytes in both headers: the declared checks pass, the inflated bytes do not.
    const zip = writeZip({ 'r.csv': new Uint8Array(20 * 1024 * 1024) }, (b) => {
      for (let i = 0; i + 4 <= b.length; i++) {
        const sig = b.readUInt32LE(i);
        if (sig === 0x04034b50) b.writeUInt32LE(1000, i + 22);
        if (sig === 0x02014b50) b.writeUInt32LE(1000, i + 24);
      }
    });
    const dest = path.join(dir, 'bomb.csv');
    await rejectsWith(extractReportCsv(zip, dest), ['corrupt', 'compression-ratio', 'too-large']);
    assert.equal(existsSync(dest), false, 'the partial file is removed');
  });

  it('enforces the inflated-size cap while streaming', async () => {
    // Random-looking text barely compresses, so only the size cap can stop it; lie about the size.
    const big = Buffer.from(csvText.repeat(3));
    const zip = writeZip({ 'r.csv': big }, (b) => {
      for (let i = 0; i + 4 <= b.length; i++) {
        const sig = b.readUInt32LE(i);
        if (sig === 0x04034b50) b.writeUInt32LE(100, i + 22);
        if (sig === 0x02014b50) b.writeUInt32LE(100, i + 24);
      }
    });
    await rejectsWith(extractReportCsv(zip, path.join(dir, 'cap.csv'), { maxUncompressedBytes: 10_000 }), ['too-large', 'corrupt']);
    // With honest headers the declared size is refused before inflating anything.
    const honest = writeZip({ 'r.csv': big });
    const e = await rejectsWith(openReportCsv(honest, { maxUncompressedBytes: 10_000 }), ['too-large']);
    assert.match(e.message, /limit/);
  });

  for (const name of ['../evil.csv', 'a/../../evil.csv', '/etc/evil.csv', 'C:/evil.csv', 'dir\\evil.csv']) {
    it(`refuses an unsafe entry name: ${name}`, async () => {
      const zip = writeZip({ 'ok.csv': Buffer.from(csvText), [name]: Buffer.from('x') });
      await rejectsWith(openReportCsv(zip), ['unsafe-entry-name']);
    });
  }

  it('names unsafe entries itself too', () => {
    assert.equal(unsafeEntryName('reports/2016.1.csv'), null);
    assert.match(unsafeEntryName('..') ?? '', /\.\./);
    assert.match(unsafeEntryName('a\\b.csv') ?? '', /backslash/);
    assert.match(unsafeEntryName('/x.csv') ?? '', /absolute/);
  });

  it('refuses too many entries', async () => {
    const files: Zippable = {};
    for (let i = 0; i < 101; i++) files[`f${i}.csv`] = Buffer.from('a');
    await rejectsWith(openReportCsv(writeZip(files)), ['too-many-entries']);
    const ok = await openReportCsv(writeZip(files), { maxEntries: 200 });
    ok.stream.destroy();
  });

  it('refuses an archive without a CSV', async () => {
    const e = await rejectsWith(openReportCsv(writeZip({ 'a.txt': Buffer.from('x'), 'b.json': Buffer.from('{}') })), ['no-csv']);
    assert.match(e.message, /no \.csv/);
  });

  it('refuses truncated and non-zip files', async () => {
    const full = readFileSync(writeZip({ 'r.csv': Buffer.from(csvText) }));
    const truncated = path.join(dir, 'truncated.zip');
    writeFileSync(truncated, full.subarray(0, Math.floor(full.length / 2)));
    await rejectsWith(openReportCsv(truncated), ['not-a-zip', 'corrupt']);
    const html = path.join(dir, 'page.zip');
    writeFileSync(html, '<html><body>AccessDenied</body></html>');
    const e = await rejectsWith(openReportCsv(html), ['not-a-zip']);
    assert.match(e.message, /Download the report again/);
  });

  it('refuses corrupt compressed data while streaming', async () => {
    const zip = writeZip({ 'r.csv': Buffer.from(csvText) }, (b) => {
      // Overwrite the middle of the deflate stream (between local header and central directory).
      const cd = b.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      b.fill(0xff, Math.floor(cd / 3), Math.floor(cd / 3) + 64);
    });
    await rejectsWith(extractReportCsv(zip, path.join(dir, 'corrupt.csv')), ['corrupt']);
  });

  for (const level of [0, 6] as const) {
    const method = level === 0 ? 'stored' : 'deflated';
    it(`refuses a ${method} entry whose CRC-32 does not match its bytes`, async () => {
      const zipOf = (patch: (b: Buffer) => void) => {
        const bytes = Buffer.from(zipSync({ 'r.csv': [Buffer.from(csvText), { level }] }));
        patch(bytes);
        const file = path.join(dir, `crc${n++}.zip`);
        writeFileSync(file, bytes);
        return file;
      };
      // The CRC fields of both headers changed: the bytes are intact, the checksum is not theirs.
      const wrongCrc = zipOf((b) => {
        for (let i = 0; i + 4 <= b.length; i++) {
          const sig = b.readUInt32LE(i);
          if (sig === 0x04034b50) b.writeUInt32LE((b.readUInt32LE(i + 14) ^ 1) >>> 0, i + 14);
          if (sig === 0x02014b50) b.writeUInt32LE((b.readUInt32LE(i + 16) ^ 1) >>> 0, i + 16);
        }
      });
      const dest = path.join(dir, `crc-${method}.csv`);
      const e = await rejectsWith(extractReportCsv(wrongCrc, dest), ['corrupt']);
      assert.match(e.message, /checksum/);
      assert.equal(existsSync(dest), false, 'the partial file is removed');
      if (level === 0) {
        // A stored entry with one byte changed inflates fine; only the CRC can tell.
        const flipped = zipOf((b) => {
          const at = b.indexOf(Buffer.from('closed'));
          b[at] = 0x43; // 'C'
        });
        await rejectsWith(extractReportCsv(flipped, path.join(dir, 'flipped.csv')), ['corrupt']);
      }
      // The same archive untouched extracts.
      const ok = zipOf(() => undefined);
      assert.equal((await extractReportCsv(ok, path.join(dir, `crc-ok-${method}.csv`))).bytes, Buffer.byteLength(csvText));
    });
  }

  it('stops on abort', async () => {
    const zip = writeZip({ 'r.csv': Buffer.from(csvText) });
    const ac = new AbortController();
    ac.abort();
    await rejectsWith(openReportCsv(zip, { signal: ac.signal }), ['aborted']);
    const ac2 = new AbortController();
    const csv = await openReportCsv(zip, { signal: ac2.signal });
    let seen = 0;
    await assert.rejects(
      parseSessionReport(csv.stream, () => {
        if (++seen === 10) ac2.abort();
      }),
      (e: unknown) => e instanceof Error && e.name === 'AbortError',
    );
  });
});
