/** The reports core: streaming CSV, session reports, report zips and aggregations (no vscode). */
export { SESSION_COLUMNS, type SessionColumn, type SessionRecord } from './columns';
export {
  CsvScanner,
  CsvTokenizer,
  tokenizeCsv,
  fieldText,
  type CsvIssue,
  type CsvRecordView,
  type CsvRowHandler,
  type CsvScannerOptions,
  type CsvTokenizerOptions,
} from './csvTokenizer';
export { SessionReportError, ReportArchiveError, type SessionReportErrorCode, type ReportArchiveReason } from './errors';
export {
  SessionReportParser,
  parseSessionReport,
  parseSessionReportText,
  normalizeColumnName,
  checkSessionReportHead,
  mapHeader,
  sessionRecordMapper,
  type SessionRecordMapper,
  type SessionParserOptions,
  type SessionParseSummary,
  type SessionRecordHandler,
  type StreamParseOptions,
} from './sessionParser';
export { parseNumber, parseReportTime, parseDuration, utcDay, utcMillis } from './values';
export {
  openReportCsv,
  extractReportCsv,
  unsafeEntryName,
  type ReportArchiveLimits,
  type OpenReportOptions,
  type ReportCsvStream,
} from './reportZip';
export { QuantileSketch, percentilesOf, exactQuantile, type Percentiles } from './stats';
export {
  SessionAggregator,
  SessionAggregateBuilder,
  aggregateSessions,
  type AggregateState,
  type SessionAggregate,
  type SessionAggregateOptions,
  type DayStat,
  type DurationStats,
  type KeyStat,
  type TopList,
} from './sessionAggregate';
export {
  UsageAggregator,
  aggregateUsage,
  USAGE_DIMENSIONS,
  type UsageAggregate,
  type UsageBreakdown,
  type UsageDimension,
} from './usageAggregate';
export {
  SessionTable,
  SessionTableBuilder,
  durationHistogram,
  DURATION_EDGES_MINUTES,
  type TablePage,
  type TablePart,
} from './sessionTable';
export { TABLE_COLUMNS, type TableColumn, type TableRow, type TableSort } from './tableColumns';
export {
  loadSessions,
  loadUsage,
  usageAccountLabels,
  type FetchMonthly,
  type LoadedSessions,
  type LoadedUsage,
  type LoadSessionsOptions,
} from './loaders';
export {
  SessionSegmentReader,
  readSessionFile,
  readSessionStream,
  type SessionSegment,
  type SegmentColumns,
  type SegmentReaderOptions,
} from './sessionColumns';
export { mergeSegments, concatSegments, type MergedSessions } from './sessionMerge';
export { readSessionDetails, readRecordAt, type DetailsSource, type SessionDetails } from './sessionDetails';
export {
  exportSessionsParquet,
  parquetPath,
  PARQUET_COLUMNS,
  type ParquetMonth,
  type ParquetExportOptions,
  type ParquetExportResult,
} from './parquetExport';
export { SessionReadPool, defaultThreads, readerThreads, type ReadPoolOptions, type OpenedParts } from './sessionReadPool';
export { openMonth, type MonthJob, type OpenedMonth } from './monthReader';
export { ColumnarCache, COLUMNAR_FORMAT_VERSION, type ColumnarCacheOptions } from './columnarCache';
export { MonthlyReportStore, findReportLink, reportLinkOf, type MonthlyReportRef, type Progress } from './monthlyReports';
export { csvLine, csvNumber, csvText } from '../csvWriter';
export { usageCsv } from './usageCsv';
export type { DurationHistogram, SessionsQuery, SessionsResult, UsageQuery, UsageResult } from './aggregateTypes';
