/**
 * Opens one month's sessions for the panel: from the columnar cache when it holds this CSV, else
 * by reading the CSV (and then keeping the result in the cache). The same function runs in the
 * reader pool's workers and in the host when no worker is used.
 */
import { ColumnarCache } from './columnarCache';
import { readSessionFile, readSessionPart, type SessionSegment } from './sessionColumns';

export interface MonthJob {
  /** The month's CSV on disk. */
  csv: string;
  /** Columnar cache folder; none: always read the CSV. */
  cacheFolder?: string;
  /** Cache size cap in bytes (least recently used entries go first). */
  cacheMaxBytes?: number;
  /** Only the records starting in [start, end) (a part read side by side with others; no cache). */
  range?: { start: number; end: number };
}

export interface OpenedMonth {
  segment: SessionSegment;
  /** Whether it came from the columnar cache. */
  cached: boolean;
  /** For a part: where it really ended (the first record start at or after its end). */
  endedAt?: number;
}

export async function openMonth(job: MonthJob, signal?: AbortSignal): Promise<OpenedMonth> {
  if (job.range) {
    const part = await readSessionPart(job.csv, job.range.start, job.range.end, { signal });
    return { segment: part.segment, cached: false, endedAt: part.endedAt };
  }
  const cache = job.cacheFolder ? new ColumnarCache(job.cacheFolder, { maxBytes: job.cacheMaxBytes }) : undefined;
  if (cache) {
    const hit = await cache.get(job.csv);
    if (hit) return { segment: hit, cached: true };
  }
  let segment: SessionSegment;
  try {
    segment = await readSessionFile(job.csv, { signal });
  } catch (e) {
    // A month that does not parse must not stay cached: "Refresh" downloads it again.
    await cache?.drop(job.csv);
    throw e;
  }
  await cache?.put(job.csv, segment);
  return { segment, cached: false };
}
