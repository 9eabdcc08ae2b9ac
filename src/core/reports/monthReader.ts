/**
 * Opens one month's sessions for the panel: from the columnar cache when it holds this CSV, else
 * by reading the CSV (and then keeping the result in the cache). The same function runs in the
 * reader pool's workers and in the host when no worker is used.
 */
import { ColumnarCache } from './columnarCache';
import { readSessionFile, type SessionSegment } from './sessionColumns';

export interface MonthJob {
  /** The month's CSV on disk. */
  csv: string;
  /** Columnar cache folder; none: always read the CSV. */
  cacheFolder?: string;
  /** Cache size cap in bytes (least recently used entries go first). */
  cacheMaxBytes?: number;
}

export interface OpenedMonth {
  segment: SessionSegment;
  /** Whether it came from the columnar cache. */
  cached: boolean;
}

export async function openMonth(job: MonthJob, signal?: AbortSignal): Promise<OpenedMonth> {
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
