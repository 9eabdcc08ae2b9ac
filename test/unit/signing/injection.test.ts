import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { FrameError, isFrameError } from '../../../src/core/errors';
import { signRequest } from '../../../src/core/signing';
import { loadSigningVectors } from '../../support/vectors';

/** janrain-signature: parameters that would read as other `k=v` lines are refused (issue 8, item 10). */
describe('signer: janrain-signature parameter injection', () => {
  const creds = { scheme: 'janrain-signature' as const, clientId: 'id', clientSecret: 'secret' };
  const sign = (params: Record<string, string>) => signRequest(creds, { method: 'POST', path: '/entity.find', params, now: new Date(0) });
  const refused = (params: Record<string, string>, re: RegExp) =>
    assert.throws(
      () => sign(params),
      (e: unknown) => isFrameError(e, 'invalid-request') && re.test((e as FrameError).message),
      JSON.stringify(params),
    );

  it('a value with a line break is refused (it signed the same as two parameters, and the server took the replay)', () => {
    refused({ filter: 'x\ntype_name=admin' }, /"filter".*line break/);
    refused({ filter: 'x\r' }, /"filter".*line break/);
    refused({ filter: 'x\r\ny' }, /"filter".*line break/);
  });

  it('a key with a line break or "=" (or no key at all) is refused', () => {
    refused({ 'a\nb': '1' }, /line break/);
    refused({ 'type_name=admin&x': '1' }, /"="/);
    refused({ '': '1' }, /no name/);
  });

  it('any parameter with CR or LF is refused, whatever else it holds (property)', () => {
    const withBreak = fc.tuple(fc.string(), fc.constantFrom('\n', '\r'), fc.string()).map(([a, b, c]) => a + b + c);
    fc.assert(
      fc.property(
        fc.oneof(
          withBreak.map((k) => [k, 'v'] as const),
          withBreak.map((v) => ['k', v] as const),
        ),
        ([k, v]) => {
          assert.throws(
            () => sign({ [k]: v }),
            (e: unknown) => isFrameError(e, 'invalid-request'),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a "__proto__" parameter is signed like any other (null-prototype params)', () => {
    const params = JSON.parse('{"__proto__":"p","a":"1"}') as Record<string, string>;
    assert.notDeepEqual(sign(params), sign({ a: '1' }));
  });

  it('every shared vector still signs as before', () => {
    for (const v of loadSigningVectors()) {
      const headers = signRequest(
        { scheme: v.scheme, clientId: v.clientId, clientSecret: v.clientSecret },
        { method: v.method, path: v.path, params: v.params, now: new Date(v.timestamp * 1000) },
      );
      assert.deepEqual(headers, v.expectedHeaders, v.name);
    }
  });
});
