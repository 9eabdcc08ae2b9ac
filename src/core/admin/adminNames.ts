/**
 * The names of an Admin API tenant for finding things (Go to Account, the audit trail's names):
 * its organizations and every account the credentials see, in a few requests whatever the number
 * of organizations (`GET /organizations`, `GET /accounts`, each paged to a bound). Account objects
 * carry no organization id: which organization an account is in is AccountOrganizations' job.
 */
import type { AdminAccount, AdminOrganization, FrameAdminClient } from '../api';
import { startingPoint } from './startingPoint';

export interface AdminNames {
  /** Empty when the credentials see no organizations (account-scoped). */
  organizations: AdminOrganization[];
  accounts: AdminAccount[];
  /** False when the tenant is bigger than the bound (Frame's name filter finds the rest). */
  complete: boolean;
}

export async function readAdminNames(
  admin: FrameAdminClient,
  bound: { organizations: number; accounts: number },
  signal?: AbortSignal,
): Promise<AdminNames> {
  const point = await startingPoint(admin, signal);
  const [organizations, accounts] = await Promise.all([
    point.level === 'accounts'
      ? Promise.resolve([])
      : admin.all((p) => admin.listOrganizations({}, p), { maxItems: bound.organizations + 1, signal }),
    admin.all((p) => admin.listAccounts({}, p), { maxItems: bound.accounts + 1, signal }),
  ]);
  return {
    organizations: organizations.slice(0, bound.organizations),
    accounts: accounts.slice(0, bound.accounts),
    complete: organizations.length <= bound.organizations && accounts.length <= bound.accounts,
  };
}
