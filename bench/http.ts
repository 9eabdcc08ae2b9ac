/**
 * 500 signed GETs against the simulator through the project's transport (keep-alive pool), and the
 * same through a baseline that opens a connection per request (node:http, no agent keep-alive),
 * measured in the same run: requests/s, sockets opened, and the ratio.
 */
import * as http from 'node:http';
import { HttpTransport } from '../src/core/http';
import { signRequest } from '../src/core/signing';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../test/simulator';
import type { BenchSection } from './section';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const CONCURRENCY = 16;
const POOL = 6;
const creds = { scheme: 'frame' as const, ...DEMO_CREDENTIALS };

/** Runs `total` calls of `one`, `concurrency` at a time; returns the elapsed seconds. */
async function drive(total: number, concurrency: number, one: () => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) await one();
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function baselineGet(url: URL): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers = signRequest(creds, { method: 'GET', path: url.pathname });
    const req = http.get(url, { agent: false, headers: { ...headers, Connection: 'close' } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`baseline got HTTP ${res.statusCode}`));
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // Same work as the transport's requestJson: the whole body parsed.
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve();
      });
    });
    req.on('error', reject);
  });
}

async function measure(
  sim: Simulator,
  label: string,
  run: () => Promise<number>,
  log: (l: string) => void,
): Promise<{ rps: number; sockets: number }> {
  const before = sim.connectionCount;
  const seconds = await run();
  const sockets = sim.connectionCount - before;
  const rps = REQUESTS / seconds;
  log(
    `${label.padEnd(34)} ${rps.toFixed(0).padStart(6)} req/s  ${sockets.toString().padStart(4)} sockets  (${REQUESTS} GETs, ${CONCURRENCY} in flight, ${seconds.toFixed(2)} s)`,
  );
  return { rps, sockets };
}

export const httpSection: BenchSection = {
  name: 'http',
  title: `HTTP: ${REQUESTS} signed GETs against the simulator`,
  async run(log) {
    const sim = await startSimulator();
    const transport = new HttpTransport({ connectionsPerOrigin: POOL });
    try {
      const url = new URL(sim.webApiBase + '/accounts/');
      const sign = (u: URL) => signRequest(creds, { method: 'GET', path: u.pathname });
      // Warm-up outside the measurement (JIT, simulator data).
      await transport.requestJson({ method: 'GET', url, sign, maxBytes: 1 << 20 });
      const ours = await measure(
        sim,
        `transport (keep-alive pool of ${POOL})`,
        () => drive(REQUESTS, CONCURRENCY, async () => void (await transport.requestJson({ method: 'GET', url, sign, maxBytes: 1 << 20 }))),
        log,
      );
      const base = await measure(sim, 'baseline (new socket per request)', () => drive(REQUESTS, CONCURRENCY, () => baselineGet(url)), log);
      log(`ratio: ${(ours.rps / base.rps).toFixed(2)}x the baseline's requests/s with ${ours.sockets} sockets instead of ${base.sockets}`);
      if (ours.sockets > POOL) throw new Error(`keep-alive did not hold: ${ours.sockets} sockets for a pool of ${POOL}`);
    } finally {
      await transport.close();
      await sim.close();
    }
  },
};
