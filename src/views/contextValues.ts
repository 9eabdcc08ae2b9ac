/**
 * The views, every tree item's `contextValue`, and which commands each item offers, declared once.
 * Nodes set their contextValue only from CONTEXT, and a unit test evaluates every `when` clause of
 * the manifest's `view/item/context` menus against this table, so a menu can neither miss a node
 * nor reach one it does not belong to (an Admin API account offered Web API actions, say).
 * No vscode import: the test runs in bare Node.
 */
import { COMMANDS, type CommandId } from '../commands/ids';

export const VIEWS = {
  accounts: 'frameAdmin.accounts',
  teamMembers: 'frameAdmin.teamMembers',
  applications: 'frameAdmin.applications',
} as const;

export type ViewId = (typeof VIEWS)[keyof typeof VIEWS];

export const CONTEXT = {
  connection: 'connection',
  connectionSecretMissing: 'connection.secretMissing',
  webAccount: 'account.web',
  adminAccount: 'account.admin',
  usage: 'usage',
  sessionReports: 'reports',
  reportMonth: 'reportMonth',
  recentSessions: 'recentSessions',
  customer: 'customer',
  organization: 'organization',
  member: 'member',
  application: 'application',
  error: 'error',
  authError: 'error.auth',
  message: 'message',
  loadMore: 'loadMore',
} as const;

export type ContextValue = (typeof CONTEXT)[keyof typeof CONTEXT];

const ALL_VIEWS: readonly ViewId[] = Object.values(VIEWS);
const CONNECTION_MENU: readonly CommandId[] = [
  COMMANDS.refreshNode,
  COMMANDS.testConnection,
  COMMANDS.editConnection,
  COMMANDS.renameConnection,
  COMMANDS.updateSecret,
  COMMANDS.removeConnection,
];
const ERROR_MENU: readonly CommandId[] = [COMMANDS.retry, COMMANDS.showLog];

/** Where each kind of item appears, and every command its context menu (inline or not) offers. */
export const ITEM_MENUS: Record<ContextValue, { views: readonly ViewId[]; commands: readonly CommandId[] }> = {
  [CONTEXT.connection]: { views: [VIEWS.accounts], commands: CONNECTION_MENU },
  [CONTEXT.connectionSecretMissing]: { views: [VIEWS.accounts], commands: CONNECTION_MENU },
  [CONTEXT.webAccount]: {
    views: [VIEWS.accounts],
    commands: [
      COMMANDS.showReports,
      COMMANDS.refreshNode,
      COMMANDS.copyAccountId,
      COMMANDS.copyEmail,
      COMMANDS.openRecentSessions,
      COMMANDS.openUsage,
    ],
  },
  [CONTEXT.adminAccount]: { views: [VIEWS.accounts], commands: [COMMANDS.copyAccountId] },
  [CONTEXT.usage]: { views: [VIEWS.accounts], commands: [COMMANDS.showReports, COMMANDS.openUsage] },
  [CONTEXT.sessionReports]: { views: [VIEWS.accounts], commands: [COMMANDS.showReports, COMMANDS.refreshNode] },
  [CONTEXT.reportMonth]: { views: [VIEWS.accounts], commands: [COMMANDS.openMonthlyReport] },
  [CONTEXT.recentSessions]: { views: [VIEWS.accounts], commands: [COMMANDS.openRecentSessions] },
  [CONTEXT.customer]: { views: [VIEWS.accounts], commands: [COMMANDS.refreshNode] },
  [CONTEXT.organization]: { views: [VIEWS.accounts], commands: [COMMANDS.refreshNode] },
  // (Copy Emails replaces Copy Email and Copy Name on a multi-selection: `listMultiSelection`.)
  [CONTEXT.member]: { views: [VIEWS.teamMembers], commands: [COMMANDS.copyEmail, COMMANDS.copyName] },
  [CONTEXT.application]: { views: [VIEWS.applications], commands: [COMMANDS.copyName] },
  [CONTEXT.error]: { views: ALL_VIEWS, commands: ERROR_MENU },
  [CONTEXT.authError]: { views: ALL_VIEWS, commands: [...ERROR_MENU, COMMANDS.updateSecret] },
  [CONTEXT.message]: { views: ALL_VIEWS, commands: [] },
  [CONTEXT.loadMore]: { views: ALL_VIEWS, commands: [COMMANDS.loadAll] },
};
