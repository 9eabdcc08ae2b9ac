// Search Sessions (issue 16 item 4) against a naive filter written here over the generated rows:
// months of three accounts in a monthly report store, read into the columnar cache as the panel
// does; hostile cache entries are skipped with a reason, never a crash.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MonthlyReportStore, openMonth } from '../../../src/core/reports';
import { searchMonths } from '../../../src/core/reports/searchCoverage';
import { looksLikeIp, looksLikeSessionId, parseSearchQuery, type SearchQuery } from '../../../src/core/reports/searchQuery';
import {
  SessionSearch,
  fieldOfRecord,
  hitDetails,
  hitDetailsText,
  type SearchEvent,
  type SearchSummary,
  type SessionHit,
} from '../../../src/core/reports/sessionSearch';
import { SESSION_COLUMNS } from '../../../src/core/reports/columns';
import { parseReportTime } from '../../../src/core/reports/values';
import { generateSessions, sessionCsv, type RawSessionRow } from '../../fixtures/sessions';

const col = (name: (typeof SESSION_COLUMNS)[number]) => SESSION_COLUMNS.indexOf(name);
const USER = col('username');
const APP = col('application');
const COUNTRY = col('country');
const IP = col('remote_ip');
const ID = col('session id');
const START = col('starttime');

interface Month {
  accountId: string;
  accountName: string;
  key: string;
  rows: RawSessionRow[];
  csv: string;
}

/** The naive filter: what the search should find, row by row. */
function naive(rows: RawSessionRow[], q: SearchQuery): RawSessionRow[] {
  const lower = q.text.toLowerCase();
  const text = (v: string) => v.toLowerCase().includes(lower);
  return rows.filter((r) => {
    switch (q.field) {
      case 'user':
        return text(r[USER]!);
      case 'application':
        return text(r[APP]!);
      case 'country':
        return text(r[COUNTRY]!);
      case 'ip':
        return r[IP]!.startsWith(q.text);
      case 'sessionId':
        return r[ID] === q.text;
      case 'any':
        return (
          text(r[USER]!) ||
          text(r[APP]!) ||
          text(r[COUNTRY]!) ||
          (looksLikeIp(q.text) && r[IP]!.startsWith(q.text)) ||
          (looksLikeSessionId(q.text) && r[ID] === q.text)
        );
    }
  });
}

const keyOfRow = (month: string, r: RawSessionRow) => `${month}|${parseReportTime(r[START]!)}|${r[USER]}|${r[APP]}|${r[COUNTRY]}`;
const keyOfHit = (h: SessionHit) => `${h.month.month}|${h.start}|${h.user}|${h.application}|${h.country}`;

async function collect(search: SessionSearch, query: SearchQuery, signal?: AbortSignal) {
  const events: SearchEvent[] = [];
  for await (const e of search.search(query, signal)) events.push(e);
  const hits = events.flatMap((e) => (e.kind === 'hits' ? e.hits : []));
  const skipped = events.flatMap((e) => (e.kind === 'skipped' ? [e] : []));
  const done = events.filter((e) => e.kind === 'done');
  assert.equal(done.length, 1, 'one summary, last');
  assert.equal(events[events.length - 1]!.kind, 'done');
  return { events, hits, skipped, summary: (done[0] as { summary: SearchSummary }).summary };
}

describe('reports/session search', function () {
  this.timeout(60_000);
  let dir: string;
  let store: MonthlyReportStore;
  const months: Month[] = [];
  const accounts = [
    { accountId: 'ACC-1', name: 'Acme Engineering', email: '' },
    { accountId: 'ACC:2', name: 'Globex', email: '' },
    { accountId: 'ACC-3', name: '', email: '' },
  ];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-search-'));
    store = new MonthlyReportStore(path.join(dir, 'reports'));
    let seed = 1;
    for (const a of accounts) {
      for (const month of a.accountId === 'ACC-3' ? [9] : [9, 10, 11]) {
        const rows = [
          ...generateSessions({
            accountId: a.accountId,
            accountName: a.name,
            accountEmail: 'ops@example.com',
            accounts: [{ id: a.accountId, name: a.name, email: 'ops@example.com' }],
            from: new Date(Date.UTC(2026, month - 1, 1)),
            to: new Date(Date.UTC(2026, month, 1)),
            seed: seed++,
            count: 700,
          }),
        ];
        const ref = { connectionId: 'conn-1', accountId: a.accountId, year: 2026, month };
        const csv = store.csvPath(ref);
        fs.mkdirSync(path.dirname(csv), { recursive: true });
        fs.writeFileSync(csv, sessionCsv(rows));
        await openMonth({ csv, cacheFolder: store.columnar.folder });
        months.push({
          accountId: a.accountId,
          accountName: a.name || a.accountId,
          key: `2026-${String(month).padStart(2, '0')}`,
          rows,
          csv,
        });
      }
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const allMonths = async () => searchMonths(store, [{ connectionId: 'conn-1', client: undefined as never, accounts }]);

  it('lists the months on disk of the listed accounts, newest first, by name (not id)', async () => {
    // A stray file, a CSV of an account not listed and a link named like a month are not months.
    const folder = path.dirname(months[0]!.csv);
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'x');
    const other = store.csvPath({ connectionId: 'conn-1', accountId: 'GONE', year: 2026, month: 8 });
    fs.writeFileSync(other, 'x');
    const link = store.csvPath({ connectionId: 'conn-1', accountId: 'ACC-1', year: 2026, month: 1 });
    fs.symlinkSync(months[0]!.csv, link);
    try {
      const listed = await allMonths();
      assert.deepEqual(
        listed.map((m) => `${m.accountName} ${m.month}`),
        [
          'Acme Engineering 2026-11',
          'Globex 2026-11',
          'Acme Engineering 2026-10',
          'Globex 2026-10',
          'Acme Engineering 2026-09',
          'ACC-3 2026-09',
          'Globex 2026-09',
        ],
      );
    } finally {
      fs.rmSync(path.join(folder, 'notes.txt'));
      fs.rmSync(other);
      fs.rmSync(link);
    }
  });

  it('reads the search box: a field prefix or any field', () => {
    assert.deepEqual(parseSearchQuery('  ip: 10.2 '), { field: 'ip', text: '10.2' });
    assert.deepEqual(parseSearchQuery('APP:Excel'), { field: 'application', text: 'Excel' });
    assert.deepEqual(parseSearchQuery('id:abc'), { field: 'sessionId', text: 'abc' });
    assert.deepEqual(parseSearchQuery('http://x'), { field: 'any', text: 'http://x' });
    assert.deepEqual(parseSearchQuery('ana'), { field: 'any', text: 'ana' });
  });

  it('finds what the naive filter finds, for every field, counted exactly', async () => {
    const all = months.flatMap((m) => m.rows.map((r) => ({ m, r })));
    const someRow = months[4]!.rows[123]!;
    const ip = someRow[IP]!;
    const queries: SearchQuery[] = [
      { field: 'user', text: 'ANA' },
      { field: 'user', text: 'müller' },
      { field: 'application', text: 'excel' },
      { field: 'country', text: 'u' },
      { field: 'ip', text: ip.split('.').slice(0, 2).join('.') + '.' },
      { field: 'ip', text: ip },
      { field: 'sessionId', text: someRow[ID]! },
      { field: 'sessionId', text: someRow[ID]!.slice(0, 10) },
      { field: 'any', text: 'tanaka' },
      { field: 'any', text: ip.split('.')[0] + '.' },
      { field: 'any', text: someRow[ID]! },
      { field: 'any', text: 'no such thing' },
    ];
    const search = new SessionSearch(await allMonths(), store.columnar, { maxHits: 100_000, scanChunkBytes: 4096 });
    for (const q of queries) {
      const expected = all.filter(({ r }) => naive([r], q).length === 1).map(({ m, r }) => keyOfRow(m.key, r));
      // Only these two find nothing: a part of an id is no id, and nothing holds "no such thing".
      const none = q.text === 'no such thing' || (q.field === 'sessionId' && q.text.length === 10);
      assert.equal(expected.length === 0, none, `${q.field}:${q.text} finds ${none ? 'nothing' : 'something'}`);
      const { hits, summary, skipped } = await collect(search, q);
      assert.deepEqual(skipped, [], `${q.field}:${q.text} skipped nothing`);
      assert.deepEqual(hits.map(keyOfHit).sort(), expected.sort(), `${q.field}:${q.text}`);
      assert.equal(summary.matches, expected.length, `${q.field}:${q.text} count`);
      assert.equal(summary.atLeast, false);
      assert.equal(summary.monthsSearched, months.length);
      assert.equal(summary.sessions, all.length);
      // Newest month first.
      const order = hits.map((h) => h.month.month);
      assert.deepEqual(order, [...order].sort().reverse(), `${q.field}:${q.text} newest month first`);
    }
    // The session id scan and the exact id: one session.
    const exact = await collect(search, { field: 'sessionId', text: someRow[ID]! });
    assert.equal(exact.hits.length, 1);
    assert.equal(exact.hits[0]!.field, 'sessionId');
    assert.equal(exact.hits[0]!.month.accountName, months[4]!.accountName);
  });

  it('caps the hits, says how many more, and ends early when the scan count is reached', async () => {
    const search = new SessionSearch(await allMonths(), store.columnar, { maxHits: 25, countLimit: 60 });
    const all = months.flatMap((m) => m.rows);
    const q: SearchQuery = { field: 'application', text: 'e' };
    const { hits, summary } = await collect(search, q);
    assert.equal(hits.length, 25);
    assert.equal(summary.shown, 25);
    assert.equal(summary.matches, naive(all, q).length, 'text fields are counted exactly beyond the cap');
    assert.ok(summary.matches > 25);
    const ipq: SearchQuery = { field: 'ip', text: '1' };
    const scanned = await collect(search, ipq);
    assert.equal(scanned.summary.atLeast, true);
    assert.equal(scanned.summary.matches, 60);
    assert.ok(naive(all, ipq).length > 60);
  });

  it('stops when the signal is aborted', async () => {
    const search = new SessionSearch(await allMonths(), store.columnar);
    const ctrl = new AbortController();
    ctrl.abort();
    await assert.rejects(collect(search, { field: 'any', text: 'a' }, ctrl.signal));
    const later = new AbortController();
    const seen: SearchEvent[] = [];
    await assert.rejects(
      (async () => {
        for await (const e of search.search({ field: 'any', text: 'a' }, later.signal)) {
          seen.push(e);
          later.abort();
        }
      })(),
    );
    assert.equal(seen.length, 1, 'nothing after the abort');
  });

  it("opens a hit's 25 fields from its CSV", async () => {
    const search = new SessionSearch(await allMonths(), store.columnar);
    const row = months[2]!.rows[42]!;
    const { hits } = await collect(search, { field: 'sessionId', text: row[ID]! });
    const details = await hitDetails(hits[0]!);
    assert.equal(details.fields.length, 25);
    assert.deepEqual(
      details.fields.map((f) => f.value),
      row,
    );
    const text = hitDetailsText(hits[0]!, details);
    assert.match(text, new RegExp(`session id\\s+${row[ID]}`));
    assert.ok(text.startsWith(`Session of ${months[2]!.accountName} (${months[2]!.accountId}), ${months[2]!.key} report`));
    // Line breaks inside user_data stay on one line of the document.
    assert.equal(text.split('\n').length, 3 + 25 + 1);
  });

  it('reads a field of a CSV record (quotes, doubled quotes, commas, empty fields)', () => {
    const b = Buffer.from('"a,b","say ""hi""",,plain,"x\r\ny"\r\n');
    const e = b.length;
    assert.equal(fieldOfRecord(b, 0, e, 0), 'a,b');
    assert.equal(fieldOfRecord(b, 0, e, 1), 'say "hi"');
    assert.equal(fieldOfRecord(b, 0, e, 2), '');
    assert.equal(fieldOfRecord(b, 0, e, 3), 'plain');
    assert.equal(fieldOfRecord(b, 0, e, 4), 'x\r\ny');
    assert.equal(fieldOfRecord(b, 0, e, 5), undefined);
  });

  describe('hostile cache entries', () => {
    /** A copy of the store's months whose entries can be broken one by one. */
    async function brokenMonth(breakIt: (entry: string) => void) {
      const listed = await allMonths();
      const victim = listed[0]!;
      const entry = store.columnar.entryPath(victim.csv);
      const saved = fs.readFileSync(entry);
      breakIt(entry);
      try {
        const search = new SessionSearch(listed, store.columnar);
        const result = await collect(search, { field: 'any', text: 'a' });
        return { ...result, victim };
      } finally {
        fs.rmSync(entry, { recursive: true, force: true });
        fs.writeFileSync(entry, saved);
      }
    }

    const cases: [string, (entry: string) => void, RegExp][] = [
      ['truncated', (e) => fs.truncateSync(e, fs.statSync(e).size - 100), /truncated|ended/],
      [
        'wrong magic',
        (e) => {
          const b = fs.readFileSync(e);
          b.write('NOTACOLS', 0, 'latin1');
          fs.writeFileSync(e, b);
        },
        /wrong magic/,
      ],
      [
        'a huge JSON length',
        (e) => {
          const b = fs.readFileSync(e);
          b.writeUInt32LE(0xfffffff0, 12);
          fs.writeFileSync(e, b);
        },
        /more than it holds/,
      ],
      [
        'a flipped byte in a column',
        (e) => {
          const b = fs.readFileSync(e);
          b.writeUInt8(b.readUInt8(b.length - 9) ^ 0xff, b.length - 9);
          fs.writeFileSync(e, b);
        },
        /checksum|dictionary/,
      ],
      ['too short for a header', (e) => fs.writeFileSync(e, 'FRAMECOL'), /size/],
      [
        'a directory',
        (e) => {
          fs.rmSync(e);
          fs.mkdirSync(e);
        },
        /not a regular file/,
      ],
    ];
    for (const [name, breakIt, reason] of cases) {
      it(`skips a month whose entry is ${name}, with the reason, and searches the others`, async () => {
        const { skipped, summary, hits, victim } = await brokenMonth(breakIt);
        assert.equal(skipped.length, 1);
        assert.equal(skipped[0]!.month.csv, victim.csv);
        assert.match(skipped[0]!.reason, reason);
        assert.equal(skipped[0]!.notRead, true, 'reading the month again helps');
        assert.equal(skipped[0]!.missing, false, 'an entry was there: its reason is worth saying');
        assert.equal(summary.monthsSkipped, 1);
        assert.equal(summary.monthsSearched, months.length - 1);
        assert.ok(hits.every((h) => h.month.csv !== victim.csv));
        assert.ok(hits.length > 0);
      });
    }

    it('says a downloaded month without an entry is not read yet', async () => {
      const listed = await allMonths();
      const entry = store.columnar.entryPath(listed[1]!.csv);
      const saved = fs.readFileSync(entry);
      fs.rmSync(entry);
      try {
        const { skipped } = await collect(new SessionSearch(listed, store.columnar), { field: 'user', text: 'a' });
        assert.equal(skipped.length, 1);
        assert.match(skipped[0]!.reason, /not read yet/);
        assert.equal(skipped[0]!.missing, true, 'said without comparing the (translated) reason');
      } finally {
        fs.writeFileSync(entry, saved);
      }
    });
  });
});
