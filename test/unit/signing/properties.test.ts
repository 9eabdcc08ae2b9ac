import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { isFrameError } from '../../../src/core/errors';
import { signRequest, formatJanrainDate } from '../../../src/core/signing';

/** HMAC built from the hash alone (RFC 2104), so it shares no code path with crypto.createHmac. */
function rfc2104(hash: 'sha256' | 'sha1', key: Buffer, message: Buffer): Buffer {
  const block = 64;
  let k = key.length > block ? createHash(hash).update(key).digest() : key;
  k = Buffer.concat([k, Buffer.alloc(block - k.length)]);
  const ipad = Buffer.from(k.map((b) => b ^ 0x36));
  const opad = Buffer.from(k.map((b) => b ^ 0x5c));
  const inner = createHash(hash).update(ipad).update(message).digest();
  return createHash(hash).update(opad).update(inner).digest();
}

// Any Unicode text, including astral characters and text that looks like hex.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.stringMatching(/^[0-9a-f]{64}$/),
);
const seconds = fc.integer({ min: 0, max: 4_102_444_800 }); // up to 2100-01-01

describe('signer: properties (fast-check)', () => {
  it('frame: signature = hex HMAC-SHA256(utf8 secret, timestamp + clientId) for any id, secret and time', () => {
    fc.assert(
      fc.property(text, text, seconds, (clientId, clientSecret, t) => {
        const headers = signRequest(
          { scheme: 'frame', clientId, clientSecret },
          { method: 'GET', path: '/v1alpha/accounts/', now: new Date(t * 1000 + 999) },
        );
        const expected = rfc2104('sha256', Buffer.from(clientSecret, 'utf8'), Buffer.from(`${t}${clientId}`, 'utf8')).toString('hex');
        assert.deepEqual(headers, { 'X-Frame-ClientId': clientId, 'X-Frame-Timestamp': String(t), 'X-Frame-Signature': expected });
      }),
      { numRuns: 300 },
    );
  });

  it('frame: method, path and parameters do not change the signature', () => {
    fc.assert(
      fc.property(
        text,
        text,
        fc.constantFrom('GET', 'POST', 'DELETE'),
        fc.webPath(),
        fc.dictionary(fc.string(), fc.string()),
        (id, secret, method, path, params) => {
          const now = new Date(1_700_000_000_000);
          const a = signRequest({ scheme: 'frame', clientId: id, clientSecret: secret }, { method, path, params, now });
          const b = signRequest({ scheme: 'frame', clientId: id, clientSecret: secret }, { method: 'GET', path: '/', now });
          assert.deepEqual(a, b);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('janrain-signature: base64 HMAC-SHA1 over endpoint, date and sorted k=v lines, values not encoded', () => {
    // Keys without "=" and keys and values without line breaks: the others are refused (injection.test.ts).
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !/[=\r\n]/.test(k));
    const value = text.filter((v) => !/[\r\n]/.test(v));
    fc.assert(
      fc.property(
        text,
        text,
        fc.webPath(),
        fc.dictionary(key, value, { maxKeys: 6 }),
        seconds,
        (clientId, clientSecret, path, params, t) => {
          const now = new Date(t * 1000);
          const headers = signRequest({ scheme: 'janrain-signature', clientId, clientSecret }, { method: 'POST', path, params, now });
          const date = formatJanrainDate(now);
          // Python's sorted(): compare code point sequences.
          const lines = Object.keys(params).map((k) => `${k}=${params[k]}`);
          const points = (s: string) => Array.from(s, (c) => c.codePointAt(0)!);
          lines.sort((a, b) => {
            const [x, y] = [points(a), points(b)];
            for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
            return x.length - y.length;
          });
          const toSign = `${path}\n${date}\n${lines.map((l) => l + '\n').join('')}`;
          const sig = rfc2104('sha1', Buffer.from(clientSecret, 'utf8'), Buffer.from(toSign, 'utf8')).toString('base64');
          assert.deepEqual(headers, { Date: date, Authorization: `Signature ${clientId}:${sig}` });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('janrain-signature: lines sort by code point like Python (astral after U+FFFD)', () => {
    const now = new Date(0);
    const creds = { scheme: 'janrain-signature' as const, clientId: 'id', clientSecret: 's' };
    const a = signRequest(creds, { method: 'POST', path: '/x', params: { '\u{1F600}': '1', '\uFFFD': '2' }, now });
    const toSign = '/x\n1970-01-01 00:00:00\n\uFFFD=2\n\u{1F600}=1\n';
    assert.equal(a.Authorization, 'Signature id:' + rfc2104('sha1', Buffer.from('s'), Buffer.from(toSign, 'utf8')).toString('base64'));
  });

  it('janrain-signature: Date is YYYY-MM-DD HH:MM:SS in UTC', () => {
    assert.equal(formatJanrainDate(new Date(Date.UTC(2016, 1, 26, 19, 8, 44, 999))), '2016-02-26 19:08:44');
  });

  it('basic: base64 of id:secret in UTF-8', () => {
    fc.assert(
      fc.property(text, text, (clientId, clientSecret) => {
        const auth = signRequest({ scheme: 'basic', clientId, clientSecret }, { method: 'GET', path: '/' }).Authorization ?? '';
        assert.ok(auth.startsWith('Basic '));
        assert.equal(Buffer.from(auth.slice(6), 'base64').toString('utf8'), `${clientId}:${clientSecret}`);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects an unknown scheme with a clear error', () => {
    assert.throws(
      () => signRequest({ scheme: 'hmac' as never, clientId: 'a', clientSecret: 'b' }, { method: 'GET', path: '/' }),
      (e: unknown) => isFrameError(e, 'invalid-request') && /Unknown signing scheme "hmac"/.test((e as Error).message),
    );
  });
});
