/**
 * The engine: the heavy half of the extension (undici's HTTP stack, the report engine with yauzl,
 * the reports panel's controller), bundled apart into dist/engine.js and loaded on first use
 * through src/lazyEngine.ts, so that activation loads only what registers views and commands.
 * Only this file's exports cross the boundary; everything else in the engine is internal to it.
 */
import * as vscode from 'vscode';
import { useL10nBundle } from './core/l10n';

// This bundle has its own copy of @vscode/l10n: it reads the display language's strings too.
useL10nBundle(vscode.l10n.bundle);

export { HttpTransport } from './core/http/transport';
export { MonthlyReportStore } from './core/reports/monthlyReports';
export { ReportsController } from './reports/reportsController';
// "Export Sessions as Parquet" (the writer itself is imported on first use, inside the export).
export { exportSessionsParquet, parquetPath } from './core/reports/parquetExport';
// "Frame: Search Sessions…": the QuickPick and the search over every month already read.
export { searchSessions } from './commands/sessionSearchPick';
