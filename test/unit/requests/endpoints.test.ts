import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENDPOINTS, endpointsFor, matchEndpoint } from '../../../src/core/requests';
import { sharedDir } from '../../support/paths';

/** The endpoint table request-file completion offers (src/core/requests/endpoints.ts), checked against the API documents. */
describe('request files: the documented endpoints for completion', () => {
  const adminDoc = fs.readFileSync(path.join(sharedDir(), 'api-docs', 'frame-admin-api-endpoints.md'), 'utf8');
  // The Web API document writes the account id as <account_id> or xxxxxxxxxx.
  const webDoc = fs
    .readFileSync(path.join(sharedDir(), 'api-docs', 'frame-web-api-v1alpha.txt'), 'utf8')
    .replace(/<account_id>|x{10}/g, '{account_id}');
  /** The Admin API document's endpoint table: method, path, confidence. */
  const rows = [...adminDoc.matchAll(/^\| \d+ +\| (GET|POST) +\| `([^`]+)` \| [^|]+\| ([^|]+)\|/gm)].map((m) => ({
    method: m[1]!,
    path: m[2]!,
    confidence: m[3]!.trim(),
  }));

  it('offers exactly the Admin API endpoints its document marks documented, none seen only in scripts', () => {
    assert.ok(rows.length >= 19, `read ${rows.length} rows`);
    const documented = rows.filter((r) => r.confidence.startsWith('documented')).map((r) => `${r.method} ${r.path}`);
    const offered = endpointsFor('admin').map((e) => `${e.method} ${e.path}`);
    assert.deepEqual([...offered].sort(), [...documented].sort());
    for (const r of rows.filter((r) => !r.confidence.startsWith('documented')))
      assert.ok(!offered.includes(`${r.method} ${r.path}`), `${r.path} is ${r.confidence}`);
  });

  it("offers the Web API's v1alpha endpoints as its document writes them", () => {
    for (const e of endpointsFor('web')) {
      const written = `/v1alpha${e.path}`;
      assert.ok(webDoc.includes(written) || webDoc.includes(written.replace(/\/$/, '')), written);
    }
    assert.deepEqual(
      endpointsFor('web')
        .find((e) => e.path.endsWith('/usage'))!
        .query.map((p) => [p.name, p.required]),
      [
        ['date_from', true],
        ['date_to', true],
      ],
    );
    assert.equal(endpointsFor(undefined).length, ENDPOINTS.length);
  });

  it('matches a written path (ids and {{references}} in place of parameters) to its endpoint', () => {
    assert.equal(
      matchEndpoint('web', 'get', '/accounts/{{list.response.body.$[0].account_id}}/usage?date_from=')?.path,
      '/accounts/{account_id}/usage',
    );
    assert.equal(matchEndpoint('admin', 'GET', '/customers/abc-123/accounts')?.path, '/customers/{customer_id}/accounts');
    assert.equal(matchEndpoint('admin', 'GET', '/accounts/')?.path, '/accounts');
    assert.equal(matchEndpoint('admin', 'POST', '/accounts/a/b/publish'), undefined);
    assert.equal(matchEndpoint('web', 'GET', '/accounts/x/publish'), undefined);
  });
});
