/** CRC-32 for zip entries and the columnar cache. */
import * as zlib from 'node:zlib';

/** CRC-32 (IEEE), incremental: zlib's native one where Node has it (20.15+), else a table. */
export const crc32: (data: Uint8Array, value?: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data, value = 0) => (zlib as unknown as { crc32(d: Uint8Array, v: number): number }).crc32(data, value)
    : tableCrc32;

let CRC_TABLE: Uint32Array | undefined;
function tableCrc32(data: Uint8Array, value = 0): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = ~value >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
