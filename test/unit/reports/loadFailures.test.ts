// No unhandled promise rejection when a load stops halfway (issue 18, class 9): one month's
// download failing while another month is read in a worker, and Cancel while a month is read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FrameClient } from '../../../src/core/api';
import { monthKey } from '../../../src/core/dates';
import { FrameError, isCancellation } from '../../../src/core/errors';
import { HttpTransport } from '../../../src/core/http/transport';
import { loadSessions, type FetchMonthly } from '../../../src/core/reports';
import { generateSessions, sessionCsv } from '../../fixtures/sessions';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

describe('reports/loaders: a load stopped halfway leaves no unhandled rejection', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let transport: HttpTransport;
  let web: FrameClient;
  let dir: string;
  let csv: string;
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);

  before(async () => {
    sim = await startSimulator();
    transport = new HttpTransport({ retry: { maxRetries: 0 } });
    web = new FrameClient({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-load-failures-'));
    csv = path.join(dir, 'month.csv');
    const from = new Date(Date.UTC(2026, 0, 1));
    fs.writeFileSync(
      csv,
      sessionCsv(
        generateSessions({
          accountId: 'A',
          accountName: 'Acme',
          accountEmail: 'a@example.com',
          from,
          to: new Date(Date.UTC(2026, 1, 1)),
          seed: 3,
          count: 40_000,
        }),
      ),
    );
  });
  after(async () => {
    await transport.close();
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  const account = () => {
    const a = sim.data.accounts[1]!;
    return { accountId: a.account_id, name: a.name, email: a.email };
  };
  const twoMonths = () => sim.data.reportMonths.slice(-3, -1).map(monthKey);
  /** Lets the event loop turn a few times, so that a rejection nobody handles is reported. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  it("one month's download failing while another month is read", async () => {
    let calls = 0;
    const fetchMonthly: FetchMonthly = async () => {
      if (calls++ === 0) return csv;
      throw new FrameError('network', 'The download of the second month failed.');
    };
    const controller = new AbortController();
    await assert.rejects(
      loadSessions(web, fetchMonthly, account(), { months: twoMonths(), recent: false }, controller.signal, () => undefined, {
        threads: 2,
      }),
      /second month failed/,
    );
    await settle();
    assert.deepEqual(unhandled, []);
  });

  it('Cancel while a month is read and the next one downloads', async () => {
    const controller = new AbortController();
    let calls = 0;
    const fetchMonthly: FetchMonthly = async (_link, signal) => {
      if (calls++ === 0) return csv;
      // Cancel lands while the first month is being read.
      controller.abort();
      signal.throwIfAborted();
      return csv;
    };
    const error = await loadSessions(
      web,
      fetchMonthly,
      account(),
      { months: twoMonths(), recent: false },
      controller.signal,
      () => undefined,
      {
        threads: 2,
      },
    ).then(
      () => assert.fail('cancelled'),
      (e: unknown) => e,
    );
    assert.ok(isCancellation(error), String(error));
    await settle();
    assert.deepEqual(unhandled, []);
  });
});
