/**
 * Monthly session reports arrive as `.csv.zip`. This opens one with yauzl (lazy entries, entry
 * sizes validated), picks its CSV entry and hands back the inflated bytes as a stream, with caps a
 * hostile or broken archive cannot get around:
 * - entry count (central directory), unsafe entry names (`..`, absolute, backslash) refuse the
 *   whole archive; the entry name is only ever used to choose, never as a path to write to;
 * - total inflated size and compression ratio are checked against the headers first, then again
 *   on the bytes as they are inflated (headers can lie), and the stream is torn down on breach;
 * - the CRC-32 of the inflated bytes must match the entry's (yauzl does not check it), so a
 *   damaged stored or deflated entry is refused instead of read as a report.
 */
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Readable, Transform, addAbortSignal, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import { crc32 } from './crc32';
import { ReportArchiveError, type ReportArchiveReason } from './errors';

export interface ReportArchiveLimits {
  /** Entries allowed in the archive. Default 100. */
  maxEntries?: number;
  /** Inflated bytes allowed for the CSV. Default 4 GiB. */
  maxUncompressedBytes?: number;
  /** Highest inflated/compressed ratio accepted once past `ratioCheckAbove` bytes. Default 200. */
  maxCompressionRatio?: number;
  /** Small entries may compress extremely well; the ratio is only checked beyond this. Default 1 MiB. */
  ratioCheckAbove?: number;
}

export interface OpenReportOptions extends ReportArchiveLimits {
  signal?: AbortSignal;
}

export interface ReportCsvStream {
  /** The entry's name inside the archive (informational only). */
  entryName: string;
  compressedSize: number;
  /** As declared by the archive; the stream enforces it. */
  uncompressedSize: number;
  /** Inflated CSV bytes. Errors with a `ReportArchiveError` on a breached cap or corrupt data, an AbortError on abort. */
  stream: Readable;
}

const GiB = 1024 ** 3;
const DEFAULTS: Required<ReportArchiveLimits> = {
  maxEntries: 100,
  maxUncompressedBytes: 4 * GiB,
  maxCompressionRatio: 200,
  ratioCheckAbove: 1024 * 1024,
};

/** Why an entry name is refused, or null when it is safe. Stricter than yauzl's own check. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\\')) return 'contains a backslash';
  if (name.includes('\0')) return 'contains a NUL character';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').includes('..')) return 'climbs out of the archive with ".."';
  return null;
}

function archiveError(reason: ReportArchiveReason, detail: string, cause?: unknown): ReportArchiveError {
  const advice: Record<ReportArchiveReason, string> = {
    'not-a-zip': 'Download the report again; if it keeps failing, the link may have expired.',
    corrupt: 'Download the report again.',
    'too-many-entries': 'A Frame report holds a single CSV; this file is not one.',
    'unsafe-entry-name': 'The archive was refused for safety; a Frame report never contains such names.',
    'no-csv': 'A Frame report holds a single .csv file; check that this is a session report.',
    'too-large': 'Raise the size limit in the settings if this report is genuine.',
    'compression-ratio': 'The archive looks like a zip bomb and was not extracted.',
    aborted: '',
  };
  const msg = `Session report archive: ${detail}. ${advice[reason]}`.trim();
  return new ReportArchiveError(reason, msg, cause === undefined ? undefined : { cause });
}

/** Maps yauzl's errors (plain `Error`s) onto reasons. */
function fromYauzl(err: unknown): ReportArchiveError {
  if (err instanceof ReportArchiveError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/invalid characters in fileName|absolute path|invalid relative path/.test(message)) {
    return archiveError('unsafe-entry-name', `an entry name is unsafe (${message})`, err);
  }
  if (/End of central directory record signature not found/.test(message)) {
    return archiveError('not-a-zip', 'the file is not a zip archive, or it is truncated', err);
  }
  return archiveError('corrupt', `the archive is damaged (${message})`, err);
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true, decodeStrings: true },
      (err, zip) => (err || !zip ? reject(fromYauzl(err ?? new Error('no zip'))) : resolve(zip)),
    );
  });
}

/** Reads the whole central directory (bounded by maxEntries), checking every name; returns the CSV entry. */
function findCsvEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry> {
  return new Promise((resolve, reject) => {
    let csv: yauzl.Entry | undefined;
    const files: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      const why = unsafeEntryName(entry.fileName);
      if (why) {
        zip.removeAllListeners();
        reject(archiveError('unsafe-entry-name', `entry ${JSON.stringify(entry.fileName)} ${why}`));
        return;
      }
      const name = entry.fileName;
      if (!name.endsWith('/') && !name.startsWith('__MACOSX/')) {
        files.push(entry);
        if (!csv && /\.csv$/i.test(name)) csv = entry;
      }
      zip.readEntry();
    });
    zip.on('end', () => {
      // The first .csv; failing that, a lone file whatever its name.
      const chosen = csv ?? (files.length === 1 ? files[0] : undefined);
      if (chosen) resolve(chosen);
      else reject(archiveError('no-csv', 'the archive contains no .csv file'));
    });
    zip.on('error', (err) => reject(fromYauzl(err)));
    zip.readEntry();
  });
}

/** Counts inflated bytes, fails the stream as soon as a cap is crossed, and checks the CRC at the end. */
class EntryGuard extends Transform {
  bytes = 0;
  private crc = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly compressedSize: number,
    private readonly maxRatio: number,
    private readonly ratioCheckAbove: number,
    private readonly expectedCrc: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(archiveError('too-large', `the CSV inflates beyond the ${this.maxBytes}-byte limit`));
      return;
    }
    if (this.bytes > this.ratioCheckAbove && this.bytes / Math.max(1, this.compressedSize) > this.maxRatio) {
      done(archiveError('compression-ratio', `the CSV inflates more than ${this.maxRatio}:1`));
      return;
    }
    this.crc = crc32(chunk, this.crc);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.crc >>> 0 !== this.expectedCrc >>> 0) {
      const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
      done(archiveError('corrupt', `the CSV's checksum is wrong (CRC-32 ${hex(this.crc)}, the archive says ${hex(this.expectedCrc)})`));
      return;
    }
    done();
  }
}

function openEntryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, rs) => (err || !rs ? reject(fromYauzl(err ?? new Error('no stream'))) : resolve(rs)));
  });
}

/**
 * Opens the report's CSV entry as a stream of inflated bytes. The archive's file handle is
 * released when the stream ends, fails or is destroyed; destroy it to stop early.
 */
export async function openReportCsv(zipPath: string, options: OpenReportOptions = {}): Promise<ReportCsvStream> {
  const limits = { ...DEFAULTS, ...stripUndefined(options) };
  const { signal } = options;
  const checkAbort = (): void => {
    if (signal?.aborted) throw archiveError('aborted', 'cancelled', signal.reason);
  };
  checkAbort();
  const zip = await openZip(zipPath);
  try {
    checkAbort();
    if (zip.entryCount > limits.maxEntries) {
      throw archiveError('too-many-entries', `it has ${zip.entryCount} entries (at most ${limits.maxEntries} accepted)`);
    }
    const entry = await findCsvEntry(zip);
    checkAbort();
    if (entry.isEncrypted()) throw archiveError('corrupt', `entry ${JSON.stringify(entry.fileName)} is encrypted`);
    if (entry.uncompressedSize > limits.maxUncompressedBytes) {
      throw archiveError('too-large', `the CSV declares ${entry.uncompressedSize} bytes (limit ${limits.maxUncompressedBytes})`);
    }
    if (
      entry.uncompressedSize > limits.ratioCheckAbove &&
      entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxCompressionRatio
    ) {
      throw archiveError('compression-ratio', `the CSV declares a ratio above ${limits.maxCompressionRatio}:1`);
    }
    const raw = await openEntryStream(zip, entry);
    const guard = new EntryGuard(
      limits.maxUncompressedBytes,
      entry.compressedSize,
      limits.maxCompressionRatio,
      limits.ratioCheckAbove,
      entry.crc32,
    );
    raw.on('error', (err) => guard.destroy(fromYauzl(err)));
    guard.on('close', () => {
      raw.destroy();
      zip.close();
    });
    if (signal) addAbortSignal(signal, guard);
    raw.pipe(guard);
    return { entryName: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize, stream: guard };
  } catch (err) {
    zip.close();
    throw err;
  }
}

/**
 * Extracts the report's CSV to `destPath` (a path chosen by the caller, never derived from the
 * archive). A partial file is removed on failure.
 */
export async function extractReportCsv(
  zipPath: string,
  destPath: string,
  options: OpenReportOptions = {},
): Promise<{ entryName: string; bytes: number }> {
  const csv = await openReportCsv(zipPath, options);
  let bytes = 0;
  csv.stream.on('data', (c: Buffer) => (bytes += c.length));
  try {
    await pipeline(csv.stream, createWriteStream(destPath));
  } catch (err) {
    await unlink(destPath).catch(() => undefined);
    throw err;
  }
  return { entryName: csv.entryName, bytes };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
