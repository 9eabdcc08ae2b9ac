import * as assert from 'node:assert/strict';
import { FrameAdminClient, FrameClient, fileNameFromContentDisposition, safeFileName } from '../../../src/core/api';
import { excerptOf } from '../../../src/core/http/errors';
import { describeAttempt } from '../../../src/core/http/requestLog';
import { HttpTransport, type RequestLogEntry } from '../../../src/core/http/transport';
import { redactUrlForLog } from '../../../src/core/http/urls';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';

/** Characters that start a new line in a log viewer, a terminal or an editor. */
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
/** Bidirectional controls (they reorder what is shown: "evil\u202Egpj.exe" reads as "evilexe.jpg"). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('log lines, file names and excerpts cannot be forged (issue 8, item 6)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let transport: HttpTransport;
  let logs: RequestLogEntry[];
  before(async () => {
    sim = await startSimulator();
    transport = new HttpTransport({ retry: { maxRetries: 0 }, onLog: (e) => logs.push(e) });
  });
  after(async () => {
    await transport.close();
    await sim.close();
  });
  beforeEach(() => {
    logs = [];
  });

  const forged = '\r\n2026-01-01 00:00:00.000 [info] GET https://api.fra.me/v1alpha/accounts/ → 200 in 5 ms (attempt 1)';

  it('an id with CR/LF, U+0085, U+2028 or U+2029 (in the path or the query) stays on one log line', async () => {
    const creds = { scheme: 'frame' as const, ...DEMO_CREDENTIALS };
    const admin = new FrameAdminClient({ baseUrl: sim.adminApiBase, credentials: creds, transport });
    const web = new FrameClient({ baseUrl: sim.webApiBase, credentials: creds, transport });
    for (const breakChar of ['\r\n', '\n', '\u0085', '\u2028', '\u2029']) {
      const id = `ACC${forged.replace('\r\n', breakChar)}\u202e`;
      await admin.listAccounts({ organizationId: id }).catch(() => undefined);
      await web.listTeamMembers(id).catch(() => undefined);
    }
    assert.equal(logs.length, 10);
    for (const entry of logs) {
      const { line } = describeAttempt(entry);
      assert.doesNotMatch(line, LINE_BREAK, line);
      assert.doesNotMatch(line, BIDI, line);
    }
  });

  it('describeAttempt and redactUrlForLog escape line breaks and controls, readable', () => {
    const url = new URL('https://api.example/v1/organizations');
    url.searchParams.set('customer_id', 'a\r\nb\u2028c\u202ed\u0000');
    assert.equal(redactUrlForLog(url), 'https://api.example/v1/organizations?customer_id=a\\r\\nb\\u2028c\\u202ed\\u0000');
    const { line } = describeAttempt({ method: 'GET', url: 'https://x/a\nb\u2029c', status: 200, ms: 1, attempt: 1 });
    assert.equal(line, 'GET https://x/a\\nb\\u2029c → 200 in 1 ms (attempt 1)');
  });

  it('bidi controls are stripped from file names (both Content-Disposition forms) and excerpts', () => {
    assert.equal(safeFileName('report\u202egpj.exe'), 'reportgpj.exe');
    assert.equal(safeFileName('a\u2066b\u2069c\u200fd\u061ce\u2028f\u0085g.csv'), 'abcde_f_g.csv');
    assert.equal(fileNameFromContentDisposition("attachment; filename*=UTF-8''evil%E2%80%AEvsc.csv"), 'evilvsc.csv');
    assert.equal(fileNameFromContentDisposition('attachment; filename="evil\u202evsc.csv"'), 'evilvsc.csv');
    assert.equal(excerptOf('a\u202eb\u2028c\u0085d\u2029e'), 'ab c d e');
  });
});
