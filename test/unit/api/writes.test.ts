// The one write action against a hostile server (issue 18, class 3): a write never follows a
// redirect, and an answer the client cannot read means "may or may not have started", never
// "not started".
import * as assert from 'node:assert/strict';
import { publishFailureMeans } from '../../../src/core/api';
import { PRODUCT_RETRIES, adminOnHostileServer } from '../../support/adminFixture';

describe('write actions: no redirect followed, an unreadable answer is "unknown"', function () {
  this.timeout(20_000);
  // Retries on, as in the product: the POST must still be sent once.
  const fx = adminOnHostileServer({}, PRODUCT_RETRIES);
  const path = '/v1/accounts/A1/publish';

  for (const status of [301, 302, 303, 307, 308]) {
    it(`a publish POST answered ${status} to itself reaches the endpoint once and "may or may not have started"`, async () => {
      fx.server.route(path, (_req, res) => void res.writeHead(status, { location: path }).end());
      const e = await fx.admin.publishSandbox('A1').then(
        () => assert.fail('a redirect is not an answer'),
        (err: unknown) => err,
      );
      assert.equal(fx.server.hits.length, 1, 'sent once');
      assert.equal(publishFailureMeans(e), 'unknown');
      assert.match((e as Error).message, /redirect/i);
      assert.match((e as Error).message, /not followed/);
    });
  }

  it('a 3xx without a Location, or a 1xx-like status, is unknown too; a 4xx refusal did not start', async () => {
    fx.server.route(path, (_req, res) => void res.writeHead(304).end());
    assert.equal(publishFailureMeans(await fx.admin.publishSandbox('A1').catch((e: unknown) => e)), 'unknown');
    fx.server.route(path, (_req, res) => void res.writeHead(409, { 'content-type': 'application/json' }).end('{"detail":"busy"}'));
    assert.equal(publishFailureMeans(await fx.admin.publishSandbox('A1').catch((e: unknown) => e)), 'not-started');
  });

  it('a GET still follows a same-origin redirect', async () => {
    fx.server.route('/v1/accounts', (_req, res) => void res.writeHead(307, { location: '/v1/accounts2' }).end());
    fx.server.route('/v1/accounts2', (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('[{"id":"a"}]'));
    const page = await fx.admin.listAccounts();
    assert.deepEqual(
      page.items.map((a) => a.id),
      ['a'],
    );
  });
});
