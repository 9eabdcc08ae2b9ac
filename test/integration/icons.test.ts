// Application icons come from URLs the API names: untrusted. In a real extension host, against a
// hostile server on 127.0.0.1: no request reaches another local service (directly or by a
// redirect), and a transient failure is tried again later instead of being remembered.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HttpTransport } from '../../src/core/http/transport';
import { IconCache } from '../../src/views/iconCache';
import { appIcon } from '../simulator/png';

function listen(handler: http.RequestListener): Promise<{ server: http.Server; origin: string; hits: string[] }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits })),
  );
}

describe('application icons from untrusted URLs', function () {
  this.timeout(30_000);
  let admin: Awaited<ReturnType<typeof listen>>;
  let api: Awaited<ReturnType<typeof listen>>;
  let transport: HttpTransport;
  let folder: string;
  let flaky = 0;
  const png = appIcon([40, 120, 220]);

  before(async () => {
    // Another local service, the kind an icon URL must never reach.
    admin = await listen((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    api = await listen((req, res) => {
      if (req.url === '/icons/redirect.png') res.writeHead(302, { location: `${admin.origin}/admin/shutdown?confirm=yes` }).end();
      else if (req.url === '/icons/flaky.png' && flaky++ === 0) res.writeHead(503).end('busy');
      else res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    });
    transport = new HttpTransport({ retry: { maxRetries: 0 } });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-icons-'));
  });
  after(async () => {
    await transport.close();
    admin.server.close();
    api.server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('never reaches another local service: not directly, not through a redirect, not over plain http elsewhere', async () => {
    const icons = new IconCache(vscode.Uri.file(folder), () => transport);
    const base = `${api.origin}/v1alpha`;
    assert.equal(await icons.get(`${admin.origin}/admin/shutdown?confirm=yes`, base), undefined);
    assert.equal(await icons.get(`${api.origin}/icons/redirect.png`, base), undefined);
    assert.equal(await icons.get('http://icons.example.com/a.png', 'https://api.fra.me/v1alpha'), undefined, 'plain http to a public host');
    assert.deepEqual(admin.hits, [], 'the other service saw no request');
    assert.ok(api.hits.includes('/icons/redirect.png'), 'the redirect itself was asked for');
    const ok = await icons.get(`${api.origin}/icons/ok.png`, base);
    assert.match(ok?.toString(true) ?? '', /^data:image\/png;base64,/);
  });

  it('tries a transient failure again later instead of remembering it for the session', async () => {
    const icons = new IconCache(vscode.Uri.file(folder), () => transport, 200);
    const base = `${api.origin}/v1alpha`;
    assert.equal(await icons.get(`${api.origin}/icons/flaky.png`, base), undefined, 'the first try fails (HTTP 503)');
    await new Promise((r) => setTimeout(r, 300));
    const again = await icons.get(`${api.origin}/icons/flaky.png`, base);
    assert.match(again?.toString(true) ?? '', /^data:image\/png;base64,/);
  });
});
