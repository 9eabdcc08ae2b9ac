// MonthlyReportStore against the simulator over real sockets: what it keeps on disk and what it refuses.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FrameClient } from '../../../src/core/api';
import { HttpTransport } from '../../../src/core/http/transport';
import { MonthlyReportStore, SessionReportError } from '../../../src/core/reports';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

describe('reports/monthlyReports: the store of monthly CSVs', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let transport: HttpTransport;
  let client: FrameClient;
  let tmp: string;

  before(async () => {
    sim = await startSimulator({ sessionsPerMonth: 500 });
    transport = new HttpTransport({ retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    client = new FrameClient({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-store-'));
  });
  after(async () => {
    await transport.close();
    await sim.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const filesUnder = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => e.name)
      : [];

  it('keeps a real month, and refuses (and does not keep) an HTML page zipped as a month', async () => {
    const store = new MonthlyReportStore(path.join(tmp, 'store'));
    const account = sim.data.accounts[1]!.account_id;
    const { year, month } = sim.data.reportMonths.at(-2)!;
    const ref = { connectionId: 'c', accountId: account, year, month };
    const file = await store.fetch(client, ref, { url: sim.reportUrl(account, year, month), year, month });
    assert.match(fs.readFileSync(file, 'utf8').slice(0, 20), /^"username","applicat/);
    assert.equal(await store.isDownloaded(ref), true);

    const bad = { connectionId: 'c', accountId: account, year: year - 1, month };
    await assert.rejects(
      store.fetch(client, bad, { url: sim.presignedUrl('html-page'), year: bad.year, month }),
      (e: unknown) => e instanceof SessionReportError && e.code === 'not-a-session-report' && /DOCTYPE/.test(e.message),
    );
    assert.equal(await store.isDownloaded(bad), false, 'the page is not kept as the month');
    // Nothing left behind but the good month (no .part or .zip files).
    assert.deepEqual(filesUnder(store.folder), [path.basename(file)]);
  });
});
