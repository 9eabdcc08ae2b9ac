import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { loadSigningVectors } from '../../support/vectors';
import { frameSignature, janrainStringToSign, lookupFrom, parseJanrainDate, verifyFrame, verifyRegistration } from '../../simulator/auth';

const lower = (h: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

describe('simulator auth: shared signing vectors verify', () => {
  const vectors = loadSigningVectors();

  it('covers every scheme', () => {
    for (const s of ['frame', 'janrain-signature', 'basic'])
      assert.ok(
        vectors.some((v) => v.scheme === s),
        s,
      );
  });

  for (const v of vectors) {
    it(v.name, () => {
      const lookup = lookupFrom([{ clientId: v.clientId, clientSecret: v.clientSecret }]);
      const headers = lower(v.expectedHeaders);
      const now = v.timestamp * 1000;
      const result =
        v.scheme === 'frame'
          ? verifyFrame(headers, now, lookup)
          : verifyRegistration(headers, v.path, Object.entries(v.params ?? {}), now, lookup);
      assert.deepEqual(result, { ok: true, clientId: v.clientId });
      // and a wrong secret fails
      const wrong = lookupFrom([{ clientId: v.clientId, clientSecret: v.clientSecret + 'x' }]);
      const bad =
        v.scheme === 'frame'
          ? verifyFrame(headers, now, wrong)
          : verifyRegistration(headers, v.path, Object.entries(v.params ?? {}), now, wrong);
      assert.equal(bad.ok, false);
    });
  }
});

describe('simulator auth: frame scheme', () => {
  const creds = { clientId: 'abc.img.example', clientSecret: 'deadbeef' };
  const lookup = lookupFrom([creds]);
  const ts = 1_700_000_000;
  const headers = (over: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
    'x-frame-clientid': creds.clientId,
    'x-frame-timestamp': String(ts),
    'x-frame-signature': frameSignature(creds.clientSecret, String(ts), creds.clientId),
    ...over,
  });

  it('uses the secret as UTF-8 text (never hex-decoded)', () => {
    const hexDecoded = createHmac('sha256', Buffer.from('deadbeef', 'hex'))
      .update(ts + creds.clientId)
      .digest('hex');
    assert.equal(verifyFrame(headers({ 'x-frame-signature': hexDecoded }), ts * 1000, lookup).ok, false);
  });
  it('rejects missing headers, unknown ids, bad timestamps, uppercase hex', () => {
    for (const h of ['x-frame-clientid', 'x-frame-timestamp', 'x-frame-signature']) {
      assert.equal(verifyFrame(headers({ [h]: undefined }), ts * 1000, lookup).ok, false, h);
    }
    assert.equal(verifyFrame(headers({ 'x-frame-clientid': 'other' }), ts * 1000, lookup).ok, false);
    assert.equal(verifyFrame(headers({ 'x-frame-timestamp': `${ts}.0` }), ts * 1000, lookup).ok, false);
    assert.equal(
      verifyFrame(headers({ 'x-frame-signature': String(headers()['x-frame-signature']).toUpperCase() }), ts * 1000, lookup).ok,
      false,
    );
  });
  it('accepts up to 300 s of skew either way, not more', () => {
    assert.equal(verifyFrame(headers(), (ts + 300) * 1000, lookup).ok, true);
    assert.equal(verifyFrame(headers(), (ts - 300) * 1000, lookup).ok, true);
    assert.equal(verifyFrame(headers(), (ts + 301) * 1000, lookup).ok, false);
    assert.equal(verifyFrame(headers(), (ts - 301) * 1000, lookup).ok, false);
  });
});

describe('simulator auth: janrain string to sign', () => {
  it('sorts whole k=v lines (not keys) and ends each with a newline', () => {
    assert.equal(
      janrainStringToSign('/entity.find', 'D', [
        ['b', '1'],
        ['a', 'z z'],
        ['B', '2'],
        ['a', 'y'],
      ]),
      '/entity.find\nD\nB=2\na=y\na=z z\nb=1\n',
    );
    assert.equal(janrainStringToSign('/entity.count', 'D', []), '/entity.count\nD\n');
  });
  it('sorts by code point like Python (an astral character after U+FFFD)', () => {
    assert.equal(
      janrainStringToSign('/e', 'D', [
        ['k', '\u{1F600}'],
        ['k', '\uFFFD'],
      ]),
      '/e\nD\nk=\uFFFD\nk=\u{1F600}\n',
    );
  });
  it('parses only the documented date form', () => {
    assert.equal(parseJanrainDate('2016-02-26 19:08:44'), Date.UTC(2016, 1, 26, 19, 8, 44));
    assert.equal(parseJanrainDate('2016-02-26T19:08:44Z'), undefined);
    assert.equal(parseJanrainDate('2016-02-30 19:08:44'), undefined);
  });
  it('rejects a Date more than 300 s off', () => {
    const creds = { clientId: 'id', clientSecret: 's' };
    const lookup = lookupFrom([creds]);
    const date = '2016-02-26 19:08:44';
    const sig = createHmac('sha1', 's').update(`/entity.count\n${date}\n`).digest('base64');
    const h = { authorization: `Signature id:${sig}`, date };
    const t = Date.UTC(2016, 1, 26, 19, 8, 44);
    assert.equal(verifyRegistration(h, '/entity.count', [], t + 299_000, lookup).ok, true);
    assert.equal(verifyRegistration(h, '/entity.count', [], t + 301_000, lookup).ok, false);
    assert.equal(verifyRegistration(h, '/entity.find', [], t, lookup).ok, false);
  });
});
