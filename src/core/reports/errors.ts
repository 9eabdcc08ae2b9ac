/** Typed errors of the reports core: a `code`/`reason` for callers, a message that says what to do. */

export type SessionReportErrorCode =
  /** The header has none of the expected columns (an HTML error page, JSON, another CSV). */
  | 'not-a-session-report'
  /** The input is a zip archive: it must go through `openReportCsv` first. */
  | 'zipped'
  /** `strict` was set and a record was malformed. */
  | 'malformed-record';

export class SessionReportError extends Error {
  override readonly name = 'SessionReportError';
  constructor(
    readonly code: SessionReportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type ReportArchiveReason =
  'not-a-zip' | 'corrupt' | 'too-many-entries' | 'unsafe-entry-name' | 'no-csv' | 'too-large' | 'compression-ratio' | 'aborted';

export class ReportArchiveError extends Error {
  override readonly name = 'ReportArchiveError';
  constructor(
    readonly reason: ReportArchiveReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
