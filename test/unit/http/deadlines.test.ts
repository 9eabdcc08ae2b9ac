// Every wait bounded by its deadline (issue 18, class 4): a retry the server asks to delay past
// the request's deadline is not waited for, and a publish-task watch ends at its watch time even
// while a read is still waiting (a task poll that honours Retry-After must not overrun it).
import * as assert from 'node:assert/strict';
import { watchPublishTask } from '../../../src/core/api';
import { PRODUCT_RETRIES, adminOnHostileServer } from '../../support/adminFixture';

describe('waits bounded by their deadline', function () {
  this.timeout(20_000);
  const fx = adminOnHostileServer(
    {
      // Always busy, and asks to be asked again in 5 s (within the transport's Retry-After cap).
      '/v1/accounts/A1/publish/T1': (_req, res) =>
        void res.writeHead(503, { 'retry-after': '5', 'content-type': 'application/json' }).end('{"detail":"busy"}'),
    },
    PRODUCT_RETRIES,
  );

  it('a Retry-After longer than what is left of the deadline ends the request at once with the server error', async () => {
    const e = await fx.transport
      .requestJson({ method: 'GET', url: new URL(`${fx.server.url}/v1/accounts/A1/publish/T1`), maxBytes: 1000, deadlineMs: 1000 })
      .then(
        () => assert.fail('503'),
        (err: unknown) => err as { kind: string },
      );
    assert.equal(e.kind, 'server', 'the server was busy: not a timeout after waiting for nothing');
    assert.equal(fx.server.hits.length, 1);
  });

  it('a task watch ends at its watch time while a read is still waiting ("timeout", not a hang)', async () => {
    const never = (signal: AbortSignal) =>
      new Promise<unknown>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    const result = await watchPublishTask({ read: never, timeoutMs: 200, baseDelayMs: 5 });
    assert.equal(result.outcome, 'timeout');
  });

  it('a task watch over a server answering 503 + Retry-After ends "timeout" within its watch time, after one read', async () => {
    const result = await watchPublishTask({ read: (s) => fx.admin.getPublishTask('A1', 'T1', s), timeoutMs: 300, baseDelayMs: 5 });
    assert.ok(result.outcome === 'timeout' || result.outcome === 'lost', result.outcome);
    assert.ok(fx.server.hits.length <= 3, `${fx.server.hits.length} reads`);
  });
});
