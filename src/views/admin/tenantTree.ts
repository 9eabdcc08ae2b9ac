/**
 * Where the Admin API part of the Accounts view starts: below an Admin API connection, the
 * customer (or, for credentials that cannot see it, what they can see, with a note saying why:
 * the policy is src/core/admin/startingPoint.ts), then Cloud Providers and Datacenters.
 */
import { startingPoint } from '../../core/admin';
import type { Connection } from '../../connections/connection';
import type { AccountsContext } from '../nodeContext';
import { MessageNode, type TreeNode } from '../tree/treeNode';
import { ScopedAccountsNode } from './accounts';
import { AdminSource } from './adminNode';
import { CustomerNode } from './customer';
import { CloudProvidersNode, DatacentersNode } from './infrastructure';
import { ScopedOrganizationsNode } from './organizations';

/** The children of an Admin API connection's node (`owner`): the tenant tree, then infrastructure. */
export async function adminConnectionChildren(
  owner: TreeNode & { readonly connection: Connection },
  ctx: AccountsContext,
): Promise<TreeNode[]> {
  const src = new AdminSource(owner.connection, ctx);
  const point = await startingPoint(await src.client());
  const infrastructure = [new CloudProvidersNode(owner, src), new DatacentersNode(owner, src)];
  if (point.level === 'customer') return [new CustomerNode(owner, src, point.customer), ...infrastructure];
  const list = point.level === 'organizations' ? new ScopedOrganizationsNode(owner, src) : new ScopedAccountsNode(owner, src);
  return [new MessageNode(owner, 'scope', point.note, 'info'), list, ...infrastructure];
}
