/**
 * The engine: the heavy half of the extension (undici's HTTP stack, the report engine with yauzl,
 * the reports panel's controller), bundled apart into dist/engine.js and loaded on first use
 * through src/lazyEngine.ts, so that activation loads only what registers views and commands.
 * Only this file's exports cross the boundary; everything else in the engine is internal to it.
 */
export { HttpTransport } from './core/http/transport';
export { MonthlyReportStore } from './core/reports/monthlyReports';
export { ReportsController } from './reports/reportsController';
// "Export Sessions as Parquet" (the writer itself is imported on first use, inside the export).
export { exportSessionsParquet, parquetPath } from './core/reports/parquetExport';
// "Frame: Search Sessions…": the QuickPick and the search over every month already read.
export { searchSessions } from './commands/sessionSearchPick';
