// The one error model: every family of errors with text for people, one cancellation test.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { FrameError, errorKindOf, isCancellation, isRetryable, needsSecret, userMessage } from '../../src/core/errors';
import { FrameApiError } from '../../src/core/http/errors';
import { ReportArchiveError, SessionReportError, extractReportCsv, parseSessionReportText } from '../../src/core/reports';
import { toRpcError } from '../../src/protocol/rpc';

describe('the error model', () => {
  it('shows every family of written errors as written, never "Unexpected error:"', () => {
    const written = [
      new FrameApiError('server', 'The server failed (HTTP 503).'),
      new ReportArchiveError('compression-ratio', 'The report archive was refused: the CSV inflates more than 200:1.'),
      new SessionReportError('not-a-session-report', 'This file is not a Frame session report.'),
      new FrameError('not-listed', 'Frame does not list a session report for 2026-01.'),
      new FrameError('secret-missing', 'The client secret of "Prod" is missing.'),
    ];
    for (const e of written) {
      assert.equal(userMessage(e), e.message);
      assert.ok(e instanceof FrameError);
      assert.equal(toRpcError(e).message, e.message);
    }
  });

  it('flags anything else as unexpected, with its first line only (never a stack)', () => {
    const e = new TypeError('Cannot read properties of undefined\n    at foo (x.js:1:1)');
    assert.equal(userMessage(e), 'Unexpected error: Cannot read properties of undefined');
    assert.equal(userMessage('boom\nsecond line'), 'Unexpected error: boom');
    assert.equal(errorKindOf(e), 'internal');
  });

  it('recognises every way work is cancelled', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const domAbort = (() => {
      try {
        ctrl.signal.throwIfAborted();
      } catch (e) {
        return e;
      }
    })();
    const cancellations: unknown[] = [
      new FrameApiError('cancelled', 'GET … was cancelled.'),
      new ReportArchiveError('aborted', 'cancelled'),
      domAbort,
      Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }),
    ];
    for (const e of cancellations) {
      assert.equal(isCancellation(e), true, String(e));
      assert.equal(toRpcError(e).kind, 'cancelled');
      assert.doesNotMatch(userMessage(e), /Unexpected/);
    }
    assert.equal(isCancellation(new FrameApiError('timeout', 'slow')), false);
    assert.equal(isCancellation(new Error('aborted')), false, 'the word alone is not a cancellation');
  });

  it('extraction stopped by its signal is a cancellation (the bug: "Unexpected error: … aborted")', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frame-errors-'));
    try {
      const zip = path.join(dir, 'r.zip');
      fs.writeFileSync(zip, zipSync({ 'r.csv': strToU8('"username","starttime"\r\n"a","2026-01-01 00:00:00"\r\n') }));
      const ctrl = new AbortController();
      ctrl.abort();
      const error = await extractReportCsv(zip, path.join(dir, 'r.csv'), { signal: ctrl.signal }).then(
        () => assert.fail('expected the extraction to stop'),
        (e: unknown) => e,
      );
      assert.ok(isCancellation(error), String(error));
      assert.equal(toRpcError(error).kind, 'cancelled');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says when Retry or Update Secret can help', () => {
    assert.equal(isRetryable(new FrameApiError('network', 'x')), true);
    assert.equal(isRetryable(new FrameApiError('bad-response', 'x')), false);
    assert.equal(needsSecret(new FrameApiError('auth', 'x')), true);
    assert.equal(needsSecret(new FrameError('secret-missing', 'x')), true);
    assert.equal(needsSecret(new FrameApiError('forbidden', 'x')), false);
    assert.throws(
      () => parseSessionReportText('<html><body>Error</body></html>\n'),
      (e: unknown) => e instanceof FrameError && e.kind === 'bad-report',
    );
  });
});
