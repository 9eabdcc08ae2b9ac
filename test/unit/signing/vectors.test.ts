import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedDir } from '../../support/paths';
import { signRequest, isScheme, type Scheme } from '../../../src/core/signing';

interface Vector {
  name: string;
  scheme: Scheme;
  clientId: string;
  clientSecret: string;
  timestamp: number;
  method: string;
  path: string;
  params?: Record<string, string>;
  expectedHeaders: Record<string, string>;
}

describe('signer: shared vectors (../shared/vectors/signing.json)', () => {
  const file = path.join(sharedDir(), 'vectors', 'signing.json');
  const vectors = JSON.parse(fs.readFileSync(file, 'utf8')) as Vector[];

  it('has vectors for every scheme', () => {
    assert.ok(vectors.length >= 5);
    for (const s of ['frame', 'janrain-signature', 'basic']) assert.ok(vectors.some((v) => v.scheme === s), s);
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
