import { parse } from 'csv-parse/sync';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FrameClient, RegistrationApi, SIGNED_REQUEST_METHODS, SignedApi, toCurl } from '../../../src/core/api';
import { addDays } from '../../../src/core/dates';
import { HttpTransport } from '../../../src/core/http/transport';
import { failsWith } from '../../support/failsWith';
import { DEMO_CREDENTIALS, DEMO_REGISTRATION_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

describe('Frame API clients against the simulator', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let transport: HttpTransport;
  let web: FrameClient;
  let tmp: string;

  before(async () => {
    sim = await startSimulator({ sessionsPerMonth: 300 });
    transport = new HttpTransport({ retry: { baseDelayMs: 5, maxDelayMs: 20 } });
    web = new FrameClient({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-client-'));
  });
  after(async () => {
    await transport.close();
    await sim.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(() => sim.reset());

  describe('Web API (v1alpha)', () => {
    it('lists accounts, whether the base URL ends in /v1alpha, / or /accounts/', async () => {
      const expected = sim.data.accounts.map((a) => ({ accountId: a.account_id, name: a.name, email: a.email }));
      assert.deepEqual(await web.listAccounts(), expected);
      for (const base of [sim.webApiBase + '/', sim.webApiBase + '/accounts', sim.webApiBase + '/accounts/']) {
        const c = new FrameClient({ baseUrl: base, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
        assert.deepEqual(await c.listAccounts(), expected, base);
      }
      assert.equal(sim.requests.at(-1)?.path, '/v1alpha/accounts/');
    });

    it('lists team members, thousands of them', async () => {
      const members = await web.listTeamMembers(sim.data.bigAccountId);
      assert.equal(members.length, sim.data.teamMembers(sim.data.bigAccountId).length);
      assert.ok(members.length >= 1000);
      assert.ok(members.some((m) => m.status === 'pending') && members.some((m) => m.status === 'active'));
    });

    it('lists applications; unusable icon links become null', async () => {
      const id = sim.data.accounts[1]!.account_id;
      const apps = await web.listApplications(id);
      const raw = sim.data.applications(id);
      assert.equal(apps.length, raw.length);
      raw.forEach((r, i) => {
        assert.equal(apps[i]!.name, r.name);
        assert.equal(apps[i]!.iconUrl, r.icon);
      });
      assert.ok(apps.some((a) => a.iconUrl === null));
    });

    it('gets usage for a Pacific-time date range', async () => {
      const id = sim.data.accounts[0]!.account_id;
      const to = sim.data.today;
      const from = addDays(to, -29);
      const usage = await web.getUsage(id, { from, to });
      const raw = sim.data.usage(id, from, to);
      assert.equal(usage.length, raw.length);
      assert.ok(usage.length > 0);
      assert.ok(usage.every((u) => u.day >= from && u.day <= to && u.hoursUsed >= 0));
      assert.match(sim.requests.at(-1)!.path, new RegExp(`usage\\?date_from=${from}&date_to=${to}$`));
      await failsWith(web.getUsage(id, { from: to, to: from }), 'invalid-request');
      await failsWith(web.getUsage(id, { from: '2026-02-30', to }), 'invalid-request');
    });

    it('lists monthly session reports newest first', async () => {
      const reports = await web.listSessionReports(sim.data.accounts[0]!.account_id);
      assert.equal(reports.length, sim.data.reportMonths.length);
      const last = sim.data.reportMonths.at(-1)!;
      assert.deepEqual([reports[0]!.year, reports[0]!.month], [last.year, last.month]);
      for (let i = 1; i < reports.length; i++)
        assert.ok(reports[i - 1]!.year * 12 + reports[i - 1]!.month > reports[i]!.year * 12 + reports[i]!.month);
    });

    it('gets recent sessions as CSV with the file name from Content-Disposition', async () => {
      const id = sim.data.accounts[1]!.account_id;
      const recent = await web.getRecentSessions(id);
      assert.match(recent.fileName, /^[A-Za-z0-9]{16}\.recent_sessions\.csv$/);
      assert.ok(recent.csv.startsWith('"username","application"'));
      // Counted by a CSV reader: fields of the real shape hold line breaks.
      assert.deepEqual((parse(recent.csv, { record_delimiter: '\r\n' }) as string[][]).slice(1), sim.data.recentSessionRows(id));
    });

    it('downloads a monthly report from its presigned link without any Frame header', async () => {
      const [report] = await web.listSessionReports(sim.data.accounts[1]!.account_id);
      const file = path.join(tmp, 'report.zip');
      const progress: number[] = [];
      const { bytes } = await web.downloadSessionReport(report!, file, { onProgress: (n) => progress.push(n) });
      const zip = fs.readFileSync(file);
      assert.equal(zip.length, bytes);
      assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK');
      assert.equal(progress.at(-1), bytes);
      const hit = sim.requests.filter((r) => r.path.startsWith('/presigned/'));
      assert.equal(hit.length, 1);
      assert.equal(hit[0]!.status, 200);
      for (const name of Object.keys(hit[0]!.headers)) assert.doesNotMatch(name, /^(x-frame-|authorization)/);
    });

    it('removes the partial file when a download is too large or cancelled', async () => {
      const [report] = await web.listSessionReports(sim.data.accounts[1]!.account_id);
      const file = path.join(tmp, 'big.zip');
      await failsWith(web.downloadSessionReport(report!, file, { maxBytes: 100 }), 'too-large');
      assert.ok(!fs.existsSync(file));
      sim.inject({ kind: 'slow-body', chunkDelayMs: 200, chunks: 5 }, { path: /^\/presigned\// });
      const ctrl = new AbortController();
      const p = web.downloadSessionReport(report!, file, { signal: ctrl.signal, onProgress: () => ctrl.abort() });
      await failsWith(p, 'cancelled');
      assert.ok(!fs.existsSync(file));
    });

    it('explains an expired or refused report link', async () => {
      const [report] = await web.listSessionReports(sim.data.accounts[1]!.account_id);
      const tampered = { ...report!, url: report!.url.replace(/Signature=[^&]+/, 'Signature=forged') };
      const err = await failsWith(web.downloadSessionReport(tampered, path.join(tmp, 'x.zip')), 'forbidden');
      assert.match(err.message, /Report links expire; refresh the Session Reports list/);
      assert.doesNotMatch(err.message, /Signature=|forged/);
    });

    it('URL-encodes account ids as one path segment', async () => {
      const err = await failsWith(web.listTeamMembers('a/b c?d'), 'not-found');
      assert.equal(sim.requests.at(-1)!.path, '/v1alpha/accounts/a%2Fb%20c%3Fd/team_members');
      assert.match(err.message, /HTTP 404/);
      await failsWith(web.listTeamMembers('  '), 'invalid-request');
    });

    it('turns a response of the wrong shape into a bad-response error naming the field', async () => {
      sim.inject({ kind: 'wrong-types' }, { path: '/v1alpha/accounts/' });
      const err = await failsWith(web.listAccounts(), 'bad-response');
      assert.match(err.message, /Unexpected response from GET .*\/v1alpha\/accounts\//);
      assert.ok(err.field !== undefined);
    });

    it('reads the 5000 members of the big account through retries and faults', async () => {
      sim.inject({ kind: 'status', status: 503 }, { path: /team_members/ });
      sim.inject({ kind: 'truncated-body' }, { path: /team_members/ });
      const members = await web.listTeamMembers(sim.data.bigAccountId);
      assert.equal(members.length, sim.data.teamMembers(sim.data.bigAccountId).length);
    });
  });

  describe('generic signed requests (all three schemes)', () => {
    it('frame: GET with parameters', async () => {
      const api = new SignedApi({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
      const id = sim.data.accounts[0]!.account_id;
      const res = await api.send({
        method: 'GET',
        path: `/accounts/${id}/usage`,
        params: { date_from: sim.data.today, date_to: sim.data.today },
      });
      assert.equal(res.status, 200);
      assert.ok(Array.isArray(res.json));
    });

    it('janrain-signature: form-encoded POST, and stat:error with HTTP 200 is an error (RegistrationApi)', async () => {
      const good = new RegistrationApi({
        baseUrl: sim.registrationBase,
        credentials: { scheme: 'janrain-signature', ...DEMO_REGISTRATION_CREDENTIALS },
        transport,
      });
      const res = await good.send({
        method: 'POST',
        path: '/entity.count',
        params: { type_name: 'user', filter: "lastUpdated >= '2016-01-01'" },
      });
      assert.equal((res.json as { stat: string }).stat, 'ok');
      assert.match(sim.requests.at(-1)!.headers['content-type'] ?? '', /x-www-form-urlencoded/);
      const wrongSecret = {
        baseUrl: sim.registrationBase,
        credentials: { scheme: 'janrain-signature', clientId: DEMO_REGISTRATION_CREDENTIALS.clientId, clientSecret: 'wrong-secret-value' },
        transport,
      } as const;
      const bad = new RegistrationApi(wrongSecret);
      const err = await failsWith(bad.send({ method: 'POST', path: '/entity.count', params: { type_name: 'user' } }), 'auth');
      assert.match(err.message, /signing scheme/);
      assert.doesNotMatch(err.message, /wrong-secret-value/);
      // The generic signed request knows no API's error format: it hands the answer back as received.
      const generic = await new SignedApi(wrongSecret).send({ method: 'POST', path: '/entity.count', params: { type_name: 'user' } });
      assert.equal(generic.status, 200);
      assert.equal((generic.json as { stat: string }).stat, 'error');
    });

    it('every method Send Signed Request offers goes out as itself: POST, PUT, PATCH with a form body, the others in the query', async () => {
      assert.deepEqual([...SIGNED_REQUEST_METHODS], ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);
      const api = new SignedApi({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
      const id = sim.data.accounts[0]!.account_id;
      for (const method of SIGNED_REQUEST_METHODS) {
        // The Web API answers writes 405: what matters here is what was sent.
        await api.send({ method, path: `/accounts/${id}/usage`, params: { date_from: sim.data.today } }).catch(() => undefined);
        const sent = sim.requests.at(-1)!;
        assert.equal(sent.method, method);
        const inBody = ['POST', 'PUT', 'PATCH'].includes(method);
        assert.equal(sent.body, inBody ? `date_from=${sim.data.today}` : '', method);
        assert.equal(sent.path.includes('date_from='), !inBody, method);
        assert.ok(sent.headers['x-frame-signature'], `${method} is signed`);
      }
      // HEAD: the status and headers of a GET, no body.
      const head = await api.send({
        method: 'HEAD',
        path: `/accounts/${id}/usage`,
        params: { date_from: sim.data.today, date_to: sim.data.today },
      });
      assert.equal(head.status, 200);
      assert.equal(head.text, '');
      assert.match(head.contentType, /json/);
      // As cURL: HEAD as --head (`-X HEAD` would wait for a body), PATCH with its form body.
      const url = `${sim.webApiBase}/accounts/${id}/usage`;
      assert.equal(toCurl({ method: 'HEAD', path: '/x' }, url, {}), `curl -sS --head '${url}'`);
      assert.equal(toCurl({ method: 'PATCH', path: '/x', params: { a: '1' } }, url, {}), `curl -sS -X 'PATCH' '${url}' --data 'a=1'`);
    });

    it('basic: Authorization Basic', async () => {
      const api = new SignedApi({
        baseUrl: sim.registrationBase,
        credentials: { scheme: 'basic', ...DEMO_REGISTRATION_CREDENTIALS },
        transport,
      });
      const res = await api.send({ method: 'POST', path: '/entity.count', params: { type_name: 'user' } });
      assert.equal((res.json as { stat: string }).stat, 'ok');
    });

    it('signs parameters written into the path, and refuses other hosts', async () => {
      const api = new SignedApi({
        baseUrl: sim.registrationBase,
        credentials: { scheme: 'janrain-signature', ...DEMO_REGISTRATION_CREDENTIALS },
        transport,
      });
      const res = await api.send({ method: 'GET', path: '/entity.count?type_name=user' });
      assert.equal((res.json as { stat: string }).stat, 'ok');
      await failsWith(api.send({ method: 'GET', path: 'https://evil.example.com/steal' }), 'invalid-request');
    });

    it('describes a signed request for cURL without the secret', () => {
      const api = new SignedApi({ baseUrl: sim.webApiBase, credentials: { scheme: 'frame', ...DEMO_CREDENTIALS }, transport });
      const d = api.describeRequest({ method: 'GET', path: '/accounts/' }, new Date(1_700_000_000_000));
      assert.equal(d.url, sim.webApiBase + '/accounts/');
      assert.equal(d.headers['X-Frame-Timestamp'], '1700000000');
      assert.ok(!JSON.stringify(d).includes(DEMO_CREDENTIALS.clientSecret));
    });
  });
});
