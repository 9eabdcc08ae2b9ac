// Monthly reports on disk: names that cannot collide (the second account was once shown the
// first one's CSV), and one download per month however many ask for it at once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FrameClient } from '../../../src/core/api';
import { monthKey } from '../../../src/core/dates';
import { isCancellation } from '../../../src/core/errors';
import { HttpTransport } from '../../../src/core/http/transport';
import { MonthlyReportStore, findReportLink } from '../../../src/core/reports';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

describe('monthly reports on disk', function () {
  this.timeout(30_000);
  let tmp: string;
  before(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-monthly-'))));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('gives account ids that read alike distinct files (ACC-1 / other/ACC-1, ACC:1 / ACC_1, case)', () => {
    const store = new MonthlyReportStore(tmp);
    const month = { connectionId: 'c1', year: 2026, month: 10 };
    const ids = ['ACC-1', 'other/ACC-1', '../ACC-1', 'ACC:1', 'ACC_1', 'acc_1', 'ACC\u202E1'];
    const paths = ids.map((accountId) => store.csvPath({ ...month, accountId }));
    assert.equal(new Set(paths).size, ids.length, paths.join('\n'));
    for (const p of paths) assert.equal(path.dirname(path.dirname(p)), tmp, `stays inside the store: ${p}`);
    assert.notEqual(
      store.csvPath({ ...month, accountId: 'A', connectionId: 'c2' }),
      store.csvPath({ ...month, accountId: 'A' }),
      'per connection',
    );
  });

  describe('against the simulator', () => {
    let sim: Simulator;
    let transport: HttpTransport;
    let web: FrameClient;
    before(async () => {
      sim = await startSimulator({ sessionsPerMonth: 2000 });
      transport = new HttpTransport({ retry: { maxRetries: 0 } });
      web = new FrameClient({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
    });
    after(async () => {
      await transport.close();
      await sim.close();
    });
    beforeEach(() => sim.reset());

    it('downloads a month once for two callers at the same time (the second used to fail on the shared .part file)', async () => {
      const store = new MonthlyReportStore(path.join(tmp, 'shared'));
      const accountId = sim.data.accounts[1]!.account_id;
      const month = sim.data.reportMonths.at(-2)!;
      const link = await findReportLink(web, accountId, monthKey(month));
      const ref = { connectionId: 'c1', accountId, ...month };
      const [a, b] = await Promise.all([store.fetch(web, ref, link), store.fetch(web, ref, link)]);
      assert.equal(a, b);
      assert.ok(fs.statSync(a).size > 0);
      assert.equal(sim.requests.filter((r) => r.path.startsWith('/presigned/')).length, 1);
      assert.deepEqual(
        fs.readdirSync(path.dirname(a)).filter((f) => f.endsWith('.part')),
        [],
        'no temporary file left',
      );
    });

    it("one caller's Cancel stops only its own wait; the download goes on for the other", async () => {
      const store = new MonthlyReportStore(path.join(tmp, 'cancel'));
      const accountId = sim.data.accounts[2]!.account_id;
      const month = sim.data.reportMonths.at(-3)!;
      const link = await findReportLink(web, accountId, monthKey(month));
      sim.inject({ kind: 'slow-body', chunkDelayMs: 50, chunks: 8 }, { path: /^\/presigned\// });
      const ref = { connectionId: 'c1', accountId, ...month };
      const leaving = new AbortController();
      const first = store.fetch(web, ref, link, leaving.signal);
      const second = store.fetch(web, ref, link);
      // Leave once the shared download is under way.
      while (!sim.requests.some((r) => r.path.startsWith('/presigned/'))) await new Promise((r) => setTimeout(r, 10));
      leaving.abort();
      const left = await first.then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(isCancellation(left), String(left));
      assert.ok(fs.statSync(await second).size > 0, 'the other caller still gets the report');
    });
  });
});
