/** What the rest of the extension may use of the views (commands and activate() import only this). */
export { AccountsView, ConnectionNode, FavouriteNode, FavouritesNode } from './accountsView';
export { AccountDirectory, type DirectoryEntry, type DirectoryListing } from './accountDirectory';
export { ActivityConnectionNode, ActivityNode, ActivityView } from './activityView';
export { AdminAccountNode } from './admin/accounts';
export { isAdminItem, type AdminItem } from './admin/adminNode';
export { CustomerNode } from './admin/customer';
export { CloudProviderNode, DatacenterNode } from './admin/infrastructure';
export { OrganizationNode } from './admin/organizations';
export { PublishTaskNode, PublishTasksNode } from './admin/publishTasks';
export { UnreadableNode } from './admin/unreadable';
export type { AdminFilter } from './adminViewState';
export { ApplicationNode, ApplicationsView } from './applicationsView';
export { IconCache } from './iconCache';
export { MemberNode, TeamMembersView, type MemberFilter, type StatusFilter } from './teamMembersView';
export { ErrorNode, LoadMoreNode, MessageNode, PagedNode, ParentNode, TreeNode } from './tree/treeNode';
export { AccountLeafNode, AccountNode, ReportMonthNode, SessionReportsNode } from './webApiNodes';
