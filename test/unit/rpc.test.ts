// The panels' typed channel (src/protocol/rpc.ts): two real endpoints joined back to back, as the
// host and a webview are by postMessage.
import * as assert from 'node:assert/strict';
import { FrameError } from '../../src/core/errors';
import { RpcEndpoint, isCancelledRpc, toRpcError, type Envelope, type HostEnd, type WebviewEnd } from '../../src/protocol/rpc';

type Requests = {
  add: { params: { a: number; b: number }; result: number };
  fail: { params: null; result: null };
  slow: { params: null; result: string };
};
type Notifications = { progress: { message: string } };

/** A host end and a webview end whose messages reach each other (asynchronously, like postMessage). */
function pair(): { host: HostEnd<Requests, Notifications>; webview: WebviewEnd<Requests, Notifications>; unknown: (m: Envelope) => void } {
  const deliver = (to: () => { handle(m: unknown): Promise<void> }) => (m: Envelope) => void Promise.resolve().then(() => to().handle(m));
  const host: HostEnd<Requests, Notifications> = new RpcEndpoint(deliver(() => webview));
  const webview: WebviewEnd<Requests, Notifications> = new RpcEndpoint(deliver(() => host));
  return { host, webview, unknown: deliver(() => host) };
}

describe('webview channel (src/protocol/rpc.ts)', () => {
  it('answers a request with its handler’s result, and passes notifications on', async () => {
    const { host, webview } = pair();
    host.onRequest('add', async (p) => p.a + p.b);
    const seen: string[] = [];
    webview.onNotification('progress', (p) => seen.push(p.message));
    assert.equal(await webview.request('add', { a: 2, b: 3 }), 5);
    host.notify('progress', { message: 'halfway' });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(seen, ['halfway']);
  });

  it('rejects with the error model’s envelope: the message for people, its kind, whether to retry', async () => {
    const { host, webview } = pair();
    host.onRequest('fail', async () => {
      throw new FrameError('timeout', 'Frame did not answer in time. Try again.');
    });
    await assert.rejects(webview.request('fail', null), (e: unknown) => {
      assert.deepEqual(toRpcError(e), { message: 'Frame did not answer in time. Try again.', kind: 'timeout', retryable: true });
      return true;
    });
  });

  it('refuses a method it has no handler for, by name', async () => {
    const { webview } = pair();
    await assert.rejects(webview.request('add', { a: 1, b: 1 }), (e: unknown) => {
      assert.deepEqual(toRpcError(e), { message: 'Unknown request "add".', kind: 'internal', retryable: false });
      return true;
    });
  });

  it('on close, rejects every waiting request as cancelled with the panel’s own message', async () => {
    const { host, webview } = pair();
    host.onRequest('slow', () => new Promise<string>(() => undefined));
    const waiting = webview.request('slow', null);
    webview.dispose('The audit trail was closed.');
    await assert.rejects(waiting, (e: unknown) => {
      assert.equal(isCancelledRpc(e), true);
      assert.equal(toRpcError(e).message, 'The audit trail was closed.');
      return true;
    });
  });

  it('ignores messages that are not envelopes', async () => {
    const { host, webview, unknown } = pair();
    host.onRequest('add', async (p) => p.a + p.b);
    for (const m of [null, 'request', { type: 'other' }, { type: 'response', id: 999, result: 1 }]) unknown(m as Envelope);
    assert.equal(await webview.request('add', { a: 1, b: 2 }), 3);
  });
});
