import * as assert from 'node:assert/strict';
import { toApiDay } from '../../../src/core/api/dates';
import { addDays, isDay, toPacificDay } from '../../../src/core/dates';
import { fileNameFromContentDisposition, safeFileName } from '../../../src/core/api/frameClient';
import { normalizeBaseUrl } from '../../../src/core/api/signedApi';
import { FrameApiError } from '../../../src/core/http/errors';

describe('usage dates (Pacific time)', () => {
  it('formats an instant as its Pacific-time day, across daylight saving', () => {
    assert.equal(toPacificDay(new Date('2026-11-23T07:59:59Z')), '2026-11-22'); // PST = UTC-8
    assert.equal(toPacificDay(new Date('2026-11-23T08:00:00Z')), '2026-11-23');
    assert.equal(toPacificDay(new Date('2026-07-01T06:59:59Z')), '2026-06-30'); // PDT = UTC-7
    assert.equal(toPacificDay(new Date('2026-07-01T07:00:00Z')), '2026-07-01');
  });

  it('validates yyyy-MM-dd strictly', () => {
    assert.ok(isDay('2024-02-29'));
    for (const bad of ['2023-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00', '']) assert.ok(!isDay(bad), bad);
    assert.throws(
      () => toApiDay('2026/01/01', 'start'),
      (e: FrameApiError) => e.kind === 'invalid-request' && /start date "2026\/01\/01"/.test(e.message),
    );
    assert.throws(() => toApiDay(new Date(NaN), 'end'), /end date is not a valid date/);
    assert.equal(toApiDay('2026-01-31', 'start'), '2026-01-31');
  });

  it('adds days across months and leap years', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  });
});

describe('base URLs and file names', () => {
  it('accepts the API base with or without a trailing slash or /accounts', () => {
    for (const input of [
      'https://api.fra.me/v1alpha',
      'https://api.fra.me/v1alpha/',
      ' https://api.fra.me/v1alpha/accounts ',
      'https://api.fra.me/v1alpha/accounts/',
    ]) {
      assert.equal(normalizeBaseUrl(input).href, 'https://api.fra.me/v1alpha', input);
    }
    assert.throws(() => normalizeBaseUrl('http://api.fra.me/v1alpha'), /plain http/);
    assert.throws(() => normalizeBaseUrl('https://api.fra.me/v1alpha?x=1'), /should not contain/);
  });

  it('reads file names from Content-Disposition safely', () => {
    assert.equal(
      fileNameFromContentDisposition('attachment; filename="Wr1qgbPa99Pal7E8.recent_sessions.csv"'),
      'Wr1qgbPa99Pal7E8.recent_sessions.csv',
    );
    assert.equal(fileNameFromContentDisposition('attachment; filename=plain.csv'), 'plain.csv');
    assert.equal(fileNameFromContentDisposition('attachment; filename="fallback.csv"; filename*=UTF-8\'\'M%C3%BCnchen.csv'), 'München.csv');
    assert.equal(fileNameFromContentDisposition('attachment; filename="../../etc/passwd"'), 'passwd');
    assert.equal(fileNameFromContentDisposition('attachment; filename="..\\\\evil.csv"'), 'evil.csv');
    assert.equal(fileNameFromContentDisposition('attachment'), undefined);
    assert.equal(fileNameFromContentDisposition(undefined), undefined);
    assert.equal(safeFileName('a\u0000b<c>.csv'), 'a_b_c_.csv');
    assert.equal(safeFileName('...'), 'download');
  });
});
