// The webview's one formatting module (media/shared/format.ts): every number and date in the
// webview's locale, numbers of a kind with the same decimals, dates in one style.
import * as assert from 'node:assert/strict';
import {
  DASH,
  formatCompact,
  formatDateTime,
  formatDay,
  formatDayRangeUtc,
  formatDuration,
  formatHours,
  formatInt,
  formatMonth,
  formatNumber,
  formatPercent,
  formatRange,
  locale,
  plural,
  setLocale,
} from '../../../media/shared/format';
import { formatDuration as sharedDuration } from '../../../src/protocol/format';

/** Intl puts narrow and thin no-break spaces into some formats: compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u2009\u202f]/g, ' ');

describe('webview formatting (media/shared/format.ts)', () => {
  afterEach(() => setLocale('en-US'));

  it('formats numbers in the locale it is given (navigator.language in the webview)', () => {
    setLocale('en-US');
    assert.equal(formatInt(3049), '3,049');
    assert.equal(formatHours(3049), '3,049.0');
    assert.equal(formatPercent(0.407), '40.7%');
    setLocale('de-DE');
    assert.equal(formatInt(3049), '3.049');
    assert.equal(formatHours(3049), '3.049,0');
    assert.equal(plain(formatPercent(0.407)), '40,7 %');
    setLocale('fr-FR');
    assert.equal(plain(formatInt(3049)), '3 049');
    assert.equal(plain(formatNumber(10.5, 2)), '10,50');
  });

  it('gives numbers of one kind the same decimals, so a column lines up ("3,049.0" beside "676.2", not "3,049")', () => {
    for (const tag of ['en-US', 'de-DE', 'ja-JP']) {
      setLocale(tag);
      const sep = formatNumber(1.5, 1).replace(/\d/g, '');
      for (const h of [3049, 676.2, 0, 12_345.67]) assert.equal(formatHours(h).split(sep).at(-1)?.length, 1, `${tag} ${formatHours(h)}`);
      assert.deepEqual(
        [6.6, 10.24, 4.856].map((v) => formatNumber(v, 2)),
        tag === 'de-DE' ? ['6,60', '10,24', '4,86'] : ['6.60', '10.24', '4.86'],
      );
      assert.equal(formatNumber(36.4, 0), '36');
    }
  });

  it('formats calendar days, months and ranges in the same locale, without shifting the day', () => {
    setLocale('en-US');
    assert.equal(formatDay('2026-11-02'), 'Nov 2, 2026');
    assert.equal(formatDay('2026-11-02', false), 'Nov 2');
    assert.equal(formatMonth('2026-11-02'), 'Nov');
    assert.equal(formatMonth('2026-01-01', true), 'Jan 2026');
    assert.equal(plain(formatRange('2026-10-20', '2026-11-18')), 'Oct 20 – Nov 18, 2026');
    assert.equal(plain(formatRange('2025-12-20', '2026-01-18')), 'Dec 20, 2025 – Jan 18, 2026');
    assert.equal(formatRange('2026-11-18', '2026-11-18'), 'Nov 18, 2026');
    setLocale('en-GB');
    assert.equal(formatDay('2026-11-02'), '2 Nov 2026');
    assert.equal(plain(formatRange('2026-10-20', '2026-11-18')), '20 Oct – 18 Nov 2026');
    setLocale('de-DE');
    assert.equal(formatDay('2026-11-02'), '2. Nov. 2026');
    // The first and last days of a year are not moved by a time zone (the strings are days already).
    assert.equal(formatDay('2026-01-01'), '1. Jan. 2026');
    assert.equal(formatDay('2026-12-31'), '31. Dez. 2026');
  });

  it('formats report times (UTC) as a date and time in the same style', () => {
    const ms = Date.UTC(2026, 10, 3, 14, 22);
    setLocale('en-US');
    assert.equal(plain(formatDateTime(ms)), 'Nov 3, 2026, 2:22 PM');
    setLocale('en-GB');
    assert.equal(plain(formatDateTime(ms)), '3 Nov 2026, 14:22');
    assert.equal(plain(formatDayRangeUtc(Date.UTC(2025, 11, 1, 0, 3), Date.UTC(2026, 10, 17, 23, 59))), '1 Dec 2025 – 17 Nov 2026');
    assert.equal(formatDateTime(null), DASH);
  });

  it('keeps the current locale for an unknown or malformed tag', () => {
    assert.equal(setLocale('en-GB'), 'en-GB');
    assert.equal(setLocale('not a locale!'), 'en-GB');
    assert.equal(setLocale(undefined), 'en-GB');
    assert.equal(locale(), 'en-GB');
  });

  it('says "—" for unknown values, "<0.1%" for a sliver, and uses the host\'s duration formatter', () => {
    for (const v of [null, undefined, NaN, Infinity]) {
      assert.equal(formatInt(v), DASH);
      assert.equal(formatHours(v), DASH);
      assert.equal(formatNumber(v, 2), DASH);
    }
    assert.equal(formatPercent(0.0001), '<0.1%');
    assert.equal(formatPercent(0), '0.0%');
    assert.equal(formatCompact(80_000), '80K');
    assert.equal(formatDuration, sharedDuration);
    assert.equal(formatDuration(4320), '1 h 12 min');
    assert.equal(plural(1, 'session'), '1 session');
    assert.equal(plural(3049, 'session'), '3,049 sessions');
  });
});
