import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { DEMO_CREDENTIALS } from '../../simulator';
import { signedGet } from './client';

describe('simulator: CLI', () => {
  it('prints its URLs and credentials, logs each request, and exits cleanly on SIGTERM', async () => {
    const main = path.resolve(__dirname, '../../simulator/main.js');
    const child = spawn(process.execPath, [main, '--seed', '3'], {
      env: { ...process.env, SIM_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (s: string) => {
          out += s;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          // Output can arrive in several chunks: wait for the last line checked below.
          if (m && out.includes('Admin API base') && out.includes(DEMO_CREDENTIALS.clientSecret)) resolve(m[1] as string);
        });
        child.on('exit', () => reject(new Error(`exited early: ${out}`)));
      });
      assert.ok(out.includes(`${url}/v1alpha`));
      assert.match(out, /Admin API base: +http:\/\/127\.0\.0\.1:\d+\/v1\n/);
      assert.ok(out.includes(DEMO_CREDENTIALS.clientId) && out.includes(DEMO_CREDENTIALS.clientSecret));
      assert.equal((await signedGet(`${url}/v1alpha/accounts/`)).status, 200);
      for (let i = 0; i < 100 && !/GET \/v1alpha\/accounts\/ 200 \d+ms/.test(out); i++) await new Promise((r) => setTimeout(r, 20));
      assert.match(out, /GET \/v1alpha\/accounts\/ 200 \d+ms/);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
  });
});
