/**
 * The names "Go to Account…" and the status-bar switcher search: every connection, and below each
 * its accounts (Web API) or its organizations and their accounts (Admin API), read once and cached
 * until a refresh. Admin API tenants are read to a bound; beyond it, what is typed is asked of
 * Frame's `name` filter (`searchAdmin`). Plain data for the quick picks and for `revealEntry`.
 */
import type { Account, FrameAdminClient } from '../core/api';
import { startingPoint } from '../core/admin';
import type { ClientFactory } from '../connections/clients';
import type { Connection } from '../connections/connection';

export type DirectoryEntry =
  | { kind: 'connection'; connection: Connection }
  | { kind: 'organization'; connection: Connection; id: string; name: string }
  | {
      kind: 'account';
      connection: Connection;
      id: string;
      name: string;
      /** Admin API: the organization it was listed under (undefined when found by name alone, or scoped credentials). */
      organization?: { id: string; name: string };
      /** Web API: the account as the account commands and the selection take it. */
      webAccount?: Account;
    };

export interface DirectoryListing {
  entries: DirectoryEntry[];
  /** False when the tenant is bigger than the bound: Frame's name filter finds the rest. */
  complete: boolean;
  /** Why the connection could not be read (its entries are then just the connection). */
  error?: unknown;
}

/** Organizations and accounts read per Admin API connection before Frame's name filter takes over. */
export const DIRECTORY_BOUND = { organizations: 200, accounts: 2000 };
/** Organizations whose accounts are read at the same time. */
const PARALLEL = 4;

export class AccountDirectory {
  private readonly cache = new Map<string, Promise<DirectoryListing>>();

  constructor(private readonly clients: ClientFactory) {}

  /** The connection's entries (the connection first), read once until `forget`. */
  listing(connection: Connection): Promise<DirectoryListing> {
    let found = this.cache.get(connection.id);
    if (!found) {
      found = this.read(connection).catch((error: unknown) => {
        // A failure is not cached: the next pick tries again.
        this.cache.delete(connection.id);
        return { entries: [{ kind: 'connection', connection }], complete: true, error } satisfies DirectoryListing;
      });
      this.cache.set(connection.id, found);
    }
    return found;
  }

  /** Organization and account names by id (the audit trail shows them for ids). */
  async names(connection: Connection): Promise<ReadonlyMap<string, string>> {
    const map = new Map<string, string>();
    for (const e of (await this.listing(connection)).entries) if (e.kind !== 'connection') map.set(e.id, e.name);
    return map;
  }

  /** Forgets what was read (of one connection, or all): a refresh, an edited connection. */
  forget(connectionId?: string): void {
    if (connectionId) this.cache.delete(connectionId);
    else this.cache.clear();
  }

  /** Organizations and accounts whose name contains `text`, asked of Frame (its `name` filter). */
  async searchAdmin(connection: Connection, text: string, signal?: AbortSignal): Promise<DirectoryEntry[]> {
    const admin = await this.clients.admin(connection);
    const limit = 50;
    const [orgs, accounts] = await Promise.all([
      admin.listOrganizations({ name: text }, { limit, signal }).then(
        (p) => p.items,
        () => [],
      ),
      admin.listAccounts({ name: text }, { limit, signal }).then((p) => p.items),
    ]);
    return [
      ...orgs.map((o): DirectoryEntry => ({ kind: 'organization', connection, id: o.id, name: o.name || o.id })),
      ...accounts.map((a): DirectoryEntry => ({ kind: 'account', connection, id: a.id, name: a.name || a.id })),
    ];
  }

  private async read(connection: Connection): Promise<DirectoryListing> {
    const self: DirectoryEntry = { kind: 'connection', connection };
    switch (connection.apiKind) {
      case 'web': {
        const accounts = await (await this.clients.web(connection)).listAccounts();
        return {
          entries: [
            self,
            ...accounts.map((a): DirectoryEntry => ({
              kind: 'account',
              connection,
              id: a.accountId,
              name: a.name || a.accountId,
              webAccount: a,
            })),
          ],
          complete: true,
        };
      }
      case 'admin':
        return this.readAdmin(connection, await this.clients.admin(connection));
      default:
        return { entries: [self], complete: true };
    }
  }

  /** Organizations (to the bound), then the accounts of each, a few organizations at a time. */
  private async readAdmin(connection: Connection, admin: FrameAdminClient): Promise<DirectoryListing> {
    const entries: DirectoryEntry[] = [{ kind: 'connection', connection }];
    const point = await startingPoint(admin);
    if (point.level === 'accounts') {
      const accounts = await admin.all((p) => admin.listAccounts({}, p), { maxItems: DIRECTORY_BOUND.accounts + 1 });
      for (const a of accounts.slice(0, DIRECTORY_BOUND.accounts))
        entries.push({ kind: 'account', connection, id: a.id, name: a.name || a.id });
      return { entries, complete: accounts.length <= DIRECTORY_BOUND.accounts };
    }
    const orgs = await admin.all((p) => admin.listOrganizations({}, p), { maxItems: DIRECTORY_BOUND.organizations + 1 });
    let complete = orgs.length <= DIRECTORY_BOUND.organizations;
    let budget = DIRECTORY_BOUND.accounts;
    const kept = orgs.slice(0, DIRECTORY_BOUND.organizations);
    const perOrg: DirectoryEntry[][] = new Array(kept.length);
    let next = 0;
    const worker = async () => {
      while (next < kept.length && budget > 0) {
        const i = next++;
        const o = kept[i]!;
        const organization = { id: o.id, name: o.name || o.id };
        const accounts = await admin.all((p) => admin.listAccounts({ organizationId: o.id }, p), { maxItems: Math.max(1, budget) + 1 });
        if (accounts.length > budget) complete = false;
        const taken = accounts.slice(0, Math.max(0, budget));
        budget -= taken.length;
        perOrg[i] = taken.map((a): DirectoryEntry => ({ kind: 'account', connection, id: a.id, name: a.name || a.id, organization }));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    if (next < kept.length) complete = false;
    kept.forEach((o, i) => {
      entries.push({ kind: 'organization', connection, id: o.id, name: o.name || o.id });
      entries.push(...(perOrg[i] ?? []));
    });
    return { entries, complete };
  }
}
