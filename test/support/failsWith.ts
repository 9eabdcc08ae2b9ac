import * as assert from 'node:assert/strict';
import { FrameError, type ErrorKind } from '../../src/core/errors';
import { FrameApiError, type ApiErrorKind } from '../../src/core/http/errors';
import { toRpcError, type RpcError } from '../../src/protocol/rpc';

/** Resolves to the FrameApiError the promise rejects with; fails the test unless it is of `kind`. */
export async function failsWith(p: Promise<unknown>, kind: ApiErrorKind): Promise<FrameApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof FrameApiError, `expected FrameApiError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    return e;
  }
  assert.fail(`expected a ${kind} error, but it succeeded`);
}

/** Resolves to the FrameError (any family) the promise rejects with; fails the test unless it is of `kind`. */
export async function failsWithKind(p: Promise<unknown>, kind: ErrorKind): Promise<FrameError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof FrameError, `expected a FrameError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    return e;
  }
  assert.fail(`expected a ${kind} error, but it succeeded`);
}

/** The envelope a webview would receive for a rejected panel request; fails the test if it succeeds. */
export async function rpcFailure(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p;
  } catch (e) {
    return toRpcError(e);
  }
  assert.fail('expected the request to fail');
}
