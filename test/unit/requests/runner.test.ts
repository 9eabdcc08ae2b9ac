import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { runCli, EXIT } from '../../../src/core/requests/cli';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator';
import { startHostileServer, type HostileServer } from '../../support/hostileServer';
import { repoRoot } from '../../support/paths';

/** The headless runner (src/core/requests/cli.ts) against the simulator and a hostile server, over real sockets. */
describe('request files: the runner (frame-http run)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let dir: string;

  before(async () => {
    sim = await startSimulator({ seed: 1, now: new Date('2025-03-10T12:00:00Z') });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-http-'));
  });
  after(async () => {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const envFor = (baseUrl: string, credentials: { clientId: string; clientSecret: string } = DEMO_CREDENTIALS, scheme?: string) => ({
    FRAME_BASE_URL: baseUrl,
    FRAME_CLIENT_ID: credentials.clientId,
    FRAME_CLIENT_SECRET: credentials.clientSecret,
    ...(scheme ? { FRAME_SCHEME: scheme } : {}),
  });
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  /** Runs the CLI in this process; everything it prints and the JUnit file, for the leak checks. */
  const run = async (args: string[], env: Record<string, string>, cwd?: string) => {
    let stdout = '';
    let stderr = '';
    const junitPath = path.join(dir, `junit-${Math.random().toString(36).slice(2)}.xml`);
    const code = await runCli([...args, '--junit', junitPath], {
      env,
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      transport: { retry: { maxRetries: 0 }, connectTimeoutMs: 2_000 },
      cwd,
    });
    const junit = fs.existsSync(junitPath) ? fs.readFileSync(junitPath, 'utf8') : '';
    return { code, stdout, stderr, junit, all: stdout + stderr + junit };
  };
  const count = (text: string, re: RegExp): number => (text.match(re) ?? []).length;

  it('runs a chained 3-request file in order, signed, and passes (exit 0, three JUnit testcases)', async () => {
    sim.requests.length = 0;
    const r = await run(['run', path.join(repoRoot, 'test/fixtures/requests/chained.frame.http')], envFor(sim.webApiBase));
    assert.equal(r.code, EXIT.passed, r.all);
    const first = sim.data.accounts[0]!.account_id;
    assert.deepEqual(
      sim.requests.map((q) => `${q.method} ${q.path} ${q.status}`),
      [`GET /v1alpha/accounts/ 200`, `GET /v1alpha/accounts/${first}/team_members 200`, `GET /v1alpha/accounts/${first}/applications 200`],
    );
    assert.ok(
      sim.requests.every((q) => q.headers['x-frame-signature']),
      'every request is signed',
    );
    assert.equal(count(r.junit, /<testcase /g), 3);
    assert.equal(count(r.junit, /<failure /g), 0);
    assert.match(r.stdout, /3 passed, 0 failed, 0 errors, 0 skipped/);
    assert.ok(!r.all.includes(DEMO_CREDENTIALS.clientSecret));
  });

  it('exits 1 with one JUnit failure (expected and actual) when one assertion fails; a 404 is an answer', async () => {
    const file = write(
      'failing.frame.http',
      '# @name missing\nGET /accounts/no-such-account/team_members\n?? status == 404\n?? jsonpath $.detail exists\n\n###\nGET /accounts/\n?? status == 201\n?? jsonpath $[0].name exists\n',
    );
    const r = await run(['run', file], envFor(sim.webApiBase));
    assert.equal(r.code, EXIT.failed, r.all);
    assert.equal(count(r.junit, /<testcase /g), 2);
    assert.equal(count(r.junit, /<failure /g), 1);
    assert.match(
      r.junit,
      /<failure message="\?\? status == 201" type="assertion">line 8: \?\? status == 201\n {2}expected: == 201\n {2}actual: {3}200<\/failure>/,
    );
    assert.match(r.stdout, /✓ missing \(line 2\) {2}HTTP 404/);
  });

  it('sends a non-ASCII account id taken from a response path-encoded, as one segment', async () => {
    const name = sim.data.accounts[4]!.name;
    assert.match(name, /[^\x20-\x7e]/, 'the fifth account has a non-ASCII name');
    const file = write(
      'encoded.frame.http',
      '# @name list\nGET /accounts/\n\n###\nGET /accounts/{{list.response.body.$[4].name}}/team_members\n?? status == 404\n',
    );
    sim.requests.length = 0;
    const r = await run(['run', file], envFor(sim.webApiBase));
    assert.equal(r.code, EXIT.passed, r.all);
    assert.equal(sim.requests[1]!.path, `/v1alpha/accounts/${encodeURIComponent(name)}/team_members`);
  });

  it('stops at a request that got no answer (exit 2): the rest are skipped, nothing leaks', async () => {
    const closed = await startHostileServer();
    const url = closed.url;
    await closed.close();
    const file = write('down.frame.http', 'GET /accounts/\n###\nGET /accounts/again\n');
    const r = await run(['run', file], envFor(url + '/v1alpha'));
    assert.equal(r.code, EXIT.error, r.all);
    assert.equal(count(r.junit, /<error /g), 1);
    assert.equal(count(r.junit, /<skipped /g), 1);
    assert.ok(!r.all.includes(DEMO_CREDENTIALS.clientSecret));
  });

  it('refuses usage errors and malformed files with exit 2, sending nothing; a secret argument is never echoed', async () => {
    sim.requests.length = 0;
    const bad = write('bad.frame.http', 'GET /accounts/\n?? status === 200\n');
    const malformed = await run(['run', bad], envFor(sim.webApiBase));
    assert.equal(malformed.code, EXIT.error);
    assert.match(malformed.stderr, /bad\.frame\.http:2:1: "===" is not a condition/);
    assert.deepEqual(sim.requests, []);
    const secretArg = await run(['run', bad, `--client-secret=${DEMO_CREDENTIALS.clientSecret}`], envFor(sim.webApiBase));
    assert.equal(secretArg.code, EXIT.error);
    assert.match(secretArg.stderr, /read from FRAME_CLIENT_SECRET only/);
    assert.ok(!secretArg.all.includes(DEMO_CREDENTIALS.clientSecret));
    // Only an option is refused for naming a secret: a file may be called so.
    const named = write('secret-checks.frame.http', 'GET /accounts/\n?? status == 200\n');
    assert.equal((await run(['run', named], envFor(sim.webApiBase))).code, EXIT.passed);
    const noEnv = await run(['run', bad], { FRAME_BASE_URL: sim.webApiBase });
    assert.equal(noEnv.code, EXIT.error);
    assert.match(noEnv.stderr, /set FRAME_CLIENT_ID, FRAME_CLIENT_SECRET in the environment/);
    assert.equal((await run(['fly', bad], envFor(sim.webApiBase))).code, EXIT.error);
    assert.equal((await run(['run', bad], { ...envFor(sim.webApiBase), FRAME_SCHEME: 'hmac' })).code, EXIT.error);
  });

  describe('against a server that echoes credentials', () => {
    let hostile: HostileServer;
    before(async () => {
      hostile = await startHostileServer({
        // Echoes every request header and the body, in the body and in response headers.
        '/v1alpha/echo': (req, res) => {
          const hit = hostile.hits[hostile.hits.length - 1]!;
          res
            .writeHead(200, {
              'content-type': 'application/json',
              'x-echo-authorization': hit.headers['authorization'] ?? '',
              'x-echo-signature': hit.headers['x-frame-signature'] ?? '',
            })
            .end(JSON.stringify({ headers: hit.headers, body: hit.body, method: req.method }));
        },
      });
    });
    after(() => hostile.close());

    for (const scheme of ['frame', 'basic'] as const) {
      it(`keeps the ${scheme} credentials out of stdout, stderr and JUnit, even in a failed assertion's actual value`, async () => {
        const credentials = { clientId: 'echo-client-1234', clientSecret: 'Echo/Secret+Value-987' };
        const file = write(
          `echo-${scheme}.frame.http`,
          [
            '# @name echo',
            'POST /echo',
            'Content-Type: application/json',
            'X-Note: {{$processEnv FRAME_CLIENT_SECRET}}',
            '',
            '{"secret": "{{$processEnv FRAME_CLIENT_SECRET}}"}',
            '?? body == nothing',
            '?? header x-echo-authorization == nothing',
            '?? header x-echo-signature == nothing',
            '',
            '###',
            'GET /echo?copy={{echo.response.body.$.headers.authorization}}',
            '?? body == nothing',
          ].join('\n'),
        );
        const r = await run(['run', file], envFor(hostile.url + '/v1alpha', credentials, scheme));
        assert.equal(r.code, EXIT.failed, r.all);
        const sent = hostile.hits.slice(-2);
        const leaks = [credentials.clientSecret, Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')];
        if (scheme === 'frame') leaks.push(...sent.map((h) => h.headers['x-frame-signature']!));
        for (const leak of leaks) {
          assert.ok(leak && leak.length > 6);
          assert.ok(!r.all.includes(leak), `${leak} leaked:\n${r.all}`);
          assert.ok(!r.all.includes(encodeURIComponent(leak)), `${leak} leaked encoded`);
        }
        assert.match(r.junit, /\[redacted\]/);
      });
    }
  });

  it('reads "< path" bodies beside the request file, "<@" with variables; refuses a file outside the folder or over the cap', async () => {
    // The server has read the body when a handler runs: it answers with the last hit's.
    const echo: HostileServer = await startHostileServer({
      '/v1alpha/echo': (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end(echo.hits.at(-1)!.body),
    });
    const root = fs.mkdtempSync(path.join(dir, 'root-'));
    try {
      fs.mkdirSync(path.join(root, 'bodies'));
      fs.writeFileSync(path.join(root, 'bodies', 'plain.json'), '{"id": "{{id}}"}');
      fs.writeFileSync(path.join(root, 'bodies', 'big.bin'), Buffer.alloc(10 * 1024 * 1024 + 1));
      fs.writeFileSync(path.join(dir, 'outside.txt'), 'not yours');
      fs.symlinkSync(path.join(dir, 'outside.txt'), path.join(root, 'bodies', 'link.txt'));
      const file = path.join(root, 'bodies.frame.http');
      const post = (body: string, check: string) => ['###', 'POST /echo', 'Content-Type: application/json', '', body, check].join('\n');
      fs.writeFileSync(
        file,
        [
          '@id = 42',
          post('< ./bodies/plain.json', '?? body != {"id": "42"}'),
          post('<@ ./bodies/plain.json', '?? body == {"id": "42"}'),
          post('< ../outside.txt', '?? status == 200'),
          post('< bodies/link.txt', '?? status == 200'),
          post('< bodies/big.bin', '?? status == 200'),
          post('< bodies/none.json', '?? status == 200'),
        ].join('\n'),
      );
      const r = await run(['run', file], envFor(echo.url + '/v1alpha'), root);
      assert.equal(r.code, EXIT.failed, r.all);
      assert.equal(echo.hits.length, 2, 'only the two readable bodies were sent');
      assert.deepEqual(
        echo.hits.map((h) => h.body),
        ['{"id": "{{id}}"}', '{"id": "42"}'],
      );
      assert.match(r.stdout, /✓ POST \/echo \(line 3\)[^\n]*\n\s+✓ POST \/echo \(line 9\)/);
      assert.equal(count(r.stdout, /is outside .*: request files only read files inside their workspace folder/g), 2);
      assert.match(r.stdout, /has 10\.0 MiB; bodies are read up to 10 MiB/);
      assert.match(r.stdout, /the body file "bodies\/none\.json" does not exist/);
      assert.ok(!r.all.includes('not yours'));
    } finally {
      await echo.close();
    }
  });

  it('works as the built dist/frame-http.js, in its own process', async () => {
    const script = path.join(repoRoot, 'dist/frame-http.js');
    assert.ok(fs.existsSync(script), 'npm test builds dist/ before the unit tests (node esbuild.js)');
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [script, 'run', path.join(repoRoot, 'test/fixtures/requests/chained.frame.http')], {
      env: { PATH: process.env.PATH ?? '', ...envFor(sim.webApiBase) },
    });
    assert.match(stdout, /3 passed, 0 failed/);
    const failing = write('spawned-failing.frame.http', 'GET /accounts/\n?? status == 201\n');
    await assert.rejects(
      run(process.execPath, [script, 'run', failing], { env: { PATH: process.env.PATH ?? '', ...envFor(sim.webApiBase) } }),
      (e: { code?: number }) => e.code === EXIT.failed,
    );
  });
});
