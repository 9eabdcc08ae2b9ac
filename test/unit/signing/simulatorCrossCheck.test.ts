import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatJanrainDate, signRequest } from '../../../src/core/signing';
import { compareCodePoints as simulatorOrder, lookupFrom, verifyRegistration } from '../../simulator/auth';
import { compareCodePoints as signerOrder } from '../../../src/core/signing/signer';

/** The product's signer against the simulator's verifier, two independent implementations. */
describe('signer vs the simulator verifier (independent implementations)', () => {
  // Any code points (astral ones and U+E000..U+FFFF included), never lone surrogates: parameters
  // arrive decoded from UTF-8, which cannot carry them.
  const text = fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => !/\p{Cs}/u.test(s));

  it('both orders agree on any two strings (the simulator compares UTF-8 bytes)', () => {
    fc.assert(
      fc.property(text, text, (a, b) =>
        assert.equal(Math.sign(simulatorOrder(a, b)), Math.sign(signerOrder(a, b)), JSON.stringify([a, b])),
      ),
      { numRuns: 2000 },
    );
    assert.ok(simulatorOrder('\u{1F600}', '\uFFFD') > 0, 'astral after U+FFFD, as in Python');
  });

  it('the simulator accepts what the signer signs, for any signable parameters', () => {
    const key = text.filter((k) => k !== '' && !/[=\r\n]/.test(k));
    const value = text.filter((v) => !/[\r\n]/.test(v));
    const creds = { scheme: 'janrain-signature' as const, clientId: 'sim-client', clientSecret: 'sim-secret' };
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 6 }), (pairs) => {
        const now = new Date(1_700_000_000_000);
        const params = Object.fromEntries(pairs);
        const h = signRequest(creds, { method: 'POST', path: '/entity.find', params, now });
        assert.equal(h.Date, formatJanrainDate(now));
        const verdict = verifyRegistration(
          { authorization: h.Authorization, date: h.Date },
          '/entity.find',
          Object.entries(params),
          now.getTime(),
          lookupFrom([creds]),
        );
        assert.deepEqual(verdict, { ok: true, clientId: creds.clientId });
      }),
      { numRuns: 300 },
    );
  });
});
