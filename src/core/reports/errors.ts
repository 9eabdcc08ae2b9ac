/** Typed errors of the reports core: a `code`/`reason` for callers, a message that says what to do. */
import { FrameError } from '../errors';

export type SessionReportErrorCode =
  /** The header has none of the expected columns (an HTML error page, JSON, another CSV). */
  | 'not-a-session-report'
  /** The input is a zip archive: its CSV must be extracted first (`openReportCsv`). */
  | 'zipped'
  /** `strict` was set and a record was malformed. */
  | 'malformed-record';

export class SessionReportError extends FrameError {
  override readonly name = 'SessionReportError';
  constructor(
    readonly code: SessionReportErrorCode,
    message: string,
  ) {
    super('bad-report', message);
  }
}

export type ReportArchiveReason =
  'not-a-zip' | 'corrupt' | 'too-many-entries' | 'unsafe-entry-name' | 'no-csv' | 'too-large' | 'compression-ratio' | 'aborted';

/** A report zip that was refused; `aborted` (the caller's signal) is a cancellation, not a failure. */
export class ReportArchiveError extends FrameError {
  override readonly name = 'ReportArchiveError';
  constructor(
    readonly reason: ReportArchiveReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(reason === 'aborted' ? 'cancelled' : 'bad-archive', message, options);
  }
}
