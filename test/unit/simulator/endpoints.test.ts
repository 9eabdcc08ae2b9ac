import * as assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import {
  ACCOUNT_SCOPED_CREDENTIALS,
  DEMO_CREDENTIALS,
  DEMO_REGISTRATION_CREDENTIALS,
  ORGANIZATION_SCOPED_CREDENTIALS,
  startSimulator,
  type Simulator,
} from '../../simulator';
import { parse } from 'csv-parse/sync';
import { SESSION_HEADER_LINE } from '../../fixtures/sessions';
import { PNG_SIGNATURE } from '../../simulator/png';
import { form, frameHeaders, getJson, janrainHeaders, request, signedGet } from './client';

const NOW = new Date('2025-03-10T12:00:00Z');

describe('simulator: Frame Web API', function () {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ seed: 7, now: NOW, sessionsPerMonth: 300 });
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  describe('frame signature', () => {
    it('accepts a correctly signed request and records it', async () => {
      const res = await signedGet(`${sim.webApiBase}/accounts/`);
      assert.equal(res.status, 200);
      const rec = sim.requests.at(-1);
      assert.equal(rec?.path, '/v1alpha/accounts/');
      assert.equal(rec?.status, 200);
      assert.equal(rec?.headers['x-frame-clientid'], DEMO_CREDENTIALS.clientId);
    });

    it('answers 401 JSON for missing headers, unknown id, wrong secret and skew over 5 minutes', async () => {
      const url = `${sim.webApiBase}/accounts`;
      const good = frameHeaders();
      const cases: Record<string, string>[] = [
        {},
        { ...good, 'X-Frame-Signature': '' },
        { 'X-Frame-ClientId': good['X-Frame-ClientId'] as string, 'X-Frame-Timestamp': good['X-Frame-Timestamp'] as string },
        frameHeaders(Date.now(), { clientId: 'someone-else', clientSecret: DEMO_CREDENTIALS.clientSecret }),
        frameHeaders(Date.now(), { clientId: DEMO_CREDENTIALS.clientId, clientSecret: 'wrong' }),
        frameHeaders(Date.now() - 301_000),
        frameHeaders(Date.now() + 400_000),
      ];
      for (const headers of cases) {
        const res = await request(url, { headers });
        assert.equal(res.status, 401, JSON.stringify(headers));
        assert.match(String(res.headers['content-type']), /application\/json/);
        const body = JSON.parse(res.text) as { detail: string };
        assert.equal(typeof body.detail, 'string');
        assert.ok(!res.text.includes(DEMO_CREDENTIALS.clientSecret));
      }
      assert.equal((await request(url, { headers: frameHeaders(Date.now() - 200_000) })).status, 200);
    });

    it('moves the Date header and the signature window with the clock offset', async () => {
      const offset = 10 * 60 * 1000;
      sim.setClockOffset(offset);
      const rejected = await signedGet(`${sim.webApiBase}/accounts/`);
      assert.equal(rejected.status, 401);
      const serverDate = Date.parse(String(rejected.headers['date']));
      assert.ok(Math.abs(serverDate - (Date.now() + offset)) < 60_000, 'Date header follows the offset');
      const accepted = await request(`${sim.webApiBase}/accounts/`, { headers: frameHeaders(Date.now() + offset) });
      assert.equal(accepted.status, 200);
      sim.reset();
      assert.ok(Math.abs(Date.parse(String((await signedGet(`${sim.webApiBase}/accounts/`)).headers['date'])) - Date.now()) < 60_000);
    });
  });

  it('lists accounts at /accounts/ and /accounts, including the XSS-named and the big one', async () => {
    const a = await getJson<{ account_id: string; name: string; email: string }[]>(`${sim.webApiBase}/accounts/`);
    const b = await getJson(`${sim.webApiBase}/accounts`);
    assert.deepEqual(a, b);
    assert.deepEqual(a, sim.data.accounts);
    assert.equal(a.length, 5);
    for (const acc of a) {
      assert.match(acc.account_id, /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
      assert.equal(typeof acc.name, 'string');
      assert.match(acc.email, /@/);
    }
    assert.ok(a.some((x) => x.name === 'QA Lab <img src=x onerror=alert(1)>' && x.account_id === sim.data.xssAccountId));
  });

  it("lists 13 monthly reports, ascending, ending at now's month, with presigned links on the main origin", async () => {
    const id = sim.data.accounts[1]?.account_id as string;
    const list = await getJson<{ url: string; month: number; year: number }[]>(`${sim.webApiBase}/accounts/${id}/sessions`);
    assert.equal(list.length, 13);
    assert.deepEqual(
      list.map(({ year, month }) => ({ year, month })),
      sim.data.reportMonths,
    );
    assert.deepEqual(list.at(-1) && [list.at(-1)?.year, list.at(-1)?.month], [2025, 3]);
    assert.deepEqual([list[0]?.year, list[0]?.month], [2024, 3]);
    for (const r of list) {
      const u = new URL(r.url);
      assert.equal(u.origin, sim.url);
      assert.match(u.pathname, new RegExp(`^/presigned/p01/[A-Za-z0-9]{16}\\.${r.year}\\.${r.month}\\.[0-9a-f]{5}\\.csv\\.zip$`));
      assert.ok(u.searchParams.get('Signature') && u.searchParams.get('AWSAccessKeyId'));
      assert.ok(Number(u.searchParams.get('Expires')) > Date.now() / 1000 + 3000);
    }
  });

  it('serves a report zip without Frame headers, and refuses Frame headers, Authorization, tampering and expiry', async () => {
    const id = sim.data.accounts[1]?.account_id as string;
    const list = await getJson<{ url: string; month: number; year: number }[]>(`${sim.webApiBase}/accounts/${id}/sessions`);
    const first = list[0];
    assert.ok(first);
    const res = await request(first.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    const entries = unzipSync(new Uint8Array(res.body));
    const names = Object.keys(entries);
    assert.equal(names.length, 1);
    assert.match(names[0] as string, /\.csv$/);
    const csv = strFromU8(entries[names[0] as string] as Uint8Array);
    assert.ok(csv.startsWith(SESSION_HEADER_LINE + '\r\n'));
    // Frame's real shape: every field quoted, CRLF; records counted by a CSV reader (fields hold line breaks).
    const records = parse(csv, { record_delimiter: '\r\n' }) as string[][];
    const rows = sim.data.monthlyReportRows(id, first.year, first.month);
    assert.ok(rows.length > 50, `${rows.length} sessions`);
    assert.deepEqual(records.slice(1), rows);
    assert.ok(records.every((r) => r.length === 25));
    assert.ok(/^("([^"]|"")*",){24}"([^"]|"")*"\r\n/.test(csv.slice(SESSION_HEADER_LINE.length + 2)), 'every field quoted');
    // same bytes again (cached, deterministic)
    assert.deepEqual((await request(first.url)).body, res.body);

    for (const headers of [frameHeaders(), { 'X-Frame-ClientId': 'x' }, { Authorization: 'Bearer abc' }]) {
      const refused = await request(first.url, { headers });
      assert.equal(refused.status, 403);
      assert.match(String(refused.headers['content-type']), /xml/);
      assert.match(refused.text, /<Error><Code>AccessDenied<\/Code>/);
    }
    const tampered = new URL(first.url);
    tampered.searchParams.set('Expires', String(Number(tampered.searchParams.get('Expires')) + 1));
    assert.equal((await request(tampered.toString())).status, 403);
    const otherMonth = first.url.replace(`.${first.year}.${first.month}.`, `.${first.year}.${first.month === 12 ? 11 : first.month + 1}.`);
    assert.equal((await request(otherMonth)).status, 403);
    const expired = sim.reportUrl(id, first.year, first.month, { expiresInSeconds: -5 });
    const exp = await request(expired);
    assert.equal(exp.status, 403);
    assert.match(exp.text, /expired/);
    assert.equal((await request(`${sim.url}/presigned/p01/nothing.zip`)).status, 403);
  });

  it('serves recent_sessions as CSV with a Content-Disposition file name: the sessions closed in the last 24 h', async () => {
    let total = 0;
    for (const { account_id: id } of sim.data.accounts) {
      const res = await signedGet(`${sim.webApiBase}/accounts/${id}/recent_sessions`);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'text/csv');
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="[A-Za-z0-9]{16}\.recent_sessions\.csv"$/);
      assert.ok(res.text.startsWith(SESSION_HEADER_LINE + '\r\n'));
      const records = parse(res.text, { record_delimiter: '\r\n' }) as string[][];
      const rows = sim.data.recentSessionRows(id);
      assert.deepEqual(records.slice(1), rows);
      total += rows.length;
      for (const r of rows) {
        const end = Date.parse((r[4] as string).replace(' ', 'T') + 'Z') + Number(r[5]) * 1000;
        assert.ok(end >= NOW.getTime() - 86_400_000 && end <= NOW.getTime(), r[4]);
      }
    }
    assert.ok(total > 0, 'some sessions closed on that Monday morning (in Europe and India)');
  });

  describe('usage', () => {
    const id = (): string => sim.data.accounts[0]?.account_id as string;
    type U = { datacenter: string; time: string; hours_used: number; instance_type: string; server_type: string };

    it('covers 400 Pacific days ending today, with the documented record shape', async () => {
      assert.equal(sim.data.today, '2025-03-10');
      const all = await getJson<U[]>(`${sim.webApiBase}/accounts/${id()}/usage`);
      assert.deepEqual(all, sim.data.usage(id()));
      const days = new Set(all.map((u) => u.time.slice(0, 10)));
      assert.ok(days.size > 350 && days.size <= 400);
      assert.equal([...days].sort()[0], sim.data.usageFirstDay);
      assert.equal(sim.data.usageFirstDay, '2024-02-05');
      for (const u of all) {
        assert.match(u.time, /^\d{4}-\d{2}-\d{2}T00:00:00$/);
        assert.equal(typeof u.hours_used, 'number');
        assert.ok(u.hours_used > 0 && u.hours_used <= 24 * 60);
        assert.ok(['production', 'utility', 'test'].includes(u.server_type));
        assert.ok(u.datacenter && u.instance_type);
      }
    });

    it('filters by an inclusive date range', async () => {
      const res = await getJson<U[]>(`${sim.webApiBase}/accounts/${id()}/usage?date_from=2025-03-01&date_to=2025-03-07`);
      assert.ok(res.length > 0);
      assert.deepEqual(res, sim.data.usage(id(), '2025-03-01', '2025-03-07'));
      assert.deepEqual(new Set(res.map((u) => u.time.slice(0, 10))).size, 7);
      assert.deepEqual(await getJson(`${sim.webApiBase}/accounts/${id()}/usage?date_from=2025-03-07&date_to=2025-03-01`), []);
    });

    it('rejects invalid dates with 400', async () => {
      for (const q of ['date_from=2025-02-30', 'date_to=yesterday', 'date_from=2025-3-1']) {
        const res = await signedGet(`${sim.webApiBase}/accounts/${id()}/usage?${q}`);
        assert.equal(res.status, 400, q);
        assert.ok((JSON.parse(res.text) as { detail: string }).detail);
      }
    });

    it('uses the Pacific calendar day for today', async () => {
      const late = await startSimulator({ now: new Date('2025-03-11T06:30:00Z') }); // still March 10 in Los Angeles
      try {
        assert.equal(late.data.today, '2025-03-10');
      } finally {
        await late.close();
      }
    });
  });

  it('lists team members (thousands for the big account, non-ASCII names)', async () => {
    type M = { name: string; email: string; status: string };
    const big = await getJson<M[]>(`${sim.webApiBase}/accounts/${sim.data.bigAccountId}/team_members`);
    assert.equal(big.length, 5000);
    assert.ok(big.every((m) => (m.status === 'active' || m.status === 'pending') && /@/.test(m.email)));
    assert.ok(big.some((m) => m.status === 'pending'));
    assert.ok(big.some((m) => /[^\x20-\x7e]/.test(m.name)));
    assert.equal(new Set(big.map((m) => m.email)).size, big.length);
    const small = await getJson<M[]>(`${sim.webApiBase}/accounts/${sim.data.accounts[1]?.account_id}/team_members`);
    assert.ok(small.length >= 12 && small.length <= 100);
  });

  it('lists applications with real PNG icons, one 404 icon and one null icon', async () => {
    const id = sim.data.accounts[3]?.account_id as string;
    const apps = await getJson<{ icon: string | null; name: string }[]>(`${sim.webApiBase}/accounts/${id}/applications`);
    assert.deepEqual(apps, sim.data.applications(id));
    assert.ok(apps.length >= 6);
    assert.equal(apps.filter((a) => a.icon === null).length, 1);
    let ok = 0;
    let missing = 0;
    for (const a of apps) {
      if (a.icon === null) continue;
      assert.ok(a.icon.startsWith(`${sim.url}/icons/`));
      const res = await request(a.icon);
      if (res.status === 200) {
        ok++;
        assert.equal(res.headers['content-type'], 'image/png');
        assert.deepEqual(res.body.subarray(0, 8), PNG_SIGNATURE);
      } else {
        missing++;
        assert.equal(res.status, 404);
      }
    }
    assert.equal(missing, 1);
    assert.equal(ok, apps.length - 2);
  });

  it('answers 404 for unknown accounts and paths, 405 for wrong methods', async () => {
    for (const p of ['/accounts/NOPE-0000-0000-0000/usage', '/accounts/NOPE/team_members', '/nothing', '/accounts/x/y/z']) {
      const res = await signedGet(sim.webApiBase + p);
      assert.equal(res.status, 404, p);
      assert.deepEqual(JSON.parse(res.text), { detail: 'Not found.' });
    }
    assert.equal((await request(`${sim.url}/nowhere`)).status, 404);
    const post = await request(`${sim.webApiBase}/accounts/`, { method: 'POST', headers: frameHeaders(), body: '{}' });
    assert.equal(post.status, 405);
    assert.match(String(post.headers['allow']), /GET/);
    const del = await request(`${sim.webApiBase}/accounts/${sim.data.accounts[0]?.account_id}/applications`, {
      method: 'DELETE',
      headers: frameHeaders(),
    });
    assert.equal(del.status, 405);
    assert.equal(sim.requests.at(-1)?.status, 405);
  });

  it('serves Web API data for Admin API accounts too', async () => {
    const extra = sim.data.tenant.accounts[7]?.id as string;
    assert.ok(!sim.data.accounts.some((a) => a.account_id === extra));
    const members = await getJson<unknown[]>(`${sim.webApiBase}/accounts/${extra}/team_members`);
    assert.ok(members.length > 0);
  });
});

describe('simulator: Admin API', function () {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ seed: 3 });
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());
  const scoped = (url: string, creds: { clientId: string; clientSecret: string }) =>
    request(url, { headers: frameHeaders(Date.now(), creds) });

  it('answers GET /customers/ with the one customer object, with the documented fields', async () => {
    for (const path of ['/customers/', '/customers']) {
      const customer = await getJson<Record<string, unknown>>(`${sim.adminApiBase}${path}`);
      assert.deepEqual(customer, sim.data.tenant.customer);
    }
    const keys = Object.keys(sim.data.tenant.customer).sort();
    for (const k of ['id', 'name', 'description', 'notes', 'url_slug', 'website', 'owner_email', 'tenant_domain', 'active'])
      assert.ok(keys.includes(k), k);
  });

  it('lists organizations sorted as asked, with show_deleted, name filter and offset/limit paging', async () => {
    type O = { id: string; name: string };
    const t = sim.data.tenant;
    const byName = await getJson<O[]>(`${sim.adminApiBase}/organizations?show_deleted=false&order_by=name&order=asc`);
    assert.deepEqual(
      byName.map((o) => o.name),
      t.organizations.map((o) => o.name).sort((a, b) => a.localeCompare(b)),
    );
    const withDeleted = await getJson<O[]>(`${sim.adminApiBase}/organizations`);
    assert.equal(withDeleted.length, t.organizations.length + t.deletedOrganizations.length, 'deleted ones unless show_deleted=false');
    assert.deepEqual(
      (await getJson<O[]>(`${sim.adminApiBase}/organizations?show_deleted=false&name=FIN`)).map((o) => o.name),
      ['Acme – Finance'],
    );
    const first = await getJson<O[]>(`${sim.adminApiBase}/organizations?show_deleted=false&order_by=name&offset=0&limit=2`);
    const second = await getJson<O[]>(`${sim.adminApiBase}/organizations?show_deleted=false&order_by=name&offset=2&limit=2`);
    assert.deepEqual([...first, ...second], byName);
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'offset=1.5', 'order=up', 'order_by=secret'])
      assert.equal((await signedGet(`${sim.adminApiBase}/organizations?${q}`)).status, 400, q);
  });

  it('lists accounts by organization and name (the list fields), and one account with its details', async () => {
    const t = sim.data.tenant;
    const org = t.organizations[0]!;
    const accounts = await getJson<Record<string, unknown>[]>(`${sim.adminApiBase}/accounts?organization_id=${org.id}`);
    assert.deepEqual(
      accounts.map((a) => a.id),
      t.accounts.filter((a) => t.organizationOf(a.id) === org.id).map((a) => a.id),
    );
    assert.deepEqual(Object.keys(accounts[0]!).sort(), ['active', 'description', 'id', 'last_publish', 'name', 'website']);
    assert.ok(
      accounts.some((a) => a.active === false),
      'some inactive',
    );
    assert.ok(accounts.some((a) => typeof a.last_publish === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/.test(a.last_publish)));
    assert.deepEqual(
      (await getJson<{ name: string }[]>(`${sim.adminApiBase}/accounts?name=render`)).map((a) => a.name),
      ['Render Farm AMER'],
    );
    const one = t.accounts[0]!;
    assert.deepEqual(await getJson(`${sim.adminApiBase}/accounts/${one.id}`), one);
    assert.equal((await getJson<unknown[]>(`${sim.adminApiBase}/accounts`)).length, t.accounts.length);
    const page = await getJson<unknown[]>(`${sim.adminApiBase}/customers/${t.customer.id}/accounts?active=true&limit=100`);
    assert.equal(page.length, t.accounts.filter((a) => a.active).length);
  });

  it('serves zones, upgrade groups (404 where not enabled) and user-volume settings per account', async () => {
    const t = sim.data.tenant;
    const id = t.accounts[0]!.id;
    assert.ok((await getJson<unknown[]>(`${sim.adminApiBase}/accounts/${id}/availability_zones`)).length > 0);
    assert.ok((await getJson<unknown[]>(`${sim.adminApiBase}/accounts/${id}/deployment_groups`)).length > 0);
    assert.equal(typeof (await getJson(`${sim.adminApiBase}/accounts/${id}/user_volumes_settings`)), 'object');
    assert.equal((await signedGet(`${sim.adminApiBase}/accounts/${t.noUpgradeGroupsAccountId}/deployment_groups`)).status, 404);
  });

  it('publishes: POST creates a queued task that reads move to success (or failed, or never)', async () => {
    const t = sim.data.tenant;
    const publish = async (id: string) => {
      const res = await request(`${sim.adminApiBase}/accounts/${id}/publish`, { method: 'POST', headers: frameHeaders() });
      assert.equal(res.status, 200);
      const body = JSON.parse(res.text) as { account: { id: string }; task_id: string };
      assert.equal(body.account.id, id);
      return body.task_id;
    };
    const states = async (id: string, task: string, reads: number) => {
      const out: string[] = [];
      for (let i = 0; i < reads; i++)
        out.push((await getJson<{ state: string }>(`${sim.adminApiBase}/accounts/${id}/publish/${task}`)).state);
      return out;
    };
    const ok = t.accounts[0]!.id;
    assert.deepEqual(await states(ok, await publish(ok), 5), ['queued', 'in_progress', 'in_progress', 'success', 'success']);
    const tasks = await getJson<{ id: string; state: string }[]>(`${sim.adminApiBase}/accounts/${ok}/publish/tasks`);
    assert.equal(tasks[0]!.state, 'success', 'newest first');
    const failing = t.failingPublishAccountId;
    assert.equal((await states(failing, await publish(failing), 4)).at(-1), 'failed');
    const stuck = t.stuckPublishAccountId;
    assert.deepEqual(new Set(await states(stuck, await publish(stuck), 8)), new Set(['in_progress']));
    assert.equal((await signedGet(`${sim.adminApiBase}/accounts/${ok}/publish`)).status, 405);
    assert.equal((await signedGet(`${sim.adminApiBase}/accounts/${ok}/publish/no-such-task`)).status, 404);
  });

  it('has publish tasks in every state', async () => {
    const t = sim.data.tenant;
    const seen = new Set<string>();
    for (const a of t.accounts) for (const task of t.publishTasks(a.id)) seen.add(task.state);
    for (const s of ['success', 'failed', 'canceled', 'in_progress']) assert.ok(seen.has(s), s);
  });

  it('status-after: the POST takes effect, then the answer is a 5xx', async () => {
    const id = sim.data.tenant.accounts[1]!.id;
    const before = sim.data.tenant.publishTasks(id).length;
    sim.inject({ kind: 'status-after', status: 502 }, { method: 'POST' });
    const res = await request(`${sim.adminApiBase}/accounts/${id}/publish`, { method: 'POST', headers: frameHeaders() });
    assert.equal(res.status, 502);
    assert.equal(sim.data.tenant.publishTasks(id).length, before + 1, 'a task was created all the same');
  });

  it('pages audit trails newest first, with search and kind filters', async () => {
    const t = sim.data.tenant;
    type E = { inserted_at: string; kind: string; user_email: string };
    const all: E[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await getJson<E[]>(`${sim.adminApiBase}/customers/${t.customer.id}/audit-trails?offset=${offset}&limit=100`);
      all.push(...page);
      if (page.length < 100) break;
    }
    assert.ok(all.length >= 500, 'hundreds of entries');
    assert.ok(
      all.every((e, i) => i === 0 || e.inserted_at <= all[i - 1]!.inserted_at),
      'newest first',
    );
    const launchpad = await getJson<E[]>(`${sim.adminApiBase}/customers/${t.customer.id}/audit-trails?kind=launchpad&limit=100`);
    assert.ok(launchpad.length > 0 && launchpad.every((e) => e.kind.startsWith('launchpad.')));
    const ana = await getJson<E[]>(`${sim.adminApiBase}/customers/${t.customer.id}/audit-trails?search=ana.garcia&limit=100`);
    assert.ok(ana.length > 0 && ana.every((e) => e.user_email.startsWith('ana.garcia')));
    const org = t.organizations[1]!.id;
    const orgEntries = await getJson<{ organization_id: string }[]>(`${sim.adminApiBase}/organizations/${org}/audit-trails?limit=100`);
    assert.ok(orgEntries.length > 0 && orgEntries.every((e) => e.organization_id === org));
  });

  it('lists cloud providers (documented fields) and datacenters', async () => {
    const providers = await getJson<{ display_name: string; byo_compatible: boolean }[]>(`${sim.adminApiBase}/cloud_providers`);
    assert.deepEqual(
      providers.map((p) => p.display_name),
      ['AWS', 'Azure', 'Google', 'Nutanix-AHV'],
    );
    assert.ok((await getJson<unknown[]>(`${sim.adminApiBase}/datacenters`)).length >= 3);
  });

  it('scopes: organization- and account-scoped credentials see only their part; 403 outside it', async () => {
    const t = sim.data.tenant;
    const base = sim.adminApiBase;
    assert.equal((await scoped(`${base}/customers/`, ORGANIZATION_SCOPED_CREDENTIALS)).status, 403);
    const orgs = JSON.parse((await scoped(`${base}/organizations`, ORGANIZATION_SCOPED_CREDENTIALS)).text) as { id: string }[];
    assert.deepEqual(
      orgs.map((o) => o.id),
      [t.organizations[0]!.id],
    );
    const outside = t.accounts.find((a) => t.organizationOf(a.id) !== t.organizations[0]!.id)!;
    assert.equal((await scoped(`${base}/accounts/${outside.id}`, ORGANIZATION_SCOPED_CREDENTIALS)).status, 403);
    assert.equal((await scoped(`${base}/organizations`, ACCOUNT_SCOPED_CREDENTIALS)).status, 403);
    const mine = JSON.parse((await scoped(`${base}/accounts`, ACCOUNT_SCOPED_CREDENTIALS)).text) as { name: string }[];
    assert.deepEqual(
      mine.map((a) => a.name),
      ['Design Studio DACH'],
    );
    assert.equal((await signedGet(`${base}/accounts/${t.outsideAccountId}`)).status, 403, 'another customer: 403 even for the customer');
    assert.equal((await scoped(`${sim.webApiBase}/accounts/`, ORGANIZATION_SCOPED_CREDENTIALS)).status, 403, 'Admin API only');
  });

  it('requires the frame signature', async () => {
    assert.equal((await request(`${sim.adminApiBase}/customers/`)).status, 401);
  });
});

describe('simulator: Registration API', function () {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());
  const basic =
    'Basic ' + Buffer.from(`${DEMO_REGISTRATION_CREDENTIALS.clientId}:${DEMO_REGISTRATION_CREDENTIALS.clientSecret}`).toString('base64');

  it('counts with a signed form POST', async () => {
    const params = { type_name: 'user', filter: "lastUpdated >= '2016-01-01'" };
    const res = await request(`${sim.registrationBase}/entity.count`, {
      method: 'POST',
      headers: { ...janrainHeaders('/entity.count', params), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form(params),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.text), { stat: 'ok', total_count: sim.data.registrationUsers.length });
  });

  it('finds with Basic auth and query parameters, honouring filter, max_results and attributes', async () => {
    const email = sim.data.registrationUsers[5]?.email as string;
    const q = new URLSearchParams({ type_name: 'user', filter: `email = '${email}'`, attributes: '["email","id"]' });
    const res = await request(`${sim.registrationBase}/entity.find?${q}`, { method: 'POST', headers: { Authorization: basic } });
    const body = JSON.parse(res.text) as { stat: string; result_count: number; results: unknown[] };
    assert.equal(body.stat, 'ok');
    assert.deepEqual(body.results, [{ email, id: sim.data.registrationUsers[5]?.id }]);
    const page = JSON.parse(
      (
        await request(`${sim.registrationBase}/entity.find`, {
          method: 'POST',
          headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: form({ type_name: 'user', max_results: '10', first_result: '20', show_total_count: 'true' }),
        })
      ).text,
    ) as { result_count: number; total_count: number; results: { id: number }[] };
    assert.equal(page.result_count, 10);
    assert.equal(page.results[0]?.id, sim.data.registrationUsers[20]?.id);
    assert.equal(page.total_count, sim.data.registrationUsers.length);
  });

  it('signs over query and body parameters together', async () => {
    const all = { type_name: 'user', max_results: '3' };
    const res = await request(`${sim.registrationBase}/entity.find?max_results=3`, {
      method: 'POST',
      headers: { ...janrainHeaders('/entity.find', all), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form({ type_name: 'user' }),
    });
    assert.equal((JSON.parse(res.text) as { result_count: number }).result_count, 3);
  });

  it('reports auth failures as HTTP 200 with stat:error code 402', async () => {
    const params = { type_name: 'user' };
    const wrongSecret = janrainHeaders('/entity.count', params, Date.now(), { ...DEMO_REGISTRATION_CREDENTIALS, clientSecret: 'nope' });
    const stale = janrainHeaders('/entity.count', params, Date.now() - 600_000);
    const wrongEndpoint = janrainHeaders('/entity.find', params);
    const badBasic = { Authorization: 'Basic ' + Buffer.from(`${DEMO_REGISTRATION_CREDENTIALS.clientId}:x`).toString('base64') };
    for (const headers of [{}, wrongSecret, stale, wrongEndpoint, badBasic, frameHeaders()]) {
      const res = await request(`${sim.registrationBase}/entity.count`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form(params),
      });
      assert.equal(res.status, 200);
      const body = JSON.parse(res.text) as { stat: string; code: number; error: string; error_description: string };
      assert.equal(body.stat, 'error');
      assert.equal(body.code, 402);
      assert.equal(body.error, 'invalid_auth');
      assert.ok(body.error_description);
    }
  });

  it('reports argument errors as stat:error too', async () => {
    const res = await request(`${sim.registrationBase}/entity.find`, { method: 'POST', headers: { Authorization: basic } });
    assert.equal((JSON.parse(res.text) as { stat: string; error: string }).error, 'missing_argument');
    const bad = await request(`${sim.registrationBase}/entity.find?type_name=user&filter=${encodeURIComponent('nonsense ~ 1')}`, {
      headers: { Authorization: basic },
    });
    assert.equal((JSON.parse(bad.text) as { stat: string }).stat, 'error');
  });
});
