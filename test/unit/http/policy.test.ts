import * as assert from 'node:assert/strict';
import {
  backoffDelay,
  isIdempotent,
  isRetryableStatus,
  parseHttpDate,
  parseRetryAfter,
  DEFAULT_RETRY,
} from '../../../src/core/http/retryPolicy';
import { assertAllowedUrl, isLoopback, redactUrlForLog, parseUrl } from '../../../src/core/http/urls';
import { displayUrl, excerptOf, htmlTitle, FrameApiError } from '../../../src/core/http/errors';
import { Redactor } from '../../../src/core/http/redact';

describe('retry policy', () => {
  it('retries idempotent methods only by default', () => {
    for (const m of ['GET', 'get', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']) assert.ok(isIdempotent(m), m);
    for (const m of ['POST', 'PATCH']) assert.ok(!isIdempotent(m), m);
  });

  it('retries 429 and 502/503/504, not other statuses', () => {
    assert.deepEqual([429, 502, 503, 504].map(isRetryableStatus), [true, true, true, true]);
    assert.deepEqual([400, 401, 403, 404, 500, 501].map(isRetryableStatus), [false, false, false, false, false, false]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    assert.equal(parseRetryAfter('7', now), 7000);
    assert.equal(parseRetryAfter(' 0 ', now), 0);
    assert.equal(parseRetryAfter(new Date(now + 90_000).toUTCString(), now), 90_000);
    assert.equal(parseRetryAfter(new Date(now - 90_000).toUTCString(), now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('reads Retry-After only as non-negative integer seconds or a real HTTP date (issue 8, item 9)', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0);
    for (const v of [
      '-1',
      '-5',
      '1.5',
      '+5',
      '1e3',
      '0x10',
      '',
      '5 s',
      'Infinity',
      '2026-11-23T12:01:00Z',
      'Mon, 32 Nov 2026 12:00:00 GMT',
    ])
      assert.equal(parseRetryAfter(v, now), undefined, JSON.stringify(v));
    const at = Date.UTC(2026, 10, 23, 12, 1, 30);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 12:01:30 GMT', now), 90_000, 'IMF-fixdate');
    assert.equal(parseRetryAfter('Monday, 23-Nov-26 12:01:30 GMT', now), 90_000, 'RFC 850');
    assert.equal(parseRetryAfter('Mon Nov 23 12:01:30 2026', now), 90_000, 'asctime');
    assert.equal(parseHttpDate('Sun Nov  6 08:49:37 1994', now), Date.UTC(1994, 10, 6, 8, 49, 37), 'asctime, one-digit day');
    assert.equal(
      parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now),
      Date.UTC(1994, 10, 6, 8, 49, 37),
      'two-digit year in the past century',
    );
    assert.equal(parseHttpDate('Sat, 29 Feb 2025 00:00:00 GMT', now), undefined, 'no Feb 29 in 2025');
    assert.equal(parseHttpDate(new Date(at).toUTCString(), now), at);
  });

  it('backs off exponentially with jitter, capped', () => {
    const opts = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(
      backoffDelay(1, opts, () => 0),
      50,
    );
    assert.equal(
      backoffDelay(1, opts, () => 0.999999),
      100,
    );
    assert.equal(
      backoffDelay(3, opts, () => 0),
      200,
    );
    assert.equal(
      backoffDelay(10, opts, () => 0.999999),
      1000,
    );
  });
});

describe('URL rules', () => {
  it('allows https anywhere and http only on loopback', () => {
    for (const u of [
      'https://api.fra.me/v1alpha',
      'http://127.0.0.1:8080/x',
      'http://[::1]:9/',
      'http://localhost/',
      'http://127.1.2.3/',
    ]) {
      assert.doesNotThrow(() => assertAllowedUrl(new URL(u)), u);
    }
    assert.ok(isLoopback(new URL('http://127.0.0.1/')));
    assert.ok(!isLoopback(new URL('http://10.0.0.1/')));
    assert.throws(
      () => assertAllowedUrl(new URL('http://api.fra.me/v1alpha')),
      (e: FrameApiError) => e.kind === 'invalid-request' && /use an https:\/\/ URL/.test(e.message),
    );
    assert.throws(() => assertAllowedUrl(new URL('ftp://api.fra.me/')), /Unsupported URL scheme "ftp:"/);
    assert.throws(() => assertAllowedUrl(new URL('http://127.0.0.1.evil.example/')), /plain http/);
  });

  it('explains an unparsable URL instead of throwing a TypeError', () => {
    assert.throws(
      () => parseUrl('api.fra.me', 'base URL'),
      (e: FrameApiError) => e.kind === 'invalid-request' && /base URL "api.fra.me" is not a valid URL/.test(e.message),
    );
  });

  it('masks signature-like query values in logs and drops queries from messages', () => {
    const u = new URL('https://s3.example.com/p01/a.csv.zip?Signature=abc&Expires=1&AWSAccessKeyId=zz&date_from=2026-01-01');
    assert.equal(
      redactUrlForLog(u),
      'https://s3.example.com/p01/a.csv.zip?Signature=***&Expires=1&AWSAccessKeyId=***&date_from=2026-01-01',
    );
    assert.equal(displayUrl(u), 'https://s3.example.com/p01/a.csv.zip');
  });
});

describe('error text helpers', () => {
  it('excerpts fold whitespace and control characters and cap the length', () => {
    assert.equal(excerptOf('a\n\tb\u0000c'), 'a b c');
    assert.equal(excerptOf('x'.repeat(300), 10), 'xxxxxxxxxx…');
  });

  it('a Redactor derives every form of a credential from the headers sent (issue 8, item 2)', () => {
    const secret = 'p@ss/word+1';
    const token = Buffer.from(`me:${secret}`).toString('base64');
    const r = new Redactor();
    r.addHeaders({ Authorization: `Basic ${token}`, 'X-Frame-ClientId': 'client-id-not-secret', Date: '2026-01-01 00:00:00' });
    const echoed = [
      token,
      `me:${secret}`,
      secret,
      Buffer.from(secret).toString('base64'),
      encodeURIComponent(secret),
      secret.replace('/', '\\/'),
    ];
    for (const e of echoed) assert.equal(r.scrub(`<${e}>`), '<[redacted]>', e);
    assert.equal(
      r.scrub('client-id-not-secret at 2026-01-01 00:00:00, Basic auth'),
      'client-id-not-secret at 2026-01-01 00:00:00, Basic auth',
    );
    const err = new FrameApiError('auth', `rejected ${token}`, { status: 401, excerpt: `{"a":"${secret}"}` });
    const clean = r.scrubError(err);
    assert.deepEqual([clean.kind, clean.status, clean.message, clean.excerpt], ['auth', 401, 'rejected [redacted]', '{"a":"[redacted]"}']);
  });

  it('finds the title of an HTML error page', () => {
    assert.equal(htmlTitle('<html><head><title>502 Bad Gateway</title></head></html>'), '502 Bad Gateway');
    assert.equal(htmlTitle('<h1>Service Unavailable</h1>'), 'Service Unavailable');
    assert.equal(htmlTitle('plain'), undefined);
  });
});
