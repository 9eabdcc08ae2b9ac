/**
 * Where the tenant tree of an Admin API connection starts. Customer-wide credentials start at the
 * customer; credentials limited to organizations are refused the customer (403, or 404 on some
 * tenants) but can list organizations; account-scoped ones are refused both and list accounts.
 * A limited start comes with a note saying why, for the tree to show above it.
 */
import type { AdminCustomer, FrameAdminClient } from '../api';
import * as l10n from '@vscode/l10n';
import { isFrameError } from '../errors';

export type StartingPoint =
  | { level: 'customer'; customer: AdminCustomer }
  | { level: 'organizations' | 'accounts'; /** Why the tree starts lower, for people. */ note: string };

/** Refused or hidden: the credentials' scope, not a failure to report. */
const outOfScope = (e: unknown) => isFrameError(e, 'forbidden') || isFrameError(e, 'not-found');

export async function startingPoint(admin: FrameAdminClient, signal?: AbortSignal): Promise<StartingPoint> {
  try {
    return { level: 'customer', customer: await admin.getCustomer(signal) };
  } catch (e) {
    if (!outOfScope(e)) throw e;
    const refused = isFrameError(e, 'forbidden');
    let orgsVisible = false;
    try {
      orgsVisible = (await admin.listOrganizations({}, { limit: 1, signal })).items.length > 0;
    } catch (inner) {
      if (!outOfScope(inner)) throw inner;
    }
    return orgsVisible
      ? {
          level: 'organizations',
          note: refused
            ? l10n.t('The customer is refused (HTTP 403) for these credentials: showing the organizations they can see.')
            : l10n.t('The customer is not found (HTTP 404) for these credentials: showing the organizations they can see.'),
        }
      : {
          level: 'accounts',
          note: refused
            ? l10n.t('The customer and its organizations are refused (HTTP 403) for these credentials: showing the accounts they can see.')
            : l10n.t(
                'The customer and its organizations are not found (HTTP 404) for these credentials: showing the accounts they can see.',
              ),
        };
  }
}
