// What Search Sessions covers, against the simulator over real sockets: the months asked (each
// account's newest N reports) that the cache lacks, reading them (download, then the reader pool
// writes the entry), and a search over them counted against the simulator's own rows.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FrameClient, type Account } from '../../../src/core/api';
import { HttpTransport } from '../../../src/core/http/transport';
import { MonthlyReportStore } from '../../../src/core/reports';
import { missingMonths, readMonths, searchMonths, type ConnectionAccounts } from '../../../src/core/reports/searchCoverage';
import { SessionSearch } from '../../../src/core/reports/sessionSearch';
import { SESSION_COLUMNS } from '../../../src/core/reports/columns';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

describe('reports/search coverage: months asked, read, searched', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let transport: HttpTransport;
  let client: FrameClient;
  let tmp: string;
  let accounts: Account[];

  before(async () => {
    sim = await startSimulator({ sessionsPerMonth: 300 });
    transport = new HttpTransport({ retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    client = new FrameClient({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-search-coverage-'));
    accounts = await client.listAccounts();
  });
  after(async () => {
    await transport.close();
    await sim.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('asks for the newest N months of every account, reads them, and then searches exactly their sessions', async () => {
    const store = new MonthlyReportStore(path.join(tmp, 'store'));
    const connections: ConnectionAccounts[] = [{ connectionId: 'c', client, accounts }];
    const first = await missingMonths(store, connections, 2);
    // What the simulator lists, newest two per account.
    let expected = 0;
    for (const a of accounts) expected += Math.min(2, (await client.listSessionReports(a.accountId)).length);
    assert.ok(expected > 2);
    assert.equal(first.asked, expected);
    assert.equal(first.missing.length, expected, 'nothing read yet');
    assert.deepEqual(first.unlisted, []);
    const keys = first.missing.map((m) => `${m.ref.year}-${String(m.ref.month).padStart(2, '0')}`);
    assert.deepEqual(keys, [...keys].sort().reverse(), 'newest first');

    const progress: string[] = [];
    const read = await readMonths(store, first.missing, new AbortController().signal, (m) => progress.push(m));
    assert.deepEqual(read.failed, []);
    assert.equal(read.read, expected);
    assert.ok(progress.some((p) => /reading sessions/.test(p)));

    const again = await missingMonths(store, connections, 2);
    assert.equal(again.missing.length, 0, 'every month asked is read');
    const months = await searchMonths(store, connections);
    assert.equal(months.length, expected);
    for (const m of months) assert.equal(m.accountName, accounts.find((a) => a.accountId === m.accountId)!.name || m.accountId, 'by name');

    // Every session whose application holds "o", counted from the simulator's own rows.
    const app = SESSION_COLUMNS.indexOf('application');
    let naive = 0;
    for (const m of first.missing)
      for (const row of sim.data.monthlyReportRows(m.ref.accountId, m.ref.year, m.ref.month))
        if (row[app]!.toLowerCase().includes('o')) naive++;
    let matches = -1;
    let skipped = 0;
    for await (const e of new SessionSearch(months, store.columnar).search({ field: 'application', text: 'O' })) {
      if (e.kind === 'skipped') skipped++;
      if (e.kind === 'done') matches = e.summary.matches;
    }
    assert.equal(skipped, 0);
    assert.equal(matches, naive);
    assert.ok(naive > 0);
  });

  it('names a month that cannot be read and reads the others; Cancel stops everything', async () => {
    const store = new MonthlyReportStore(path.join(tmp, 'store-2'));
    const connections: ConnectionAccounts[] = [{ connectionId: 'c', client, accounts: accounts.slice(0, 2) }];
    const { missing } = await missingMonths(store, connections, 1);
    const broken = {
      ...missing[0]!,
      ref: { ...missing[0]!.ref, year: 1999 },
      link: { ...missing[0]!.link, url: sim.presignedUrl('html-page') },
    };
    const read = await readMonths(store, [broken, ...missing], new AbortController().signal, () => undefined);
    assert.equal(read.read, missing.length);
    assert.equal(read.failed.length, 1);
    assert.match(read.failed[0]!.label, /1999-/);
    assert.match(read.failed[0]!.message, /session report/i);

    const cancelled = new AbortController();
    cancelled.abort();
    const other = new MonthlyReportStore(path.join(tmp, 'store-3'));
    await assert.rejects(readMonths(other, missing, cancelled.signal, () => undefined));
    assert.deepEqual(
      await other.monthsOnDisk(
        'c',
        accounts.map((a) => a.accountId),
      ),
      [],
    );
  });
});
