/**
 * Months side by side: a pool of worker threads, each opening one month at a time (columnar cache
 * or CSV, see monthReader.ts) and handing its segment back with the buffers transferred. Months
 * are independent, so the work splits without coordination; the host only merges the small
 * aggregate states and keeps the columns. Aborting the signal terminates every worker at once.
 *
 * The worker script is `reportsWorker.js` beside this module at run time: dist/ in the bundled
 * extension (esbuild.js builds it as a second entry), out/src/core/reports/ in tests and the bench.
 */
import * as l10n from '@vscode/l10n';
import { open as openFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FrameError, type ErrorKind } from '../errors';
import { currentL10nBundle } from '../l10n';
import { ReportArchiveError, SessionReportError, type ReportArchiveReason, type SessionReportErrorCode } from './errors';
import { ColumnarCache } from './columnarCache';
import { openMonth, type MonthJob, type OpenedMonth } from './monthReader';
import { concatSegments } from './sessionMerge';
import type { SessionSegment } from './sessionColumns';

/** A month as read by openSplit: its parts in file order (one when it was read whole or from the cache). */
export interface OpenedParts {
  segments: SessionSegment[];
  cached: boolean;
}

/** Files smaller than this are not split: a part would cost more to start than it saves. */
const MIN_SPLIT_BYTES = 32 * 1024 * 1024;
/** Bytes searched for a record start after each split point. */
const SPLIT_WINDOW = 256 * 1024;

export interface ReadPoolOptions {
  /** Worker threads; 0 or 1 reads in this thread. Default: the cores available, at most 4. */
  threads?: number;
  /** Path of the worker script (default: reportsWorker.js beside this module). */
  workerScript?: string;
  /** Files smaller than this are read in one piece by openSplit. Default 32 MiB. */
  minSplitBytes?: number;
}

interface Pending {
  job: MonthJob;
  resolve: (m: OpenedMonth) => void;
  reject: (e: unknown) => void;
}

interface WorkerError {
  name: string;
  message: string;
  kind?: ErrorKind;
  code?: string;
  reason?: string;
}

/** The default number of threads for `jobs` months on this machine. */
export function defaultThreads(jobs = Infinity): number {
  return Math.max(1, Math.min(4, availableParallelism(), jobs));
}

/**
 * Reader threads across the host: every pool (each panel's load, each export) takes its workers
 * from one budget, so a webview sending a dozen loads, or a dozen panels, never runs more threads
 * than the machine has cores for (at most 4). A pool over budget waits for a thread to end.
 */
class ThreadBudget {
  private used = 0;
  private peakUsed = 0;
  private readonly waiting = new Set<() => void>();

  constructor(readonly limit: number) {}

  take(): boolean {
    if (this.used >= this.limit) return false;
    this.peakUsed = Math.max(this.peakUsed, ++this.used);
    return true;
  }

  give(): void {
    this.used--;
    for (const wake of [...this.waiting]) wake();
  }

  wait(wake: () => void): void {
    this.waiting.add(wake);
  }

  unwait(wake: () => void): void {
    this.waiting.delete(wake);
  }

  get contended(): boolean {
    return this.waiting.size > 0;
  }

  get state(): { running: number; limit: number; peak: number } {
    return { running: this.used, limit: this.limit, peak: this.peakUsed };
  }
}

const HOST_THREADS = new ThreadBudget(defaultThreads());

/** Reader threads running in this host now, the most there may be, and the most there have been. */
export function readerThreads(): { running: number; limit: number; peak: number } {
  return HOST_THREADS.state;
}

export class SessionReadPool {
  readonly threads: number;
  private readonly script: string;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private workers = 0;
  private closed: unknown;
  private readonly minSplitBytes: number;

  constructor(
    private readonly signal?: AbortSignal,
    options: ReadPoolOptions = {},
  ) {
    this.threads = Math.max(0, Math.floor(options.threads ?? defaultThreads()));
    this.script = options.workerScript ?? path.join(__dirname, 'reportsWorker.js');
    this.minSplitBytes = options.minSplitBytes ?? MIN_SPLIT_BYTES;
    signal?.addEventListener('abort', () => this.close(cancelled()), { once: true });
  }

  /** Worker threads running now (for tests: 0 once closed). */
  get running(): number {
    return this.workers;
  }

  /** Opens a month (in a worker when the pool has threads). */
  open(job: MonthJob): Promise<OpenedMonth> {
    if (this.closed !== undefined) return Promise.reject(this.closed);
    if (this.signal?.aborted) return Promise.reject(cancelled());
    if (this.threads <= 1) return openMonth(job, this.signal);
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Opens one month in `parts` pieces read side by side (when there are more threads than
   * months). Each split point is moved to a likely record start (`"` line break `"`, the shape of
   * Frame's all-quoted reports); the part before it must end exactly there, which is checked: if
   * a guess fell inside a quoted field, the rest of the file is read again in one piece. Without
   * a cache the parts are handed back as they are (the table takes parts; joining them would
   * briefly hold the month twice); with one, they are joined into the month's single entry.
   */
  async openSplit(job: MonthJob, parts: number): Promise<OpenedParts> {
    const whole = async (): Promise<OpenedParts> => {
      const m = await this.open(job);
      return { segments: [m.segment], cached: m.cached };
    };
    if (parts <= 1 || this.threads <= 1 || job.range) return whole();
    const size = (await stat(job.csv)).size;
    if (size < this.minSplitBytes) return whole();
    const cache = job.cacheFolder ? new ColumnarCache(job.cacheFolder, { maxBytes: job.cacheMaxBytes }) : undefined;
    const hit = await cache?.get(job.csv);
    if (hit) return { segments: [hit], cached: true };
    try {
      const starts = await recordStartsNear(job.csv, size, parts);
      const opened = await Promise.all(
        starts.map((start, k) => this.open({ csv: job.csv, range: { start, end: starts[k + 1] ?? Infinity } })),
      );
      const segments: SessionSegment[] = [];
      for (const [k, part] of opened.entries()) {
        segments.push(part.segment);
        const end = starts[k + 1] ?? size;
        if (part.endedAt !== end) {
          // The guess after this part was not a record start: read on from where this part really ended.
          if (part.endedAt! < size)
            segments.push((await this.open({ csv: job.csv, range: { start: part.endedAt!, end: Infinity } })).segment);
          break;
        }
      }
      if (!cache) return { segments, cached: false };
      const segment = concatSegments(segments);
      await cache.put(job.csv, segment);
      return { segments: [segment], cached: false };
    } catch (e) {
      await cache?.drop(job.csv);
      throw e;
    }
  }

  /** Stops every worker now; whatever is pending rejects with `reason` (default: cancelled). */
  close(reason: unknown = cancelled()): void {
    if (this.closed !== undefined) return;
    this.closed = reason;
    HOST_THREADS.unwait(this.wake);
    for (const p of [...this.queue, ...this.busy.values()]) p.reject(reason);
    this.queue.length = 0;
    for (const w of [...this.idle, ...this.busy.keys()]) void w.terminate();
    this.idle.length = 0;
    this.busy.clear();
  }

  private readonly wake = (): void => {
    HOST_THREADS.unwait(this.wake);
    if (this.closed === undefined) this.dispatch();
  };

  private dispatch(): void {
    while (this.queue.length > 0) {
      let worker = this.idle.pop();
      if (!worker) {
        if (this.workers >= this.threads) return;
        if (!HOST_THREADS.take()) {
          // Every thread of the host is busy: go on when one ends (anywhere).
          HOST_THREADS.wait(this.wake);
          return;
        }
        worker = this.spawn();
      }
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      worker.postMessage({ id: 0, ...pending.job });
    }
  }

  private spawn(): Worker {
    // The worker has its own @vscode/l10n: it gets this side's strings so its errors read in the same language.
    const worker = new Worker(this.script, { workerData: { l10nBundle: currentL10nBundle() } });
    this.workers++;
    worker.on('message', (msg: { result?: OpenedMonth; error?: WorkerError }) => {
      const pending = this.busy.get(worker);
      if (!pending) return;
      this.busy.delete(worker);
      if (msg.error) pending.reject(rebuild(msg.error));
      else pending.resolve(msg.result!);
      if (this.closed !== undefined) return;
      // Nothing queued here while another pool waits for a thread: this one ends and frees its place.
      if (this.queue.length === 0 && HOST_THREADS.contended) void worker.terminate();
      else {
        this.idle.push(worker);
        this.dispatch();
      }
    });
    worker.on('error', (e) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      pending?.reject(e);
    });
    worker.on('exit', () => {
      this.workers--;
      HOST_THREADS.give();
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      pending?.reject(this.closed ?? new Error(l10n.t('a session reader thread stopped')));
    });
    return worker;
  }

  /** Lets idle workers go (the pool can be used again: new ones start on demand). */
  release(): void {
    for (const w of this.idle.splice(0)) void w.terminate();
  }
}

/** 0 and, for each of parts - 1 split points, the first likely record start after it (ascending, distinct). */
async function recordStartsNear(file: string, size: number, parts: number): Promise<number[]> {
  const starts = [0];
  const handle = await openFile(file, 'r');
  try {
    const buf = Buffer.alloc(SPLIT_WINDOW);
    for (let k = 1; k < parts; k++) {
      const at = Math.floor((k * size) / parts);
      const { bytesRead } = await handle.read(buf, 0, SPLIT_WINDOW, at);
      for (let i = 0; i + 3 < bytesRead; i++) {
        if (buf[i] !== 0x22) continue;
        const next = buf[i + 1] === 0x0a ? i + 2 : buf[i + 1] === 0x0d && buf[i + 2] === 0x0a ? i + 3 : -1;
        if (next > 0 && buf[next] === 0x22) {
          if (at + next > starts[starts.length - 1]!) starts.push(at + next);
          break;
        }
      }
    }
  } finally {
    await handle.close();
  }
  return starts;
}

function cancelled(): FrameError {
  return new FrameError('cancelled', l10n.t('Reading the session reports was cancelled.'));
}

/** The worker's error as the same class on this side, so messages and kinds reach the user intact. */
function rebuild(e: WorkerError): Error {
  if (e.name === 'SessionReportError') return new SessionReportError(e.code as SessionReportErrorCode, e.message);
  if (e.name === 'ReportArchiveError') return new ReportArchiveError(e.reason as ReportArchiveReason, e.message);
  if (e.kind) return new FrameError(e.kind, e.message);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
