/**
 * "Load all" of a long Admin API list: the Pager (each item becomes a node once) against the way
 * the tree paged before (every loaded item turned into a node again after each page), over the
 * same in-memory pages, measured in the same run: items mapped, wall and CPU time, the ratio.
 */
import { Pager } from '../src/core/api/paging';
import type { BenchSection } from './section';

const ITEMS = Number(process.env.BENCH_PAGING_ITEMS ?? 20_000);
const SERVED = 50;

interface Node {
  id: string;
  label: string;
}

const toNode = (n: number): Node => ({ id: `org/${n}`, label: `Organization ${n}` });

async function fetchPage(offset: number, limit: number) {
  const items = Array.from({ length: Math.max(0, Math.min(limit, SERVED, ITEMS - offset)) }, (_, i) => offset + i);
  return { items, hasMore: items.length > 0 };
}

async function measure(label: string, run: () => Promise<number>, log: (l: string) => void): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const mapped = await run();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1000;
  log(
    `${label.padEnd(40)} ${wall.toFixed(0).padStart(7)} ms wall  ${cpu.toFixed(0).padStart(7)} ms CPU  ${mapped.toLocaleString('en-US').padStart(12)} nodes built`,
  );
  return { wall, cpu };
}

export const pagingSection: BenchSection = {
  name: 'paging',
  title: `"Load all" of ${ITEMS.toLocaleString('en-US')} items served ${SERVED} per page`,
  async run(log) {
    const rebuilt = await measure(
      'before: all nodes rebuilt per page',
      async () => {
        const loaded: number[] = [];
        let built = 0;
        for (;;) {
          const page = await fetchPage(loaded.length, 100);
          if (page.items.length === 0) break;
          loaded.push(...page.items);
          built += loaded.map(toNode).length;
        }
        return built;
      },
      log,
    );
    const paged = await measure(
      'Pager: each item mapped once',
      async () => {
        let built = 0;
        const pager = new Pager<number, Node>(
          fetchPage,
          (n) => (built++, toNode(n)),
          (node) => node.id,
        );
        const nodes = await pager.takeAll(100, 1_000_000);
        if (nodes.length !== ITEMS) throw new Error(`Pager took ${nodes.length} of ${ITEMS}`);
        return built;
      },
      log,
    );
    log(
      `ratio (before / Pager): ${(rebuilt.wall / paged.wall).toFixed(1)}× wall, ${(rebuilt.cpu / Math.max(1, paged.cpu)).toFixed(1)}× CPU`,
    );
  },
};
