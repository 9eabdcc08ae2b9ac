/**
 * Zip archives served from the presigned origin: the monthly session reports (one CSV entry,
 * deterministic bytes) and crafted archives for robustness tests.
 */
import * as zlib from 'node:zlib';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { SESSION_HEADER_LINE } from '../fixtures/sessions';

/** Fixed modification time so the same seed always gives the same bytes. */
const FIXED_MTIME = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));

export function reportZip(entryName: string, csv: string, mtime: Date = FIXED_MTIME): Buffer {
  const zipped = zipSync({ [entryName]: [strToU8(csv), { level: 6, mtime }] });
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}

/** Names of the crafted archives reachable through `Simulator.presignedUrl(name)`. */
export const CRAFTED_ZIPS = [
  'zip-bomb',
  'path-traversal',
  'many-entries',
  'no-csv',
  'corrupt',
  'header-only',
  'two-csv',
  'html-page',
] as const;
export type CraftedZipName = (typeof CRAFTED_ZIPS)[number];

export function isCraftedZip(name: string): name is CraftedZipName {
  return (CRAFTED_ZIPS as readonly string[]).includes(name);
}

/** Declared and actual decompressed size of the zip bomb's single entry: 1 GiB of zeros. */
export const ZIP_BOMB_SIZE = 1024 * 1024 * 1024;
export const MANY_ENTRIES_COUNT = 5000;

const SMALL_CSV =
  SESSION_HEADER_LINE +
  '\r\n' +
  '"eva.silva1@example.com","Microsoft Excel","330","Austin","2024-01-02 10:11:12","1800","closed","8.00","41","2480.0","29.5","1920x1080","FrameApp/7.3.1 (Windows 11; x64)","11.2.3.4","Air 8GB","production","","","ops@example.com","Crafted","CRAF-TED0-0000-0001","Texas","US","00000000-0000-0000-0000-000000000001","900.0"\r\n';

/** What a proxy or an expired link can hand back instead of a report. */
export const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Access Denied</title></head>\n<body><h1>Access Denied</h1><p>Request has expired.</p></body></html>\n';

function fflateZip(files: Zippable): Buffer {
  const z = zipSync(files, { mtime: FIXED_MTIME });
  return Buffer.from(z.buffer, z.byteOffset, z.byteLength);
}

export function craftedZip(name: CraftedZipName, fullReportZip: () => Buffer): Buffer {
  switch (name) {
    case 'zip-bomb':
      return zeroBombZip('report.csv', ZIP_BOMB_SIZE);
    case 'path-traversal':
      return fflateZip({ '../../evil.csv': strToU8(SMALL_CSV) });
    case 'many-entries': {
      const files: Zippable = {};
      for (let i = 0; i < MANY_ENTRIES_COUNT; i++) files[`part-${String(i).padStart(5, '0')}.csv`] = strToU8(SMALL_CSV);
      return fflateZip(files);
    }
    case 'no-csv':
      return fflateZip({ 'README.txt': strToU8('This archive holds no CSV file.\n'), 'data/report.json': strToU8('{"rows":[]}') });
    case 'corrupt': {
      const whole = fullReportZip();
      return whole.subarray(0, Math.floor(whole.length / 2)); // cut: no central directory, entry data cut short
    }
    case 'header-only':
      return fflateZip({ 'report.csv': strToU8(SESSION_HEADER_LINE + '\r\n') });
    case 'two-csv':
      return fflateZip({ 'a.csv': strToU8(SMALL_CSV), 'b.csv': strToU8(SMALL_CSV) });
    case 'html-page':
      // An error page saved under a report's name: a valid zip whose CSV is not a session report.
      return fflateZip({ 'report.csv': strToU8(HTML_PAGE) });
  }
}

/**
 * A zip with one deflated entry that inflates to `size` zero bytes (size a multiple of 16 MiB,
 * below 4 GiB), built without ever compressing `size` bytes: a sync-flushed raw-deflate fragment
 * of 16 MiB of zeros is repeated (every copy is valid after any run of zeros) and a final empty
 * block closes the stream. The CRC is computed from the native zlib.crc32 over a reused buffer.
 */
export function zeroBombZip(entryName: string, size: number): Buffer {
  const piece = 16 * 1024 * 1024;
  if (size % piece !== 0 || size <= 0 || size >= 2 ** 32)
    throw new Error('zeroBombZip: size must be a positive multiple of 16 MiB below 4 GiB');
  const zeros = Buffer.alloc(piece);
  const fragment = zlib.deflateRawSync(zeros, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const copies = size / piece;
  let crc = 0;
  for (let i = 0; i < copies; i++) crc = zlib.crc32(zeros, crc);
  const data = Buffer.concat([...Array.from({ length: copies }, () => fragment), Buffer.from([0x03, 0x00])]);
  return storeZip(entryName, data, 8, crc, size);
}

/** A one-entry zip around already-compressed data (method 8 = deflate, 0 = stored). */
function storeZip(name: string, data: Buffer, method: number, crc: number, uncompressedSize: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const dosTime = 0; // 00:00:00
  const dosDate = ((2024 - 1980) << 9) | (1 << 5) | 1; // 2024-01-01
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(method, 8);
  local.writeUInt16LE(dosTime, 10);
  local.writeUInt16LE(dosDate, 12);
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(uncompressedSize, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt16LE(dosTime, 12);
  central.writeUInt16LE(dosDate, 14);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(uncompressedSize, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  // extra, comment, disk, internal attrs, external attrs, local header offset: all 0
  const centralOffset = local.length + nameBytes.length + data.length;
  const centralSize = central.length + nameBytes.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}
