/**
 * Every command the extension contributes, declared once. Code refers to commands only through
 * this table, and a unit test compares it with package.json (ids, and which are hidden from the
 * palette), so the manifest and the code cannot drift apart. The ground floor: imports nothing,
 * so every layer may use it (and the test runs in bare Node).
 */
export const COMMANDS = {
  addConnection: 'frameAdmin.addConnection',
  editConnection: 'frameAdmin.editConnection',
  renameConnection: 'frameAdmin.renameConnection',
  removeConnection: 'frameAdmin.removeConnection',
  updateSecret: 'frameAdmin.updateSecret',
  testConnection: 'frameAdmin.testConnection',
  refresh: 'frameAdmin.refresh',
  refreshNode: 'frameAdmin.refreshNode',
  retry: 'frameAdmin.retry',
  loadMore: 'frameAdmin.loadMore',
  loadAll: 'frameAdmin.loadAll',
  copyAccountId: 'frameAdmin.copyAccountId',
  copyEmail: 'frameAdmin.copyEmail',
  copyEmails: 'frameAdmin.copyEmails',
  copyName: 'frameAdmin.copyName',
  selectAccount: 'frameAdmin.selectAccount',
  filterTeamMembers: 'frameAdmin.filterTeamMembers',
  showReports: 'frameAdmin.showReports',
  showCapacity: 'frameAdmin.showCapacity',
  openRecentSessions: 'frameAdmin.openRecentSessions',
  openMonthlyReport: 'frameAdmin.openMonthlyReport',
  openUsage: 'frameAdmin.openUsage',
  refreshDocument: 'frameAdmin.refreshDocument',
  exportSessionsParquet: 'frameAdmin.exportSessionsParquet',
  clearReportCache: 'frameAdmin.clearReportCache',
  searchSessions: 'frameAdmin.searchSessions',
  sendSignedRequest: 'frameAdmin.sendSignedRequest',
  copyRequestAsCurl: 'frameAdmin.copyRequestAsCurl',
  sendAgain: 'frameAdmin.sendAgain',
  compareWithPrevious: 'frameAdmin.compareWithPrevious',
  saveToRequestFile: 'frameAdmin.saveToRequestFile',
  showLog: 'frameAdmin.showLog',
  // Signed request files (*.frame.http)
  sendRequestInFile: 'frameAdmin.sendRequestInFile',
  sendAllRequestsInFile: 'frameAdmin.sendAllRequestsInFile',
  useFrameSigning: 'frameAdmin.useFrameSigning',
  // Admin API
  copyId: 'frameAdmin.copyId',
  showDetails: 'frameAdmin.showDetails',
  filterAdmin: 'frameAdmin.filterAdmin',
  clearAdminFilter: 'frameAdmin.clearAdminFilter',
  hideInactiveAccounts: 'frameAdmin.hideInactiveAccounts',
  showInactiveAccounts: 'frameAdmin.showInactiveAccounts',
  publishSandbox: 'frameAdmin.publishSandbox',
  showAuditTrail: 'frameAdmin.showAuditTrail',
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandName];

/** Commands that only make sense on a tree node or an editor: hidden from the command palette. */
export const NOT_IN_PALETTE: ReadonlySet<CommandId> = new Set([
  COMMANDS.sendRequestInFile,
  COMMANDS.sendAgain,
  COMMANDS.compareWithPrevious,
  COMMANDS.refreshNode,
  COMMANDS.retry,
  COMMANDS.loadMore,
  COMMANDS.loadAll,
  COMMANDS.copyEmails,
  COMMANDS.copyName,
  COMMANDS.selectAccount,
  COMMANDS.refreshDocument,
  COMMANDS.copyId,
  COMMANDS.showDetails,
]);

/**
 * Commands that change something at Frame. A `.readOnly` item never offers one (the manifest test
 * checks package.json's menus), and the command itself refuses a read-only connection.
 */
export const WRITE_COMMANDS: ReadonlySet<CommandId> = new Set([COMMANDS.publishSandbox]);
