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
  /** An Admin API connection; `.filtered` while a name filter is on (Clear Filter shows). */
  connectionAdmin: 'connection.admin',
  connectionAdminFiltered: 'connection.admin.filtered',
  webAccount: 'account.web',
  /** An Admin API account; `.readOnly` on a read-only connection (no write action shows). */
  adminAccount: 'account.admin',
  adminAccountReadOnly: 'account.admin.readOnly',
  usage: 'usage',
  sessionReports: 'reports',
  reportMonth: 'reportMonth',
  recentSessions: 'recentSessions',
  customer: 'customer',
  organization: 'organization',
  /** "Organizations" / "Accounts" at the top of credentials that cannot see the customer. */
  adminList: 'adminList',
  publishTasks: 'publishTasks',
  publishTask: 'publishTask',
  cloudProviders: 'cloudProviders',
  cloudProvider: 'cloudProvider',
  datacenters: 'datacenters',
  datacenter: 'datacenter',
  /** A line of read-only detail (a datacenter's image family, its groups). */
  detail: 'detail',
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
const ADMIN_ENTITY_MENU: readonly CommandId[] = [COMMANDS.copyId, COMMANDS.showDetails];
const TENANT_LEVEL_MENU: readonly CommandId[] = [COMMANDS.refreshNode, ...ADMIN_ENTITY_MENU, COMMANDS.showAuditTrail];

/** Where each kind of item appears, and every command its context menu (inline or not) offers. */
export const ITEM_MENUS: Record<ContextValue, { views: readonly ViewId[]; commands: readonly CommandId[] }> = {
  [CONTEXT.connection]: { views: [VIEWS.accounts], commands: CONNECTION_MENU },
  [CONTEXT.connectionSecretMissing]: { views: [VIEWS.accounts], commands: CONNECTION_MENU },
  [CONTEXT.connectionAdmin]: { views: [VIEWS.accounts], commands: [...CONNECTION_MENU, COMMANDS.filterAdmin] },
  [CONTEXT.connectionAdminFiltered]: {
    views: [VIEWS.accounts],
    commands: [...CONNECTION_MENU, COMMANDS.filterAdmin, COMMANDS.clearAdminFilter],
  },
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
  [CONTEXT.adminAccount]: { views: [VIEWS.accounts], commands: [COMMANDS.refreshNode, ...ADMIN_ENTITY_MENU, COMMANDS.publishSandbox] },
  [CONTEXT.adminAccountReadOnly]: { views: [VIEWS.accounts], commands: [COMMANDS.refreshNode, ...ADMIN_ENTITY_MENU] },
  [CONTEXT.usage]: { views: [VIEWS.accounts], commands: [COMMANDS.showReports, COMMANDS.openUsage] },
  [CONTEXT.sessionReports]: { views: [VIEWS.accounts], commands: [COMMANDS.showReports, COMMANDS.refreshNode] },
  [CONTEXT.reportMonth]: { views: [VIEWS.accounts], commands: [COMMANDS.openMonthlyReport] },
  [CONTEXT.recentSessions]: { views: [VIEWS.accounts], commands: [COMMANDS.openRecentSessions] },
  [CONTEXT.customer]: { views: [VIEWS.accounts], commands: TENANT_LEVEL_MENU },
  [CONTEXT.organization]: { views: [VIEWS.accounts], commands: TENANT_LEVEL_MENU },
  [CONTEXT.adminList]: { views: [VIEWS.accounts], commands: [COMMANDS.refreshNode] },
  [CONTEXT.publishTasks]: { views: [VIEWS.accounts], commands: [COMMANDS.refreshNode] },
  [CONTEXT.publishTask]: { views: [VIEWS.accounts], commands: ADMIN_ENTITY_MENU },
  [CONTEXT.cloudProviders]: { views: [VIEWS.accounts], commands: [COMMANDS.refreshNode] },
  [CONTEXT.cloudProvider]: { views: [VIEWS.accounts], commands: ADMIN_ENTITY_MENU },
  [CONTEXT.datacenters]: { views: [VIEWS.accounts], commands: [COMMANDS.refreshNode] },
  [CONTEXT.datacenter]: { views: [VIEWS.accounts], commands: ADMIN_ENTITY_MENU },
  [CONTEXT.detail]: { views: [VIEWS.accounts], commands: [] },
  // (Copy Emails replaces Copy Email and Copy Name on a multi-selection: `listMultiSelection`.)
  [CONTEXT.member]: { views: [VIEWS.teamMembers], commands: [COMMANDS.copyEmail, COMMANDS.copyName] },
  [CONTEXT.application]: { views: [VIEWS.applications], commands: [COMMANDS.copyName] },
  [CONTEXT.error]: { views: ALL_VIEWS, commands: ERROR_MENU },
  [CONTEXT.authError]: { views: ALL_VIEWS, commands: [...ERROR_MENU, COMMANDS.updateSecret] },
  [CONTEXT.message]: { views: ALL_VIEWS, commands: [] },
  [CONTEXT.loadMore]: { views: ALL_VIEWS, commands: [COMMANDS.loadAll] },
};
