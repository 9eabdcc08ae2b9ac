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
import * as l10n from '@vscode/l10n';
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
  if (name.includes('\\')) return l10n.t('contains a backslash');
  if (name.includes('\0')) return l10n.t('contains a NUL character');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return l10n.t('is an absolute path');
  if (name.split('/').includes('..')) return l10n.t('climbs out of the archive with ".."');
  return null;
}

function archiveError(reason: ReportArchiveReason, detail: string, cause?: unknown): ReportArchiveError {
  const advice: Record<ReportArchiveReason, string> = {
    'not-a-zip': l10n.t('Download the report again; if it keeps failing, the link may have expired.'),
    corrupt: l10n.t('Download the report again.'),
    'too-many-entries': l10n.t('A Frame report holds a single CSV; this file is not one.'),
    'unsafe-entry-name': l10n.t('The archive was refused for safety; a Frame report never contains such names.'),
    'no-csv': l10n.t('A Frame report holds a single .csv file; check that this is a session report.'),
    'too-large': l10n.t('Raise the size limit in the settings if this report is genuine.'),
    'compression-ratio': l10n.t('The archive looks like a zip bomb and was not extracted.'),
    aborted: '',
  };
  // Two sentences, each translated whole: what is wrong, then what to do.
  const head = l10n.t({
    message: 'Session report archive: {0}.',
    args: [detail],
    comment: ['{0} says what is wrong, e.g. "the archive contains no .csv file".'],
  });
  const msg = advice[reason] ? `${head} ${advice[reason]}` : head;
  return new ReportArchiveError(reason, msg, cause === undefined ? undefined : { cause });
}

/** Maps yauzl's errors (plain `Error`s) onto reasons. */
function fromYauzl(err: unknown): ReportArchiveError {
  if (err instanceof ReportArchiveError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/invalid characters in fileName|absolute path|invalid relative path/.test(message)) {
    return archiveError('unsafe-entry-name', l10n.t('an entry name is unsafe ({0})', message), err);
  }
  if (/End of central directory record signature not found/.test(message)) {
    return archiveError('not-a-zip', l10n.t('the file is not a zip archive, or it is truncated'), err);
  }
  return archiveError('corrupt', l10n.t('the archive is damaged ({0})', message), err);
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
        reject(
          archiveError(
            'unsafe-entry-name',
            l10n.t({
              message: 'entry {0} {1}',
              args: [JSON.stringify(entry.fileName), why],
              comment: ['{1} is a reason such as "is an absolute path".'],
            }),
          ),
        );
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
      else reject(archiveError('no-csv', l10n.t('the archive contains no .csv file')));
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
      done(archiveError('too-large', l10n.t('the CSV inflates beyond the {0}-byte limit', this.maxBytes)));
      return;
    }
    if (this.bytes > this.ratioCheckAbove && this.bytes / Math.max(1, this.compressedSize) > this.maxRatio) {
      done(archiveError('compression-ratio', l10n.t('the CSV inflates more than {0}:1', this.maxRatio)));
      return;
    }
    this.crc = crc32(chunk, this.crc);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.crc >>> 0 !== this.expectedCrc >>> 0) {
      const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
      done(
        archiveError(
          'corrupt',
          l10n.t("the CSV's checksum is wrong (CRC-32 {0}, the archive says {1})", hex(this.crc), hex(this.expectedCrc)),
        ),
      );
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
    if (signal?.aborted) throw archiveError('aborted', l10n.t('cancelled'), signal.reason);
  };
  checkAbort();
  const zip = await openZip(zipPath);
  try {
    checkAbort();
    if (zip.entryCount > limits.maxEntries) {
      throw archiveError('too-many-entries', l10n.t('it has {0} entries (at most {1} accepted)', zip.entryCount, limits.maxEntries));
    }
    const entry = await findCsvEntry(zip);
    checkAbort();
    if (entry.isEncrypted()) throw archiveError('corrupt', l10n.t('entry {0} is encrypted', JSON.stringify(entry.fileName)));
    if (entry.uncompressedSize > limits.maxUncompressedBytes) {
      throw archiveError(
        'too-large',
        l10n.t('the CSV declares {0} bytes (limit {1})', entry.uncompressedSize, limits.maxUncompressedBytes),
      );
    }
    if (
      entry.uncompressedSize > limits.ratioCheckAbove &&
      entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxCompressionRatio
    ) {
      throw archiveError('compression-ratio', l10n.t('the CSV declares a ratio above {0}:1', limits.maxCompressionRatio));
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
