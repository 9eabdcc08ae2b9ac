import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { SESSION_COLUMNS } from '../../../src/core/reports/columns';
import { SessionReportError } from '../../../src/core/reports/errors';
import { SessionReportParser, parseSessionReport, parseSessionReportText } from '../../../src/core/reports/sessionParser';
import { parseDuration, parseNumber, parseReportTime, timeFromBytes } from '../../../src/core/reports/values';
import fc from 'fast-check';
import type { SessionRecord } from '../../../src/core/reports/columns';
import { generateSessions, sessionCsv, sessionCsvChunks, type RawSessionRow } from '../../fixtures/sessions';

const GEN = {
  seed: 7,
  accountId: 'acc-1',
  accountName: 'Ünïcode & Co, "Ltd"',
  accountEmail: 'admin@example.com',
  from: new Date(Date.UTC(2026, 2, 1)),
  to: new Date(Date.UTC(2026, 2, 8)),
  // Empty numbers are among the hard cases these tests read.
  blankNumbers: true,
};

/** The record the generator's raw row should become, computed independently of the parser. */
function expectedRecord(raw: RawSessionRow): SessionRecord {
  const v = (c: string): string => raw[SESSION_COLUMNS.indexOf(c as (typeof SESSION_COLUMNS)[number])] ?? '';
  const n = (c: string): number | null => (v(c) === '' ? null : Number(v(c)));
  return {
    username: v('username'),
    application: v('application'),
    geoDistance: n('geo_distance'),
    city: v('city'),
    startTime: Date.parse(v('starttime').replace(' ', 'T') + 'Z'),
    durationSeconds: n('session_duration'),
    state: v('state'),
    avgBandwidth: n('avg_bandwidth'),
    avgLatency: n('avg_latency'),
    avgVideoBitrate: n('avg_video_bitrate'),
    avgFramerate: n('avg_framerate'),
    resolution: v('resolution'),
    userAgent: v('user_agent'),
    remoteIp: v('remote_ip'),
    systemType: v('system_type'),
    sessionType: v('session_type'),
    additionalApps: v('additional_apps'),
    userData: v('user_data'),
    accountEmail: v('account_email'),
    accountName: v('account_name'),
    accountId: v('account_id'),
    region: v('region'),
    country: v('country'),
    sessionId: v('session id'),
    storageUsed: n('storage used'),
  };
}

describe('reports/values', () => {
  it('parses numbers, never NaN', () => {
    assert.equal(parseNumber('12.5'), 12.5);
    assert.equal(parseNumber('0'), 0);
    assert.equal(parseNumber(' 7 '), 7);
    assert.equal(parseNumber('-3'), -3);
    for (const bad of ['', '   ', 'abc', '12abc', 'NaN', 'Infinity', '1,5', undefined]) assert.equal(parseNumber(bad), null, String(bad));
  });

  it('parses report times as UTC in every accepted form', () => {
    const t = Date.UTC(2026, 0, 31, 23, 59, 58);
    assert.equal(parseReportTime('2026-01-31 23:59:58'), t);
    assert.equal(parseReportTime('2026-01-31T23:59:58'), t);
    assert.equal(parseReportTime('2026-01-31T23:59:58Z'), t);
    assert.equal(parseReportTime('2026-01-31 23:59:58.250'), t + 250);
    assert.equal(parseReportTime('2026-01-31T23:59:58.123456Z'), t + 123);
    assert.equal(parseReportTime('2026-02-01T07:59:58+08:00'), t);
    assert.equal(parseReportTime('2026-01-31T15:59:58-0800'), t);
    assert.equal(parseReportTime('2026-01-31 23:59'), t - 58_000);
    assert.equal(parseReportTime('2026-01-31'), Date.UTC(2026, 0, 31));
    assert.equal(parseReportTime(' 2026-01-31 23:59:58 '), t);
    assert.equal(parseReportTime('2024-02-29 00:00:00'), Date.UTC(2024, 1, 29));
  });

  it('keeps years below 100 as written (Date.UTC would move them to the 1900s)', () => {
    const iso = (t: string) => {
      const v = parseReportTime(t);
      return v === null ? null : new Date(v).toISOString();
    };
    assert.equal(iso('0050-06-01 12:00:00'), '0050-06-01T12:00:00.000Z');
    assert.equal(iso('0099-12-31 23:59:59'), '0099-12-31T23:59:59.000Z');
    // Year 0 is a leap year in the proleptic Gregorian calendar: Feb 29 exists and stays Feb 29.
    assert.equal(iso('0000-02-29 00:00:00'), '0000-02-29T00:00:00.000Z');
    assert.equal(iso('0050-02-29 00:00:00'), null);
    assert.equal(iso('0001-01-01T00:00:00+01:00'), '0000-12-31T23:00:00.000Z');
  });

  it('rejects impossible or foreign times', () => {
    for (const bad of [
      '',
      '2026-02-29 00:00:00',
      '2026-13-01 00:00:00',
      '2026-01-32',
      '2026-01-01 24:00:00',
      '2026-01-01 10:60:00',
      '01/02/2026 10:00',
      '2026-01-01X10:00:00',
      '2026-01-01 10:00:00 PST',
      '2026-01-01 10:00:00.',
      'garbage',
      undefined,
    ]) {
      assert.equal(parseReportTime(bad), null, String(bad));
    }
  });

  it('reads times in place from bytes as parseReportTime reads the text, months interleaved (fast-check)', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    const time = fc
      .tuple(fc.constantFrom(1999, 2000, 2024, 2026, 2100), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .chain(([y, m, d]) =>
        fc
          .tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }))
          .map(([h, mi, se]) => `${y}-${two(m)}-${two(d)} ${two(h)}:${two(mi)}:${two(se)}`),
      );
    fc.assert(
      fc.property(fc.array(time, { minLength: 1, maxLength: 20 }), (texts) => {
        for (const t of texts) {
          const bytes = Buffer.from(`"${t}"`);
          assert.equal(timeFromBytes(bytes, 1, bytes.length - 1), parseReportTime(t) ?? NaN, t);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('parses durations as seconds or H:MM:SS', () => {
    assert.equal(parseDuration('1834'), 1834);
    assert.equal(parseDuration('12.5'), 12.5);
    assert.equal(parseDuration('0:30:34'), 1834);
    assert.equal(parseDuration('26:00:01'), 93601);
    assert.equal(parseDuration('1:02:03.5'), 3723.5);
    for (const bad of ['', '-5', '1:2:3', '1:60:00', '1:00:60', 'a:00:00', '1:00', 'x', undefined])
      assert.equal(parseDuration(bad), null, String(bad));
  });
});

describe('reports/sessionParser', () => {
  it('parses the generated fixture end to end, matching the generator row for row', async () => {
    const raws = [...generateSessions({ ...GEN, count: 3000 })];
    const records: SessionRecord[] = [];
    // Bytes in odd-sized pieces, so rows and UTF-8 characters straddle chunks.
    const bytes = Buffer.from(sessionCsv(raws), 'utf8');
    const pieces: Buffer[] = [];
    for (let i = 0, k = 1; i < bytes.length; i += k, k = (k * 7 + 3) % 4099) pieces.push(bytes.subarray(i, i + k));
    const summary = await parseSessionReport(Readable.from(pieces), (r) => records.push(r));
    assert.equal(summary.records, raws.length);
    assert.equal(summary.malformedRecords, 0);
    assert.equal(summary.raggedRecords, 0);
    assert.deepEqual(summary.missingColumns, []);
    assert.deepEqual(summary.extraColumns, []);
    assert.equal(records.length, raws.length);
    raws.forEach((raw, i) => assert.deepEqual(records[i], expectedRecord(raw), `row ${i}`));
    // The fixture does contain the hard cases this test is about.
    assert.ok(records.some((r) => r.userData.includes('"') && r.userData.includes(',')));
    assert.ok(records.some((r) => r.city === 'Zürich'));
    assert.ok(records.some((r) => r.avgLatency === null));
  });

  it('also reads async iterables of strings', async () => {
    const raws = [...generateSessions({ ...GEN, count: 50 })];
    const records: SessionRecord[] = [];
    async function* chunks(): AsyncGenerator<string> {
      yield* sessionCsvChunks(raws, 7);
    }
    const summary = await parseSessionReport(chunks(), (r) => records.push(r));
    assert.equal(summary.records, 50);
    assert.deepEqual(
      records.map((r) => r.sessionId),
      raws.map((r) => r[23]),
    );
  });

  it('maps columns by name: BOM, reordered, case and spacing, missing and extra columns', () => {
    const text =
      '\uFEFF"Session_ID", "STORAGE  used" ,extra,Username,starttime,session_duration\r\n' +
      'abc,12.5,zzz,ana@example.com,2026-03-01 10:00:00,0:01:00\r\n';
    const { records, summary } = parseSessionReportText(text);
    assert.equal(records.length, 1);
    const r = records[0];
    assert.ok(r);
    assert.equal(r.sessionId, 'abc');
    assert.equal(r.storageUsed, 12.5);
    assert.equal(r.username, 'ana@example.com');
    assert.equal(r.startTime, Date.UTC(2026, 2, 1, 10));
    assert.equal(r.durationSeconds, 60);
    assert.equal(r.application, '');
    assert.equal(r.avgLatency, null);
    assert.deepEqual(summary.extraColumns, ['extra']);
    assert.ok(summary.missingColumns.includes('application'));
    assert.ok(!summary.missingColumns.includes('session id'));
    assert.equal(summary.missingColumns.length, SESSION_COLUMNS.length - 5);
  });

  it('pads short rows, cuts long ones and counts both; skips blank lines', () => {
    const text = 'username,application,starttime\na,App\n\nb,App2,2026-01-01 00:00:00,surplus\n';
    const { records, summary } = parseSessionReportText(text);
    assert.deepEqual(
      records.map((r) => [r.username, r.application, r.startTime]),
      [
        ['a', 'App', null],
        ['b', 'App2', Date.UTC(2026, 0, 1)],
      ],
    );
    assert.equal(summary.raggedRecords, 2);
    assert.equal(summary.blankLines, 1);
  });

  it('turns empty and garbage numbers into null, never NaN', () => {
    const text = 'username,starttime,session_duration,avg_latency,avg_bandwidth\nu,not a date,abc,,x1\n';
    const r = parseSessionReportText(text).records[0];
    assert.ok(r);
    assert.equal(r.startTime, null);
    assert.equal(r.durationSeconds, null);
    assert.equal(r.avgLatency, null);
    assert.equal(r.avgBandwidth, null);
  });

  it('reports an unterminated quote at the end instead of crashing, or throws in strict mode', () => {
    const text = 'username,application,starttime\na,b,2026-01-01 00:00:00\n"c,d,\n';
    const { records, summary } = parseSessionReportText(text);
    assert.equal(records.length, 1);
    assert.equal(summary.malformedRecords, 1);
    assert.match(summary.issues[0]?.message ?? '', /unterminated/);
    assert.throws(
      () => parseSessionReportText(text, { strict: true }),
      (e: unknown) => e instanceof SessionReportError && e.code === 'malformed-record',
    );
  });

  it('treats an empty input as an empty report', () => {
    const { records, summary } = parseSessionReportText('');
    assert.equal(records.length, 0);
    assert.equal(summary.emptyInput, true);
    const headerOnly = parseSessionReportText(sessionCsv([]));
    assert.equal(headerOnly.summary.emptyInput, false);
    assert.equal(headerOnly.records.length, 0);
  });

  it('refuses HTML, JSON and zips with a clear error', () => {
    const notReport = (e: unknown): boolean =>
      e instanceof SessionReportError &&
      e.code === 'not-a-session-report' &&
      /not a Frame session report: expected columns/.test(e.message);
    assert.throws(() => parseSessionReportText('<!DOCTYPE html>\n<html><body>Access Denied</body></html>\n'), notReport);
    assert.throws(() => parseSessionReportText('[{"datacenter":"aws-va","time":"2016-08-10T00:00:00","hours_used":1}]'), notReport);
    assert.throws(() => parseSessionReportText('a,b,c\n1,2,3\n'), notReport);
    const p = new SessionReportParser(() => undefined);
    assert.throws(
      () => p.write(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])),
      (e: unknown) => e instanceof SessionReportError && e.code === 'zipped',
    );
  });

  it('gives up on a first line longer than the header limit', () => {
    const p = new SessionReportParser(() => undefined, { maxHeaderLength: 1000 });
    assert.throws(() => {
      for (let i = 0; i < 100; i++) p.write('x'.repeat(100));
    }, /not a Frame session report/);
  });

  it('stops on abort and destroys the stream', async () => {
    const ac = new AbortController();
    const raws = generateSessions({ ...GEN, count: 100_000 });
    const stream = Readable.from(sessionCsvChunks(raws, 100));
    let n = 0;
    await assert.rejects(
      parseSessionReport(
        stream,
        () => {
          if (++n === 500) ac.abort();
        },
        { signal: ac.signal },
      ),
      (e: unknown) => e instanceof Error && e.name === 'AbortError',
    );
    assert.ok(n < 1000, `stopped after ${n} records`);
    assert.equal(stream.destroyed, true);
  });

  it('propagates an error thrown by the record callback', async () => {
    const raws = [...generateSessions({ ...GEN, count: 10 })];
    await assert.rejects(
      parseSessionReport(Readable.from([sessionCsv(raws)]), () => {
        throw new Error('consumer failed');
      }),
      /consumer failed/,
    );
  });
});
