import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { unzipSync, strFromU8 } from 'fflate';
import { CRAFTED_ZIPS, MANY_ENTRIES_COUNT, startSimulator, ZIP_BOMB_SIZE, type Simulator } from '../../simulator';
import { zeroBombZip } from '../../simulator/zips';
import { appIcon, crc32, encodePng, PNG_SIGNATURE } from '../../simulator/png';
import { SESSION_HEADER_LINE } from '../../fixtures/sessions';
import { frameHeaders, request } from './client';

/** Reads the single local file header of a zip. */
function localHeader(zip: Buffer): { method: number; crc: number; compressed: number; size: number; name: string; dataStart: number } {
  assert.equal(zip.readUInt32LE(0), 0x04034b50);
  const nameLength = zip.readUInt16LE(26);
  const extraLength = zip.readUInt16LE(28);
  return {
    method: zip.readUInt16LE(8),
    crc: zip.readUInt32LE(14),
    compressed: zip.readUInt32LE(18),
    size: zip.readUInt32LE(22),
    name: zip.subarray(30, 30 + nameLength).toString('utf8'),
    dataStart: 30 + nameLength + extraLength,
  };
}

describe('simulator: crafted zips', function () {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ sessionsPerMonth: 200 });
  });
  after(() => sim.close());

  async function fetchZip(name: (typeof CRAFTED_ZIPS)[number]): Promise<Buffer> {
    const res = await request(sim.presignedUrl(name));
    assert.equal(res.status, 200, name);
    assert.equal(res.headers['content-type'], 'application/zip');
    return res.body;
  }

  it('the zero bomb construction inflates to exactly the declared size with the declared CRC (32 MiB variant)', async () => {
    const zip = zeroBombZip('x.csv', 32 * 1024 * 1024);
    const h = localHeader(zip);
    assert.equal(h.method, 8);
    assert.equal(h.size, 32 * 1024 * 1024);
    const data = zip.subarray(h.dataStart, h.dataStart + h.compressed);
    let total = 0;
    let crc = 0;
    let nonZero = false;
    await new Promise<void>((resolve, reject) => {
      const inflate = zlib.createInflateRaw();
      inflate.on('data', (c: Buffer) => {
        total += c.length;
        crc = zlib.crc32(c, crc);
        if (!nonZero && c.some((b) => b !== 0)) nonZero = true;
      });
      inflate.on('end', resolve);
      inflate.on('error', reject);
      inflate.end(data);
    });
    assert.equal(total, h.size);
    assert.equal(crc, h.crc);
    assert.equal(nonZero, false);
  });

  it('serves a ~1 MiB zip bomb declaring 1 GiB', async () => {
    const zip = await fetchZip('zip-bomb');
    assert.ok(zip.length < 2 * 1024 * 1024, `${zip.length} bytes`);
    const h = localHeader(zip);
    assert.equal(h.size, ZIP_BOMB_SIZE);
    assert.equal(h.name, 'report.csv');
    assert.equal(zip.readUInt32LE(zip.length - 22), 0x06054b50, 'end of central directory');
    // the first megabytes inflate to zeros
    const head = zlib.inflateRawSync(zip.subarray(h.dataStart, h.dataStart + 4096), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    assert.ok(head.length > 1_000_000 && head.every((b) => b === 0));
  });

  it('path-traversal, many-entries, no-csv, header-only, two-csv, html-page hold what they say', async () => {
    assert.deepEqual(Object.keys(unzipSync(new Uint8Array(await fetchZip('path-traversal')))), ['../../evil.csv']);
    const many = unzipSync(new Uint8Array(await fetchZip('many-entries')));
    assert.equal(Object.keys(many).length, MANY_ENTRIES_COUNT);
    const noCsv = Object.keys(unzipSync(new Uint8Array(await fetchZip('no-csv'))));
    assert.ok(noCsv.length > 0 && noCsv.every((n) => !n.endsWith('.csv')));
    const headerOnly = unzipSync(new Uint8Array(await fetchZip('header-only')));
    assert.equal(strFromU8(headerOnly['report.csv'] as Uint8Array), SESSION_HEADER_LINE + '\r\n');
    assert.equal(Object.keys(unzipSync(new Uint8Array(await fetchZip('two-csv')))).length, 2);
    const html = unzipSync(new Uint8Array(await fetchZip('html-page')));
    assert.match(strFromU8(html['report.csv'] as Uint8Array), /^<!DOCTYPE html>/);
  });

  it('corrupt is a cut zip that does not open', async () => {
    const zip = await fetchZip('corrupt');
    assert.equal(zip.readUInt32LE(0), 0x04034b50);
    assert.throws(() => unzipSync(new Uint8Array(zip)));
  });

  it('crafted links are presigned like the real ones (Frame headers refused, expiry enforced)', async () => {
    assert.equal((await request(sim.presignedUrl('no-csv'), { headers: frameHeaders() })).status, 403);
    assert.equal((await request(sim.presignedUrl('no-csv', { expiresInSeconds: -1 }))).status, 403);
    const unsigned = new URL(sim.presignedUrl('no-csv'));
    unsigned.search = '';
    assert.equal((await request(unsigned.toString())).status, 403);
  });
});

describe('simulator: PNG icons', () => {
  /** Parses chunks, checks every CRC, returns width, height and inflated image data. */
  function parsePng(png: Buffer): { width: number; height: number; raw: Buffer; types: string[] } {
    assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
    let o = 8;
    const types: string[] = [];
    const idat: Buffer[] = [];
    let width = 0;
    let height = 0;
    while (o < png.length) {
      const len = png.readUInt32BE(o);
      const type = png.subarray(o + 4, o + 8).toString('latin1');
      const data = png.subarray(o + 8, o + 8 + len);
      assert.equal(png.readUInt32BE(o + 8 + len), zlib.crc32(png.subarray(o + 4, o + 8 + len)), `${type} CRC`);
      types.push(type);
      if (type === 'IHDR') {
        width = data.readUInt32BE(0);
        height = data.readUInt32BE(4);
        assert.deepEqual([...data.subarray(8)], [8, 6, 0, 0, 0]);
      }
      if (type === 'IDAT') idat.push(data);
      o += 12 + len;
    }
    return { width, height, raw: zlib.inflateSync(Buffer.concat(idat)), types };
  }

  it('encodes valid RGBA PNGs', () => {
    const png = parsePng(encodePng(3, 2, (x, y) => [x * 80, y * 120, 7, 255]));
    assert.deepEqual(png.types, ['IHDR', 'IDAT', 'IEND']);
    assert.equal(png.raw.length, (3 * 4 + 1) * 2);
    assert.deepEqual([...png.raw.subarray(1 + 4, 1 + 8)], [80, 0, 7, 255]);
    const icon = parsePng(appIcon([10, 20, 30]));
    assert.equal(icon.width, 32);
    assert.equal(icon.height, 32);
  });

  it('computes the standard CRC-32', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.from('hello world')), zlib.crc32('hello world'));
  });
});
