/**
 * Finds the node of a directory entry (a connection, an organization, an account) in the Accounts
 * view, walking the tree's own nodes (the ones VS Code was given, so that TreeView.reveal knows
 * them) and loading further pages where the entry is not among those loaded. An Admin API account
 * whose organization is not known, or an entry beyond the pages the walk reads, is found by
 * setting the connection's name filter (shown in the view; Clear Filter undoes it).
 */
import type { AdminFilter } from './adminViewState';
import type { DirectoryEntry } from './accountDirectory';
import { AdminAccountNode, ScopedAccountsNode } from './admin/accounts';
import { OrganizationListNode, OrganizationNode } from './admin/organizations';
import { LoadMoreNode, PagedNode, type TreeNode } from './tree/treeNode';
import { AccountNode } from './webApiNodes';

/** Pages read in one list before the walk falls back to the name filter. */
const MAX_PAGES = 10;
/** Organizations searched for an account whose organization is not known (under the filter, only those with a match show). */
const MAX_ORGANIZATIONS = 25;

export interface FinderHost {
  /** The connection's node as the view shows it now. */
  connectionNode(connectionId: string): Promise<TreeNode | undefined>;
  /** Sets the connection's name filter (the view reloads below the connection). */
  setFilter(connectionId: string, filter: AdminFilter): Promise<void>;
}

/** The node, or undefined when the entry is not there (removed, or hidden by the inactive toggle). */
export async function findEntryNode(host: FinderHost, entry: DirectoryEntry): Promise<TreeNode | undefined> {
  const found = await walk(host, entry);
  if (found !== 'not-loaded') return found;
  if (entry.kind === 'organization') await host.setFilter(entry.connection.id, { organizations: entry.name });
  else if (entry.kind === 'account') await host.setFilter(entry.connection.id, { accounts: entry.name });
  const again = await walk(host, entry, true);
  return again === 'not-loaded' ? undefined : again;
}

async function walk(host: FinderHost, entry: DirectoryEntry, filtered = false): Promise<TreeNode | undefined | 'not-loaded'> {
  const connection = await host.connectionNode(entry.connection.id);
  if (!connection || entry.kind === 'connection') return connection;
  if (entry.connection.apiKind === 'web') {
    const id = entry.id;
    return (await childMatching(connection, (n) => n instanceof AccountNode && n.account.accountId === id)) ?? 'not-loaded';
  }
  const top = await connection.getChildren();
  const orgList = top.find((n): n is OrganizationListNode => n instanceof OrganizationListNode);
  const scopedAccounts = top.find((n): n is ScopedAccountsNode => n instanceof ScopedAccountsNode);
  const isAccount = (n: TreeNode) => n instanceof AdminAccountNode && n.adminAccount.id === entry.id;
  if (entry.kind === 'organization') {
    if (!orgList) return undefined;
    return (await childMatching(orgList, (n) => n instanceof OrganizationNode && n.organization.id === entry.id)) ?? 'not-loaded';
  }
  if (scopedAccounts) return (await childMatching(scopedAccounts, isAccount)) ?? 'not-loaded';
  if (!orgList) return undefined;
  const orgId = entry.organization?.id;
  if (orgId) {
    const org = await childMatching(orgList, (n) => n instanceof OrganizationNode && n.organization.id === orgId);
    if (org) return (await childMatching(org, isAccount)) ?? 'not-loaded';
    if (!filtered) return 'not-loaded';
  }
  // The organization is not known: under the accounts filter only organizations with a match show.
  if (!filtered) return 'not-loaded';
  const orgs = (await orgList.getChildren()).filter((n) => n instanceof OrganizationNode).slice(0, MAX_ORGANIZATIONS);
  for (const org of orgs) {
    const account = await childMatching(org, isAccount);
    if (account) return account;
  }
  return 'not-loaded';
}

/** The first child that matches, reading up to MAX_PAGES pages of a paged list. */
async function childMatching(parent: TreeNode, match: (n: TreeNode) => boolean): Promise<TreeNode | undefined> {
  for (let page = 1; ; page++) {
    const children = await parent.getChildren();
    const found = children.find(match);
    if (found) return found;
    if (page >= MAX_PAGES || !(parent instanceof PagedNode) || !children.some((n) => n instanceof LoadMoreNode)) return undefined;
    await parent.loadMore();
  }
}
