/**
 * The views and every tree item's `contextValue`, declared once. Nodes set their contextValue only
 * from CONTEXT, and the manifest unit test reads package.json's `view/item/context` menus against
 * it: every `viewItem` a menu names is one of these, every value reached by the menus its place
 * needs, no write command on a `.readOnly` item. The ground floor: imports nothing.
 */
export const VIEWS = {
  accounts: 'frameAdmin.accounts',
  teamMembers: 'frameAdmin.teamMembers',
  applications: 'frameAdmin.applications',
  /** Write actions the extension ran (publish now; later ones too). */
  activity: 'frameAdmin.activity',
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
  /** The "Favourites" group at the top of the Accounts view, and a pinned account in it. */
  favourites: 'favourites',
  favourite: 'favourite',
  /** A row of the Activity view (one write action), and the connection it is grouped under. */
  activityEntry: 'activityEntry',
  activityConnection: 'activityConnection',
} as const;

export type ContextValue = (typeof CONTEXT)[keyof typeof CONTEXT];
