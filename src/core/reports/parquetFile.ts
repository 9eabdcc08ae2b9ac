/**
 * A Parquet file being written: the `PAR1` magic, row groups of encoded column chunks
 * (parquetColumn.ts) as they come, then the footer (FileMetaData in Thrift compact) with every
 * column OPTIONAL, text BYTE_ARRAY UTF8, numbers DOUBLE, times INT64 TIMESTAMP_MILLIS, Snappy:
 * the schema the export has always written (hyparquet-writer's, which the tests compare with).
 */
import { closeSync, openSync, writeSync, writevSync } from 'node:fs';
import type { EncodedChunk, ParquetType } from './parquetColumn';
import { ByteBuffer, ThriftWriter } from './parquetEncoding';

export interface ParquetField {
  name: string;
  type: ParquetType;
}

const MAGIC = Buffer.from('PAR1', 'latin1');
// parquet.thrift enums.
const BYTE_ARRAY = 6;
const DOUBLE = 5;
const INT64 = 2;
const OPTIONAL = 1;
const UTF8 = 0;
const TIMESTAMP_MILLIS = 9;
const SNAPPY = 1;
const PLAIN = 0;
const RLE_DICTIONARY = 8;

interface ChunkMeta {
  fileOffset: number;
  dictionaryOffset: number | undefined;
  dataOffset: number;
  bytes: number;
  uncompressedBytes: number;
  rows: number;
  stats: EncodedChunk['stats'];
}

interface RowGroupMeta {
  columns: ChunkMeta[];
  rows: number;
  fileOffset: number;
  bytes: number;
  uncompressedBytes: number;
}

export class ParquetFileWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly rowGroups: RowGroupMeta[] = [];
  private closed = false;

  constructor(
    readonly path: string,
    private readonly fields: readonly ParquetField[],
    private readonly createdBy: string,
  ) {
    this.fd = openSync(path, 'w');
    this.write([MAGIC]);
  }

  /** Bytes written so far. */
  get size(): number {
    return this.offset;
  }

  /** Appends a row group: one chunk per field, in the fields' order. */
  writeRowGroup(chunks: readonly EncodedChunk[]): void {
    const start = this.offset;
    const columns: ChunkMeta[] = [];
    let uncompressedBytes = 0;
    for (const c of chunks) {
      columns.push({
        fileOffset: this.offset,
        dictionaryOffset: c.hasDictionary ? this.offset : undefined,
        dataOffset: this.offset + c.dataPageOffset,
        bytes: c.bytes,
        uncompressedBytes: c.uncompressedBytes,
        rows: c.rows,
        stats: c.stats,
      });
      uncompressedBytes += c.uncompressedBytes;
      this.write(c.parts);
    }
    this.rowGroups.push({ columns, rows: chunks[0]?.rows ?? 0, fileOffset: start, bytes: this.offset - start, uncompressedBytes });
  }

  /** Writes the footer and closes the file. */
  finish(): void {
    const out = new ByteBuffer(1 << 14);
    const t = new ThriftWriter(out);
    const fields = this.fields;
    t.message(() => {
      t.i32(1, 2);
      t.structList(2, [undefined, ...fields], (f) => {
        if (!f) {
          t.string(4, 'root');
          t.i32(5, fields.length);
          return;
        }
        t.i32(1, f.type === 'STRING' ? BYTE_ARRAY : f.type === 'DOUBLE' ? DOUBLE : INT64);
        t.i32(3, OPTIONAL);
        t.string(4, f.name);
        if (f.type !== 'DOUBLE') t.i32(6, f.type === 'STRING' ? UTF8 : TIMESTAMP_MILLIS);
      });
      t.i64(
        3,
        this.rowGroups.reduce((n, g) => n + g.rows, 0),
      );
      t.structList(4, this.rowGroups, (g) => {
        t.structList(1, g.columns, (c) => {
          const f = fields[g.columns.indexOf(c)]!;
          t.i64(2, c.fileOffset);
          t.struct(3, () => {
            t.i32(1, f.type === 'STRING' ? BYTE_ARRAY : f.type === 'DOUBLE' ? DOUBLE : INT64);
            t.i32List(2, c.dictionaryOffset === undefined ? [PLAIN] : [PLAIN, RLE_DICTIONARY]);
            t.stringList(3, [f.name]);
            t.i32(4, SNAPPY);
            t.i64(5, c.rows);
            t.i64(6, c.uncompressedBytes);
            t.i64(7, c.bytes);
            t.i64(9, c.dataOffset);
            if (c.dictionaryOffset !== undefined) t.i64(11, c.dictionaryOffset);
            const stats = c.stats;
            if (stats)
              t.struct(12, () => {
                t.i64(3, stats.nulls);
                if (stats.max) t.binary(5, stats.max);
                if (stats.min) t.binary(6, stats.min);
              });
          });
        });
        t.i64(2, g.uncompressedBytes);
        t.i64(3, g.rows);
        t.i64(5, g.fileOffset);
        t.i64(6, g.bytes);
      });
      t.string(6, this.createdBy);
      // Every column ordered by its type's order (what min/max statistics mean).
      t.structList(7, fields, () => t.struct(1, () => undefined));
    });
    const length = out.pos;
    out.u32(length);
    out.append(MAGIC);
    this.write([out.bytes()]);
    this.close();
  }

  /** Closes the file (after `finish`, or to give up on it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private write(parts: readonly Uint8Array[]): void {
    let n = 0;
    for (const p of parts) n += p.length;
    let written = parts.length === 1 ? writeSync(this.fd, parts[0]!) : writevSync(this.fd, parts as Uint8Array[]);
    // A short write (rare, on some file systems): the rest, part by part.
    if (written < n) {
      let skip = written;
      for (const p of parts) {
        if (skip >= p.length) {
          skip -= p.length;
          continue;
        }
        let at = skip;
        skip = 0;
        while (at < p.length) at += writeSync(this.fd, p, at);
      }
      written = n;
    }
    this.offset += written;
  }
}
