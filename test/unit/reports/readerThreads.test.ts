// Reader threads bounded across the host (issue 18, class 10): pools of several panels' loads
// share one budget, so the threads running at once never exceed it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SessionReadPool, readerThreads } from '../../../src/core/reports';
import { generateSessions, sessionCsv } from '../../fixtures/sessions';

describe('reports: reader threads bounded across the host', function () {
  this.timeout(60_000);
  let dir: string;
  let files: string[];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-threads-'));
    files = [1, 2, 3].map((seed) => {
      const f = path.join(dir, `m${seed}.csv`);
      const from = new Date(Date.UTC(2026, 0, 1));
      fs.writeFileSync(
        f,
        sessionCsv(
          generateSessions({
            accountId: 'A',
            accountName: 'Acme',
            accountEmail: 'a@example.com',
            from,
            to: new Date(Date.UTC(2026, 1, 1)),
            seed,
            count: 3000,
          }),
        ),
      );
      return f;
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('five pools of four threads reading three months each never run more threads than the budget', async () => {
    const { limit } = readerThreads();
    const pools = Array.from({ length: 5 }, () => new SessionReadPool(undefined, { threads: 4 }));
    const read = await Promise.all(pools.map((pool) => Promise.all(files.map((csv) => pool.open({ csv })))));
    for (const pool of pools) pool.release();
    assert.ok(read.every((months) => months.every((m) => m.segment.rows === 3000)));
    const { peak } = readerThreads();
    assert.ok(peak <= limit, `peak ${peak} > limit ${limit}`);
    assert.ok(peak >= Math.min(2, limit), 'side by side all the same');
  });
});
