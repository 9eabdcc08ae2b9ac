import * as assert from 'node:assert/strict';
import { loadSigningVectors } from '../../support/vectors';
import { signRequest, isScheme } from '../../../src/core/signing';

describe('signer: shared vectors (../shared/vectors/signing.json)', () => {
  const vectors = loadSigningVectors();

  it('has vectors for every scheme', () => {
    assert.ok(vectors.length >= 5);
    for (const s of ['frame', 'janrain-signature', 'basic'])
      assert.ok(
        vectors.some((v) => v.scheme === s),
        s,
      );
  });

  for (const v of vectors) {
    it(v.name, () => {
      assert.ok(isScheme(v.scheme));
      const headers = signRequest(
        { scheme: v.scheme, clientId: v.clientId, clientSecret: v.clientSecret },
        { method: v.method, path: v.path, params: v.params, now: new Date(v.timestamp * 1000) },
      );
      assert.deepEqual(headers, v.expectedHeaders);
    });
  }
});
