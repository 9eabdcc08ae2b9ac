/**
 * Worker-thread entry of the session reader pool (sessionReadPool.ts): reads one month per job
 * and hands the segment back with its column buffers transferred (not copied). Bundled by
 * esbuild.js as its own entry (dist/reportsWorker.js); tests run it from out/.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useL10nBundle, type L10nBundle } from '../l10n';
import { openMonth, type MonthJob } from './monthReader';
import { segmentTransferList } from './sessionColumns';

const port = parentPort;
if (!port) throw new Error('reportsWorker runs as a worker thread');
// The display language's strings, from the pool (sessionReadPool.ts): messages built here are translated too.
useL10nBundle((workerData as { l10nBundle?: L10nBundle } | null)?.l10nBundle);

port.on('message', (job: MonthJob & { id: number }) => {
  openMonth(job).then(
    (result) => port.postMessage({ id: job.id, result }, segmentTransferList(result.segment)),
    (e: unknown) => {
      const err = e as { name?: string; message?: string; kind?: string; code?: string; reason?: string };
      port.postMessage({
        id: job.id,
        error: { name: err?.name ?? 'Error', message: err?.message ?? String(e), kind: err?.kind, code: err?.code, reason: err?.reason },
      });
    },
  );
});
