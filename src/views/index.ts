/** What the rest of the extension may use of the views (commands and activate() import only this). */
export { AccountsView, ConnectionNode } from './accountsView';
export {
  AdminAccountNode,
  CloudProviderNode,
  CustomerNode,
  DatacenterNode,
  OrganizationNode,
  PublishTaskNode,
  PublishTasksNode,
  UnreadableNode,
  isAdminItem,
  type AdminItem,
} from './adminApiNodes';
export type { AdminFilter } from './adminViewState';
export { ApplicationNode, ApplicationsView } from './applicationsView';
export { IconCache } from './iconCache';
export { MemberNode, TeamMembersView, type MemberFilter, type StatusFilter } from './teamMembersView';
export { ErrorNode, LoadMoreNode, MessageNode, PagedNode, ParentNode, TreeNode } from './tree/treeNode';
export { AccountLeafNode, AccountNode, ReportMonthNode, SessionReportsNode } from './webApiNodes';
